// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Headers.h"

#include <QByteArray>

namespace verbscope::demo {

// What a route answers. Headers are in wire order; the connection fills in what depends on
// the connection rather than the route:
// - Date after Server (or first) when missing;
// - Content-Length: its value when the header is present with an empty value (so a route
//   controls where it goes), appended when missing (except 1xx/204);
// - Connection: its value ("keep-alive"/"close") when present, appended when missing, except
//   that an HTTP/1.0 response that closes gets none (Python's http.server sends none).
// HEAD answers get the headers of the GET answer and no body.
struct DemoResponse {
    QByteArray version = "HTTP/1.1";
    int status = 200;
    QByteArray reason = "OK";
    http::HeaderList headers;
    QByteArray body;
    bool close = false; // close the connection after this answer
    int delayMs = 0; // answer after this long (a timer: the event loop keeps running)
    qint64 generatedBodySize = -1; // stream this many pattern bytes instead of `body` (bounded memory)
    int dripIntervalMs = 0; // write `body` one byte at a time, this many ms apart

    DemoResponse &header(const QByteArray &name, const QByteArray &value)
    {
        headers.append({ name, value });
        return *this;
    }
};

} // namespace verbscope::demo
