// SPDX-License-Identifier: GPL-3.0-or-later
// The .http highlighter gives each construct its own format over exactly its text: scripts over
// several lines, file lines, `??` subject and operator, comments inside a request.
#include "ui/HttpHighlighter.h"
#include "ui/Theme.h"

#include <QPlainTextEdit>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace verbscope::ui;
using Token = HttpHighlighter::Token;

namespace {
const char *const Sample = "### Create\n" // 0
                           "# @name create\n" // 1
                           "POST {{host}}/todos\n" // 2
                           "// not sent\n" // 3
                           "Content-Type: text/plain\n" // 4
                           "\n" // 5
                           "// CreateTodoListCommand\n" // 6 a body line: the body began
                           "> {%\n" // 7
                           "  client.test(\"ok\", function() {});\n" // 8
                           "%}\n" // 9
                           ">> ./out.json\n" // 10
                           "?? status == 201\n" // 11
                           "?? header allow includes GET\n" // 12
                           "<> ./previous.json\n" // 13
                           "###\n" // 14
                           "< {% request.variables.set(\"a\", 1) %}\n" // 15
                           "GET /x\n"; // 16

// The format's foreground at `column` of `line`, or an invalid colour when none is set there.
QTextCharFormat formatAt(QPlainTextEdit &edit, int line, int column)
{
    const QTextBlock block = edit.document()->findBlockByNumber(line);
    for (const QTextLayout::FormatRange &r : block.layout()->formats())
        if (column >= r.start && column < r.start + r.length)
            return r.format;
    return {};
}
} // namespace

class tst_HttpHighlighter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rangesHaveTheirFormats_data()
    {
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("token"); // -1: plain text
        QTest::newRow("separator") << 0 << 5 << int(Token::Comment);
        QTest::newRow("directive") << 1 << 3 << int(Token::Directive);
        QTest::newRow("method") << 2 << 1 << int(Token::RequestLine);
        QTest::newRow("variable") << 2 << 6 << int(Token::Variable);
        QTest::newRow("comment in a request") << 3 << 4 << int(Token::Comment);
        QTest::newRow("header name") << 4 << 2 << int(Token::HeaderName);
        QTest::newRow("header value") << 4 << 16 << -1;
        QTest::newRow("body line is not a comment") << 6 << 4 << -1;
        QTest::newRow("script opens") << 7 << 3 << int(Token::ScriptMarker);
        QTest::newRow("script body, next line") << 8 << 4 << int(Token::Script);
        QTest::newRow("script closes") << 9 << 0 << int(Token::ScriptMarker);
        QTest::newRow(">> marker") << 10 << 0 << int(Token::ScriptMarker);
        QTest::newRow(">> path") << 10 << 5 << int(Token::FileLine);
        QTest::newRow("?? marker") << 11 << 0 << int(Token::AssertionMarker);
        QTest::newRow("?? subject") << 11 << 4 << int(Token::AssertionSubject);
        QTest::newRow("?? operator") << 11 << 10 << int(Token::AssertionOperator);
        QTest::newRow("?? expected") << 11 << 13 << -1;
        QTest::newRow("?? header subject") << 12 << 12 << int(Token::AssertionSubject);
        QTest::newRow("?? includes") << 12 << 18 << int(Token::AssertionOperator);
        QTest::newRow("<> path") << 13 << 5 << int(Token::FileLine);
        QTest::newRow("pre-request script") << 15 << 8 << int(Token::Script);
        QTest::newRow("its closing marker") << 15 << 35 << int(Token::ScriptMarker);
        QTest::newRow("request after it") << 16 << 0 << int(Token::RequestLine);
    }
    void rangesHaveTheirFormats()
    {
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(int, token);
        QPlainTextEdit edit;
        auto *h = new HttpHighlighter(&edit);
        edit.setPlainText(QString::fromUtf8(Sample));
        const QTextCharFormat got = formatAt(edit, line, column);
        if (token < 0) {
            QVERIFY2(!got.hasProperty(QTextFormat::ForegroundBrush),
                qPrintable(edit.document()->findBlockByNumber(line).text()));
            return;
        }
        const QTextCharFormat want = h->format(Token(token));
        QVERIFY2(got.foreground() == want.foreground() && got.fontWeight() == want.fontWeight()
                && got.fontItalic() == want.fontItalic(),
            qPrintable(edit.document()->findBlockByNumber(line).text()));
    }

    // Formats that look the same would make the constructs indistinguishable.
    void formatsAreDistinctInBothThemes()
    {
        for (const QPalette &palette : { Theme::lightPalette(), Theme::darkPalette() }) {
            QPlainTextEdit edit;
            edit.setPalette(palette);
            HttpHighlighter h(&edit);
            h.rehighlight();
            const QList<Token> distinct { Token::Comment, Token::Directive, Token::ScriptMarker, Token::Script,
                Token::FileLine, Token::AssertionSubject, Token::AssertionOperator, Token::Variable };
            for (qsizetype i = 0; i < distinct.size(); ++i)
                for (qsizetype j = i + 1; j < distinct.size(); ++j) {
                    const QTextCharFormat a = h.format(distinct.at(i));
                    const QTextCharFormat b = h.format(distinct.at(j));
                    QVERIFY2(a.foreground() != b.foreground() || a.fontWeight() != b.fontWeight()
                            || a.fontItalic() != b.fontItalic(),
                        qPrintable(QStringLiteral("%1 and %2").arg(i).arg(j)));
                }
            for (const Token t : distinct)
                QVERIFY(Theme::contrastRatio(h.format(t).foreground().color(), palette.color(QPalette::Base)) >= 4.5);
        }
    }
};

QTEST_MAIN(tst_HttpHighlighter)
#include "tst_httphighlighter.moc"
