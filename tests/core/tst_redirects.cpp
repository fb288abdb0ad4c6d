// SPDX-License-Identifier: GPL-3.0-or-later
// Redirects.h: which headers cross a redirect. Credentials stay with their origin (scheme, host,
// port), as curl keeps them since CVE-2022-27774; an https → http step is flagged.
#include "core/http/Redirects.h"

#include <QTest>

using namespace verbscope::http;

namespace {
HopRequest request(const QString &url)
{
    HopRequest r;
    r.method = "GET";
    r.url = QUrl(url);
    r.urlText = url;
    r.headers = { { "Authorization", "Bearer s3cret" }, { "Cookie", "sid=1" }, { "X-Api-Key", "k" },
        { "Accept", "application/json" }, { "X-Trace", "t" } };
    return r;
}

ResponseHead redirectTo(const QByteArray &location, int status = 302)
{
    ResponseHead h;
    h.status = status;
    h.headers = { { "Location", location } };
    return h;
}

QList<QByteArray> names(const HeaderList &headers)
{
    QList<QByteArray> out;
    for (const Header &h : headers)
        out << h.name;
    return out;
}
} // namespace

class tst_Redirects final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void credentialsStayWithTheirOrigin_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QByteArray>("location");
        QTest::addColumn<bool>("kept");
        QTest::addColumn<bool>("downgrade");
        QTest::newRow("same origin, path") << QStringLiteral("https://api.test/a") << QByteArray("/b") << true << false;
        QTest::newRow("same origin, explicit default port")
            << QStringLiteral("https://api.test/a") << QByteArray("https://api.test:443/b") << true << false;
        QTest::newRow("host case") << QStringLiteral("http://api.test/a") << QByteArray("http://API.test/b") << true
                                   << false;
        QTest::newRow("other host") << QStringLiteral("https://api.test/a") << QByteArray("https://evil.test/b")
                                    << false << false;
        QTest::newRow("other port") << QStringLiteral("http://api.test:8080/a") << QByteArray("http://api.test:9090/b")
                                    << false << false;
        QTest::newRow("https to http, same host")
            << QStringLiteral("https://api.test/a") << QByteArray("http://api.test/b") << false << true;
        QTest::newRow("443 to 80 spelled out")
            << QStringLiteral("https://api.test:443/a") << QByteArray("http://api.test:80/b") << false << true;
        QTest::newRow("http to https, same host")
            << QStringLiteral("http://api.test/a") << QByteArray("https://api.test/b") << false << false;
    }
    void credentialsStayWithTheirOrigin()
    {
        QFETCH(QString, from);
        QFETCH(QByteArray, location);
        QFETCH(bool, kept);
        QFETCH(bool, downgrade);
        const RedirectStep step = nextHop(request(from), redirectTo(location));
        QVERIFY(step.ok);
        const QList<QByteArray> sent = names(step.next.headers);
        // Headers that are not secrets always follow.
        QVERIFY(sent.contains("Accept"));
        QVERIFY(sent.contains("X-Trace"));
        for (const char *secret : { "Authorization", "Cookie", "X-Api-Key" })
            QVERIFY2(sent.contains(secret) == kept, secret);
        QCOMPARE(step.warning.contains(QLatin1String("credentials dropped (Authorization, Cookie, X-Api-Key)")), !kept);
        QCOMPARE(step.warning.contains(QLatin1String("DOWNGRADE")), downgrade);
    }

    void nothingToDropSaysNothing()
    {
        HopRequest plain = request(QStringLiteral("https://api.test/a"));
        plain.headers = { { "Accept", "*/*" } };
        const RedirectStep step = nextHop(plain, redirectTo("https://other.test/"));
        QVERIFY(step.ok);
        QVERIFY(step.warning.isEmpty());
    }
};

QTEST_APPLESS_MAIN(tst_Redirects)
#include "tst_redirects.moc"
