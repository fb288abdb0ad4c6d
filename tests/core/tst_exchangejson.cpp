// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/ExchangeJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace verbscope::http;

namespace {
Exchange richExchange()
{
    Exchange ex;
    ex.fidelity = Fidelity::Wire;
    ex.startedAt = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 890), Qt::UTC);
    ex.request.method = "PROPFIND";
    ex.request.url = QStringLiteral("https://dav.test/a/b?x=1");
    ex.request.target = "/a/b?x=1";
    ex.request.headers
        = { { "Host", "dav.test" }, { "Depth", "1" }, { "X-Dup", "1" }, { "X-Dup", "2" }, { "X-Utf8", "caf\xc3\xa9" } };
    ex.request.bodySize = 12;
    ex.request.rawHead = "PROPFIND /a/b?x=1 HTTP/1.1\r\nHost: dav.test\r\n\r\n";
    ex.request.proxy = QStringLiteral("http://127.0.0.1:3128");
    ex.response.received = true;
    ex.response.head
        = { 207, "Multi-Status", QStringLiteral("1.1"), { { "Content-Type", "application/xml" }, { "Empty", "" } },
              "HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nEmpty: \r\n\r\n" };
    ex.response.informational = { { 100, "Continue", QStringLiteral("1.1"), {}, "HTTP/1.1 100 Continue\r\n\r\n" } };
    ex.response.body = QByteArray("\x00\xff binary", 9);
    ex.response.rawSize = 20;
    ex.response.decodedSize = 9;
    ex.response.contentEncoding = "gzip";
    ex.response.trailers = { { "X-Checksum", "abc" } };
    ex.response.bodyTruncated = true;
    ex.response.decodeError = QStringLiteral("stopped");
    Hop hop;
    hop.request.method = "PROPFIND";
    hop.request.url = QStringLiteral("https://dav.test/old");
    hop.request.headers = { { "Host", "dav.test" } };
    hop.response.received = true;
    hop.response.head = { 308, "Permanent Redirect", QStringLiteral("1.1"), { { "Location", "/a/b?x=1" } }, {} };
    hop.response.body = "moved";
    hop.timings.total = 3.25;
    hop.cookieNotes = { QStringLiteral("stored sid for dav.test / (host-only, session)") };
    ex.redirects << hop;
    ex.timings.dns = 0.125;
    ex.timings.tls = 4.5;
    ex.timings.sent = 5.0;
    ex.timings.firstByte = 7.0;
    ex.timings.total = 9.875;
    ex.tls.used = true;
    ex.tls.protocol = QStringLiteral("TLSv1.3");
    ex.tls.cipher = QStringLiteral("TLS_AES_128_GCM_SHA256");
    ex.tls.alpn = QStringLiteral("http/1.1");
    ex.tls.errors = { QStringLiteral("self-signed") };
    ex.tls.verificationDisabled = true;
    ex.tls.peerChain = { { QStringLiteral("CN=dav.test"), QStringLiteral("CN=Test CA"),
        QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC), QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC),
        QStringLiteral("AB:CD"), { QStringLiteral("dav.test") } } };
    ex.error = { ErrorKind::Closed, QStringLiteral("closed early") };
    ex.warnings = { QStringLiteral("a warning") };
    ex.cookieNotes = { QStringLiteral("sent sid from the jar") };
    return ex;
}
} // namespace

class tst_ExchangeJson final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripIsLossless()
    {
        const Exchange ex = richExchange();
        const QJsonObject json = exchangeToJson(ex);
        Exchange back;
        QString error;
        QVERIFY2(exchangeFromJson(json, back, &error), qPrintable(error));
        QCOMPARE(exchangeToJson(back), json);

        QCOMPARE(back.fidelity, Fidelity::Wire);
        QCOMPARE(back.startedAt, ex.startedAt);
        QCOMPARE(back.request.method, ex.request.method);
        QCOMPARE(back.request.headers, ex.request.headers); // order, duplicates, UTF-8
        QCOMPARE(back.request.target, ex.request.target);
        QCOMPARE(back.request.rawHead, ex.request.rawHead);
        QCOMPARE(back.request.proxy, ex.request.proxy);
        QCOMPARE(back.request.bodySize, 12);
        QCOMPARE(back.response.head.headers, ex.response.head.headers); // the empty value too
        QCOMPARE(back.response.head.rawHead, ex.response.head.rawHead);
        QCOMPARE(back.response.head.reason, QByteArray("Multi-Status"));
        QCOMPARE(back.response.informational.size(), 1);
        QCOMPARE(back.response.body, ex.response.body); // binary via base64
        QCOMPARE(back.response.trailers, ex.response.trailers);
        QCOMPARE(back.response.contentEncoding, QByteArray("gzip"));
        QVERIFY(back.response.bodyTruncated);
        QCOMPARE(back.redirects.size(), 1);
        QCOMPARE(back.redirects[0].response.body, QByteArray("moved"));
        QCOMPARE(*back.redirects[0].timings.total, 3.25);
        QVERIFY(!back.timings.connect);
        QCOMPARE(*back.timings.dns, 0.125);
        QCOMPARE(back.tls.peerChain.size(), 1);
        QCOMPARE(back.tls.peerChain[0].notAfter, ex.tls.peerChain[0].notAfter);
        QVERIFY(back.tls.verificationDisabled);
        QCOMPARE(back.error.kind, ErrorKind::Closed);
        QCOMPARE(back.warnings, ex.warnings);
        QCOMPARE(back.cookieNotes, ex.cookieNotes);
        QCOMPARE(back.redirects[0].cookieNotes, ex.redirects[0].cookieNotes);
    }

    void noAnswerStaysNoAnswer()
    {
        Exchange ex;
        ex.request.method = "GET";
        ex.request.url = QStringLiteral("http://127.0.0.1:1/");
        ex.error = { ErrorKind::Refused, QStringLiteral("refused") };
        Exchange back;
        QVERIFY(exchangeFromJson(exchangeToJson(ex), back));
        QVERIFY(!back.response.received);
        QVERIFY(!back.tls.used);
        QCOMPARE(back.error.kind, ErrorKind::Refused);
        QCOMPARE(exchangeToJson(back), exchangeToJson(ex));
    }

    void rejectsOtherDocuments()
    {
        Exchange back;
        QString error;
        QVERIFY(!exchangeFromJson(
            QJsonObject { { QStringLiteral("format"), QStringLiteral("verbscope.diagnosis/1") } }, back, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!exchangeFromJson(QJsonObject {}, back));
    }

    void errorKindNamesRoundTrip()
    {
        for (ErrorKind k :
            { ErrorKind::None, ErrorKind::Dns, ErrorKind::TooManyRedirects, ErrorKind::Io, ErrorKind::Other })
            QCOMPARE(errorKindFromName(errorKindName(k)), k);
    }

    // writeExchangeJson streams the body instead of building the document around it (a 256 MiB
    // body cost 1.9 GB with --json); the bytes must be exactly the ones Qt writes.
    void streamedWriterMatchesQt_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("decodeStopped");
        QTest::newRow("binary") << QByteArray("\x00\xff binary", 9) << false;
        QByteArray escapes;
        for (int c = 0; c < 0x80; ++c)
            escapes += char(c);
        escapes += "\"quoted\" back\\slash caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbb\xbf\x7f";
        QTest::newRow("every escape and UTF-8") << escapes << false;
        QTest::newRow("BOM first") << QByteArray("\xef\xbb\xbf{\"a\":1}") << false;
        // Three-byte characters across the 1 MiB slices of the writer and of isValidUtf8.
        QTest::newRow("3 MiB of multi-byte text") << QByteArray("a\xe2\x82\xac\n").repeated((3 << 20) / 5) << false;
        QTest::newRow("4 MiB of binary") << QByteArray("\x80\x01\x02", 3).repeated((4 << 20) / 3 + 1) << true;
        QTest::newRow("empty") << QByteArray() << false;
    }
    void streamedWriterMatchesQt()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, decodeStopped);
        Exchange ex = richExchange();
        ex.response.body = body;
        ex.response.decodeStopped = decodeStopped;
        QByteArray streamed;
        int pieces = 0;
        writeExchangeJson(ex, [&](QByteArrayView piece) {
            streamed += piece;
            ++pieces;
        });
        const QByteArray expected = QJsonDocument(exchangeToJson(ex)).toJson(QJsonDocument::Indented);
        QCOMPARE(streamed.size(), expected.size());
        QVERIFY(streamed == expected);
        if (body.size() > (2 << 20))
            QVERIFY(pieces > 3); // in slices, not one buffer
        QCOMPARE(QJsonDocument::fromJson(streamed)
                     .object()
                     .value(QStringLiteral("response"))
                     .toObject()
                     .value(QStringLiteral("decodeStopped"))
                     .toBool(),
            decodeStopped);
    }
};

QTEST_APPLESS_MAIN(tst_ExchangeJson)
#include "tst_exchangejson.moc"
