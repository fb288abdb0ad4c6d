// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"

namespace verbscope::test {

// An http::Exchange written the way a test reads it:
//   exchange().request("PATCH", url).status(405).header("Allow", "GET").body("...")
// status() also marks the response received and fills the usual reason phrase; reason() overrides it.
// Converts to http::Exchange where one is expected.
class ExchangeBuilder
{
public:
    ExchangeBuilder &wire(); // Fidelity::Wire
    ExchangeBuilder &startedAt(const QDateTime &when);
    ExchangeBuilder &request(const QByteArray &method, const QString &url);
    ExchangeBuilder &requestHeader(const QByteArray &name, const QByteArray &value);
    ExchangeBuilder &requestBody(const QByteArray &body);

    ExchangeBuilder &status(int code);
    ExchangeBuilder &reason(const QByteArray &reason);
    ExchangeBuilder &headers(const http::HeaderList &headers);
    ExchangeBuilder &header(const QByteArray &name, const QByteArray &value);
    // The decoded body; also the raw one unless rawBody() says otherwise.
    ExchangeBuilder &body(const QByteArray &body);
    ExchangeBuilder &rawBody(const QByteArray &raw, const QByteArray &contentEncoding);
    ExchangeBuilder &timings(double sent, double firstByte, double total);

    http::Exchange build() const { return m_exchange; }
    operator http::Exchange() const { return m_exchange; } // implicit: it stands where an Exchange goes

private:
    http::Exchange m_exchange;
    bool m_rawBodySet = false;
};

// A fresh exchange: HTTP/1.1, nothing sent or received yet.
ExchangeBuilder exchange();

// The reason phrase servers usually send for `status` ("Method Not Allowed"), empty when unusual.
QByteArray usualReason(int status);

// A request for the engine that ignores the environment's proxy and gives up on a silent server
// (long enough for a busy CI machine, short enough that a hung test fails rather than stalls).
http::RequestSpec requestSpec(const QString &url, const QByteArray &method = "GET", int idleTimeoutMs = 10'000);

} // namespace verbscope::test
