// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/HarImporter.h"

#include "core/collections/importers/ImportHelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QStringDecoder>

namespace verbscope::collections {

using namespace importhelpers;

namespace {
QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

bool isRequestObject(const QJsonObject &o)
{
    return o.value(QStringLiteral("url")).isString() && o.value(QStringLiteral("method")).isString();
}

bool isEntryObject(const QJsonObject &o)
{
    return o.value(QStringLiteral("request")).isObject();
}

// The entries, wherever the file holds them: a HAR log, or the bare `entries` or `request`
// objects some tools export without the log (an entry, a request, an array of either, or
// {"entries": […]}). `shape` says which was found, for the report; empty for a HAR log.
QJsonArray findEntries(const QJsonDocument &doc, QString *shape)
{
    auto wrap = [](const QJsonArray &items) {
        QJsonArray entries;
        for (const QJsonValue &v : items)
            entries.append(isRequestObject(v.toObject()) && !isEntryObject(v.toObject())
                    ? QJsonObject { { QStringLiteral("request"), v } }
                    : v);
        return entries;
    };
    if (doc.isArray()) {
        const QJsonArray a = doc.array();
        const QJsonObject first = a.first().toObject();
        if (a.isEmpty() || !(isEntryObject(first) || isRequestObject(first)))
            return {};
        *shape = isEntryObject(first)
            ? QStringLiteral("an array of %1 HAR entries without the log").arg(a.size())
            : QStringLiteral("an array of %1 HAR request objects without the log").arg(a.size());
        return wrap(a);
    }
    const QJsonObject o = doc.object();
    const QJsonObject log = o.value(QStringLiteral("log")).toObject();
    if (log.value(QStringLiteral("entries")).isArray())
        return log.value(QStringLiteral("entries")).toArray();
    if (o.value(QStringLiteral("entries")).isArray()) {
        *shape = QStringLiteral("{\"entries\": …} without the log");
        return wrap(o.value(QStringLiteral("entries")).toArray());
    }
    if (isEntryObject(o)) {
        *shape = QStringLiteral("one HAR entry without the log");
        return { o };
    }
    if (isRequestObject(o)) {
        *shape = QStringLiteral("one HAR request object without the log");
        return { QJsonObject { { QStringLiteral("request"), o } } };
    }
    return {};
}

// A HAR holds every request a browser saw; only HTTP(S) ones can be sent again.
QString notHttp(const QJsonObject &entry, const QJsonObject &req)
{
    const QString url = str(req, "url");
    if (url.isEmpty())
        return QStringLiteral("no URL");
    const QString scheme = url.section(QLatin1Char(':'), 0, 0).toLower();
    if (scheme == QLatin1String("ws") || scheme == QLatin1String("wss")
        || str(entry, "_resourceType") == QLatin1String("websocket")
        || entry.contains(QStringLiteral("_webSocketMessages")))
        return QStringLiteral("a WebSocket connection, not an HTTP request");
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return QStringLiteral("a %1: URL, not an HTTP request").arg(scheme);
    return {};
}

// VerbScope's own HAR export keeps what HAR has no field for as `verbscope: …` lines in the
// request's comment (HarExporter); they give back the title, the @name and the directives.
bool readOwnLines(const QString &comment, HttpRequest &r)
{
    static const QRegularExpression directive(QStringLiteral("^verbscope: @([A-Za-z][A-Za-z0-9_-]*)(?: (.*))?$"));
    bool own = false;
    for (const QString &line : comment.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("verbscope: ### "))) {
            r.title = line.mid(15);
        } else if (line == QLatin1String("verbscope: no @name")) {
        } else if (const QRegularExpressionMatch m = directive.match(line); m.hasMatch()) {
            if (m.captured(1) == QLatin1String("name"))
                r.name = m.captured(2);
            else
                r.directives.append({ m.captured(1), m.captured(2), 0 });
        } else if (line.startsWith(QLatin1String("verbscope: # "))) {
            r.comments << line.mid(13);
        } else if (line.startsWith(QLatin1String("verbscope: #"))) {
            r.comments << line.mid(12);
        } else {
            if (!line.isEmpty())
                r.comments << line;
            continue;
        }
        own = true;
    }
    return own;
}

struct EntryContext {
    ImportResult &result;
    QMap<QString, QStringList> &dropped; // many and alike: reported once per kind with the entries
    QString item;
    QString number;
};

// postData as the body; false when it cannot be written (a binary body).
bool readBody(const QJsonObject &post, HttpRequest &r, EntryContext &c)
{
    const QString mime = str(post, "mimeType");
    if (post.contains(QStringLiteral("text"))) {
        r.body = str(post, "text");
        // Not in HAR 1.2, but written by some tools for a binary body.
        if (str(post, "encoding") == QLatin1String("base64")) {
            const QByteArray bytes = QByteArray::fromBase64(r.body.toLatin1());
            QStringDecoder utf8(QStringDecoder::Utf8);
            r.body = utf8(bytes);
            if (utf8.hasError() || r.body.contains(QChar(0))) {
                c.result.issues.append({ c.item, QStringLiteral("base64 body of %1 bytes").arg(bytes.size()),
                    QStringLiteral("not text; a .http body cannot hold it, so the request was not imported") });
                return false;
            }
            c.dropped[QStringLiteral("base64 postData")] << c.number;
        }
        if (post.value(QStringLiteral("params")).toArray().size() > 0)
            c.dropped[QStringLiteral("postData.params")] << c.number;
    } else if (mime.startsWith(QLatin1String("multipart/"))) {
        QList<MultipartPart> parts;
        for (const QJsonValue &pv : post.value(QStringLiteral("params")).toArray()) {
            const QJsonObject p = pv.toObject();
            const bool isFile = p.contains(QStringLiteral("fileName"));
            parts.append(
                { str(p, "name"), isFile ? str(p, "fileName") : str(p, "value"), isFile, str(p, "contentType") });
            if (isFile)
                c.result.issues.append({ c.item, QStringLiteral("form file %1").arg(str(p, "fileName")),
                    QStringLiteral("HAR does not hold the file; referenced as a file next to the .http file") });
        }
        r.body = multipartBody(parts, QStringLiteral("VerbScopeFormBoundary"));
        // The recorded boundary no longer matches the rebuilt body.
        for (HeaderLine &h : r.headers)
            if (h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
                h.value = QStringLiteral("multipart/form-data; boundary=VerbScopeFormBoundary");
    } else {
        QStringList pairs;
        for (const QJsonValue &pv : post.value(QStringLiteral("params")).toArray())
            pairs << formEncode(str(pv.toObject(), "name")) + QLatin1Char('=')
                    + formEncode(str(pv.toObject(), "value"));
        r.body = pairs.join(QLatin1Char('&'));
    }
    r.hasBody = !r.body.isEmpty();
    if (r.hasBody && !mime.isEmpty())
        addHeaderIfMissing(r, QStringLiteral("Content-Type"), mime);
    return true;
}

// One entry's request; false when it is left out (reported and counted by the caller).
bool readEntry(const QJsonObject &entry, HttpRequest &r, EntryContext &c)
{
    const QJsonObject req = entry.value(QStringLiteral("request")).toObject();
    if (const QString why = notHttp(entry, req); !why.isEmpty()) {
        c.result.issues.append({ c.item, str(req, "url").left(80), why + QStringLiteral("; not imported") });
        return false;
    }
    r.method = req.value(QStringLiteral("method")).toString(QStringLiteral("GET"));
    r.target = str(req, "url");
    r.target.replace(QLatin1Char(' '), QStringLiteral("%20"));
    const QString version = str(req, "httpVersion");
    if (!version.isEmpty() && !version.contains(QLatin1String("1.")))
        c.dropped[QStringLiteral("HTTP version ") + version] << c.number;
    if (!str(entry, "_fromCache").isEmpty())
        c.dropped[QStringLiteral("served from the browser's cache")] << c.number;
    bool cookieHeader = false;
    for (const QJsonValue &hv : req.value(QStringLiteral("headers")).toArray()) {
        const QJsonObject h = hv.toObject();
        const QString name = str(h, "name");
        if (name.startsWith(QLatin1Char(':')) || name.compare(QLatin1String("Content-Length"), Qt::CaseInsensitive) == 0
            || name.compare(QLatin1String("Host"), Qt::CaseInsensitive) == 0) {
            c.dropped[QStringLiteral("header ") + name.toLower()] << c.number;
            continue;
        }
        cookieHeader = cookieHeader || name.compare(QLatin1String("Cookie"), Qt::CaseInsensitive) == 0;
        r.headers.append({ name, str(h, "value"), 0 });
    }
    const QJsonArray cookies = req.value(QStringLiteral("cookies")).toArray();
    if (cookieHeader && !cookies.isEmpty()) {
        c.dropped[QStringLiteral("cookies array")] << c.number;
    } else if (!cookies.isEmpty()) {
        QStringList pairs;
        for (const QJsonValue &cv : cookies)
            pairs << str(cv.toObject(), "name") + QLatin1Char('=') + str(cv.toObject(), "value");
        r.headers.append({ QStringLiteral("Cookie"), pairs.join(QStringLiteral("; ")), 0 });
    }
    if (const QJsonObject post = req.value(QStringLiteral("postData")).toObject(); !post.isEmpty())
        if (!readBody(post, r, c))
            return false;
    const bool own = readOwnLines(str(req, "comment"), r);
    // VerbScope's export puts "file: name" in the entry's comment; other tools' comments are kept.
    if (!own && !str(entry, "comment").isEmpty())
        r.comments.prepend(str(entry, "comment"));
    if (!own)
        r.directives.append({ QStringLiteral("no-redirect"), QString() }); // a HAR records each hop as its own entry
    return true;
}

QString droppedReason(const QString &what)
{
    if (what.startsWith(QLatin1String("HTTP version")))
        return QStringLiteral("requests are sent as HTTP/1.1 unless --http2 is given");
    if (what == QLatin1String("cookies array"))
        return QStringLiteral("the Cookie header holds the same cookies; sent once, as the header");
    if (what == QLatin1String("postData.params"))
        return QStringLiteral("postData.text is the body as sent; the params were not used");
    if (what == QLatin1String("base64 postData"))
        return QStringLiteral("decoded; the body is UTF-8 text");
    if (what.startsWith(QLatin1String("served")))
        return QStringLiteral("the browser did not send these requests; imported as requests to send");
    if (what.startsWith(QLatin1String("header :")))
        return QStringLiteral(
            "an HTTP/2 pseudo-header, not a header to send; VerbScope makes it from the method and URL");
    return QStringLiteral("set by VerbScope from the URL and the body when sending");
}
} // namespace

ImportResult HarImporter::import(const QByteArray &json, const QString &baseName)
{
    ImportResult result;
    result.format = QStringLiteral("har 1.2");
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    QString shape;
    const QJsonArray entries = findEntries(doc, &shape);
    if (pe.error != QJsonParseError::NoError || (entries.isEmpty() && !doc.object().contains(QStringLiteral("log")))) {
        result.error = pe.error != QJsonParseError::NoError
            ? jsonError(json, pe)
            : QStringLiteral("no log.entries, HAR entries or HAR request objects: not a HAR file");
        return result;
    }
    if (!shape.isEmpty()) {
        result.format = QStringLiteral("har request objects");
        result.issues.append(
            { QStringLiteral("input"), shape, QStringLiteral("imported as the entries of a HAR log") });
    }
    QMap<QString, QStringList> dropped;
    int responses = 0;
    HttpFile file;
    int n = 0;
    for (const QJsonValue &ev : entries) {
        ++n;
        const QJsonObject entry = ev.toObject();
        EntryContext c { result, dropped, QStringLiteral("entry %1").arg(n), QString::number(n) };
        if (entry.value(QStringLiteral("response")).toObject().value(QStringLiteral("status")).toInt() > 0)
            ++responses;
        HttpRequest r;
        if (!isEntryObject(entry)) {
            result.issues.append({ c.item, QStringLiteral("no request object"), QStringLiteral("not imported") });
            ++result.leftOut;
            continue;
        }
        if (!readEntry(entry, r, c)) {
            ++result.leftOut;
            continue;
        }
        flagUnwritable(r, c.item, result.issues);
        file.requests.append(r);
    }
    for (auto it = dropped.begin(); it != dropped.end(); ++it)
        result.issues.append(
            { QStringLiteral("entries ") + it.value().join(QLatin1Char(',')), it.key(), droppedReason(it.key()) });
    if (responses > 0)
        result.issues.append({ QStringLiteral("log"), QStringLiteral("%1 recorded response(s)").arg(responses),
            QStringLiteral("a collection holds requests only; responses were not imported") });
    result.files.append({ (baseName.isEmpty() ? QStringLiteral("har") : baseName) + QStringLiteral(".http"), file });
    return result;
}

} // namespace verbscope::collections
