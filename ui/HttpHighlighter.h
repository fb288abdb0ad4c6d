// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPlainTextEdit;

namespace verbscope::ui {

// Colours `.http` text as the JetBrains client, REST Client and httpyac read it: comment lines
// (also those inside a request), `# @directives`, `> {% … %}` and `< {% … %}` scripts over any
// number of lines, `> ./handler.js`, `>>`/`>>!`/`<>` file lines, `??` assertions (subject and
// operator apart) and {{variables}}. Follows the theme of the editor it is attached to.
class HttpHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpHighlighter)
public:
    // What a range of text is; each has its own format (tests read them back).
    enum class Token {
        Comment,
        Directive,
        RequestLine,
        HeaderName,
        ScriptMarker,
        Script,
        FileLine,
        AssertionMarker,
        AssertionSubject,
        AssertionOperator,
        Variable
    };
    explicit HttpHighlighter(QPlainTextEdit *editor);
    QTextCharFormat format(Token token) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    enum State { Prelude = 0, Headers, Body, Script, PreScript };
    void updateFormats();
    void highlightScript(const QString &text, qsizetype from, State open);
    void highlightAssertion(const QString &text);
    void highlightVariables(const QString &text);

    QPlainTextEdit *m_editor;
    QHash<int, QTextCharFormat> m_formats;
};

} // namespace verbscope::ui
