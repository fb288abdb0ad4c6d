// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpSyntax.h"

#include "core/http/VisibleText.h"

#include <QStringDecoder>

#include <algorithm>

// Byte-level HTTP syntax shared by the engine, both parsers and the UI: RFC 9110 token rules and the
// one escaping used wherever raw bytes are shown to a person. No Qt networking here.

namespace verbscope::http {

// tchar of RFC 9110 §5.6.2: methods and field names must be tokens.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~': return true;
    default: return false;
    }
}

// Error messages name the offending byte in words, since a CR or NUL is invisible when printed.
QString describeByte(unsigned char c)
{
    const QString hex = QStringLiteral("0x%1")
                            .arg(c, 2, 16, QLatin1Char('0'))
                            .toUpper()
                            .replace(QLatin1String("0X"), QLatin1String("0x"));
    switch (c) {
    case ' ': return QStringLiteral("space (%1)").arg(hex);
    case '\t': return QStringLiteral("tab (%1)").arg(hex);
    case '\r': return QStringLiteral("CR (%1)").arg(hex);
    case '\n': return QStringLiteral("LF (%1)").arg(hex);
    case '\0': return QStringLiteral("NUL (%1)").arg(hex);
    default: break;
    }
    if (c >= 0x21 && c < 0x7f)
        return QStringLiteral("'%1' (%2)").arg(QLatin1Char(char(c))).arg(hex);
    if (c >= 0x80)
        return QStringLiteral("non-ASCII byte (%1)").arg(hex);
    return QStringLiteral("control byte (%1)").arg(hex);
}

namespace {
QString checkToken(QByteArrayView what, QByteArrayView value, const char *kind)
{
    if (value.isEmpty())
        return QStringLiteral("%1 is empty").arg(QLatin1String(kind));
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (!isTokenChar(c)) {
            return QStringLiteral("%1 \"%2\": character %3, %4, is not allowed in a token "
                                  "(RFC 9110 allows letters, digits and !#$%&'*+-.^_`|~)")
                .arg(QString::fromLatin1(what), escapeBytes(value))
                .arg(i + 1)
                .arg(describeByte(static_cast<unsigned char>(c)));
        }
    }
    return {};
}
} // namespace

QString checkMethod(QByteArrayView method)
{
    return checkToken("method", method, "method");
}

QString checkHeaderName(QByteArrayView name)
{
    return checkToken("header name", name, "header name");
}

// Deliberately lenient: any other byte is the user's to send (a debugger must be able to send odd
// values); CR, LF and NUL are refused because they would split the header and inject lines.
QString checkHeaderValue(QByteArrayView name, QByteArrayView value)
{
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\r' || c == '\n' || c == '\0') {
            return QStringLiteral("header \"%1\": character %2 of its value, %3, is not allowed "
                                  "(CR, LF and NUL would end or corrupt the header)")
                .arg(escapeBytes(name))
                .arg(i + 1)
                .arg(describeByte(static_cast<unsigned char>(c)));
        }
    }
    return {};
}

// Checked a slice at a time: decoding a 256 MiB body at once made a 512 MiB string to throw away.
bool isValidUtf8(QByteArrayView bytes)
{
    constexpr qsizetype Slice = 1 << 20;
    while (!bytes.isEmpty()) {
        qsizetype n = std::min(Slice, bytes.size());
        // End the slice before a lead byte, so no sequence is split (continuations are 10xxxxxx).
        for (int back = 0; back < 3 && n < bytes.size() && n > 1 && (uchar(bytes[n]) & 0xC0) == 0x80; ++back)
            --n;
        auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        // The decode has to run for hasError() to say anything.
        const QString s = decoder(bytes.first(n));
        if (decoder.hasError())
            return false;
        bytes = bytes.sliced(n);
    }
    return true;
}

// Kept for its many callers; the notation itself lives in VisibleText.
QString escapeBytes(QByteArrayView bytes, bool keepNewlines)
{
    return visibleText(bytes, keepNewlines ? TextShape::RawLines : TextShape::Field);
}

} // namespace verbscope::http
