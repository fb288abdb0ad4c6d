// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HarWriter.h"
#include "tests/core/history/HarValidator.h"

#include <QTest>

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

    // No answer means no Content-Type: mimeType is present (required) and empty, never a
    // made-up placeholder; send/wait/receive are 0 and the unmeasured phases -1.
    void unansweredExchangeHasEmptyMimeTypeAndZeroTimings()
    {
        Exchange ex;
        ex.request.method = "GET";
        ex.request.url = QStringLiteral("http://h.test/");
        const QJsonObject entry = HarWriter::entries(ex, QStringLiteral("a note")).first().toObject();
        const QJsonObject content = entry[QStringLiteral("response")][QStringLiteral("content")].toObject();
        QVERIFY(content.contains(QStringLiteral("mimeType")));
        QCOMPARE(content[QStringLiteral("mimeType")].toString(), QString());
        QCOMPARE(entry[QStringLiteral("response")][QStringLiteral("status")].toInt(), 0);
        QVERIFY(!entry[QStringLiteral("response")].toObject().contains(QStringLiteral("_error")));
        QCOMPARE(entry[QStringLiteral("comment")].toString(), QStringLiteral("a note"));
        QCOMPARE(entry[QStringLiteral("time")].toDouble(), 0.0);
        const QJsonObject t = entry[QStringLiteral("timings")].toObject();
        for (const char *key : { "send", "wait", "receive" })
            QCOMPARE(t[QLatin1String(key)].toDouble(), 0.0);
        for (const char *key : { "blocked", "dns", "connect", "ssl" })
            QCOMPARE(t[QLatin1String(key)].toDouble(), -1.0);
        QVERIFY(verbscope::test::harProblems(HarWriter::log({ entry })).isEmpty());
    }

    void responseMimeTypeIsTheContentTypeValue_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("with charset") << QByteArray("text/html; charset=utf-8");
        QTest::newRow("none") << QByteArray();
    }
    void responseMimeTypeIsTheContentTypeValue()
    {
        QFETCH(QByteArray, contentType);
        Exchange ex;
        ex.request.method = "GET";
        ex.request.url = QStringLiteral("http://h.test/");
        ex.response.received = true;
        ex.response.head.status = 204;
        if (!contentType.isEmpty())
            ex.response.head.headers = { { "Content-Type", contentType } };
        const QJsonObject har = HarWriter::toHar({ ex });
        QVERIFY(verbscope::test::harProblems(har).isEmpty());
        QCOMPARE(har[QStringLiteral("log")][QStringLiteral("entries")][0][QStringLiteral("response")]
                    [QStringLiteral("content")][QStringLiteral("mimeType")]
                        .toString(),
            QString::fromLatin1(contentType));
    }

    // postData.text is required and has no encoding: a binary body is left out and said so.
    void postData_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("comment");
        QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9") << QStringLiteral("café") << false;
        QTest::newRow("binary") << QByteArray("\xff\xfe\x00", 3) << QString() << true;
    }
    void postData()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, text);
        QFETCH(bool, comment);
        Exchange ex;
        ex.request.method = "POST";
        ex.request.url = QStringLiteral("http://h.test/");
        ex.request.headers = { { "Content-Type", "application/octet-stream" } };
        ex.request.body = body;
        ex.request.bodySize = body.size();
        const QJsonObject post
            = HarWriter::entries(ex).first()[QStringLiteral("request")][QStringLiteral("postData")].toObject();
        QCOMPARE(post[QStringLiteral("mimeType")].toString(), QStringLiteral("application/octet-stream"));
        QVERIFY(post[QStringLiteral("text")].isString());
        QCOMPARE(post[QStringLiteral("text")].toString(), text);
        QCOMPARE(post.contains(QStringLiteral("comment")), comment);
    }

    void entriesOfAnExchangeWithRedirects()
    {
        Exchange ex;
        ex.request.method = "GET";
        ex.request.url = QStringLiteral("http://h.test/new");
        Hop hop;
        hop.request.method = "GET";
        hop.request.url = QStringLiteral("http://h.test/old");
        ex.redirects << hop << hop;
        const QJsonArray entries = HarWriter::entries(ex, QStringLiteral("final"));
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries[0][QStringLiteral("comment")].toString(), QStringLiteral("redirect hop"));
        QCOMPARE(entries[2][QStringLiteral("comment")].toString(), QStringLiteral("final"));
        QCOMPARE(HarWriter::toHar({ ex, ex })[QStringLiteral("log")][QStringLiteral("entries")].toArray().size(), 6);
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

    // A body the bomb guard left encoded is not passed off as the content (base64 of gzip bytes
    // under text/csv); a body cut at a limit says so (issue 18).
    void undecodedAndCutBodiesAreSaidSo()
    {
        Exchange ex;
        ex.startedAt = QDateTime(QDate(2026, 2, 1), QTime(10, 0), Qt::UTC);
        ex.request.method = "GET";
        ex.request.url = QStringLiteral("http://h.test/orders.csv");
        ex.response.received = true;
        ex.response.head = { 200, "OK", QStringLiteral("1.1"),
            { { "Content-Type", "text/csv" }, { "Content-Encoding", "gzip" } }, {} };
        ex.response.body = QByteArray("\x1f\x8b\x08\x00 raw gzip", 14);
        ex.response.rawSize = ex.response.decodedSize = 14;
        ex.response.contentEncoding = "gzip";
        ex.response.decodeStopped = true;
        ex.response.decodeError = QStringLiteral("decoding stopped: … decompression bomb …");
        QJsonObject content
            = HarWriter::entries(ex).first()[QStringLiteral("response")][QStringLiteral("content")].toObject();
        QVERIFY(!content.contains(QStringLiteral("text")));
        QVERIFY2(content.value(QStringLiteral("comment")).toString().startsWith(QLatin1String("body not included")),
            qPrintable(content.value(QStringLiteral("comment")).toString()));
        QVERIFY(verbscope::test::harProblems(HarWriter::toHar({ ex })).isEmpty());

        ex.response.decodeStopped = false;
        ex.response.contentEncoding.clear();
        ex.response.head.headers = { { "Content-Type", "text/csv" } };
        ex.response.body = "a,b\n1,2\n";
        ex.response.decodedSize = 1000;
        ex.response.bodyTruncated = true;
        content = HarWriter::entries(ex).first()[QStringLiteral("response")][QStringLiteral("content")].toObject();
        QCOMPARE(content.value(QStringLiteral("text")).toString(), QStringLiteral("a,b\n1,2\n"));
        QCOMPARE(content.value(QStringLiteral("comment")).toString(),
            QStringLiteral("text holds only the first 8 of the 1000 bytes of the body"));
    }
};

QTEST_APPLESS_MAIN(tst_HarWriter)
#include "tst_harwriter.moc"
