// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpSyntax.h"
#include "core/http/RequestSpec.h"

#include <QTest>

using namespace verbscope::http;

class tst_HttpSyntax final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void method_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("error"); // substring expected in the error, empty = valid
        QTest::newRow("GET") << QByteArray("GET") << QString();
        QTest::newRow("lower get kept") << QByteArray("get") << QString();
        QTest::newRow("PROPFIND") << QByteArray("PROPFIND") << QString();
        QTest::newRow("custom FOO") << QByteArray("FOO") << QString();
        QTest::newRow("all token symbols") << QByteArray("!#$%&'*+-.^_`|~09az") << QString();
        QTest::newRow("empty") << QByteArray("") << QStringLiteral("method is empty");
        QTest::newRow("paren") << QByteArray("GE(T") << QStringLiteral("character 3, '(' (0x28)");
        QTest::newRow("space") << QByteArray("GET X") << QStringLiteral("character 4, space (0x20)");
        QTest::newRow("CRLF injection") << QByteArray("A\r\nX-Inj: 1") << QStringLiteral("character 2, CR (0x0D)");
        QTest::newRow("colon") << QByteArray("BAD:") << QStringLiteral("character 4, ':' (0x3A)");
        QTest::newRow("NUL") << QByteArray("GE\0T", 4) << QStringLiteral("character 3, NUL (0x00)");
        QTest::newRow("non-ASCII") << QByteArray("GÉT") << QStringLiteral("character 2, non-ASCII byte (0xC3)");
        QTest::newRow("tab") << QByteArray("\tGET") << QStringLiteral("character 1, tab (0x09)");
        QTest::newRow("DEL") << QByteArray("GET\x7f") << QStringLiteral("character 4, control byte (0x7F)");
    }
    void method()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, error);
        const QString got = checkMethod(method);
        if (error.isEmpty())
            QVERIFY2(got.isEmpty(), qPrintable(got));
        else
            QVERIFY2(got.contains(error), qPrintable(got));
    }

    void headerName_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QString>("error");
        QTest::newRow("plain") << QByteArray("X-Test") << QString();
        QTest::newRow("case kept") << QByteArray("x-LOWER-upper") << QString();
        QTest::newRow("empty") << QByteArray() << QStringLiteral("header name is empty");
        QTest::newRow("space") << QByteArray("X Test") << QStringLiteral("character 2, space (0x20)");
        QTest::newRow("colon") << QByteArray("X:Y") << QStringLiteral("character 2, ':' (0x3A)");
        QTest::newRow("LF") << QByteArray("X\nY") << QStringLiteral("character 2, LF (0x0A)");
    }
    void headerName()
    {
        QFETCH(QByteArray, name);
        QFETCH(QString, error);
        const QString got = checkHeaderName(name);
        if (error.isEmpty())
            QVERIFY2(got.isEmpty(), qPrintable(got));
        else
            QVERIFY2(got.contains(error), qPrintable(got));
    }

    void headerValue_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("error");
        QTest::newRow("plain") << QByteArray("text/plain; charset=utf-8") << QString();
        QTest::newRow("empty is allowed") << QByteArray() << QString();
        QTest::newRow("tab and UTF-8 allowed") << QByteArray("a\tb é") << QString();
        QTest::newRow("CR") << QByteArray("a\rb") << QStringLiteral("character 2 of its value, CR (0x0D)");
        QTest::newRow("LF injection") << QByteArray("1\nX-Evil: 2")
                                      << QStringLiteral("character 2 of its value, LF (0x0A)");
        QTest::newRow("NUL") << QByteArray("ab\0", 3) << QStringLiteral("character 3 of its value, NUL (0x00)");
    }
    void headerValue()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, error);
        const QString got = checkHeaderValue("X-Test", value);
        if (error.isEmpty())
            QVERIFY2(got.isEmpty(), qPrintable(got));
        else
            QVERIFY2(got.contains(error) && got.contains(QLatin1String("X-Test")), qPrintable(got));
    }

    void specValidation_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("error");
        QTest::newRow("ok") << QStringLiteral("http://127.0.0.1/") << QByteArray("GET") << QString();
        QTest::newRow("https ok") << QStringLiteral("https://[::1]:8443/x?y=1") << QByteArray("PATCH") << QString();
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/") << QByteArray("GET")
                             << QStringLiteral("scheme \"ftp\"");
        QTest::newRow("empty url") << QString() << QByteArray("GET") << QStringLiteral("URL is empty");
        QTest::newRow("no host") << QStringLiteral("http:///path") << QByteArray("GET")
                                 << QStringLiteral("has no host");
        QTest::newRow("CRLF in url") << QStringLiteral("http://127.0.0.1/a\r\nX: y") << QByteArray("GET")
                                     << QStringLiteral("CR (0x0D)");
        QTest::newRow("bad method") << QStringLiteral("http://127.0.0.1/") << QByteArray("GE T")
                                    << QStringLiteral("character 3, space");
    }
    void specValidation()
    {
        QFETCH(QString, url);
        QFETCH(QByteArray, method);
        QFETCH(QString, error);
        RequestSpec spec;
        spec.url = url;
        spec.method = method;
        const QString got = validate(spec).join(QLatin1String(" | "));
        if (error.isEmpty())
            QVERIFY2(got.isEmpty(), qPrintable(got));
        else
            QVERIFY2(got.contains(error), qPrintable(got));
    }

    void specRejectsBadHeadersByIndex()
    {
        RequestSpec spec;
        spec.url = QStringLiteral("http://127.0.0.1/");
        spec.headers
            = { { "X-Ok", "1" }, { "Bad Name", "2" }, { "X-Inj", "a\r\nb" }, { "Transfer-Encoding", "chunked" } };
        const QStringList errors = validate(spec);
        QCOMPARE(errors.size(), 3);
        QVERIFY(errors.at(0).startsWith(QLatin1String("header 2:")));
        QVERIFY(errors.at(1).startsWith(QLatin1String("header 3:")));
        QVERIFY(errors.at(2).contains(QLatin1String("Transfer-Encoding")));
    }

    void escapeBytes()
    {
        QCOMPARE(verbscope::http::escapeBytes("a\r\nb\x01"), QStringLiteral("a\\r\\nb\\x01"));
        QCOMPARE(verbscope::http::escapeBytes("été"), QStringLiteral("été"));
        QCOMPARE(verbscope::http::escapeBytes("\xff"), QStringLiteral("\\xff"));
    }
};

QTEST_APPLESS_MAIN(tst_HttpSyntax)
#include "tst_httpsyntax.moc"
