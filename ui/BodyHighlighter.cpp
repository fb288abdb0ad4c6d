// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BodyHighlighter.h"

#include <QColor>

namespace verbscope::ui {

namespace {
QTextCharFormat charFormat(const char *colour, bool bold = false)
{
    QTextCharFormat f;
    f.setForeground(QColor(QLatin1String(colour)));
    if (bold)
        f.setFontWeight(QFont::Bold);
    return f;
}
} // namespace

BodyHighlighter::BodyHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{ }

BodyHighlighter::~BodyHighlighter() = default;

void BodyHighlighter::setLanguage(Language language)
{
    if (language == m_language)
        return;
    m_language = language;
    buildRules();
    rehighlight();
}

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

void BodyHighlighter::buildRules()
{
    m_rules.clear();
    const auto add = [this](const char *re, const QTextCharFormat &f, int group = 0) {
        m_rules.append({ QRegularExpression(QLatin1String(re)), f, group });
    };
    switch (m_language) {
    case Language::None: break;
    case Language::Json:
        add(R"(-?\b\d+(\.\d+)?([eE][+-]?\d+)?\b)", charFormat("#b05a00"));
        add(R"(\b(true|false|null)\b)", charFormat("#8e44ad", true));
        add(R"("(?:[^"\\]|\\.)*")", charFormat("#1e8449"));
        add(R"(("(?:[^"\\]|\\.)*")\s*:)", charFormat("#1f4e9c", true), 1); // keys win over strings
        break;
    case Language::Markup:
        add(R"(</?[A-Za-z_][\w:.-]*|/?>)", charFormat("#1f4e9c", true));
        add(R"(\b([A-Za-z_][\w:.-]*)=)", charFormat("#b05a00"), 1);
        add(R"("[^"]*"|'[^']*')", charFormat("#1e8449"));
        add(R"(<!--.*?-->|<!\w[^>]*>|<\?.*?\?>)", charFormat("#7f8c8d"));
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
