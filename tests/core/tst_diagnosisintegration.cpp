// SPDX-License-Identifier: GPL-3.0-or-later
// The diagnosis against real servers started on loopback: nginx, Python's http.server, tinyproxy,
// and the CLI's text and JSON output.
#include "core/demo/DemoServer.h"
#include "core/diagnosis/ActiveChecks.h"
#include "core/diagnosis/Knowledge.h"
#include "core/http/Engine.h"
#include "tests/support/CliRunner.h"
#include "tests/support/ServerFixtures.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace verbscope::diagnosis;
using namespace verbscope::http;
using namespace verbscope::test;

namespace {
Diagnosis diagnose(const QByteArray &method, const QString &url, const QString &proxy = {}, bool bodyForPostPut = true)
{
    RequestSpec spec;
    spec.method = method;
    spec.url = url;
    spec.options.transport = TransportKind::Wire;
    spec.options.useEnvironmentProxy = false;
    spec.options.proxy = proxy;
    if (bodyForPostPut && (method == "POST" || method == "PUT")) {
        spec.body = "x=1";
        spec.hasBody = true;
    }
    Engine engine;
    ActiveChecks checks(&engine);
    QSignalSpy done(&checks, &ActiveChecks::finished);
    checks.start(spec, {});
    if (!checks.isFinished())
        done.wait(30000);
    return checks.diagnosis();
}

} // namespace

class tst_DiagnosisIntegration final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nginxPostToStaticFile()
    {
        NginxFixture nginx;
        VERBSCOPE_START_FIXTURE(nginx);
        const Diagnosis d = diagnose("POST", nginx.url(QStringLiteral("/index.html")));
        QCOMPARE(verdictId(d.classification.verdict), QStringLiteral("not-allowed"));
        QCOMPARE(d.exchange.response.head.reason, QByteArray("Not Allowed"));
        QCOMPARE(partyId(d.classification.answeredBy), QStringLiteral("origin"));
        QVERIFY(d.classification.serverHint);
        QCOMPARE(d.classification.serverHint->id, QStringLiteral("nginx"));
        QCOMPARE(allowStateId(d.classification.allowState), QStringLiteral("absent"));
        QVERIFY(d.finding(QStringLiteral("allow-missing")));
        QVERIFY(d.finding(QStringLiteral("reason-nonstandard")));
        const Suggestion *enable = d.suggestion(QStringLiteral("upgrade-or-enable"));
        QVERIFY(enable);
        QVERIFY2(enable->detail.contains(QLatin1String("dav_methods")), qPrintable(enable->detail));
    }

    void nginxLowerCaseVerb()
    {
        NginxFixture nginx;
        VERBSCOPE_START_FIXTURE(nginx);
        const Diagnosis d = diagnose("get", nginx.url(QStringLiteral("/index.html")));
        QCOMPARE(verdictId(d.classification.verdict), QStringLiteral("bad-request"));
        QVERIFY(d.finding(QStringLiteral("method-case")));
        const Suggestion *fix = d.suggestion(QStringLiteral("fix-method-name"));
        QVERIFY(fix && fix->verified.has_value() && *fix->verified);
    }

    void pythonServerWide501()
    {
        PythonHttpFixture python;
        VERBSCOPE_START_FIXTURE(python);
        const Diagnosis d = diagnose("PROPFIND", python.url(QStringLiteral("/index.html")));
        QCOMPARE(verdictId(d.classification.verdict), QStringLiteral("not-implemented"));
        QCOMPARE(scopeId(d.scope), QStringLiteral("server"));
        QCOMPARE(d.exchange.response.head.httpVersion, QStringLiteral("1.0"));
        QVERIFY(d.classification.serverHint);
        QCOMPARE(d.classification.serverHint->id, QStringLiteral("python-http-server"));
        const Finding *reason = d.finding(QStringLiteral("reason-nonstandard"));
        QVERIFY(reason && reason->detail.contains(QLatin1String("names the method")));
        QVERIFY(d.finding(QStringLiteral("not-implemented-cacheable")));
        QVERIFY(!d.finding(QStringLiteral("reason-rewritten")));
    }

    void pythonGetIsSupported()
    {
        PythonHttpFixture python;
        VERBSCOPE_START_FIXTURE(python);
        const Diagnosis d = diagnose("GET", python.url(QStringLiteral("/index.html")));
        QCOMPARE(verdictId(d.classification.verdict), QStringLiteral("supported"));
        QVERIFY(d.findings.isEmpty());
    }

    void throughTheProxyTheOriginAnswers()
    {
        PythonHttpFixture python;
        VERBSCOPE_START_FIXTURE(python);
        ProxyFixture proxy;
        VERBSCOPE_START_FIXTURE(proxy);
        const Diagnosis d = diagnose("PROPFIND", python.url(), proxy.url().chopped(1));
        QCOMPARE(verdictId(d.classification.verdict), QStringLiteral("not-implemented"));
        QCOMPARE(partyId(d.classification.answeredBy), QStringLiteral("origin"));
        QVERIFY(d.classification.via.join(QLatin1Char(' ')).contains(QLatin1String(ProxyFixture::ViaName)));
        QVERIFY(!d.finding(QStringLiteral("proxy-answered")));
    }

    // Every method behaviour of the built-in demo server, diagnosed end to end.
    void demoServer_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<QString>("answeredBy");
        QTest::addColumn<QString>("finding"); // one expected finding id, or empty
        QTest::addColumn<QString>("suggestion"); // one expected suggestion id, or empty
        QTest::newRow("405 + Allow") << QStringLiteral("/api/items/1") << QByteArray("PATCH")
                                     << QStringLiteral("not-allowed") << QStringLiteral("resource")
                                     << QStringLiteral("origin") << QString() << QStringLiteral("use-allowed-method");
        QTest::newRow("nginx-like 405") << QStringLiteral("/static/page.html") << QByteArray("DELETE")
                                        << QStringLiteral("not-allowed") << QString() << QString()
                                        << QStringLiteral("allow-missing") << QStringLiteral("add-allow-header");
        QTest::newRow("legacy server-wide 501")
            << QStringLiteral("/legacy/report") << QByteArray("PUT") << QStringLiteral("not-implemented")
            << QStringLiteral("server") << QString() << QStringLiteral("reason-nonstandard")
            << QStringLiteral("server-side-501-hygiene");
        QTest::newRow("501 stub") << QStringLiteral("/stub/export") << QByteArray("PATCH")
                                  << QStringLiteral("not-implemented") << QStringLiteral("resource") << QString()
                                  << QStringLiteral("not-implemented-cacheable")
                                  << QStringLiteral("server-side-501-hygiene");
        QTest::newRow("proxy 501") << QStringLiteral("/proxy/items/1") << QByteArray("PROPFIND")
                                   << QStringLiteral("not-implemented") << QString() << QStringLiteral("proxy")
                                   << QStringLiteral("proxy-answered") << QStringLiteral("bypass-or-fix-proxy");
        QTest::newRow("ignored verb") << QStringLiteral("/ignore") << QByteArray("FOO") << QStringLiteral("ignored")
                                      << QString() << QString() << QStringLiteral("method-ignored") << QString();
        QTest::newRow("403 access rule") << QStringLiteral("/forbidden/doc") << QByteArray("DELETE")
                                         << QStringLiteral("forbidden") << QString() << QString()
                                         << QStringLiteral("forbidden-not-method") << QString();
        QTest::newRow("411") << QStringLiteral("/length/upload") << QByteArray("POST")
                             << QStringLiteral("length-required") << QString() << QString() << QString()
                             << QStringLiteral("send-content-length");
        QTest::newRow("typo") << QStringLiteral("/strict/item") << QByteArray("GETT") << QStringLiteral("not-allowed")
                              << QString() << QString() << QStringLiteral("method-typo")
                              << QStringLiteral("fix-method-name");
        QTest::newRow("lower-case") << QStringLiteral("/strict/item") << QByteArray("get")
                                    << QStringLiteral("bad-request") << QString() << QString()
                                    << QStringLiteral("method-case") << QStringLiteral("fix-method-name");
        QTest::newRow("404 before routing")
            << QStringLiteral("/missing-route") << QByteArray("PATCH") << QStringLiteral("not-found") << QString()
            << QString() << QStringLiteral("checked-before-routing") << QString();
        QTest::newRow("empty Allow") << QStringLiteral("/spec/empty-allow") << QByteArray("PATCH")
                                     << QStringLiteral("not-allowed") << QString() << QString()
                                     << QStringLiteral("allow-empty") << QString();
        QTest::newRow("Allow vs OPTIONS")
            << QStringLiteral("/spec/inconsistent") << QByteArray("PATCH") << QStringLiteral("not-allowed") << QString()
            << QString() << QStringLiteral("allow-inconsistent") << QString();
        QTest::newRow("501 to GET") << QStringLiteral("/spec/get-501") << QByteArray("GET")
                                    << QStringLiteral("not-implemented") << QString() << QString()
                                    << QStringLiteral("get-head-not-implemented") << QString();
        QTest::newRow("odd reason") << QStringLiteral("/spec/odd-reason") << QByteArray("PATCH")
                                    << QStringLiteral("not-allowed") << QString() << QString()
                                    << QStringLiteral("reason-nonstandard") << QString();
    }
    void demoServer()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, method);
        QFETCH(QString, verdict);
        QFETCH(QString, scope);
        QFETCH(QString, answeredBy);
        QFETCH(QString, finding);
        QFETCH(QString, suggestion);
        verbscope::demo::DemoServer demo;
        QVERIFY(demo.listen(0));
        const Diagnosis d = diagnose(method, demo.url(path), {}, false);
        QStringList ids;
        for (const Finding &f : d.findings)
            ids << f.id;
        const QString got = QStringLiteral("%1 scope=%2 by=%3 findings=%4 (%5)")
                                .arg(verdictId(d.classification.verdict), scopeId(d.scope),
                                    partyId(d.classification.answeredBy), ids.join(QLatin1Char(',')), d.summary);
        QVERIFY2(verdictId(d.classification.verdict) == verdict, qPrintable(got));
        if (!scope.isEmpty())
            QVERIFY2(scopeId(d.scope) == scope, qPrintable(got));
        if (!answeredBy.isEmpty())
            QVERIFY2(partyId(d.classification.answeredBy) == answeredBy, qPrintable(got));
        if (!finding.isEmpty())
            QVERIFY2(d.finding(finding), qPrintable(got));
        if (!suggestion.isEmpty())
            QVERIFY2(d.suggestion(suggestion), qPrintable(got));
    }

    void demoOverrideIsVerifiedWithConsent()
    {
        verbscope::demo::DemoServer demo;
        QVERIFY(demo.listen(0));
        RequestSpec spec;
        spec.method = "PATCH";
        spec.url = demo.url(QStringLiteral("/override/items/1"));
        spec.body = "{\"name\":\"x\"}";
        spec.hasBody = true;
        spec.options.transport = TransportKind::Wire;
        spec.options.useEnvironmentProxy = false;
        Engine engine;
        ActiveChecks checks(&engine);
        QSignalSpy done(&checks, &ActiveChecks::finished);
        ActiveChecks::Options consent;
        consent.tryOverride = true;
        checks.start(spec, consent);
        QVERIFY(checks.isFinished() || done.wait(30000));
        const Suggestion *s = checks.diagnosis().suggestion(QStringLiteral("method-override"));
        QVERIFY(s);
        QVERIFY2(s->verified.has_value() && *s->verified, qPrintable(s->verification));
    }

    void cliTextAndJson()
    {
        PythonHttpFixture python;
        VERBSCOPE_START_FIXTURE(python);
        int code = -1;
        const QByteArray text = runCli(
            { QStringLiteral("diagnose"), QStringLiteral("-X"), QStringLiteral("DELETE"), python.url() }, &code);
        QCOMPARE(code, 0);
        QVERIFY2(text.contains("verdict:     not-implemented"), text.constData());
        QVERIFY(text.contains("answered by: origin (Python http.server)"));
        QVERIFY(text.contains("What to do:"));
        QVERIFY(text.contains("try: verbscope-cli send"));

        const QByteArray json = runCli({ QStringLiteral("diagnose"), QStringLiteral("--json"), QStringLiteral("-X"),
                                           QStringLiteral("DELETE"), python.url() },
            &code);
        QCOMPARE(code, 0);
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("verbscope.diagnosis/1"));
        QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("not-implemented"));
        QCOMPARE(o.value(QStringLiteral("scope")).toString(), QStringLiteral("server"));
        QCOMPARE(o.value(QStringLiteral("answeredBy")).toString(), QStringLiteral("origin"));
        QCOMPARE(o.value(QStringLiteral("allowHeader")).toString(), QStringLiteral("n/a"));
        QVERIFY(o.value(QStringLiteral("allow")).isNull());
        QCOMPARE(o.value(QStringLiteral("exchange")).toObject().value(QStringLiteral("fidelity")).toString(),
            QStringLiteral("wire"));
        QVERIFY(o.value(QStringLiteral("checks")).toArray().size() >= 2);
        for (const QJsonValue &s : o.value(QStringLiteral("suggestions")).toArray())
            QVERIFY(s.toObject().contains(QStringLiteral("verified")));
        for (const QJsonValue &f : o.value(QStringLiteral("findings")).toArray()) {
            const QJsonObject fo = f.toObject();
            QVERIFY(!fo.value(QStringLiteral("id")).toString().isEmpty());
            QVERIFY(fo.value(QStringLiteral("evidence")).isArray());
        }
    }

    void cliInvalidVerbIsAUsageErrorWithAHint()
    {
        QProcess p;
        p.start(qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("diagnose"), QStringLiteral("-X"), QStringLiteral("GE T"),
                QStringLiteral("http://127.0.0.1:9/") });
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("character 3, space"), err.constData());
    }

    // The diagnosis holds the body in memory: cut at the limit, it says so and exits 1 (issue 18),
    // as send --json does; the verdict is still given.
    void cliBodyOverTheMemoryLimitIsSaid()
    {
        verbscope::demo::DemoServer demo;
        QVERIFY(demo.listen(0));
        ProgramRun run(qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("diagnose"), QStringLiteral("--no-history"),
                QStringLiteral("http://127.0.0.1:%1/large?mb=3").arg(demo.port()) });
        run.environment.insert(QStringLiteral("VERBSCOPE_MAX_BODY_IN_MEMORY"), QStringLiteral("1M"));
        const CliResult r = runProgram(run);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("verdict:"), r.out.constData());
        QVERIFY2(r.err.contains("verbscope-cli diagnose: the diagnosis read only the first 1048576 of the 3145728 "
                                "bytes of the body (the in-memory limit)"),
            r.err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_DiagnosisIntegration)
#include "tst_diagnosisintegration.moc"
