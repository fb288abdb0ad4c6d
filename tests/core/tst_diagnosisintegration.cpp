// SPDX-License-Identifier: GPL-3.0-or-later
// The diagnosis against real servers started on loopback: nginx, Python's http.server, tinyproxy,
// and the CLI's text and JSON output.
#include "core/diagnosis/ActiveChecks.h"
#include "core/diagnosis/Knowledge.h"
#include "core/http/Engine.h"
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
Diagnosis diagnose(const QByteArray &method, const QString &url, const QString &proxy = {})
{
    RequestSpec spec;
    spec.method = method;
    spec.url = url;
    spec.options.transport = TransportKind::Wire;
    spec.options.useEnvironmentProxy = false;
    spec.options.proxy = proxy;
    if (method == "POST" || method == "PUT") {
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

QByteArray runCli(const QStringList &args, int *exitCode)
{
    QProcess p;
    p.start(qEnvironmentVariable("VERBSCOPE_CLI"), args);
    p.waitForStarted(5000);
    QDeadlineTimer deadline(30000);
    while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(5);
    *exitCode = p.exitCode();
    return p.readAllStandardOutput();
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

    void cliTextAndJson()
    {
        PythonHttpFixture python;
        VERBSCOPE_START_FIXTURE(python);
        int code = -1;
        const QByteArray text = runCli({QStringLiteral("diagnose"), QStringLiteral("-X"), QStringLiteral("DELETE"), python.url()}, &code);
        QCOMPARE(code, 0);
        QVERIFY2(text.contains("verdict:     not-implemented"), text.constData());
        QVERIFY(text.contains("answered by: origin (Python http.server)"));
        QVERIFY(text.contains("What to do:"));
        QVERIFY(text.contains("try: verbscope-cli send"));

        const QByteArray json = runCli({QStringLiteral("diagnose"), QStringLiteral("--json"), QStringLiteral("-X"),
                                        QStringLiteral("DELETE"), python.url()}, &code);
        QCOMPARE(code, 0);
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("verbscope.diagnosis/1"));
        QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("not-implemented"));
        QCOMPARE(o.value(QStringLiteral("scope")).toString(), QStringLiteral("server"));
        QCOMPARE(o.value(QStringLiteral("answeredBy")).toString(), QStringLiteral("origin"));
        QCOMPARE(o.value(QStringLiteral("allowHeader")).toString(), QStringLiteral("n/a"));
        QVERIFY(o.value(QStringLiteral("allow")).isNull());
        QCOMPARE(o.value(QStringLiteral("exchange")).toObject().value(QStringLiteral("fidelity")).toString(), QStringLiteral("wire"));
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
        p.start(qEnvironmentVariable("VERBSCOPE_CLI"), {QStringLiteral("diagnose"), QStringLiteral("-X"), QStringLiteral("GE T"),
                                                         QStringLiteral("http://127.0.0.1:9/")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("character 3, space"), err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_DiagnosisIntegration)
#include "tst_diagnosisintegration.moc"
