// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace verbscope::collections {

// `# @name value`, `# @no-redirect`, `# @timeout 10`, or any unknown one (kept and written back).
struct Directive {
    QString name;
    QString value;
    int line = 0; // where it was read, 0 when built
    friend bool operator==(const Directive &a, const Directive &b) { return a.name == b.name && a.value == b.value; }
};

// `@name = value` at file level or before a request line.
struct FileVariable {
    QString name;
    QString value;
    int line = 0;
    friend bool operator==(const FileVariable &a, const FileVariable &b)
    {
        return a.name == b.name && a.value == b.value;
    }
};

// A full-line `#` or `//` comment inside a request: never sent, and kept where it stood so that a
// write-back puts it there again: after `afterHeaders` header lines, or (beforeBody) after the
// blank line and before the first body line.
struct RequestComment {
    QString text; // without the leading `#`/`//` and one space
    int afterHeaders = 0;
    bool beforeBody = false;
    int line = 0;
    friend bool operator==(const RequestComment &a, const RequestComment &b)
    {
        return a.text == b.text && a.afterHeaders == b.afterHeaders && a.beforeBody == b.beforeBody;
    }
};

struct HeaderLine {
    QString name;
    QString value;
    int line = 0;
    friend bool operator==(const HeaderLine &a, const HeaderLine &b) { return a.name == b.name && a.value == b.value; }
};

// A `?? subject operator value` line (httpyac's assertions), as written; Assertions reads it.
struct AssertionLine {
    QString text;
    int line = 0;
};

// One request of a `.http` file, as written: variables are not resolved here.
struct HttpRequest {
    QString title; // text after `###`
    QString name; // `# @name`
    QList<Directive> directives; // every other `# @…` line, in order
    QStringList comments; // plain comment lines, without the leading `#`/`//` and one space
    QList<FileVariable> variables; // `@x = y` lines in this request's prelude
    // JetBrains pre-request scripts: `< {% … %}` and `< ./setup.js` lines between the prelude and
    // the request line, verbatim (HandlerBlocks splits them). Written back after the prelude.
    QString preRequestScripts;
    int preRequestLine = 0; // of its first line
    QString method = QStringLiteral("GET");
    QString target; // URL or path, continuation lines joined
    QString httpVersion; // "HTTP/1.1" when written, else empty
    QList<HeaderLine> headers;
    QList<RequestComment> innerComments; // between the request line, the headers and the body
    QString body; // text, `< file` lines kept as written; trailing blank lines dropped
    bool hasBody = false;
    QString handlers; // `> {% … %}`, `> file.js`, `>> out` lines after the body, verbatim
    int handlersLine = 0; // of its first line
    QList<AssertionLine> assertions; // the `??` lines among the handlers (also kept in `handlers`)
    int line = 0; // of the request line (1-based)
    int bodyLine = 0; // first body line

    bool hasDirective(const QString &directive) const;
    QString directive(const QString &directive) const;
    // The whole body is one `< path` line: the path, else empty.
    QString bodyFilePath() const;
    // @name, else the ### title, else "METHOD target".
    QString displayName() const;

    friend bool operator==(const HttpRequest &a, const HttpRequest &b)
    {
        return a.title == b.title && a.name == b.name && a.directives == b.directives && a.comments == b.comments
            && a.variables == b.variables && a.method == b.method && a.target == b.target
            && a.httpVersion == b.httpVersion && a.headers == b.headers && a.innerComments == b.innerComments
            && a.body == b.body && a.hasBody == b.hasBody && a.handlers == b.handlers
            && a.preRequestScripts == b.preRequestScripts;
    }
};

struct HttpFile {
    QStringList comments; // comment lines before the first request
    QList<FileVariable> variables; // `@x = y` before the first request
    QList<HttpRequest> requests;
    friend bool operator==(const HttpFile &a, const HttpFile &b)
    {
        return a.comments == b.comments && a.variables == b.variables && a.requests == b.requests;
    }
};

// A problem found in a file, pinned to 1-based line and column.
struct ParseIssue {
    QString file;
    int line = 0;
    int column = 0;
    QString message;
    bool warning = false;
    // False for errors in what a value says (an unknown {{$variable}}), not in the file's shape:
    // the writer may write those back unchanged.
    bool structural = true;
    QString toString() const; // "file:12:3: error: …"
};

struct ParseResult {
    HttpFile file;
    QList<ParseIssue> issues;
    bool hasErrors() const;
};

} // namespace verbscope::collections
