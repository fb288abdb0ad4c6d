// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>

namespace verbscope::ui {

// Colours JSON (keys, strings, numbers, literals) or markup (XML/HTML tags, attributes,
// comments) in a body view or editor. Line-based and regex-driven: cheap enough for the
// bodies that are pretty-printed at all (large ones are not).
class BodyHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyHighlighter)
public:
    enum class Language { None, Json, Markup };

    // With an editor, the colours follow its palette (a theme switch recolours the text).
    explicit BodyHighlighter(QTextDocument *document, QWidget *editor = nullptr);
    ~BodyHighlighter() override;

    void setLanguage(Language language);
    Language language() const { return m_language; }
    // Picks the language from a Content-Type value, or from the first bytes when it says nothing.
    static Language detect(const QByteArray &contentType, const QByteArray &body);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0;
    };
    void buildRules();

    QWidget *m_editor;
    Language m_language = Language::None;
    QList<Rule> m_rules;
};

} // namespace verbscope::ui
