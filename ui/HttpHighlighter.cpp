// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/HttpHighlighter.h"

#include "ui/Theme.h"

#include <QPlainTextEdit>
#include <QRegularExpression>

// One line at a time, with the block state saying where the previous line left off: before a
// request line, in its headers, in its body or inside a `{% … %}` script.
namespace verbscope::ui {

namespace {
bool isComment(const QString &line)
{
    return line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1String("//"));
}

const QRegularExpression &fileLine()
{
    // `> ./check.js`, `>> out.json`, `>>! out.json`, `<> previous.json`, `< ./body.json`, `<@ ./t.json`
    static const QRegularExpression re(QStringLiteral("^(>>!|>>|<>|<@|<|>)\\s+(?!\\{%)(\\S.*)$"));
    return re;
}
} // namespace

HttpHighlighter::HttpHighlighter(QPlainTextEdit *editor)
    : QSyntaxHighlighter(editor->document())
    , m_editor(editor)
{
    Theme::follow(
        editor,
        [this] {
            updateFormats();
            rehighlight();
        },
        "httpHighlighter");
}

QTextCharFormat HttpHighlighter::format(Token token) const
{
    return m_formats.value(int(token));
}

void HttpHighlighter::updateFormats()
{
    const QPalette palette = m_editor->palette();
    auto make = [&](Theme::Role role, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(Theme::colors(role, palette).foreground);
        f.setFontWeight(bold ? QFont::Bold : QFont::Normal);
        f.setFontItalic(italic);
        return f;
    };
    m_formats[int(Token::Comment)] = make(Theme::Role::SyntaxComment, false, true);
    m_formats[int(Token::Directive)] = make(Theme::Role::SyntaxAttribute);
    m_formats[int(Token::RequestLine)] = make(Theme::Role::SyntaxKey, true);
    m_formats[int(Token::HeaderName)] = make(Theme::Role::SyntaxKey);
    m_formats[int(Token::ScriptMarker)] = make(Theme::Role::SyntaxTag, true);
    m_formats[int(Token::Script)] = make(Theme::Role::SyntaxString);
    m_formats[int(Token::FileLine)] = make(Theme::Role::SyntaxLiteral);
    m_formats[int(Token::AssertionMarker)] = make(Theme::Role::SyntaxTag, true);
    m_formats[int(Token::AssertionSubject)] = make(Theme::Role::SyntaxAttribute, true);
    m_formats[int(Token::AssertionOperator)] = make(Theme::Role::SyntaxNumber, true, true);
    m_formats[int(Token::Variable)] = make(Theme::Role::SyntaxVariable, true);
}

void HttpHighlighter::highlightBlock(const QString &text)
{
    if (m_formats.isEmpty())
        updateFormats();
    int state = previousBlockState() < 0 ? Prelude : previousBlockState();
    setCurrentBlockState(state);
    if (state == Script || state == PreScript) {
        highlightScript(text, 0, State(state));
        return;
    }
    const QString line = text.trimmed();
    if (line.startsWith(QLatin1String("###"))) {
        setFormat(0, int(text.size()), format(Token::Comment));
        setCurrentBlockState(Prelude);
        return;
    }
    if (line.startsWith(QLatin1String("> {%")) || line.startsWith(QLatin1String("< {%"))) {
        const qsizetype at = text.indexOf(QLatin1String("{%"));
        setFormat(0, int(at + 2), format(Token::ScriptMarker));
        // A pre-request script keeps the request line ahead; a handler ends the request's body.
        highlightScript(text, at + 2, line.startsWith(QLatin1Char('<')) ? PreScript : Script);
        if (currentBlockState() == Prelude && line.startsWith(QLatin1Char('>')))
            setCurrentBlockState(Body);
        return;
    }
    if (line.startsWith(QLatin1String("??"))) {
        highlightAssertion(text);
        return;
    }
    if (const QRegularExpressionMatch m = fileLine().match(text); m.hasMatch()) {
        setFormat(0, int(m.capturedLength(1)), format(Token::ScriptMarker));
        setFormat(int(m.capturedStart(2)), int(m.capturedLength(2)), format(Token::FileLine));
        highlightVariables(text);
        return;
    }
    switch (state) {
    case Prelude:
        if (line.isEmpty())
            return;
        if (isComment(line)) {
            static const QRegularExpression directive(QStringLiteral("^\\s*(#|//)\\s*(@[A-Za-z-]+)"));
            setFormat(0, int(text.size()), format(Token::Comment));
            if (const QRegularExpressionMatch m = directive.match(text); m.hasMatch())
                setFormat(int(m.capturedStart(2)), int(text.size() - m.capturedStart(2)), format(Token::Directive));
            return;
        }
        if (line.startsWith(QLatin1Char('@'))) { // @var = value
            setFormat(0, int(text.indexOf(QLatin1Char('='))), format(Token::Directive));
            highlightVariables(text);
            return;
        }
        setFormat(0, int(text.indexOf(QLatin1Char(' ')) < 0 ? text.size() : text.indexOf(QLatin1Char(' '))),
            format(Token::RequestLine));
        setCurrentBlockState(Headers);
        break;
    case Headers:
        if (line.isEmpty()) {
            setCurrentBlockState(Body);
            return;
        }
        if (isComment(line)) { // not sent: a comment between the request line, headers and body
            setFormat(0, int(text.size()), format(Token::Comment));
            return;
        }
        if (const qsizetype colon = text.indexOf(QLatin1Char(':')); colon > 0)
            setFormat(0, int(colon), format(Token::HeaderName));
        break;
    default: break;
    }
    highlightVariables(text);
}

// From `from` to a closing `%}` on this line, or to its end (the script goes on).
void HttpHighlighter::highlightScript(const QString &text, qsizetype from, State open)
{
    const qsizetype close = text.indexOf(QLatin1String("%}"), from);
    if (close < 0) {
        setFormat(int(from), int(text.size() - from), format(Token::Script));
        setCurrentBlockState(open);
        return;
    }
    setFormat(int(from), int(close - from), format(Token::Script));
    setFormat(int(close), 2, format(Token::ScriptMarker));
    // After a pre-request script the request line follows; after a handler, the next handler.
    setCurrentBlockState(open == PreScript ? Prelude : Body);
}

// `?? status == 200`, `?? header allow includes GET`, `?? body $.id exists`, `?? js response…`
void HttpHighlighter::highlightAssertion(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        "^(\\s*\\?\\?)\\s+(header\\s+\\S+|body\\s+\\S+|js\\s+\\S+|\\S+)(?:\\s+(==|!=|<=|>=|<|>|!?includes|!?contains|"
        "!?exists|!?isTrue|!?isFalse|!?startsWith|!?endsWith|!?matches|isNumber|isArray|isBoolean|isString|sha256|"
        "sha512|md5))?"));
    const QRegularExpressionMatch m = re.match(text);
    setFormat(0, int(m.hasMatch() ? m.capturedLength(1) : 2), format(Token::AssertionMarker));
    if (!m.hasMatch())
        return;
    setFormat(int(m.capturedStart(2)), int(m.capturedLength(2)), format(Token::AssertionSubject));
    if (m.capturedLength(3) > 0)
        setFormat(int(m.capturedStart(3)), int(m.capturedLength(3)), format(Token::AssertionOperator));
    highlightVariables(text);
}

void HttpHighlighter::highlightVariables(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("\\{\\{[^{}]*\\}\\}"));
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), format(Token::Variable));
    }
}

} // namespace verbscope::ui
