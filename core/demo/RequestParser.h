// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Headers.h"

#include <QByteArray>
#include <QByteArrayView>

namespace verbscope::demo {

// One request as the demo server received it. The method is kept exactly as sent
// (any token, lower case included): reproducing what servers do with odd verbs is the point.
struct DemoRequest {
    QByteArray method;
    QByteArray target; // request-target as sent
    QByteArray path; // target up to '?' (absolute-form reduced to its path)
    QByteArray query; // after '?', without it
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    http::HeaderList headers;
    QByteArray body;
    bool hasContentLength = false;
    bool chunked = false;
    bool keepAlive = true; // what the client asked for (version default + Connection header)

    QByteArray header(const QByteArray &name) const { return http::headerValue(headers, name); }
    // Value of a query parameter, not percent-decoded (the demo's parameters are numbers).
    QByteArray queryValue(QByteArrayView name) const;
};

// Parses HTTP/1.x requests from the front of a buffer. Pure: bytes in, result out, so the
// connection can call it again whenever more bytes arrive (pipelined requests included).
class RequestParser
{
public:
    struct Limits {
        qsizetype maxRequestLine = 8 * 1024;
        qsizetype maxHead = 32 * 1024;
        int maxFields = 100;
        qint64 maxBody = 64LL * 1024 * 1024;
    };

    enum class State { NeedMore, Complete, Error };

    struct Result {
        State state = State::NeedMore;
        DemoRequest request; // complete: the whole request; NeedMore after the head: the head only
        qsizetype consumed = 0; // bytes of the buffer this request used (Complete)
        bool headComplete = false; // the head is in; only body bytes are missing
        int errorStatus = 0; // 400, 413, 414, 431, 501, 505
        QByteArray errorReason;
        QByteArray errorDetail; // a sentence for the error body: what exactly was wrong
    };

    explicit RequestParser(Limits limits)
        : m_limits(limits)
    { }
    RequestParser()
        : RequestParser(Limits {})
    { }

    Result parse(QByteArrayView buffer) const;

private:
    Limits m_limits;
};

} // namespace verbscope::demo
