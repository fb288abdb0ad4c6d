// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Exchange.h"
#include "ui/ResponseView.h"

#include <QLabel>
#include <QTest>

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

class tst_ResponseView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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
