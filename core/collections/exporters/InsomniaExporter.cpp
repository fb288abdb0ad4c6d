// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/exporters/InsomniaExporter.h"

#include "core/collections/RequestReferences.h"
#include "core/collections/importers/ImportHelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace verbscope::collections {

namespace {

class Export
{
public:
    Export(const Collection &collection, const ExportOptions &options, QStringList &warnings)
        : m_collection(collection)
        , m_options(options)
        , m_warnings(warnings)
    { }

    QByteArray run()
    {
        m_resources.append(QJsonObject { { QStringLiteral("_id"), QStringLiteral("wrk_1") },
            { QStringLiteral("_type"), QStringLiteral("workspace") }, { QStringLiteral("parentId"), QJsonValue() },
            { QStringLiteral("name"), m_collection.name() },
            { QStringLiteral("scope"), QStringLiteral("collection") } });
        // Request ids first: a reference may name a request further down its file.
        int n = 0;
        for (const CollectionFile &f : m_collection.files())
            for (const HttpRequest &r : f.parsed.file.requests)
                if (!r.name.isEmpty())
                    m_ids.insert(f.relativePath + QLatin1Char('\n') + r.name, QStringLiteral("req_%1").arg(++n));
        n = 0;
        for (const CollectionFile &f : m_collection.files()) {
            const QString folder = folderOf(f.relativePath);
            if (!f.parsed.file.variables.isEmpty())
                m_warnings
                    << QStringLiteral("%1: file variables have no place in Insomnia; not exported").arg(f.relativePath);
            for (const HttpRequest &r : f.parsed.file.requests)
                m_resources.append(request(f, r, folder, ++n));
        }
        environments();
        const QJsonObject root { { QStringLiteral("_type"), QStringLiteral("export") },
            { QStringLiteral("__export_format"), 4 },
            { QStringLiteral("__export_source"), QStringLiteral("verbscope") },
            { QStringLiteral("resources"), m_resources } };
        return QJsonDocument(root).toJson(QJsonDocument::Indented);
    }

private:
    // "Users/Admin.http" → folder Admin in folder Users; a folder per path, made once.
    QString folderOf(const QString &relativePath)
    {
        QString parent = QStringLiteral("wrk_1");
        QString path;
        QStringList parts = relativePath.split(QLatin1Char('/'));
        QString last = parts.takeLast();
        last.chop(last.endsWith(QLatin1String(".http")) ? 5 : last.endsWith(QLatin1String(".rest")) ? 5 : 0);
        parts << last;
        for (const QString &part : std::as_const(parts)) {
            path += QLatin1Char('/') + part;
            if (!m_folders.contains(path)) {
                const QString id = QStringLiteral("fld_%1").arg(m_folders.size() + 1);
                m_folders.insert(path, id);
                m_resources.append(QJsonObject { { QStringLiteral("_id"), id },
                    { QStringLiteral("_type"), QStringLiteral("request_group") },
                    { QStringLiteral("parentId"), parent }, { QStringLiteral("name"), part } });
            }
            parent = m_folders.value(path);
        }
        return parent;
    }

    // {{x}} → {{ _.x }}; dynamic variables → tags; {{name.response.…}} → a response tag.
    QString tmpl(const QString &text, const QString &file, const QString &item)
    {
        static const QRegularExpression var(QStringLiteral("\\{\\{\\s*([^{}]+?)\\s*\\}\\}"));
        QString out;
        qsizetype last = 0;
        for (auto it = var.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += text.mid(last, m.capturedStart() - last);
            last = m.capturedEnd();
            const QString v = m.captured(1);
            if (v == QLatin1String("$uuid") || v == QLatin1String("$random.uuid") || v == QLatin1String("$guid")) {
                out += QStringLiteral("{% uuid 'v4' %}");
            } else if (v == QLatin1String("$timestamp")) {
                out += QStringLiteral("{% now 'unix' %}");
            } else if (v == QLatin1String("$isoTimestamp")) {
                out += QStringLiteral("{% now 'iso-8601' %}");
            } else if (v.startsWith(QLatin1Char('$'))) {
                out += m.captured();
                m_warnings
                    << QStringLiteral("%1: %2 has no Insomnia equivalent; kept as written").arg(item, m.captured());
            } else if (const std::optional<RequestReference> ref = RequestReference::parse(v); ref
                       && ref->part == RequestReference::Part::Response && !ref->httpyacForm
                       && m_ids.contains(file + QLatin1Char('\n') + ref->name)) {
                const bool headers = ref->section == RequestReference::Section::Headers;
                const QString filter = ref->selector == QLatin1String("*") ? QString() : ref->selector;
                out += QStringLiteral("{% response '%1', '%2', 'b64::%3::46b', 'never', 60 %}")
                           .arg(headers ? QStringLiteral("header") : QStringLiteral("body"),
                               m_ids.value(file + QLatin1Char('\n') + ref->name),
                               QString::fromLatin1(filter.toUtf8().toBase64()));
            } else if (v.contains(QLatin1Char(' ')) || v.contains(QLatin1Char('('))) {
                out += m.captured();
                m_warnings
                    << QStringLiteral("%1: %2 has no Insomnia equivalent; kept as written").arg(item, m.captured());
            } else {
                out += QStringLiteral("{{ _.%1 }}").arg(v);
            }
        }
        return out + text.mid(last);
    }

    QJsonObject request(const CollectionFile &f, const HttpRequest &r, const QString &folder, int n)
    {
        const QString item = QStringLiteral("%1:%2").arg(f.relativePath).arg(r.line);
        auto t = [&](const QString &s) { return tmpl(s, f.relativePath, item); };
        QJsonObject o { { QStringLiteral("_id"),
                            r.name.isEmpty() ? QStringLiteral("req_x%1").arg(n)
                                             : m_ids.value(f.relativePath + QLatin1Char('\n') + r.name) },
            { QStringLiteral("_type"), QStringLiteral("request") }, { QStringLiteral("parentId"), folder },
            { QStringLiteral("name"), r.title.isEmpty() ? r.displayName() : r.title },
            { QStringLiteral("method"), r.method }, { QStringLiteral("url"), t(Exporter::url(r.target, m_options)) } };
        // The importer names a request after its title: another @name is lost, and references with it.
        if (!r.name.isEmpty() && r.name != importhelpers::slug(r.title))
            m_warnings << QStringLiteral("%1: @name %2 is not made of the title \"%3\"; Insomnia has no separate name")
                              .arg(item, r.name, r.title);
        QJsonArray headers, parameters;
        QStringList description;
        for (const QString &c : r.comments) {
            if (c.startsWith(QLatin1String("disabled: ")) && c.indexOf(QLatin1String(": "), 10) > 10) {
                const qsizetype colon = c.indexOf(QLatin1String(": "), 10);
                headers.append(QJsonObject { { QStringLiteral("name"), t(c.mid(10, colon - 10)) },
                    { QStringLiteral("value"), t(c.mid(colon + 2)) }, { QStringLiteral("disabled"), true } });
            } else if (c.startsWith(QLatin1String("disabled query: "))) {
                const QString pair = c.mid(16);
                const qsizetype eq = pair.indexOf(QLatin1Char('='));
                parameters.append(QJsonObject { { QStringLiteral("name"), t(pair.left(eq)) },
                    { QStringLiteral("value"), eq < 0 ? QString() : t(pair.mid(eq + 1)) },
                    { QStringLiteral("disabled"), true } });
            } else {
                description << c;
            }
        }
        QString mime;
        for (const HeaderLine &h : r.headers) {
            headers.append(QJsonObject { { QStringLiteral("name"), t(h.name) },
                { QStringLiteral("value"), t(Exporter::headerValue(h.name, h.value, m_options)) } });
            if (h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
                mime = h.value;
        }
        o.insert(QStringLiteral("headers"), headers);
        o.insert(QStringLiteral("parameters"), parameters);
        o.insert(QStringLiteral("description"), description.join(QLatin1Char('\n')));
        if (r.hasBody) {
            const QString file = r.bodyFilePath();
            o.insert(QStringLiteral("body"),
                file.isEmpty()
                    ? QJsonObject { { QStringLiteral("mimeType"), mime }, { QStringLiteral("text"), t(r.body) } }
                    : QJsonObject { { QStringLiteral("mimeType"), mime }, { QStringLiteral("fileName"), file } });
        }
        for (const Directive &d : r.directives) {
            if (d.name == QLatin1String("no-redirect"))
                o.insert(QStringLiteral("settingFollowRedirects"), QStringLiteral("off"));
            else
                m_warnings << QStringLiteral("%1: @%2 has no Insomnia equivalent; not exported").arg(item, d.name);
        }
        if (!r.variables.isEmpty())
            m_warnings << QStringLiteral("%1: request variables have no place in Insomnia; not exported").arg(item);
        if (!r.handlers.isEmpty())
            m_warnings << QStringLiteral("%1: response handlers and assertions are not exported").arg(item);
        return o;
    }

    // $shared → the base environment; named ones → sub-environments; the private file → private
    // sub-environments of the same names (values REDACTED unless --include-secrets).
    void environments()
    {
        const Environments &envs = m_collection.environments();
        auto data = [](const VariableMap &vars, bool redact) {
            QJsonObject o;
            for (auto it = vars.begin(); it != vars.end(); ++it)
                o.insert(it.key(), redact ? QString::fromLatin1(Exporter::Redacted) : it.value());
            return o;
        };
        const EnvironmentMap pub = envs.publicEnvironments(), priv = envs.privateEnvironments();
        const QString shared = QString::fromLatin1(Environments::Shared);
        m_resources.append(QJsonObject { { QStringLiteral("_id"), QStringLiteral("env_base") },
            { QStringLiteral("_type"), QStringLiteral("environment") },
            { QStringLiteral("parentId"), QStringLiteral("wrk_1") },
            { QStringLiteral("name"), QStringLiteral("Base Environment") },
            { QStringLiteral("data"), data(pub.value(shared), false) } });
        int n = 0;
        auto sub = [&](const QString &name, const VariableMap &vars, bool isPrivate) {
            m_resources.append(QJsonObject { { QStringLiteral("_id"), QStringLiteral("env_%1").arg(++n) },
                { QStringLiteral("_type"), QStringLiteral("environment") },
                { QStringLiteral("parentId"), QStringLiteral("env_base") }, { QStringLiteral("name"), name },
                { QStringLiteral("isPrivate"), isPrivate },
                { QStringLiteral("data"), data(vars, isPrivate && !m_options.includeSecrets) } });
        };
        for (auto it = pub.begin(); it != pub.end(); ++it)
            if (it.key() != shared)
                sub(it.key(), it.value(), false);
        for (auto it = priv.begin(); it != priv.end(); ++it)
            sub(it.key(), it.value(), true);
        if (!priv.isEmpty() && !m_options.includeSecrets)
            m_warnings << QStringLiteral("private environment values were replaced by REDACTED (use --include-secrets "
                                         "to keep them)");
    }

    const Collection &m_collection;
    const ExportOptions &m_options;
    QStringList &m_warnings;
    QJsonArray m_resources;
    QHash<QString, QString> m_folders; // "/Users/Admin" → fld_N
    QHash<QString, QString> m_ids; // "file\n@name" → req_N
};

} // namespace

QByteArray InsomniaExporter::write(const Collection &collection, const ExportOptions &options, QStringList &warnings)
{
    return Export(collection, options, warnings).run();
}

} // namespace verbscope::collections
