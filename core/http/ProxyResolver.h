// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace verbscope::http {

// Which proxy a request uses, the way curl decides: an explicit --proxy wins; otherwise
// http_proxy (lower case only, as curl does, because HTTP_PROXY can be set by a CGI request),
// https_proxy/HTTPS_PROXY, all_proxy/ALL_PROXY, minus hosts matched by no_proxy/NO_PROXY
// ("*", host names with domain-suffix match, IP addresses, CIDR ranges).
// Returns a normalised proxy URL ("http://host:port"), or an empty string for a direct connection.
QString resolveProxy(const QUrl &target, const QString &explicitProxy, bool useEnvironment,
    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

bool matchesNoProxy(const QString &host, const QString &noProxyList);

} // namespace verbscope::http
