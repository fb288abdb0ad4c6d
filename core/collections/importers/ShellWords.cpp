// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/ShellWords.h"

namespace verbscope::collections {

const ShellRedirect *ShellCommand::standardInput() const
{
    const ShellRedirect *last = nullptr;
    for (const ShellRedirect &r : redirects)
        if (r.isInput() && (r.op.startsWith(QLatin1Char('<')) || r.op.startsWith(QLatin1Char('0'))))
            last = &r;
    return last;
}

namespace {
int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

QChar simpleAnsiCEscape(QChar e)
{
    switch (e.unicode()) {
    case 'n': return QLatin1Char('\n');
    case 't': return QLatin1Char('\t');
    case 'r': return QLatin1Char('\r');
    case 'e':
    case 'E': return QChar(0x1b);
    case 'a': return QChar(0x07);
    case 'b': return QChar(0x08);
    case 'f': return QChar(0x0c);
    case 'v': return QChar(0x0b);
    case '\\':
    case '\'':
    case '"':
    case '?': return e;
    default: return {};
    }
}

// Bash's $'…' from just after the opening quote: \n \t \r \e \a \b \f \v \\ \' \" \? \xHH \NNN
// \uHHHH \UHHHHHHHH \cX. \x and octal escapes are bytes, decoded as UTF-8 together, as bash
// does in a UTF-8 locale. Returns the offset after the closing quote, or -1 without one.
qsizetype readAnsiC(const QString &t, qsizetype i, QString &out)
{
    QByteArray bytes;
    auto flush = [&] {
        out += QString::fromUtf8(bytes);
        bytes.clear();
    };
    while (i < t.size()) {
        const QChar c = t.at(i);
        if (c == QLatin1Char('\'')) {
            flush();
            return i + 1;
        }
        if (c != QLatin1Char('\\') || i + 1 >= t.size()) {
            flush();
            out += c;
            ++i;
            continue;
        }
        const QChar e = t.at(i + 1);
        i += 2;
        if (const QChar simple = simpleAnsiCEscape(e); !simple.isNull()) {
            flush();
            out += simple;
        } else if (e == QLatin1Char('c')) {
            flush();
            if (i < t.size())
                out += QChar(t.at(i++).unicode() & 0x1f);
        } else if (e == QLatin1Char('x')) {
            int v = 0, n = 0;
            for (; n < 2 && i < t.size() && hexValue(t.at(i)) >= 0; ++n)
                v = v * 16 + hexValue(t.at(i++));
            if (n == 0) {
                flush();
                out += QStringLiteral("\\x");
            } else {
                bytes += char(v);
            }
        } else if (e == QLatin1Char('u') || e == QLatin1Char('U')) {
            const int max = e == QLatin1Char('u') ? 4 : 8;
            char32_t v = 0;
            int n = 0;
            for (; n < max && i < t.size() && hexValue(t.at(i)) >= 0; ++n)
                v = v * 16 + char32_t(hexValue(t.at(i++)));
            flush();
            if (n == 0) {
                out += QLatin1Char('\\');
                out += e;
            } else {
                out += QString::fromUcs4(&v, 1);
            }
        } else if (e >= QLatin1Char('0') && e <= QLatin1Char('7')) {
            int v = e.unicode() - '0';
            for (int n = 1; n < 3 && i < t.size() && t.at(i) >= QLatin1Char('0') && t.at(i) <= QLatin1Char('7'); ++n)
                v = v * 8 + (t.at(i++).unicode() - '0');
            bytes += char(v);
        } else {
            flush();
            out += QLatin1Char('\\');
            out += e;
        }
    }
    return -1;
}

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r');
}

// The length of a line break at i ("\n" or "\r\n"), or 0.
int lineBreakAt(const QString &t, qsizetype i)
{
    if (i < t.size() && t.at(i) == QLatin1Char('\n'))
        return 1;
    if (i + 1 < t.size() && t.at(i) == QLatin1Char('\r') && t.at(i + 1) == QLatin1Char('\n'))
        return 2;
    return 0;
}

// POSIX sh / bash. One pass over the text; a word is finished at a blank or an operator, and
// becomes the target of a pending redirection or the command's next word.
class PosixSplitter
{
public:
    explicit PosixSplitter(const QString &text)
        : t(text)
    { }

    ShellWords::Result run()
    {
        while (i < t.size() && r.error.isEmpty())
            step();
        if (r.error.isEmpty())
            endCommand(QString());
        return r;
    }

private:
    void fail(const QString &what, qsizetype at)
    {
        r.error = QStringLiteral("%1 at %2").arg(what, ShellWords::position(t, at));
        r.errorOffset = at;
    }

    void startWord()
    {
        if (!inWord) {
            inWord = true;
            wordStart = i;
            if (cmd.words.isEmpty() && cmd.redirects.isEmpty())
                cmd.offset = i;
        }
    }

    void endWord()
    {
        if (!inWord)
            return;
        if (pendingTarget >= 0) {
            cmd.redirects[pendingTarget].target = word;
            if (cmd.redirects[pendingTarget].op.endsWith(QLatin1String("<<<")))
                cmd.redirects[pendingTarget].text = word + QLatin1Char('\n');
            else if (cmd.redirects[pendingTarget].isHereDocument())
                pendingBodies.append(
                    { -1, pendingTarget, word, cmd.redirects[pendingTarget].op.endsWith(QLatin1String("<<-")) });
            pendingTarget = -1;
        } else {
            cmd.words << word;
            cmd.wordOffsets << wordStart;
        }
        word.clear();
        inWord = false;
        wordQuoted = false;
    }

    void endCommand(const QString &separator)
    {
        endWord();
        // Here-document bodies come after the line; they belong to the command kept, if any.
        for (PendingBody &p : pendingBodies)
            if (p.command == -1)
                p.command = cmd.words.isEmpty() ? -2 : int(r.commands.size());
        if (!cmd.words.isEmpty()) {
            cmd.separator = separator;
            r.commands << cmd;
        }
        cmd = ShellCommand();
        pendingTarget = -1;
    }

    // After the newline that ends a line with here-documents: their bodies, one after another.
    void readHereDocumentBodies()
    {
        for (const PendingBody &p : std::as_const(pendingBodies)) {
            ShellRedirect *redirect = p.command == -1 ? &cmd.redirects[p.redirect]
                : p.command >= 0                      ? &r.commands[p.command].redirects[p.redirect]
                                                      : nullptr;
            const QString delimiter = redirect ? redirect->target : p.delimiter;
            const bool stripTabs = p.stripTabs;
            QString body;
            while (i < t.size()) {
                qsizetype end = t.indexOf(QLatin1Char('\n'), i);
                const qsizetype next = end < 0 ? t.size() : end + 1;
                if (end < 0)
                    end = t.size();
                QString lineText = t.mid(i, end - i);
                if (lineText.endsWith(QLatin1Char('\r')))
                    lineText.chop(1);
                if (stripTabs)
                    while (lineText.startsWith(QLatin1Char('\t')))
                        lineText.remove(0, 1);
                i = next;
                if (lineText == delimiter)
                    break;
                body += lineText + QLatin1Char('\n');
            }
            if (redirect)
                redirect->text = body;
        }
        pendingBodies.clear();
    }

    void redirection()
    {
        QString op;
        // A word of digits just before the operator is its file descriptor: 2>/dev/null.
        if (inWord && !wordQuoted && !word.isEmpty()
            && std::all_of(word.cbegin(), word.cend(), [](QChar c) { return c.isDigit(); })) {
            op = word;
            word.clear();
            inWord = false;
        } else {
            endWord();
        }
        static const QStringList ops { QStringLiteral("<<<"), QStringLiteral("<<-"), QStringLiteral("<<"),
            QStringLiteral("<>"), QStringLiteral("<&"), QStringLiteral("<"), QStringLiteral("&>>"),
            QStringLiteral("&>"), QStringLiteral(">>"), QStringLiteral(">&"), QStringLiteral(">|"),
            QStringLiteral(">") };
        for (const QString &o : ops) {
            if (QStringView(t).mid(i).startsWith(o)) {
                op += o;
                i += o.size();
                break;
            }
        }
        if (cmd.words.isEmpty() && cmd.redirects.isEmpty())
            cmd.offset = i;
        cmd.redirects.append({ op, QString(), QString() });
        pendingTarget = cmd.redirects.size() - 1;
    }

    void singleQuoted()
    {
        const qsizetype end = t.indexOf(QLatin1Char('\''), i + 1);
        if (end < 0)
            return fail(QStringLiteral("unterminated ' quote"), i);
        word += QStringView(t).mid(i + 1, end - i - 1);
        i = end + 1;
    }

    void ansiC()
    {
        const qsizetype next = readAnsiC(t, i + 2, word);
        if (next < 0)
            return fail(QStringLiteral("unterminated $' quote"), i);
        i = next;
    }

    // Inside "…" a backslash only escapes $ ` " \ and a newline; elsewhere it stays.
    void doubleQuoted()
    {
        const qsizetype start = i;
        for (++i; i < t.size(); ++i) {
            const QChar d = t.at(i);
            if (d == QLatin1Char('"')) {
                ++i;
                return;
            }
            if (d == QLatin1Char('\\') && i + 1 < t.size()) {
                const QChar e = t.at(i + 1);
                if (e == QLatin1Char('\n')) {
                    ++i;
                    continue;
                }
                if (e == QLatin1Char('"') || e == QLatin1Char('\\') || e == QLatin1Char('$') || e == QLatin1Char('`')) {
                    word += e;
                    ++i;
                    continue;
                }
            }
            word += d;
        }
        fail(QStringLiteral("unterminated \" quote"), start);
    }

    void step()
    {
        const QChar c = t.at(i);
        const QChar n = i + 1 < t.size() ? t.at(i + 1) : QChar();
        if ((c == QLatin1Char('\\') || c == QLatin1Char('`')) && lineBreakAt(t, i + 1) > 0) {
            // Line continuation: sh's backslash-newline, and PowerShell's backtick-newline.
            i += 1 + lineBreakAt(t, i + 1);
            return;
        }
        if (c == QLatin1Char('\\')) {
            if (i + 1 < t.size()) {
                startWord();
                wordQuoted = true;
                word += n;
            }
            i += 2;
            return;
        }
        if (isBlank(c)) {
            endWord();
            ++i;
            return;
        }
        if (c == QLatin1Char('\n')) {
            endWord();
            ++i;
            readHereDocumentBodies();
            endCommand(QStringLiteral("\n"));
            return;
        }
        if (c == QLatin1Char(';')) {
            ++i;
            return endCommand(QStringLiteral(";"));
        }
        if ((c == QLatin1Char('&') && n == QLatin1Char('>')) || c == QLatin1Char('<') || c == QLatin1Char('>'))
            return redirection();
        if (c == QLatin1Char('&') || c == QLatin1Char('|')) {
            const bool doubled = n == c;
            i += doubled || (c == QLatin1Char('|') && n == QLatin1Char('&')) ? 2 : 1;
            return endCommand(doubled ? QString(2, c) : QString(c));
        }
        if (c == QLatin1Char('#') && !inWord) {
            while (i < t.size() && t.at(i) != QLatin1Char('\n'))
                ++i;
            return;
        }
        startWord();
        if (c == QLatin1Char('\'')) {
            wordQuoted = true;
            return singleQuoted();
        }
        if (c == QLatin1Char('$') && n == QLatin1Char('\'')) {
            wordQuoted = true;
            return ansiC();
        }
        if (c == QLatin1Char('"') || (c == QLatin1Char('$') && n == QLatin1Char('"'))) {
            wordQuoted = true;
            i += c == QLatin1Char('$') ? 1 : 0; // $"…" is a translated "…"
            return doubleQuoted();
        }
        word += c;
        ++i;
    }

    const QString &t;
    qsizetype i = 0;
    ShellWords::Result r;
    ShellCommand cmd;
    QString word;
    bool inWord = false;
    qsizetype wordStart = 0; // where the current word began
    bool wordQuoted = false; // a quoted 2 before > is a word, not a file descriptor
    qsizetype pendingTarget = -1;
    struct PendingBody {
        int command; // -1: the current one, -2: none (its words were empty), else an index
        qsizetype redirect;
        QString delimiter;
        bool stripTabs;
    };
    QList<PendingBody> pendingBodies;
};

// The C runtime's argv rules, which a Windows program applies to its command line: blanks split
// words outside "…"; 2n backslashes before a quote are n and the quote counts, 2n+1 are n and a
// literal quote; "" inside quotes is a literal quote; other backslashes are literal.
QStringList windowsArguments(const QString &t)
{
    QStringList words;
    QString word;
    bool inWord = false, quoted = false;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t.at(i);
        if (c == QLatin1Char('\\')) {
            qsizetype n = 0;
            while (i + n < t.size() && t.at(i + n) == QLatin1Char('\\'))
                ++n;
            inWord = true;
            if (i + n < t.size() && t.at(i + n) == QLatin1Char('"')) {
                word += QString(n / 2, QLatin1Char('\\'));
                if (n % 2) {
                    word += QLatin1Char('"');
                    i += n;
                } else {
                    i += n - 1;
                }
            } else {
                word += QString(n, QLatin1Char('\\'));
                i += n - 1;
            }
        } else if (c == QLatin1Char('"')) {
            inWord = true;
            if (quoted && i + 1 < t.size() && t.at(i + 1) == QLatin1Char('"')) {
                word += c;
                ++i;
            } else {
                quoted = !quoted;
            }
        } else if ((c == QLatin1Char(' ') || c == QLatin1Char('\t')) && !quoted) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

// cmd.exe first (^ escapes the next character and continues a line, "…" regions, & && || |
// between commands, < > redirections, REM and :: comment lines), then windowsArguments() splits
// each command's text. Browsers' "Copy as cURL (cmd)" writes every quote as ^" for this reason.
class CmdSplitter
{
public:
    explicit CmdSplitter(const QString &text)
        : t(text)
    { }

    ShellWords::Result run()
    {
        while (i < t.size())
            step();
        endCommand(QString());
        return r;
    }

private:
    void endCommand(const QString &separator)
    {
        ShellCommand cmd;
        cmd.words = windowsArguments(raw);
        cmd.wordOffsets = QList<qsizetype>(cmd.words.size(), start); // cmd's words are only known per line
        cmd.redirects = redirects;
        cmd.separator = separator;
        cmd.offset = start;
        if (!cmd.words.isEmpty())
            r.commands << cmd;
        raw.clear();
        redirects.clear();
        quoted = false;
        blankSoFar = true;
    }

    void redirection()
    {
        QString op;
        if (!raw.isEmpty() && raw.back().isDigit() && (raw.size() == 1 || raw.at(raw.size() - 2).isSpace())) {
            op = raw.back();
            raw.chop(1);
        }
        op += t.at(i++);
        if (i < t.size() && (t.at(i) == QLatin1Char('>') || t.at(i) == QLatin1Char('&')))
            op += t.at(i++);
        while (i < t.size() && isBlank(t.at(i)))
            ++i;
        QString target;
        bool inQuotes = false;
        for (; i < t.size() && t.at(i) != QLatin1Char('\n') && (inQuotes || !isBlank(t.at(i))); ++i) {
            if (t.at(i) == QLatin1Char('\r'))
                continue;
            if (t.at(i) == QLatin1Char('"'))
                inQuotes = !inQuotes;
            else if (t.at(i) != QLatin1Char('^'))
                target += t.at(i);
        }
        redirects.append({ op, target, QString() });
    }

    void step()
    {
        const QChar c = t.at(i);
        const QChar n = i + 1 < t.size() ? t.at(i + 1) : QChar();
        if (blankSoFar && !quoted && (c == QLatin1Char(':') || c == QLatin1Char('r') || c == QLatin1Char('R'))) {
            const QStringView rest = QStringView(t).mid(i);
            if (rest.startsWith(QLatin1String("::")) || rest.startsWith(QLatin1String("rem "), Qt::CaseInsensitive)) {
                while (i < t.size() && t.at(i) != QLatin1Char('\n'))
                    ++i;
                return;
            }
        }
        if (raw.isEmpty() && redirects.isEmpty())
            start = i;
        if (c == QLatin1Char('\r')) { // cmd drops carriage returns before it reads a line
            ++i;
            return;
        }
        if (c == QLatin1Char('\n')) {
            ++i;
            return endCommand(QStringLiteral("\n"));
        }
        if (quoted || c == QLatin1Char('"')) {
            quoted = quoted != (c == QLatin1Char('"'));
            add(c);
            ++i;
            return;
        }
        if (c == QLatin1Char('^')) {
            const int lineBreak = lineBreakAt(t, i + 1);
            if (lineBreak == 0 && i + 1 < t.size())
                add(n); // escaped: a ^" is a quote for the program, not for cmd
            i += 1 + (lineBreak > 0 ? lineBreak : 1);
            return;
        }
        if (c == QLatin1Char('&') || c == QLatin1Char('|')) {
            const bool doubled = n == c;
            i += doubled ? 2 : 1;
            return endCommand(doubled ? QString(2, c) : QString(c));
        }
        if (c == QLatin1Char('<') || c == QLatin1Char('>'))
            return redirection();
        add(c);
        ++i;
    }

    void add(QChar c)
    {
        raw += c;
        blankSoFar = blankSoFar && isBlank(c);
    }

    const QString &t;
    qsizetype i = 0;
    ShellWords::Result r;
    QString raw; // the command's text as cmd hands it to the program
    QList<ShellRedirect> redirects;
    bool quoted = false;
    bool blankSoFar = true; // where a REM or :: line may start
    qsizetype start = 0;
};
} // namespace

ShellWords::Result ShellWords::split(const QString &text, Dialect dialect)
{
    if (dialect == Dialect::Auto)
        dialect = detect(text);
    Result r = dialect == Dialect::WindowsCmd ? CmdSplitter(text).run() : PosixSplitter(text).run();
    // Lines once at the end, so a long paste is not counted again for every command.
    qsizetype at = 0;
    int line = 1;
    for (ShellCommand &c : r.commands) {
        line += int(QStringView(text).mid(at, c.offset - at).count(QLatin1Char('\n')));
        at = c.offset;
        c.line = line;
    }
    return r;
}

ShellWords::Dialect ShellWords::detect(const QString &text)
{
    const QList<QStringView> lines = QStringView(text).split(QLatin1Char('\n'));
    for (const QStringView l : lines) {
        const QStringView trimmed = l.trimmed();
        if (trimmed.endsWith(QLatin1Char('^')) && !trimmed.endsWith(QLatin1String("^^")))
            return Dialect::WindowsCmd;
    }
    return Dialect::Posix;
}

QString ShellWords::position(const QString &text, qsizetype offset)
{
    const QStringView before = QStringView(text).left(offset);
    const qsizetype lineStart = before.lastIndexOf(QLatin1Char('\n')) + 1;
    return QStringLiteral("line %1, column %2 (offset %3)")
        .arg(before.count(QLatin1Char('\n')) + 1)
        .arg(offset - lineStart + 1)
        .arg(offset);
}

} // namespace verbscope::collections
