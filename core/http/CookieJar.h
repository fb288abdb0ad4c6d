// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Headers.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace verbscope::http {

// One stored cookie, RFC 6265 §5.3's storage model. `domain` is lower case without a leading dot;
// with hostOnly it must equal the request host, otherwise the host must domain-match it.
struct Cookie {
    QByteArray name;
    QByteArray value;
    QString domain;
    QString path = QStringLiteral("/");
    bool hostOnly = true;
    bool secure = false;
    bool httpOnly = false;
    QString sameSite; // "Strict", "Lax", "None" as the server wrote it (recorded, not enforced); empty if absent
    QDateTime expires; // invalid = session cookie
    QDateTime created;
    quint64 order = 0; // creation order, the tie-break for the Cookie header
    bool isSession() const { return !expires.isValid(); }
};

// What the jar did with one Set-Cookie field, for the exchange record.
struct CookieDecision {
    enum Kind { Stored, Replaced, Deleted, Refused };
    Kind kind = Refused;
    Cookie cookie; // as stored (or as it would have been)
    QString note; // "stored sid for 127.0.0.1 / (host-only, session)", "refused x: …"
};

// The cookies of one run (the CLI) or one environment (the app). Not a QObject: the Engine holds
// it through RequestOptions::cookieJar and uses it on every hop.
class CookieJar final
{
public:
    // Parses one Set-Cookie field value received from `url` and stores, replaces, deletes or
    // refuses the cookie.
    CookieDecision setCookie(const QUrl &url, const QByteArray &setCookie, const QDateTime &now);
    // Every Set-Cookie field of a response (Qt's transport joins repeated fields with '\n').
    QList<CookieDecision> setCookies(const QUrl &url, const HeaderList &headers, const QDateTime &now);

    // The cookies to send to `url`, in RFC 6265 §5.4 order: longer paths first, then earlier creation.
    QList<Cookie> cookiesFor(const QUrl &url, const QDateTime &now) const;
    // "a=1; b=2", or empty when nothing matches.
    QByteArray cookieHeaderFor(const QUrl &url, const QDateTime &now) const;
    static QByteArray cookieHeader(const QList<Cookie> &cookies);

    QList<Cookie> cookies() const { return m_cookies; }
    bool isEmpty() const { return m_cookies.isEmpty(); }
    // Inserts or replaces (same name, domain and path) without any checks: loading, the app's editor.
    void insert(Cookie cookie);
    bool remove(const QByteArray &name, const QString &domain, const QString &path);
    void clear() { m_cookies.clear(); }
    void removeExpired(const QDateTime &now);

    // The Netscape cookie file curl reads with -b and writes with -c. Errors name file:line:column.
    bool loadNetscape(const QString &fileName, QString *error, const QDateTime &now = QDateTime::currentDateTimeUtc());
    bool parseNetscape(const QByteArray &text, const QString &fileName, QString *error,
        const QDateTime &now = QDateTime::currentDateTimeUtc());
    QByteArray toNetscape() const;
    // Atomic, owner-only (0600).
    bool saveNetscape(const QString &fileName, QString *error) const;

    // RFC 6265 §5.1.1; an invalid QDateTime when the text is not a cookie date.
    static QDateTime parseCookieDate(const QByteArray &text);
    // §5.1.4's default-path of a request path.
    static QString defaultPath(const QString &requestPath);
    static bool domainMatches(const QString &host, const QString &domain);
    static bool pathMatches(const QString &requestPath, const QString &cookiePath);
    // A Secure cookie may be set and sent: https, or loopback by name or address (curl and browsers).
    static bool isSecureContext(const QUrl &url);
    // From Qt's public suffix list (the one QNetworkCookieJar uses; Debian's Qt reads the system's
    // publicsuffix package): "com", "co.uk", "github.io".
    static bool isPublicSuffix(const QString &domain);

private:
    quint64 m_nextOrder = 1;
    QList<Cookie> m_cookies;
};

} // namespace verbscope::http
