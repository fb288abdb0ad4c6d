// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/DemoServer.h"

#include "core/demo/DemoConnection.h"
#include "core/demo/DemoRoutes.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>

#include <iterator>

namespace verbscope::demo {

namespace {

using Handler = DemoResponse (*)(const DemoRequest &);

DemoResponse indexPage(const DemoRequest &request);

// The one route table: dispatch, the index page, `demo --routes` and docs/demo.md all come
// from it. `match` is an exact path, or "X/*" for X itself and everything under X/.
struct Route {
    const char *path;
    const char *title;
    const char *tryMethod;
    const char *expect;
    const char *match;
    Handler handler;
};

const Route Routes[] = {
    { "/", "This index: every route, as HTML, or as JSON with Accept: application/json", "GET",
        "200; other verbs 405 + Allow: GET, HEAD", "/", indexPage },
    { "/api/items/1", "A well-behaved REST resource: GET, HEAD, PUT, DELETE and OPTIONS work", "PATCH",
        "405 Method Not Allowed + Allow: GET, HEAD, PUT, DELETE, OPTIONS", "/api/*", routes::api },
    { "/static/page.html", "A static file served the nginx way", "DELETE",
        "405 Not Allowed, no Allow header, nginx error page; 'delete' gets 400", "/static/*", routes::staticFile },
    { "/legacy/report", "A legacy server that implements only GET and HEAD, everywhere (Python http.server)", "PUT",
        "501 Unsupported method ('PUT'), over HTTP/1.0, Connection: close", "/legacy/*", routes::legacy },
    { "/stub/export", "One route with a 501 stub for PATCH (PATCH elsewhere under /stub/ is 404)", "PATCH",
        "501 Not Implemented without Cache-Control", "/stub/*", routes::stub },
    { "/override/items/1", "A gateway that lets only GET and POST through, and an app that honours method overrides",
        "PATCH", "405 + Allow: GET, POST; POST + X-HTTP-Method-Override: PATCH gives 200", "/override/*",
        routes::methodOverride },
    { "/proxy/items/1", "A squid proxy in front of an origin that speaks WebDAV", "PROPFIND",
        "501 Not Implemented from the proxy (Via, X-Squid-Error); GET, PUT, PATCH reach the origin", "/proxy/*",
        routes::proxy },
    { "/proxy/origin-allow", "The origin's own Allow list, behind the same proxy", "GET",
        "200 + Allow: GET, HEAD, PUT, PATCH, DELETE, OPTIONS, PROPFIND, MKCOL", "/proxy/*", routes::proxy },
    { "/proxy/bad-gateway", "The proxy gets no answer from the origin", "GET", "502 Bad Gateway, squid error page",
        "/proxy/*", routes::proxy },
    { "/ignore", "A handler that never looks at the method", "FOO", "200, the same answer as GET", "/ignore",
        routes::ignore },
    { "/forbidden/doc", "An access rule refuses every change: the method is not the problem", "DELETE",
        "403 Forbidden, no Allow", "/forbidden/*", routes::forbidden },
    { "/length/upload", "Uploads need a Content-Length", "POST", "411 Length Required without a body, 201 with one",
        "/length/*", routes::length },
    { "/strict/item", "A strict parser: lower-case verbs are malformed, unknown ones not allowed", "GETT",
        "405 + Allow: GET, POST; 'get' gets 400 Bad Request", "/strict/*", routes::strict },
    { "/missing-route", "No such resource: the 404 comes before any look at the method", "PATCH",
        "404 Not Found for every verb", "/missing-route", routes::notFound },
    { "/spec/empty-allow", "A 405 with an empty Allow header: nothing is allowed, not even GET", "GET",
        "405 + Allow: (empty)", "/spec/*", routes::spec },
    { "/spec/inconsistent", "The 405's Allow and the OPTIONS answer disagree", "PATCH",
        "405 + Allow: GET, HEAD, while OPTIONS says GET, HEAD, PATCH, OPTIONS", "/spec/*", routes::spec },
    { "/spec/get-501", "501 even for GET and HEAD, which every server must implement", "GET", "501 Not Implemented",
        "/spec/*", routes::spec },
    { "/spec/odd-reason", "A 405 with a made-up reason phrase", "PATCH", "405 Verb Not Welcome Here + Allow: GET",
        "/spec/*", routes::spec },
    { "/redirect/301?n=2", "n hops of 301 to /redirect/done", "POST",
        "301 x n, then 200; most clients turn POST into GET", "/redirect/*", routes::redirect },
    { "/redirect/302?n=2", "n hops of 302 to /redirect/done", "POST",
        "302 x n, then 200; most clients turn POST into GET", "/redirect/*", routes::redirect },
    { "/redirect/303?n=2", "n hops of 303 to /redirect/done", "PUT", "303 x n, then 200 to a GET", "/redirect/*",
        routes::redirect },
    { "/redirect/307?n=2", "n hops of 307 to /redirect/done", "PATCH", "307 x n, then 200; method and body kept",
        "/redirect/*", routes::redirect },
    { "/redirect/308?n=2", "n hops of 308 to /redirect/done", "PATCH", "308 x n, then 200; method and body kept",
        "/redirect/*", routes::redirect },
    { "/redirect/done", "The end of every chain: echoes the method and body length it received", "POST",
        "200 + JSON {method, bodyLength, target}", "/redirect/*", routes::redirect },
    { "/redirect/loop", "A redirect to itself, forever", "GET", "302 until the client gives up", "/redirect/*",
        routes::redirect },
    { "/redirect/no-location", "A redirect with nowhere to go", "GET", "302 Found without Location", "/redirect/*",
        routes::redirect },
    { "/slow?ms=2000", "Answers after ms milliseconds (up to 60000)", "GET", "200 after the wait", "/slow",
        routes::slow },
    { "/drip?n=10&ms=200", "A body of n bytes, one every ms milliseconds", "GET", "200, the body trickles in", "/drip",
        routes::drip },
    { "/large?mb=10", "A large body of mb MiB (up to 2048), streamed, with Content-Length", "GET",
        "200, mb MiB of text", "/large", routes::large },
    { "/gzip", "A gzip-encoded JSON body", "GET", "200 + Content-Encoding: gzip", "/gzip", routes::gzip },
    { "/echo", "Echoes the method, target, headers (in order, duplicates kept) and body length", "any verb",
        "200 + JSON", "/echo", routes::echo },
};

// "/api/*" must match "/api" and "/api/x" but not "/apix".
bool matches(const char *pattern, const QByteArray &path)
{
    const QByteArrayView p(pattern);
    if (!p.endsWith("/*"))
        return path == p;
    const QByteArrayView base = p.chopped(2);
    return path == base || (path.startsWith(base) && path.size() > base.size() && path.at(base.size()) == '/');
}

// The path is looked up before the method, as real servers do, so an unknown path is 404 for every verb.
DemoResponse dispatch(const DemoRequest &request)
{
    for (const Route &route : Routes) {
        if (matches(route.match, request.path))
            return route.handler(request);
    }
    return routes::notFound(request);
}

QString html(const char *text)
{
    return QString::fromUtf8(text).toHtmlEscaped();
}

// The index doubles as a machine-readable route list (Accept: application/json) for scripts and tests.
// Each row carries a ready-made CLI command in its tooltip so a first user can copy and run it.
DemoResponse indexPage(const DemoRequest &request)
{
    DemoResponse r;
    r.header("Server", routes::serverName()).header("Date", {});
    if (request.method != "GET" && request.method != "HEAD") {
        r.status = 405;
        r.reason = "Method Not Allowed";
        r.header("Content-Type", "text/plain; charset=utf-8").header("Allow", "GET, HEAD");
        r.body = "The index answers GET and HEAD. Every other route is listed there.\n";
        return r;
    }
    if (request.header("Accept").contains("application/json")) {
        QJsonArray list;
        for (const Route &route : Routes) {
            list.append(QJsonObject { { QStringLiteral("path"), QString::fromUtf8(route.path) },
                { QStringLiteral("title"), QString::fromUtf8(route.title) },
                { QStringLiteral("try"), QString::fromUtf8(route.tryMethod) },
                { QStringLiteral("expect"), QString::fromUtf8(route.expect) } });
        }
        r.header("Content-Type", "application/json").header("Vary", "Accept");
        r.body = QJsonDocument(QJsonObject { { QStringLiteral("routes"), list } }).toJson(QJsonDocument::Indented);
        return r;
    }
    const QString host
        = request.header("Host").isEmpty() ? QStringLiteral("127.0.0.1") : QString::fromLatin1(request.header("Host"));
    QString page = QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>VerbScope demo server</title>\n"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
        "padding:4px 8px;text-align:left;vertical-align:top}code{white-space:nowrap}</style>\n</head>\n<body>\n"
        "<h1>VerbScope demo server</h1>\n<p>Each path reproduces one way servers answer a method they do not support. "
        "Send the verb in the <em>Try</em> column, then read the diagnosis.</p>\n"
        "<table>\n<tr><th>Path</th><th>What it shows</th><th>Try</th><th>Expect</th></tr>\n");
    for (const Route &route : Routes) {
        const bool anyVerb = QByteArrayView(route.tryMethod).contains(' ');
        const QString tryCommand = QStringLiteral("verbscope-cli send -X %1 http://%2%3")
                                       .arg(anyVerb ? QStringLiteral("FOO") : QString::fromUtf8(route.tryMethod),
                                           host.toHtmlEscaped(), html(route.path));
        page += QStringLiteral("<tr><td><a href=\"%1\"><code>%1</code></a></td><td>%2</td><td><code "
                               "title=\"%3\">%4</code></td><td>%5</td></tr>\n")
                    .arg(html(route.path), html(route.title), tryCommand, html(route.tryMethod), html(route.expect));
    }
    page += QStringLiteral("</table>\n<p>The same list as JSON: send <code>Accept: application/json</code> to this "
                           "page.</p>\n</body>\n</html>\n");
    r.header("Content-Type", "text/html; charset=utf-8").header("Vary", "Accept");
    r.body = page.toUtf8();
    return r;
}

} // namespace

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &DemoServer::onNewConnection);
}

DemoServer::~DemoServer() = default;

// Loopback only: the demo server answers anything and must never be reachable from the network.
bool DemoServer::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

void DemoServer::close()
{
    m_server->close();
    const QList<DemoConnection *> connections = findChildren<DemoConnection *>(Qt::FindDirectChildrenOnly);
    for (DemoConnection *c : connections)
        c->shutdown(); // not delete: close() may run inside one of their signals
}

bool DemoServer::isListening() const
{
    return m_server->isListening();
}

quint16 DemoServer::port() const
{
    return m_server->serverPort();
}

QString DemoServer::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
}

QString DemoServer::errorString() const
{
    return m_server->errorString();
}

bool DemoServer::addressInUse() const
{
    return m_server->serverError() == QAbstractSocket::AddressInUseError;
}

// Connections are children of the server, so close() can find and drop them all.
void DemoServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new DemoConnection(socket, dispatch, this);
        connect(connection, &DemoConnection::handled, this, &DemoServer::requestHandled);
        connect(connection, &DemoConnection::writeBuffered, this,
            [this](qint64 bytes) { m_peakWriteBuffer = qMax(m_peakWriteBuffer, bytes); });
        connect(connection, &DemoConnection::closed, connection, &QObject::deleteLater);
    }
}

QList<DemoServer::RouteInfo> DemoServer::routes()
{
    QList<RouteInfo> out;
    out.reserve(qsizetype(std::size(Routes)));
    for (const Route &route : Routes) {
        out.append({ QString::fromUtf8(route.path), QString::fromUtf8(route.title), QString::fromUtf8(route.tryMethod),
            QString::fromUtf8(route.expect) });
    }
    return out;
}

// `demo --routes` prints this for docs/demo.md; tst_demoserver fails when the two drift apart.
QString DemoServer::routesMarkdown()
{
    auto cell = [](const QString &text) { return QString(text).replace(QLatin1Char('|'), QStringLiteral("\\|")); };
    QString out = QStringLiteral("| Path | What it shows | Try | Expect |\n|---|---|---|---|\n");
    for (const RouteInfo &route : routes()) {
        out += QStringLiteral("| `%1` | %2 | `%3` | %4 |\n")
                   .arg(route.path, cell(route.title), route.tryMethod, cell(route.expect));
    }
    return out;
}

} // namespace verbscope::demo
