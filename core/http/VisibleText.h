// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

// The one notation for received bytes shown to a person (CLI on a terminal, every app view):
// docs/cli.md "Control bytes". Printable ASCII and valid UTF-8 stay as they are; CR, LF and TAB
// are \r \n \t; a backslash is \\; every other C0 byte, DEL, a C1 control (U+0080–U+009F, shown
// by its two UTF-8 bytes) and each byte of invalid UTF-8 is \xNN. So no ESC reaches a terminal
// and a text that needed the notation can always be read back to the exact bytes.
namespace verbscope::http {

enum class TextShape {
    Field, // one line (status line, reason, header name or value, URL): CR, LF and TAB escaped too
    Lines, // a head or a body: LF and CR LF stay line ends and TAB stays; a bare CR is \r
    RawLines, // every byte visible: CR and TAB escaped, LF shown as \n and then a line break
};

// Whether `bytes` hold anything the shape does not keep as it is (a backslash alone does not count):
// the test for showing a block verbatim or in the notation.
bool needsNotation(QByteArrayView bytes, TextShape shape);

// `bytes` in the notation (backslashes always doubled).
QString visibleText(QByteArrayView bytes, TextShape shape);

// The notation only where it is needed: the bytes decoded as they are when nothing needs escaping
// (so "C:\dir" stays "C:\dir"), otherwise visibleText().
QString visibleIfNeeded(QByteArrayView bytes, TextShape shape);

// Position (0-based) and byte of the first bare CR, LF or NUL inside one field, or -1: RFC 9110
// §5.5 and RFC 9112 §2.2 say a recipient must reject or replace them.
qsizetype firstForbiddenFieldByte(QByteArrayView bytes);

} // namespace verbscope::http
