// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/RequestSpec.h"

#include "core/http/HttpSyntax.h"
#include "core/http/Secrets.h"

#include <QFileInfo>
#include <QUrl>

namespace verbscope::http {

QStringList validate(const RequestSpec &spec)
{
    QStringList errors;
    if (const QString e = checkMethod(spec.method); !e.isEmpty())
        errors << e;
    for (qsizetype i = 0; i < spec.headers.size(); ++i) {
        const Header &h = spec.headers.at(i);
        if (const QString e = checkHeaderName(h.name); !e.isEmpty())
            errors << QStringLiteral("header %1: %2").arg(i + 1).arg(e);
        else if (const QString v = checkHeaderValue(h.name, h.value); !v.isEmpty())
            errors << QStringLiteral("header %1: %2").arg(i + 1).arg(v);
        if (headerNameEquals(h.name, "Transfer-Encoding"))
            errors << QStringLiteral("header %1: Transfer-Encoding cannot be set by hand: the body is "
                                     "sent with Content-Length (Qt would send both, a malformed request)")
                          .arg(i + 1);
    }
    // The wire transport writes the target as typed, so a path or query that a strict parser
    // rejects (a stray '%', "%zz") is the user's to send; Qt would re-encode it, so it stays strict.
    const bool wire = spec.options.transport == TransportKind::Wire;
    const QUrl url(spec.url, wire ? QUrl::TolerantMode : QUrl::StrictMode);
    if (spec.url.trimmed().isEmpty()) {
        errors << QStringLiteral("URL is empty");
    } else if (!url.isValid()) {
        // Qt's message repeats the whole URL ("; source was …"), password included: cut it.
        QString why = url.errorString();
        const qsizetype source = why.indexOf(QLatin1String("; source was"));
        if (source >= 0)
            why.truncate(source);
        errors << QStringLiteral("URL \"%1\" is not valid: %2").arg(redactUrl(spec.url), why);
    } else {
        const QString scheme = url.scheme().toLower();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            errors << QStringLiteral("URL \"%1\": scheme \"%2\" is not http or https")
                          .arg(redactUrl(spec.url), url.scheme());
        else if (url.host().isEmpty())
            errors << QStringLiteral("URL \"%1\" has no host").arg(redactUrl(spec.url));
    }
    for (qsizetype i = 0; i < spec.url.size(); ++i) {
        const QChar c = spec.url.at(i);
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n') || c == QChar(0)) {
            errors << QStringLiteral("URL: character %1 is %2, which cannot be sent")
                          .arg(i + 1)
                          .arg(describeByte(static_cast<unsigned char>(c.unicode())));
            break;
        }
    }
    if (!spec.bodyFile.isEmpty()) {
        const QFileInfo fi(spec.bodyFile);
        if (!fi.exists())
            errors << QStringLiteral("body file \"%1\" does not exist").arg(spec.bodyFile);
        else if (!fi.isFile() || !fi.isReadable())
            errors << QStringLiteral("body file \"%1\" is not a readable file").arg(spec.bodyFile);
    }
    const RequestOptions &o = spec.options;
    if (o.idleTimeoutMs <= 0)
        errors << QStringLiteral("timeout must be more than 0 ms");
    if (o.totalTimeoutMs < 0)
        errors << QStringLiteral("total deadline must not be negative");
    if (o.maxRedirects < 0)
        errors << QStringLiteral("redirect limit must not be negative");
    if (!o.proxy.isEmpty()) {
        const QUrl p(o.proxy.contains(QLatin1String("://")) ? o.proxy : QLatin1String("http://") + o.proxy);
        if (!p.isValid() || p.host().isEmpty())
            errors << QStringLiteral("proxy \"%1\" is not a valid URL").arg(redactUrl(o.proxy));
        else if (p.scheme() != QLatin1String("http") && !p.scheme().startsWith(QLatin1String("socks5")))
            errors << QStringLiteral("proxy \"%1\": scheme \"%2\" is not supported (use http:// or socks5://)")
                          .arg(redactUrl(o.proxy), p.scheme());
    }
    return errors;
}

// A URL pasted from a log or a document often has a space or a brace in its path or query; QUrl
// refuses those, so they are encoded here (with a warning) rather than failing the request. The
// host is left alone: a space there is an error the user must see.
QString normaliseUrl(const QString &url, QString *warning)
{
    const QString t = url.trimmed();
    QString out = t.isEmpty() || t.contains(QLatin1String("://")) ? t : QLatin1String("http://") + t;
    const qsizetype scheme = out.indexOf(QLatin1String("://"));
    const qsizetype authority = scheme < 0 ? 0 : scheme + 3;
    qsizetype pathStart = out.size();
    for (const QChar c : { QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#') })
        if (const qsizetype at = out.indexOf(c, authority); at >= 0)
            pathStart = std::min(pathStart, at);
    static const QString unsafe = QStringLiteral(" |{}\"<>^\\`");
    QString encoded = out.left(pathStart);
    bool spaces = false;
    QString others;
    for (qsizetype i = pathStart; i < out.size(); ++i) {
        const QChar c = out.at(i);
        if (!unsafe.contains(c)) {
            encoded += c;
            continue;
        }
        if (c == QLatin1Char(' '))
            spaces = true;
        else if (!others.contains(c))
            others += c;
        encoded += QLatin1Char('%') + QString::number(c.unicode(), 16).toUpper().rightJustified(2, QLatin1Char('0'));
    }
    if (warning && encoded != out) {
        QStringList what;
        if (spaces)
            what << QStringLiteral("spaces");
        if (!others.isEmpty())
            what << QStringList(others.split(QString(), Qt::SkipEmptyParts)).join(QLatin1Char(' '));
        *warning
            = QStringLiteral("%1 %2 percent-encoded: %3")
                  .arg(what.join(QLatin1String(" and ")),
                      spaces || others.size() > 1 ? QStringLiteral("were") : QStringLiteral("was"), redactUrl(encoded));
    }
    return encoded;
}

} // namespace verbscope::http
