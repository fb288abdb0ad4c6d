// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/CookieJar.h"
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::http;
using namespace verbscope::test;

namespace {
const QDateTime Now = QDateTime(QDate(2026, 12, 7), QTime(12, 0), Qt::UTC);

QUrl u(const char *url)
{
    return QUrl(QString::fromLatin1(url));
}

// The cookie names the jar would send, in order.
QByteArray sent(const CookieJar &jar, const char *url, const QDateTime &at = Now)
{
    return jar.cookieHeaderFor(u(url), at);
}
} // namespace

class tst_CookieJar final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostOnlyVersusDomain()
    {
        CookieJar jar;
        QCOMPARE(jar.setCookie(u("http://a.example.com/"), "h=1", Now).kind, CookieDecision::Stored);
        QCOMPARE(
            jar.setCookie(u("http://a.example.com/"), "d=2; Domain=.Example.COM", Now).kind, CookieDecision::Stored);
        QCOMPARE(sent(jar, "http://a.example.com/x"), QByteArray("h=1; d=2"));
        QCOMPARE(sent(jar, "http://b.example.com/x"), QByteArray("d=2")); // host-only stays on a.
        QCOMPARE(sent(jar, "http://example.com/"), QByteArray("d=2"));
        QCOMPARE(sent(jar, "http://badexample.com/"), QByteArray()); // a suffix that is not a label
        const Cookie d = jar.cookies().at(1);
        QCOMPARE(d.domain, QStringLiteral("example.com"));
        QVERIFY(!d.hostOnly);
    }

    void foreignDomainRefusedWithReason()
    {
        CookieJar jar;
        const CookieDecision d = jar.setCookie(u("http://127.0.0.1:8080/"), "x=1; Domain=example.com", Now);
        QCOMPARE(d.kind, CookieDecision::Refused);
        QCOMPARE(d.note, QStringLiteral("refused x: Domain=example.com does not match 127.0.0.1"));
        QVERIFY(jar.isEmpty());
        // An IP address never domain-matches a suffix of itself.
        QCOMPARE(jar.setCookie(u("http://127.0.0.1/"), "y=1; Domain=0.0.1", Now).kind, CookieDecision::Refused);
        QCOMPARE(jar.setCookie(u("http://127.0.0.1/"), "z=1; Domain=127.0.0.1", Now).kind, CookieDecision::Stored);
    }

    void publicSuffixRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("setCookie");
        QTest::addColumn<bool>("stored");
        QTest::newRow("com") << QStringLiteral("http://www.example.com/") << QByteArray("a=1; Domain=com") << false;
        QTest::newRow("co.uk") << QStringLiteral("http://shop.example.co.uk/") << QByteArray("a=1; Domain=co.uk")
                               << false;
        QTest::newRow("github.io (private section)")
            << QStringLiteral("http://alice.github.io/") << QByteArray("a=1; Domain=github.io") << false;
        QTest::newRow("registrable domain")
            << QStringLiteral("http://shop.example.co.uk/") << QByteArray("a=1; Domain=example.co.uk") << true;
        // §5.3 step 5: a host that is itself a public suffix may set a host-only cookie.
        QTest::newRow("suffix is the host")
            << QStringLiteral("http://github.io/") << QByteArray("a=1; Domain=github.io") << true;
    }
    void publicSuffixRefused()
    {
        QFETCH(QString, url);
        QFETCH(QByteArray, setCookie);
        QFETCH(bool, stored);
        CookieJar jar;
        const CookieDecision d = jar.setCookie(QUrl(url), setCookie, Now);
        QCOMPARE(d.kind == CookieDecision::Stored, stored);
        if (!stored)
            QVERIFY2(d.note.contains(QLatin1String("public suffix")), qPrintable(d.note));
        if (url == QLatin1String("http://github.io/")) {
            QVERIFY(d.cookie.hostOnly);
            QCOMPARE(sent(jar, "http://alice.github.io/"), QByteArray());
        }
    }

    void pathRules()
    {
        QCOMPARE(CookieJar::defaultPath(QStringLiteral("/a/b/c")), QStringLiteral("/a/b"));
        QCOMPARE(CookieJar::defaultPath(QStringLiteral("/a")), QStringLiteral("/"));
        QCOMPARE(CookieJar::defaultPath(QString()), QStringLiteral("/"));
        QVERIFY(CookieJar::pathMatches(QStringLiteral("/docs/x"), QStringLiteral("/docs")));
        QVERIFY(CookieJar::pathMatches(QStringLiteral("/docs/x"), QStringLiteral("/docs/")));
        QVERIFY(!CookieJar::pathMatches(QStringLiteral("/docsets"), QStringLiteral("/docs")));
        CookieJar jar;
        jar.setCookie(u("http://h/app/login"), "dflt=1", Now); // default path /app
        jar.setCookie(u("http://h/app/login"), "rel=1; Path=relative", Now); // not starting with /: default
        jar.setCookie(u("http://h/"), "root=1; Path=/", Now);
        QCOMPARE(jar.cookies().at(1).path, QStringLiteral("/app"));
        QCOMPARE(sent(jar, "http://h/app"), QByteArray("dflt=1; rel=1; root=1"));
        QCOMPARE(sent(jar, "http://h/application"), QByteArray("root=1"));
    }

    void maxAgeWinsOverExpires()
    {
        CookieJar jar;
        // Max-Age first or last: it wins either way.
        jar.setCookie(u("http://h/"), "a=1; Max-Age=60; Expires=Tue, 01 Jun 2027 00:00:00 GMT", Now);
        jar.setCookie(u("http://h/"), "b=1; Expires=Tue, 01 Jun 2027 00:00:00 GMT; Max-Age=60", Now);
        jar.setCookie(u("http://h/"), "c=1; Expires=Tue, 01 Jun 2027 00:00:00 GMT", Now);
        jar.setCookie(u("http://h/"), "d=1; Max-Age=junk; Expires=Sun, 06 Nov 1994 08:49:37 GMT", Now);
        QCOMPARE(jar.cookies().at(0).expires, Now.addSecs(60));
        QCOMPARE(jar.cookies().at(1).expires, Now.addSecs(60));
        QCOMPARE(jar.cookies().at(2).expires, QDateTime(QDate(2027, 6, 1), QTime(0, 0), Qt::UTC));
        QCOMPARE(jar.cookies().size(), 3); // d: bad Max-Age is ignored, the past Expires deletes
        jar.setCookie(u("http://h/"), "e=1; Max-Age=12abc; Expires=Tue, 01 Jun 2027 00:00:00 GMT", Now);
        QCOMPARE(jar.cookies().at(3).expires, QDateTime(QDate(2027, 6, 1), QTime(0, 0), Qt::UTC));
        jar.setCookie(u("http://h/"), "f=1; Max-Age=-5", Now);
        QCOMPARE(jar.cookies().size(), 4); // a negative Max-Age expires at once: nothing stored
        QCOMPARE(sent(jar, "http://h/", Now.addSecs(61)), QByteArray("c=1; e=1"));
    }

    // RFC 6265bis: lifetimes are capped at 400 days, however far Max-Age or Expires point.
    void lifetimeCappedAt400Days()
    {
        CookieJar jar;
        const CookieDecision a = jar.setCookie(u("http://h/"), "a=1; Max-Age=99999999999999999999999", Now);
        QVERIFY2(a.kind == CookieDecision::Stored, qPrintable(a.note));
        const CookieDecision b = jar.setCookie(u("http://h/"), "b=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT", Now);
        QVERIFY2(b.kind == CookieDecision::Stored, qPrintable(b.note));
        QCOMPARE(jar.cookies().at(0).expires, Now.addDays(400));
        QCOMPARE(jar.cookies().at(1).expires, Now.addDays(400));
    }

    void jarSizeIsBounded()
    {
        CookieJar jar;
        for (int i = 0; i < 180; ++i)
            QCOMPARE(
                jar.setCookie(u("http://h/"), "c" + QByteArray::number(i) + "=1", Now).kind, CookieDecision::Stored);
        const CookieDecision d = jar.setCookie(u("http://h/"), "one-more=1", Now);
        QCOMPARE(d.kind, CookieDecision::Refused);
        QCOMPARE(d.note, QStringLiteral("refused one-more: h already has 180 cookies"));
        QCOMPARE(jar.setCookie(u("http://h/"), "c0=2", Now).kind, CookieDecision::Replaced); // replacing is fine
        QCOMPARE(jar.setCookie(u("http://other/"), "x=1", Now).kind, CookieDecision::Stored);
    }

    void cookieDates_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime d(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
        QTest::newRow("rfc1123") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << d;
        QTest::newRow("rfc850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << d;
        QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << d;
        QTest::newRow("no time") << QByteArray("Sun, 06 Nov 1994") << QDateTime();
        QTest::newRow("day 32") << QByteArray("32 Nov 1994 08:49:37") << QDateTime();
        QTest::newRow("before 1601") << QByteArray("06 Nov 1600 08:49:37") << QDateTime();
    }
    void cookieDates()
    {
        QFETCH(QByteArray, text);
        QFETCH(QDateTime, expected);
        QCOMPARE(CookieJar::parseCookieDate(text), expected);
    }

    void expiryDeletes()
    {
        CookieJar jar;
        jar.setCookie(u("http://h/"), "sid=1", Now);
        const CookieDecision d = jar.setCookie(u("http://h/"), "sid=; Max-Age=0", Now);
        QCOMPARE(d.kind, CookieDecision::Deleted);
        QCOMPARE(d.note, QStringLiteral("deleted sid for h / (expired)"));
        QVERIFY(jar.isEmpty());
        // Only the same (name, domain, path) is deleted.
        jar.setCookie(u("http://h/a/b"), "sid=1", Now);
        jar.setCookie(u("http://h/"), "sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", Now);
        QCOMPARE(jar.cookies().size(), 1);
        QCOMPARE(jar.cookies().at(0).path, QStringLiteral("/a"));
    }

    void replacementKeepsCreation()
    {
        CookieJar jar;
        jar.setCookie(u("http://h/"), "a=1", Now);
        jar.setCookie(u("http://h/"), "b=1", Now.addSecs(1));
        const CookieDecision d = jar.setCookie(u("http://h/"), "a=2; HttpOnly; SameSite=lax", Now.addSecs(2));
        QCOMPARE(d.kind, CookieDecision::Replaced);
        QCOMPARE(jar.cookies().size(), 2);
        QCOMPARE(jar.cookies().at(0).created, Now);
        QVERIFY(jar.cookies().at(0).httpOnly);
        QCOMPARE(jar.cookies().at(0).sameSite, QStringLiteral("Lax"));
        QCOMPARE(sent(jar, "http://h/"), QByteArray("a=2; b=1")); // a is still the older one
    }

    void orderLongerPathFirst()
    {
        CookieJar jar;
        jar.setCookie(u("http://h/"), "first=1; Path=/", Now);
        jar.setCookie(u("http://h/"), "second=1; Path=/", Now.addSecs(1));
        jar.setCookie(u("http://h/"), "deep=1; Path=/a/b", Now.addSecs(2));
        jar.setCookie(u("http://h/"), "mid=1; Path=/a", Now.addSecs(3));
        QCOMPARE(sent(jar, "http://h/a/b/c"), QByteArray("deep=1; mid=1; first=1; second=1"));
    }

    void secureRules()
    {
        CookieJar jar;
        const CookieDecision plain = jar.setCookie(u("http://example.com/"), "s=1; Secure", Now);
        QCOMPARE(plain.kind, CookieDecision::Refused);
        QVERIFY(plain.note.contains(QLatin1String("https")));
        QCOMPARE(jar.setCookie(u("https://example.com/"), "s=1; Secure", Now).kind, CookieDecision::Stored);
        QCOMPARE(sent(jar, "http://example.com/"), QByteArray());
        QCOMPARE(sent(jar, "https://example.com/"), QByteArray("s=1"));
        // Plain http cannot overwrite (or shadow with a deeper path) the Secure cookie.
        const CookieDecision overwrite = jar.setCookie(u("http://example.com/"), "s=evil", Now);
        QCOMPARE(overwrite.kind, CookieDecision::Refused);
        QVERIFY2(overwrite.note.contains(QLatin1String("only https may replace it")), qPrintable(overwrite.note));
        QCOMPARE(jar.setCookie(u("http://example.com/a/b"), "s=evil; Path=/a", Now).kind, CookieDecision::Refused);
        QCOMPARE(sent(jar, "https://example.com/a/x"), QByteArray("s=1"));
        // Loopback is a secure context, as in curl and today's browsers.
        QCOMPARE(jar.setCookie(u("http://127.0.0.1:1234/"), "l=1; Secure", Now).kind, CookieDecision::Stored);
        QCOMPARE(sent(jar, "http://127.0.0.1:9/"), QByteArray("l=1"));
        QVERIFY(CookieJar::isSecureContext(u("http://localhost/")));
        QVERIFY(CookieJar::isSecureContext(u("http://[::1]/")));
    }

    void malformedRefused()
    {
        CookieJar jar;
        QCOMPARE(jar.setCookie(u("http://h/"), "novalue", Now).kind, CookieDecision::Refused);
        QCOMPARE(jar.setCookie(u("http://h/"), "=v", Now).kind, CookieDecision::Refused);
        QCOMPARE(jar.setCookie(u("http://h/"), "n=" + QByteArray(5000, 'x'), Now).kind, CookieDecision::Refused);
        QVERIFY(jar.isEmpty());
    }

    void setCookiesSplitsQtJoinedFields()
    {
        CookieJar jar;
        const auto ds = jar.setCookies(u("http://h/"), { { "Set-Cookie", "a=1\nb=2" }, { "set-cookie", "c=3" } }, Now);
        QCOMPARE(ds.size(), 3);
        QCOMPARE(sent(jar, "http://h/"), QByteArray("a=1; b=2; c=3"));
    }

    void netscapeRoundTrip()
    {
        CookieJar jar;
        jar.setCookie(u("https://www.example.com/app/x"), "s=1; Secure; HttpOnly; Max-Age=3600", Now);
        jar.setCookie(u("http://www.example.com/"), "d=two; Domain=example.com; Path=/", Now);
        const QByteArray text = jar.toNetscape();
        QVERIFY(text.startsWith("# Netscape HTTP Cookie File\n"));
        QVERIFY(text.contains("#HttpOnly_www.example.com\tFALSE\t/app\tTRUE\t"));
        QVERIFY(text.contains(".example.com\tTRUE\t/\tFALSE\t0\td\ttwo\n"));
        CookieJar back;
        QString error;
        QVERIFY2(back.parseNetscape(text, QStringLiteral("j.txt"), &error, Now), qPrintable(error));
        QCOMPARE(back.cookies().size(), 2);
        const Cookie s = back.cookies().at(0);
        QVERIFY(s.httpOnly && s.secure && s.hostOnly);
        QCOMPARE(s.expires, Now.addSecs(3600));
        QCOMPARE(back.cookies().at(1).isSession(), true);
        QCOMPARE(back.cookieHeaderFor(u("https://www.example.com/app/x"), Now), QByteArray("s=1; d=two"));
        QCOMPARE(back.cookieHeaderFor(u("http://api.example.com/"), Now), QByteArray("d=two"));
        // Expired lines are skipped when loading, as curl does.
        CookieJar later;
        QVERIFY(later.parseNetscape(text, QStringLiteral("j.txt"), &error, Now.addSecs(7200)));
        QCOMPARE(later.cookies().size(), 1);
    }

    void netscapeErrorsNamePlace_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("too few fields")
            << QByteArray("# Netscape HTTP Cookie File\nh\tFALSE\t/\n")
            << QStringLiteral("j.txt:2:10: 3 tab-separated fields, a cookie line has 7 (field 4, secure)");
        QTest::newRow("bad flag") << QByteArray("h\tYES\t/\tFALSE\t0\tn\tv\n")
                                  << QStringLiteral(
                                         "j.txt:1:3: \"YES\" is not TRUE or FALSE (field 2, include-subdomains)");
        QTest::newRow("bad expiry") << QByteArray("\n#HttpOnly_h\tFALSE\t/\tFALSE\tsoon\tn\tv\n")
                                    << QStringLiteral("j.txt:2:27: \"soon\" is not a Unix time (field 5, expiry)");
        QTest::newRow("path") << QByteArray("h\tFALSE\tx\tFALSE\t0\tn\tv\n")
                              << QStringLiteral("j.txt:1:9: the path does not start with / (field 3, path)");
    }
    void netscapeErrorsNamePlace()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        CookieJar jar;
        QString got;
        QVERIFY(!jar.parseNetscape(text, QStringLiteral("j.txt"), &got, Now));
        QCOMPARE(got, error);
        QVERIFY(jar.isEmpty()); // nothing half-loaded
    }

    void saveIsOwnerOnly()
    {
        QTemporaryDir dir;
        CookieJar jar;
        jar.setCookie(u("http://h/"), "a=1", Now);
        const QString path = dir.filePath(QStringLiteral("jar.txt"));
        QString error;
        QVERIFY2(jar.saveNetscape(path, &error), qPrintable(error));
        const QFileDevice::Permissions perms = QFile::permissions(path);
        QVERIFY(perms.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY(!(perms
            & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));
        CookieJar back;
        QVERIFY(back.loadNetscape(path, &error, Now));
        QCOMPARE(back.cookieHeaderFor(u("http://h/"), Now), QByteArray("a=1"));
        QVERIFY(!back.loadNetscape(dir.filePath(QStringLiteral("missing")), &error));
        QVERIFY(error.startsWith(dir.filePath(QStringLiteral("missing"))));
    }

    // Debian's curl writes a jar from a loopback server, VerbScope reads it; VerbScope writes one,
    // curl sends exactly its cookies.
    void curlInterop()
    {
        const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
        if (curl.isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("curl is missing");
            QSKIP("curl is not installed");
        }
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::http(200, "OK",
                { { "Set-Cookie", "sid=abc123; Path=/; HttpOnly" }, { "Set-Cookie", "theme=dark; Max-Age=86400" },
                    { "Set-Cookie", "scoped=1; Path=/api" } },
                "ok");
        });
        QTemporaryDir dir;
        const QString curlJar = dir.filePath(QStringLiteral("curl.txt"));
        // runProgram keeps this thread's event loop, where the server lives, running meanwhile.
        CliResult r = runProgram(ProgramRun(curl,
            { QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-c"), curlJar,
                server.url(QStringLiteral("/login")) }));
        QCOMPARE(r.exitCode, 0);

        CookieJar jar;
        QString error;
        QVERIFY2(jar.loadNetscape(curlJar, &error), qPrintable(error));
        QCOMPARE(jar.cookies().size(), 3);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        // The longer path first; the two at "/" in the file's order (curl writes its hash order).
        const QByteArray header = jar.cookieHeaderFor(QUrl(server.url(QStringLiteral("/api/x"))), now);
        QVERIFY2(header == "scoped=1; sid=abc123; theme=dark" || header == "scoped=1; theme=dark; sid=abc123",
            header.constData());
        for (const Cookie &c : jar.cookies()) {
            QCOMPARE(c.domain, QStringLiteral("127.0.0.1"));
            QVERIFY(c.hostOnly);
            QCOMPARE(c.httpOnly, c.name == "sid");
            QCOMPARE(c.isSession(), c.name != "theme");
        }

        Cookie extra;
        extra.name = "added";
        extra.value = "by-verbscope";
        extra.domain = QStringLiteral("127.0.0.1");
        jar.insert(extra);
        const QString ours = dir.filePath(QStringLiteral("ours.txt"));
        QVERIFY2(jar.saveNetscape(ours, &error), qPrintable(error));
        r = runProgram(ProgramRun(curl,
            { QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-b"), ours,
                server.url(QStringLiteral("/api/x")) }));
        QCOMPARE(r.exitCode, 0);
        const FakeRequest last = server.requests().constLast();
        QVERIFY2(last.head.contains("\r\nCookie: "), last.head.constData());
        const QByteArray cookie = last.head.mid(last.head.indexOf("\r\nCookie: ") + 10).split('\r').first();
        QList<QByteArray> names;
        for (const QByteArray &pair : cookie.split(';'))
            names << pair.trimmed();
        std::sort(names.begin(), names.end());
        QCOMPARE(names, (QList<QByteArray> { "added=by-verbscope", "scoped=1", "sid=abc123", "theme=dark" }));
    }
};

QTEST_GUILESS_MAIN(tst_CookieJar)
#include "tst_cookiejar.moc"
