// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Diagnosis.h"
#include "core/history/SecretMasker.h"

#include <QTest>

using namespace verbscope::history;
using namespace verbscope::http;

class tst_SecretMasker final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void values_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("masked");
        QTest::newRow("bearer keeps scheme and last 4")
            << QByteArray("Authorization") << QByteArray("Bearer abcdefghijklmnopqrstuvwxyz")
            << QByteArray("Bearer ****wxyz");
        QTest::newRow("short token") << QByteArray("authorization") << QByteArray("Bearer abc123")
                                     << QByteArray("Bearer ****");
        QTest::newRow("basic fully") << QByteArray("Authorization") << QByteArray("Basic dXNlcjpwYXNzd29yZDEyMzQ1Njc4")
                                     << QByteArray("Basic ****");
        QTest::newRow("proxy") << QByteArray("Proxy-Authorization")
                               << QByteArray("Digest username=\"u\", response=\"0123456789abcdef\"")
                               << QByteArray("Digest ****def\"");
        QTest::newRow("bare token") << QByteArray("Authorization") << QByteArray("0123456789abcdefXYZW")
                                    << QByteArray("****XYZW");
        QTest::newRow("cookie") << QByteArray("Cookie") << QByteArray("a=1; sid=xyz; flag")
                                << QByteArray("a=****; sid=****; flag");
        QTest::newRow("set-cookie") << QByteArray("Set-Cookie") << QByteArray("sid=xyz; Path=/; HttpOnly")
                                    << QByteArray("sid=****; Path=/; HttpOnly");
        QTest::newRow("set-cookie merged by Qt")
            << QByteArray("set-cookie") << QByteArray("a=1; Secure\nb=2") << QByteArray("a=****; Secure\nb=****");
        QTest::newRow("other header untouched")
            << QByteArray("X-Api-Key") << QByteArray("plain") << QByteArray("plain");
    }
    void values()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, masked);
        QCOMPARE(SecretMasker::maskValue(name, value), masked);
    }

    void rawHeadKeepsEverythingElse()
    {
        const QByteArray head = "GET /authorization: HTTP/1.1\r\nHost: h\r\nAuthorization:  Bearer "
                                "abcdefghijklmnopqrstuvwxyz\r\ncookie: a=b\r\n\r\n";
        QCOMPARE(SecretMasker::maskRawHead(head),
            QByteArray("GET /authorization: HTTP/1.1\r\nHost: h\r\nAuthorization:  Bearer ****wxyz\r\ncookie: "
                       "a=****\r\n\r\n"));
    }

    void wholeExchangeAndDiagnosis()
    {
        verbscope::diagnosis::Diagnosis d;
        d.exchange.request.headers = { { "Cookie", "s=1" } };
        Hop hop;
        hop.request.headers = { { "Authorization", "Basic xyz" } };
        hop.response.head.headers = { { "Set-Cookie", "t=2" } };
        d.exchange.redirects << hop;
        verbscope::diagnosis::Check check;
        check.request.headers = { { "Cookie", "s=1" } };
        check.exchange.request.headers = { { "Cookie", "s=1" } };
        d.checks << check;
        verbscope::diagnosis::Suggestion s;
        s.request = RequestSpec {};
        s.request->headers = { { "Authorization", "Basic xyz" } };
        d.suggestions << s;
        SecretMasker::mask(d);
        QCOMPARE(d.exchange.request.headers[0].value, QByteArray("s=****"));
        QCOMPARE(d.exchange.redirects[0].request.headers[0].value, QByteArray("Basic ****"));
        QCOMPARE(d.exchange.redirects[0].response.head.headers[0].value, QByteArray("t=****"));
        QCOMPARE(d.checks[0].request.headers[0].value, QByteArray("s=****"));
        QCOMPARE(d.checks[0].exchange.request.headers[0].value, QByteArray("s=****"));
        QCOMPARE(d.suggestions[0].request->headers[0].value, QByteArray("Basic ****"));
    }
};

QTEST_APPLESS_MAIN(tst_SecretMasker)
#include "tst_secretmasker.moc"
