// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HarWriter.h"

#include "Version.h"
#include "core/http/ExchangeJson.h"
#include "core/http/HttpSyntax.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <cmath>

namespace verbscope::http {

namespace {
double round3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

QJsonArray harHeaders(const HeaderList &headers)
{
    QJsonArray out;
    for (const Header &h : headers)
        out.append(QJsonObject {
            { QStringLiteral("name"), headerText(h.name) }, { QStringLiteral("value"), headerText(h.value) } });
    return out;
}

QJsonArray requestCookies(const HeaderList &headers)
{
    QJsonArray out;
    for (const QByteArray &value : headerValues(headers, "Cookie"))
        for (const QByteArray &pair : value.split(';')) {
            const qsizetype eq = pair.indexOf('=');
            if (eq > 0)
                out.append(QJsonObject { { QStringLiteral("name"), headerText(pair.left(eq).trimmed()) },
                    { QStringLiteral("value"), headerText(pair.mid(eq + 1).trimmed()) } });
        }
    return out;
}

QJsonArray responseCookies(const HeaderList &headers)
{
    QJsonArray out;
    for (const QByteArray &value : headerValues(headers, "Set-Cookie"))
        for (const QByteArray &line : value.split('\n')) {
            const QByteArray first = line.left(line.indexOf(';') < 0 ? line.size() : line.indexOf(';'));
            const qsizetype eq = first.indexOf('=');
            if (eq > 0)
                out.append(QJsonObject { { QStringLiteral("name"), headerText(first.left(eq).trimmed()) },
                    { QStringLiteral("value"), headerText(first.mid(eq + 1).trimmed()) } });
        }
    return out;
}

QString harVersion(const QString &v)
{
    return v.isEmpty() ? QString() : QStringLiteral("HTTP/") + v;
}

QJsonObject harRequest(const SentRequest &r)
{
    QJsonArray query;
    const QUrlQuery q(QUrl(r.url).query(QUrl::FullyEncoded));
    for (const auto &item : q.queryItems(QUrl::FullyDecoded))
        query.append(QJsonObject { { QStringLiteral("name"), item.first }, { QStringLiteral("value"), item.second } });
    QJsonObject o {
        { QStringLiteral("method"), QString::fromLatin1(r.method) },
        { QStringLiteral("url"), r.url },
        { QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1") },
        { QStringLiteral("cookies"), requestCookies(r.headers) },
        { QStringLiteral("headers"), harHeaders(r.headers) },
        { QStringLiteral("queryString"), query },
        { QStringLiteral("headersSize"), r.rawHead.isEmpty() ? -1 : r.rawHead.size() },
        { QStringLiteral("bodySize"), r.bodySize },
    };
    if (r.bodySize > 0 || !r.body.isEmpty()) {
        // postData has no encoding in HAR 1.2 and `text` is required (params are for forms we
        // do not split): a body that is not UTF-8 is left out and said so, never mangled.
        QJsonObject post { { QStringLiteral("mimeType"), headerText(headerValue(r.headers, "Content-Type")) } };
        if (isValidUtf8(r.body)) {
            post.insert(QStringLiteral("text"), QString::fromUtf8(r.body));
        } else {
            post.insert(QStringLiteral("text"), QString());
            post.insert(QStringLiteral("comment"),
                QStringLiteral("a binary body of %1 bytes is not included: HAR 1.2 text cannot hold it")
                    .arg(r.bodySize > 0 ? r.bodySize : r.body.size()));
        }
        o.insert(QStringLiteral("postData"), post);
    }
    return o;
}

QJsonObject harResponse(const Response &r, const TransportError &error)
{
    if (!r.received) {
        QJsonObject o {
            { QStringLiteral("status"), 0 },
            { QStringLiteral("statusText"), QString() },
            { QStringLiteral("httpVersion"), QString() },
            { QStringLiteral("cookies"), QJsonArray() },
            { QStringLiteral("headers"), QJsonArray() },
            // mimeType is required and is the Content-Type value; with no answer there is none,
            // so it is empty. Chrome writes the placeholder "x-unknown" instead, which readers
            // then have to tell apart from a real type (Playwright once served it as one).
            { QStringLiteral("content"),
                QJsonObject { { QStringLiteral("size"), 0 }, { QStringLiteral("mimeType"), QString() } } },
            { QStringLiteral("redirectURL"), QString() },
            { QStringLiteral("headersSize"), -1 },
            { QStringLiteral("bodySize"), -1 },
        };
        if (error.isError())
            o.insert(QStringLiteral("_error"), QStringLiteral("%1: %2").arg(errorKindName(error.kind), error.message));
        return o;
    }
    const HeaderList &h = r.head.headers;
    QJsonObject content {
        { QStringLiteral("size"), r.decodedSize > 0 ? r.decodedSize : qint64(r.body.size()) },
        { QStringLiteral("mimeType"), headerText(headerValue(h, "Content-Type")) },
    };
    if (r.rawSize > 0 && r.decodedSize > r.rawSize)
        content.insert(QStringLiteral("compression"), r.decodedSize - r.rawSize);
    // HAR's text is the decoded content: bytes left encoded by the bomb guard would be read as
    // the content itself (gzip labelled text/csv), so they are left out and the comment says why;
    // a cut body is kept and said to be cut.
    if (r.decodeStopped) {
        content.insert(
            QStringLiteral("comment"), QStringLiteral("body not included: it was not decoded (%1)").arg(r.decodeError));
    } else if (r.bodyFile.isEmpty() && !r.body.isEmpty()) {
        if (r.bodyTruncated)
            content.insert(QStringLiteral("comment"),
                QStringLiteral("text holds only the first %1 of the %2 bytes of the body")
                    .arg(r.body.size())
                    .arg(r.decodedSize));
        if (isValidUtf8(r.body)) {
            content.insert(QStringLiteral("text"), QString::fromUtf8(r.body));
        } else {
            content.insert(QStringLiteral("text"), QString::fromLatin1(r.body.toBase64()));
            content.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
        }
    }
    return {
        { QStringLiteral("status"), r.head.status },
        { QStringLiteral("statusText"), headerText(r.head.reason) },
        { QStringLiteral("httpVersion"), harVersion(r.head.httpVersion) },
        { QStringLiteral("cookies"), responseCookies(h) },
        { QStringLiteral("headers"), harHeaders(h) },
        { QStringLiteral("content"), content },
        { QStringLiteral("redirectURL"), headerText(headerValue(h, "Location")) },
        { QStringLiteral("headersSize"), r.head.rawHead.isEmpty() ? -1 : r.head.rawHead.size() },
        { QStringLiteral("bodySize"), r.rawSize },
    };
}

QJsonObject harEntry(const QDateTime &started, const SentRequest &req, const Response &resp, const Timings &t,
    double hopTotal, const TransportError &error, const QString &comment)
{
    const QJsonObject timings = HarWriter::timingsToHar(t, hopTotal);
    double time = 0;
    for (const QString &k : { QStringLiteral("blocked"), QStringLiteral("dns"), QStringLiteral("connect"),
             QStringLiteral("send"), QStringLiteral("wait"), QStringLiteral("receive") })
        time += std::max(0.0, timings.value(k).toDouble());
    QJsonObject e {
        { QStringLiteral("startedDateTime"), started.toString(Qt::ISODateWithMs) },
        { QStringLiteral("time"), round3(time) },
        { QStringLiteral("request"), harRequest(req) },
        { QStringLiteral("response"), harResponse(resp, error) },
        { QStringLiteral("cache"), QJsonObject() },
        { QStringLiteral("timings"), timings },
    };
    if (!comment.isEmpty())
        e.insert(QStringLiteral("comment"), comment);
    return e;
}
} // namespace

QJsonObject HarWriter::timingsToHar(const Timings &t, double hopTotal)
{
    // VerbScope records when each phase ended; HAR wants how long each took (-1 = not measured).
    double at = 0;
    auto phase = [&at](const std::optional<double> &end) {
        if (!end)
            return -1.0;
        const double d = std::max(0.0, *end - at);
        at = std::max(at, *end);
        return round3(d);
    };
    const double dns = phase(t.dns);
    const double connectStart = at;
    double connect = phase(t.connect);
    double ssl = -1;
    if (t.tls) {
        ssl = round3(std::max(0.0, *t.tls - at));
        at = std::max(at, *t.tls);
        connect = round3(at - connectStart); // HAR counts the TLS handshake inside connect
    }
    const double send = std::max(0.0, phase(t.sent));
    const double wait = std::max(0.0, phase(t.firstByte));
    const double receive = hopTotal > at ? round3(hopTotal - at) : 0.0;
    return {
        { QStringLiteral("blocked"), -1 },
        { QStringLiteral("dns"), dns },
        { QStringLiteral("connect"), connect },
        { QStringLiteral("ssl"), ssl },
        { QStringLiteral("send"), send },
        { QStringLiteral("wait"), wait },
        { QStringLiteral("receive"), receive },
    };
}

QJsonArray HarWriter::entries(const Exchange &ex, const QString &comment)
{
    QJsonArray out;
    QDateTime started = ex.startedAt.isValid() ? ex.startedAt : QDateTime::currentDateTimeUtc();
    double hopsTotal = 0;
    for (const Hop &hop : ex.redirects) {
        const double total = hop.timings.total.value_or(0);
        out.append(harEntry(
            started, hop.request, hop.response, hop.timings, total, hop.error, QStringLiteral("redirect hop")));
        started = started.addMSecs(qint64(total));
        hopsTotal += total;
    }
    // The final hop's total covers the whole exchange; HAR wants this hop alone.
    double total = ex.timings.total.value_or(0);
    if (!ex.redirects.isEmpty() && total - hopsTotal >= ex.timings.firstByte.value_or(0))
        total -= hopsTotal;
    out.append(harEntry(started, ex.request, ex.response, ex.timings, total, ex.error, comment));
    return out;
}

QJsonObject HarWriter::log(const QJsonArray &entries)
{
    return { { QStringLiteral("log"),
        QJsonObject {
            { QStringLiteral("version"), QStringLiteral("1.2") },
            { QStringLiteral("creator"),
                QJsonObject { { QStringLiteral("name"), QStringLiteral("VerbScope") },
                    { QStringLiteral("version"), QStringLiteral(VERBSCOPE_VERSION) } } },
            { QStringLiteral("entries"), entries },
        } } };
}

QJsonObject HarWriter::toHar(const QList<Exchange> &exchanges)
{
    QJsonArray all;
    for (const Exchange &ex : exchanges)
        for (const QJsonValue &e : entries(ex))
            all.append(e);
    return log(all);
}

} // namespace verbscope::http
