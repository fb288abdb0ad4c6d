// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/RequestOptionsParser.h"

#include "core/Duration.h"
#include "core/http/Secrets.h"

#include <QRegularExpression>

// Shared by send, probe, compare and diagnose so that -X/-H/-d/-L/-k mean the same everywhere and
// follow curl's reading; it only builds a RequestSpec, the Engine's validate() decides what may go out.
namespace verbscope::cli {

using namespace verbscope::http;

// curl's letters and meanings (-X, -H, -d, -L, -k), so a curl command line can be reused by
// changing only the program name; these texts are also the man page's and the completions'.
QList<QCommandLineOption> RequestOptionsParser::options()
{
    return {
        { { QStringLiteral("X"), QStringLiteral("method") },
            QStringLiteral("Method to send, any RFC 9110 token, case kept (default GET, or POST with -d)."),
            QStringLiteral("METHOD") },
        { { QStringLiteral("H"), QStringLiteral("header") },
            QStringLiteral("Header \"Name: value\"; repeatable, sent in the order given, duplicates kept."),
            QStringLiteral("HEADER") },
        { { QStringLiteral("d"), QStringLiteral("data") },
            QStringLiteral("Request body; @FILE reads it from a file (sent as is). Works with any method."),
            QStringLiteral("DATA") },
        { QStringLiteral("timeout"),
            QStringLiteral("Give up after this long without any data: seconds, or 500ms, 2m (default 30)."),
            QStringLiteral("SECONDS") },
        { QStringLiteral("max-time"),
            QStringLiteral("Give up when the whole exchange takes longer than this (seconds, or 500ms, 2m)."),
            QStringLiteral("SECONDS") },
        { { QStringLiteral("L"), QStringLiteral("follow") },
            QStringLiteral("Follow redirects (off by default, like curl); every hop is recorded.") },
        { QStringLiteral("max-redirs"), QStringLiteral("Most redirects to follow with -L (default 20)."),
            QStringLiteral("N") },
        { { QStringLiteral("k"), QStringLiteral("insecure") },
            QStringLiteral("Do not verify the TLS certificate, for this request only.") },
        { QStringLiteral("proxy"),
            QStringLiteral("Use this HTTP proxy (http://host:port). Without it, http_proxy, https_proxy, all_proxy and "
                           "no_proxy apply as in curl."),
            QStringLiteral("URL") },
        { QStringLiteral("noproxy"), QStringLiteral("Ignore the proxy environment variables.") },
        { QStringLiteral("wire"),
            QStringLiteral("Use the wire transport: byte-exact HTTP/1.1 on a raw socket (the default; --qt chooses "
                           "Qt's).") },
        { QStringLiteral("http2"), QStringLiteral("Allow HTTP/2 over TLS (Qt transport).") },
        { QStringLiteral("max-decoded-size"),
            QStringLiteral("Decompression bomb guard: decoding a gzip/br/zstd/deflate body stops only past this many "
                           "decoded bytes at a ratio over 100 (default 1G; 512M, 4G, 1T…)."),
            QStringLiteral("SIZE") },
    };
}

namespace {
// How many leading characters are RFC 9110 tchars (what a field name may hold).
qsizetype fieldNameLength(const QString &text)
{
    static const QString symbols = QStringLiteral("!#$%&'*+-.^_`|~");
    qsizetype n = 0;
    while (n < text.size()) {
        const QChar c = text.at(n);
        if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && !symbols.contains(c))
            break;
        ++n;
    }
    return n;
}
} // namespace

std::optional<qint64> RequestOptionsParser::parseSize(const QString &text, QString *error)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*(\\d{1,15})\\s*(?:([kmgt])(?:i?b)?|b)?\\s*$"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    if (m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const QString unit = m.captured(2).toLower();
        const int shift = unit.isEmpty() ? 0 : int(QStringLiteral("kmgt").indexOf(unit) + 1) * 10;
        if (n > 0 && (n >> (62 - shift)) == 0)
            return n << shift;
    }
    if (error)
        *error = QStringLiteral("\"%1\": expected a size greater than 0, in bytes or with a unit: 512K, 64M, 2G, 1T "
                                "(powers of 1024)")
                     .arg(text);
    return std::nullopt;
}

namespace {
// --timeout 2.5 as curl takes it, and 500ms or 2m as the .http files write it: one parser.
void parseDuration(const QCommandLineParser &p, const QString &option, int &ms, QStringList &errors)
{
    if (!p.isSet(option))
        return;
    const Duration::Result d = Duration::parse(p.value(option));
    if (d.ms)
        ms = int(*d.ms);
    else
        errors << QStringLiteral("--%1 %2").arg(option, d.error);
}
} // namespace

// Collects every usage error instead of stopping at the first, so one run shows them all. Headers
// keep their order and duplicates because a debugger must send exactly what was typed.
QStringList RequestOptionsParser::toSpec(
    const QCommandLineParser &p, const QString &url, RequestSpec &spec, QStringList *warnings) const
{
    QStringList errors;
    QString urlWarning;
    spec.url = http::normaliseUrl(url, &urlWarning);
    if (warnings && !urlWarning.isEmpty())
        *warnings << urlWarning;

    const QStringList headers = p.values(QStringLiteral("header"));
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const QByteArray raw = headers.at(i).toUtf8();
        const qsizetype colon = raw.indexOf(':');
        if (colon <= 0) {
            // "Authorization Bearer x" or "Cookie=x" (a missing colon) must not print the
            // secret: the name ends at the first character a field name cannot hold.
            QString shown = headers.at(i);
            const qsizetype nameEnd = fieldNameLength(shown);
            if (nameEnd > 0 && nameEnd < shown.size() && http::isSecretHeaderName(QStringView(shown).left(nameEnd)))
                shown = shown.left(nameEnd) + QStringLiteral(" …");
            errors << QStringLiteral("-H \"%1\" (header %2): expected \"Name: value\"").arg(shown).arg(i + 1);
            continue;
        }
        QByteArray value = raw.mid(colon + 1);
        while (value.startsWith(' ') || value.startsWith('\t'))
            value.remove(0, 1);
        spec.headers.append({ raw.left(colon), value });
    }

    if (p.isSet(QStringLiteral("data"))) {
        // Several -d are joined with '&', as curl does.
        const QString data = p.values(QStringLiteral("data")).join(QLatin1Char('&'));
        spec.hasBody = true;
        if (data.startsWith(QLatin1Char('@'))) {
            spec.bodyFile = data.mid(1); // checked by validate()
        } else {
            spec.body = data.toUtf8();
        }
    }

    if (p.isSet(QStringLiteral("method")))
        spec.method = p.value(QStringLiteral("method")).toUtf8();
    else
        spec.method = spec.hasBody ? "POST" : "GET";

    RequestOptions &o = spec.options;
    parseDuration(p, QStringLiteral("timeout"), o.idleTimeoutMs, errors);
    parseDuration(p, QStringLiteral("max-time"), o.totalTimeoutMs, errors);
    if (p.isSet(QStringLiteral("follow")))
        o.redirects = RedirectMode::Follow;
    if (p.isSet(QStringLiteral("max-redirs"))) {
        bool ok = false;
        o.maxRedirects = p.value(QStringLiteral("max-redirs")).toInt(&ok);
        if (!ok || o.maxRedirects < 0)
            errors << QStringLiteral("--max-redirs \"%1\": expected a whole number, 0 or more")
                          .arg(p.value(QStringLiteral("max-redirs")));
    }
    o.verifyTls = !p.isSet(QStringLiteral("insecure"));
    o.proxy = p.value(QStringLiteral("proxy"));
    o.useEnvironmentProxy = !p.isSet(QStringLiteral("noproxy"));
    o.transport = p.isSet(QStringLiteral("wire")) ? TransportKind::Wire : TransportKind::Qt;
    o.allowHttp2 = p.isSet(QStringLiteral("http2"));
    if (o.allowHttp2 && o.transport == TransportKind::Wire)
        errors << QStringLiteral("--http2 cannot be combined with --wire (the wire transport speaks HTTP/1.1)");

    if (p.isSet(QStringLiteral("max-decoded-size"))) {
        QString error;
        if (const std::optional<qint64> size = parseSize(p.value(QStringLiteral("max-decoded-size")), &error))
            o.maxDecodedSize = *size;
        else
            errors << QStringLiteral("--max-decoded-size %1").arg(error);
    }

    // The body held in memory (--json, a terminal, diagnose): how much, before it is cut.
    if (const QString limit = qEnvironmentVariable("VERBSCOPE_MAX_BODY_IN_MEMORY"); !limit.isEmpty()) {
        QString error;
        if (const std::optional<qint64> size = parseSize(limit, &error))
            o.maxBodyInMemory = *size;
        else
            errors << QStringLiteral("VERBSCOPE_MAX_BODY_IN_MEMORY %1").arg(error);
    }

    errors += validate(spec);
    errors.removeDuplicates();
    return errors;
}

} // namespace verbscope::cli
