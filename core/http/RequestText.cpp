// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/RequestText.h"

#include <QRegularExpression>

namespace verbscope::http {

// A control byte inside '…' is kept literally: a CR hides what precedes it when the command is
// shown, and a pasted one can end the line early. Such a word is written with bash's $'…' escapes.
QString shellQuote(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (!word.isEmpty() && safe.match(word).hasMatch())
        return word;
    static const QRegularExpression control(QStringLiteral("[\\x00-\\x1f\\x7f]"));
    if (control.match(word).hasMatch()) {
        QString quoted = QStringLiteral("$'");
        for (const QChar c : word) {
            switch (c.unicode()) {
            case '\\': quoted += QLatin1String("\\\\"); break;
            case '\'': quoted += QLatin1String("\\'"); break;
            case '\n': quoted += QLatin1String("\\n"); break;
            case '\r': quoted += QLatin1String("\\r"); break;
            case '\t': quoted += QLatin1String("\\t"); break;
            default:
                if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                    quoted += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
                else
                    quoted += c;
            }
        }
        return quoted + QLatin1Char('\'');
    }
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString printfQuote(const QByteArray &bytes)
{
    QString out = QStringLiteral("'");
    for (const char ch : bytes) {
        const auto c = static_cast<uchar>(ch);
        if (ch == '\'')
            out += QStringLiteral("'\\''");
        else if (ch == '\\')
            out += QStringLiteral("\\\\");
        else if (ch == '%')
            out += QStringLiteral("%%");
        else if (c >= 0x20 && c < 0x7f)
            out += QLatin1Char(ch);
        else // octal: the only numeric escape POSIX printf knows
            out += QStringLiteral("\\%1").arg(c, 3, 8, QLatin1Char('0'));
    }
    return out + QLatin1Char('\'');
}

bool curlBodyNeedsPipe(const QByteArray &body)
{
    return body.startsWith('@') || body.contains('\0') || QString::fromUtf8(body).toUtf8() != body;
}

QString sendCommandLine(const RequestSpec &spec)
{
    QStringList words { QStringLiteral("verbscope-cli"), QStringLiteral("send") };
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

QString curlCommandLine(const RequestSpec &spec)
{
    QStringList words { QStringLiteral("curl"), QStringLiteral("-i") };
    const bool defaultMethod = (spec.method == "GET" && !spec.hasBody) || (spec.method == "POST" && spec.hasBody);
    if (spec.method == "HEAD" && !spec.hasBody)
        words << QStringLiteral("-I");
    else if (!defaultMethod)
        words << QStringLiteral("-X") << shellQuote(QString::fromLatin1(spec.method));
    for (const Header &h : spec.headers) {
        // curl drops "Name:" (it means "remove"); "Name;" sends the header with an empty value.
        const QByteArray field = h.value.isEmpty() ? QByteArray(h.name + ';') : QByteArray(h.name + ": " + h.value);
        words << QStringLiteral("-H") << shellQuote(QString::fromUtf8(field));
    }
    if (spec.hasBody && !hasHeader(spec.headers, "Content-Type"))
        words << QStringLiteral("-H") << QStringLiteral("'Content-Type:'"); // curl would add a form type
    QString pipe;
    if (!spec.bodyFile.isEmpty()) {
        words << QStringLiteral("--data-binary") << shellQuote(QLatin1Char('@') + spec.bodyFile);
    } else if (spec.hasBody && curlBodyNeedsPipe(spec.body)) {
        pipe = QStringLiteral("printf ") + printfQuote(spec.body) + QStringLiteral(" | ");
        words << QStringLiteral("--data-binary") << QStringLiteral("@-");
    } else if (spec.hasBody) {
        words << QStringLiteral("--data-binary") << shellQuote(QString::fromUtf8(spec.body));
    }
    if (spec.options.redirects == RedirectMode::Follow)
        words << QStringLiteral("-L") << QStringLiteral("--max-redirs") << QString::number(spec.options.maxRedirects);
    if (!spec.options.verifyTls)
        words << QStringLiteral("-k");
    if (!spec.options.proxy.isEmpty())
        words << QStringLiteral("--proxy") << shellQuote(spec.options.proxy);
    else if (!spec.options.useEnvironmentProxy)
        words << QStringLiteral("--noproxy") << QStringLiteral("'*'");
    if (!spec.options.allowHttp2 && spec.url.startsWith(QLatin1String("https:"), Qt::CaseInsensitive))
        words << QStringLiteral("--http1.1");
    if (spec.options.totalTimeoutMs > 0)
        words << QStringLiteral("--max-time") << QString::number(spec.options.totalTimeoutMs / 1000.0);
    words << shellQuote(spec.url);
    return pipe + words.join(QLatin1Char(' '));
}

} // namespace verbscope::http
