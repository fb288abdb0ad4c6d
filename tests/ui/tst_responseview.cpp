// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/ExchangeBuilder.h"
#include "ui/ResponseView.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QTest>
#include <QTreeWidget>

using namespace verbscope;

// What a server sent, as the response pane shows it: control bytes in the notation of
// docs/cli.md "Control bytes", never as they are.
class tst_ResponseView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void controlBytesInTheNotation()
    {
        http::Exchange ex = test::exchange()
                                .wire()
                                .request("GET", QStringLiteral("http://127.0.0.1:1/"))
                                .status(200)
                                .reason("OK\r\rX: \x1b[31mred")
                                .header("Location", "/a\x1b")
                                .body("b");
        ui::ResponseView view;
        view.showExchange(ex);
        const QString badge = view.findChild<QLabel *>(QStringLiteral("statusBadge"))->text();
        QCOMPARE(badge, QStringLiteral("200 OK\\r\\rX: \\x1b[31mred"));
        auto *hops = view.findChild<QTreeWidget *>(QStringLiteral("redirectHops"));
        QCOMPARE(hops->topLevelItem(0)->text(3), QStringLiteral("200 OK\\r\\rX: \\x1b[31mred"));
        QCOMPARE(hops->topLevelItem(0)->text(4), QStringLiteral("/a\\x1b"));
        const QString raw = view.findChild<QPlainTextEdit *>(QStringLiteral("rawReceived"))->toPlainText();
        QVERIFY2(raw.contains(QLatin1String("OK\\r\\rX: \\x1b[31mred")), qPrintable(raw));
        QVERIFY(!raw.contains(QChar(0x1b)));
    }
};

QTEST_MAIN(tst_ResponseView)
#include "tst_responseview.moc"
