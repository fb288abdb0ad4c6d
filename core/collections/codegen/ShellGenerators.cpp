// SPDX-License-Identifier: GPL-3.0-or-later
// The command-line targets: curl, HTTPie and wget, quoted for a POSIX shell (bash for $'…').
#include "core/collections/codegen/Generators.h"
#include "core/http/RequestText.h"

#include <QSet>

namespace verbscope::codegen {

using http::RequestSpec;
using http::shellQuote;

namespace {
QString word(const QByteArray &utf8)
{
    return shellQuote(QString::fromUtf8(utf8));
}

bool hasUpper(const QByteArray &method)
{
    return method.toUpper() != method;
}

// curl globs [] and {} and resolves /../ unless told not to.
void urlSafety(const QString &url, QStringList &words)
{
    if (url.contains(QLatin1Char('[')) || url.contains(QLatin1Char('{')))
        words << QStringLiteral("--globoff");
    if (url.contains(QLatin1String("/./")) || url.contains(QLatin1String("/../")) || url.endsWith(QLatin1String("/."))
        || url.endsWith(QLatin1String("/..")))
        words << QStringLiteral("--path-as-is");
}
} // namespace

// ---- curl: sends the method, header names and bodies as typed --------------------------------

QString CurlGenerator::id() const
{
    return QStringLiteral("curl");
}
QString CurlGenerator::label() const
{
    return QStringLiteral("&curl");
}
QString CurlGenerator::commentPrefix() const
{
    return QStringLiteral("# ");
}

QString CurlGenerator::generate(const RequestSpec &spec, QStringList *notes) const
{
    QStringList n;
    QString prefix;
    QStringList words { QStringLiteral("curl") };
    const bool defaultMethod = (spec.method == "GET" && !spec.hasBody) || (spec.method == "POST" && spec.hasBody);
    if (!defaultMethod)
        words << QStringLiteral("-X") << word(spec.method);
    for (const http::Header &h : spec.headers)
        // curl drops "Name:" (it means "remove"); "Name;" sends the header with an empty value.
        words << QStringLiteral("-H")
              << word(h.value.isEmpty() ? QByteArray(h.name + ';') : QByteArray(h.name + ": " + h.value));
    // curl adds User-Agent and Accept, and a form Content-Type to a body: removed unless given.
    for (const char *added : { "User-Agent", "Accept" })
        if (!http::hasHeader(spec.headers, added))
            words << QStringLiteral("-H") << word(QByteArray(added) + ':');
    if (spec.hasBody && !http::hasHeader(spec.headers, "Content-Type"))
        words << QStringLiteral("-H") << QStringLiteral("'Content-Type:'");
    if (!spec.bodyFile.isEmpty()) {
        words << QStringLiteral("--data-binary") << shellQuote(QLatin1Char('@') + spec.bodyFile);
    } else if (spec.hasBody && quote::needsBytes(spec.body)) {
        prefix = QStringLiteral("printf ") + quote::printfBytes(spec.body) + QStringLiteral(" | ");
        words << QStringLiteral("--data-binary") << QStringLiteral("@-");
    } else if (spec.hasBody) {
        words << QStringLiteral("--data-raw") << word(spec.body); // --data-raw: a leading @ is text
    }
    if (spec.options.redirects == http::RedirectMode::Follow)
        words << QStringLiteral("-L");
    if (!spec.options.verifyTls)
        words << QStringLiteral("-k");
    urlSafety(spec.url, words);
    words << QStringLiteral("--url") << shellQuote(spec.url);
    if (notes)
        *notes += n;
    return quote::comments(commentPrefix(), n) + prefix + words.join(QLatin1Char(' ')) + QLatin1Char('\n');
}

// ---- HTTPie 3: upper-cases the method; adds Host, User-Agent, Accept-Encoding ------------------

QString HttpieGenerator::id() const
{
    return QStringLiteral("httpie");
}
QString HttpieGenerator::label() const
{
    return QStringLiteral("&HTTPie");
}
QString HttpieGenerator::commentPrefix() const
{
    return QStringLiteral("# ");
}

QString HttpieGenerator::generate(const RequestSpec &spec, QStringList *notes) const
{
    QStringList n;
    if (hasUpper(spec.method))
        n << QStringLiteral("HTTPie upper-cases the method: it sends %1, not %2")
                 .arg(QString::fromLatin1(spec.method.toUpper()), QString::fromLatin1(spec.method));
    QSet<QByteArray> seen;
    for (const http::Header &h : spec.headers)
        if (seen.contains(h.name.toLower()))
            n << QStringLiteral("HTTPie sends same-name headers together, where the first %1 is")
                     .arg(QString::fromLatin1(h.name));
        else
            seen.insert(h.name.toLower());
    n.removeDuplicates();
    static const QList<QByteArray> noBodyMethods { "GET", "HEAD" };
    if (!spec.hasBody && !http::hasHeader(spec.headers, "Content-Length")
        && !noBodyMethods.contains(spec.method.toUpper()))
        n << QStringLiteral("HTTPie adds Content-Length: 0 to a %1 without a body")
                 .arg(QString::fromLatin1(spec.method.toUpper()));
    QString prefix;
    QStringList words { QStringLiteral("http") };
    const bool stdinBody = !spec.bodyFile.isEmpty() || (spec.hasBody && quote::needsBytes(spec.body));
    if (!stdinBody)
        words << QStringLiteral("--ignore-stdin");
    words << QStringLiteral("--path-as-is");
    if (spec.options.redirects == http::RedirectMode::Follow)
        words << QStringLiteral("--follow");
    if (!spec.options.verifyTls)
        words << QStringLiteral("--verify=no");
    // --raw=… and `--`: a body or a method starting with "-" is not read as an option.
    if (spec.hasBody && spec.bodyFile.isEmpty() && !stdinBody)
        words << QStringLiteral("--raw=") + word(spec.body);
    words << QStringLiteral("--") << word(spec.method) << shellQuote(spec.url);
    for (const http::Header &h : spec.headers)
        // "Name;" is HTTPie's empty header; "Name:" would remove it.
        words << word(h.value.isEmpty() ? QByteArray(h.name + ';') : QByteArray(h.name + ':' + h.value));
    // HTTPie's own Accept, Connection and (JSON) Content-Type are removed unless given.
    for (const char *added : { "Accept", "Connection", "Content-Type" })
        if (!http::hasHeader(spec.headers, added))
            words << word(QByteArray(added) + ':');
    if (!spec.bodyFile.isEmpty())
        words << QStringLiteral("<") << shellQuote(spec.bodyFile);
    else if (stdinBody)
        prefix = QStringLiteral("printf ") + quote::printfBytes(spec.body) + QStringLiteral(" | ");
    if (notes)
        *notes += n;
    return quote::comments(commentPrefix(), n) + prefix + words.join(QLatin1Char(' ')) + QLatin1Char('\n');
}

// ---- wget: upper-cases the method, keeps one header per name, adds a form Content-Type --------

QString WgetGenerator::id() const
{
    return QStringLiteral("wget");
}
QString WgetGenerator::label() const
{
    return QStringLiteral("&wget");
}
QString WgetGenerator::commentPrefix() const
{
    return QStringLiteral("# ");
}

QString WgetGenerator::generate(const RequestSpec &spec, QStringList *notes) const
{
    QStringList n;
    if (hasUpper(spec.method))
        n << QStringLiteral("wget upper-cases the method: it sends %1, not %2")
                 .arg(QString::fromLatin1(spec.method.toUpper()), QString::fromLatin1(spec.method));
    QSet<QByteArray> seen;
    for (const http::Header &h : spec.headers)
        if (seen.contains(h.name.toLower()))
            n << QStringLiteral("wget keeps only the last %1 header").arg(QString::fromLatin1(h.name));
        else
            seen.insert(h.name.toLower());
    if (spec.hasBody && !http::hasHeader(spec.headers, "Content-Type"))
        n << QStringLiteral("wget adds Content-Type: application/x-www-form-urlencoded to a body");
    n.removeDuplicates();
    QString prefix;
    QString suffix;
    QStringList words { QStringLiteral("wget"), QStringLiteral("-q"), QStringLiteral("-O"), QStringLiteral("-") };
    words << QStringLiteral("--method=") + word(spec.method);
    for (const http::Header &h : spec.headers)
        words << QStringLiteral("--header=") + word(h.name + ": " + h.value);
    if (!spec.bodyFile.isEmpty()) {
        words << QStringLiteral("--body-file=") + shellQuote(spec.bodyFile);
    } else if (spec.hasBody && quote::needsBytes(spec.body)) {
        // --body-data cannot hold NUL and wget needs the body's size: a temporary file.
        prefix = QStringLiteral("body=$(mktemp) && printf ") + quote::printfBytes(spec.body)
            + QStringLiteral(" >\"$body\" && ");
        words << QStringLiteral("--body-file=\"$body\"");
        suffix = QStringLiteral("; rm -f \"$body\"");
    } else if (spec.hasBody) {
        words << QStringLiteral("--body-data=") + word(spec.body);
    }
    words << (spec.options.redirects == http::RedirectMode::Follow ? QStringLiteral("--max-redirect=20")
                                                                   : QStringLiteral("--max-redirect=0"));
    if (!spec.options.verifyTls)
        words << QStringLiteral("--no-check-certificate");
    words << QStringLiteral("--") << shellQuote(spec.url);
    if (notes)
        *notes += n;
    return quote::comments(commentPrefix(), n) + prefix + words.join(QLatin1Char(' ')) + suffix + QLatin1Char('\n');
}

} // namespace verbscope::codegen
