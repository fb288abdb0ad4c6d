// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/HttpFileWriter.h"

#include "core/collections/HandlerBlocks.h"

#include "core/collections/HttpFileParser.h"
#include "core/http/HttpSyntax.h"

#include <QRegularExpression>

#include <algorithm>

// Every line the writer puts out is one of: a `###` separator, a comment, a `@var = value`, a
// request line, a header, a body line or a handler line, and no value may turn into another kind.
// The rules below are HttpFileParser's, seen from the writing side; writeVerified() checks them
// against the parser itself.
namespace verbscope::collections {

namespace {

// What a commented-out request's lines start with: "#| @x = 1" reads back as the comment
// "| @x = 1", never as a directive, a variable or a separator.
const QLatin1String Quoted("#| ");

QString comment(const QString &c)
{
    return c.isEmpty() ? QStringLiteral("#") : QStringLiteral("# ") + c;
}

QString charName(QChar c)
{
    switch (c.unicode()) {
    case '\r': return QStringLiteral("CR");
    case '\n': return QStringLiteral("LF");
    case 0: return QStringLiteral("NUL");
    case '\t': return QStringLiteral("TAB");
    case ' ': return QStringLiteral("space");
    default: return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
    }
}

// "LF at character 2", 1-based as a user counts.
QString at(const QString &s, qsizetype i)
{
    return QStringLiteral("%1 at character %2").arg(charName(s.at(i))).arg(i + 1);
}

qsizetype indexOfAny(const QString &s, const QString &chars)
{
    for (qsizetype i = 0; i < s.size(); ++i)
        if (chars.contains(s.at(i)))
            return i;
    return -1;
}

const QString Breaks = QStringLiteral("\r\n");
const QString BreaksAndNul = QStringLiteral("\r\n") + QChar(0);

// "a line break (LF at character 2)" or "a NUL (NUL at character 5)".
QString describe(const QString &s, qsizetype i)
{
    const bool isBreak = s.at(i) == QLatin1Char('\r') || s.at(i) == QLatin1Char('\n');
    return QStringLiteral("%1 (%2)").arg(isBreak ? QStringLiteral("a line break") : QStringLiteral("a NUL"), at(s, i));
}

QStringList breakLines(const QString &s)
{
    static const QRegularExpression lineBreak(QStringLiteral("\\r\\n|\\r|\\n"));
    return s.split(lineBreak);
}

QString showBreaks(QString s)
{
    return s.replace(QLatin1Char('\r'), QLatin1String("\\r")).replace(QLatin1Char('\n'), QLatin1String("\\n"));
}

// HttpFileParser's rules: a comment whose text starts with "@x" is a directive; these lines end a
// body and are response handlers.
bool readsAsDirective(const QString &commentText)
{
    const QString t = commentText.trimmed();
    return t.startsWith(QLatin1Char('@')) && t.size() > 1 && !t.at(1).isSpace();
}

bool isHandlerLine(const QString &s)
{
    return s.startsWith(QLatin1String("?? ")) || s == QLatin1String("??") || s.startsWith(QLatin1String("> "))
        || s.startsWith(QLatin1String(">> ")) || s.startsWith(QLatin1String(">>! "))
        || s.startsWith(QLatin1String("<> ")) || s == QLatin1String(">");
}

bool isComment(const QString &s)
{
    const QString t = s.trimmed();
    return t.startsWith(QLatin1Char('#')) || t.startsWith(QLatin1String("//"));
}

bool isVersion(const QString &s)
{
    static const QRegularExpression version(QStringLiteral("\\AHTTP/\\d(\\.\\d)?\\z"));
    return version.match(s).hasMatch();
}

bool isVariableName(const QString &s)
{
    static const QRegularExpression name(QStringLiteral("\\A[A-Za-z0-9_.$-]+\\z"));
    return name.match(s).hasMatch();
}

const QRegularExpression &reference()
{
    static const QRegularExpression re(QStringLiteral("\\{\\{[^{}\\n]*\\}\\}"));
    return re;
}

// The comment lines a comment becomes: one per line, a would-be directive behind a backslash.
QStringList commentLines(const QString &c, const QString &what, QStringList &notes)
{
    QStringList lines = breakLines(c);
    if (lines.size() > 1)
        notes << QStringLiteral("%1 has %2; written as %3 comment lines")
                     .arg(what, describe(c, indexOfAny(c, Breaks)))
                     .arg(lines.size());
    for (QString &l : lines)
        if (readsAsDirective(l)) {
            notes << QStringLiteral("%1 \"%2\" would be read as a directive; written as \"\\%2\"")
                         .arg(what, HttpFileWriter::shown(l));
            l.prepend(QLatin1Char('\\'));
        }
    return lines;
}

// A problem of `@name = value`, else empty.
QString variableProblem(const FileVariable &v)
{
    if (!isVariableName(v.name))
        return QStringLiteral("variable \"%1\" is not a variable name (letters, digits and _ . $ -)")
            .arg(HttpFileWriter::shown(v.name));
    if (const qsizetype i = indexOfAny(v.value, Breaks); i >= 0)
        return QStringLiteral("variable @%1 has %2 in its value").arg(v.name, describe(v.value, i));
    return {};
}

// Body and handler text: CRLF becomes LF (the syntax has no way to keep it), a lone CR is refused
// (other tools end a line there), trailing blank lines go (the parser drops them).
QString textLines(const QString &text, const QString &what, QStringList &notes, QStringList &blocks)
{
    QString t = text;
    t.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    if (t != text)
        notes << QStringLiteral("%1: CRLF line ends are written as LF (the .http syntax does not keep them)").arg(what);
    if (const qsizetype cr = t.indexOf(QLatin1Char('\r')); cr >= 0)
        blocks << QStringLiteral("%1 has a carriage return without a line feed (%2)").arg(what, at(t, cr));
    QStringList lines = t.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.constLast().trimmed().isEmpty())
        lines.removeLast();
    if (lines.size() != t.split(QLatin1Char('\n')).size() && !lines.isEmpty())
        notes << QStringLiteral("%1: trailing line breaks are not kept by the .http syntax").arg(what);
    if (lines.isEmpty() && !t.isEmpty())
        notes << QStringLiteral("%1 has only blank lines; written as none").arg(what);
    return lines.join(QLatin1Char('\n'));
}

// The request as it will read back, what was changed on the way, and what forbids writing it.
struct Plan {
    HttpRequest expected;
    QStringList notes;
    QStringList blocks;
};

// Pre-request scripts stand before the request line, so unlike handlers they do not run to the end
// of the block: outside `{% … %}` every line must be a `< ` line, or an imported value could add a
// request line, a header or a directive of its own.
void planPreRequest(const HttpRequest &r, Plan &p)
{
    HttpRequest &e = p.expected;
    e.preRequestScripts = textLines(r.preRequestScripts, QStringLiteral("the pre-request script"), p.notes, p.blocks);
    bool inScript = false;
    const QStringList lines = e.preRequestScripts.split(QLatin1Char('\n'));
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString &l = lines.at(n);
        if (l.startsWith(QLatin1String("###")))
            p.blocks << QStringLiteral("pre-request script line %1 \"%2\" would start a new request (a ### separator)")
                            .arg(n + 1)
                            .arg(HttpFileWriter::shown(l));
        else if (inScript)
            inScript = !l.contains(QLatin1String("%}"));
        else if (!l.startsWith(QLatin1String("< ")) || l.mid(2).trimmed().isEmpty())
            p.blocks << QStringLiteral("pre-request script line %1 \"%2\" is not a \"< {% … %}\" or \"< file.js\" line")
                            .arg(n + 1)
                            .arg(HttpFileWriter::shown(l));
        else if (const QString rest = l.mid(2).trimmed(); rest.startsWith(QLatin1String("{%")))
            inScript = !rest.mid(2).contains(QLatin1String("%}"));
    }
    if (inScript)
        p.blocks << QStringLiteral("the pre-request script has a {% without its %}");
}

void planHeaders(const HttpRequest &r, Plan &p)
{
    for (qsizetype n = 0; n < r.headers.size(); ++n) {
        const HeaderLine &h = r.headers.at(n);
        const QString which = QStringLiteral("header %1 \"%2\"").arg(n + 1).arg(HttpFileWriter::shown(h.name));
        // A name built from {{variables}} is checked at send time; its literal parts are checked now.
        QString literal = h.name;
        bool refsOk = true;
        for (auto it = reference().globalMatch(h.name); it.hasNext();)
            refsOk = refsOk && indexOfAny(it.next().captured(), QStringLiteral(":\r\n") + QChar(0)) < 0;
        literal.remove(reference());
        bool nameOk = refsOk && !h.name.isEmpty() && !h.name.startsWith(QLatin1Char('#'));
        for (const QChar c : std::as_const(literal))
            nameOk = nameOk && c.unicode() < 0x80 && http::isTokenChar(char(c.unicode()));
        if (!nameOk) {
            const qsizetype bad = indexOfAny(h.name, BreaksAndNul);
            p.blocks << (bad >= 0 ? QStringLiteral("%1 has %2 in its name").arg(which, describe(h.name, bad))
                                  : QStringLiteral("%1 is not a header name (RFC 9110 token)").arg(which));
        }
        if (const qsizetype bad = indexOfAny(h.value, BreaksAndNul); bad >= 0)
            p.blocks << QStringLiteral("%1 has %2 in its value").arg(which, describe(h.value, bad));
        const QString value = h.value.trimmed();
        if (value != h.value)
            p.notes << QStringLiteral("%1: spaces around the value are not kept (HTTP ignores them)").arg(which);
        p.expected.headers.append({ h.name, value, 0 });
    }
}

Plan plan(const HttpRequest &r)
{
    Plan p;
    HttpRequest &e = p.expected;
    if (const qsizetype i = indexOfAny(r.title, Breaks); i >= 0)
        p.notes << QStringLiteral("the title has %1; written on one line with the break shown as \\n")
                       .arg(describe(r.title, i));
    e.title = showBreaks(r.title).trimmed();
    for (qsizetype n = 0; n < r.comments.size(); ++n)
        e.comments += commentLines(r.comments.at(n), QStringLiteral("comment %1").arg(n + 1), p.notes);
    if (const qsizetype i = indexOfAny(r.name, Breaks); i >= 0)
        p.blocks << QStringLiteral("@name has %1").arg(describe(r.name, i));
    e.name = r.name.trimmed();
    for (const Directive &d : r.directives) {
        bool keyOk = !d.name.isEmpty() && d.name != QLatin1String("name");
        for (const QChar c : d.name)
            keyOk = keyOk && !c.isSpace();
        if (!keyOk)
            p.blocks << QStringLiteral("directive \"@%1\" is not a directive name").arg(HttpFileWriter::shown(d.name));
        else if (const qsizetype i = indexOfAny(d.value, Breaks); i >= 0)
            p.blocks << QStringLiteral("directive @%1 has %2 in its value").arg(d.name, describe(d.value, i));
        e.directives.append({ d.name, d.value.trimmed() });
    }
    for (const FileVariable &v : r.variables) {
        if (const QString problem = variableProblem(v); !problem.isEmpty())
            p.blocks << problem;
        else if (v.value.trimmed() != v.value)
            p.notes << QStringLiteral("variable @%1: spaces around the value are not kept").arg(v.name);
        e.variables.append({ v.name, v.value.trimmed(), 0 });
    }
    if (const QString problem = http::checkMethod(r.method.toUtf8()); !problem.isEmpty())
        p.blocks << problem;
    else if (r.method.startsWith(QLatin1Char('#')))
        p.blocks << QStringLiteral("method \"%1\" starts with #, which makes the line a comment").arg(r.method);
    e.method = r.method;
    static const QRegularExpression space(QStringLiteral("\\s"));
    if (r.target.isEmpty())
        p.blocks << QStringLiteral("the target is empty");
    else if (const qsizetype i = indexOfAny(r.target, BreaksAndNul); i >= 0)
        p.blocks << QStringLiteral("the target has %1").arg(describe(r.target, i));
    else if (const QRegularExpressionMatch m = space.match(QString(r.target).remove(reference())); m.hasMatch())
        p.blocks << QStringLiteral("the target \"%1\" has whitespace (%2), which would end the request line")
                        .arg(HttpFileWriter::shown(r.target), charName(m.captured().at(0)));
    else if (isVersion(r.target))
        p.blocks << QStringLiteral("the target \"%1\" reads as an HTTP version").arg(r.target);
    e.target = r.target;
    if (!r.httpVersion.isEmpty() && !isVersion(r.httpVersion))
        p.blocks << QStringLiteral("the HTTP version \"%1\" is not HTTP/x or HTTP/x.y")
                        .arg(HttpFileWriter::shown(r.httpVersion));
    e.httpVersion = r.httpVersion;
    planHeaders(r, p);
    for (qsizetype n = 0; n < r.innerComments.size(); ++n) {
        const RequestComment &c = r.innerComments.at(n);
        const int after = c.beforeBody ? int(r.headers.size())
                                       : int(std::clamp(qsizetype(c.afterHeaders), qsizetype(0), r.headers.size()));
        const QStringList lines = breakLines(c.text);
        if (lines.size() > 1)
            p.notes << QStringLiteral("comment %1 inside the request has %2; written as %3 comment lines")
                           .arg(n + 1)
                           .arg(describe(c.text, indexOfAny(c.text, Breaks)))
                           .arg(lines.size());
        for (const QString &l : lines)
            e.innerComments.append({ l, after, c.beforeBody, 0 });
    }
    // In the order they will read back: by place, then as given.
    std::stable_sort(
        e.innerComments.begin(), e.innerComments.end(), [](const RequestComment &a, const RequestComment &b) {
            return std::pair(a.beforeBody, a.afterHeaders) < std::pair(b.beforeBody, b.afterHeaders);
        });
    if (r.hasBody) {
        e.body = textLines(r.body, QStringLiteral("the body"), p.notes, p.blocks);
        const QStringList lines = e.body.split(QLatin1Char('\n'));
        for (qsizetype n = 0; n < lines.size(); ++n) {
            const QString &l = lines.at(n);
            if (n == 0 && isComment(l))
                p.blocks << QStringLiteral("body line 1 \"%1\" would be read as a comment (a body cannot start with "
                                           "# or //)")
                                .arg(HttpFileWriter::shown(l));
            else if (l.startsWith(QLatin1String("###")))
                p.blocks << QStringLiteral("body line %1 \"%2\" would start a new request (a ### separator)")
                                .arg(n + 1)
                                .arg(HttpFileWriter::shown(l));
            else if (isHandlerLine(l))
                p.blocks << QStringLiteral("body line %1 \"%2\" would be read as a response handler and end the body")
                                .arg(n + 1)
                                .arg(HttpFileWriter::shown(l));
        }
        e.hasBody = !e.body.isEmpty();
    }
    if (!r.preRequestScripts.isEmpty())
        planPreRequest(r, p);
    if (!r.handlers.isEmpty()) {
        e.handlers = textLines(r.handlers, QStringLiteral("the response handler"), p.notes, p.blocks);
        const QStringList lines = e.handlers.split(QLatin1Char('\n'));
        if (!e.handlers.isEmpty() && !isHandlerLine(lines.constFirst()))
            p.blocks << QStringLiteral("the response handler does not start with \"> \", \">> \", \"<> \" or \"?? \"");
        for (qsizetype n = 1; n < lines.size(); ++n)
            if (lines.at(n).startsWith(QLatin1String("###")))
                p.blocks << QStringLiteral("handler line %1 \"%2\" would start a new request (a ### separator)")
                                .arg(n + 1)
                                .arg(HttpFileWriter::shown(lines.at(n)));
    }
    // A script block the parser would refuse (text after `%}`, a `{%` never closed) is not written
    // as one: the file would not read back (found by fuzz_httpfile).
    if (p.blocks.isEmpty() && (!e.handlers.isEmpty() || !e.preRequestScripts.isEmpty())) {
        HttpRequest probe;
        probe.handlers = e.handlers;
        probe.preRequestScripts = e.preRequestScripts;
        probe.handlersLine = 1;
        probe.preRequestLine = 1;
        for (const HandlerParse &parse : { HandlerBlocks::ofHandlers(probe), HandlerBlocks::ofPreRequest(probe) })
            for (const ParseIssue &i : parse.issues)
                if (!i.warning)
                    p.blocks << QStringLiteral("script line %1: %2").arg(i.line).arg(i.message);
    }
    return p;
}

// The request's lines after its title: the prelude, the request line, headers, body, handlers.
QStringList requestLines(const HttpRequest &r)
{
    QStringList out;
    for (const QString &c : r.comments)
        out << comment(c);
    if (!r.name.isEmpty())
        out << QStringLiteral("# @name ") + r.name;
    for (const Directive &d : r.directives)
        out << (d.value.isEmpty() ? QStringLiteral("# @") + d.name : QStringLiteral("# @%1 %2").arg(d.name, d.value));
    for (const FileVariable &v : r.variables)
        out << QStringLiteral("@%1 = %2").arg(v.name, v.value);
    if (!r.preRequestScripts.isEmpty())
        out << r.preRequestScripts;
    out << r.method + QLatin1Char(' ') + r.target
            + (r.httpVersion.isEmpty() ? QString() : QString(QLatin1Char(' ') + r.httpVersion));
    auto comments = [&](qsizetype afterHeaders, bool beforeBody) {
        for (const RequestComment &c : r.innerComments)
            if (c.beforeBody == beforeBody
                && (beforeBody
                    || std::clamp(qsizetype(c.afterHeaders), qsizetype(0), r.headers.size()) == afterHeaders))
                out << comment(c.text);
    };
    comments(0, false);
    for (qsizetype n = 0; n < r.headers.size(); ++n) {
        out << r.headers.at(n).name + QStringLiteral(": ") + r.headers.at(n).value;
        comments(n + 1, false);
    }
    bool bodyComments = false;
    for (const RequestComment &c : r.innerComments)
        bodyComments = bodyComments || c.beforeBody;
    if (r.hasBody || bodyComments)
        out << QString();
    comments(0, true);
    if (r.hasBody)
        out << r.body;
    if (!r.handlers.isEmpty())
        out << QString() << r.handlers;
    return out;
}

// The request's lines as they would be without any check: what a commented-out block shows.
QStringList rawLines(const HttpRequest &r)
{
    return breakLines(requestLines(r).join(QLatin1Char('\n')));
}

void quote(const QStringList &lines, QStringList &out)
{
    for (const QString &l : lines)
        out << (l.isEmpty() ? QStringLiteral("#|") : Quoted + l);
}

// A request that passed plan(): its normalised values, which cannot change the structure.
void writeRequest(const HttpRequest &e, QStringList &out)
{
    out << (e.title.isEmpty() ? QStringLiteral("###") : QStringLiteral("### ") + e.title);
    out << requestLines(e);
    out << QString();
}

HttpFileWriter::Written render(const HttpFile &file)
{
    HttpFileWriter::Written w;
    QStringList out;
    QStringList notes;
    for (qsizetype n = 0; n < file.comments.size(); ++n)
        for (const QString &l : commentLines(file.comments.at(n), QStringLiteral("file comment %1").arg(n + 1), notes))
            out << comment(l);
    for (const QString &n : std::as_const(notes))
        w.warnings << n;
    for (const FileVariable &v : file.variables) {
        if (const QString problem = variableProblem(v); !problem.isEmpty()) {
            out << QStringLiteral("# Not written as a variable: ") + showBreaks(problem);
            quote(breakLines(QStringLiteral("@%1 = %2").arg(v.name, v.value)), out);
            w.commented << problem + QStringLiteral("; written as a comment");
            w.warnings << w.commented.constLast();
            continue;
        }
        if (v.value.trimmed() != v.value)
            w.warnings << QStringLiteral("variable @%1: spaces around the value are not kept").arg(v.name);
        w.expected.variables.append({ v.name, v.value.trimmed(), 0 });
        out << QStringLiteral("@%1 = %2").arg(v.name, v.value.trimmed());
    }
    if (!out.isEmpty())
        out << QString();

    for (const HttpRequest &r : file.requests) {
        const QString who = HttpFileWriter::shown(r.displayName());
        const Plan p = plan(r);
        if (!p.blocks.isEmpty()) {
            const QString title = showBreaks(r.title).trimmed();
            out << (title.isEmpty() ? QStringLiteral("###") : QStringLiteral("### ") + title);
            out << QStringLiteral("# Not written as a request: ") + showBreaks(p.blocks.join(QStringLiteral("; ")));
            quote(rawLines(r), out);
            out << QString();
            for (const QString &b : p.blocks) {
                w.commented << QStringLiteral("%1: %2; written as a comment so nothing is sent that the source did "
                                              "not say")
                                   .arg(who, b);
                w.warnings << w.commented.constLast();
            }
            continue;
        }
        for (const QString &n : p.notes)
            w.warnings << who + QStringLiteral(": ") + n;
        writeRequest(p.expected, out);
        w.expected.requests.append(p.expected);
    }
    w.text = out.join(QLatin1Char('\n'));
    return w;
}

QString firstDifference(const HttpRequest &a, const HttpRequest &b)
{
    const QList<QPair<bool, const char *>> fields { { a.title == b.title, "title" }, { a.name == b.name, "@name" },
        { a.directives == b.directives, "directives" }, { a.comments == b.comments, "comments" },
        { a.variables == b.variables, "variables" }, { a.method == b.method, "method" },
        { a.target == b.target, "target" }, { a.httpVersion == b.httpVersion, "HTTP version" },
        { a.headers == b.headers, "headers" }, { a.innerComments == b.innerComments, "comments inside the request" },
        { a.body == b.body && a.hasBody == b.hasBody, "body" }, { a.handlers == b.handlers, "response handler" },
        { a.preRequestScripts == b.preRequestScripts, "pre-request script" } };
    for (const auto &f : fields)
        if (!f.first)
            return QString::fromLatin1(f.second);
    return QStringLiteral("content");
}

} // namespace

// The text must read back, with no error, to exactly the requests and variables meant.
QString HttpFileWriter::verify(const QString &text, const HttpFile &expected)
{
    const ParseResult back = HttpFileParser::parse(text);
    for (const ParseIssue &i : back.issues)
        if (!i.warning && i.structural)
            return QStringLiteral("the written text does not parse (line %1: %2)").arg(i.line).arg(i.message);
    if (back.file.variables != expected.variables)
        return QStringLiteral("the file variables do not read back as written");
    if (back.file.requests.size() != expected.requests.size())
        return QStringLiteral("%1 request(s) were written but %2 read back")
            .arg(expected.requests.size())
            .arg(back.file.requests.size());
    for (qsizetype i = 0; i < expected.requests.size(); ++i) {
        const HttpRequest &want = expected.requests.at(i);
        if (back.file.requests.at(i) != want)
            return QStringLiteral("request %1 \"%2\" does not read back as written (%3)")
                .arg(i + 1)
                .arg(shown(want.displayName()), firstDifference(want, back.file.requests.at(i)));
    }
    return {};
}

QString HttpFileWriter::shown(const QString &value)
{
    QString s;
    for (const QChar c : value) {
        if (c == QLatin1Char('\r'))
            s += QLatin1String("\\r");
        else if (c == QLatin1Char('\n'))
            s += QLatin1String("\\n");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f || (c.unicode() >= 0x80 && c.unicode() < 0xa0)
            || c.unicode() == 0x2028 || c.unicode() == 0x2029)
            s += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            s += c;
    }
    return s;
}

QList<HttpFileWriter::Hazard> HttpFileWriter::hazards(const HttpRequest &request)
{
    const Plan p = plan(request);
    QList<Hazard> all;
    for (const QString &b : p.blocks)
        all.append({ b, true });
    for (const QString &n : p.notes)
        all.append({ n, false });
    return all;
}

QStringList HttpFileWriter::httpyacCaveats(const HttpFile &file)
{
    static const QStringList known { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
        QStringLiteral("DELETE"), QStringLiteral("PATCH"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS"),
        QStringLiteral("CONNECT"), QStringLiteral("TRACE"), QStringLiteral("PROPFIND"), QStringLiteral("PROPPATCH"),
        QStringLiteral("MKCOL"), QStringLiteral("COPY"), QStringLiteral("MOVE"), QStringLiteral("LOCK"),
        QStringLiteral("UNLOCK"), QStringLiteral("CHECKOUT"), QStringLiteral("CHECKIN"), QStringLiteral("REPORT"),
        QStringLiteral("MERGE"), QStringLiteral("MKACTIVITY"), QStringLiteral("MKWORKSPACE"),
        QStringLiteral("VERSION-CONTROL"), QStringLiteral("BASELINE-CONTROL"), QStringLiteral("MKCALENDAR"),
        QStringLiteral("ACL"), QStringLiteral("SEARCH") };
    QStringList notes;
    for (const HttpRequest &r : file.requests)
        if (!known.contains(r.method))
            notes << QStringLiteral("%1: httpyac only runs its own list of upper-case methods; \"%2\" is read by it "
                                    "as part of the URL (VerbScope and the JetBrains client send it)")
                         .arg(shown(r.displayName()), shown(r.method));
    return notes;
}

QString HttpFileWriter::write(const HttpFile &file, QStringList *warnings)
{
    const Written w = render(file);
    if (warnings)
        *warnings += w.warnings;
    return w.text;
}

HttpFileWriter::Written HttpFileWriter::writeVerified(const HttpFile &file)
{
    Written w = render(file);
    w.error = verify(w.text, w.expected);
    return w;
}

} // namespace verbscope::collections
