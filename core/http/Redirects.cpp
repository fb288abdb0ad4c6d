// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Redirects.h"

#include "core/http/Secrets.h"

namespace verbscope::http {

// Credentials in the URL become Authorization up front, as curl does; Qt would only send them after
// a 401, which is a second request on the wire (QT-FACTS top finding 7). The userinfo never goes out.
HopRequest firstHop(const RequestSpec &spec)
{
    HopRequest hop;
    hop.method = spec.method;
    hop.urlText = spec.url;
    hop.url = QUrl(spec.url, QUrl::TolerantMode);
    hop.headers = spec.headers;
    hop.body = spec.body;
    hop.bodyFile = spec.bodyFile;
    hop.hasBody = spec.hasBody || !spec.bodyFile.isEmpty();
    hop.options = spec.options;
    if (!hop.url.userInfo().isEmpty()) {
        if (!hasHeader(hop.headers, "Authorization")) {
            const QByteArray credentials
                = hop.url.userName(QUrl::FullyDecoded).toUtf8() + ':' + hop.url.password(QUrl::FullyDecoded).toUtf8();
            hop.headers.append({ "Authorization", "Basic " + credentials.toBase64() });
        }
        hop.url.setUserInfo({});
        hop.urlText = hop.url.toString(QUrl::FullyEncoded);
    }
    return hop;
}

// Only the statuses that carry a Location to follow (RFC 9110 §15.4); 300 and 304 are not hops.
bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool isFollowableRedirect(const ResponseHead &head)
{
    return isRedirectStatus(head.status);
}

// Method rewriting follows RFC 9110 §15.4: 303 turns anything but HEAD into GET (§15.4.4); 301/302
// turn only POST into GET, as browsers and curl do (§15.4.2, §15.4.3); 307/308 keep method and body.
RedirectStep nextHop(const HopRequest &current, const ResponseHead &head)
{
    RedirectStep step;
    const QByteArray location = headerValue(head.headers, "Location").trimmed();
    if (location.isEmpty()) {
        step.warning = QStringLiteral("%1 has no Location header: not followed").arg(head.status);
        return step;
    }
    const QUrl target = current.url.resolved(QUrl::fromEncoded(location, QUrl::TolerantMode));
    const QString scheme = target.scheme().toLower();
    if (!target.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        step.warning = QStringLiteral("%1 points to \"%2\", which is not an http(s) URL: not followed")
                           .arg(head.status)
                           .arg(QString::fromLatin1(location));
        return step;
    }
    step.ok = true;
    HopRequest next = current;
    next.url = target;
    next.urlText = target.toString(QUrl::FullyEncoded);

    const bool toGet = (head.status == 303 && current.method != "HEAD")
        || ((head.status == 301 || head.status == 302) && current.method == "POST");
    if (toGet) {
        next.method = "GET";
        next.body.clear();
        next.bodyFile.clear();
        next.hasBody = false;
        next.headers.removeIf([](const Header &h) {
            return headerNameEquals(h.name, "Content-Type") || headerNameEquals(h.name, "Content-Length");
        });
        step.warning = QStringLiteral("%1 changed %2 to GET for %3")
                           .arg(head.status)
                           .arg(QString::fromLatin1(current.method), next.urlText);
    }
    // Credentials belong to one origin: scheme, host and port (RFC 6454). Any change drops every
    // header Secrets.h calls secret (Authorization, Cookie, API keys…), as curl does since
    // CVE-2022-27774, and an https → http step is said loudly: it would send them in clear.
    const auto effectivePort = [](const QUrl &u) {
        return u.port(u.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80);
    };
    const QString fromScheme = current.url.scheme().toLower();
    const bool downgrade = fromScheme == QLatin1String("https") && scheme == QLatin1String("http");
    const bool otherOrigin = scheme != fromScheme || target.host().compare(current.url.host(), Qt::CaseInsensitive) != 0
        || effectivePort(target) != effectivePort(current.url);
    const auto note = [&step](const QString &text) {
        step.warning = step.warning.isEmpty() ? text : step.warning + QLatin1String("; ") + text;
    };
    if (downgrade)
        note(QStringLiteral("DOWNGRADE: redirected from https to plain http (%1): nothing on this hop is encrypted")
                 .arg(next.urlText));
    if (otherOrigin) {
        QStringList dropped;
        next.headers.removeIf([&dropped](const Header &h) {
            if (!isSecretHeaderName(QByteArrayView(h.name)))
                return false;
            if (!dropped.contains(QString::fromLatin1(h.name), Qt::CaseInsensitive))
                dropped << QString::fromLatin1(h.name);
            return true;
        });
        if (!dropped.isEmpty())
            note(QStringLiteral("credentials dropped (%1): redirect to another origin %2://%3:%4")
                     .arg(dropped.join(QStringLiteral(", ")), scheme, target.host())
                     .arg(effectivePort(target)));
    }
    // A Host header the user set applies to the first origin only.
    if (target.host() != current.url.host() || target.port(-1) != current.url.port(-1))
        next.headers.removeIf([](const Header &h) { return headerNameEquals(h.name, "Host"); });
    step.next = std::move(next);
    return step;
}

} // namespace verbscope::http
