// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace verbscope::collections {

// A redirection of one command: "<", "<<" (here-document), "<<<" (here-string), ">", "2>&1"…
struct ShellRedirect {
    QString op; // the operator as written, with its file descriptor: "<", "2>", "<<-", "&>"
    QString target; // the file, the here-document's delimiter, or the here-string's word
    QString text; // a here-document's body or a here-string's text, with its final newline
    bool isInput() const { return op.contains(QLatin1Char('<')) && !op.contains(QLatin1Char('>')); }
    bool isHereDocument() const { return op.contains(QLatin1String("<<")) && !op.contains(QLatin1String("<<<")); }
};

struct ShellCommand {
    QStringList words;
    QList<qsizetype> wordOffsets; // where each word starts in the text (for cmd: where its command does)
    QList<ShellRedirect> redirects;
    QString separator; // what ended it: ";", "&&", "||", "|", "&", "\n" or empty at the end
    qsizetype offset = 0; // where it starts in the text
    int line = 1; // the line of offset, 1-based
    // Its standard input: the here-document's or here-string's text, or the file of "< file".
    const ShellRedirect *standardInput() const;
};

// Shell command lines as people paste them (docs, browsers' "Copy as cURL", terminals) split into
// words, as POSIX sh and bash would, without expanding anything: '…', "…" with its backslash
// rules, $'…' ANSI-C strings, backslash-newline continuations, # comments, ; && || | & and
// newlines between commands, redirections and here-documents. Windows cmd lines (continued with
// a final ^) are read with cmd's and the C runtime's rules instead; a PowerShell line continued
// with a final ` is joined to the next.
class ShellWords
{
public:
    struct Result {
        QList<ShellCommand> commands; // those read before an error too
        QString error; // "unterminated ' quote at line 2, column 9 (offset 31)"
        qsizetype errorOffset = -1;
    };

    enum class Dialect { Auto, Posix, WindowsCmd };
    static Result split(const QString &text, Dialect dialect = Dialect::Auto);
    // Windows cmd when a line ends with ^ outside quotes: that is how cmd continues a line.
    static Dialect detect(const QString &text);
    // "line L, column C (offset O)" of an offset in text, for messages.
    static QString position(const QString &text, qsizetype offset);
};

} // namespace verbscope::collections
