// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/exporters/PostmanExporter.h"

#include "core/collections/importers/Importer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QUuid>

namespace verbscope::collections {

namespace {

// A URL with {{variables}} split the way Postman stores it; QUrl would mangle the braces.
QJsonObject postmanUrl(const QString &raw, const QStringList &disabledQuery)
{
    QJsonObject url { { QStringLiteral("raw"), raw } };
    QString rest = raw;
    const qsizetype hash = rest.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        url.insert(QStringLiteral("hash"), rest.mid(hash + 1));
        rest.truncate(hash);
    }
    QJsonArray query;
    const qsizetype q = rest.indexOf(QLatin1Char('?'));
    if (q >= 0) {
        for (const QString &pair : rest.mid(q + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            query.append(QJsonObject { { QStringLiteral("key"), eq < 0 ? pair : pair.left(eq) },
                { QStringLiteral("value"), eq < 0 ? QJsonValue() : QJsonValue(pair.mid(eq + 1)) } });
        }
        rest.truncate(q);
    }
    for (const QString &pair : disabledQuery) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        query.append(QJsonObject { { QStringLiteral("key"), eq < 0 ? pair : pair.left(eq) },
            { QStringLiteral("value"), eq < 0 ? QString() : pair.mid(eq + 1) }, { QStringLiteral("disabled"), true } });
    }
    if (!query.isEmpty())
        url.insert(QStringLiteral("query"), query);
    const qsizetype scheme = rest.indexOf(QLatin1String("://"));
    if (scheme > 0) {
        url.insert(QStringLiteral("protocol"), rest.left(scheme));
        rest = rest.mid(scheme + 3);
    }
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    QString authority = slash < 0 ? rest : rest.left(slash);
    const QString path = slash < 0 ? QString() : rest.mid(slash + 1);
    const qsizetype colon = authority.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && !authority.mid(colon).contains(QLatin1Char('}'))) {
        url.insert(QStringLiteral("port"), authority.mid(colon + 1));
        authority.truncate(colon);
    }
    QJsonArray host;
    for (const QString &h : authority.split(QLatin1Char('.')))
        host.append(h);
    url.insert(QStringLiteral("host"), host);
    if (slash >= 0) {
        QJsonArray segments;
        for (const QString &s : path.split(QLatin1Char('/')))
            segments.append(s);
        url.insert(QStringLiteral("path"), segments);
    }
    return url;
}

QString languageOf(const QString &contentType)
{
    const QString t = contentType.toLower();
    if (t.contains(QLatin1String("json")))
        return QStringLiteral("json");
    if (t.contains(QLatin1String("xml")))
        return QStringLiteral("xml");
    if (t.contains(QLatin1String("html")))
        return QStringLiteral("html");
    if (t.contains(QLatin1String("javascript")))
        return QStringLiteral("javascript");
    return QStringLiteral("text");
}

// `> {% … %}` / `< {% … %}` blocks, each standing on its own lines, as Postman `exec` line lists;
// false when the text holds anything else (`> file.js`, `>> out`, `??`), which Postman cannot run.
bool scriptBlocks(const QString &text, QChar marker, QList<QStringList> *blocks)
{
    const QString open = QString(marker) + QStringLiteral(" {%");
    QStringList *current = nullptr;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        QString rest = line;
        if (!current) {
            if (line.trimmed().isEmpty())
                continue;
            if (!line.startsWith(open))
                return false;
            blocks->append(QStringList());
            current = &blocks->last();
            rest = line.mid(open.size());
            if (rest.trimmed().isEmpty())
                continue;
            rest = rest.trimmed(); // `> {% code %}` on one line: its code, without the spaces around it
        }
        if (rest.endsWith(QLatin1String("%}"))) {
            const QString last = rest.chopped(2);
            if (!last.trimmed().isEmpty())
                current->append(current->isEmpty() ? last.trimmed() : last);
            current = nullptr;
        } else {
            current->append(rest);
        }
    }
    return !current;
}

QJsonObject event(const QString &listen, const QStringList &exec)
{
    QJsonArray lines;
    for (const QString &l : exec)
        lines.append(l);
    return { { QStringLiteral("listen"), listen },
        { QStringLiteral("script"),
            QJsonObject {
                { QStringLiteral("type"), QStringLiteral("text/javascript") }, { QStringLiteral("exec"), lines } } } };
}

struct Folder {
    QJsonArray items;
    QMap<QString, Folder> children;
    QStringList order;
};

QJsonArray toItems(const Folder &f)
{
    QJsonArray out;
    for (const QJsonValue &v : f.items)
        out.append(v);
    for (const QString &name : f.order) {
        const Folder &child = f.children[name];
        out.append(QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("item"), toItems(child) } });
    }
    return out;
}

} // namespace

QByteArray PostmanExporter::write(const Collection &collection, const ExportOptions &options, QStringList &warnings)
{
    const QSet<QString> secrets = options.includeSecrets ? QSet<QString>() : Exporter::secretVariables(collection);
    QMap<QString, QString> variables;
    QStringList variableOrder;
    bool redacted = false;
    auto addVariable = [&](const QString &where, const FileVariable &v) {
        QString value = v.value;
        if (secrets.contains(v.name)) {
            value = QString::fromLatin1(Exporter::Redacted);
            redacted = true;
        }
        if (variables.contains(v.name) && variables.value(v.name) != value)
            warnings << QStringLiteral(
                "%1: variable %2 has another value elsewhere; Postman collection variables hold one")
                            .arg(where, v.name);
        if (!variables.contains(v.name))
            variableOrder << v.name;
        variables.insert(v.name, value);
    };
    // Public $shared values travel as collection variables; the private file never does.
    const VariableMap shared
        = collection.environments().publicEnvironments().value(QString::fromLatin1(Environments::Shared));
    for (auto it = shared.begin(); it != shared.end(); ++it)
        addVariable(QString::fromLatin1(Environments::PublicFile), { it.key(), it.value(), 0 });
    if (!collection.environments().names().isEmpty())
        warnings << QStringLiteral(
            "environments (%1) are not part of a Postman collection; with -o FILE they are written next to it as "
            "Postman environment files")
                        .arg(collection.environments().names().join(QStringLiteral(", ")));

    Folder root;
    for (const CollectionFile &f : collection.files()) {
        for (const FileVariable &v : f.parsed.file.variables)
            addVariable(f.relativePath, v);
        // "Users/Admin.http" → folder Users › Admin
        QStringList parts = f.relativePath.split(QLatin1Char('/'));
        parts.last() = QFileInfo(parts.last()).completeBaseName();
        Folder *folder = &root;
        for (const QString &p : std::as_const(parts)) {
            if (!folder->children.contains(p))
                folder->order << p;
            folder = &folder->children[p];
        }
        for (const HttpRequest &r : f.parsed.file.requests) {
            const QString who = f.relativePath + QStringLiteral(": ") + r.displayName();
            for (const FileVariable &v : r.variables)
                addVariable(who, v);
            QJsonArray headers;
            QString contentType;
            for (const HeaderLine &h : r.headers) {
                const QString value = Exporter::headerValue(h.name, h.value, options);
                redacted = redacted || value != h.value;
                headers.append(QJsonObject { { QStringLiteral("key"), h.name }, { QStringLiteral("value"), value } });
                if (h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
                    contentType = h.value;
            }
            // A URL's password and ?api_key=… are secrets as much as a header is.
            const QString target = Exporter::url(r.target, options);
            redacted = redacted || target != r.target;
            QStringList description;
            QStringList disabledQuery;
            for (const QString &c : r.comments) {
                if (c.startsWith(QLatin1String("disabled: ")) && c.indexOf(QLatin1Char(':'), 10) > 10) {
                    const QString h = c.mid(10);
                    const qsizetype colon = h.indexOf(QLatin1Char(':'));
                    const QString name = h.left(colon).trimmed(), value = h.mid(colon + 1).trimmed();
                    headers.append(QJsonObject { { QStringLiteral("key"), name },
                        { QStringLiteral("value"), Exporter::headerValue(name, value, options) },
                        { QStringLiteral("disabled"), true } });
                } else if (c.startsWith(QLatin1String("disabled query: "))) {
                    const QString pair = c.mid(16);
                    const QString shown = Exporter::url(QLatin1Char('?') + pair, options).mid(1);
                    redacted = redacted || shown != pair;
                    disabledQuery << shown;
                } else {
                    description << c;
                }
            }
            QJsonObject request { { QStringLiteral("method"), r.method }, { QStringLiteral("header"), headers },
                { QStringLiteral("url"), postmanUrl(target, disabledQuery) } };
            if (!description.isEmpty())
                request.insert(QStringLiteral("description"), description.join(QLatin1Char('\n')));
            if (r.hasBody) {
                const QString file = r.bodyFilePath();
                if (!file.isEmpty())
                    request.insert(QStringLiteral("body"),
                        QJsonObject { { QStringLiteral("mode"), QStringLiteral("file") },
                            { QStringLiteral("file"), QJsonObject { { QStringLiteral("src"), file } } } });
                else
                    request.insert(QStringLiteral("body"),
                        QJsonObject { { QStringLiteral("mode"), QStringLiteral("raw") },
                            { QStringLiteral("raw"), r.body },
                            { QStringLiteral("options"),
                                QJsonObject { { QStringLiteral("raw"),
                                    QJsonObject { { QStringLiteral("language"), languageOf(contentType) } } } } } });
                if (file.isEmpty() && r.body.contains(QLatin1String("\n< ")))
                    warnings << who
                            + QStringLiteral(
                                ": `< file` lines inside the body are kept as text; Postman does not read them");
            }
            // What Postman has no field for travels as `verbscope: …` lines at the end of the
            // description, which the importer reads back: the @name (references use it), every
            // directive in order, and a missing ### title or @name (an import would invent them).
            QStringList kept;
            if (r.title.isEmpty())
                kept << QStringLiteral("verbscope: untitled");
            kept << (r.name.isEmpty() ? QStringLiteral("verbscope: no @name")
                                      : QStringLiteral("verbscope: @name ") + r.name);
            QJsonObject behaviour;
            for (const Directive &d : r.directives) {
                if (d.name == QLatin1String("no-redirect"))
                    behaviour.insert(QStringLiteral("followRedirects"), false);
                else if (d.name == QLatin1String("insecure"))
                    behaviour.insert(QStringLiteral("strictSSL"), false);
                else
                    warnings << who
                            + QStringLiteral(": directive @%1 has no Postman equivalent; kept in the description")
                                  .arg(d.name);
                kept << QStringLiteral("verbscope: @") + d.name
                        + (d.value.isEmpty() ? QString() : QLatin1Char(' ') + d.value);
            }
            if (!kept.isEmpty()) {
                const QString text = request.value(QStringLiteral("description")).toString();
                request.insert(QStringLiteral("description"),
                    QString((text.isEmpty() ? QString() : text + QLatin1Char('\n')) + kept.join(QLatin1Char('\n'))));
            }
            QJsonArray events;
            QList<QStringList> pre, tests;
            if (!r.preRequestScripts.isEmpty() && !scriptBlocks(r.preRequestScripts, QLatin1Char('<'), &pre)) {
                pre.clear();
                warnings << who
                        + QStringLiteral(": `< file.js` pre-request scripts are not converted to Postman scripts");
            }
            if (!r.handlers.isEmpty() && !scriptBlocks(r.handlers, QLatin1Char('>'), &tests)) {
                tests.clear();
                warnings << who
                        + QStringLiteral(": handlers other than `> {% … %}` blocks (`> file.js`, `>>`, `??`) are not "
                                         "converted to Postman scripts; none of this request's handlers were");
            }
            for (const QStringList &b : std::as_const(pre))
                events.append(event(QStringLiteral("prerequest"), b));
            for (const QStringList &b : std::as_const(tests))
                events.append(event(QStringLiteral("test"), b));
            QJsonObject item { { QStringLiteral("name"), r.title.isEmpty() ? r.displayName() : r.title },
                { QStringLiteral("request"), request } };
            if (!events.isEmpty())
                item.insert(QStringLiteral("event"), events);
            if (!behaviour.isEmpty())
                item.insert(QStringLiteral("protocolProfileBehavior"), behaviour);
            folder->items.append(item);
        }
    }
    if (redacted)
        warnings << QStringLiteral("secret values were replaced by REDACTED (use --include-secrets to keep them)");

    QJsonArray vars;
    for (const QString &name : std::as_const(variableOrder))
        vars.append(QJsonObject { { QStringLiteral("key"), name }, { QStringLiteral("value"), variables.value(name) },
            { QStringLiteral("type"), QStringLiteral("string") } });
    QJsonObject out {
        { QStringLiteral("info"),
            QJsonObject { { QStringLiteral("_postman_id"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
                { QStringLiteral("name"), collection.name() },
                { QStringLiteral("schema"),
                    QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/collection.json") } } },
        { QStringLiteral("item"), toItems(root) },
    };
    if (!vars.isEmpty())
        out.insert(QStringLiteral("variable"), vars);
    return QJsonDocument(out).toJson(QJsonDocument::Indented);
}

QList<PostmanExporter::EnvironmentFile> PostmanExporter::environmentFiles(
    const Collection &collection, const ExportOptions &options, QStringList &warnings)
{
    const Environments &envs = collection.environments();
    const VariableMap sharedSecrets = envs.privateEnvironments().value(QString::fromLatin1(Environments::Shared));
    if (!sharedSecrets.isEmpty() && !envs.names().isEmpty())
        warnings << QStringLiteral("private $shared values (%1) are written as secrets of every environment file")
                        .arg(sharedSecrets.keys().join(QStringLiteral(", ")));
    QList<EnvironmentFile> files;
    QSet<QString> usedNames;
    for (const QString &name : envs.names()) {
        QJsonArray values;
        const VariableMap pub = envs.publicEnvironments().value(name);
        VariableMap secret = sharedSecrets;
        const VariableMap own = envs.privateEnvironments().value(name);
        for (auto it = own.begin(); it != own.end(); ++it)
            secret.insert(it.key(), it.value());
        for (auto it = pub.begin(); it != pub.end(); ++it)
            if (!secret.contains(it.key()))
                values.append(
                    QJsonObject { { QStringLiteral("key"), it.key() }, { QStringLiteral("value"), it.value() },
                        { QStringLiteral("type"), QStringLiteral("default") }, { QStringLiteral("enabled"), true } });
        for (auto it = secret.begin(); it != secret.end(); ++it)
            values.append(QJsonObject { { QStringLiteral("key"), it.key() },
                { QStringLiteral("value"),
                    options.includeSecrets ? it.value() : QString::fromLatin1(Exporter::Redacted) },
                { QStringLiteral("type"), QStringLiteral("secret") }, { QStringLiteral("enabled"), true } });
        if (!secret.isEmpty() && !options.includeSecrets)
            warnings << QStringLiteral("environment %1: secret values (%2) REDACTED; --include-secrets keeps them")
                            .arg(name, secret.keys().join(QStringLiteral(", ")));
        // A stable id (from the name), so exporting twice writes the same bytes.
        const QString id = QUuid::createUuidV5(QUuid(), QStringLiteral("verbscope-environment:") + name)
                               .toString(QUuid::WithoutBraces);
        const QJsonObject doc { { QStringLiteral("id"), id }, { QStringLiteral("name"), name },
            { QStringLiteral("values"), values },
            { QStringLiteral("_postman_variable_scope"), QStringLiteral("environment") } };
        // Environment names are free text; two that make the same file name get a suffix.
        QString base = Importer::safeName(name);
        for (int n = 2; usedNames.contains(base.toLower()); ++n)
            base = Importer::safeName(name) + QStringLiteral("-%1").arg(n);
        usedNames.insert(base.toLower());
        files.append({ name, base + QStringLiteral(".postman_environment.json"),
            QJsonDocument(doc).toJson(QJsonDocument::Indented) });
    }
    return files;
}

} // namespace verbscope::collections
