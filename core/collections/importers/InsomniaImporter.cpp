// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/InsomniaImporter.h"

#include "core/collections/importers/ImportHelpers.h"
#include "core/collections/importers/Importer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

namespace verbscope::collections {

using namespace importhelpers;

namespace {

QString str(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isObject() || v.isArray())
        return QString::fromUtf8(v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                              : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return {};
}

// Nunjucks as Insomnia writes it → the .http syntax; what has no equivalent is reported.
QString convertTemplate(const QString &text, const QString &item, QList<ImportIssue> &issues)
{
    static const QRegularExpression var(QStringLiteral("\\{\\{\\s*_\\.([A-Za-z0-9_.\\-]+)\\s*\\}\\}"));
    static const QRegularExpression plainVar(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_\\-]+)\\s*\\}\\}"));
    static const QRegularExpression tag(QStringLiteral("\\{%\\s*([a-zA-Z]+)([^%]*)%\\}"));
    QString out = text;
    out.replace(var, QStringLiteral("{{\\1}}"));
    out.replace(plainVar, QStringLiteral("{{\\1}}"));
    QString result;
    qsizetype last = 0;
    auto it = tag.globalMatch(out);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        result += out.mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        if (name == QLatin1String("uuid")) {
            result += QStringLiteral("{{$uuid}}");
        } else if (name == QLatin1String("now") && m.captured(2).contains(QLatin1String("iso"))) {
            result += QStringLiteral("{{$isoTimestamp}}");
        } else if (name == QLatin1String("now")) {
            result += QStringLiteral("{{$timestamp}}");
        } else {
            result += m.captured();
            issues.append(
                { item, m.captured(), QStringLiteral("Insomnia template tag without an equivalent; kept as written") });
        }
        last = m.capturedEnd();
    }
    return result + out.mid(last);
}

class Import
{
public:
    ImportResult result;

    void run(const QByteArray &json)
    {
        result.format = QStringLiteral("insomnia 4");
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
        if (!doc.isObject()) {
            result.error
                = pe.error != QJsonParseError::NoError ? jsonError(json, pe) : QStringLiteral("not a JSON object");
            return;
        }
        const QJsonObject root = doc.object();
        if (root.value(QStringLiteral("__export_format")).toInt() != 4)
            result.issues.append({ QStringLiteral("export"),
                QStringLiteral("__export_format %1").arg(root.value(QStringLiteral("__export_format")).toInt()),
                QStringLiteral("not 4; read as v4") });
        for (const QJsonValue &v : root.value(QStringLiteral("resources")).toArray()) {
            const QJsonObject o = v.toObject();
            m_byId.insert(o.value(QStringLiteral("_id")).toString(), o);
            m_order << o.value(QStringLiteral("_id")).toString();
        }
        QMap<QString, HttpFile> files;
        QMap<QString, QSet<QString>> names;
        for (const QString &id : std::as_const(m_order)) {
            const QJsonObject o = m_byId.value(id);
            const QString type = o.value(QStringLiteral("_type")).toString();
            if (type == QLatin1String("request")) {
                const QString path = pathOf(o);
                const QString fileName = path + QStringLiteral(".http");
                files[fileName].requests.append(request(o, path, names[fileName]));
            } else if (type == QLatin1String("environment")) {
                environment(o);
            } else if (type != QLatin1String("workspace") && type != QLatin1String("request_group")
                && type != QLatin1String("cookie_jar") && type != QLatin1String("api_spec")) {
                result.issues.append({ o.value(QStringLiteral("name")).toString(id), type,
                    QStringLiteral("not an HTTP request; not imported") });
            }
        }
        for (auto it = files.begin(); it != files.end(); ++it)
            result.files.append({ it.key(), it.value() });
    }

private:
    // The folder path of a request, from its chain of parents up to the workspace. A hand-edited
    // or generated export can have a chain that loops or names a parent that is not there; such a
    // request goes to the top level and the report says why, instead of a folder per step.
    QString pathOf(const QJsonObject &request)
    {
        QStringList parts;
        QStringList chain; // the names walked, for the report
        QSet<QString> seen;
        QString id = request.value(QStringLiteral("parentId")).toString();
        const QString who = QStringLiteral("request %1").arg(request.value(QStringLiteral("name")).toString());
        while (!id.isEmpty()) {
            if (!m_byId.contains(id)) {
                // Insomnia writes "__WORKSPACE_ID__" for the workspace in a partial export.
                if (id.startsWith(QLatin1String("__")) && id.endsWith(QLatin1String("__")))
                    break;
                result.issues.append({ who,
                    chain.isEmpty() ? QStringLiteral("its folder %1 does not exist").arg(id)
                                    : QStringLiteral("its folder chain (%1) leads to %2, which does not exist")
                                          .arg(chain.join(QStringLiteral(" → ")), id),
                    QStringLiteral("put at the top level") });
                return rootPath();
            }
            const QJsonObject o = m_byId.value(id);
            chain << o.value(QStringLiteral("name")).toString(id);
            if (seen.contains(id)) {
                result.issues.append(
                    { who, QStringLiteral("its folder chain loops (%1)").arg(chain.join(QStringLiteral(" → "))),
                        QStringLiteral("put at the top level") });
                return rootPath();
            }
            seen.insert(id);
            parts.prepend(Importer::safeName(o.value(QStringLiteral("name")).toString(QStringLiteral("insomnia"))));
            if (o.value(QStringLiteral("_type")).toString() == QLatin1String("workspace"))
                break;
            id = o.value(QStringLiteral("parentId")).toString();
        }
        // The workspace names the root file; folders below it nest.
        if (parts.size() > 1)
            parts.removeFirst();
        return parts.isEmpty() ? QStringLiteral("insomnia") : parts.join(QLatin1Char('/'));
    }

    // The file of requests directly in the workspace (the first one, when an export has several).
    QString rootPath() const
    {
        for (const QString &id : m_order) {
            const QJsonObject o = m_byId.value(id);
            if (o.value(QStringLiteral("_type")).toString() == QLatin1String("workspace"))
                return Importer::safeName(o.value(QStringLiteral("name")).toString(QStringLiteral("insomnia")));
        }
        return QStringLiteral("insomnia");
    }

    void environment(const QJsonObject &o)
    {
        const QJsonObject parent = m_byId.value(o.value(QStringLiteral("parentId")).toString());
        const bool base = parent.value(QStringLiteral("_type")).toString() != QLatin1String("environment");
        const QString name
            = base ? QString::fromLatin1(Environments::Shared) : o.value(QStringLiteral("name")).toString();
        EnvironmentMap &into
            = o.value(QStringLiteral("isPrivate")).toBool() ? result.privateEnvironments : result.environments;
        const QJsonObject data = o.value(QStringLiteral("data")).toObject();
        VariableMap &vars = into[name];
        for (auto it = data.begin(); it != data.end(); ++it)
            vars.insert(
                it.key(), convertTemplate(str(it.value()), QStringLiteral("environment ") + name, result.issues));
    }

    HttpRequest request(const QJsonObject &o, const QString &path, QSet<QString> &used)
    {
        HttpRequest r;
        const QString item = path + QLatin1Char('/') + o.value(QStringLiteral("name")).toString();
        auto conv = [&](const QString &t) { return convertTemplate(t, item, result.issues); };
        r.title = o.value(QStringLiteral("name")).toString();
        r.name = uniqueSlug(r.title, used);
        r.method = o.value(QStringLiteral("method")).toString(QStringLiteral("GET"));
        const QString desc = o.value(QStringLiteral("description")).toString();
        if (!desc.isEmpty())
            r.comments += desc.split(QLatin1Char('\n'));
        QString url = conv(o.value(QStringLiteral("url")).toString()).trimmed();
        QStringList query;
        for (const QJsonValue &pv : o.value(QStringLiteral("parameters")).toArray()) {
            const QJsonObject p = pv.toObject();
            const QString pair = conv(p.value(QStringLiteral("name")).toString()) + QLatin1Char('=')
                + conv(str(p.value(QStringLiteral("value"))));
            if (p.value(QStringLiteral("disabled")).toBool())
                r.comments << QStringLiteral("disabled query: ") + pair;
            else
                query << pair;
        }
        for (const QJsonValue &hv : o.value(QStringLiteral("headers")).toArray()) {
            const QJsonObject h = hv.toObject();
            const QString k = conv(h.value(QStringLiteral("name")).toString()),
                          v = conv(str(h.value(QStringLiteral("value"))));
            if (h.value(QStringLiteral("disabled")).toBool())
                r.comments << QStringLiteral("disabled: %1: %2").arg(k, v);
            else if (!k.isEmpty())
                r.headers.append({ k, v, 0 });
        }
        const QJsonObject auth = o.value(QStringLiteral("authentication")).toObject();
        const QString authType = auth.value(QStringLiteral("type")).toString();
        if (!auth.isEmpty() && !auth.value(QStringLiteral("disabled")).toBool() && !authType.isEmpty()
            && authType != QLatin1String("none")) {
            if (authType == QLatin1String("basic")) {
                const QString u = conv(auth.value(QStringLiteral("username")).toString()),
                              p = conv(auth.value(QStringLiteral("password")).toString());
                addHeaderIfMissing(r, QStringLiteral("Authorization"),
                    (u.contains(QLatin1String("{{")) || p.contains(QLatin1String("{{")))
                        ? QStringLiteral("Basic %1 %2").arg(u, p)
                        : QStringLiteral("Basic ")
                            + QString::fromLatin1((u + QLatin1Char(':') + p).toUtf8().toBase64()));
            } else if (authType == QLatin1String("bearer")) {
                const QString prefix = auth.value(QStringLiteral("prefix")).toString(QStringLiteral("Bearer"));
                addHeaderIfMissing(r, QStringLiteral("Authorization"),
                    (prefix.isEmpty() ? QStringLiteral("Bearer") : prefix) + QLatin1Char(' ')
                        + conv(auth.value(QStringLiteral("token")).toString()));
            } else if (authType == QLatin1String("apikey")) {
                const QString k = conv(auth.value(QStringLiteral("key")).toString()),
                              v = conv(auth.value(QStringLiteral("value")).toString());
                if (auth.value(QStringLiteral("addTo")).toString() == QLatin1String("queryParams"))
                    query << k + QLatin1Char('=') + v;
                else
                    addHeaderIfMissing(r, k, v);
            } else {
                result.issues.append({ item, QStringLiteral("%1 authentication").arg(authType),
                    QStringLiteral("cannot be written as a header; not carried over") });
            }
        }
        if (!query.isEmpty())
            url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
                + query.join(QLatin1Char('&'));
        url.replace(QLatin1Char(' '), QStringLiteral("%20"));
        r.target = url.isEmpty() ? QStringLiteral("{{url}}") : url;
        if (url.isEmpty())
            result.issues.append(
                { item, QStringLiteral("URL"), QStringLiteral("empty; the request will not run until one is set") });

        const QJsonObject body = o.value(QStringLiteral("body")).toObject();
        const QString mime = body.value(QStringLiteral("mimeType")).toString();
        if (body.contains(QStringLiteral("params")) && mime.startsWith(QLatin1String("multipart/"))) {
            QList<MultipartPart> parts;
            for (const QJsonValue &pv : body.value(QStringLiteral("params")).toArray()) {
                const QJsonObject p = pv.toObject();
                if (p.value(QStringLiteral("disabled")).toBool()) {
                    r.comments << QStringLiteral("disabled field: %1=%2")
                                      .arg(p.value(QStringLiteral("name")).toString(),
                                          str(p.value(QStringLiteral("value"))));
                    continue;
                }
                if (p.value(QStringLiteral("type")).toString() == QLatin1String("file"))
                    parts.append({ p.value(QStringLiteral("name")).toString(),
                        p.value(QStringLiteral("fileName")).toString(), true, {} });
                else
                    parts.append({ p.value(QStringLiteral("name")).toString(),
                        conv(str(p.value(QStringLiteral("value")))), false, {} });
            }
            r.body = multipartBody(parts, QStringLiteral("VerbScopeFormBoundary"));
            r.hasBody = true;
            addHeaderIfMissing(r, QStringLiteral("Content-Type"),
                QStringLiteral("multipart/form-data; boundary=VerbScopeFormBoundary"));
        } else if (body.contains(QStringLiteral("params"))) {
            QStringList pairs;
            for (const QJsonValue &pv : body.value(QStringLiteral("params")).toArray()) {
                const QJsonObject p = pv.toObject();
                const QString pair = formEncode(conv(p.value(QStringLiteral("name")).toString())) + QLatin1Char('=')
                    + formEncode(conv(str(p.value(QStringLiteral("value")))));
                if (p.value(QStringLiteral("disabled")).toBool())
                    r.comments << QStringLiteral("disabled field: ") + pair;
                else
                    pairs << pair;
            }
            r.body = pairs.join(QLatin1Char('&'));
            r.hasBody = true;
            addHeaderIfMissing(r, QStringLiteral("Content-Type"),
                mime.isEmpty() ? QStringLiteral("application/x-www-form-urlencoded") : mime);
        } else if (body.contains(QStringLiteral("fileName"))) {
            r.body = fileLine(body.value(QStringLiteral("fileName")).toString());
            r.hasBody = true;
        } else if (body.contains(QStringLiteral("text"))) {
            QString text = body.value(QStringLiteral("text")).toString();
            if (mime == QLatin1String("application/graphql")) {
                const QJsonDocument g = QJsonDocument::fromJson(text.toUtf8());
                if (g.isObject())
                    text = QString::fromUtf8(g.toJson(QJsonDocument::Indented)).trimmed();
                result.issues.append(
                    { item, QStringLiteral("graphql body"), QStringLiteral("sent as its JSON {query, variables}") });
                addHeaderIfMissing(r, QStringLiteral("Content-Type"), QStringLiteral("application/json"));
            } else if (!mime.isEmpty()) {
                addHeaderIfMissing(r, QStringLiteral("Content-Type"), mime);
            }
            r.body = conv(text);
            r.hasBody = !text.isEmpty();
        }
        if (o.value(QStringLiteral("settingFollowRedirects")).toString() == QLatin1String("off"))
            r.directives.append({ QStringLiteral("no-redirect"), QString() });
        flagUnwritable(r, item, result.issues);
        return r;
    }

    QHash<QString, QJsonObject> m_byId;
    QStringList m_order;
};

} // namespace

ImportResult InsomniaImporter::import(const QByteArray &json)
{
    Import i;
    i.run(json);
    return i.result;
}

} // namespace verbscope::collections
