// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/ExchangeBuilder.h"

namespace verbscope::test {

ExchangeBuilder exchange()
{
    return {};
}

QByteArray usualReason(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return {};
    }
}

ExchangeBuilder &ExchangeBuilder::wire()
{
    m_exchange.fidelity = http::Fidelity::Wire;
    return *this;
}

ExchangeBuilder &ExchangeBuilder::startedAt(const QDateTime &when)
{
    m_exchange.startedAt = when;
    return *this;
}

ExchangeBuilder &ExchangeBuilder::request(const QByteArray &method, const QString &url)
{
    m_exchange.request.method = method;
    m_exchange.request.url = url;
    return *this;
}

ExchangeBuilder &ExchangeBuilder::requestHeader(const QByteArray &name, const QByteArray &value)
{
    m_exchange.request.headers.append({ name, value });
    return *this;
}

ExchangeBuilder &ExchangeBuilder::requestBody(const QByteArray &body)
{
    m_exchange.request.body = body;
    m_exchange.request.bodySize = body.size();
    return *this;
}

ExchangeBuilder &ExchangeBuilder::status(int code)
{
    m_exchange.response.received = true;
    m_exchange.response.head.status = code;
    m_exchange.response.head.reason = usualReason(code);
    if (m_exchange.response.head.httpVersion.isEmpty())
        m_exchange.response.head.httpVersion = QStringLiteral("1.1");
    return *this;
}

ExchangeBuilder &ExchangeBuilder::reason(const QByteArray &reason)
{
    m_exchange.response.head.reason = reason;
    return *this;
}

ExchangeBuilder &ExchangeBuilder::headers(const http::HeaderList &headers)
{
    m_exchange.response.head.headers = headers;
    return *this;
}

ExchangeBuilder &ExchangeBuilder::header(const QByteArray &name, const QByteArray &value)
{
    m_exchange.response.head.headers.append({ name, value });
    return *this;
}

ExchangeBuilder &ExchangeBuilder::body(const QByteArray &body)
{
    http::Response &r = m_exchange.response;
    r.body = body;
    r.decodedSize = body.size();
    if (!m_rawBodySet) {
        r.rawBody = body;
        r.rawSize = body.size();
    }
    return *this;
}

ExchangeBuilder &ExchangeBuilder::rawBody(const QByteArray &raw, const QByteArray &contentEncoding)
{
    http::Response &r = m_exchange.response;
    r.rawBody = raw;
    r.rawSize = raw.size();
    r.contentEncoding = contentEncoding;
    m_rawBodySet = true;
    return *this;
}

ExchangeBuilder &ExchangeBuilder::timings(double sent, double firstByte, double total)
{
    m_exchange.timings.sent = sent;
    m_exchange.timings.firstByte = firstByte;
    m_exchange.timings.total = total;
    return *this;
}

http::RequestSpec requestSpec(const QString &url, const QByteArray &method, int idleTimeoutMs)
{
    http::RequestSpec s;
    s.url = url;
    s.method = method;
    s.options.idleTimeoutMs = idleTimeoutMs;
    s.options.useEnvironmentProxy = false;
    return s;
}

} // namespace verbscope::test
