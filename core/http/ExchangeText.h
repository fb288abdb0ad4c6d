// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

namespace verbscope::http {

// "HTTP/1.1 405 Not Allowed\r\n" + headers as received + "\r\n", like `curl -i`.
QByteArray formatResponseHead(const ResponseHead &head);
// "PUT /path HTTP/1.1\r\n" + headers in wire order + "\r\n".
QByteArray formatRequestHead(const SentRequest &request);
// Whether a body should not be dumped on a terminal (NUL bytes or invalid UTF-8).
bool looksBinary(const QByteArray &body);

} // namespace verbscope::http
