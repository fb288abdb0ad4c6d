// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/VisibleText.h"

namespace verbscope::http {

namespace {
// Length of the valid UTF-8 sequence starting at `i` (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF), or 0. Decided per sequence, so one stray Latin-1 byte does not turn
// the rest of a value into \xNN.
int utf8Length(QByteArrayView b, qsizetype i)
{
    const auto at = [&](qsizetype k) { return static_cast<unsigned char>(b[k]); };
    const unsigned char c = at(i);
    if (c < 0x80)
        return 1;
    int n = 0;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        if (c == 0xe0)
            lo = 0xa0;
        if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        if (c == 0xf0)
            lo = 0x90;
        if (c == 0xf4)
            hi = 0x8f;
    } else {
        return 0;
    }
    if (i + n > b.size())
        return 0;
    for (int k = 1; k < n; ++k) {
        const unsigned char t = at(i + k);
        if (t < (k == 1 ? lo : 0x80) || t > (k == 1 ? hi : 0xbf))
            return 0;
    }
    return n;
}

bool isC1(QByteArrayView b, qsizetype i, int length)
{
    return length == 2 && static_cast<unsigned char>(b[i]) == 0xc2 && static_cast<unsigned char>(b[i + 1]) <= 0x9f;
}

QString hex(unsigned char c)
{
    return QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
}

// Walks `b` once: printable runs are handed to `text`, everything else to `escape` (with the
// notation for it). Shared by needsNotation() and visibleText() so the two cannot disagree.
template<class Text, class Escape> void walk(QByteArrayView b, TextShape shape, Text text, Escape escape)
{
    for (qsizetype i = 0; i < b.size();) {
        const auto c = static_cast<unsigned char>(b[i]);
        const bool lines = shape == TextShape::Lines;
        if (c == '\n') {
            if (lines)
                text(i, 1);
            else
                escape(shape == TextShape::RawLines ? QStringLiteral("\\n\n") : QStringLiteral("\\n"));
            ++i;
        } else if (c == '\r') {
            if (lines && i + 1 < b.size() && b[i + 1] == '\n') {
                text(i, 2);
                i += 2;
            } else {
                escape(QStringLiteral("\\r"));
                ++i;
            }
        } else if (c == '\t') {
            if (lines)
                text(i, 1);
            else
                escape(QStringLiteral("\\t"));
            ++i;
        } else if (c < 0x20 || c == 0x7f) {
            escape(hex(c));
            ++i;
        } else {
            const int n = utf8Length(b, i);
            if (n == 0) {
                escape(hex(c));
                ++i;
            } else if (isC1(b, i, n)) {
                escape(hex(c) + hex(static_cast<unsigned char>(b[i + 1])));
                i += 2;
            } else {
                text(i, n);
                i += n;
            }
        }
    }
}
} // namespace

bool needsNotation(QByteArrayView bytes, TextShape shape)
{
    bool needed = false;
    walk(
        bytes, shape, [](qsizetype, qsizetype) {}, [&](const QString &) { needed = true; });
    return needed;
}

QString visibleText(QByteArrayView bytes, TextShape shape)
{
    QString out;
    out.reserve(bytes.size());
    qsizetype runStart = 0, runLength = 0; // pending printable bytes, decoded together
    auto flush = [&] {
        if (runLength > 0)
            out += QString::fromUtf8(bytes.sliced(runStart, runLength))
                       .replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        runLength = 0;
    };
    walk(
        bytes, shape,
        [&](qsizetype at, qsizetype n) {
            if (runLength == 0)
                runStart = at;
            runLength += n;
        },
        [&](const QString &notation) {
            flush();
            out += notation;
        });
    flush();
    return out;
}

QString visibleIfNeeded(QByteArrayView bytes, TextShape shape)
{
    return needsNotation(bytes, shape) ? visibleText(bytes, shape) : QString::fromUtf8(bytes);
}

qsizetype firstForbiddenFieldByte(QByteArrayView bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i)
        if (bytes[i] == '\r' || bytes[i] == '\n' || bytes[i] == '\0')
            return i;
    return -1;
}

} // namespace verbscope::http
