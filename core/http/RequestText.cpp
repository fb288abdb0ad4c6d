// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/RequestText.h"

#include <QRegularExpression>

namespace verbscope::http {

QString shellQuote(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (!word.isEmpty() && safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString sendCommandLine(const RequestSpec &spec)
{
    QStringList words{QStringLiteral("verbscope-cli"), QStringLiteral("send")};
    if (spec.method != "GET" || spec.hasBody)
        words << QStringLiteral("-X") << shellQuote(QString::fromLatin1(spec.method));
    for (const Header &h : spec.headers)
        words << QStringLiteral("-H") << shellQuote(QString::fromUtf8(h.name + ": " + h.value));
    if (!spec.bodyFile.isEmpty())
        words << QStringLiteral("-d") << shellQuote(QLatin1Char('@') + spec.bodyFile);
    else if (spec.hasBody)
        words << QStringLiteral("-d") << shellQuote(QString::fromUtf8(spec.body));
    if (spec.options.transport == TransportKind::Wire)
        words << QStringLiteral("--wire");
    if (!spec.options.verifyTls)
        words << QStringLiteral("-k");
    if (!spec.options.proxy.isEmpty())
        words << QStringLiteral("--proxy") << shellQuote(spec.options.proxy);
    else if (!spec.options.useEnvironmentProxy)
        words << QStringLiteral("--noproxy");
    words << shellQuote(spec.url);
    return words.join(QLatin1Char(' '));
}

} // namespace verbscope::http
