// SPDX-License-Identifier: GPL-3.0-or-later
// `verbscope-cli run` as CI runs it: a real process against a FakeServer; exit codes, the
// summary line, JUnit XML, unresolved variables, order with --parallel.
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"
#include "tests/support/ServerFixtures.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace verbscope::test;

namespace {
using Result = CliResult;

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// verbscope-cli import of `text` (as FILE.http) into `into`: the way a collection gets its marker.
void importHttp(const QString &scratch, const QString &into, const QByteArray &text)
{
    const QString source = QDir(scratch).filePath(QStringLiteral("shared.http"));
    writeFile(source, text);
    const CliResult r = runCli({ QStringLiteral("import"), source, QStringLiteral("--into"), into });
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

CliResult runCliWith(const QStringList &arguments, const QString &name, const QString &value)
{
    ProgramRun run(qEnvironmentVariable("VERBSCOPE_CLI"), arguments);
    run.environment.insert(name, value);
    return runProgram(run);
}

FakeResponse route(const FakeRequest &r)
{
    if (r.target.startsWith("/missing"))
        return FakeResponse::http(404, "Not Found", { { "Content-Type", "text/plain" } }, "no");
    if (r.method == "PURGE")
        return FakeResponse::http(405, "Method Not Allowed", { { "Allow", "GET, HEAD" } }, "");
    return FakeResponse::http(200, "OK", { { "Content-Type", "text/plain" } }, "fine");
}
} // namespace

class tst_RunCommand final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("VERBSCOPE_CLI").isEmpty(), "VERBSCOPE_CLI must point to verbscope-cli");
    }

    void credentialsDroppedAtARedirectAreSaid()
    {
        FakeServer other([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, "there"); });
        FakeServer first([&other](const FakeRequest &) {
            return FakeResponse::http(302, "Found", { { "Location", other.url(QStringLiteral("/landing")).toUtf8() } });
        });
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("r.http")),
            QStringLiteral("### Hop\nGET %1\nAuthorization: Bearer s3cret\nX-Api-Key: k\n")
                .arg(first.url(QStringLiteral("/start")))
                .toUtf8());
        const Result r = runCli({ QStringLiteral("run"), dir.filePath(QStringLiteral("r.http")) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("verbscope-cli run: r.http:2: Hop: warning: credentials dropped (Authorization, "
                                "X-Api-Key): redirect to another origin http://127.0.0.1:"),
            r.err.constData());
        QCOMPARE(other.requests().size(), 1);
        QVERIFY(!other.requests().at(0).head.contains("s3cret"));
        QVERIFY(!other.requests().at(0).head.contains("X-Api-Key"));
        const Result json
            = runCli({ QStringLiteral("run"), dir.filePath(QStringLiteral("r.http")), QStringLiteral("--json") });
        QVERIFY(json.out.contains("\"warnings\""));
        QVERIFY(json.out.contains("credentials dropped"));
    }

    // JUnit files are uploaded as CI artifacts: no report of run carries a URL's password or a
    // secret query value (docs/robustness.md, "Secrets").
    void secretsNeverInReports()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        const quint16 closed = freePort();
        writeFile(file,
            QStringLiteral("GET http://u:PASSW0RD@127.0.0.1:%1/missing?token=T0KEN&api_key=APIK3Y&q=1\n###\n"
                           "GET http://u:PASSW0RD@127.0.0.1:%2/refused?code=C0DE\n")
                .arg(server.port())
                .arg(closed)
                .toUtf8());
        const QString junit = dir.filePath(QStringLiteral("report.xml"));
        const Result r = runCli({ QStringLiteral("run"), file, QStringLiteral("--junit"), junit });
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(server.requests().size(), 1); // the password and the token were sent
        QVERIFY(server.requests().at(0).target.contains("token=T0KEN"));
        QFile f(junit);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray xml = f.readAll();
        QVERIFY2(xml.contains("<failure") && xml.contains("<error"), xml.constData());
        const Result json = runCli({ QStringLiteral("run"), file, QStringLiteral("--json") });
        QCOMPARE(json.exitCode, 3);
        QVERIFY(!QJsonDocument::fromJson(json.out).isNull());
        for (const QByteArray &out : { r.out, r.err, xml, json.out, json.err })
            for (const char *secret : { "PASSW0RD", "T0KEN", "APIK3Y", "C0DE" })
                QVERIFY2(!out.contains(secret), out.constData());
        QVERIFY2(r.out.contains("GET http://u:****@127.0.0.1:"), r.out.constData());
        QVERIFY(r.out.contains("/missing?token=****&api_key=****&q=1"));
        QVERIFY(xml.contains("/missing?token=****&amp;api_key=****&amp;q=1"));
        QVERIFY(json.out.contains("/missing?token=****&api_key=****&q=1"));
    }

    void allPassExitsZero()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("http-client.env.json")),
            QStringLiteral(R"({"local": {"host": "%1"}})").arg(server.url(QString())).toUtf8());
        writeFile(dir.filePath(QStringLiteral("api.http")),
            "### First\n# @name first\nGET {{host}}/one\n\n"
            "###\npropfind {{host}}/dav/\nDepth: 1\n\n<propfind/>\n\n"
            "### Custom\nLIST {{host}}/items\n");
        const Result r
            = runCli({ QStringLiteral("run"), dir.path(), QStringLiteral("--env"), QStringLiteral("local") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines.at(0).startsWith("PASS  first  GET http://127.0.0.1:"), lines.at(0).constData());
        QVERIFY(lines.at(0).contains("  200 OK  supported  "));
        QVERIFY(lines.at(0).endsWith(" ms"));
        QVERIFY(lines.at(1).contains("propfind"));
        QCOMPARE(lines.last(), QByteArray("3 passed, 0 failed"));
        const QList<FakeRequest> sent = server.requests();
        QCOMPARE(sent.size(), 3);
        QCOMPARE(sent.at(1).method, QByteArray("propfind")); // case kept on the wire
        QCOMPARE(sent.at(1).body, QByteArray("<propfind/>"));
        QCOMPARE(sent.at(2).method, QByteArray("LIST"));
    }

    void environmentCanTurnTlsVerificationOffVisibly()
    {
        NginxFixture nginx;
        nginx.enableTls();
        VERBSCOPE_START_FIXTURE(nginx);
        QTemporaryDir dir;
        const QString base = nginx.tlsUrl(QStringLiteral("/"));
        writeFile(dir.filePath(QStringLiteral("http-client.env.json")),
            QStringLiteral(R"({"strict": {"base": "%1"},
                "lab": {"base": "%1", "SSLConfiguration": {"verifyHostCertificate": false}}})")
                .arg(base)
                .toUtf8());
        writeFile(dir.filePath(QStringLiteral("api.http")), "GET {{base}}data.json\n");
        // TLS verification is on by default: the self-signed certificate is refused.
        Result r = runCli({ QStringLiteral("run"), dir.path(), QStringLiteral("--env"), QStringLiteral("strict") });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(!r.err.contains("NOT verified"), r.err.constData());
        // Per request: `# @insecure` above it, or -k for the whole run.
        writeFile(dir.filePath(QStringLiteral("insecure.http")), "# @insecure\nGET {{base}}data.json\n");
        r = runCli({ QStringLiteral("run"), dir.filePath(QStringLiteral("insecure.http")), QStringLiteral("--env"),
            QStringLiteral("strict") });
        QVERIFY2(r.exitCode == 0, QByteArray(r.err + r.out).constData());
        r = runCli({ QStringLiteral("run"), dir.filePath(QStringLiteral("api.http")), QStringLiteral("-k"),
            QStringLiteral("--env"), QStringLiteral("strict") });
        QVERIFY2(r.exitCode == 0, QByteArray(r.err + r.out).constData());
        // The environment turns it off, and the run says so.
        r = runCli({ QStringLiteral("run"), dir.filePath(QStringLiteral("api.http")), QStringLiteral("--env"),
            QStringLiteral("lab") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("TLS certificates are NOT verified: environment \"lab\""), r.err.constData());
        QVERIFY2(r.out.contains("1 passed, 0 failed"), r.out.constData());
    }

    void failedStatusIsExitFourOnlyWithFail()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        writeFile(file,
            QStringLiteral("GET %1\n###\nGET %2\n###\nPURGE %1\n")
                .arg(server.url(QStringLiteral("/ok")), server.url(QStringLiteral("/missing")))
                .toUtf8());
        Result r = runCli({ QStringLiteral("run"), file });
        QCOMPARE(r.exitCode, 0); // answers arrived
        QVERIFY(r.out.endsWith("1 passed, 2 failed\n"));
        QVERIFY(r.out.contains("FAIL  GET http://127.0.0.1:"));
        QVERIFY(r.out.contains("404 Not Found  not-found"));
        QVERIFY(r.out.contains("405 Method Not Allowed  not-allowed"));

        const QString junit = dir.filePath(QStringLiteral("report.xml"));
        r = runCli({ QStringLiteral("run"), file, QStringLiteral("--fail"), QStringLiteral("--junit"), junit });
        QCOMPARE(r.exitCode, 4);
        QFile f(junit);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        int cases = 0, failures = 0;
        QString suitesFailures;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("testsuites"))
                suitesFailures = xml.attributes().value(QLatin1String("failures")).toString();
            if (xml.name() == QLatin1String("testcase"))
                ++cases;
            if (xml.name() == QLatin1String("failure"))
                ++failures;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(cases, 3);
        QCOMPARE(failures, 2);
        QCOMPARE(suitesFailures, QStringLiteral("2"));
    }

    // A 405 pinned with assertions passes; one wrong assertion fails the request, exit 4 only with --fail.
    void assertionsDecidePassAndFail()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        writeFile(file,
            QStringLiteral("### Purge refused\nPURGE %1\n\n?? status == 405\n?? verdict == not-allowed\n"
                           "?? allow == HEAD, GET\n?? finding allow-missing !exists\n"
                           "### Wrong pin\nPURGE %1\n\n?? status == 405\n?? allow == GET, POST\n"
                           "### Plain\nGET %1\n")
                .arg(server.url(QStringLiteral("/x")))
                .toUtf8());
        Result r = runCli({ QStringLiteral("run"), file });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.endsWith("2 passed, 1 failed\n"), r.out.constData());
        QVERIFY2(r.out.contains("PASS  Purge refused  PURGE"), r.out.constData());
        QVERIFY(r.out.contains("  pass  a.http:5  verdict == not-allowed\n"));
        QVERIFY(r.out.contains("FAIL  Wrong pin  PURGE"));
        QVERIFY(r.out.contains("  FAIL  a.http:12  allow == GET, POST: got GET, HEAD\n"));

        const QString junit = dir.filePath(QStringLiteral("report.xml"));
        r = runCli({ QStringLiteral("run"), file, QStringLiteral("--fail"), QStringLiteral("--junit"), junit,
            QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 4);
        const QJsonArray results = QJsonDocument::fromJson(r.out).object().value(QLatin1String("results")).toArray();
        QCOMPARE(results.size(), 3);
        const QJsonArray wrong = results.at(1).toObject().value(QLatin1String("assertions")).toArray();
        QCOMPARE(wrong.size(), 2);
        QCOMPARE(wrong.at(1).toObject().value(QLatin1String("line")).toInt(), 12);
        QCOMPARE(wrong.at(1).toObject().value(QLatin1String("passed")).toBool(), false);
        QCOMPARE(wrong.at(1).toObject().value(QLatin1String("message")).toString(), QStringLiteral("got GET, HEAD"));
        QVERIFY(!results.at(2).toObject().contains(QLatin1String("assertions")));

        QFile f(junit);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        QStringList cases, failures;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("testcase"))
                cases << xml.attributes().value(QLatin1String("name")).toString() + QLatin1Char(':')
                        + xml.attributes().value(QLatin1String("line")).toString();
            if (xml.isStartElement() && xml.name() == QLatin1String("failure"))
                failures << xml.attributes().value(QLatin1String("message")).toString();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(cases.size(), 7); // 4 + 2 assertions, and the request without any
        QVERIFY2(cases.contains(QStringLiteral("Wrong pin: allow == GET, POST:12")), qPrintable(cases.join(u' ')));
        QCOMPARE(failures, QStringList { QStringLiteral("got GET, HEAD") });
    }

    // --bail: after the first failed request nothing more reaches the server.
    void bailStopsSending()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        writeFile(file,
            QStringLiteral("GET %1\n\n?? status == 200\n###\nGET %1\n\n?? status == 201\n###\nGET %1\n###\nGET %1\n")
                .arg(server.url(QStringLiteral("/x")))
                .toUtf8());
        Result r = runCli({ QStringLiteral("run"), file, QStringLiteral("--bail") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.endsWith("1 passed, 1 failed, 2 not run (--bail)\n"), r.out.constData());
        QCOMPARE(server.requests().size(), 2);
        r = runCli({ QStringLiteral("run"), file });
        QVERIFY2(r.out.endsWith("3 passed, 1 failed\n"), r.out.constData());
        QCOMPARE(server.requests().size(), 6);
    }

    // `?? js` runs on the run's script engine: a false expression fails the request, with the value.
    void javaScriptAssertionsRun()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        writeFile(file,
            QStringLiteral("GET %1\n\n?? js response.statusCode == 200\n?? js response.status == 201\n")
                .arg(server.url(QStringLiteral("/x")))
                .toUtf8());
        const Result r = runCli({ QStringLiteral("run"), file, QStringLiteral("--fail") });
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.out.contains("  pass  a.http:3  js response.statusCode == 200\n"), r.out.constData());
        QVERIFY2(r.out.contains("  FAIL  a.http:4  js response.status == 201: "), r.out.constData());
    }

    void transportErrorIsExitThree()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        const quint16 closed = freePort();
        writeFile(file,
            QStringLiteral("GET %1\n###\nGET http://127.0.0.1:%2/refused\n")
                .arg(server.url(QStringLiteral("/ok")))
                .arg(closed)
                .toUtf8());
        const QString junit = dir.filePath(QStringLiteral("report.xml"));
        Result r = runCli({ QStringLiteral("run"), file, QStringLiteral("--junit"), junit });
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.out.contains("transport-error"));
        QVERIFY(r.out.endsWith("1 passed, 1 failed\n"));
        QFile f(junit);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("<error message=\"refused"));
        r = runCli({ QStringLiteral("run"), file, QStringLiteral("--fail") });
        QCOMPARE(r.exitCode, 4);
    }

    void unresolvedVariablesAreReportedBeforeSending()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("vars.http"));
        writeFile(file,
            QStringLiteral("GET %1\n\n###\nGET %1?q={{missing}}\nX-Token: {{token}}\n")
                .arg(server.url(QStringLiteral("/ok")))
                .toUtf8());
        const Result r = runCli({ QStringLiteral("run"), file });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("vars.http:4:"), r.err.constData());
        QVERIFY(r.err.contains("unresolved variable {{missing}}"));
        QVERIFY(r.err.contains("vars.http:5:10: unresolved variable {{token}}"));
        QCOMPARE(server.requests().size(), 0); // nothing was sent
    }

    // The issue's case: `// CreateTodoListCommand` above a JSON body was sent as its first line.
    void commentsInsideARequestAreNotSent()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("todo.http"));
        writeFile(file,
            QStringLiteral("POST %1\n"
                           "# the JSON API\n"
                           "Content-Type: application/json\n"
                           "// X-Disabled: 1\n"
                           "X-Trace: {{ $random.hexadecimal(4) }}\n"
                           "\n"
                           "// CreateTodoListCommand\n"
                           "{\n"
                           "  \"title\": \"x\" // after the body began: body\n"
                           "}\n")
                .arg(server.url(QStringLiteral("/todo")))
                .toUtf8());
        const Result r = runCli({ QStringLiteral("run"), file });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 1);
        const FakeRequest sent = server.requests().at(0);
        QCOMPARE(sent.body, QByteArray("{\n  \"title\": \"x\" // after the body began: body\n}"));
        QVERIFY2(!sent.head.contains("X-Disabled") && !sent.head.contains("JSON API"), sent.head.constData());
        QVERIFY2(QRegularExpression(QStringLiteral("\r\nX-Trace: [0-9a-f]{4}\r\n"))
                     .match(QString::fromLatin1(sent.head))
                     .hasMatch(),
            sent.head.constData());
    }

    // An unknown {{$variable}} stops the run before anything is sent, pinned and with a suggestion.
    void unknownDynamicVariableIsAParseError()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("d.http"));
        writeFile(file, QStringLiteral("GET %1?id={{$guidd}}\n").arg(server.url(QStringLiteral("/x"))).toUtf8());
        const Result r = runCli({ QStringLiteral("run"), file });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(
            r.err.contains("d.http:1:") && r.err.contains("unknown dynamic variable $guidd (nearest known: $guid)"),
            r.err.constData());
        QCOMPARE(server.requests().size(), 0);
    }

    // --var answers a @prompt and overrides the file's and the environment's variables.
    void varAnswersPromptsAndOverrides()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("http-client.env.json")),
            QStringLiteral(R"({"local": {"host": "%1", "who": "env"}})").arg(server.url(QString())).toUtf8());
        const QString file = dir.filePath(QStringLiteral("p.http"));
        writeFile(file,
            "@who = file\n"
            "###\n"
            "# @prompt otp one-time password\n"
            "GET {{host}}/login?otp={{otp}}&who={{who}}\n");
        Result r = runCli({ QStringLiteral("run"), file, QStringLiteral("--env"), QStringLiteral("local") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("p.http:3: @prompt otp (one-time password): run does not ask; give it with --var "
                                "otp=VALUE"),
            r.err.constData());
        QCOMPARE(server.requests().size(), 0);

        r = runCli({ QStringLiteral("run"), file, QStringLiteral("--env"), QStringLiteral("local"),
            QStringLiteral("--var"), QStringLiteral("otp=12 34"), QStringLiteral("--var"), QStringLiteral("who=cli") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().at(0).target, QByteArray("/login?otp=12%2034&who=cli"));

        r = runCli({ QStringLiteral("run"), file, QStringLiteral("--var"), QStringLiteral("=x") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--var \"=x\": expected NAME=VALUE"), r.err.constData());
    }

    // `# @no-auto-encoding`: the target goes out as typed (here: raw UTF-8), not percent-encoded.
    void noAutoEncodingSendsTheTargetAsTyped()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("e.http"));
        writeFile(file,
            QStringLiteral("GET %1\n\n###\n# @no-auto-encoding\nGET %1\n")
                .arg(server.url(QStringLiteral("/caf\u00e9")))
                .toUtf8());
        const Result r = runCli({ QStringLiteral("run"), file });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().at(0).target, QByteArray("/caf%C3%A9"));
        QCOMPARE(server.requests().at(1).target, QByteArray("/caf\xc3\xa9"));
    }

    void badInputIsAUsageError_data()
    {
        QTest::addColumn<QByteArray>("envJson");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("missing path") << QByteArray() << QStringList { QStringLiteral("/nonexistent/verbscope.http") }
                                      << QByteArray("/nonexistent/verbscope.http: no such file or directory");
        QTest::newRow("malformed environment")
            << QByteArray("{\"dev\": {") << QStringList() << QByteArray("http-client.env.json: offset");
        QTest::newRow("environment root not an object")
            << QByteArray("[1, 2]") << QStringList() << QByteArray("expected a JSON object of environments");
        QTest::newRow("parallel zero") << QByteArray()
                                       << QStringList { QStringLiteral("--parallel"), QStringLiteral("0") }
                                       << QByteArray("--parallel \"0\": expected a whole number, 1 or more");
        QTest::newRow("parallel too many")
            << QByteArray() << QStringList { QStringLiteral("--parallel"), QStringLiteral("100000") }
            << QByteArray("--parallel \"100000\": at most 64 requests at once");
    }
    void badInputIsAUsageError()
    {
        QFETCH(QByteArray, envJson);
        QFETCH(QStringList, extra);
        QFETCH(QByteArray, message);
        FakeServer server(route);
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("a.http")), QStringLiteral("GET %1\n").arg(server.url()).toUtf8());
        if (!envJson.isEmpty())
            writeFile(dir.filePath(QStringLiteral("http-client.env.json")), envJson);
        QStringList args { QStringLiteral("run") };
        if (extra.isEmpty() || extra.first().startsWith(QLatin1String("--")))
            args << dir.path();
        const Result r = runCli(args + extra);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QCOMPARE(server.requests().size(), 0);
    }

    void parseErrorsStopTheRun()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("bad.http"));
        writeFile(file, "GE@T http://127.0.0.1:1/\n");
        const Result r = runCli({ QStringLiteral("run"), file });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("bad.http:1:3: error:"), r.err.constData());
    }

    void parallelKeepsFileOrder()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("many.http"));
        QByteArray text;
        for (int i = 0; i < 12; ++i)
            text
                += QStringLiteral("### r%1\nGET %2\n\n").arg(i).arg(server.url(QStringLiteral("/n%1").arg(i))).toUtf8();
        writeFile(file, text);
        const Result r = runCli({ QStringLiteral("run"), file, QStringLiteral("--parallel"), QStringLiteral("4"),
            QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("verbscope.run/1"));
        const QJsonArray results = o.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 12);
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(results.at(i).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("r%1").arg(i));
            QCOMPARE(results.at(i).toObject().value(QStringLiteral("status")).toInt(), 200);
        }
        QCOMPARE(o.value(QStringLiteral("passed")).toInt(), 12);
        QCOMPARE(server.requests().size(), 12);
        QVERIFY(r.err.contains("12 passed, 0 failed"));
    }

    // Issue 18: an imported file's `< /etc/hostname` was sent with no warning. An import marks
    // the collection; its requests reach files outside it only with --allow-local-files.
    void importedLocalFileNeedsConsent_data()
    {
        QTest::addColumn<QString>("reference"); // %1: the scratch folder outside the collection
        QTest::newRow("absolute path") << QStringLiteral("%1/secret.txt");
        QTest::newRow("../ out of the folder") << QStringLiteral("../secret.txt");
        QTest::newRow("<@ substituted file") << QStringLiteral("%1/secret.txt");
    }
    void importedLocalFileNeedsConsent()
    {
        QFETCH(QString, reference);
        FakeServer server(route);
        QTemporaryDir scratch;
        const QString collection = scratch.filePath(QStringLiteral("coll"));
        writeFile(scratch.filePath(QStringLiteral("secret.txt")), "host-secret");
        const QString op = QLatin1String(QTest::currentDataTag()).startsWith(QLatin1String("<@")) ? QStringLiteral("<@")
                                                                                                  : QStringLiteral("<");
        importHttp(scratch.path(), collection,
            QStringLiteral("### Upload\nPOST %1\nContent-Type: text/plain\n\n%2 %3\n")
                .arg(server.url(QStringLiteral("/up")), op,
                    QString(reference).replace(QStringLiteral("%1"), scratch.path()))
                .toUtf8());
        Result r = runCli({ QStringLiteral("run"), collection });
        QCOMPARE(r.exitCode, 2);
        const QString target = QDir::cleanPath(
            QDir(collection).absoluteFilePath(QString(reference).replace(QStringLiteral("%1"), scratch.path())));
        const QByteArray expected = "verbscope-cli run: shared.http:5: reads " + target.toUtf8()
            + " (a local file outside the imported collection): allow with --allow-local-files";
        QVERIFY2(r.err.contains(expected), r.err.constData());
        QVERIFY2(r.err.contains("nothing was sent"), r.err.constData());
        QCOMPARE(server.requests().size(), 0);

        r = runCli({ QStringLiteral("run"), collection, QStringLiteral("--allow-local-files") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().at(0).body, QByteArray("host-secret"));
    }

    // A file next to the imported ones is the collection's own: sent without asking.
    void importedFileInsideTheCollectionIsSent()
    {
        FakeServer server(route);
        QTemporaryDir scratch;
        const QString collection = scratch.filePath(QStringLiteral("coll"));
        importHttp(scratch.path(), collection,
            QStringLiteral("POST %1\nContent-Type: text/plain\n\n< ./data/payload.txt\n")
                .arg(server.url(QStringLiteral("/up")))
                .toUtf8());
        QVERIFY(QDir().mkpath(collection + QStringLiteral("/data")));
        writeFile(collection + QStringLiteral("/data/payload.txt"), "inside");
        const Result r = runCli({ QStringLiteral("run"), collection });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().at(0).body, QByteArray("inside"));
    }

    void importedProcessEnvNeedsConsent()
    {
        FakeServer server(route);
        QTemporaryDir scratch;
        const QString collection = scratch.filePath(QStringLiteral("coll"));
        const QString var = QStringLiteral("VERBSCOPE_TEST_SECRET");
        // Through an imported environment value too: the request line names {{token}} only.
        importHttp(scratch.path(), collection,
            QStringLiteral("@token = {{$processEnv %1}}\n\n### Who\nGET %2\nX-Token: {{token}}\n")
                .arg(var, server.url(QStringLiteral("/who")))
                .toUtf8());
        Result r = runCliWith({ QStringLiteral("run"), collection }, var, QStringLiteral("env-s3cret"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("verbscope-cli run: shared.http:5: reads $processEnv VERBSCOPE_TEST_SECRET (the "
                                "process environment): allow with --allow-env"),
            r.err.constData());
        QVERIFY(!r.err.contains("env-s3cret"));
        QCOMPARE(server.requests().size(), 0);
        r = runCliWith({ QStringLiteral("run"), collection, QStringLiteral("--allow-local-files") }, var,
            QStringLiteral("env-s3cret"));
        QCOMPARE(r.exitCode, 2); // the other permission does not cover it

        r = runCliWith(
            { QStringLiteral("run"), collection, QStringLiteral("--allow-env") }, var, QStringLiteral("env-s3cret"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 1);
        QVERIFY2(
            server.requests().at(0).head.contains("X-Token: env-s3cret\r\n"), server.requests().at(0).head.constData());
    }

    // What the user wrote is theirs: no marker, no question, as before.
    void handWrittenCollectionIsUnchanged()
    {
        FakeServer server(route);
        QTemporaryDir scratch;
        writeFile(scratch.filePath(QStringLiteral("secret.txt")), "mine");
        QVERIFY(QDir().mkpath(scratch.filePath(QStringLiteral("coll"))));
        writeFile(scratch.filePath(QStringLiteral("coll/own.http")),
            QStringLiteral("POST %1\nX-Home: {{$processEnv VERBSCOPE_TEST_SECRET}}\n\n< %2\n")
                .arg(server.url(QStringLiteral("/up")), scratch.filePath(QStringLiteral("secret.txt")))
                .toUtf8());
        const Result r = runCliWith({ QStringLiteral("run"), scratch.filePath(QStringLiteral("coll")) },
            QStringLiteral("VERBSCOPE_TEST_SECRET"), QStringLiteral("v"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().at(0).body, QByteArray("mine"));
    }

    // --trust is remembered in the marker; a later import into the same folder asks again.
    void trustIsRememberedPerImport()
    {
        FakeServer server(route);
        QTemporaryDir scratch;
        const QString collection = scratch.filePath(QStringLiteral("coll"));
        writeFile(scratch.filePath(QStringLiteral("secret.txt")), "s");
        const QByteArray text
            = QStringLiteral("POST %1\n\n< %2\n")
                  .arg(server.url(QStringLiteral("/up")), scratch.filePath(QStringLiteral("secret.txt")))
                  .toUtf8();
        importHttp(scratch.path(), collection, text);
        Result r = runCli({ QStringLiteral("run"), collection, QStringLiteral("--trust") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("trusted the imported files of"), r.err.constData());
        r = runCli({ QStringLiteral("run"), collection });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 2);

        importHttp(scratch.path(), collection, text); // written as shared-2.http
        r = runCli({ QStringLiteral("run"), collection });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("verbscope-cli run: shared-2.http:"), r.err.constData());
        QVERIFY2(!r.err.contains("run: shared.http:"), r.err.constData());
        QCOMPARE(server.requests().size(), 2);
    }

    // Issue 18: a 54 MB .http file took 1.3 GB to parse. Above the limit it is refused, named, with
    // its size; --max-file-size moves the limit (lowered here so the test stays small).
    void oversizedFileIsRefused()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("big.http"));
        QByteArray text = QStringLiteral("GET %1\n\n").arg(server.url()).toUtf8();
        text += "# " + QByteArray(1024 * 1024 + 100, 'x') + '\n';
        writeFile(file, text);
        Result r = runCli({ QStringLiteral("run"), file, QStringLiteral("--max-file-size"), QStringLiteral("1") });
        QCOMPARE(r.exitCode, 2);
        const QByteArray expected = "verbscope-cli run: " + file.toUtf8()
            + ": 1.0 MiB, above the limit of 1 MiB for a .http file (--max-file-size MIB raises it)";
        QVERIFY2(r.err.contains(expected), r.err.constData());
        QCOMPARE(server.requests().size(), 0);
        r = runCli({ QStringLiteral("run"), file, QStringLiteral("--max-file-size"), QStringLiteral("2") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 1);
        r = runCli({ QStringLiteral("run"), file, QStringLiteral("--max-file-size"), QStringLiteral("0") });
        QCOMPARE(r.exitCode, 2);
    }

    void nameSelectsOneRequest()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        writeFile(file,
            QStringLiteral("# @name one\nGET %1\n\n###\n# @name two\nDELETE %2\n")
                .arg(server.url(QStringLiteral("/1")), server.url(QStringLiteral("/2")))
                .toUtf8());
        Result r = runCli({ QStringLiteral("run"), file, QStringLiteral("--name"), QStringLiteral("two") });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().first().method, QByteArray("DELETE"));
        r = runCli({ QStringLiteral("run"), file, QStringLiteral("--name"), QStringLiteral("three") });
        QCOMPARE(r.exitCode, 2);
        r = runCli({ QStringLiteral("run"), file, QStringLiteral("--env"), QStringLiteral("nope") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("no environment \"nope\""));
    }
};

QTEST_GUILESS_MAIN(tst_RunCommand)
#include "tst_runcommand.moc"
