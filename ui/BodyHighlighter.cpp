// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BodyHighlighter.h"

#include "ui/Theme.h"

#include <QApplication>
#include <QPointer>
#include <QWidget>

// Attached by BodyView and BodyEditor to their text documents; colours come from Theme roles only,
// never from literals, so both themes and the WCAG contrast rule apply.
namespace verbscope::ui {

BodyHighlighter::BodyHighlighter(QTextDocument *document, QWidget *editor)
    : QSyntaxHighlighter(document)
    , m_editor(editor)
{
    // Formats carry colours: rebuilt from the editor's palette when the theme changes.
    if (editor)
        Theme::follow(
            editor,
            [self = QPointer<BodyHighlighter>(this)] {
                if (self) {
                    self->buildRules();
                    self->rehighlight();
                }
            },
            "highlighter");
}

BodyHighlighter::~BodyHighlighter() = default;

void BodyHighlighter::setLanguage(Language language)
{
    if (language == m_language)
        return;
    m_language = language;
    buildRules();
    rehighlight();
}

// Content-Type first; when it is missing or generic (text/plain) the first bytes decide.
BodyHighlighter::Language BodyHighlighter::detect(const QByteArray &contentType, const QByteArray &body)
{
    const QByteArray type = contentType.toLower();
    if (type.contains("json"))
        return Language::Json;
    if (type.contains("xml") || type.contains("html"))
        return Language::Markup;
    const QByteArray start = body.left(256).trimmed();
    if (start.startsWith('{') || start.startsWith('['))
        return Language::Json;
    if (start.startsWith('<'))
        return Language::Markup;
    return Language::None;
}

// Rules are applied in order and a later match overwrites an earlier one in the same place, so the
// most specific rule (JSON keys, markup comments) comes last.
void BodyHighlighter::buildRules()
{
    m_rules.clear();
    const QPalette palette = m_editor ? m_editor->palette() : QApplication::palette();
    const auto charFormat = [&palette](Theme::Role role, bool bold = false) {
        QTextCharFormat f;
        f.setForeground(Theme::colors(role, palette).foreground);
        if (bold)
            f.setFontWeight(QFont::Bold);
        return f;
    };
    const auto add = [this](const char *re, const QTextCharFormat &f, int group = 0) {
        m_rules.append({ QRegularExpression(QLatin1String(re)), f, group });
    };
    using R = Theme::Role;
    switch (m_language) {
    case Language::None: break;
    case Language::Json:
        add(R"(-?\b\d+(\.\d+)?([eE][+-]?\d+)?\b)", charFormat(R::SyntaxNumber));
        add(R"(\b(true|false|null)\b)", charFormat(R::SyntaxLiteral, true));
        add(R"("(?:[^"\\]|\\.)*")", charFormat(R::SyntaxString));
        add(R"(("(?:[^"\\]|\\.)*")\s*:)", charFormat(R::SyntaxKey, true), 1); // keys win over strings
        break;
    case Language::Markup:
        add(R"(</?[A-Za-z_][\w:.-]*|/?>)", charFormat(R::SyntaxTag, true));
        add(R"(\b([A-Za-z_][\w:.-]*)=)", charFormat(R::SyntaxAttribute), 1);
        add(R"("[^"]*"|'[^']*')", charFormat(R::SyntaxString));
        add(R"(<!--.*?-->|<!\w[^>]*>|<\?.*?\?>)", charFormat(R::SyntaxComment));
        break;
    }
}

void BodyHighlighter::highlightBlock(const QString &text)
{
    if (text.size() > 20'000)
        return; // one enormous line (minified JSON): colouring it would stall the view
    for (const Rule &rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart(rule.group)), int(m.capturedLength(rule.group)), rule.format);
        }
    }
}

} // namespace verbscope::ui
