// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/QtFraming.h"

#include "core/http/HttpSyntax.h"

#include <algorithm>

namespace verbscope::http {

namespace {

const QString WarningStart = QStringLiteral("the Qt transport could not frame this answer: ");
const QString WarningEnd
    = QStringLiteral("; its body and status cannot be trusted — the wire transport shows the bytes");

// Comma-separated list elements of every field with that name, trimmed (RFC 9110 §5.6.1).
QList<QByteArray> listElements(const HeaderList &headers, const QByteArray &name)
{
    QList<QByteArray> out;
    for (const QByteArray &value : headerValues(headers, name))
        for (const QByteArray &part : value.split(','))
            if (const QByteArray t = part.trimmed(); !t.isEmpty())
                out << t;
    return out;
}

// Header bytes as the user may read them: control bytes escaped, long values cut.
QString quoted(QByteArrayView bytes)
{
    QString out = escapeBytes(bytes.first(std::min<qsizetype>(bytes.size(), 80)));
    if (bytes.size() > 80)
        out += QStringLiteral("…");
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString quoted(const QList<QByteArray> &elements)
{
    return quoted(elements.join(", "));
}

bool allDigits(const QByteArray &v)
{
    return !v.isEmpty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Several Content-Length values must agree and each be a number; Qt takes the first and reads on.
QString lengthProblem(const QList<QByteArray> &lengths)
{
    for (const QByteArray &v : lengths)
        if (!allDigits(v) || v.size() > 18)
            return QStringLiteral("Content-Length %1 is not a valid length, so the body cannot be framed (RFC 9112 "
                                  "§6.3), yet Qt reads a body anyway")
                .arg(quoted(v));
    for (const QByteArray &v : lengths)
        if (v.toLongLong() != lengths.constFirst().toLongLong())
            return QStringLiteral("conflicting Content-Length values %1 and %2, so the body cannot be framed (RFC 9112 "
                                  "§6.3), yet Qt reads the first value's %1 bytes as the body")
                .arg(QString::fromLatin1(lengths.constFirst()), QString::fromLatin1(v));
    return {};
}

// HTTP/2 frames bodies itself; the rules below are HTTP/1.1's.
bool expectsBody(const ResponseHead &head, QByteArrayView method)
{
    const int status = head.status;
    return head.httpVersion != QLatin1String("2") && method != "HEAD" && status >= 200 && status != 204
        && status != 304;
}

} // namespace

bool QtFraming::qtDecodesChunked(const HeaderList &headers)
{
    for (const QByteArray &value : headerValues(headers, "Transfer-Encoding"))
        if (value.toLower().contains("chunked"))
            return true;
    return false;
}

// RFC 9112 §6.3 in order: no body for HEAD, 1xx, 204 and 304; Transfer-Encoding decides before
// Content-Length (chunked last, else the body runs until close); then Content-Length.
QString QtFraming::problem(const ResponseHead &head, QByteArrayView method)
{
    if (!expectsBody(head, method))
        return {};
    const QList<QByteArray> codings = listElements(head.headers, "Transfer-Encoding");
    const QList<QByteArray> lengths = listElements(head.headers, "Content-Length");
    const bool qtChunked = qtDecodesChunked(head.headers);
    const auto isChunked = [](const QByteArray &c) { return c.compare("chunked", Qt::CaseInsensitive) == 0; };
    if (qtChunked && std::none_of(codings.begin(), codings.end(), isChunked))
        return QStringLiteral("Transfer-Encoding %1 does not name the chunked coding, yet Qt decodes the body as "
                              "chunked because the value contains the word")
            .arg(quoted(codings));
    if (qtChunked && !isChunked(codings.constLast()))
        return QStringLiteral("Transfer-Encoding %1 does not end with chunked, so the body runs until the connection "
                              "closes (RFC 9112 §6.3), yet Qt decodes it as chunked")
            .arg(quoted(codings));
    if (!codings.isEmpty() && !qtChunked && !lengths.isEmpty())
        return QStringLiteral("Transfer-Encoding %1 overrides Content-Length, so the body runs until the connection "
                              "closes (RFC 9112 §6.3), yet Qt reads Content-Length bytes")
            .arg(quoted(codings));
    if (codings.isEmpty())
        return lengthProblem(lengths);
    return {};
}

QString QtFraming::emptyChunkedProblem(const ResponseHead &head, QByteArrayView method, qint64 bodyBytes)
{
    if (bodyBytes > 0 || !expectsBody(head, method) || !qtDecodesChunked(head.headers)
        || !problem(head, method).isEmpty())
        return {};
    return QStringLiteral("the chunked body ended without a byte and without an error, and Qt takes a chunk size it "
                          "cannot parse (such as \"zz\" or one too large for 64 bits) for the last chunk, so this "
                          "empty body cannot be told from a broken one");
}

QStringList QtFraming::notes(const ResponseHead &head)
{
    QStringList out;
    const QList<QByteArray> codings = listElements(head.headers, "Transfer-Encoding");
    if (codings.isEmpty() || head.httpVersion == QLatin1String("2"))
        return out;
    if (hasHeader(head.headers, "Content-Length"))
        out << QStringLiteral("both Transfer-Encoding and Content-Length were sent: Content-Length ignored (RFC 9112 "
                              "§6.3); a server that sends both invites request smuggling");
    const auto chunked = std::count_if(codings.begin(), codings.end(),
        [](const QByteArray &c) { return c.compare("chunked", Qt::CaseInsensitive) == 0; });
    if (chunked > 1)
        out << QStringLiteral("Transfer-Encoding lists chunked %1 times: a sender must apply it once (RFC 9112 §6.1); "
                              "the body was de-chunked once")
                   .arg(chunked);
    return out;
}

QString QtFraming::warning(const QString &reason)
{
    return WarningStart + reason + WarningEnd;
}

QString QtFraming::untrustedReason(const Exchange &exchange)
{
    if (exchange.fidelity != Fidelity::Qt)
        return {};
    for (const QString &w : exchange.warnings)
        if (w.startsWith(WarningStart) && w.endsWith(WarningEnd))
            return w.mid(WarningStart.size(), w.size() - WarningStart.size() - WarningEnd.size());
    return {};
}

} // namespace verbscope::http
