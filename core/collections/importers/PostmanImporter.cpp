// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/PostmanImporter.h"

#include "core/collections/importers/ImportHelpers.h"
#include "core/collections/importers/Importer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>

// Postman collection v2.0/v2.1 JSON to .http files: one file per folder, one request per item.
// Everything that has no .http equivalent (scripts, examples, some auth types) becomes an import
// issue the user sees, never a silent drop.

namespace verbscope::collections {

using namespace importhelpers;

namespace {

// Postman stores values as strings, numbers or booleans alike; 17 digits keep a double exact.
QString str(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

QString description(const QJsonValue &v)
{
    return v.isObject() ? v.toObject().value(QStringLiteral("content")).toString() : v.toString();
}

class Import
{
public:
    ImportResult result;

    // Variables marked secret go to the private environment file, so an import never writes a secret
    // into a .http file that might be committed.
    void run(const QByteArray &json)
    {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
        if (!doc.isObject()) {
            result.error
                = pe.error != QJsonParseError::NoError ? jsonError(json, pe) : QStringLiteral("not a JSON object");
            return;
        }
        const QJsonObject root = doc.object();
        const QJsonObject info = root.value(QStringLiteral("info")).toObject();
        const QString schema = info.value(QStringLiteral("schema")).toString();
        m_v20 = schema.contains(QLatin1String("v2.0"));
        result.format = m_v20 ? QStringLiteral("postman 2.0") : QStringLiteral("postman 2.1");
        if (!schema.isEmpty() && !schema.contains(QLatin1String("v2.0")) && !schema.contains(QLatin1String("v2.1")))
            result.issues.append(
                { QStringLiteral("collection"), schema, QStringLiteral("not a v2.0/v2.1 schema; read as v2.1") });
        m_name = info.value(QStringLiteral("name")).toString(QStringLiteral("collection"));

        for (const QJsonValue &v : root.value(QStringLiteral("variable")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString key = o.value(QStringLiteral("key")).toString(o.value(QStringLiteral("id")).toString());
            if (o.value(QStringLiteral("disabled")).toBool()) {
                result.issues.append({ QStringLiteral("collection"), QStringLiteral("variable %1").arg(key),
                    QStringLiteral("disabled; not imported") });
                continue;
            }
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("secret")) {
                result.privateEnvironments[QString::fromLatin1(Environments::Shared)].insert(
                    key, str(o.value(QStringLiteral("value"))));
                result.issues.append({ QStringLiteral("collection"), QStringLiteral("secret variable %1").arg(key),
                    QStringLiteral("written to http-client.private.env.json as $shared.%1").arg(key) });
            } else
                m_variables.append({ key, str(o.value(QStringLiteral("value"))), 0 });
        }
        const QJsonArray items = root.value(QStringLiteral("item")).toArray();
        const Scripts top
            = scripts(root, QStringLiteral("collection"), QStringLiteral("collection"), countRequests(items));
        walk(items, {}, withOrigin(authOf(root, QJsonValue()), QStringLiteral("collection")), top);
        for (auto it = m_files.begin(); it != m_files.end(); ++it) {
            it.value().variables = m_variables;
            result.files.append({ it.key(), it.value() });
        }
    }

private:
    // A script as a `.http` block, verbatim; `<` for prerequest, `>` for test.
    struct Script {
        QString block;
        QString origin; // "collection", a folder path or the request's own ("")
    };
    struct Scripts {
        QList<Script> pre;
        QList<Script> test;
    };

    // Postman's `event` list: prerequest → `< {% … %}`, test → `> {% … %}`, verbatim. Where a
    // `.http` file cannot hold a script as it is, it is reported and left out, never changed.
    Scripts scripts(const QJsonObject &o, const QString &where, const QString &origin, int requests = 1)
    {
        Scripts out;
        for (const QJsonValue &e : o.value(QStringLiteral("event")).toArray()) {
            const QJsonObject ev = e.toObject();
            const QString listen = ev.value(QStringLiteral("listen")).toString();
            const QJsonObject script = ev.value(QStringLiteral("script")).toObject();
            const QJsonValue exec = script.value(QStringLiteral("exec"));
            QStringList lines;
            if (exec.isArray())
                for (const QJsonValue &l : exec.toArray())
                    lines << l.toString().split(QLatin1Char('\n'));
            else
                lines = exec.toString().split(QLatin1Char('\n'));
            for (QString &l : lines)
                if (l.endsWith(QLatin1Char('\r')))
                    l.chop(1);
            while (!lines.isEmpty() && lines.constLast().trimmed().isEmpty())
                lines.removeLast();
            while (!lines.isEmpty() && lines.constFirst().trimmed().isEmpty())
                lines.removeFirst();
            if (lines.isEmpty())
                continue;
            const QString what = QStringLiteral("%1 script").arg(listen);
            if (ev.value(QStringLiteral("disabled")).toBool()) {
                result.issues.append({ where, what, QStringLiteral("disabled in Postman; not imported") });
                continue;
            }
            if (listen != QLatin1String("prerequest") && listen != QLatin1String("test")) {
                result.issues.append({ where, what, QStringLiteral("no such Postman event; not imported") });
                continue;
            }
            const QString text = lines.join(QLatin1Char('\n'));
            int bad = 0;
            for (int i = 0; i < lines.size() && !bad; ++i)
                if (lines.at(i).contains(QLatin1String("%}")) || lines.at(i).startsWith(QLatin1String("###")))
                    bad = i + 1;
            if (bad) {
                result.issues.append({ where, what,
                    QStringLiteral("its line %1 holds %2, which would end the script block in a .http file; "
                                   "not carried over")
                        .arg(bad)
                        .arg(lines.at(bad - 1).contains(QLatin1String("%}")) ? QStringLiteral("\"%}\"")
                                                                             : QStringLiteral("\"###\"")) });
                continue;
            }
            const bool pre = listen == QLatin1String("prerequest");
            const Script sc {
                (pre ? QStringLiteral("< {%\n") : QStringLiteral("> {%\n")) + text + QStringLiteral("\n%}"), origin
            };
            (pre ? out.pre : out.test).append(sc);
            if (!origin.isEmpty())
                result.issues.append({ where, what,
                    QStringLiteral("carried over verbatim as a %1 of each of its %2 request(s), %3, as Postman runs it")
                        .arg(pre ? QStringLiteral("`< {% … %}` pre-request script")
                                 : QStringLiteral("`> {% … %}` response handler"))
                        .arg(requests)
                        .arg(pre ? QStringLiteral("before the scripts of inner folders and the request")
                                 : QStringLiteral("before the tests of inner folders and the request")) });
        }
        return out;
    }

    static int countRequests(const QJsonArray &items)
    {
        int n = 0;
        for (const QJsonValue &v : items)
            n += v.toObject().contains(QStringLiteral("item"))
                ? countRequests(v.toObject().value(QStringLiteral("item")).toArray())
                : 1;
        return n;
    }

    // `auth: null`, a missing auth or `{type: inherit}` take the parent's; `noauth` stops it.
    static QJsonValue authOf(const QJsonObject &o, const QJsonValue &inherited)
    {
        const QJsonValue a = o.value(QStringLiteral("auth"));
        if (!a.isObject() || a.toObject().value(QStringLiteral("type")).toString() == QLatin1String("inherit"))
            return inherited;
        return a;
    }

    // Folder names become paths through safeName(), so a name like "../x" cannot escape the output folder.
    QString fileFor(const QStringList &folders)
    {
        if (folders.isEmpty())
            return Importer::safeName(m_name) + QStringLiteral(".http");
        QStringList parts;
        for (const QString &f : folders)
            parts << Importer::safeName(f);
        return parts.join(QLatin1Char('/')) + QStringLiteral(".http");
    }

    // Auth is inherited down the folder tree unless an item sets its own (Postman's rule).
    // The auth object with where it was set, so a secret's variable is named after its owner.
    static QJsonValue withOrigin(const QJsonValue &auth, const QString &origin)
    {
        if (!auth.isObject() || auth.toObject().contains(QStringLiteral("vsOrigin")))
            return auth;
        QJsonObject o = auth.toObject();
        o.insert(QStringLiteral("vsOrigin"), origin);
        return o;
    }

    // A folder's `variable` list: Postman scopes it to the folder's requests, so each of them gets
    // the values as its own `@key = value` lines (outer folders first, inner ones win).
    QList<FileVariable> folderVariables(const QJsonObject &folder, const QString &path, qsizetype requests)
    {
        QList<FileVariable> out;
        QStringList names;
        for (const QJsonValue &v : folder.value(QStringLiteral("variable")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString key = o.value(QStringLiteral("key")).toString(o.value(QStringLiteral("id")).toString());
            if (o.value(QStringLiteral("disabled")).toBool()) {
                result.issues.append(
                    { path, QStringLiteral("variable %1").arg(key), QStringLiteral("disabled; not imported") });
                continue;
            }
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("secret")) {
                result.privateEnvironments[QString::fromLatin1(Environments::Shared)].insert(
                    key, str(o.value(QStringLiteral("value"))));
                result.issues.append({ path, QStringLiteral("secret variable %1").arg(key),
                    QStringLiteral("written to http-client.private.env.json as $shared.%1 (one value for every folder)")
                        .arg(key) });
                continue;
            }
            out.append({ key, str(o.value(QStringLiteral("value"))), 0 });
            names << key;
        }
        if (!names.isEmpty())
            result.issues.append({ path, QStringLiteral("folder variables %1").arg(names.join(QStringLiteral(", "))),
                QStringLiteral("written as @name = value lines before each of its %1 request(s)").arg(requests) });
        return out;
    }

    void walk(const QJsonArray &items, const QStringList &folders, const QJsonValue &auth, const Scripts &inherited,
        const QList<FileVariable> &variables = {})
    {
        for (const QJsonValue &v : items) {
            const QJsonObject item = v.toObject();
            const QString name = item.value(QStringLiteral("name")).toString();
            QStringList path = folders;
            path << name;
            if (item.contains(QStringLiteral("item"))) {
                const QString folder = path.join(QLatin1Char('/'));
                const Scripts own
                    = scripts(item, folder, folder, countRequests(item.value(QStringLiteral("item")).toArray()));
                Scripts all = inherited;
                all.pre += own.pre;
                all.test += own.test;
                const QList<FileVariable> scoped = variables
                    + folderVariables(item, folder, countRequests(item.value(QStringLiteral("item")).toArray()));
                walk(item.value(QStringLiteral("item")).toArray(), path, withOrigin(authOf(item, auth), folder), all,
                    scoped);
                if (item.value(QStringLiteral("item")).toArray().isEmpty())
                    result.issues.append({ path.join(QLatin1Char('/')), QStringLiteral("empty folder"),
                        QStringLiteral("no file written for it") });
                continue;
            }
            request(item, folders, path.join(QLatin1Char('/')), auth, inherited, variables);
        }
    }

    QMap<QString, QString> authParams(const QJsonObject &auth, const QString &type)
    {
        QMap<QString, QString> p;
        const QJsonValue v = auth.value(type);
        if (v.isArray()) {
            for (const QJsonValue &kv : v.toArray())
                p.insert(kv.toObject().value(QStringLiteral("key")).toString(),
                    str(kv.toObject().value(QStringLiteral("value"))));
        } else if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                p.insert(it.key(), str(it.value()));
        }
        return p;
    }

    // A literal secret of an auth setting goes to the private environment file ($shared), and the
    // request refers to it: a .http file that may be committed never holds it. Named after where the
    // auth was set ("collection", a folder or the request), so one collection token is one variable.
    QString secret(const QJsonObject &auth, const QString &type, const QString &field, const QString &value)
    {
        if (value.isEmpty() || value.contains(QLatin1String("{{")))
            return value;
        const QString origin = auth.value(QStringLiteral("vsOrigin")).toString();
        QString base = origin == QLatin1String("collection") ? QString()
                                                             : origin.section(QLatin1Char('/'), -1) + QLatin1Char('_');
        base += type + QLatin1Char('_') + field;
        for (QChar &c : base)
            if (!c.isLetterOrNumber() && c != QLatin1Char('_'))
                c = QLatin1Char('_');
        VariableMap &shared = result.privateEnvironments[QString::fromLatin1(Environments::Shared)];
        QString name = base;
        for (int n = 2; shared.contains(name) && shared.value(name) != value; ++n)
            name = base + QLatin1Char('_') + QString::number(n);
        if (!shared.contains(name)) {
            shared.insert(name, value);
            result.issues.append({ origin, QStringLiteral("%1 auth %2").arg(type, field),
                QStringLiteral("secret written to http-client.private.env.json as $shared.%1; "
                               "requests refer to it as {{%1}}")
                    .arg(name) });
        }
        return QStringLiteral("{{%1}}").arg(name);
    }

    // Only auth that is a plain header or query parameter is expanded; the rest is kept as variables
    // and reported, because signing schemes (digest, AWS, OAuth 1) need code at send time.
    void applyAuth(const QJsonValue &authValue, HttpRequest &r, const QString &item, QString &query)
    {
        if (!authValue.isObject())
            return;
        const QJsonObject auth = authValue.toObject();
        const QString type = auth.value(QStringLiteral("type")).toString();
        QMap<QString, QString> p = authParams(auth, type);
        if (type == QLatin1String("noauth") || type.isEmpty())
            return;
        if (type == QLatin1String("basic")) {
            const QString user = p.value(QStringLiteral("username"));
            const QString pass = secret(auth, type, QStringLiteral("password"), p.value(QStringLiteral("password")));
            // With variables the base64 cannot be computed now; "Basic user pass" is the JetBrains spec's form
            // that the client encodes at send time.
            if (user.contains(QLatin1String("{{")) || pass.contains(QLatin1String("{{"))) {
                if (user.contains(QLatin1Char(' ')) || pass.contains(QLatin1Char(' ')))
                    result.issues.append({ item, QStringLiteral("basic auth"),
                        QStringLiteral(
                            "a user or password with spaces and variables cannot be written as \"Basic user pass\"") });
                addHeaderIfMissing(r, QStringLiteral("Authorization"), QStringLiteral("Basic %1 %2").arg(user, pass));
            } else {
                addHeaderIfMissing(r, QStringLiteral("Authorization"),
                    QStringLiteral("Basic ")
                        + QString::fromLatin1((user + QLatin1Char(':') + pass).toUtf8().toBase64()));
            }
            return;
        }
        if (type == QLatin1String("bearer")) {
            addHeaderIfMissing(r, QStringLiteral("Authorization"),
                QStringLiteral("Bearer ")
                    + secret(auth, type, QStringLiteral("token"), p.value(QStringLiteral("token"))));
            return;
        }
        if (type == QLatin1String("apikey")) {
            const QString key = p.value(QStringLiteral("key"), QStringLiteral("X-Api-Key"));
            p.insert(
                QStringLiteral("value"), secret(auth, type, QStringLiteral("value"), p.value(QStringLiteral("value"))));
            if (p.value(QStringLiteral("in")) == QLatin1String("query"))
                query += (query.isEmpty() ? QString() : QStringLiteral("&")) + key + QLatin1Char('=')
                    + p.value(QStringLiteral("value"));
            else
                addHeaderIfMissing(r, key, p.value(QStringLiteral("value")));
            return;
        }
        if (type == QLatin1String("oauth2") && !p.value(QStringLiteral("accessToken")).isEmpty()) {
            addHeaderIfMissing(r, QStringLiteral("Authorization"),
                QStringLiteral("Bearer ")
                    + secret(auth, type, QStringLiteral("accessToken"), p.value(QStringLiteral("accessToken"))));
            result.issues.append({ item, QStringLiteral("oauth2 auth"),
                QStringLiteral("the saved access token is sent as Bearer; it is not refreshed") });
            return;
        }
        // digest, oauth1, hawk, awsv4, ntlm, edgegrid…: the parameters are kept as variables.
        static const QRegularExpression secretKey(
            QStringLiteral("password|secret|token|key"), QRegularExpression::CaseInsensitiveOption);
        for (auto it = p.begin(); it != p.end(); ++it) {
            if (it.key() == QLatin1String("vsOrigin"))
                continue;
            const QString value
                = secretKey.match(it.key()).hasMatch() ? secret(auth, type, it.key(), it.value()) : it.value();
            r.variables.append({ QStringLiteral("auth_%1_%2").arg(type, it.key()), value, 0 });
        }
        result.issues.append({ item, QStringLiteral("%1 auth").arg(type),
            QStringLiteral("cannot be written as a header; its parameters are kept as @auth_%1_* variables")
                .arg(type) });
    }

    // Prefers "raw", the URL as the user typed it; the structured parts are only a fallback for old exports.
    QString urlOf(const QJsonValue &u, HttpRequest &r, const QString &item)
    {
        if (u.isString())
            return u.toString();
        const QJsonObject o = u.toObject();
        QString raw = o.value(QStringLiteral("raw")).toString();
        const QJsonArray query = o.value(QStringLiteral("query")).toArray();
        if (raw.isEmpty()) {
            const QJsonValue host = o.value(QStringLiteral("host"));
            QStringList hostParts;
            for (const QJsonValue &h : host.toArray())
                hostParts << h.toString();
            raw = (o.contains(QStringLiteral("protocol"))
                          ? o.value(QStringLiteral("protocol")).toString() + QStringLiteral("://")
                          : QString())
                + (host.isString() ? host.toString() : hostParts.join(QLatin1Char('.')));
            if (o.contains(QStringLiteral("port")))
                raw += QLatin1Char(':') + str(o.value(QStringLiteral("port")));
            const QJsonValue path = o.value(QStringLiteral("path"));
            QStringList pathParts;
            for (const QJsonValue &pp : path.toArray())
                pathParts << (pp.isObject() ? pp.toObject().value(QStringLiteral("value")).toString() : pp.toString());
            if (path.isString())
                raw += (path.toString().startsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/"))
                    + path.toString();
            else if (!pathParts.isEmpty())
                raw += QLatin1Char('/') + pathParts.join(QLatin1Char('/'));
            QStringList q;
            for (const QJsonValue &qv : query)
                if (!qv.toObject().value(QStringLiteral("disabled")).toBool())
                    q << qv.toObject().value(QStringLiteral("key")).toString() + QLatin1Char('=')
                            + str(qv.toObject().value(QStringLiteral("value")));
            if (!q.isEmpty())
                raw += QLatin1Char('?') + q.join(QLatin1Char('&'));
        }
        for (const QJsonValue &qv : query) {
            const QJsonObject q = qv.toObject();
            if (q.value(QStringLiteral("disabled")).toBool())
                r.comments << QStringLiteral("disabled query: %1=%2")
                                  .arg(
                                      q.value(QStringLiteral("key")).toString(), str(q.value(QStringLiteral("value"))));
        }
        // Path variables ":id" take their values from url.variable; without one they become {{id}}.
        for (const QJsonValue &vv : o.value(QStringLiteral("variable")).toArray()) {
            const QJsonObject v = vv.toObject();
            const QString key = v.value(QStringLiteral("key")).toString(v.value(QStringLiteral("id")).toString());
            const QString value = str(v.value(QStringLiteral("value")));
            const QString needle = QStringLiteral("/:") + key;
            if (!raw.contains(needle))
                continue;
            raw.replace(needle, QLatin1Char('/') + (value.isEmpty() ? QStringLiteral("{{%1}}").arg(key) : value));
            if (value.isEmpty())
                result.issues.append({ item, QStringLiteral("path variable :%1").arg(key),
                    QStringLiteral("no value; written as {{%1}}").arg(key) });
        }
        return raw;
    }

    // Each Postman body mode maps to the .http body plus the Content-Type Postman would have sent.
    void body(const QJsonObject &b, HttpRequest &r, const QString &item)
    {
        if (b.isEmpty())
            return;
        if (b.value(QStringLiteral("disabled")).toBool()) {
            result.issues.append({ item, QStringLiteral("body"), QStringLiteral("disabled in Postman; not imported") });
            return;
        }
        const QString mode = b.value(QStringLiteral("mode")).toString();
        if (mode == QLatin1String("raw")) {
            r.body = b.value(QStringLiteral("raw")).toString();
            const QString lang = b.value(QStringLiteral("options"))
                                     .toObject()
                                     .value(QStringLiteral("raw"))
                                     .toObject()
                                     .value(QStringLiteral("language"))
                                     .toString();
            static const QMap<QString, QString> types { { QStringLiteral("json"), QStringLiteral("application/json") },
                { QStringLiteral("xml"), QStringLiteral("application/xml") },
                { QStringLiteral("html"), QStringLiteral("text/html") },
                { QStringLiteral("javascript"), QStringLiteral("application/javascript") } };
            if (types.contains(lang))
                addHeaderIfMissing(r, QStringLiteral("Content-Type"), types.value(lang));
        } else if (mode == QLatin1String("urlencoded")) {
            QStringList pairs;
            for (const QJsonValue &v : b.value(QStringLiteral("urlencoded")).toArray()) {
                const QJsonObject o = v.toObject();
                const QString k = o.value(QStringLiteral("key")).toString(),
                              val = str(o.value(QStringLiteral("value")));
                if (o.value(QStringLiteral("disabled")).toBool())
                    r.comments << QStringLiteral("disabled field: %1=%2").arg(k, val);
                else
                    pairs << formEncode(k) + QLatin1Char('=') + formEncode(val);
            }
            r.body = pairs.join(QLatin1Char('&'));
            addHeaderIfMissing(r, QStringLiteral("Content-Type"), QStringLiteral("application/x-www-form-urlencoded"));
        } else if (mode == QLatin1String("formdata")) {
            QList<MultipartPart> parts;
            for (const QJsonValue &v : b.value(QStringLiteral("formdata")).toArray()) {
                const QJsonObject o = v.toObject();
                const QString k = o.value(QStringLiteral("key")).toString();
                if (o.value(QStringLiteral("disabled")).toBool()) {
                    r.comments << QStringLiteral("disabled field: %1=%2").arg(k, str(o.value(QStringLiteral("value"))));
                    continue;
                }
                const QString ct = o.value(QStringLiteral("contentType")).toString();
                if (o.value(QStringLiteral("type")).toString() == QLatin1String("file")) {
                    QStringList srcs;
                    const QJsonValue src = o.value(QStringLiteral("src"));
                    if (src.isArray())
                        for (const QJsonValue &s : src.toArray())
                            srcs << s.toString();
                    else if (!src.toString().isEmpty())
                        srcs << src.toString();
                    if (srcs.isEmpty())
                        result.issues.append({ item, QStringLiteral("form file %1").arg(k),
                            QStringLiteral("no file chosen in Postman; field left out") });
                    for (const QString &s : std::as_const(srcs))
                        parts.append({ k, s, true, ct });
                } else {
                    parts.append({ k, str(o.value(QStringLiteral("value"))), false, ct });
                }
            }
            const QString boundary = QStringLiteral("VerbScopeFormBoundary");
            r.body = multipartBody(parts, boundary);
            addHeaderIfMissing(
                r, QStringLiteral("Content-Type"), QStringLiteral("multipart/form-data; boundary=") + boundary);
        } else if (mode == QLatin1String("file")) {
            const QString src = b.value(QStringLiteral("file")).toObject().value(QStringLiteral("src")).toString();
            if (src.isEmpty()) {
                result.issues.append(
                    { item, QStringLiteral("file body"), QStringLiteral("no file chosen in Postman; no body") });
                return;
            }
            r.body = fileLine(src);
        } else if (mode == QLatin1String("graphql")) {
            const QJsonObject g = b.value(QStringLiteral("graphql")).toObject();
            QJsonObject payload { { QStringLiteral("query"), g.value(QStringLiteral("query")).toString() } };
            const QJsonValue vars = g.value(QStringLiteral("variables"));
            if (vars.isString() && !vars.toString().trimmed().isEmpty()) {
                const QJsonDocument vd = QJsonDocument::fromJson(vars.toString().toUtf8());
                if (vd.isObject())
                    payload.insert(QStringLiteral("variables"), vd.object());
                else
                    result.issues.append(
                        { item, QStringLiteral("graphql variables"), QStringLiteral("not a JSON object; left out") });
            } else if (vars.isObject()) {
                payload.insert(QStringLiteral("variables"), vars.toObject());
            }
            r.body = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Indented)).trimmed();
            addHeaderIfMissing(r, QStringLiteral("Content-Type"), QStringLiteral("application/json"));
            result.issues.append({ item, QStringLiteral("graphql body"),
                QStringLiteral("written as a JSON POST body {query, variables}; "
                               "an export gives it back as raw JSON") });
        } else {
            result.issues.append(
                { item, QStringLiteral("body mode \"%1\"").arg(mode), QStringLiteral("unknown; no body") });
            return;
        }
        r.hasBody = true;
    }

    // Header "disabled" entries and disabled query items are kept as comments so nothing the user wrote is lost.
    void request(const QJsonObject &item, const QStringList &folders, const QString &itemPath,
        const QJsonValue &inheritedAuth, const Scripts &inherited, const QList<FileVariable> &folderVariables)
    {
        const QString fileName = fileFor(folders);
        HttpFile &file = m_files[fileName];
        QSet<QString> &used = m_names[fileName];
        HttpRequest r;
        r.variables = folderVariables;
        r.title = item.value(QStringLiteral("name")).toString();
        r.name = uniqueSlug(r.title, used);
        Scripts all = inherited;
        const Scripts own = scripts(item, itemPath, QString());
        all.pre += own.pre;
        all.test += own.test;
        QStringList pre, test;
        for (const Script &sc : std::as_const(all.pre))
            pre << sc.block;
        for (const Script &sc : std::as_const(all.test))
            test << sc.block;
        r.preRequestScripts = pre.join(QLatin1Char('\n'));
        r.handlers = test.join(QLatin1Char('\n'));
        const int examples = int(item.value(QStringLiteral("response")).toArray().size());
        if (examples > 0)
            result.issues.append({ itemPath, QStringLiteral("%1 saved example response(s)").arg(examples),
                QStringLiteral("examples have no place in a .http file; not imported") });
        const QJsonValue reqValue = item.value(QStringLiteral("request"));
        QJsonObject req = reqValue.toObject();
        if (reqValue.isString())
            req.insert(QStringLiteral("url"), reqValue.toString());
        r.method = req.value(QStringLiteral("method")).toString(QStringLiteral("GET"));
        const QString desc = description(req.value(QStringLiteral("description")));
        if (!desc.isEmpty()) {
            // `verbscope: …` lines are what VerbScope's own export keeps there (its round trip).
            for (const QString &line : desc.split(QLatin1Char('\n'))) {
                static const QRegularExpression kept(
                    QStringLiteral("^verbscope: @([A-Za-z][A-Za-z0-9_-]*)(?: (.*))?$"));
                const QRegularExpressionMatch m = kept.match(line);
                if (line == QLatin1String("verbscope: untitled")) {
                    r.title.clear();
                } else if (line == QLatin1String("verbscope: no @name")) {
                    used.remove(r.name);
                    r.name.clear();
                } else if (m.hasMatch() && m.captured(1) == QLatin1String("name") && !m.captured(2).isEmpty()) {
                    used.remove(r.name);
                    r.name = m.captured(2);
                    used.insert(r.name);
                } else if (m.hasMatch()) {
                    r.directives.append({ m.captured(1), m.captured(2) });
                } else {
                    r.comments << line;
                }
            }
        }

        const QJsonValue headers = req.value(QStringLiteral("header"));
        if (headers.isString()) {
            for (const QString &line : headers.toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                const qsizetype colon = line.indexOf(QLatin1Char(':'));
                if (colon > 0)
                    r.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed(), 0 });
            }
        }
        for (const QJsonValue &hv : headers.toArray()) {
            const QJsonObject h = hv.toObject();
            const QString k = h.value(QStringLiteral("key")).toString(), v = str(h.value(QStringLiteral("value")));
            if (h.value(QStringLiteral("disabled")).toBool())
                r.comments << QStringLiteral("disabled: %1: %2").arg(k, v);
            else
                r.headers.append({ k, v, 0 });
        }
        QString extraQuery;
        const QJsonValue auth = withOrigin(authOf(req, inheritedAuth), itemPath);
        applyAuth(auth, r, itemPath, extraQuery);
        QString url = urlOf(req.value(QStringLiteral("url")), r, itemPath).trimmed();
        if (!extraQuery.isEmpty())
            url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + extraQuery;
        if (url.contains(QLatin1Char(' ')))
            url.replace(QLatin1Char(' '), QStringLiteral("%20"));
        if (url.isEmpty())
            result.issues.append({ itemPath, QStringLiteral("URL"),
                QStringLiteral("empty in Postman; the request will not run until one is set") });
        r.target = url.isEmpty() ? QStringLiteral("{{url}}") : url;
        body(req.value(QStringLiteral("body")).toObject(), r, itemPath);

        const QJsonObject behaviour = item.value(QStringLiteral("protocolProfileBehavior")).toObject();
        for (auto it = behaviour.begin(); it != behaviour.end(); ++it) {
            if (it.key() == QLatin1String("followRedirects")) {
                if (!it.value().toBool(true) && !r.hasDirective(QStringLiteral("no-redirect")))
                    r.directives.append({ QStringLiteral("no-redirect"), QString() });
            } else if (it.key() == QLatin1String("strictSSL")) {
                if (!it.value().toBool(true) && !r.hasDirective(QStringLiteral("insecure")))
                    r.directives.append({ QStringLiteral("insecure"), QString() });
            } else if (it.key() != QLatin1String("disableBodyPruning")) {
                result.issues.append({ itemPath, QStringLiteral("setting %1").arg(it.key()),
                    QStringLiteral("no equivalent; not carried over") });
            }
        }
        flagUnwritable(r, itemPath, result.issues);
        file.requests.append(r);
    }

    bool m_v20 = false;
    QString m_name;
    QList<FileVariable> m_variables;
    QMap<QString, HttpFile> m_files;
    QMap<QString, QSet<QString>> m_names;
};

} // namespace

ImportResult PostmanImporter::import(const QByteArray &json)
{
    Import i;
    i.run(json);
    return i.result;
}

bool PostmanImporter::importEnvironment(
    const QByteArray &json, const QString &fileName, ImportResult &result, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    const QJsonObject root = doc.object();
    if (!doc.isObject() || !root.value(QStringLiteral("values")).isArray()
        || (root.contains(QStringLiteral("_postman_variable_scope"))
            && root.value(QStringLiteral("_postman_variable_scope")).toString() != QLatin1String("environment"))) {
        *error = QStringLiteral("%1: %2").arg(fileName,
            pe.error != QJsonParseError::NoError
                ? jsonError(json, pe)
                : QStringLiteral("not a Postman environment (expected an object with \"values\")"));
        return false;
    }
    QString name = root.value(QStringLiteral("name")).toString().trimmed();
    if (name.isEmpty() || name == QLatin1String(Environments::Shared)) {
        name = QFileInfo(fileName).fileName().section(QLatin1Char('.'), 0, 0);
        result.issues.append({ fileName, QStringLiteral("environment name"),
            QStringLiteral("missing or reserved; named %1 after the file").arg(name) });
    }
    // The public and private maps are created even when empty, so the environment exists.
    VariableMap &pub = result.environments[name];
    VariableMap &priv = result.privateEnvironments[name];
    int secrets = 0;
    for (const QJsonValue &v : root.value(QStringLiteral("values")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString key = o.value(QStringLiteral("key")).toString();
        if (key.isEmpty())
            continue;
        if (!o.value(QStringLiteral("enabled")).toBool(true)) {
            result.issues.append({ QStringLiteral("environment %1").arg(name), QStringLiteral("variable %1").arg(key),
                QStringLiteral("disabled; not imported") });
            continue;
        }
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("secret")) {
            priv.insert(key, str(o.value(QStringLiteral("value"))));
            ++secrets;
        } else {
            pub.insert(key, str(o.value(QStringLiteral("value"))));
        }
    }
    if (priv.isEmpty())
        result.privateEnvironments.remove(name);
    if (secrets > 0)
        result.issues.append({ QStringLiteral("environment %1").arg(name),
            QStringLiteral("%1 secret value(s) (%2)")
                .arg(secrets)
                .arg(QStringList(priv.keys()).join(QStringLiteral(", "))),
            QStringLiteral("written to http-client.private.env.json") });
    return true;
}

} // namespace verbscope::collections
