// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/ExchangeJson.h"

#include "core/http/HttpSyntax.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace verbscope::http {

namespace {
QJsonValue ms(const std::optional<double> &v)
{
    return v ? QJsonValue(std::round(*v * 1000.0) / 1000.0) : QJsonValue(QJsonValue::Null);
}

QJsonArray headersToJson(const HeaderList &headers)
{
    QJsonArray out;
    for (const Header &h : headers)
        out.append(QJsonArray { headerText(h.name), headerText(h.value) });
    return out;
}

QJsonObject requestToJson(const SentRequest &r)
{
    QJsonObject o {
        { QStringLiteral("method"), QString::fromLatin1(r.method) },
        { QStringLiteral("url"), r.url },
        { QStringLiteral("headers"), headersToJson(r.headers) },
        { QStringLiteral("bodySize"), r.bodySize },
        { QStringLiteral("proxy"), r.proxy.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.proxy) },
    };
    if (!r.target.isEmpty())
        o.insert(QStringLiteral("target"), headerText(r.target));
    if (!r.rawHead.isEmpty())
        o.insert(QStringLiteral("rawHead"), QString::fromLatin1(r.rawHead));
    return o;
}

QJsonObject headToJson(const ResponseHead &h)
{
    QJsonObject o {
        { QStringLiteral("status"), h.status },
        { QStringLiteral("reason"), headerText(h.reason) },
        { QStringLiteral("httpVersion"), h.httpVersion },
        { QStringLiteral("headers"), headersToJson(h.headers) },
    };
    if (!h.rawHead.isEmpty())
        o.insert(QStringLiteral("rawHead"), QString::fromLatin1(h.rawHead));
    return o;
}

QJsonValue responseToJson(const Response &r)
{
    if (!r.received)
        return QJsonValue(QJsonValue::Null);
    QJsonObject o = headToJson(r.head);
    o.insert(QStringLiteral("bodySize"), r.rawSize);
    o.insert(QStringLiteral("decodedSize"), r.decodedSize);
    if (!r.bodyFile.isEmpty()) {
        o.insert(QStringLiteral("bodyFile"), r.bodyFile);
    } else if (isValidUtf8(r.body)) {
        o.insert(QStringLiteral("body"), QString::fromUtf8(r.body));
    } else {
        o.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(r.body.toBase64()));
    }
    if (r.bodyTruncated)
        o.insert(QStringLiteral("bodyTruncated"), true);
    if (!r.bodyNotKept.isEmpty())
        o.insert(QStringLiteral("bodyNotKept"), r.bodyNotKept);
    if (!r.contentEncoding.isEmpty())
        o.insert(QStringLiteral("contentEncoding"), QString::fromLatin1(r.contentEncoding));
    if (!r.decodeError.isEmpty())
        o.insert(QStringLiteral("decodeError"), r.decodeError);
    if (r.decodeStopped)
        o.insert(QStringLiteral("decodeStopped"), true);
    if (r.outputIncomplete)
        o.insert(QStringLiteral("outputIncomplete"), true);
    if (!r.trailers.isEmpty())
        o.insert(QStringLiteral("trailers"), headersToJson(r.trailers));
    if (!r.informational.isEmpty()) {
        QJsonArray info;
        for (const ResponseHead &h : r.informational)
            info.append(headToJson(h));
        o.insert(QStringLiteral("informational"), info);
    }
    return o;
}

QJsonValue errorToJson(const TransportError &e)
{
    if (!e.isError())
        return QJsonValue(QJsonValue::Null);
    return QJsonObject { { QStringLiteral("kind"), errorKindName(e.kind) }, { QStringLiteral("message"), e.message } };
}
} // namespace

QString headerText(const QByteArray &bytes)
{
    return isValidUtf8(bytes) ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
}

QJsonObject timingsToJson(const Timings &t)
{
    return {
        { QStringLiteral("dns"), ms(t.dns) },
        { QStringLiteral("connect"), ms(t.connect) },
        { QStringLiteral("tls"), ms(t.tls) },
        { QStringLiteral("sent"), ms(t.sent) },
        { QStringLiteral("firstByte"), ms(t.firstByte) },
        { QStringLiteral("total"), ms(t.total) },
    };
}

QJsonObject tlsToJson(const TlsInfo &tls)
{
    QJsonArray chain;
    for (const Certificate &c : tls.peerChain) {
        chain.append(QJsonObject {
            { QStringLiteral("subject"), c.subject },
            { QStringLiteral("issuer"), c.issuer },
            { QStringLiteral("notBefore"), c.notBefore.toString(Qt::ISODate) },
            { QStringLiteral("notAfter"), c.notAfter.toString(Qt::ISODate) },
            { QStringLiteral("sha256"), c.sha256 },
            { QStringLiteral("subjectAltNames"), QJsonArray::fromStringList(c.subjectAltNames) },
        });
    }
    return {
        { QStringLiteral("protocol"), tls.protocol },
        { QStringLiteral("cipher"), tls.cipher },
        { QStringLiteral("alpn"), tls.alpn },
        { QStringLiteral("peerChain"), chain },
        { QStringLiteral("errors"), QJsonArray::fromStringList(tls.errors) },
        { QStringLiteral("verificationDisabled"), tls.verificationDisabled },
    };
}

QJsonObject exchangeToJson(const Exchange &ex)
{
    QJsonArray hops;
    for (const Hop &hop : ex.redirects) {
        hops.append(QJsonObject {
            { QStringLiteral("request"), requestToJson(hop.request) },
            { QStringLiteral("response"), responseToJson(hop.response) },
            { QStringLiteral("timings"), timingsToJson(hop.timings) },
            { QStringLiteral("cookieNotes"), QJsonArray::fromStringList(hop.cookieNotes) },
        });
    }
    return {
        { QStringLiteral("format"), QStringLiteral("verbscope.exchange/1") },
        { QStringLiteral("fidelity"), ex.fidelity == Fidelity::Wire ? QStringLiteral("wire") : QStringLiteral("qt") },
        { QStringLiteral("startedAt"), ex.startedAt.toString(Qt::ISODateWithMs) },
        { QStringLiteral("request"), requestToJson(ex.request) },
        { QStringLiteral("response"), responseToJson(ex.response) },
        { QStringLiteral("hops"), hops },
        { QStringLiteral("timings"), timingsToJson(ex.timings) },
        { QStringLiteral("tls"), ex.tls.used ? QJsonValue(tlsToJson(ex.tls)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("error"), errorToJson(ex.error) },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(ex.warnings) },
        { QStringLiteral("cookieNotes"), QJsonArray::fromStringList(ex.cookieNotes) },
    };
}

namespace {
constexpr qsizetype JsonSlice = 1 << 20;

// Escapes as Qt's JSON writer does (qjsonwriter.cpp): ", \\, \b \f \n \r \t, other bytes below
// 0x20 as \u00xx (lower-case hex); everything else, UTF-8 included, as it is.
void writeEscaped(QByteArrayView text, const std::function<void(QByteArrayView)> &write)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray out;
    for (qsizetype at = 0; at < text.size(); at += JsonSlice) {
        const QByteArrayView slice = text.sliced(at, std::min(JsonSlice, text.size() - at));
        out.clear();
        out.reserve(slice.size() + slice.size() / 8 + 16);
        for (const char ch : slice) {
            const auto c = static_cast<uchar>(ch);
            if (c >= 0x20 && c != '"' && c != '\\') {
                out += ch;
                continue;
            }
            out += '\\';
            switch (c) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '\b': out += 'b'; break;
            case '\f': out += 'f'; break;
            case '\n': out += 'n'; break;
            case '\r': out += 'r'; break;
            case '\t': out += 't'; break;
            default:
                out += "u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            }
        }
        write(out);
    }
}

void writeBase64(QByteArrayView bytes, const std::function<void(QByteArrayView)> &write)
{
    constexpr qsizetype Slice = 3 * (JsonSlice / 3); // whole 3-byte groups: the pieces join up
    for (qsizetype at = 0; at < bytes.size(); at += Slice)
        write(bytes.sliced(at, std::min(Slice, bytes.size() - at)).toByteArray().toBase64());
}
} // namespace

// The document is built with a marker for the body, and the body written where the marker is.
void writeExchangeJson(const Exchange &ex, const std::function<void(QByteArrayView)> &write)
{
    const QByteArray &body = ex.response.body;
    if (!ex.response.received || !ex.response.bodyFile.isEmpty() || body.isEmpty()) {
        write(QJsonDocument(exchangeToJson(ex)).toJson(QJsonDocument::Indented));
        return;
    }
    Exchange shell = ex;
    const QByteArray marker = "verbscope-body-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    shell.response.body = marker;
    const QByteArray doc = QJsonDocument(exchangeToJson(shell)).toJson(QJsonDocument::Indented);
    const QByteArray field = "\"body\": \"" + marker + '"';
    const qsizetype at = doc.indexOf(field);
    if (at < 0) { // cannot happen: the shell's body is that marker
        write(QJsonDocument(exchangeToJson(ex)).toJson(QJsonDocument::Indented));
        return;
    }
    write(QByteArrayView(doc).first(at));
    // "body" and "bodyBase64" sort to the same place among the response's keys.
    if (isValidUtf8(body)) {
        write("\"body\": \"");
        // QString::fromUtf8 drops a leading byte order mark, so the document never had it.
        const QByteArrayView bom("\xef\xbb\xbf");
        writeEscaped(QByteArrayView(body).startsWith(bom) ? QByteArrayView(body).sliced(bom.size()) : body, write);
    } else {
        write("\"bodyBase64\": \"");
        writeBase64(body, write);
    }
    write(QByteArrayView(doc).sliced(at + field.size() - 1));
}

} // namespace verbscope::http

namespace verbscope::http {

namespace {
std::optional<double> msFrom(const QJsonValue &v)
{
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

// The writer uses UTF-8 when the bytes are valid UTF-8, so that is the right guess.
QByteArray bytesFromText(const QJsonValue &v)
{
    return v.toString().toUtf8();
}

HeaderList headersFromJson(const QJsonValue &v)
{
    HeaderList out;
    const QJsonArray arr = v.toArray();
    for (const QJsonValue &pair : arr) {
        const QJsonArray p = pair.toArray();
        out.append({ bytesFromText(p.at(0)), bytesFromText(p.at(1)) });
    }
    return out;
}

Timings timingsFromJson(const QJsonObject &o)
{
    Timings t;
    t.dns = msFrom(o.value(QStringLiteral("dns")));
    t.connect = msFrom(o.value(QStringLiteral("connect")));
    t.tls = msFrom(o.value(QStringLiteral("tls")));
    t.sent = msFrom(o.value(QStringLiteral("sent")));
    t.firstByte = msFrom(o.value(QStringLiteral("firstByte")));
    t.total = msFrom(o.value(QStringLiteral("total")));
    return t;
}

SentRequest requestFromJson(const QJsonObject &o)
{
    SentRequest r;
    r.method = o.value(QStringLiteral("method")).toString().toLatin1();
    r.url = o.value(QStringLiteral("url")).toString();
    r.headers = headersFromJson(o.value(QStringLiteral("headers")));
    r.bodySize = o.value(QStringLiteral("bodySize")).toInteger();
    r.proxy = o.value(QStringLiteral("proxy")).toString();
    r.target = bytesFromText(o.value(QStringLiteral("target")));
    r.rawHead = o.value(QStringLiteral("rawHead")).toString().toLatin1();
    return r;
}

ResponseHead headFromJson(const QJsonObject &o)
{
    ResponseHead h;
    h.status = o.value(QStringLiteral("status")).toInt();
    h.reason = bytesFromText(o.value(QStringLiteral("reason")));
    h.httpVersion = o.value(QStringLiteral("httpVersion")).toString();
    h.headers = headersFromJson(o.value(QStringLiteral("headers")));
    h.rawHead = o.value(QStringLiteral("rawHead")).toString().toLatin1();
    return h;
}

Response responseFromJson(const QJsonValue &v)
{
    Response r;
    if (!v.isObject())
        return r;
    const QJsonObject o = v.toObject();
    r.received = true;
    r.head = headFromJson(o);
    r.rawSize = o.value(QStringLiteral("bodySize")).toInteger();
    r.decodedSize = o.value(QStringLiteral("decodedSize")).toInteger();
    r.bodyFile = o.value(QStringLiteral("bodyFile")).toString();
    if (o.contains(QStringLiteral("bodyBase64")))
        r.body = QByteArray::fromBase64(o.value(QStringLiteral("bodyBase64")).toString().toLatin1());
    else
        r.body = o.value(QStringLiteral("body")).toString().toUtf8();
    r.bodyTruncated = o.value(QStringLiteral("bodyTruncated")).toBool();
    r.bodyNotKept = o.value(QStringLiteral("bodyNotKept")).toString();
    r.contentEncoding = o.value(QStringLiteral("contentEncoding")).toString().toLatin1();
    r.decodeError = o.value(QStringLiteral("decodeError")).toString();
    r.decodeStopped = o.value(QStringLiteral("decodeStopped")).toBool();
    r.outputIncomplete = o.value(QStringLiteral("outputIncomplete")).toBool();
    r.trailers = headersFromJson(o.value(QStringLiteral("trailers")));
    const QJsonArray info = o.value(QStringLiteral("informational")).toArray();
    for (const QJsonValue &h : info)
        r.informational.append(headFromJson(h.toObject()));
    // Without a content coding the raw bytes are the decoded ones.
    if (r.contentEncoding.isEmpty() && r.bodyFile.isEmpty())
        r.rawBody = r.body;
    return r;
}

QDateTime dateFrom(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}
} // namespace

ErrorKind errorKindFromName(const QString &name)
{
    static const ErrorKind all[] = { ErrorKind::None, ErrorKind::InvalidRequest, ErrorKind::Dns, ErrorKind::Refused,
        ErrorKind::Timeout, ErrorKind::Tls, ErrorKind::Closed, ErrorKind::Protocol, ErrorKind::Canceled,
        ErrorKind::TooManyRedirects, ErrorKind::Io, ErrorKind::Other };
    for (ErrorKind k : all)
        if (errorKindName(k) == name)
            return k;
    return name.isEmpty() ? ErrorKind::None : ErrorKind::Other;
}

bool exchangeFromJson(const QJsonObject &json, Exchange &ex, QString *error)
{
    if (json.value(QStringLiteral("format")).toString() != QLatin1String("verbscope.exchange/1")) {
        if (error)
            *error = QStringLiteral("not a verbscope.exchange/1 document");
        return false;
    }
    ex = Exchange {};
    ex.fidelity
        = json.value(QStringLiteral("fidelity")).toString() == QLatin1String("wire") ? Fidelity::Wire : Fidelity::Qt;
    ex.startedAt = dateFrom(json.value(QStringLiteral("startedAt")));
    ex.request = requestFromJson(json.value(QStringLiteral("request")).toObject());
    ex.response = responseFromJson(json.value(QStringLiteral("response")));
    const QJsonArray hops = json.value(QStringLiteral("hops")).toArray();
    for (const QJsonValue &v : hops) {
        const QJsonObject h = v.toObject();
        Hop hop;
        hop.request = requestFromJson(h.value(QStringLiteral("request")).toObject());
        hop.response = responseFromJson(h.value(QStringLiteral("response")));
        hop.timings = timingsFromJson(h.value(QStringLiteral("timings")).toObject());
        for (const QJsonValue &n : h.value(QStringLiteral("cookieNotes")).toArray())
            hop.cookieNotes << n.toString();
        ex.redirects.append(hop);
    }
    ex.timings = timingsFromJson(json.value(QStringLiteral("timings")).toObject());
    const QJsonValue tls = json.value(QStringLiteral("tls"));
    if (tls.isObject()) {
        const QJsonObject t = tls.toObject();
        ex.tls.used = true;
        ex.tls.protocol = t.value(QStringLiteral("protocol")).toString();
        ex.tls.cipher = t.value(QStringLiteral("cipher")).toString();
        ex.tls.alpn = t.value(QStringLiteral("alpn")).toString();
        ex.tls.verificationDisabled = t.value(QStringLiteral("verificationDisabled")).toBool();
        const QJsonArray errors = t.value(QStringLiteral("errors")).toArray();
        for (const QJsonValue &e : errors)
            ex.tls.errors << e.toString();
        const QJsonArray chain = t.value(QStringLiteral("peerChain")).toArray();
        for (const QJsonValue &cv : chain) {
            const QJsonObject c = cv.toObject();
            Certificate cert;
            cert.subject = c.value(QStringLiteral("subject")).toString();
            cert.issuer = c.value(QStringLiteral("issuer")).toString();
            cert.notBefore = QDateTime::fromString(c.value(QStringLiteral("notBefore")).toString(), Qt::ISODate);
            cert.notAfter = QDateTime::fromString(c.value(QStringLiteral("notAfter")).toString(), Qt::ISODate);
            cert.sha256 = c.value(QStringLiteral("sha256")).toString();
            const QJsonArray sans = c.value(QStringLiteral("subjectAltNames")).toArray();
            for (const QJsonValue &s : sans)
                cert.subjectAltNames << s.toString();
            ex.tls.peerChain.append(cert);
        }
    }
    const QJsonValue err = json.value(QStringLiteral("error"));
    if (err.isObject()) {
        ex.error.kind = errorKindFromName(err.toObject().value(QStringLiteral("kind")).toString());
        ex.error.message = err.toObject().value(QStringLiteral("message")).toString();
    }
    const QJsonArray warnings = json.value(QStringLiteral("warnings")).toArray();
    for (const QJsonValue &w : warnings)
        ex.warnings << w.toString();
    for (const QJsonValue &n : json.value(QStringLiteral("cookieNotes")).toArray())
        ex.cookieNotes << n.toString();
    return true;
}

} // namespace verbscope::http
