// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Secrets.h"

#include <QStringList>

namespace verbscope::http {

namespace {
const QString Stars = QStringLiteral("****");

bool containsSecretWord(QStringView lower)
{
    static const char *const words[] = { "api-key", "apikey", "api_key", "token", "secret", "password", "passwd",
        "credential", "access_key", "access-key", "private_key", "private-key", "session" };
    for (const char *w : words)
        if (lower.contains(QLatin1String(w)))
            return true;
    return false;
}
} // namespace

bool isSecretHeaderName(QStringView name)
{
    const QString n = name.trimmed().toString().toLower();
    if (n == QLatin1String("authorization") || n == QLatin1String("proxy-authorization") || n == QLatin1String("cookie")
        || n == QLatin1String("set-cookie") || n == QLatin1String("x-auth"))
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
        || containsSecretWord(n);
}

QString redactUrl(const QString &url)
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
        if (colon >= 0 && colon + 1 < at)
            out.replace(colon + 1, at - colon - 1, Stars);
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
        if (eq > 0 && eq + 1 < pair.size() && isSecretName(QStringView(pair).left(eq))) {
            pair = pair.left(eq + 1) + Stars;
            changed = true;
        }
    }
    if (changed)
        out.replace(query + 1, queryEnd - query - 1, pairs.join(QLatin1Char('&')));
    return out;
}

} // namespace verbscope::http
