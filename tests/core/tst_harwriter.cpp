// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HarWriter.h"
#include "tests/core/history/HarValidator.h"

#include <QTest>

using namespace verbscope::history;
using namespace verbscope::http;

class tst_HarWriter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validStructureWithHopsAndErrors()
    {
        Exchange ok;
        ok.startedAt = QDateTime(QDate(2026, 2, 1), QTime(10, 0), Qt::UTC);
        ok.request.method = "POST";
        ok.request.url = QStringLiteral("http://h.test/form?a=1&b=two%20words");
        ok.request.headers = { { "Host", "h.test" }, { "Cookie", "s=1; t=2" }, { "Content-Type", "text/plain" } };
        ok.request.body = "hello";
        ok.request.bodySize = 5;
        Hop hop;
        hop.request.method = "POST";
        hop.request.url = QStringLiteral("http://h.test/old");
        hop.response.received = true;
        hop.response.head
            = { 307, "Temporary Redirect", QStringLiteral("1.1"), { { "Location", "/form?a=1&b=two%20words" } }, {} };
        hop.timings.sent = 1;
        hop.timings.firstByte = 2;
        hop.timings.total = 3;
        ok.redirects << hop;
        ok.response.received = true;
        ok.response.head = { 405, "Not Allowed Here", QStringLiteral("1.1"),
            { { "Content-Type", "application/json" }, { "Set-Cookie", "k=v; Path=/" } }, {} };
        ok.response.body = QByteArray("\xff\x00", 2);
        ok.response.rawSize = ok.response.decodedSize = 2;
        ok.timings.dns = 0.5;
        ok.timings.connect = 1.5;
        ok.timings.tls = 4.0;
        ok.timings.sent = 4.5;
        ok.timings.firstByte = 6.0;
        ok.timings.total = 11.0; // covers the hop's 3 ms too

        Exchange failed;
        failed.startedAt = ok.startedAt.addSecs(5);
        failed.request.method = "GET";
        failed.request.url = QStringLiteral("http://127.0.0.1:1/");
        failed.error = { ErrorKind::Refused, QStringLiteral("connection refused") };

        const QJsonObject har = HarWriter::toHar({ ok, failed });
        const QStringList problems = verbscope::test::harProblems(har);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const QJsonArray entries = har[QStringLiteral("log")][QStringLiteral("entries")].toArray();
        QCOMPARE(entries.size(), 3); // hop, final, failed
        QCOMPARE(entries[0][QStringLiteral("response")][QStringLiteral("redirectURL")].toString(),
            QStringLiteral("/form?a=1&b=two%20words"));
        const QJsonObject final = entries[1].toObject();
        QCOMPARE(final[QStringLiteral("response")][QStringLiteral("statusText")].toString(),
            QStringLiteral("Not Allowed Here"));
        QCOMPARE(final[QStringLiteral("response")][QStringLiteral("content")][QStringLiteral("encoding")].toString(),
            QStringLiteral("base64"));
        QCOMPARE(final[QStringLiteral("request")][QStringLiteral("queryString")][1][QStringLiteral("value")].toString(),
            QStringLiteral("two words"));
        QCOMPARE(final[QStringLiteral("request")][QStringLiteral("cookies")].toArray().size(), 2);
        QCOMPARE(final[QStringLiteral("request")][QStringLiteral("postData")][QStringLiteral("text")].toString(),
            QStringLiteral("hello"));
        QCOMPARE(final[QStringLiteral("response")][QStringLiteral("cookies")][0][QStringLiteral("name")].toString(),
            QStringLiteral("k"));
        const QJsonObject t = final[QStringLiteral("timings")].toObject();
        QCOMPARE(t[QStringLiteral("dns")].toDouble(), 0.5);
        QCOMPARE(t[QStringLiteral("connect")].toDouble(), 3.5); // TLS is inside connect in HAR
        QCOMPARE(t[QStringLiteral("ssl")].toDouble(), 2.5);
        QCOMPARE(t[QStringLiteral("send")].toDouble(), 0.5);
        QCOMPARE(t[QStringLiteral("wait")].toDouble(), 1.5);
        QCOMPARE(t[QStringLiteral("receive")].toDouble(), 2.0); // 11 - 3 (hop) - 6
        QCOMPARE(final[QStringLiteral("time")].toDouble(), 8.0);
        QCOMPARE(entries[2][QStringLiteral("response")][QStringLiteral("status")].toInt(), 0);
        QVERIFY(entries[2][QStringLiteral("response")][QStringLiteral("_error")].toString().contains(
            QLatin1String("refused")));
    }

    void validatorCatchesBrokenHar()
    {
        QJsonObject har = HarWriter::toHar({ Exchange {} });
        QVERIFY(verbscope::test::harProblems(har).isEmpty());
        QJsonObject log = har[QStringLiteral("log")].toObject();
        QJsonArray entries = log[QStringLiteral("entries")].toArray();
        QJsonObject e = entries[0].toObject();
        e.remove(QStringLiteral("cache"));
        entries[0] = e;
        log[QStringLiteral("entries")] = entries;
        har[QStringLiteral("log")] = log;
        QVERIFY(!verbscope::test::harProblems(har).isEmpty());
    }
};

QTEST_APPLESS_MAIN(tst_HarWriter)
#include "tst_harwriter.moc"
