// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/HttpFileParser.h"

#include "core/collections/Assertions.h"
#include "core/collections/DynamicVariables.h"
#include "core/collections/HandlerBlocks.h"
#include "core/http/HttpSyntax.h"

#include <QRegularExpression>

#include <algorithm>

namespace verbscope::collections {

bool HttpRequest::hasDirective(const QString &d) const
{
    for (const Directive &x : directives)
        if (x.name == d)
            return true;
    return false;
}

QString HttpRequest::directive(const QString &d) const
{
    for (const Directive &x : directives)
        if (x.name == d)
            return x.value;
    return {};
}

// JetBrains spec: a body that is exactly one "< path" line is read from that file when sent.
QString HttpRequest::bodyFilePath() const
{
    if (!hasBody || body.contains(QLatin1Char('\n')) || !body.startsWith(QLatin1String("< ")))
        return {};
    return body.mid(2).trimmed();
}

// What lists and the CLI show, @name first; `run` can also select a request by it.
QString HttpRequest::displayName() const
{
    if (!name.isEmpty())
        return name;
    if (!title.isEmpty())
        return title;
    return method + QLatin1Char(' ') + target;
}

QString ParseIssue::toString() const
{
    return QStringLiteral("%1:%2:%3: %4: %5")
        .arg(file.isEmpty() ? QStringLiteral("<input>") : file)
        .arg(line)
        .arg(column)
        .arg(warning ? QStringLiteral("warning") : QStringLiteral("error"), message);
}

bool ParseResult::hasErrors() const
{
    for (const ParseIssue &i : issues)
        if (!i.warning)
            return true;
    return false;
}

namespace {

struct Line {
    QString text;
    int number = 0;
};

bool isBlank(const QString &s)
{
    return s.trimmed().isEmpty();
}

// Indented comments are comments too (found by fuzz_httpfile: "\f# x" was read as a request
// with the method "#", which the writer then wrote back as a comment).
bool isComment(const QString &s)
{
    const QString t = s.trimmed();
    return t.startsWith(QLatin1Char('#')) || t.startsWith(QLatin1String("//"));
}

QString commentText(const QString &line)
{
    qsizetype start = 0; // an indented comment: its text starts after the indentation
    while (start < line.size() && line.at(start).isSpace())
        ++start;
    const QString s = line.mid(start);
    QString t = s.mid(s.startsWith(QLatin1Char('#')) ? 1 : 2);
    if (t.startsWith(QLatin1Char(' ')))
        t.remove(0, 1);
    return t;
}

// JetBrains spec: "> {% … %}" or "> file.js" is a response handler, ">>" / ">>!" save the response
// to a file, "<>" references an earlier response. They end the body; the text is kept, not run.
// httpyac's "?? status == 200" assertions are kept among them and also read (Assertions).
bool isAssertionLine(const QString &s)
{
    return s.startsWith(QLatin1String("?? ")) || s == QLatin1String("??");
}

bool isHandlerLine(const QString &s)
{
    return isAssertionLine(s) || s.startsWith(QLatin1String("> ")) || s.startsWith(QLatin1String(">> "))
        || s.startsWith(QLatin1String(">>! ")) || s.startsWith(QLatin1String("<> ")) || s == QLatin1String(">");
}

// The directives RequestPipeline and `run` act on; any other is kept, written back and reported.
const QStringList &knownDirectives()
{
    static const QStringList known { QStringLiteral("no-redirect"), QStringLiteral("timeout"),
        QStringLiteral("insecure"), QStringLiteral("connection-timeout"), QStringLiteral("no-log"),
        QStringLiteral("no-auto-encoding"), QStringLiteral("no-cookie-jar"), QStringLiteral("prompt"),
        QStringLiteral("tag") };
    return known;
}

class Parser
{
public:
    Parser(const QString &fileName)
        : m_fileName(fileName)
    { }

    void error(int line, int column, const QString &message, bool warning = false)
    {
        m_result.issues.append({ m_fileName, line, column, message, warning });
    }

    // What VerbScope does not run among the handlers and pre-request scripts is named and placed:
    // `<>` (the JetBrains IDE's reference to an earlier response, kept and not compared), lines that
    // are none of the handler forms, an unterminated `{%`. The `??` lines are read as assertions.
    void reportHandlers(HttpRequest &req)
    {
        const HandlerParse pre = HandlerBlocks::ofPreRequest(req, m_fileName);
        const HandlerParse post = HandlerBlocks::ofHandlers(req, m_fileName);
        m_result.issues += pre.issues;
        m_result.issues += post.issues;
        for (const HandlerBlock &b : post.blocks) {
            if (b.kind == HandlerBlock::Kind::ResponseReference) {
                error(b.line, 1,
                    QStringLiteral("response reference \"<> %1\" is the JetBrains IDE's earlier-response link; kept "
                                   "and written back, not compared")
                        .arg(b.text.left(40)),
                    true);
            } else if (b.kind == HandlerBlock::Kind::Assertion) {
                req.assertions.append({ b.text, b.line });
                const Assertion a = Assertions::parse(b.text, b.line);
                if (!a.problem.isEmpty())
                    error(b.line, a.problemColumn, a.problem, a.problemIsWarning);
            }
        }
    }

    // Every {{$name …}} on a line that is sent: an unknown name or bad arguments is an error now,
    // pinned to the `$`, not a surprise when the request runs.
    void checkDynamic(const Line &l)
    {
        if (!l.text.contains(QLatin1String("{{")))
            return;
        static const QRegularExpression re(QStringLiteral("\\{\\{\\s*%?\\s*(\\$[^{}]*?)\\s*\\}\\}"));
        for (auto it = re.globalMatch(l.text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            int offset = 0;
            const QString problem = DynamicVariables::check(m.captured(1), &offset);
            if (!problem.isEmpty()) {
                error(l.number, int(m.capturedStart(1)) + offset + 1, problem);
                m_result.issues.last().structural = false;
            }
        }
    }

    // One ###-block: comments and "# @directive"s, then the request line, indented continuation lines of
    // the target, headers up to the first blank line, the body, and handlers. Blocks without a request
    // line carry file-level variables and comments.
    void parseBlock(const QList<Line> &lines, const QString &title, int separatorLine)
    {
        enum class State { Prelude, PreScript, Continuation, Headers, Body, Handlers };
        State state = State::Prelude;
        HttpRequest req;
        req.title = title;
        QStringList bodyLines;
        QStringList handlerLines;
        QStringList preLines;
        bool haveRequest = false;
        int firstDirectiveLine = 0;

        for (const Line &l : lines) {
            const QString &s = l.text;
            switch (state) {
            case State::Prelude:
                if (isBlank(s))
                    continue;
                if (isComment(s)) {
                    const QString comment = commentText(s);
                    const QString trimmed = comment.trimmed();
                    if (trimmed.startsWith(QLatin1Char('@')) && trimmed.size() > 1 && !trimmed.at(1).isSpace()) {
                        const qsizetype space = trimmed.indexOf(QRegularExpression(QStringLiteral("\\s")));
                        const QString key = space < 0 ? trimmed.mid(1) : trimmed.mid(1, space - 1);
                        const QString value = space < 0 ? QString() : trimmed.mid(space).trimmed();
                        if (firstDirectiveLine == 0)
                            firstDirectiveLine = l.number;
                        if (key == QLatin1String("name")) {
                            if (value.isEmpty())
                                error(l.number, 1, QStringLiteral("@name needs a value"));
                            req.name = value;
                        } else {
                            req.directives.append({ key, value, l.number });
                            if (!knownDirectives().contains(key))
                                error(l.number, int(s.indexOf(QLatin1Char('@'))) + 1,
                                    QStringLiteral("directive @%1 is not run by VerbScope (kept and written back)")
                                        .arg(key),
                                    true);
                        }
                    } else {
                        req.comments.append(comment);
                    }
                    continue;
                }
                if (s.startsWith(QLatin1Char('@'))) {
                    checkDynamic(l);
                    parseVariable(l, req.variables);
                    continue;
                }
                if (s.startsWith(QLatin1String("< "))) { // JetBrains pre-request script
                    if (preLines.isEmpty())
                        req.preRequestLine = l.number;
                    preLines.append(s);
                    const QString rest = s.mid(2).trimmed();
                    if (rest.startsWith(QLatin1String("{%")) && !rest.mid(2).contains(QLatin1String("%}")))
                        state = State::PreScript;
                    continue;
                }
                checkDynamic(l);
                parseRequestLine(l, req);
                haveRequest = true;
                state = State::Continuation;
                continue;
            case State::PreScript: // verbatim up to the line holding %}
                preLines.append(s);
                if (s.contains(QLatin1String("%}")))
                    state = State::Prelude;
                continue;
            case State::Continuation:
                // JetBrains spec: indented lines right after the request line continue the target (long queries).
                if (!s.isEmpty() && s.at(0).isSpace() && !isBlank(s)) {
                    // Found by fuzz_httpfile: whitespace inside a continued target ("\f") was
                    // kept, and the written request line no longer parsed.
                    checkDynamic(l);
                    const QString piece = s.trimmed();
                    qsizetype ws = 0;
                    while (ws < piece.size() && !piece.at(ws).isSpace())
                        ++ws;
                    if (ws < piece.size()) {
                        const qsizetype indent = s.indexOf(piece.at(0));
                        error(l.number, int(indent + ws + 1),
                            QStringLiteral("unexpected \"%1\" in the continued target (spaces in a URL must be "
                                           "written %20)")
                                .arg(piece.mid(ws).trimmed()));
                    }
                    req.target += piece.left(ws);
                    continue;
                }
                state = State::Headers;
                [[fallthrough]];
            case State::Headers:
                if (isBlank(s)) {
                    state = State::Body;
                    continue;
                }
                if (isComment(s)) {
                    req.innerComments.append({ commentText(s), int(req.headers.size()), false, l.number });
                    continue;
                }
                if (isAssertionLine(s)) { // httpyac allows them right after the headers
                    state = State::Handlers;
                    handlerLine(l, req, handlerLines);
                    continue;
                }
                parseHeader(l, req);
                continue;
            case State::Body:
                // Full-line comments after the blank line and before the first body line are comments
                // (`// CreateTodoListCommand` above a JSON body); once the body has begun, every line
                // is body, as the JetBrains spec's message body is any text.
                if (bodyLines.isEmpty() && isComment(s)) {
                    req.innerComments.append({ commentText(s), int(req.headers.size()), true, l.number });
                    continue;
                }
                if (isHandlerLine(s)) {
                    state = State::Handlers;
                    handlerLine(l, req, handlerLines);
                    continue;
                }
                if (bodyLines.isEmpty())
                    req.bodyLine = l.number;
                checkDynamic(l);
                bodyLines.append(s);
                continue;
            case State::Handlers: handlerLine(l, req, handlerLines); continue;
            }
        }

        // Blank lines before the next ### are layout, not body bytes.
        while (!bodyLines.isEmpty() && isBlank(bodyLines.constLast()))
            bodyLines.removeLast();
        while (!handlerLines.isEmpty() && isBlank(handlerLines.constLast()))
            handlerLines.removeLast();
        req.body = bodyLines.join(QLatin1Char('\n'));
        req.hasBody = !bodyLines.isEmpty();
        req.handlers = handlerLines.join(QLatin1Char('\n'));
        req.preRequestScripts = preLines.join(QLatin1Char('\n'));
        reportHandlers(req);

        if (haveRequest) {
            m_result.file.requests.append(req);
            return;
        }
        // A block without a request line: file-level settings before the first request.
        if (m_result.file.requests.isEmpty()) {
            m_result.file.comments += req.comments;
            m_result.file.variables += req.variables;
        } else {
            m_result.file.variables += req.variables;
            if (!req.comments.isEmpty() || !title.isEmpty())
                error(std::max(separatorLine, 1), 1,
                    QStringLiteral("block \"%1\" has no request line; its comments are ignored").arg(title), true);
        }
        if (!req.directives.isEmpty() || !req.name.isEmpty())
            // Found by fuzz_httpfile: before the first ### there is no separator line to point at.
            error(firstDirectiveLine > 0 ? firstDirectiveLine : std::max(separatorLine, 1), 1,
                QStringLiteral("directives without a request line"));
    }

    void handlerLine(const Line &l, HttpRequest &req, QStringList &handlerLines)
    {
        if (handlerLines.isEmpty())
            req.handlersLine = l.number;
        handlerLines.append(l.text);
    }

    // "@name = value" in-place variables; the value is kept raw, {{…}} are resolved at send time.
    void parseVariable(const Line &l, QList<FileVariable> &into)
    {
        static const QRegularExpression re(QStringLiteral("^@([A-Za-z0-9_.$-]+)\\s*=\\s?(.*)$"));
        const QRegularExpressionMatch m = re.match(l.text);
        if (!m.hasMatch()) {
            error(l.number, 1, QStringLiteral("expected a variable \"@name = value\""));
            return;
        }
        into.append({ m.captured(1), m.captured(2).trimmed(), l.number });
    }

    // "METHOD target [HTTP/x]" or a bare target, which the spec defines as GET. A single bare word is
    // flagged because it is more likely a typo than a relative URL.
    void parseRequestLine(const Line &l, HttpRequest &req)
    {
        req.line = l.number;
        // A word ends at a space, except inside {{ … }}: the JetBrains spec writes `{{ host }}`.
        static const QRegularExpression word(QStringLiteral("(?:\\{\\{[^{}\\n]*\\}\\}|\\S)+"));
        QList<QPair<QString, int>> words; // text, 1-based column
        auto it = word.globalMatch(l.text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            words.append({ m.captured(), int(m.capturedStart()) + 1 });
        }
        static const QRegularExpression version(QStringLiteral("^HTTP/\\d(\\.\\d)?$"));
        if (words.size() >= 2 && version.match(words.constLast().first).hasMatch()) {
            req.httpVersion = words.constLast().first;
            words.removeLast();
        }
        if (words.size() == 1) {
            static const QRegularExpression bareWord(QStringLiteral("^[A-Za-z]+$"));
            req.method = QStringLiteral("GET");
            req.target = words.first().first;
            if (bareWord.match(req.target).hasMatch())
                error(l.number, words.first().second,
                    QStringLiteral("request line \"%1\" has no target (a URL or a path)").arg(l.text.trimmed()));
            return;
        }
        req.method = words.at(0).first;
        req.target = words.at(1).first;
        if (words.size() > 2)
            error(l.number, words.at(2).second,
                QStringLiteral("unexpected \"%1\" after the target (spaces in a URL must be written %20)")
                    .arg(words.at(2).first));
        const QByteArray method = req.method.toUtf8();
        if (const QString problem = http::checkMethod(method); !problem.isEmpty()) {
            int offset = 0;
            while (offset < method.size() && http::isTokenChar(method.at(offset)))
                ++offset;
            error(l.number, words.at(0).second + offset, problem);
        }
    }

    void parseHeader(const Line &l, HttpRequest &req)
    {
        checkDynamic(l);
        const QString &s = l.text;
        const qsizetype colon = s.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            error(l.number, 1,
                QStringLiteral("expected a header \"Name: value\" or a blank line before the body, got \"%1\"")
                    .arg(s.trimmed()));
            return;
        }
        const QString name = s.left(colon).trimmed();
        const QString value = s.mid(colon + 1).trimmed();
        // A name built from a variable can only be checked once resolved, at send time.
        if (!name.contains(QLatin1String("{{"))) {
            const QByteArray nameBytes = name.toUtf8();
            if (const QString problem = http::checkHeaderName(nameBytes); !problem.isEmpty()) {
                int offset = 0;
                while (offset < nameBytes.size() && http::isTokenChar(nameBytes.at(offset)))
                    ++offset;
                error(l.number, int(s.indexOf(name)) + 1 + offset, problem);
            }
        }
        req.headers.append({ name, value, l.number });
    }

    // Splits on "###" lines; CRLF files and a UTF-8 BOM (common from Windows editors) read the same as LF.
    ParseResult run(const QString &text)
    {
        QList<Line> block;
        QString title;
        int separatorLine = 0;
        QStringList lines = text.split(QLatin1Char('\n'));
        if (!lines.isEmpty() && lines.constLast().isEmpty())
            lines.removeLast();
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QString s = lines.at(i);
            if (s.endsWith(QLatin1Char('\r')))
                s.chop(1);
            if (i == 0 && s.startsWith(QChar(0xFEFF)))
                s.remove(0, 1);
            if (s.startsWith(QLatin1String("###"))) {
                parseBlock(block, title, separatorLine);
                block.clear();
                title = s.mid(3).trimmed();
                separatorLine = int(i) + 1;
                continue;
            }
            block.append({ s, int(i) + 1 });
        }
        parseBlock(block, title, separatorLine);
        return m_result;
    }

private:
    QString m_fileName;
    ParseResult m_result;
};

} // namespace

ParseResult HttpFileParser::parse(const QString &text, const QString &fileName)
{
    return Parser(fileName).run(text);
}

} // namespace verbscope::collections
