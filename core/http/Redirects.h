// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Transport.h"

namespace verbscope::http {

// The first hop of a spec: userinfo in the URL becomes an explicit Authorization header
// (so what is recorded is what is sent, in one request instead of Qt's challenge round-trip).
HopRequest firstHop(const RequestSpec &spec);

bool isRedirectStatus(int status);
// A 3xx with a Location header.
bool isFollowableRedirect(const ResponseHead &head);

struct RedirectStep {
    bool ok = false;
    HopRequest next;
    QString warning; // why it was not followed, or what changed on the way (method, dropped credentials)
};

// RFC 9110 §15.4 as browsers and curl apply it: 303 → GET (HEAD stays HEAD) without body;
// 301/302 change only POST to GET; 307/308 keep method and body. Every secret header
// (Secrets.h) is dropped when the origin (scheme, host or port) changes, and a step from https
// to http is flagged as a downgrade in the warning.
RedirectStep nextHop(const HopRequest &current, const ResponseHead &head);

} // namespace verbscope::http
