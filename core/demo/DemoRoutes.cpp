// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/DemoRoutes.h"

#include "Version.h"
#include "core/http/Gzip.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QUrlQuery>

#include <algorithm>

namespace verbscope::demo::routes {

namespace {

// Path and method come from the client and are echoed into HTML pages.
QByteArray htmlEscaped(const QByteArray &text)
{
    return QString::fromLatin1(text).toHtmlEscaped().toLatin1();
}

bool isGetOrHead(const DemoRequest &r)
{
    return r.method == "GET" || r.method == "HEAD";
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

// Content-Length with an empty value: the connection fills it in at this position.
DemoResponse plain(int status, const QByteArray &reason, const QByteArray &contentType, const QByteArray &body,
    const QByteArray &server = serverName())
{
    DemoResponse r;
    r.status = status;
    r.reason = reason;
    r.header("Server", server).header("Date", {}).header("Content-Type", contentType).header("Content-Length", {});
    r.body = body;
    return r;
}

DemoResponse jsonAnswer(
    int status, const QByteArray &reason, const QJsonObject &object, const QByteArray &server = serverName())
{
    return plain(status, reason, "application/json", toJson(object), server);
}

// RFC 9110 §15.5.6: a 405 must carry Allow, the list of what the resource does support.
DemoResponse notAllowed(const DemoRequest &request, const QByteArray &allow)
{
    DemoResponse r = jsonAnswer(405, "Method Not Allowed",
        { { QStringLiteral("error"), QStringLiteral("Method Not Allowed") },
            { QStringLiteral("method"), QString::fromLatin1(request.method) },
            { QStringLiteral("allow"), QString::fromLatin1(allow) } });
    r.header("Allow", allow);
    return r;
}

// Clamped so that a query like ?mb=999999 or ?ms=-1 cannot make the demo server misbehave.
int intParameter(const DemoRequest &request, QByteArrayView name, int fallback, int min, int max)
{
    bool ok = false;
    const int value = request.queryValue(name).toInt(&ok);
    return ok ? std::clamp(value, min, max) : fallback;
}

// ---- nginx: its own error pages, CRLF line ends, "Not Allowed" as the 405 reason.
const QByteArray NginxLike = "VerbScope-demo (nginx-like)";

QByteArray nginxErrorBody(const QByteArray &statusText, const QByteArray &footer)
{
    return "<html>\r\n<head><title>" + statusText + "</title></head>\r\n<body>\r\n<center><h1>" + statusText
        + "</h1></center>\r\n<hr><center>" + footer + "</center>\r\n</body>\r\n</html>\r\n";
}

DemoResponse nginxError(int status, const QByteArray &reason, const QByteArray &footer = NginxLike)
{
    DemoResponse r
        = plain(status, reason, "text/html", nginxErrorBody(QByteArray::number(status) + ' ' + reason, footer), footer);
    r.header("Connection", {});
    return r;
}

// nginx's request parser takes upper-case letters, '_' and '-' only: "get" and "FOO1" are 400.
bool nginxParsesMethod(const QByteArray &method)
{
    return std::all_of(
        method.begin(), method.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '_' || c == '-'; });
}

// ---- Python 3.11 http.server: HTTP/1.0, reason phrases with the method in them, close.
const QByteArray PythonServer = "SimpleHTTP/0.6 Python/3.11 (VerbScope demo)";

DemoResponse pythonError(int status, const QByteArray &message, const QByteArray &explain)
{
    DemoResponse r;
    r.version = "HTTP/1.0";
    r.status = status;
    r.reason = message;
    r.close = true;
    r.header("Server", PythonServer)
        .header("Date", {})
        .header("Connection", "close")
        .header("Content-Type", "text/html;charset=utf-8")
        .header("Content-Length", {});
    // http.server escapes the message with quote=False, so ' stays as it is.
    QByteArray escaped = message;
    escaped.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    r.body = "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n"
             "        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n"
             "        <p>Error code: "
        + QByteArray::number(status)
        + "</p>\n"
          "        <p>Message: "
        + escaped
        + ".</p>\n"
          "        <p>Error code explanation: "
        + QByteArray::number(status) + " - " + explain
        + ".</p>\n"
          "    </body>\n</html>\n";
    return r;
}

DemoResponse python200(const QByteArray &contentType, const QByteArray &body)
{
    DemoResponse r;
    r.version = "HTTP/1.0";
    r.close = true;
    r.header("Server", PythonServer)
        .header("Date", {})
        .header("Content-type", contentType)
        .header("Content-Length", {});
    r.body = body;
    return r;
}

// ---- Squid 5.7 in front of an origin.
const QByteArray ProxyName = "demo-proxy";
const QByteArray ProxyVia = "1.1 demo-proxy (squid/5.7)";

// Reproduces squid's error page and headers (X-Squid-Error, Via, X-Cache) so the diagnosis can tell
// a proxy's 501 from the origin's.
DemoResponse squidError(int status, const QByteArray &reason, const QByteArray &errorId, int errno_,
    const QByteArray &title, const QByteArray &explanation, const DemoRequest &request)
{
    DemoResponse r;
    r.status = status;
    r.reason = reason;
    r.header("Server", "squid/5.7")
        .header("Mime-Version", "1.0")
        .header("Date", {})
        .header("Content-Type", "text/html;charset=utf-8")
        .header("Content-Length", {})
        .header("X-Squid-Error", errorId + ' ' + QByteArray::number(errno_))
        .header("Vary", "Accept-Language")
        .header("Content-Language", "en")
        .header("X-Cache", "MISS from " + ProxyName)
        .header("X-Cache-Lookup", "NONE from " + ProxyName + ":3128")
        .header("Via", ProxyVia)
        .header("Connection", {});
    const QByteArray host = request.header("Host").isEmpty() ? QByteArray("127.0.0.1") : request.header("Host");
    const QByteArray url = "http://" + htmlEscaped(host) + htmlEscaped(request.target);
    const QByteArray date
        = QLocale::c()
              .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
              .toLatin1();
    r.body = "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n"
             "<html><head>\n<meta type=\"copyright\" content=\"Copyright (C) 1996-2022 The Squid Software Foundation "
             "and contributors\">\n"
             "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
             "<title>ERROR: The requested URL could not be retrieved</title>\n"
             "</head><body id="
        + errorId
        + ">\n<div id=\"titles\">\n<h1>ERROR</h1>\n"
          "<h2>The requested URL could not be retrieved</h2>\n</div>\n<hr>\n\n<div id=\"content\">\n"
          "<p>The following error was encountered while trying to retrieve the URL: <a href=\""
        + url + "\">" + url
        + "</a></p>\n\n"
          "<blockquote id=\"error\">\n<p><b>"
        + title
        + "</b></p>\n</blockquote>\n\n"
          "<p>"
        + explanation
        + "</p>\n\n"
          "<p>Your cache administrator is <a href=\"mailto:webmaster\">webmaster</a>.</p>\n<br>\n</div>\n\n"
          "<hr>\n<div id=\"footer\">\n<p>Generated "
        + date + " by " + ProxyName
        + " (squid/5.7)</p>\n"
          "<!-- "
        + errorId + " -->\n</div>\n</body></html>\n";
    return r;
}

// What the origin behind the proxy would do: it speaks WebDAV, the proxy does not let it.
const QByteArray OriginAllow = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS, PROPFIND, MKCOL";

// Never reached by methods the proxy refuses (proxy() answers those itself).
DemoResponse origin(const DemoRequest &request)
{
    const QByteArray server = "demo-origin";
    const bool known = request.path == "/proxy/items/1" || request.path == "/proxy/origin-allow";
    if (!known)
        return jsonAnswer(404, "Not Found", { { QStringLiteral("error"), QStringLiteral("Not Found") } }, server);
    if (request.method == "OPTIONS") {
        DemoResponse r = plain(204, "No Content", "text/plain", {}, server);
        r.headers.removeIf(
            [](const http::Header &h) { return h.name == "Content-Type" || h.name == "Content-Length"; });
        r.header("Allow", OriginAllow);
        return r;
    }
    if (request.path == "/proxy/origin-allow") {
        if (!isGetOrHead(request)) {
            DemoResponse r = notAllowed(request, OriginAllow);
            r.headers.first().value = server;
            return r;
        }
        QJsonArray allow;
        for (const QByteArray &m : OriginAllow.split(','))
            allow.append(QString::fromLatin1(m.trimmed()));
        DemoResponse r = jsonAnswer(200, "OK",
            { { QStringLiteral("allow"), allow },
                { QStringLiteral("note"),
                    QStringLiteral("The origin supports PROPFIND and MKCOL; the proxy in front of it does not.") } },
            server);
        r.header("Allow", OriginAllow);
        return r;
    }
    if (isGetOrHead(request))
        return jsonAnswer(200, "OK",
            { { QStringLiteral("id"), 1 }, { QStringLiteral("name"), QStringLiteral("Item behind the proxy") } },
            server);
    if (request.method == "PUT" || request.method == "PATCH" || request.method == "DELETE"
        || request.method == "PROPFIND" || request.method == "MKCOL") {
        return jsonAnswer(200, "OK",
            { { QStringLiteral("id"), 1 }, { QStringLiteral("applied"), QString::fromLatin1(request.method) } },
            server);
    }
    DemoResponse r = notAllowed(request, OriginAllow);
    r.headers.first().value = server;
    return r;
}

} // namespace

QByteArray serverName()
{
    return QByteArrayLiteral("VerbScope-demo/" VERBSCOPE_VERSION);
}

// Sent when RequestParser rejects the request: the connection closes, since after a framing error
// the start of the next request cannot be found.
DemoResponse protocolError(int status, const QByteArray &reason, const QByteArray &detail)
{
    DemoResponse r = plain(status, reason, "text/plain; charset=utf-8",
        QByteArray::number(status) + ' ' + reason + "\n\n" + detail + '\n');
    r.close = true;
    r.header("Connection", "close");
    return r;
}

DemoResponse notFound(const DemoRequest &request)
{
    return plain(404, "Not Found", "text/html; charset=utf-8",
        "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n<body><h1>Not Found</h1>\n<p>Nothing here "
        "at "
            + htmlEscaped(request.path) + ". The path is looked up before the method, so this says nothing about "
            + htmlEscaped(request.method) + ".</p>\n<p><a href=\"/\">All demo routes</a></p></body></html>\n");
}

// The reference for correct behaviour: 405 with an Allow that matches what OPTIONS says.
DemoResponse api(const DemoRequest &request)
{
    static const QByteArray allow = "GET, HEAD, PUT, DELETE, OPTIONS";
    if (request.path != "/api/items/1")
        return jsonAnswer(404, "Not Found", { { QStringLiteral("error"), QStringLiteral("Not Found") } });
    if (isGetOrHead(request))
        return jsonAnswer(
            200, "OK", { { QStringLiteral("id"), 1 }, { QStringLiteral("name"), QStringLiteral("Demo item") } });
    if (request.method == "PUT") {
        return jsonAnswer(200, "OK",
            { { QStringLiteral("id"), 1 }, { QStringLiteral("updated"), true },
                { QStringLiteral("receivedBytes"), qint64(request.body.size()) } });
    }
    if (request.method == "DELETE" || request.method == "OPTIONS") {
        DemoResponse r;
        r.status = 204;
        r.reason = "No Content";
        r.header("Server", serverName()).header("Date", {});
        if (request.method == "OPTIONS")
            r.header("Allow", allow);
        return r;
    }
    return notAllowed(request, allow);
}

DemoResponse staticFile(const DemoRequest &request)
{
    if (!nginxParsesMethod(request.method)) {
        DemoResponse r = nginxError(400, "Bad Request");
        r.close = true; // nginx closes after a request it could not parse
        return r;
    }
    const bool exists = request.path == "/static/page.html";
    if (isGetOrHead(request) && exists) {
        DemoResponse r;
        r.header("Server", NginxLike)
            .header("Date", {})
            .header("Content-Type", "text/html")
            .header("Content-Length", {})
            .header("Last-Modified", "Tue, 04 Jun 2024 10:00:00 GMT")
            .header("Connection", {})
            .header("ETag", "\"665ee5a0-d6\"")
            .header("Accept-Ranges", "bytes");
        r.body
            = "<!DOCTYPE html>\n<html>\n<head><title>A static page</title></head>\n<body>\n"
              "<h1>A static page</h1>\n<p>Served like nginx serves files: GET and HEAD only.</p>\n</body>\n</html>\n";
        return r;
    }
    // nginx looks the file up before it refuses POST, but refuses other verbs on any path.
    if (isGetOrHead(request) || (request.method == "POST" && !exists))
        return nginxError(404, "Not Found");
    return nginxError(405, "Not Allowed");
}

DemoResponse legacy(const DemoRequest &request)
{
    // http.server dispatches to do_<METHOD>: only do_GET and do_HEAD exist, case-sensitively.
    if (!isGetOrHead(request)) {
        return pythonError(
            501, "Unsupported method ('" + request.method + "')", "Server does not support this operation");
    }
    if (request.path == "/legacy") {
        DemoResponse r = python200({}, {});
        r.status = 301;
        r.reason = "Moved Permanently";
        r.headers
            = { { "Server", PythonServer }, { "Date", {} }, { "Location", "/legacy/" }, { "Content-Length", "0" } };
        return r;
    }
    if (request.path == "/legacy/") {
        return python200("text/html; charset=utf-8",
            "<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>Directory listing for /legacy/</title>\n</head>\n<body>\n"
            "<h1>Directory listing for /legacy/</h1>\n<hr>\n<ul>\n<li><a "
            "href=\"report\">report</a></li>\n</ul>\n<hr>\n</body>\n</html>\n");
    }
    if (request.path == "/legacy/report") {
        DemoResponse r = python200(
            "application/octet-stream", "Quarterly report\nNothing but GET and HEAD works on this server.\n");
        r.header("Last-Modified", "Mon, 02 Jan 2023 09:00:00 GMT");
        return r;
    }
    return pythonError(404, "File not found", "Nothing matches the given URI");
}

// A route-level 501: the server knows PATCH, this one resource just has no handler for it.
DemoResponse stub(const DemoRequest &request)
{
    if (request.path != "/stub/export")
        return jsonAnswer(404, "Not Found", { { QStringLiteral("error"), QStringLiteral("Not Found") } });
    if (isGetOrHead(request))
        return plain(200, "OK", "text/csv; charset=utf-8", "id,name\n1,Demo item\n2,Another item\n");
    if (request.method == "PATCH") {
        // Deliberately no Cache-Control: a 501 is heuristically cacheable, which is the finding.
        return jsonAnswer(501, "Not Implemented",
            { { QStringLiteral("error"), QStringLiteral("Not Implemented") },
                { QStringLiteral("detail"),
                    QStringLiteral("PATCH /stub/export is planned but not implemented yet.") } });
    }
    return notAllowed(request, "GET, HEAD, PATCH");
}

// The three override headers in common use; a form's _method field (the Rails and Laravel way) is
// the fallback, read only from urlencoded bodies.
DemoResponse methodOverride(const DemoRequest &request)
{
    if (request.path != "/override/items/1")
        return jsonAnswer(404, "Not Found", { { QStringLiteral("error"), QStringLiteral("Not Found") } });
    if (isGetOrHead(request))
        return jsonAnswer(
            200, "OK", { { QStringLiteral("id"), 1 }, { QStringLiteral("name"), QStringLiteral("Demo item") } });
    if (request.method != "POST")
        return notAllowed(request, "GET, POST"); // the gateway in front only lets GET and POST through

    QByteArray via;
    QByteArray wanted;
    for (const QByteArray &name :
        { QByteArray("X-HTTP-Method-Override"), QByteArray("X-HTTP-Method"), QByteArray("X-Method-Override") }) {
        if (http::hasHeader(request.headers, name)) {
            via = name;
            wanted = request.header(name).trimmed().toUpper();
            break;
        }
    }
    if (via.isEmpty() && request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded")) {
        const QUrlQuery form(QString::fromUtf8(request.body));
        if (form.hasQueryItem(QStringLiteral("_method"))) {
            via = "_method";
            wanted = form.queryItemValue(QStringLiteral("_method"), QUrl::FullyDecoded).trimmed().toUpper().toLatin1();
        }
    }
    if (wanted == "PATCH" || wanted == "PUT" || wanted == "DELETE") {
        return jsonAnswer(200, "OK",
            { { QStringLiteral("id"), 1 }, { QStringLiteral("applied"), QString::fromLatin1(wanted) },
                { QStringLiteral("overrideVia"), QString::fromLatin1(via) },
                { QStringLiteral("receivedMethod"), QStringLiteral("POST") } });
    }
    QJsonObject created { { QStringLiteral("created"),
                              QJsonObject { { QStringLiteral("id"), 2 }, { QStringLiteral("parent"), 1 } } },
        { QStringLiteral("method"), QStringLiteral("POST") } };
    if (!via.isEmpty()) // like most frameworks, an override to anything else is ignored
        created.insert(QStringLiteral("ignoredOverride"), QString::fromLatin1(wanted));
    return jsonAnswer(200, "OK", created);
}

// The proxy refuses methods it does not know before asking the origin, so the 501 comes from squid
// while GET and PUT reach an origin that would have accepted PROPFIND too.
DemoResponse proxy(const DemoRequest &request)
{
    static const QList<QByteArray> forwarded { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" };
    if (!forwarded.contains(request.method)) {
        return squidError(501, "Not Implemented", "ERR_UNSUP_REQ", 0, "Unsupported Request Method and Protocol",
            "Squid does not support all request methods for all access protocols. For example, you can not POST a "
            "Gopher request.",
            request);
    }
    if (request.path == "/proxy/bad-gateway") {
        return squidError(502, "Bad Gateway", "ERR_ZERO_SIZE_OBJECT", 0, "Zero Sized Reply",
            "Squid did not receive any data for this request.", request);
    }
    DemoResponse r = origin(request);
    r.header("X-Cache", "MISS from " + ProxyName)
        .header("X-Cache-Lookup", "MISS from " + ProxyName + ":3128")
        .header("Via", ProxyVia)
        .header("Connection", {});
    return r;
}

DemoResponse ignore(const DemoRequest &request)
{
    Q_UNUSED(request) // that is the point
    DemoResponse r = plain(200, "OK", "text/html; charset=utf-8",
        "<!DOCTYPE html>\n<html><head><title>Hello</title></head>\n"
        "<body><h1>Hello</h1><p>This handler never looks at the method.</p></body></html>\n");
    r.header("ETag", "\"ignore-1\"");
    return r;
}

DemoResponse forbidden(const DemoRequest &request)
{
    if (request.path != "/forbidden/doc")
        return notFound(request);
    if (isGetOrHead(request))
        return plain(200, "OK", "text/plain; charset=utf-8", "A document anyone may read, and nobody may change.\n");
    return plain(403, "Forbidden", "text/html; charset=iso-8859-1",
        "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 "
        "Forbidden</title>\n</head><body>\n"
        "<h1>Forbidden</h1>\n<p>Access denied: you don't have permission to access this "
        "resource.</p>\n</body></html>\n");
}

// RFC 9110 §15.5.12: 411 when a body is expected but neither Content-Length nor chunked framing was sent.
DemoResponse length(const DemoRequest &request)
{
    if (request.path != "/length/upload")
        return notFound(request);
    if (isGetOrHead(request))
        return plain(200, "OK", "text/plain; charset=utf-8", "POST or PUT a body here, with a Content-Length.\n");
    if (request.method != "POST" && request.method != "PUT")
        return notAllowed(request, "GET, HEAD, POST, PUT");
    if (!request.hasContentLength && !request.chunked) {
        return plain(411, "Length Required", "text/html; charset=utf-8",
            "<!DOCTYPE html>\n<html><head><title>411 Length Required</title></head>\n"
            "<body><h1>Length Required</h1><p>A request with a body needs a Content-Length "
            "header.</p></body></html>\n");
    }
    DemoResponse r = jsonAnswer(201, "Created", { { QStringLiteral("stored"), qint64(request.body.size()) } });
    r.header("Location", "/length/upload/1");
    return r;
}

// Methods are case-sensitive (RFC 9110 §9.1): a strict server treats "get" as malformed, not as GET.
DemoResponse strict(const DemoRequest &request)
{
    const bool lowerCase
        = std::any_of(request.method.begin(), request.method.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (lowerCase) {
        DemoResponse r = nginxError(400, "Bad Request", "VerbScope-demo (strict)");
        r.close = true;
        return r;
    }
    if (isGetOrHead(request) || request.method == "POST")
        return jsonAnswer(200, "OK",
            { { QStringLiteral("ok"), true }, { QStringLiteral("method"), QString::fromLatin1(request.method) } });
    return notAllowed(request, "GET, POST");
}

// Answers that break RFC 9110 on purpose (an empty Allow per §10.2.1 allows nothing, GET and HEAD must
// be supported per §9.1), so the diagnosis's rule checks have a live target.
DemoResponse spec(const DemoRequest &request)
{
    const QByteArray &path = request.path;
    if (path == "/spec/empty-allow") {
        // An empty Allow says "no method at all", so even GET is refused.
        DemoResponse r = plain(405, "Method Not Allowed", "text/plain; charset=utf-8", "Nothing is allowed here.\n");
        r.header("Allow", "");
        return r;
    }
    if (path == "/spec/inconsistent") {
        if (isGetOrHead(request))
            return plain(200, "OK", "text/plain; charset=utf-8", "OPTIONS and the 405 disagree about PATCH.\n");
        if (request.method == "OPTIONS") {
            DemoResponse r = plain(200, "OK", "text/plain; charset=utf-8", {});
            r.header("Allow", "GET, HEAD, PATCH, OPTIONS");
            return r;
        }
        DemoResponse r = plain(405, "Method Not Allowed", "text/plain; charset=utf-8", "Method Not Allowed\n");
        r.header("Allow", "GET, HEAD");
        return r;
    }
    if (path == "/spec/get-501")
        return plain(501, "Not Implemented", "text/plain; charset=utf-8", "Not Implemented\n");
    if (path == "/spec/odd-reason") {
        if (isGetOrHead(request))
            return plain(200, "OK", "text/plain; charset=utf-8", "Only GET is welcome.\n");
        DemoResponse r = plain(405, "Verb Not Welcome Here", "text/plain; charset=utf-8", "Verb Not Welcome Here\n");
        r.header("Allow", "GET");
        return r;
    }
    return notFound(request);
}

// Each /redirect/3xx?n=N points at itself with n-1, so the client sees N hops of one status code
// before /redirect/done reports which method and body survived (RFC 9110 §15.4).
DemoResponse redirect(const DemoRequest &request)
{
    const QByteArray &path = request.path;
    if (path == "/redirect/done") {
        return jsonAnswer(200, "OK",
            { { QStringLiteral("method"), QString::fromLatin1(request.method) },
                { QStringLiteral("bodyLength"), qint64(request.body.size()) },
                { QStringLiteral("target"), QString::fromLatin1(request.target) } });
    }
    auto hop = [](int status, const QByteArray &reason, const QByteArray &location) {
        DemoResponse r = plain(status, reason, "text/html; charset=utf-8",
            location.isEmpty() ? QByteArray("<p>Found, but there is no Location header to follow.</p>\n")
                               : QByteArray("<p>Moved to <a href=\"" + location + "\">" + location + "</a>.</p>\n"));
        if (!location.isEmpty())
            r.header("Location", location);
        return r;
    };
    if (path == "/redirect/loop")
        return hop(302, "Found", "/redirect/loop");
    if (path == "/redirect/no-location")
        return hop(302, "Found", {});
    static const QList<std::pair<int, QByteArray>> codes { { 301, "Moved Permanently" }, { 302, "Found" },
        { 303, "See Other" }, { 307, "Temporary Redirect" }, { 308, "Permanent Redirect" } };
    for (const auto &[code, reason] : codes) {
        if (path == QByteArray("/redirect/" + QByteArray::number(code))) {
            const int n = intParameter(request, "n", 2, 1, 100);
            return hop(code, reason,
                n > 1 ? QByteArray(path + "?n=" + QByteArray::number(n - 1)) : QByteArray("/redirect/done"));
        }
    }
    return notFound(request);
}

// The wait is a timer in DemoConnection (delayMs), never a sleep: other connections keep being served.
DemoResponse slow(const DemoRequest &request)
{
    DemoResponse r = jsonAnswer(200, "OK", {});
    r.delayMs = intParameter(request, "ms", 2000, 0, 60000);
    r.body = toJson({ { QStringLiteral("waitedMs"), r.delayMs } });
    return r;
}

DemoResponse drip(const DemoRequest &request)
{
    const int n = intParameter(request, "n", 10, 0, 100000);
    DemoResponse r = plain(200, "OK", "text/plain; charset=utf-8", {});
    for (int i = 0; i < n; ++i)
        r.body += char('0' + i % 10);
    r.dripIntervalMs = intParameter(request, "ms", 200, 0, 10000);
    return r;
}

// Only the size is set; DemoConnection streams a repeated pattern so the body never sits in memory.
DemoResponse large(const DemoRequest &request)
{
    DemoResponse r = plain(200, "OK", "application/octet-stream", {});
    r.generatedBodySize = qint64(intParameter(request, "mb", 10, 0, 2048)) * 1024 * 1024;
    return r;
}

// Sent compressed whatever Accept-Encoding says, so the client's decoding path can be tested.
DemoResponse gzip(const DemoRequest &request)
{
    Q_UNUSED(request)
    static const QByteArray compressed = [] {
        QJsonArray items;
        for (int i = 1; i <= 50; ++i)
            items.append(QJsonObject {
                { QStringLiteral("id"), i }, { QStringLiteral("name"), QStringLiteral("Compressed item %1").arg(i) } });
        return http::Gzip::compress(
            toJson({ { QStringLiteral("encoding"), QStringLiteral("gzip") }, { QStringLiteral("items"), items } }));
    }();
    DemoResponse r = plain(200, "OK", "application/json", compressed);
    r.header("Vary", "Accept-Encoding").header("Content-Encoding", "gzip");
    return r;
}

DemoResponse echo(const DemoRequest &request)
{
    QJsonArray headers;
    for (const http::Header &h : request.headers)
        headers.append(QJsonObject { { QStringLiteral("name"), QString::fromLatin1(h.name) },
            { QStringLiteral("value"), QString::fromLatin1(h.value) } });
    return jsonAnswer(200, "OK",
        { { QStringLiteral("method"), QString::fromLatin1(request.method) },
            { QStringLiteral("target"), QString::fromLatin1(request.target) },
            { QStringLiteral("httpVersion"), QString::fromLatin1(request.version) },
            { QStringLiteral("headers"), headers }, { QStringLiteral("bodyLength"), qint64(request.body.size()) },
            { QStringLiteral("chunked"), request.chunked } });
}

} // namespace verbscope::demo::routes
