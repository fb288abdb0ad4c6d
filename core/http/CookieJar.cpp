// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/CookieJar.h"

#include <QFile>
#include <QHostAddress>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QSaveFile>

#include <algorithm>

namespace verbscope::http {

namespace {

constexpr qsizetype MaxNameValue = 4096; // RFC 6265bis §5.6: longer name+value pairs are ignored
constexpr qint64 MaxLifetimeSecs = 400LL * 24 * 3600; // RFC 6265bis §5.6.1/§5.6.2: 400 days at most
// Beyond RFC 6265 §6.1's minimums (50 per domain, 3000 in all): a server cannot fill the jar without end.
constexpr qsizetype MaxPerDomain = 180;
constexpr qsizetype MaxCookies = 3000;

// QNetworkCookieJar::validateCookie is Qt's only door to its public suffix list.
class SuffixProbe final : public QNetworkCookieJar
{
public:
    bool allows(const QString &domain) const
    {
        QNetworkCookie c;
        c.setDomain(QLatin1Char('.') + domain);
        // A host one label below `domain`: validateCookie then only asks whether `domain` is a public suffix.
        return validateCookie(c, QUrl(QStringLiteral("http://x.") + domain + QLatin1Char('/')));
    }
};

bool isIpAddress(const QString &host)
{
    return !QHostAddress(host).isNull();
}

QString hostOf(const QUrl &url)
{
    return url.host(QUrl::FullyEncoded).toLower();
}

QString requestPath(const QUrl &url)
{
    const QString p = url.path(QUrl::FullyEncoded);
    return p.isEmpty() ? QStringLiteral("/") : p;
}

QString describe(const Cookie &c)
{
    QStringList flags;
    flags << (c.hostOnly ? QStringLiteral("host-only") : QStringLiteral("and subdomains"));
    flags << (c.isSession() ? QStringLiteral("session") : QStringLiteral("until ") + c.expires.toString(Qt::ISODate));
    if (c.secure)
        flags << QStringLiteral("Secure");
    if (c.httpOnly)
        flags << QStringLiteral("HttpOnly");
    if (!c.sameSite.isEmpty())
        flags << QStringLiteral("SameSite=") + c.sameSite;
    return QStringLiteral("%1 for %2 %3 (%4)")
        .arg(QString::fromLatin1(c.name), c.domain, c.path, flags.join(QLatin1String(", ")));
}

CookieDecision refuse(const Cookie &c, const QString &why)
{
    return { CookieDecision::Refused, c,
        QStringLiteral("refused %1: %2").arg(QString::fromLatin1(c.name.isEmpty() ? "(no name)" : c.name), why) };
}

int monthOf(QByteArrayView token)
{
    static const char *const names[]
        = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
    if (token.size() < 3)
        return 0;
    const QByteArray m = token.first(3).toByteArray().toLower();
    for (int i = 0; i < 12; ++i)
        if (m == names[i])
            return i + 1;
    return 0;
}

bool isDelimiter(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == 0x09 || (u >= 0x20 && u <= 0x2F) || (u >= 0x3B && u <= 0x40) || (u >= 0x5B && u <= 0x60)
        || (u >= 0x7B && u <= 0x7E);
}

// Leading 1-`max` digits; -1 if fewer than `min`. `rest` gets what follows.
int leadingDigits(QByteArrayView s, int min, int max, QByteArrayView *rest)
{
    int n = 0;
    int value = 0;
    while (n < s.size() && n < max && s[n] >= '0' && s[n] <= '9')
        value = value * 10 + (s[n++] - '0');
    if (n < min)
        return -1;
    *rest = s.sliced(n);
    return value;
}

} // namespace

QDateTime CookieJar::parseCookieDate(const QByteArray &text)
{
    int hour = -1, minute = -1, second = -1, day = -1, month = -1, year = -1;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && isDelimiter(text[i]))
            ++i;
        qsizetype j = i;
        while (j < text.size() && !isDelimiter(text[j]))
            ++j;
        const QByteArrayView token = QByteArrayView(text).sliced(i, j - i);
        i = j;
        if (token.isEmpty())
            continue;
        QByteArrayView rest;
        if (hour < 0) {
            int h = leadingDigits(token, 1, 2, &rest);
            if (h >= 0 && rest.startsWith(':')) {
                int m = leadingDigits(rest.sliced(1), 1, 2, &rest);
                if (m >= 0 && rest.startsWith(':')) {
                    int s = leadingDigits(rest.sliced(1), 1, 2, &rest);
                    if (s >= 0 && (rest.isEmpty() || !(rest[0] >= '0' && rest[0] <= '9'))) {
                        hour = h, minute = m, second = s;
                        continue;
                    }
                }
            }
        }
        if (day < 0) {
            const int d = leadingDigits(token, 1, 2, &rest);
            if (d >= 0 && (rest.isEmpty() || !(rest[0] >= '0' && rest[0] <= '9'))) {
                day = d;
                continue;
            }
        }
        if (month < 0 && monthOf(token)) {
            month = monthOf(token);
            continue;
        }
        if (year < 0) {
            const int y = leadingDigits(token, 2, 4, &rest);
            if (y >= 0 && (rest.isEmpty() || !(rest[0] >= '0' && rest[0] <= '9'))) {
                year = y;
                continue;
            }
        }
    }
    if (year >= 70 && year <= 99)
        year += 1900;
    else if (year >= 0 && year <= 69)
        year += 2000;
    if (day < 1 || day > 31 || month < 1 || year < 1601 || hour < 0 || hour > 23 || minute > 59 || second > 59)
        return {};
    const QDate date(year, month, day);
    if (!date.isValid())
        return {};
    return QDateTime(date, QTime(hour, minute, second), Qt::UTC);
}

QString CookieJar::defaultPath(const QString &requestPath)
{
    if (!requestPath.startsWith(QLatin1Char('/')))
        return QStringLiteral("/");
    const qsizetype slash = requestPath.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : requestPath.left(slash);
}

bool CookieJar::domainMatches(const QString &host, const QString &domain)
{
    if (host == domain)
        return true;
    return !isIpAddress(host) && host.endsWith(domain) && host.size() > domain.size()
        && host.at(host.size() - domain.size() - 1) == QLatin1Char('.');
}

bool CookieJar::pathMatches(const QString &requestPath, const QString &cookiePath)
{
    if (requestPath == cookiePath)
        return true;
    if (!requestPath.startsWith(cookiePath))
        return false;
    return cookiePath.endsWith(QLatin1Char('/')) || requestPath.at(cookiePath.size()) == QLatin1Char('/');
}

bool CookieJar::isSecureContext(const QUrl &url)
{
    if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
        return true;
    const QString host = hostOf(url);
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") || host == QLatin1String("::1");
}

bool CookieJar::isPublicSuffix(const QString &domain)
{
    static const SuffixProbe probe;
    return !domain.isEmpty() && !isIpAddress(domain) && !probe.allows(domain);
}

CookieDecision CookieJar::setCookie(const QUrl &url, const QByteArray &setCookie, const QDateTime &now)
{
    Cookie c;
    const QList<QByteArray> parts = setCookie.split(';');
    const QByteArray pair = parts.value(0);
    const qsizetype eq = pair.indexOf('=');
    c.name = (eq < 0 ? pair : pair.left(eq)).trimmed();
    c.value = eq < 0 ? QByteArray() : pair.mid(eq + 1).trimmed();
    if (eq < 0)
        return refuse(c, QStringLiteral("no '=' in \"%1\"").arg(QString::fromLatin1(pair.trimmed())));
    if (c.name.isEmpty())
        return refuse(c, QStringLiteral("the name is empty"));
    if (c.name.size() + c.value.size() > MaxNameValue)
        return refuse(c, QStringLiteral("name and value are longer than %1 bytes").arg(MaxNameValue));

    const QString host = hostOf(url);
    QString domainAttr;
    QString pathAttr;
    std::optional<QDateTime> maxAgeExpiry;
    QDateTime expiresAttr;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray &av = parts.at(i);
        const qsizetype e = av.indexOf('=');
        const QByteArray name = (e < 0 ? av : av.left(e)).trimmed().toLower();
        const QByteArray value = e < 0 ? QByteArray() : av.mid(e + 1).trimmed();
        if (name == "expires") {
            const QDateTime d = parseCookieDate(value);
            if (d.isValid())
                expiresAttr = d;
        } else if (name == "max-age") {
            // §5.2.2: an optional '-' and digits only, else the attribute is left out.
            const bool negative = value.startsWith('-');
            const QByteArray digits = negative ? value.mid(1) : value;
            if (!digits.isEmpty()
                && std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
                bool ok = false;
                const qint64 delta = negative ? 0 : digits.toLongLong(&ok);
                maxAgeExpiry = negative || (ok && delta == 0)
                    ? QDateTime::fromSecsSinceEpoch(0, Qt::UTC)
                    : now.addSecs(ok ? std::min(delta, MaxLifetimeSecs) : MaxLifetimeSecs);
            }
        } else if (name == "domain") {
            domainAttr = QString::fromLatin1(value).toLower();
            if (domainAttr.startsWith(QLatin1Char('.')))
                domainAttr.remove(0, 1);
        } else if (name == "path") {
            pathAttr = QString::fromLatin1(value);
        } else if (name == "secure") {
            c.secure = true;
        } else if (name == "httponly") {
            c.httpOnly = true;
        } else if (name == "samesite") {
            const QByteArray v = value.toLower();
            c.sameSite = v == "strict" ? QStringLiteral("Strict")
                : v == "lax"           ? QStringLiteral("Lax")
                : v == "none"          ? QStringLiteral("None")
                                       : QString();
        }
    }
    // Max-Age wins over Expires whatever their order (§5.3 step 3).
    c.expires = maxAgeExpiry ? *maxAgeExpiry : expiresAttr;
    if (c.expires.isValid() && c.expires > now.addSecs(MaxLifetimeSecs))
        c.expires = now.addSecs(MaxLifetimeSecs);
    c.path = pathAttr.startsWith(QLatin1Char('/')) ? pathAttr : defaultPath(requestPath(url));

    if (!domainAttr.isEmpty() && isPublicSuffix(domainAttr)) {
        if (domainAttr != host)
            return refuse(c, QStringLiteral("Domain=%1 is a public suffix").arg(domainAttr));
        domainAttr.clear(); // §5.3 step 5: the host itself may set a host-only cookie
    }
    if (domainAttr.isEmpty()) {
        c.hostOnly = true;
        c.domain = host;
    } else {
        c.domain = domainAttr;
        if (!domainMatches(host, domainAttr))
            return refuse(c, QStringLiteral("Domain=%1 does not match %2").arg(domainAttr, host));
        c.hostOnly = isIpAddress(host);
    }
    if (c.secure && !isSecureContext(url))
        return refuse(c, QStringLiteral("Secure cookies are only accepted over https (or from loopback)"));

    // RFC 6265bis §5.7 step 16: plain http cannot shadow or overwrite a Secure cookie.
    if (!c.secure && !isSecureContext(url)) {
        for (const Cookie &o : std::as_const(m_cookies))
            if (o.secure && o.name == c.name && (domainMatches(o.domain, c.domain) || domainMatches(c.domain, o.domain))
                && pathMatches(c.path, o.path))
                return refuse(c,
                    QStringLiteral("a Secure cookie of that name exists for %1 %2; only https may replace it")
                        .arg(o.domain, o.path));
    }
    c.created = now;
    const auto same = std::find_if(m_cookies.begin(), m_cookies.end(),
        [&](const Cookie &o) { return o.name == c.name && o.domain == c.domain && o.path == c.path; });
    if (c.expires.isValid() && c.expires <= now) {
        if (same == m_cookies.end())
            return { CookieDecision::Deleted, c,
                QStringLiteral("ignored %1 for %2 %3: already expired")
                    .arg(QString::fromLatin1(c.name), c.domain, c.path) };
        m_cookies.erase(same);
        return { CookieDecision::Deleted, c,
            QStringLiteral("deleted %1 for %2 %3 (expired)").arg(QString::fromLatin1(c.name), c.domain, c.path) };
    }
    if (same != m_cookies.end()) {
        c.created = same->created; // §5.3 step 11.3: the old creation time stays
        c.order = same->order;
        *same = c;
        return { CookieDecision::Replaced, c, QStringLiteral("replaced ") + describe(c) };
    }
    if (m_cookies.size() >= MaxCookies)
        return refuse(c, QStringLiteral("the jar already holds %1 cookies").arg(MaxCookies));
    if (std::count_if(m_cookies.cbegin(), m_cookies.cend(), [&](const Cookie &o) { return o.domain == c.domain; })
        >= MaxPerDomain)
        return refuse(c, QStringLiteral("%1 already has %2 cookies").arg(c.domain).arg(MaxPerDomain));
    c.order = m_nextOrder++;
    m_cookies.append(c);
    return { CookieDecision::Stored, c, QStringLiteral("stored ") + describe(c) };
}

QList<CookieDecision> CookieJar::setCookies(const QUrl &url, const HeaderList &headers, const QDateTime &now)
{
    QList<CookieDecision> out;
    for (const QByteArray &field : headerValues(headers, "Set-Cookie"))
        for (const QByteArray &line : field.split('\n'))
            if (!line.trimmed().isEmpty())
                out << setCookie(url, line, now);
    return out;
}

QList<Cookie> CookieJar::cookiesFor(const QUrl &url, const QDateTime &now) const
{
    const QString host = hostOf(url);
    const QString path = requestPath(url);
    const bool secure = isSecureContext(url);
    QList<Cookie> out;
    for (const Cookie &c : m_cookies) {
        if (c.expires.isValid() && c.expires <= now)
            continue;
        if (c.hostOnly ? host != c.domain : !domainMatches(host, c.domain))
            continue;
        if (!pathMatches(path, c.path) || (c.secure && !secure))
            continue;
        out << c;
    }
    std::stable_sort(out.begin(), out.end(), [](const Cookie &a, const Cookie &b) {
        if (a.path.size() != b.path.size())
            return a.path.size() > b.path.size();
        return a.order < b.order;
    });
    return out;
}

QByteArray CookieJar::cookieHeader(const QList<Cookie> &cookies)
{
    QByteArray h;
    for (const Cookie &c : cookies) {
        if (!h.isEmpty())
            h += "; ";
        h += c.name + '=' + c.value;
    }
    return h;
}

QByteArray CookieJar::cookieHeaderFor(const QUrl &url, const QDateTime &now) const
{
    return cookieHeader(cookiesFor(url, now));
}

void CookieJar::insert(Cookie cookie)
{
    for (Cookie &o : m_cookies) {
        if (o.name == cookie.name && o.domain == cookie.domain && o.path == cookie.path) {
            cookie.order = o.order;
            o = cookie;
            return;
        }
    }
    cookie.order = m_nextOrder++;
    m_cookies.append(cookie);
}

bool CookieJar::remove(const QByteArray &name, const QString &domain, const QString &path)
{
    return m_cookies.removeIf([&](const Cookie &c) { return c.name == name && c.domain == domain && c.path == path; })
        > 0;
}

void CookieJar::removeExpired(const QDateTime &now)
{
    m_cookies.removeIf([&](const Cookie &c) { return c.expires.isValid() && c.expires <= now; });
}

// curl's format (docs/http-cookies): domain, include-subdomains, path, secure, expiry (Unix seconds,
// 0 = session), name, value, tab-separated; "#HttpOnly_" before the domain marks HttpOnly.
bool CookieJar::parseNetscape(const QByteArray &text, const QString &fileName, QString *error, const QDateTime &now)
{
    static const char *const fieldNames[]
        = { "domain", "include-subdomains", "path", "secure", "expiry", "name", "value" };
    QList<Cookie> loaded;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        QByteArray line = lines.at(n);
        if (line.endsWith('\r'))
            line.chop(1);
        const auto fail = [&](int field, qsizetype column, const QString &what) {
            if (error)
                *error = QStringLiteral("%1:%2:%3: %4 (field %5, %6)")
                             .arg(fileName)
                             .arg(n + 1)
                             .arg(column + 1)
                             .arg(what)
                             .arg(field + 1)
                             .arg(QLatin1String(fieldNames[field]));
            return false;
        };
        Cookie c;
        qsizetype offset = 0;
        if (line.startsWith("#HttpOnly_")) {
            c.httpOnly = true;
            offset = 10;
        } else if (line.trimmed().isEmpty() || line.startsWith('#')) {
            continue;
        }
        QList<QByteArray> f = line.mid(offset).split('\t');
        QList<qsizetype> columns;
        qsizetype col = offset;
        for (const QByteArray &x : f) {
            columns << col;
            col += x.size() + 1;
        }
        if (f.size() == 6) // an empty value (Firefox's exports and curl both write it so)
            f << QByteArray(), columns << col;
        if (f.size() != 7)
            return fail(qMin<int>(int(f.size()), 6), line.size(),
                QStringLiteral("%1 tab-separated fields, a cookie line has 7").arg(f.size()));
        QString domain = QString::fromLatin1(f[0]).toLower();
        const bool dotted = domain.startsWith(QLatin1Char('.'));
        if (dotted)
            domain.remove(0, 1);
        if (domain.isEmpty())
            return fail(0, columns[0], QStringLiteral("empty domain"));
        if (f[1] != "TRUE" && f[1] != "FALSE")
            return fail(1, columns[1], QStringLiteral("\"%1\" is not TRUE or FALSE").arg(QString::fromLatin1(f[1])));
        if (!f[2].startsWith('/'))
            return fail(2, columns[2], QStringLiteral("the path does not start with /"));
        if (f[3] != "TRUE" && f[3] != "FALSE")
            return fail(3, columns[3], QStringLiteral("\"%1\" is not TRUE or FALSE").arg(QString::fromLatin1(f[3])));
        bool ok = false;
        const qint64 expiry = f[4].toLongLong(&ok);
        if (!ok || expiry < 0)
            return fail(4, columns[4], QStringLiteral("\"%1\" is not a Unix time").arg(QString::fromLatin1(f[4])));
        if (f[5].isEmpty())
            return fail(5, columns[5], QStringLiteral("empty name"));
        c.domain = domain;
        c.hostOnly = f[1] == "FALSE" && !dotted;
        c.path = QString::fromLatin1(f[2]);
        c.secure = f[3] == "TRUE";
        if (expiry > 0)
            c.expires = QDateTime::fromSecsSinceEpoch(expiry, Qt::UTC);
        c.name = f[5];
        c.value = f[6];
        c.created = now;
        if (c.expires.isValid() && c.expires <= now)
            continue; // curl skips expired lines too
        loaded << c;
    }
    for (const Cookie &c : std::as_const(loaded))
        insert(c);
    return true;
}

bool CookieJar::loadNetscape(const QString &fileName, QString *error, const QDateTime &now)
{
    QFile f(fileName);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(fileName, f.errorString());
        return false;
    }
    return parseNetscape(f.readAll(), fileName, error, now);
}

QByteArray CookieJar::toNetscape() const
{
    QByteArray out = "# Netscape HTTP Cookie File\n# Written by VerbScope; curl -b/-c read this format.\n\n";
    for (const Cookie &c : m_cookies) {
        if (c.httpOnly)
            out += "#HttpOnly_";
        out += (c.hostOnly ? QByteArray() : QByteArray(".")) + c.domain.toLatin1();
        out += c.hostOnly ? "\tFALSE\t" : "\tTRUE\t";
        out += c.path.toLatin1() + (c.secure ? "\tTRUE\t" : "\tFALSE\t");
        out += QByteArray::number(c.isSession() ? 0 : c.expires.toSecsSinceEpoch()) + '\t';
        out += c.name + '\t' + c.value + '\n';
    }
    return out;
}

bool CookieJar::saveNetscape(const QString &fileName, QString *error) const
{
    QSaveFile f(fileName);
    const bool ok = f.open(QIODevice::WriteOnly) && f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        && f.write(toNetscape()) >= 0 && f.commit();
    if (!ok && error)
        *error = QStringLiteral("%1: %2").arg(fileName, f.errorString());
    return ok;
}

} // namespace verbscope::http
