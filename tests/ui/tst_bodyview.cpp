// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BodyHighlighter.h"
#include "ui/BodyView.h"
#include "ui/TimingWaterfall.h"

#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryFile>
#include <QTest>

using verbscope::ui::BodyHighlighter;
using verbscope::ui::BodyView;

class tst_BodyView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void prettyPrintsJsonAndFinds()
    {
        BodyView v;
        v.show();
        v.setBody("{\"b\":[1,2],\"a\":\"x\"}", QString(), "application/json");
        QCOMPARE(v.mode(), BodyView::Mode::Pretty);
        QVERIFY2(v.text().contains(QLatin1String("\"b\": [\n")), qPrintable(v.text()));
        v.setMode(BodyView::Mode::Raw);
        QCOMPARE(v.text(), QStringLiteral("{\"b\":[1,2],\"a\":\"x\"}"));
        auto *find = v.findChild<QLineEdit *>(QStringLiteral("bodyFind"));
        find->setText(QStringLiteral("zzz"));
        v.findNext();
        QCOMPARE(v.findChild<QLabel *>(QStringLiteral("bodyFindStatus"))->text(), QStringLiteral("not found"));
        find->setText(QStringLiteral("\"a\""));
        v.findNext();
        QCOMPARE(v.findChild<QLabel *>(QStringLiteral("bodyFindStatus"))->text(), QString());
    }

    void prettyPrintsXml()
    {
        QCOMPARE(
            BodyView::prettyText("<a><b>1</b></a>", "application/xml"), QStringLiteral("<a>\n    <b>1</b>\n</a>\n"));
        QCOMPARE(BodyView::prettyText("not json {", "application/json"), QStringLiteral("not json {"));
    }

    void detectsLanguage()
    {
        QCOMPARE(BodyHighlighter::detect("application/problem+json", {}), BodyHighlighter::Language::Json);
        QCOMPARE(BodyHighlighter::detect("text/html; charset=utf-8", {}), BodyHighlighter::Language::Markup);
        QCOMPARE(BodyHighlighter::detect({}, "  [1]"), BodyHighlighter::Language::Json);
        QCOMPARE(BodyHighlighter::detect("text/plain", "hello"), BodyHighlighter::Language::None);
    }

    // A bare CR or an ESC must not reshape the text page: the notation of the terminal is used.
    void controlBytesInTheNotation()
    {
        BodyView v;
        v.setBody("HTTP/1.1 200 OK\r\rX: \x1b[31mred\\n\r\n", QString(), "text/plain");
        v.setMode(BodyView::Mode::Raw);
        QCOMPARE(v.text(), QStringLiteral("HTTP/1.1 200 OK\\r\\rX: \\x1b[31mred\\\\n\n"));
        v.setBody("{\"p\":\"a\\\\b\"}", QString(), "text/plain");
        v.setMode(BodyView::Mode::Raw);
        QCOMPARE(v.text(), QStringLiteral("{\"p\":\"a\\\\b\"}")); // clean text keeps its backslashes
    }

    void binaryBodiesOpenAsHex()
    {
        BodyView v;
        v.setBody(QByteArray("\x00\x01GIF", 5), QString(), "application/octet-stream");
        QCOMPARE(v.mode(), BodyView::Mode::Hex);
        QCOMPARE(v.text(), QStringLiteral("00000000  00 01 47 49 46                                    ..GIF\n"));
    }

    void largeFileIsShownInPart()
    {
        QTemporaryFile f;
        QVERIFY(f.open());
        const QByteArray line(1023, 'x');
        for (int i = 0; i < 3 * 1024; ++i)
            f.write(line + '\n');
        f.close();
        BodyView v;
        v.show();
        v.setBody({}, f.fileName(), "application/json");
        QVERIFY(v.isLarge());
        QCOMPARE(v.mode(), BodyView::Mode::Raw);
        QVERIFY(v.findChild<QFrame *>(QStringLiteral("largeBodyNotice"))->isVisible());
        QCOMPARE(v.text().size(), BodyView::PreviewBytes);
        // Forcing pretty-printing formats the whole file off the GUI thread.
        v.findChild<QPushButton *>(QStringLiteral("forcePretty"))->click();
        QCOMPARE(v.mode(), BodyView::Mode::Pretty);
        QTRY_COMPARE_WITH_TIMEOUT(v.text().size(), 3 * 1024 * 1024, 30000);
    }

    void waterfallBarsFollowTheMeasuredPhases()
    {
        verbscope::http::Timings t;
        t.connect = 1.0;
        t.sent = 1.5;
        t.firstByte = 4.0;
        t.total = 10.0;
        const auto bars = verbscope::ui::TimingWaterfall::barsFor(t, 0, QString());
        QCOMPARE(bars.size(), 4);
        QCOMPARE(bars.at(0).label, QStringLiteral("TCP connect"));
        QCOMPARE(bars.at(2).start, 1.5);
        QCOMPARE(bars.at(2).end, 4.0);
        QCOMPARE(bars.at(3).end, 10.0);
    }
};

QTEST_MAIN(tst_BodyView)
#include "tst_bodyview.moc"
