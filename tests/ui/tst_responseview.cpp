// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Exchange.h"
#include "tests/support/ExchangeBuilder.h"
#include "ui/ResponseView.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QTest>
#include <QTreeWidget>

using namespace verbscope;
using namespace verbscope::http;
using verbscope::ui::ResponseView;

namespace {
Exchange csvExchange()
{
    Exchange ex;
    ex.fidelity = Fidelity::Wire;
    ex.response.received = true;
    ex.response.head
        = { 200, "OK", QStringLiteral("1.1"), { { "Content-Type", "text/csv" }, { "Content-Encoding", "gzip" } }, {} };
    ex.response.contentEncoding = "gzip";
    return ex;
}

QString metaOf(const ResponseView &view)
{
    return view.findChild<QLabel *>(QStringLiteral("responseMeta"))->text();
}
} // namespace

// The response pane: what a server sent, as it shows it.
class tst_ResponseView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Control bytes in the notation of docs/cli.md "Control bytes", never as they are.
    void controlBytesInTheNotation()
    {
        http::Exchange ex = test::exchange()
                                .wire()
                                .request("GET", QStringLiteral("http://127.0.0.1:1/"))
                                .status(200)
                                .reason("OK\r\rX: \x1b[31mred")
                                .header("Location", "/a\x1b")
                                .body("b");
        ResponseView view;
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

    // Issue 18: a body the bomb guard left encoded, or one cut at a limit, looked like any other
    // (gzip bytes in the hex view, sizes only). The line under the status says what is shown.
    void undecodedOrCutBodyIsSaidSo()
    {
        ResponseView view;
        Exchange ex = csvExchange();
        ex.response.body = QByteArray("\x1f\x8b\x08\x00 gzip", 9);
        ex.response.rawSize = ex.response.decodedSize = 9;
        ex.response.decodeStopped = true;
        ex.response.decodeError = QStringLiteral("decoding stopped: …");
        view.showExchange(ex);
        QVERIFY2(metaOf(view).contains(QLatin1String("not decoded: gzip shown as received")), qPrintable(metaOf(view)));

        ex = csvExchange();
        ex.response.body = QByteArray("not gzip");
        ex.response.rawSize = ex.response.decodedSize = 8;
        ex.response.decodeError = QStringLiteral("gzip data is invalid (incorrect header check)");
        view.showExchange(ex);
        QVERIFY2(metaOf(view).contains(QLatin1String("gzip data is invalid")), qPrintable(metaOf(view)));

        ex = csvExchange();
        ex.response.body = QByteArray(1024, 'a');
        ex.response.rawSize = 100;
        ex.response.decodedSize = 4096;
        ex.response.bodyTruncated = true;
        view.showExchange(ex);
        QVERIFY2(metaOf(view).contains(QLatin1String("only the first")), qPrintable(metaOf(view)));
        QVERIFY2(metaOf(view).contains(QLatin1String("decoded (gzip)")), qPrintable(metaOf(view)));
    }
};

QTEST_MAIN(tst_ResponseView)
#include "tst_responseview.moc"
