// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Secrets.h"

#include <QRegularExpression>
#include <QStringList>

namespace verbscope::http {

namespace {
// Families of secret names: a new vendor header (X-Foo-Token, X-Bar-Signature) is caught by
// its word, not by a list of vendors.
bool containsSecretWord(QStringView lower)
{
    static const char *const words[] = { "api-key", "apikey", "api_key", "token", "secret", "password", "passwd",
        "credential", "access_key", "access-key", "private_key", "private-key", "session", "sessid", "signature",
        "hmac", "jwt", "subscription-key", "subscription_key", "authentication" };
    for (const char *w : words)
        if (lower.contains(QLatin1String(w)))
            return true;
    return false;
}

// {{name}} references only: an export keeps them, they are not the secret.
bool isOnlyReferences(QStringView value)
{
    static const QRegularExpression refs(QStringLiteral("^(?:\\{\\{[^{}]+\\}\\})+$"));
    return refs.match(value.toString()).hasMatch();
}
} // namespace

bool isSecretHeaderName(QStringView name)
{
    const QString n = name.trimmed().toString().toLower();
    if (n == QLatin1String("authorization") || n == QLatin1String("proxy-authorization") || n == QLatin1String("cookie")
        || n == QLatin1String("set-cookie") || n == QLatin1String("x-auth"))
        return true;
    // Sec-WebSocket-Key is a nonce and Idempotency-Key an id the user needs to see.
    if (n.endsWith(QLatin1String("-key")) && n != QLatin1String("sec-websocket-key")
        && n != QLatin1String("idempotency-key"))
        return true;
    return containsSecretWord(n);
}

bool isSecretHeaderName(QByteArrayView name)
{
    return isSecretHeaderName(QString::fromLatin1(name.data(), name.size()));
}

bool isSecretName(QStringView name)
{
    const QString n = name.trimmed().toString().toLower();
    return n == QLatin1String("key") || n == QLatin1String("sig") || n == QLatin1String("signature")
        || n == QLatin1String("auth") || n == QLatin1String("pass") || n == QLatin1String("pwd")
        || n == QLatin1String("code") || n == QLatin1String("sid") || n == QLatin1String("authorization")
        || containsSecretWord(n);
}

QString redactUrl(const QString &url, const QString &mask)
{
    QString out = url;
    // user:password@ in the authority: the password goes, the user stays.
    const qsizetype scheme = out.indexOf(QLatin1String("://"));
    const qsizetype authorityStart = scheme < 0 ? 0 : scheme + 3;
    qsizetype authorityEnd = out.size();
    for (const QChar end : { QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#') }) {
        const qsizetype at = out.indexOf(end, authorityStart);
        if (at >= 0 && at < authorityEnd)
            authorityEnd = at;
    }
    const qsizetype at = authorityEnd > authorityStart ? out.lastIndexOf(QLatin1Char('@'), authorityEnd - 1) : -1;
    if (at >= authorityStart) {
        const qsizetype colon = out.indexOf(QLatin1Char(':'), authorityStart);
        if (colon >= 0 && colon + 1 < at && !isOnlyReferences(QStringView(out).mid(colon + 1, at - colon - 1)))
            out.replace(colon + 1, at - colon - 1, mask);
    }
    // ?api_key=…&token=…: values of parameters with secret names.
    const qsizetype query = out.indexOf(QLatin1Char('?'));
    if (query < 0)
        return out;
    const qsizetype fragment = out.indexOf(QLatin1Char('#'), query);
    const qsizetype queryEnd = fragment < 0 ? out.size() : fragment;
    QStringList pairs = out.mid(query + 1, queryEnd - query - 1).split(QLatin1Char('&'));
    bool changed = false;
    for (QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq > 0 && eq + 1 < pair.size() && isSecretName(QStringView(pair).left(eq))
            && !isOnlyReferences(QStringView(pair).mid(eq + 1))) {
            pair = pair.left(eq + 1) + mask;
            changed = true;
        }
    }
    if (changed)
        out.replace(query + 1, queryEnd - query - 1, pairs.join(QLatin1Char('&')));
    return out;
}

// A message quotes a URL among words ("refused: http://u:pw@h/x?token=t (after 3 s)"): each
// URL ends at white space or a quote, and is redacted on its own.
QString redactText(const QString &text)
{
    static const QRegularExpression urls(QStringLiteral("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>`]+"));
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = urls.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += redactUrl(m.captured());
        last = m.capturedEnd();
    }
    if (last == 0)
        return text;
    out += QStringView(text).mid(last);
    return out;
}

} // namespace verbscope::http
