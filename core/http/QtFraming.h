// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace verbscope::http {

// Where QNetworkAccessManager frames a response body differently from RFC 9112 §6.3, judged from
// the head as Qt reports it (duplicate fields joined with ", "). Observed with Qt 6.4: it decodes
// chunked whenever Transfer-Encoding merely contains the word, uses the first of several
// Content-Length values, and takes a chunk size it cannot parse for the last chunk without an
// error. docs/transports.md lists what follows for the record. Pure, so it is tested without Qt's
// network stack.
class QtFraming final
{
public:
    // Why Qt would read this head's body differently from RFC 9112, or empty when it reads it right.
    static QString problem(const ResponseHead &head, QByteArrayView method);
    // Why a chunked body Qt ended after `bodyBytes` == 0 bytes without an error cannot be taken as
    // empty; empty when the body was not chunked, not expected or not empty.
    static QString emptyChunkedProblem(const ResponseHead &head, QByteArrayView method, qint64 bodyBytes);
    // Whether Qt decodes the body as chunked (its own rule, right or wrong).
    static bool qtDecodesChunked(const HeaderList &headers);
    // Framing Qt gets right but that is worth a warning, as the wire transport gives it.
    static QStringList notes(const ResponseHead &head);

    // The exchange warning for `reason`, and the reason found again in a recorded Qt exchange
    // (also after history or JSON): empty when the Qt transport framed the answer.
    static QString warning(const QString &reason);
    static QString untrustedReason(const Exchange &exchange);
};

} // namespace verbscope::http
