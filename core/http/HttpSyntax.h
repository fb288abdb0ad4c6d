// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// RFC 9110 syntax checks for what the user typed. Every error names the offending
// byte and its 1-based position, because a debugger that says "invalid method" is useless.
namespace verbscope::http {

bool isTokenChar(char c);

// Empty string when valid, otherwise a message such as
// "method \"GE(T\": character 3 '(' (0x28) is not allowed in a token".
QString checkMethod(QByteArrayView method);
QString checkHeaderName(QByteArrayView name);
QString checkHeaderValue(QByteArrayView name, QByteArrayView value);

// "'(' (0x28)", "space (0x20)", "CR (0x0D)": a byte as a person can read it.
QString describeByte(unsigned char c);

// Whether `bytes` is valid UTF-8 (used to pick text or base64 output).
bool isValidUtf8(QByteArrayView bytes);

// Printable form of arbitrary bytes (VisibleText.h): UTF-8 kept, control bytes as \r \n \t \xNN,
// a backslash as \\. keepNewlines: also a line break after each \n.
QString escapeBytes(QByteArrayView bytes, bool keepNewlines = false);

} // namespace verbscope::http
