// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace verbscope::http {

// The one definition of what counts as a secret, shared by history masking, exports, run's
// reports and error messages (docs/robustness.md, "Secrets").

// Authorization, Proxy-Authorization, Authentication(-Info), Cookie, Set-Cookie, X-Auth, and
// names by family: anything containing api-key / apikey / api_key / token / secret / password /
// passwd / credential / access_key / private_key / session / sessid / signature / hmac / jwt /
// subscription-key, and any name ending in "-key" (X-Functions-Key, Ocp-Apim-Subscription-Key)
// except the non-secret Sec-WebSocket-Key and Idempotency-Key. Case-insensitive.
bool isSecretHeaderName(QByteArrayView name);
bool isSecretHeaderName(QStringView name);

// Variable and query-parameter names that hold secrets by their name: the header words above,
// plus key, sig, signature, auth, pass, pwd, code (an OAuth code, an Azure Functions key) and
// sid. Case-insensitive.
bool isSecretName(QStringView name);

// `url` for a message or a stored record: the password of its user-info becomes `mask` and
// the value of every query parameter with a secret name becomes `mask`. Values made only of
// {{variable}} references are kept (they name a secret, they do not hold it). Text that is not
// a URL comes back unchanged except for a user-info password before the first '@'.
QString redactUrl(const QString &url, const QString &mask = QStringLiteral("****"));

// Free text (an error message, a warning) with redactUrl applied to every "scheme://…" in it.
QString redactText(const QString &text);

} // namespace verbscope::http
