// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace verbscope::http {

// The one definition of what counts as a secret, shared by history masking, exports and error
// messages (docs/robustness.md, "Secrets").

// Authorization, Proxy-Authorization, Cookie, Set-Cookie, and API-key-like names: anything
// containing api-key / apikey / api_key / token / secret / password / passwd / credential,
// plus X-Auth. Case-insensitive.
bool isSecretHeaderName(QByteArrayView name);
bool isSecretHeaderName(QStringView name);

// Variable and query-parameter names that hold secrets by their name (token, secret,
// password, passwd, api key, credential, access_key…).
bool isSecretName(QStringView name);

// `url` for a message or a stored record: the password of its user-info becomes "****" and
// the value of every query parameter with a secret name becomes "****". Text that is not a
// URL comes back unchanged except for a user-info password before the first '@'.
QString redactUrl(const QString &url);

} // namespace verbscope::http
