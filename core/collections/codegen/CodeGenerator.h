// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/RequestSpec.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace verbscope::codegen {

// A snippet that sends one request with another tool or language ("Copy as", `export --to`).
// Each target keeps the method as typed, every header in order with duplicates and the body
// byte for byte where the tool can; where it cannot, the snippet says so in a comment and
// the same sentence is added to `notes`.
class CodeGenerator
{
public:
    virtual ~CodeGenerator() = default;
    virtual QString id() const = 0; // `export --to` name
    virtual QString label() const = 0; // "Copy as" menu text, with its & mnemonic
    virtual QString generate(const http::RequestSpec &spec, QStringList *notes) const = 0;
    // The comment syntax of the snippet's language, for the name line `export` writes.
    virtual QString commentPrefix() const { return QStringLiteral("# "); }

    static const QList<const CodeGenerator *> &all();
    static const CodeGenerator *byId(const QString &id);
    static QStringList ids();
};

// Quoting helpers shared by the targets, each for one language's string syntax.
namespace quote {
// printf format string (single-quoted) that writes `bytes` exactly, NUL included.
QString printfBytes(const QByteArray &bytes);
// True when a shell word (or a C-like string) cannot carry `bytes` as text: NUL or invalid UTF-8.
bool needsBytes(const QByteArray &bytes);
// "…" with \\ \" \n \r \t and \xNN/\uNNNN escapes for the language; `dollar` also escapes $.
QString cString(const QByteArray &utf8, bool escapeDollar = false);
QString pythonBytes(const QByteArray &bytes); // b'…'
QString pythonStr(const QString &text); // '…'
QString jsString(const QString &text); // "…", \u escapes for non-ASCII controls
// "…" holding each byte as one character (\xNN past ASCII): header values, which JavaScript
// runtimes write as Latin-1.
QString jsLatin1(const QByteArray &bytes);
QString goString(const QByteArray &bytes); // "…", \xNN for any non-printable byte
QString powershellString(const QString &text); // '…' (no escapes inside; ' doubled)
QString cppBytes(const QByteArray &bytes); // QByteArray("…", n), binary-safe
// The notes as comment lines, one per note, each ending in a newline.
QString comments(const QString &prefix, const QStringList &notes);
// The Host header value VerbScope sends for `url` (host[:port], IPv6 in brackets).
QByteArray hostOf(const QString &url);
} // namespace quote

} // namespace verbscope::codegen
