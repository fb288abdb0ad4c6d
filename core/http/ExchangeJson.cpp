// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/ExchangeJson.h"

#include "core/http/HttpSyntax.h"

#include <QJsonArray>

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
        out.append(QJsonArray{headerText(h.name), headerText(h.value)});
    return out;
}

QJsonObject requestToJson(const SentRequest &r)
{
    QJsonObject o{
        {QStringLiteral("method"), QString::fromLatin1(r.method)},
        {QStringLiteral("url"), r.url},
        {QStringLiteral("headers"), headersToJson(r.headers)},
        {QStringLiteral("bodySize"), r.bodySize},
        {QStringLiteral("proxy"), r.proxy.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.proxy)},
    };
    if (!r.target.isEmpty())
        o.insert(QStringLiteral("target"), headerText(r.target));
    if (!r.rawHead.isEmpty())
        o.insert(QStringLiteral("rawHead"), QString::fromLatin1(r.rawHead));
    return o;
}

QJsonObject headToJson(const ResponseHead &h)
{
    QJsonObject o{
        {QStringLiteral("status"), h.status},
        {QStringLiteral("reason"), headerText(h.reason)},
        {QStringLiteral("httpVersion"), h.httpVersion},
        {QStringLiteral("headers"), headersToJson(h.headers)},
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
    if (!r.contentEncoding.isEmpty())
        o.insert(QStringLiteral("contentEncoding"), QString::fromLatin1(r.contentEncoding));
    if (!r.decodeError.isEmpty())
        o.insert(QStringLiteral("decodeError"), r.decodeError);
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
    return QJsonObject{{QStringLiteral("kind"), errorKindName(e.kind)}, {QStringLiteral("message"), e.message}};
}
} // namespace

QString headerText(const QByteArray &bytes)
{
    return isValidUtf8(bytes) ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
}

QJsonObject timingsToJson(const Timings &t)
{
    return {
        {QStringLiteral("dns"), ms(t.dns)},
        {QStringLiteral("connect"), ms(t.connect)},
        {QStringLiteral("tls"), ms(t.tls)},
        {QStringLiteral("sent"), ms(t.sent)},
        {QStringLiteral("firstByte"), ms(t.firstByte)},
        {QStringLiteral("total"), ms(t.total)},
    };
}

QJsonObject tlsToJson(const TlsInfo &tls)
{
    QJsonArray chain;
    for (const Certificate &c : tls.peerChain) {
        chain.append(QJsonObject{
            {QStringLiteral("subject"), c.subject},
            {QStringLiteral("issuer"), c.issuer},
            {QStringLiteral("notBefore"), c.notBefore.toString(Qt::ISODate)},
            {QStringLiteral("notAfter"), c.notAfter.toString(Qt::ISODate)},
            {QStringLiteral("sha256"), c.sha256},
            {QStringLiteral("subjectAltNames"), QJsonArray::fromStringList(c.subjectAltNames)},
        });
    }
    return {
        {QStringLiteral("protocol"), tls.protocol},
        {QStringLiteral("cipher"), tls.cipher},
        {QStringLiteral("alpn"), tls.alpn},
        {QStringLiteral("peerChain"), chain},
        {QStringLiteral("errors"), QJsonArray::fromStringList(tls.errors)},
        {QStringLiteral("verificationDisabled"), tls.verificationDisabled},
    };
}

QJsonObject exchangeToJson(const Exchange &ex)
{
    QJsonArray hops;
    for (const Hop &hop : ex.redirects) {
        hops.append(QJsonObject{
            {QStringLiteral("request"), requestToJson(hop.request)},
            {QStringLiteral("response"), responseToJson(hop.response)},
            {QStringLiteral("timings"), timingsToJson(hop.timings)},
        });
    }
    return {
        {QStringLiteral("format"), QStringLiteral("verbscope.exchange/1")},
        {QStringLiteral("fidelity"), ex.fidelity == Fidelity::Wire ? QStringLiteral("wire") : QStringLiteral("qt")},
        {QStringLiteral("startedAt"), ex.startedAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("request"), requestToJson(ex.request)},
        {QStringLiteral("response"), responseToJson(ex.response)},
        {QStringLiteral("hops"), hops},
        {QStringLiteral("timings"), timingsToJson(ex.timings)},
        {QStringLiteral("tls"), ex.tls.used ? QJsonValue(tlsToJson(ex.tls)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("error"), errorToJson(ex.error)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(ex.warnings)},
    };
}

} // namespace verbscope::http
