// SPDX-License-Identifier: GPL-3.0-or-later
// Integration against real servers started on loopback with their own config.
#include "core/http/Engine.h"
#include "tests/support/ExchangeBuilder.h"
#include "tests/support/ServerFixtures.h"

#include <QTest>

using namespace verbscope::http;
using namespace verbscope::test;

class tst_RealServers final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nginxGet()
    {
        NginxFixture nginx;
        VERBSCOPE_START_FIXTURE(nginx);
        Engine engine;
        const Exchange ex = engine.execute(requestSpec(nginx.url(QStringLiteral("/data.json"))));
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.head.status, 200);
        QCOMPARE(ex.response.body, QByteArray("{\"ok\":true}\n"));
        QVERIFY(headerValue(ex.response.head.headers, "Server").startsWith("nginx"));
    }

    // nginx refuses POST to a static file with its own reason phrase and no Allow header.
    void nginx405NotAllowedWithoutAllow()
    {
        NginxFixture nginx;
        VERBSCOPE_START_FIXTURE(nginx);
        RequestSpec s = requestSpec(nginx.url(QStringLiteral("/index.html")), "POST");
        s.body = "x=1";
        s.hasBody = true;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.head.status, 405);
        QCOMPARE(ex.response.head.reason, QByteArray("Not Allowed"));
        QVERIFY(!hasHeader(ex.response.head.headers, "Allow"));
        QVERIFY(ex.response.body.contains("<center>nginx"));
    }

    void nginxRedirectFollowed()
    {
        NginxFixture nginx;
        VERBSCOPE_START_FIXTURE(nginx);
        RequestSpec s = requestSpec(nginx.url(QStringLiteral("/redirect/301")));
        s.options.redirects = RedirectMode::Follow;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.redirects.size(), 1);
        QCOMPARE(ex.redirects.constFirst().response.head.status, 301);
        QCOMPARE(ex.response.head.status, 200);
        QVERIFY(ex.response.body.contains("nginx fixture"));
    }

    // Python's http.server answers 501 naming the method in its reason phrase.
    void python501WithReasonPhrase_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("PROPFIND") << QByteArray("PROPFIND");
        QTest::newRow("DELETE") << QByteArray("DELETE");
        QTest::newRow("lower-case get") << QByteArray("get");
    }
    void python501WithReasonPhrase()
    {
        QFETCH(QByteArray, method);
        PythonHttpFixture python;
        VERBSCOPE_START_FIXTURE(python);
        Engine engine;
        const Exchange ex = engine.execute(requestSpec(python.url(), method));
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.head.status, 501);
        QCOMPARE(ex.response.head.reason, "Unsupported method ('" + method + "')");
        QVERIFY(headerValue(ex.response.head.headers, "Server").startsWith("SimpleHTTP"));
    }

    void tlsSelfSignedIsRefusedWithChainShown()
    {
        NginxFixture nginx;
        nginx.enableTls();
        VERBSCOPE_START_FIXTURE(nginx);
        Engine engine;
        const Exchange ex = engine.execute(requestSpec(nginx.tlsUrl(QStringLiteral("/data.json"))));
        QCOMPARE(ex.error.kind, ErrorKind::Tls);
        QVERIFY(!ex.response.received);
        QVERIFY(ex.tls.used);
        QVERIFY2(!ex.tls.errors.isEmpty(), "the certificate problems are listed");
        QVERIFY2(ex.tls.errors.join(QLatin1Char(' ')).contains(QLatin1String("self signed"), Qt::CaseInsensitive)
                || ex.tls.errors.join(QLatin1Char(' ')).contains(QLatin1String("self-signed"), Qt::CaseInsensitive),
            qPrintable(ex.tls.errors.join(QLatin1String("; "))));
        QVERIFY2(!ex.tls.peerChain.isEmpty(), "the peer chain is kept after a failed handshake");
        QCOMPARE(ex.tls.peerChain.constFirst().subject, QStringLiteral("localhost"));
        QVERIFY(!ex.tls.verificationDisabled);
    }

    void tlsInsecureIsPerRequestAndVisible()
    {
        NginxFixture nginx;
        nginx.enableTls();
        VERBSCOPE_START_FIXTURE(nginx);
        Engine engine;
        RequestSpec insecure = requestSpec(nginx.tlsUrl(QStringLiteral("/data.json")));
        insecure.options.verifyTls = false;
        const Exchange ok = engine.execute(insecure);
        QVERIFY2(!ok.error.isError(), qPrintable(ok.error.message));
        QCOMPARE(ok.response.head.status, 200);
        QVERIFY(ok.tls.verificationDisabled);
        QVERIFY(!ok.tls.errors.isEmpty());
        QVERIFY(ok.tls.protocol.startsWith(QLatin1String("TLSv1.")));
        QVERIFY(!ok.tls.cipher.isEmpty());
        QCOMPARE(ok.tls.alpn, QStringLiteral("http/1.1"));
        QVERIFY(ok.timings.tls.has_value());
        // The next request on the same engine verifies again.
        const Exchange strict = engine.execute(requestSpec(nginx.tlsUrl(QStringLiteral("/data.json"))));
        QCOMPARE(strict.error.kind, ErrorKind::Tls);
    }

    void throughForwardProxyShowsVia()
    {
        NginxFixture nginx;
        VERBSCOPE_START_FIXTURE(nginx);
        ProxyFixture proxy;
        VERBSCOPE_START_FIXTURE(proxy);
        RequestSpec s = requestSpec(nginx.url(QStringLiteral("/data.json")));
        s.options.proxy = proxy.url().chopped(1); // "http://127.0.0.1:PORT"
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message + QLatin1Char('\n') + proxy.log()));
        QCOMPARE(ex.response.head.status, 200);
        const QByteArray via = headerValue(ex.response.head.headers, "Via");
        QVERIFY2(via.contains(ProxyFixture::ViaName), via.constData());
        QCOMPARE(ex.request.proxy, s.options.proxy);
    }

    void proxyFromEnvironmentLikeCurl()
    {
        NginxFixture nginx;
        VERBSCOPE_START_FIXTURE(nginx);
        ProxyFixture proxy;
        VERBSCOPE_START_FIXTURE(proxy);
        qputenv("http_proxy", proxy.url().chopped(1).toUtf8());
        RequestSpec s = requestSpec(nginx.url(QStringLiteral("/data.json")));
        s.options.useEnvironmentProxy = true;
        Engine engine;
        const Exchange viaProxy = engine.execute(s);
        qputenv("no_proxy", "127.0.0.1");
        const Exchange direct = engine.execute(s);
        qunsetenv("http_proxy");
        qunsetenv("no_proxy");
        QVERIFY(headerValue(viaProxy.response.head.headers, "Via").contains(ProxyFixture::ViaName));
        QVERIFY(!hasHeader(direct.response.head.headers, "Via"));
        QVERIFY(direct.request.proxy.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_RealServers)
#include "tst_realservers.moc"
