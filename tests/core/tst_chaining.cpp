// SPDX-License-Identifier: GPL-3.0-or-later
// Request chaining in `verbscope-cli run` (CollectionRunner): `{{login.response.body.$.token}}`
// sends login first, once; headers, XPath and the request side; cycles and unknown names; a
// dependency that gave no usable answer. A real process against a FakeServer that records order.
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::test;

namespace {
FakeResponse route(const FakeRequest &r)
{
    if (r.target.startsWith("/login"))
        return FakeResponse::http(200, "OK", { { "Content-Type", "application/json" }, { "Location", "/sessions/77" } },
            R"({"token":"tok-1","user":{"id":42,"roles":["a","b"]}})");
    if (r.target == "/set-cookie")
        return FakeResponse::http(200, "OK", { { "Set-Cookie", "sid=s1; Path=/; HttpOnly" } }, "set");
    if (r.target == "/xml")
        return FakeResponse::http(200, "OK", { { "Content-Type", "application/xml" } },
            R"(<?xml version="1.0"?><r xmlns:x="urn:x"><meta id="m1"/><x:auth><token>xml-tok</token></x:auth></r>)");
    if (r.target == "/broken")
        return FakeResponse::http(500, "Internal Server Error", { { "Content-Type", "text/html" } }, "<h1>oops</h1>");
    return FakeResponse::http(200, "OK", { { "Content-Type", "text/plain" } }, "fine");
}

QString headerOf(const FakeRequest &r, const QByteArray &name)
{
    for (const QByteArray &line : r.head.split('\n'))
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return QString::fromUtf8(line.mid(name.size() + 1).trimmed());
    return {};
}
} // namespace

class tst_Chaining final : public QObject
{
    Q_OBJECT

    QString write(const QByteArray &text)
    {
        const QString path = m_dir.filePath(QStringLiteral("chain.http"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(text);
        return path;
    }
    QTemporaryDir m_dir;

private Q_SLOTS:
    // The request that needs login comes first in the file: login is sent before it, and not again
    // when the run reaches it.
    void dependencySentFirstAndOnce()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        const QString file = write("GET " + base
            + "/me\nAuthorization: Bearer {{ login.response.body.$.token }}\n"
              "X-User: {{login.response.body.$.user.id}}\nX-Role: {{login.response.body.$.user.roles[1]}}\n"
              "X-Session: {{login.response.headers.location}}\n\n###\n# @name login\nPOST "
            + base + "/login\nContent-Type: application/json\nX-Trace: t-9\n\n{\"user\":\"ann\"}\n\n###\nGET " + base
            + "/after\nX-Sent-Trace: {{login.request.headers.X-Trace}}\nX-Sent-Body: {{login.request.body.$.user}}\n");
        const CliResult r = runCli({ QStringLiteral("run"), file, QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<FakeRequest> got = server.requests();
        QCOMPARE(got.size(), 3);
        QCOMPARE(got.at(0).target, QByteArray("/login"));
        QCOMPARE(got.at(1).target, QByteArray("/me"));
        QCOMPARE(headerOf(got.at(1), "Authorization"), QStringLiteral("Bearer tok-1"));
        QCOMPARE(headerOf(got.at(1), "X-User"), QStringLiteral("42"));
        QCOMPARE(headerOf(got.at(1), "X-Role"), QStringLiteral("b"));
        QCOMPARE(headerOf(got.at(1), "X-Session"), QStringLiteral("/sessions/77"));
        QCOMPARE(got.at(2).target, QByteArray("/after"));
        QCOMPARE(headerOf(got.at(2), "X-Sent-Trace"), QStringLiteral("t-9"));
        QCOMPARE(headerOf(got.at(2), "X-Sent-Body"), QStringLiteral("ann"));
        const QJsonArray results = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("login"));
        QVERIFY(results.at(0).toObject().value(QStringLiteral("dependency")).toBool());
        QVERIFY(!results.at(1).toObject().contains(QStringLiteral("dependency")));
    }

    // --name selects one request; what it refers to is still sent, first.
    void nameSelectionStillSendsDependency()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        const QString file = write("# @name login\nPOST " + base + "/login\n\n###\n# @name me\nGET " + base
            + "/me?t={{login.response.body.$.token}}\n\n###\nGET " + base + "/other\n");
        const CliResult r = runCli({ QStringLiteral("run"), file, QStringLiteral("--name"), QStringLiteral("me") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().at(1).target, QByteArray("/me?t=tok-1"));
    }

    void xpathAndWholeBody()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        const QString file = write("# @name doc\nGET " + base + "/xml\n\n###\nPOST " + base
            + "/use\nX-A: {{doc.response.body.//token}}\nX-B: {{doc.response.body./r/meta/@id}}\n"
              "X-C: {{doc.response.body.//auth/token/text()}}\n\n{{login.response.body.*}}\n\n###\n# @name login\nGET "
            + base + "/login\n");
        const CliResult r = runCli({ QStringLiteral("run"), file });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<FakeRequest> got = server.requests();
        QCOMPARE(got.size(), 3);
        QCOMPARE(got.at(1).target, QByteArray("/login")); // needed by /use, before it
        QCOMPARE(headerOf(got.at(2), "X-A"), QStringLiteral("xml-tok"));
        QCOMPARE(headerOf(got.at(2), "X-B"), QStringLiteral("m1"));
        QCOMPARE(headerOf(got.at(2), "X-C"), QStringLiteral("xml-tok"));
        QVERIFY(got.at(2).body.contains("\"token\":\"tok-1\""));
    }

    // a needs b, b needs a: nothing of the cycle is sent, and the message names the chain.
    void cycleIsNamed()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        const QString file = write("# @name a\nGET " + base + "/a?x={{b.response.body.*}}\n\n###\n# @name b\nGET "
            + base + "/b?x={{a.response.body.*}}\n\n###\n# @name c\nGET " + base + "/c?x={{c.response.body.*}}\n");
        const CliResult r = runCli({ QStringLiteral("run"), file });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("reference cycle: a -> b -> a"), r.err.constData());
        QVERIFY2(r.err.contains("reference cycle: c -> c"), r.err.constData());
        QCOMPARE(server.requests().size(), 0);
        QVERIFY2(r.out.contains("0 passed, 3 failed"), r.out.constData());
    }

    void unknownNameIsAUsageErrorBeforeSending()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        const QString file
            = write("GET " + base + "/ok\n\n###\nGET " + base + "/me\nX-T: {{logn.response.body.$.token}}\n");
        const CliResult r = runCli({ QStringLiteral("run"), file });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("chain.http:5:6: unresolved variable {{logn.response.body.$.token}}: no request in "
                                "this file is named logn"),
            r.err.constData());
        QCOMPARE(server.requests().size(), 0);
    }

    // The dependency answered, but not with what the reference selects: the request that needs it
    // is not sent, and says why.
    void unusableAnswerIsExplained()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        const QString file = write("# @name login\nPOST " + base + "/broken\n\n###\nGET " + base
            + "/me\nAuthorization: Bearer {{login.response.body.$.token}}\n\n###\nGET " + base
            + "/me2?t={{login.response.body.$.missing}}\n");
        const CliResult r = runCli({ QStringLiteral("run"), file });
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(server.requests().size(), 1);
        QVERIFY2(r.err.contains("login's response body is not JSON"), r.err.constData());
        QVERIFY2(r.out.contains("not sent"), r.out.constData());
    }

    // httpyac's own form: the named request's JSON body, no `.response.body.$`; a dotted name
    // that is no request stays an ordinary variable.
    void httpyacForm()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        const QString file = write("@api.base = " + base
            + "\n\nGET {{api.base}}/me?t={{login.token}}&r={{login.user.roles[0]}}"
              "\n\n###\n# @name login\nPOST {{api.base}}/login\n\n###\nGET {{api.base}}/x?u={{nobody.token}}\n");
        const CliResult r = runCli({ QStringLiteral("run"), file });
        QCOMPARE(r.exitCode, 2); // {{nobody.token}}: no such variable, and no request named nobody
        QVERIFY2(r.err.contains("chain.http:10:22:"), r.err.constData());
        QVERIFY2(r.err.contains("unresolved variable {{nobody.token}}\n"), r.err.constData());
        QCOMPARE(server.requests().size(), 0);
        const QString fixed = write("@api.base = " + base
            + "\n\nGET {{api.base}}/me?t={{login.token}}&r={{login.user.roles[0]}}"
              "\n\n###\n# @name login\nPOST {{api.base}}/login\n");
        const CliResult ok = runCli({ QStringLiteral("run"), fixed });
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().at(1).target, QByteArray("/me?t=tok-1&r=a"));
    }

    // --data: one pass per row, the row's values as variables; the chain runs afresh in each pass.
    // --tag selects; --report writes the HTML page.
    void dataTagAndReport()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        const QString file = write("# @name login\nPOST " + base + "/login?u={{user}}\n\n###\n# @tag smoke\nGET " + base
            + "/me?u={{user}}&t={{login.token}}\n\n?? status == 200\n\n###\n# @tag slow\nGET " + base + "/slow\n");
        const QString data = m_dir.filePath(QStringLiteral("users.csv"));
        QFile f(data);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("user,comment\r\nann,\"first, quoted\"\r\nbob,second\r\n");
        f.close();
        const QString report = m_dir.filePath(QStringLiteral("report.html"));
        const CliResult r
            = runCli({ QStringLiteral("run"), file, QStringLiteral("--data"), data, QStringLiteral("--tag"),
                QStringLiteral("smoke"), QStringLiteral("--report"), report, QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QStringList targets;
        for (const FakeRequest &q : server.requests())
            targets << QString::fromUtf8(q.target);
        QCOMPARE(targets,
            QStringList({ QStringLiteral("/login?u=ann"), QStringLiteral("/me?u=ann&t=tok-1"),
                QStringLiteral("/login?u=bob"), QStringLiteral("/me?u=bob&t=tok-1") }));
        const QJsonArray results = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 4);
        QCOMPARE(results.at(3).toObject().value(QStringLiteral("row")).toInt(), 2);
        QFile page(report);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QByteArray html = page.readAll();
        QVERIFY(html.contains("status == 200"));
        QVERIFY(html.contains("[row 2]"));

        const CliResult none = runCli({ QStringLiteral("run"), file, QStringLiteral("--tag"), QStringLiteral("nope") });
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains("no request named or tagged nope"), none.err.constData());
    }

    // A jar per run: a cookie set by one request goes with the next, not with a `# @no-cookie-jar`
    // one; --cookie-jar FILE keeps it for the next run, in the Netscape format.
    void cookieJarPerRun()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        const QString file = write("GET " + base + "/set-cookie\n\n###\nGET " + base
            + "/with\n\n###\n# @no-cookie-jar\nGET " + base + "/without\n");
        const QString jar = m_dir.filePath(QStringLiteral("cookies.txt"));
        QFile::remove(jar);
        const CliResult r = runCli({ QStringLiteral("run"), file, QStringLiteral("--cookie-jar"), jar });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(headerOf(server.requests().at(0), "Cookie"), QString());
        QCOMPARE(headerOf(server.requests().at(1), "Cookie"), QStringLiteral("sid=s1"));
        QCOMPARE(headerOf(server.requests().at(2), "Cookie"), QString());
        QVERIFY2(r.out.contains("note  cookies: "), r.out.constData());
        QFile saved(jar);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray netscape = saved.readAll();
        QVERIFY2(
            netscape.contains("# Netscape HTTP Cookie File") && netscape.contains("\tsid\ts1"), netscape.constData());
        saved.close();
        // The next run starts from the file.
        const QString again = write("GET " + base + "/with\n");
        const CliResult second = runCli({ QStringLiteral("run"), again, QStringLiteral("--cookie-jar"), jar });
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QCOMPARE(headerOf(server.requests().at(3), "Cookie"), QStringLiteral("sid=s1"));
        // Without --cookie-jar a run starts empty.
        const CliResult third = runCli({ QStringLiteral("run"), again });
        QVERIFY2(third.exitCode == 0, third.err.constData());
        QCOMPARE(headerOf(server.requests().at(4), "Cookie"), QString());
        QVERIFY(saved.open(QIODevice::WriteOnly | QIODevice::Truncate));
        saved.write("# Netscape HTTP Cookie File\nbroken line\n");
        saved.close();
        const CliResult bad = runCli({ QStringLiteral("run"), again, QStringLiteral("--cookie-jar"), jar });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--cookie-jar: ") && bad.err.contains(":2:"), bad.err.constData());
    }

    // A reference can come from outside the file (an environment or --var value): login is still
    // sent first.
    void referenceThroughAVariableFromOutside()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        const QString file = write("GET " + base + "/me?t={{tok}}\n\n###\n# @name login\nPOST " + base + "/login\n");
        const CliResult r = runCli({ QStringLiteral("run"), file, QStringLiteral("--var"),
            QStringLiteral("tok={{login.response.body.$.token}}") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().at(0).target, QByteArray("/login"));
        QCOMPARE(server.requests().at(1).target, QByteArray("/me?t=tok-1"));
    }

    // --parallel still sends a chain in order; unchained requests may overlap.
    void parallelKeepsChainsInOrder()
    {
        FakeServer server(route);
        const QByteArray base = server.url(QString()).toUtf8();
        QByteArray text = "GET " + base + "/me?t={{login.response.body.$.token}}\n";
        for (int i = 0; i < 6; ++i)
            text += "\n###\nGET " + base + "/free/" + QByteArray::number(i) + "\n";
        text += "\n###\n# @name login\nPOST " + base + "/login\n";
        const CliResult r
            = runCli({ QStringLiteral("run"), write(text), QStringLiteral("--parallel"), QStringLiteral("4") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<FakeRequest> got = server.requests();
        QCOMPARE(got.size(), 8);
        QCOMPARE(got.at(0).target, QByteArray("/login"));
        QCOMPARE(got.at(1).target, QByteArray("/me?t=tok-1"));
    }
};

QTEST_GUILESS_MAIN(tst_Chaining)
#include "tst_chaining.moc"
