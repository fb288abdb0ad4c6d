// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

namespace verbscope::diagnosis {
struct Diagnosis;
}

namespace verbscope::history {

// Masks credentials before they are stored (docs/history.md, "Secrets"):
//  Authorization / Proxy-Authorization: the scheme stays, the credentials become "****",
//    followed by their last 4 characters when they are long enough (16+) and not Basic, so two
//    tokens can still be told apart;
//  Cookie: every name stays, every value becomes "****";
//  Set-Cookie: the cookie's value becomes "****", its attributes stay;
//  Authentication: as Authorization; other secret names (http/Secrets.h): "****" and the
//    last 4 characters of a long value;
//  URLs (request, Location, Content-Location, Refresh, messages): http::redactUrl.
// Pure functions; the raw heads are rewritten too, so no copy of the secret survives.
class SecretMasker
{
public:
    static bool isSecretHeader(QByteArrayView name);
    static QByteArray maskValue(QByteArrayView name, const QByteArray &value);
    static void mask(http::HeaderList &headers);
    // Rewrites the header lines of an exact head ("Name: value\r\n"), keeping everything else.
    static QByteArray maskRawHead(const QByteArray &head);
    static void mask(http::Exchange &exchange);
    static void mask(diagnosis::Diagnosis &diagnosis);
    // Replaces every occurrence of the given secret values (the resolved values of variables
    // marked secret) with "****" in the URLs, headers, raw heads and request bodies. Values
    // shorter than 3 bytes are skipped: masking them would garble everything else.
    static void maskValues(http::Exchange &exchange, const QList<QByteArray> &secrets);
    static void maskValues(diagnosis::Diagnosis &diagnosis, const QList<QByteArray> &secrets);
};

} // namespace verbscope::history
