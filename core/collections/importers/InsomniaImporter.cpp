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

#include <functional>

#include <yaml-cpp/yaml.h>

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

class Import
{
public:
    ImportResult result;

    void run(const QByteArray &content, const QString &fileName)
    {
        QJsonObject root;
        if (looksLikeJson(content)) {
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(content, &pe);
            if (!doc.isObject()) {
                result.error = pe.error != QJsonParseError::NoError ? jsonError(content, pe)
                                                                    : QStringLiteral("not a JSON object");
                return;
            }
            root = doc.object();
        } else {
            const QJsonValue v = InsomniaImporter::yamlToJson(content, fileName, &result.error);
            if (!result.error.isEmpty())
                return;
            if (!v.isObject()) {
                result.error = QStringLiteral("%1: not an Insomnia export: the YAML document is %2, not a mapping")
                                   .arg(fileName, v.isArray() ? QStringLiteral("a list") : QStringLiteral("a scalar"));
                return;
            }
            root = v.toObject();
        }
        const QString type = root.value(QStringLiteral("type")).toString();
        QJsonArray resources;
        if (type.startsWith(QLatin1String("collection.insomnia.rest/"))) {
            result.format = QStringLiteral("insomnia 5");
            if (!type.endsWith(QLatin1String("/5.0")))
                result.issues.append({ QStringLiteral("export"), QStringLiteral("type %1").arg(type),
                    QStringLiteral("not 5.0; read as 5.0") });
            resources = fromV5(root);
        } else if (root.value(QStringLiteral("_type")).toString() == QLatin1String("export")
            || root.contains(QStringLiteral("__export_format"))) {
            result.format = QStringLiteral("insomnia 4");
            if (root.value(QStringLiteral("__export_format")).toInt() != 4)
                result.issues.append({ QStringLiteral("export"),
                    QStringLiteral("__export_format %1").arg(str(root.value(QStringLiteral("__export_format")))),
                    QStringLiteral("not 4; read as v4") });
            resources = root.value(QStringLiteral("resources")).toArray();
        } else {
            // Say what was found, so a Postman file or an Insomnia spec (spec.insomnia.rest) is recognised.
            QStringList keys = root.keys();
            if (keys.size() > 6)
                keys = keys.mid(0, 6) << QStringLiteral("…");
            result.error
                = QStringLiteral("%1: not an Insomnia export: found %2 with %3 (expected `_type: export` "
                                 "with `__export_format: 4`, or `type: collection.insomnia.rest/5.0`)")
                      .arg(fileName,
                          looksLikeJson(content) ? QStringLiteral("a JSON object") : QStringLiteral("a YAML mapping"),
                          type.isEmpty() ? QStringLiteral("the keys ") + keys.join(QStringLiteral(", "))
                                         : QStringLiteral("type: ") + type);
            return;
        }
        for (const QJsonValue &v : std::as_const(resources)) {
            const QJsonObject o = v.toObject();
            m_byId.insert(o.value(QStringLiteral("_id")).toString(), o);
            m_order << o.value(QStringLiteral("_id")).toString();
        }
        // First the names, so that a `{% response %}` tag can name a request defined further down.
        QMap<QString, QSet<QString>> names;
        for (const QString &id : std::as_const(m_order)) {
            const QJsonObject o = m_byId.value(id);
            if (o.value(QStringLiteral("_type")).toString() != QLatin1String("request"))
                continue;
            const QString fileName = pathOf(o) + QStringLiteral(".http");
            m_names.insert(id, { fileName, uniqueSlug(o.value(QStringLiteral("name")).toString(), names[fileName]) });
        }
        QMap<QString, HttpFile> files;
        for (const QString &id : std::as_const(m_order)) {
            const QJsonObject o = m_byId.value(id);
            const QString type = o.value(QStringLiteral("_type")).toString();
            if (type == QLatin1String("request")) {
                const Named n = m_names.value(id);
                files[n.file].requests.append(request(o, n));
            } else if (type == QLatin1String("environment")) {
                environment(o);
            } else if (type == QLatin1String("request_group")) {
                folder(o);
            } else if (type != QLatin1String("workspace") && type != QLatin1String("cookie_jar")
                && type != QLatin1String("api_spec")) {
                result.issues.append({ o.value(QStringLiteral("name")).toString(id), type,
                    QStringLiteral("not an HTTP request; not imported") });
                if (type.endsWith(QLatin1String("request")))
                    ++result.leftOut;
            }
        }
        for (auto it = files.begin(); it != files.end(); ++it)
            result.files.append({ it.key(), it.value() });
    }

    // v5 (Insomnia 10 and later) as the v4 resources it was made from: meta.id is the _id, a node
    // with `children` a folder, settings.followRedirects settingFollowRedirects.
    QJsonArray fromV5(const QJsonObject &root)
    {
        QJsonArray out;
        const QJsonObject meta = root.value(QStringLiteral("meta")).toObject();
        const QString workspace = meta.value(QStringLiteral("id")).toString(QStringLiteral("__WORKSPACE_ID__"));
        out.append(QJsonObject { { QStringLiteral("_id"), workspace },
            { QStringLiteral("_type"), QStringLiteral("workspace") },
            { QStringLiteral("name"), root.value(QStringLiteral("name")).toString(QStringLiteral("insomnia")) } });
        int generated = 0;
        auto common = [&](QJsonObject o, const QString &parent, const QString &type, const QString &prefix) {
            const QJsonObject m = o.value(QStringLiteral("meta")).toObject();
            QString id = m.value(QStringLiteral("id")).toString();
            if (id.isEmpty())
                id = QStringLiteral("%1_verbscope_%2").arg(prefix).arg(++generated);
            o.insert(QStringLiteral("_id"), id);
            o.insert(QStringLiteral("_type"), type);
            o.insert(QStringLiteral("parentId"), parent);
            if (m.contains(QStringLiteral("description")) && !o.contains(QStringLiteral("description")))
                o.insert(QStringLiteral("description"), m.value(QStringLiteral("description")));
            if (m.value(QStringLiteral("isPrivate")).toBool())
                o.insert(QStringLiteral("isPrivate"), true);
            return o;
        };
        std::function<void(const QJsonArray &, const QString &)> walk = [&](const QJsonArray &items,
                                                                            const QString &parent) {
            for (const QJsonValue &v : items) {
                QJsonObject o = v.toObject();
                if (o.contains(QStringLiteral("children"))) {
                    o = common(o, parent, QStringLiteral("request_group"), QStringLiteral("fld"));
                    const QJsonArray children = o.take(QStringLiteral("children")).toArray();
                    out.append(o);
                    walk(children, o.value(QStringLiteral("_id")).toString());
                    continue;
                }
                const QString id = o.value(QStringLiteral("meta")).toObject().value(QStringLiteral("id")).toString();
                // The id's prefix is the only mark of a WebSocket, gRPC, MCP or socket.io request.
                QString type = QStringLiteral("request");
                for (const auto &[p, t] :
                    { std::pair { "ws-req_", "websocket_request" }, std::pair { "greq_", "grpc_request" },
                        std::pair { "mcp-req_", "mcp_request" }, std::pair { "socketio-req_", "socketio_request" } })
                    if (id.startsWith(QLatin1String(p)))
                        type = QString::fromLatin1(t);
                o = common(o, parent, type, QStringLiteral("req"));
                const QJsonObject settings = o.value(QStringLiteral("settings")).toObject();
                if (settings.contains(QStringLiteral("followRedirects")))
                    o.insert(
                        QStringLiteral("settingFollowRedirects"), settings.value(QStringLiteral("followRedirects")));
                const QJsonObject scripts = o.value(QStringLiteral("scripts")).toObject();
                o.insert(QStringLiteral("preRequestScript"), scripts.value(QStringLiteral("preRequest")));
                o.insert(QStringLiteral("afterResponseScript"), scripts.value(QStringLiteral("afterResponse")));
                out.append(o);
            }
        };
        walk(root.value(QStringLiteral("collection")).toArray(), workspace);
        // `environments` is the base environment (a mapping) with its subEnvironments; some
        // generators write a list of environments instead, each read as a sub-environment.
        const QJsonValue envs = root.value(QStringLiteral("environments"));
        QJsonObject base = envs.isObject() ? envs.toObject() : QJsonObject {};
        base = common(base, workspace, QStringLiteral("environment"), QStringLiteral("env"));
        const QJsonArray subs
            = envs.isArray() ? envs.toArray() : base.take(QStringLiteral("subEnvironments")).toArray();
        out.append(base);
        for (const QJsonValue &sub : subs)
            out.append(common(sub.toObject(), base.value(QStringLiteral("_id")).toString(),
                QStringLiteral("environment"), QStringLiteral("env")));
        const QJsonObject jar = root.value(QStringLiteral("cookieJar")).toObject();
        if (!jar.value(QStringLiteral("cookies")).toArray().isEmpty())
            result.issues.append({ QStringLiteral("cookie jar"),
                QStringLiteral("%1 cookie(s)").arg(jar.value(QStringLiteral("cookies")).toArray().size()),
                QStringLiteral("not carried over; the runner's cookie jar fills from responses") });
        return out;
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
            vars.insert(it.key(), convertTemplate(str(it.value()), QStringLiteral("environment ") + name, {}));
    }

    // Nunjucks as Insomnia writes it → the .http syntax; what has no equivalent is kept as written
    // and reported under `item` (none for environments, where a tag is reported by name).
    QString convertTemplate(const QString &text, const QString &item, const QString &file)
    {
        static const QRegularExpression var(QStringLiteral("\\{\\{\\s*_\\.([A-Za-z0-9_.\\-]+)\\s*\\}\\}"));
        static const QRegularExpression plainVar(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_\\-]+)\\s*\\}\\}"));
        static const QRegularExpression tag(QStringLiteral("\\{%\\s*([a-zA-Z]+)([^%]*)%\\}"));
        static const QRegularExpression quoted(QStringLiteral("'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\""));
        QString out = text;
        out.replace(var, QStringLiteral("{{\\1}}"));
        out.replace(plainVar, QStringLiteral("{{\\1}}"));
        QString converted;
        qsizetype last = 0;
        auto it = tag.globalMatch(out);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            converted += out.mid(last, m.capturedStart() - last);
            last = m.capturedEnd();
            const QString name = m.captured(1);
            QStringList args;
            for (auto a = quoted.globalMatch(m.captured(2)); a.hasNext();) {
                const QRegularExpressionMatch q = a.next();
                args << (q.capturedStart(1) >= 0 ? q.captured(1) : q.captured(2));
            }
            QString why;
            const QString expressed = tagAsHttp(name, args, file, &why);
            if (!expressed.isEmpty()) {
                converted += expressed;
                continue;
            }
            converted += m.captured();
            result.issues.append({ item.isEmpty() ? QStringLiteral("environment") : item, m.captured(),
                why.isEmpty() ? QStringLiteral("Insomnia template tag without an equivalent; kept as written") : why });
        }
        return converted + out.mid(last);
    }

    // `{% response 'body', 'req_id', 'b64::JC50b2tlbg==::46b', 'never', 60 %}` → a request
    // reference; uuid, now, timestamps → dynamic variables. Empty with `why` when there is none.
    QString tagAsHttp(const QString &name, const QStringList &args, const QString &file, QString *why)
    {
        if (name == QLatin1String("uuid"))
            return QStringLiteral("{{$uuid}}");
        if (name == QLatin1String("timestamp"))
            return QStringLiteral("{{$timestamp}}");
        if (name == QLatin1String("now")) {
            const QString kind = args.value(0, QStringLiteral("iso-8601"));
            if (kind == QLatin1String("iso-8601"))
                return QStringLiteral("{{$isoTimestamp}}");
            if (kind == QLatin1String("unix"))
                return QStringLiteral("{{$timestamp}}");
            if (kind == QLatin1String("custom") && !args.value(1).isEmpty()
                && !args.value(1).contains(QLatin1Char('"')))
                return QStringLiteral("{{$datetime \"%1\"}}").arg(args.value(1));
            *why = QStringLiteral("now '%1' has no dynamic variable ($timestamp is in seconds); kept as written")
                       .arg(kind);
            return {};
        }
        if (name != QLatin1String("response"))
            return {};
        const QString field = args.value(0), id = args.value(1);
        QString filter = args.value(2);
        // Insomnia stores the filter as "b64::<base64>::46b" so that quotes survive.
        if (filter.startsWith(QLatin1String("b64::")) && filter.endsWith(QLatin1String("::46b")))
            filter = QString::fromUtf8(QByteArray::fromBase64(filter.mid(5, filter.size() - 10).toLatin1()));
        if (!m_names.contains(id)) {
            *why = QStringLiteral("refers to request %1, which is not in the export; kept as written").arg(id);
            return {};
        }
        const Named target = m_names.value(id);
        const QString targetTitle = m_byId.value(id).value(QStringLiteral("name")).toString();
        if (target.file != file) {
            *why = QStringLiteral("refers to request \"%1\" in %2; a request reference works within one file; kept "
                                  "as written")
                       .arg(targetTitle, target.file);
            return {};
        }
        if (args.value(3) == QLatin1String("always") || args.value(3) == QLatin1String("when-expired"))
            result.issues.append({ QStringLiteral("request %1").arg(targetTitle),
                QStringLiteral("response tag resends it (%1)").arg(args.value(3)),
                QStringLiteral("run it before the requests that refer to it") });
        if (field == QLatin1String("header") && !filter.isEmpty())
            return QStringLiteral("{{%1.response.headers.%2}}").arg(target.slug, filter);
        if (field == QLatin1String("raw") || (field == QLatin1String("body") && filter.isEmpty()))
            return QStringLiteral("{{%1.response.body.*}}").arg(target.slug);
        if (field == QLatin1String("body")
            && (filter.startsWith(QLatin1Char('$')) || filter.startsWith(QLatin1Char('/'))))
            return QStringLiteral("{{%1.response.body.%2}}").arg(target.slug, filter);
        *why = QStringLiteral("response %1 %2 has no request reference form; kept as written").arg(field, filter);
        return {};
    }

    struct Named {
        QString file; // "Users/Admin.http"
        QString slug; // its @name
    };

    // The folders above a request, nearest first.
    QList<QJsonObject> folders(const QJsonObject &request) const
    {
        QList<QJsonObject> out;
        QSet<QString> seen;
        QString id = request.value(QStringLiteral("parentId")).toString();
        while (m_byId.contains(id) && !seen.contains(id)) {
            seen.insert(id);
            const QJsonObject o = m_byId.value(id);
            if (o.value(QStringLiteral("_type")).toString() != QLatin1String("request_group"))
                break;
            out << o;
            id = o.value(QStringLiteral("parentId")).toString();
        }
        return out;
    }

    // A request without its own authentication (or with "inherit") takes its nearest folder's;
    // `owner` is the @name of the request or the name of the folder it came from.
    QJsonObject authOf(const QJsonObject &request, const QString &slug, QString *owner) const
    {
        auto own = [](const QJsonObject &o) {
            const QJsonObject a = o.value(QStringLiteral("authentication")).toObject();
            const QString t = a.value(QStringLiteral("type")).toString();
            return !a.isEmpty() && !t.isEmpty() && t != QLatin1String("inherit");
        };
        *owner = slug;
        if (own(request))
            return request.value(QStringLiteral("authentication")).toObject();
        for (const QJsonObject &f : folders(request))
            if (own(f)) {
                QSet<QString> none;
                *owner = uniqueSlug(f.value(QStringLiteral("name")).toString(), none);
                return f.value(QStringLiteral("authentication")).toObject();
            }
        return {};
    }

    // A secret written as it is in the export moves to the private environment file ($shared) and
    // the request refers to it; a value that is already a variable stays as it is.
    QString secret(const QString &value, const QString &variable, const QString &item, const QString &what)
    {
        if (value.isEmpty() || value.contains(QLatin1String("{{")))
            return value;
        VariableMap &shared = result.privateEnvironments[QString::fromLatin1(Environments::Shared)];
        if (shared.contains(variable) && shared.value(variable) == value)
            return QStringLiteral("{{%1}}").arg(variable); // a folder's secret, moved once
        result.privateEnvironments[QString::fromLatin1(Environments::Shared)].insert(variable, value);
        result.issues.append({ item, what,
            QStringLiteral("moved to %1 ($shared) as {{%2}}")
                .arg(QString::fromLatin1(Environments::PrivateFile), variable) });
        return QStringLiteral("{{%1}}").arg(variable);
    }

    template<typename Conv>
    void applyAuth(const QJsonObject &request, HttpRequest &r, const QString &item, QStringList &query, Conv conv)
    {
        QString owner;
        const QJsonObject auth = authOf(request, r.name, &owner);
        const QString authType = auth.value(QStringLiteral("type")).toString();
        if (auth.isEmpty() || auth.value(QStringLiteral("disabled")).toBool() || authType.isEmpty()
            || authType == QLatin1String("none"))
            return;
        const QString prefix = owner + QLatin1Char('_');
        if (authType == QLatin1String("basic")) {
            const QString u = conv(auth.value(QStringLiteral("username")).toString());
            const QString p = secret(conv(auth.value(QStringLiteral("password")).toString()),
                prefix + QStringLiteral("password"), item, QStringLiteral("basic auth password"));
            // With variables the base64 cannot be computed now; "Basic user pass" is the JetBrains spec's form.
            if (u.contains(QLatin1Char(' ')) || p.contains(QLatin1Char(' ')))
                result.issues.append({ item, QStringLiteral("basic auth"),
                    QStringLiteral("a user or password with spaces cannot be written as \"Basic user pass\"; "
                                   "not carried over") });
            else
                addHeaderIfMissing(r, QStringLiteral("Authorization"), QStringLiteral("Basic %1 %2").arg(u, p));
        } else if (authType == QLatin1String("bearer")) {
            const QString prefixWord = auth.value(QStringLiteral("prefix")).toString();
            addHeaderIfMissing(r, QStringLiteral("Authorization"),
                (prefixWord.isEmpty() ? QStringLiteral("Bearer") : prefixWord) + QLatin1Char(' ')
                    + secret(conv(auth.value(QStringLiteral("token")).toString()), prefix + QStringLiteral("token"),
                        item, QStringLiteral("bearer token")));
        } else if (authType == QLatin1String("apikey")) {
            const QString k = conv(auth.value(QStringLiteral("key")).toString());
            const QString v = secret(conv(auth.value(QStringLiteral("value")).toString()),
                prefix + QStringLiteral("apikey"), item, QStringLiteral("API key"));
            if (auth.value(QStringLiteral("addTo")).toString() == QLatin1String("queryParams"))
                query << k + QLatin1Char('=') + v;
            else
                addHeaderIfMissing(r, k, v);
        } else {
            // digest, ntlm, oauth1, oauth2, iam (AWS), hawk, asap, netrc…: kept as @auth_* settings,
            // as for Postman; the secret ones in the private file.
            static const QRegularExpression secretKey(
                QStringLiteral("password|secret|token|key$|signature"), QRegularExpression::CaseInsensitiveOption);
            for (auto it = auth.begin(); it != auth.end(); ++it) {
                if (it.key() == QLatin1String("type") || it.key() == QLatin1String("disabled") || it.value().isObject()
                    || it.value().isArray() || str(it.value()).isEmpty())
                    continue;
                const QString name = QStringLiteral("auth_%1_%2").arg(authType, it.key());
                const QString value = conv(str(it.value()));
                r.variables.append({ name,
                    secretKey.match(it.key()).hasMatch()
                        ? secret(value, prefix + name, item, QStringLiteral("%1 auth %2").arg(authType, it.key()))
                        : value,
                    0 });
            }
            result.issues.append({ item, QStringLiteral("%1 authentication").arg(authType),
                QStringLiteral("cannot be written as a header; its settings are kept as @auth_%1_* variables")
                    .arg(authType) });
        }
    }

    // A file path as exported: a Windows one (`C:\\Users\\…\\a.zip`, where the export was made) is
    // kept but reported, as it will not be found on this machine.
    QString localPath(const QString &path, const QString &item)
    {
        static const QRegularExpression windows(QStringLiteral("^([A-Za-z]:[\\\\/]|\\\\\\\\)"));
        if (windows.match(path).hasMatch())
            result.issues.append({ item, QStringLiteral("file %1").arg(path),
                QStringLiteral("a Windows path from the machine of the export; change the `<` line to where the "
                               "file is here") });
        return path;
    }

    // Folder variables (request_group.environment) have no place of their own in .http: reported.
    void folder(const QJsonObject &o)
    {
        const QJsonObject env = o.value(QStringLiteral("environment")).toObject();
        if (!env.isEmpty())
            result.issues.append({ QStringLiteral("folder %1").arg(o.value(QStringLiteral("name")).toString()),
                QStringLiteral("folder variables (%1)").arg(env.keys().join(QStringLiteral(", "))),
                QStringLiteral("not carried over; set them in an environment") });
    }

    HttpRequest request(const QJsonObject &o, const Named &named)
    {
        HttpRequest r;
        const QString item = named.file.chopped(5) + QLatin1Char('/') + o.value(QStringLiteral("name")).toString();
        auto conv = [&](const QString &t) { return convertTemplate(t, item, named.file); };
        r.title = o.value(QStringLiteral("name")).toString();
        r.name = named.slug;
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
        // Folder headers apply to the requests below them; the request's own come first.
        for (const QJsonObject &f : folders(o))
            for (const QJsonValue &hv : f.value(QStringLiteral("headers")).toArray()) {
                const QJsonObject h = hv.toObject();
                const QString k = conv(h.value(QStringLiteral("name")).toString());
                if (!k.isEmpty() && !h.value(QStringLiteral("disabled")).toBool())
                    addHeaderIfMissing(r, k, conv(str(h.value(QStringLiteral("value")))));
            }
        applyAuth(o, r, item, query, conv);
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
                        localPath(p.value(QStringLiteral("fileName")).toString(), item), true, {} });
                else
                    parts.append({ p.value(QStringLiteral("name")).toString(),
                        conv(str(p.value(QStringLiteral("value")))), false, {} });
            }
            r.body = multipartBody(parts, QStringLiteral("VerbScopeFormBoundary"));
            r.hasBody = true;
            // Insomnia exports a bare `multipart/form-data` header and adds the boundary when it
            // sends; the body written here has its own, which the header must name.
            for (HeaderLine &h : r.headers)
                if (h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0
                    && h.value.startsWith(QLatin1String("multipart/"), Qt::CaseInsensitive)
                    && !h.value.contains(QLatin1String("boundary="), Qt::CaseInsensitive))
                    h.value = h.value.trimmed() + QStringLiteral("; boundary=VerbScopeFormBoundary");
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
            r.body = fileLine(localPath(body.value(QStringLiteral("fileName")).toString(), item));
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
        for (const char *key : { "preRequestScript", "afterResponseScript" })
            if (!o.value(QLatin1String(key)).toString().trimmed().isEmpty())
                result.issues.append({ item, QString::fromLatin1(key),
                    QStringLiteral("Insomnia scripts are not carried over; not run") });
        flagUnwritable(r, item, result.issues);
        return r;
    }

    QHash<QString, QJsonObject> m_byId;
    QStringList m_order;
    QHash<QString, Named> m_names; // request id → where it is written and its @name
};

} // namespace

namespace {
// Anchors and aliases can make a small file a deep or huge tree (a "billion laughs"): the tree
// is refused past 64 levels or more nodes than `budget` allows; real exports are far below both.
QJsonValue yamlNode(const YAML::Node &node, int depth, qint64 &budget)
{
    if (depth > 64)
        throw YAML::Exception(node.Mark(), "nested more than 64 levels");
    if (--budget < 0)
        throw YAML::Exception(node.Mark(), "aliases expand to too many nodes");
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject o;
        for (const auto &kv : node)
            o.insert(QString::fromStdString(kv.first.as<std::string>()), yamlNode(kv.second, depth + 1, budget));
        return o;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray a;
        for (const auto &v : node)
            a.append(yamlNode(v, depth + 1, budget));
        return a;
    }
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        // Only a plain scalar ("?" tag) is a bool or a number; "3" in quotes stays a string.
        if (node.Tag() != "?")
            return text;
        if (text == QLatin1String("true") || text == QLatin1String("false"))
            return text == QLatin1String("true");
        static const QRegularExpression number(QStringLiteral("^-?(0|[1-9][0-9]{0,14})(\\.[0-9]+)?$"));
        if (number.match(text).hasMatch())
            return text.toDouble();
        return text;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
    }
    return QJsonValue::Null;
}
} // namespace

QJsonValue InsomniaImporter::yamlToJson(const QByteArray &yaml, const QString &fileName, QString *error)
{
    try {
        qint64 budget = 100'000 + 4 * yaml.size(); // a node takes at least a few bytes unless aliased
        return yamlNode(YAML::Load(yaml.toStdString()), 0, budget);
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1:%2:%3: not YAML: %4")
                     .arg(fileName)
                     .arg(e.mark.line + 1)
                     .arg(e.mark.column + 1)
                     .arg(QString::fromStdString(e.msg));
    }
    return {};
}

bool InsomniaImporter::looksLikeYamlExport(const QByteArray &content)
{
    static const QRegularExpression mark(QStringLiteral(
        "(^|\\n)(_type:\\s*[\"']?export|__export_format:|type:\\s*[\"']?collection\\.insomnia\\.rest/)"));
    return mark.match(QString::fromUtf8(content.left(64 * 1024))).hasMatch();
}

ImportResult InsomniaImporter::import(const QByteArray &content, const QString &fileName)
{
    Import i;
    i.run(content, fileName);
    return i.result;
}

} // namespace verbscope::collections
