// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/ProxyResolver.h"

#include <QTest>

using namespace verbscope::http;

class tst_ProxyResolver final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resolve_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("explicitProxy");
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << QStringLiteral("http://a.test/") << QString() << QStringList {} << QString();
        QTest::newRow("explicit wins") << QStringLiteral("http://a.test/") << QStringLiteral("127.0.0.1:3128")
                                       << QStringList { QStringLiteral("http_proxy=http://127.0.0.2:1") }
                                       << QStringLiteral("http://127.0.0.1:3128");
        QTest::newRow("default port 1080") << QStringLiteral("http://a.test/") << QStringLiteral("proxy.test")
                                           << QStringList {} << QStringLiteral("http://proxy.test:1080");
        QTest::newRow("http_proxy") << QStringLiteral("http://a.test/") << QString()
                                    << QStringList { QStringLiteral("http_proxy=http://p.test:8080") }
                                    << QStringLiteral("http://p.test:8080");
        QTest::newRow("HTTP_PROXY upper ignored like curl")
            << QStringLiteral("http://a.test/") << QString()
            << QStringList { QStringLiteral("HTTP_PROXY=http://p.test:8080") } << QString();
        QTest::newRow("https_proxy for https") << QStringLiteral("https://a.test/") << QString()
                                               << QStringList { QStringLiteral("https_proxy=http://s.test:1"),
                                                      QStringLiteral("http_proxy=http://p.test:2") }
                                               << QStringLiteral("http://s.test:1");
        QTest::newRow("HTTPS_PROXY upper")
            << QStringLiteral("https://a.test/") << QString()
            << QStringList { QStringLiteral("HTTPS_PROXY=http://s.test:1") } << QStringLiteral("http://s.test:1");
        QTest::newRow("all_proxy fallback")
            << QStringLiteral("https://a.test/") << QString()
            << QStringList { QStringLiteral("all_proxy=http://all.test:9") } << QStringLiteral("http://all.test:9");
        QTest::newRow("no_proxy suffix") << QStringLiteral("http://api.a.test/") << QString()
                                         << QStringList { QStringLiteral("http_proxy=http://p.test:1"),
                                                QStringLiteral("no_proxy=a.test") }
                                         << QString();
        QTest::newRow("no_proxy leading dot")
            << QStringLiteral("http://api.a.test/") << QString()
            << QStringList { QStringLiteral("http_proxy=http://p.test:1"), QStringLiteral("no_proxy=.a.test") }
            << QString();
        QTest::newRow("no_proxy not a suffix match")
            << QStringLiteral("http://xa.test/") << QString()
            << QStringList { QStringLiteral("http_proxy=http://p.test:1"), QStringLiteral("no_proxy=a.test") }
            << QStringLiteral("http://p.test:1");
        QTest::newRow("no_proxy star") << QStringLiteral("http://x.test/") << QString()
                                       << QStringList { QStringLiteral("http_proxy=http://p.test:1"),
                                              QStringLiteral("NO_PROXY=*") }
                                       << QString();
        QTest::newRow("no_proxy ip") << QStringLiteral("http://127.0.0.1:8080/") << QString()
                                     << QStringList { QStringLiteral("http_proxy=http://p.test:1"),
                                            QStringLiteral("no_proxy=localhost,127.0.0.1") }
                                     << QString();
        QTest::newRow("no_proxy cidr") << QStringLiteral("http://10.1.2.3/") << QString()
                                       << QStringList { QStringLiteral("http_proxy=http://p.test:1"),
                                              QStringLiteral("no_proxy=10.0.0.0/8") }
                                       << QString();
        QTest::newRow("no_proxy ipv6") << QStringLiteral("http://[::1]:80/") << QString()
                                       << QStringList { QStringLiteral("http_proxy=http://p.test:1"),
                                              QStringLiteral("no_proxy=::1") }
                                       << QString();
        QTest::newRow("no_proxy does not stop --proxy")
            << QStringLiteral("http://a.test/") << QStringLiteral("p.test:3")
            << QStringList { QStringLiteral("no_proxy=*") } << QStringLiteral("http://p.test:3");
    }
    void resolve()
    {
        QFETCH(QString, url);
        QFETCH(QString, explicitProxy);
        QFETCH(QStringList, env);
        QFETCH(QString, expected);
        QProcessEnvironment e;
        for (const QString &kv : env)
            e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        QCOMPARE(resolveProxy(QUrl(url), explicitProxy, true, e), expected);
    }

    void environmentCanBeIgnored()
    {
        QProcessEnvironment e;
        e.insert(QStringLiteral("http_proxy"), QStringLiteral("http://p.test:1"));
        QCOMPARE(resolveProxy(QUrl(QStringLiteral("http://a.test/")), QString(), false, e), QString());
    }
};

QTEST_APPLESS_MAIN(tst_ProxyResolver)
#include "tst_proxyresolver.moc"
