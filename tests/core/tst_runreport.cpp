// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/RunReport.h"
#include "core/demo/DemoServer.h"
#include "core/diagnosis/Classifier.h"
#include "core/http/Engine.h"
#include "tests/support/ExchangeBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>
#include <QXmlStreamReader>

using namespace verbscope;
using namespace verbscope::collections;
using verbscope::test::exchange;

namespace {
RunTest runTest(RunTest::Kind kind, const QString &name, int line, bool passed, const QString &message = {})
{
    RunTest t;
    t.kind = kind;
    t.name = name;
    t.line = line;
    t.passed = passed;
    t.message = message;
    return t;
}

RunStep step(const QString &file, int line, const QString &name, const http::Exchange &ex, bool passed)
{
    RunStep s;
    s.file = file;
    s.line = line;
    s.name = name;
    s.sent = true;
    s.spec.method = ex.request.method;
    s.spec.url = ex.request.url;
    s.spec.headers = ex.request.headers;
    s.exchange = ex;
    s.verdict = diagnosis::verdictId(diagnosis::Classifier::verdict(ex));
    s.passed = passed;
    return s;
}

const QString Url = QStringLiteral("http://127.0.0.1:9/items");

// Six requests over two files: every kind of JUnit test case.
QList<RunStep> mixedRun()
{
    QList<RunStep> steps;
    steps << step(QStringLiteral("a.http"), 1, QStringLiteral("ok"), exchange().request("GET", Url).status(200), true);
    steps << step(
        QStringLiteral("a.http"), 3, QStringLiteral("missing"), exchange().request("GET", Url).status(404), false);
    http::Exchange refused = exchange().request("GET", Url);
    refused.error = { http::ErrorKind::Refused, QStringLiteral("connection refused") };
    steps << step(QStringLiteral("a.http"), 5, QStringLiteral("down"), refused, false);

    RunStep tested = step(QStringLiteral("b.http"), 1, QStringLiteral("create"),
        exchange().request("POST", Url).status(201).body(R"({"id":7})"), false);
    tested.tests
        << runTest(RunTest::Kind::Assertion, QStringLiteral("status == 201"), 4, true)
        << runTest(RunTest::Kind::Assertion, QStringLiteral("body $.id == 8"), 5, false, QStringLiteral("got 7"))
        << runTest(RunTest::Kind::ScriptTest, QStringLiteral("id is even"), 8, false, QStringLiteral("expected even"))
        << runTest(RunTest::Kind::ScriptError, QStringLiteral("ReferenceError: nope is not defined"), 9, false);
    tested.tests[2].file = QStringLiteral("checks/create.js");
    tested.log << QStringLiteral("created 7");
    tested.notes << QStringLiteral("saved the response to out.json");
    steps << tested;

    RunStep unsent;
    unsent.file = QStringLiteral("b.http");
    unsent.line = 12;
    unsent.name = QStringLiteral("uses token");
    unsent.spec.url = Url;
    unsent.problems << QStringLiteral("b.http:13:9: {{token}} is not defined");
    steps << unsent;

    RunStep row = step(
        QStringLiteral("b.http"), 20, QStringLiteral("per row"), exchange().request("GET", Url).status(200), true);
    row.iteration = 2;
    row.dependency = true;
    steps << row;
    return steps;
}

RunSummary summaryOf(const QList<RunStep> &steps)
{
    RunSummary s;
    s.collection = QStringLiteral("demo");
    s.environment = QStringLiteral("dev");
    s.startedAt = QDateTime(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::utc());
    for (const RunStep &st : steps)
        (st.passed ? s.passed : s.failed) += 1;
    return s;
}

struct JUnitCase {
    QString name, file, line, outcome, message, type, out;
};

QList<JUnitCase> junitCases(const QByteArray &xml, QMap<QString, QString> *totals, QString *error)
{
    QList<JUnitCase> cases;
    QXmlStreamReader r(xml);
    while (!r.atEnd()) {
        r.readNext();
        if (!r.isStartElement())
            continue;
        const auto a = r.attributes();
        if (r.name() == QLatin1String("testsuites"))
            for (const char *k : { "tests", "failures", "errors", "name" })
                totals->insert(QString::fromLatin1(k), a.value(QLatin1String(k)).toString());
        if (r.name() == QLatin1String("testsuite"))
            totals->insert(
                QStringLiteral("suites"), QString::number(totals->value(QStringLiteral("suites")).toInt() + 1));
        if (r.name() == QLatin1String("testcase"))
            cases.append({ a.value(QLatin1String("name")).toString(), a.value(QLatin1String("file")).toString(),
                a.value(QLatin1String("line")).toString(), QStringLiteral("pass"), {}, {}, {} });
        if (r.name() == QLatin1String("failure") || r.name() == QLatin1String("error")) {
            cases.last().outcome = r.name().toString();
            cases.last().message = a.value(QLatin1String("message")).toString();
            cases.last().type = a.value(QLatin1String("type")).toString();
        }
        if (r.name() == QLatin1String("system-out"))
            cases.last().out = r.readElementText();
    }
    *error = r.hasError() ? r.errorString() : QString();
    return cases;
}

// The tags of the page (outside text, where the escaped run data lives).
QStringList tagsOf(const QString &html)
{
    static const QRegularExpression tag(QStringLiteral("<[A-Za-z!/][^>]*>"));
    QStringList out;
    for (auto it = tag.globalMatch(html); it.hasNext();)
        out << it.next().captured(0);
    return out;
}
} // namespace

class TstRunReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // One test case per request without tests, one per test otherwise; a script error, a request
    // not sent and no answer are errors, a wrong status or a failed test a failure.
    void junitCases()
    {
        const QList<RunStep> steps = mixedRun();
        QMap<QString, QString> totals;
        QString error;
        const QList<JUnitCase> cases = ::junitCases(RunReport::junit(steps, summaryOf(steps)), &totals, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(totals.value(QStringLiteral("name")), QStringLiteral("demo"));
        QCOMPARE(totals.value(QStringLiteral("suites")), QStringLiteral("2"));
        QCOMPARE(totals.value(QStringLiteral("tests")), QStringLiteral("9"));
        QCOMPARE(totals.value(QStringLiteral("failures")), QStringLiteral("3"));
        QCOMPARE(totals.value(QStringLiteral("errors")), QStringLiteral("3"));
        QStringList got;
        for (const JUnitCase &c : cases)
            got << QStringLiteral("%1|%2:%3|%4|%5|%6").arg(c.name, c.file, c.line, c.outcome, c.type, c.message);
        const QStringList expected {
            QStringLiteral("ok|a.http:1|pass||"),
            QStringLiteral("missing|a.http:3|failure|not-found|404 Not Found"),
            QStringLiteral("down|a.http:5|error|other|refused: connection refused"),
            QStringLiteral("create: status == 201|b.http:4|pass||"),
            QStringLiteral("create: body $.id == 8|b.http:5|failure|assertion|got 7"),
            QStringLiteral("create: id is even|checks/create.js:8|failure|client.test|expected even"),
            QStringLiteral(
                "create: ReferenceError: nope is not defined|b.http:9|error|script-error|ReferenceError: nope "
                "is not defined"),
            QStringLiteral("uses token|b.http:12|error|not-sent|b.http:13:9: {{token}} is not defined"),
            QStringLiteral("per row [row 3]|b.http:20|pass||"),
        };
        // "down"'s verdict is whatever the classifier calls no answer: compare it from the step.
        QStringList want = expected;
        want[2].replace(QLatin1String("|other|"), QLatin1Char('|') + steps.at(2).verdict + QLatin1Char('|'));
        QCOMPARE(got, want);
        QCOMPARE(cases.at(3).out, QStringLiteral("saved the response to out.json\nlog: created 7"));
        QVERIFY(cases.at(4).out.isEmpty()); // the log once per request, not once per test
        QCOMPARE(cases.at(8).out, QStringLiteral("sent first: a later request referenced it"));
    }

    void jsonShape()
    {
        const QList<RunStep> steps = mixedRun();
        const QJsonObject o = RunReport::json(steps, summaryOf(steps));
        QCOMPARE(o.value(QLatin1String("format")).toString(), QStringLiteral("verbscope.run/1"));
        QCOMPARE(o.value(QLatin1String("environment")).toString(), QStringLiteral("dev"));
        QCOMPARE(o.value(QLatin1String("passed")).toInt(), 2);
        QCOMPARE(o.value(QLatin1String("failed")).toInt(), 4);
        QCOMPARE(o.value(QLatin1String("startedAt")).toString(), QStringLiteral("2026-12-01T10:00:00.000Z"));
        const QJsonArray results = o.value(QLatin1String("results")).toArray();
        QCOMPARE(results.size(), 6);
        QCOMPARE(results.at(1).toObject().value(QLatin1String("status")).toInt(), 404);
        QVERIFY(results.at(2).toObject().contains(QLatin1String("error")));
        QVERIFY(!results.at(0).toObject().contains(QLatin1String("tests")));

        const QJsonObject create = results.at(3).toObject();
        const QJsonArray assertions = create.value(QLatin1String("assertions")).toArray();
        QCOMPARE(assertions.size(), 2); // only the `??` lines, as verbscope.run/1 always had them
        QCOMPARE(assertions.at(1).toObject().value(QLatin1String("text")).toString(), QStringLiteral("body $.id == 8"));
        QCOMPARE(assertions.at(1).toObject().value(QLatin1String("message")).toString(), QStringLiteral("got 7"));
        const QJsonArray tests = create.value(QLatin1String("tests")).toArray();
        QStringList kinds;
        for (const QJsonValue &t : tests)
            kinds << t.toObject().value(QLatin1String("kind")).toString();
        QCOMPARE(kinds,
            (QStringList { QStringLiteral("assertion"), QStringLiteral("assertion"), QStringLiteral("test"),
                QStringLiteral("script-error") }));
        QCOMPARE(tests.at(2).toObject().value(QLatin1String("file")).toString(), QStringLiteral("checks/create.js"));
        QCOMPARE(create.value(QLatin1String("log")).toArray(), QJsonArray { QStringLiteral("created 7") });
        QCOMPARE(create.value(QLatin1String("notes")).toArray(),
            QJsonArray { QStringLiteral("saved the response to out.json") });

        const QJsonObject unsent = results.at(4).toObject();
        QCOMPARE(unsent.value(QLatin1String("sent")).toBool(true), false);
        QCOMPARE(unsent.value(QLatin1String("problems")).toArray().size(), 1);
        const QJsonObject row = results.at(5).toObject();
        QCOMPARE(row.value(QLatin1String("row")).toInt(), 3);
        QCOMPARE(row.value(QLatin1String("name")).toString(), QStringLiteral("per row"));
        QCOMPARE(row.value(QLatin1String("dependency")).toBool(), true);
        QVERIFY(!results.at(0).toObject().contains(QLatin1String("row")));
    }

    // A body, header, test name and log line built to break out of the page stay text.
    void htmlKeepsHostileTextInert()
    {
        const QByteArray hostile = "</script><img src=x onerror=alert(1)><script>alert(2)</script>";
        RunStep s = step(QStringLiteral("x<y>.http"), 1, QStringLiteral("<b>name</b>"),
            exchange().request("GET", Url).status(200).header("X-Evil", hostile).body("<p>" + hostile + "</p>"), false);
        s.tests << runTest(RunTest::Kind::ScriptTest, QString::fromUtf8(hostile), 3, false, QString::fromUtf8(hostile));
        s.log << QString::fromUtf8(hostile);
        s.problems << QStringLiteral("x.http:1: %1 \"quoted\"").arg(QString::fromUtf8(hostile));
        const QString html = QString::fromUtf8(RunReport::html({ s }, summaryOf({ s })));
        static const QSet<QString> allowed { QStringLiteral("html"), QStringLiteral("head"), QStringLiteral("meta"),
            QStringLiteral("title"), QStringLiteral("style"), QStringLiteral("body"), QStringLiteral("header"),
            QStringLiteral("h1"), QStringLiteral("h3"), QStringLiteral("p"), QStringLiteral("span"),
            QStringLiteral("nav"), QStringLiteral("button"), QStringLiteral("main"), QStringLiteral("details"),
            QStringLiteral("summary"), QStringLiteral("b"), QStringLiteral("code"), QStringLiteral("pre"),
            QStringLiteral("table"), QStringLiteral("tr"), QStringLiteral("th"), QStringLiteral("td"),
            QStringLiteral("ul"), QStringLiteral("li"), QStringLiteral("script"), QStringLiteral("!doctype") };
        static const QRegularExpression tagName(QStringLiteral("\\A</?([A-Za-z!][A-Za-z0-9]*)"));
        int scripts = 0;
        int bolds = 0;
        for (const QString &t : tagsOf(html)) {
            const QString name = tagName.match(t).captured(1).toLower();
            QVERIFY2(allowed.contains(name), qPrintable(t));
            QVERIFY2(!t.contains(QLatin1String("onerror")) && !t.contains(QLatin1String(" src=")), qPrintable(t));
            scripts += t == QLatin1String("<script>") ? 1 : 0;
            bolds += t == QLatin1String("<b>") ? 1 : 0;
        }
        QCOMPARE(scripts, 1); // the page's own filter script, nothing from the run
        QCOMPARE(bolds, 2); // the page's own: the request's name and the diagnosis's verdict
        QVERIFY(!html.contains(QLatin1String("<b>name</b>")));
        QVERIFY(html.contains(QLatin1String("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")));
        QVERIFY(html.contains(QLatin1String("&lt;b&gt;name&lt;/b&gt;")));
        QVERIFY(html.contains(QLatin1String("&quot;quoted&quot;")));
        QCOMPARE(html.count(QLatin1String("</script>")), 1);
    }

    // Nothing on the page is fetched: no src, no remote href, no @import or url() in the style.
    void htmlLoadsNothing()
    {
        const QList<RunStep> steps = mixedRun();
        const QString html = QString::fromUtf8(RunReport::html(steps, summaryOf(steps)));
        QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
        QVERIFY(html.contains(QLatin1String("default-src 'none'")));
        static const QRegularExpression fetching(
            QStringLiteral("\\b(src|href|action|srcset|data)\\s*=|@import|url\\s*\\("),
            QRegularExpression::CaseInsensitiveOption);
        for (const QString &t : tagsOf(html))
            QVERIFY2(!fetching.match(t).hasMatch(), qPrintable(t));
        const qsizetype styleStart = html.indexOf(QLatin1String("<style>"));
        const QString style = html.mid(styleStart, html.indexOf(QLatin1String("</style>")) - styleStart);
        QVERIFY(!fetching.match(style).hasMatch());
        QVERIFY(style.contains(QLatin1String("prefers-color-scheme:dark")));
        QVERIFY(style.contains(QLatin1String("@media print")));
    }

    // Every test's name, message and line, the summary, the log; failed requests open, passed closed.
    void htmlShowsEverything()
    {
        const QList<RunStep> steps = mixedRun();
        const QString html = QString::fromUtf8(RunReport::html(steps, summaryOf(steps)));
        QVERIFY(html.contains(QLatin1String("2 passed</span>")));
        QVERIFY(html.contains(QLatin1String("4 failed</span>")));
        QVERIFY(html.contains(QLatin1String("environment: dev")));
        for (const RunTest &t : steps.at(3).tests) {
            QVERIFY2(html.contains(t.name.toHtmlEscaped()), qPrintable(t.name));
            QVERIFY2(html.contains(t.message.toHtmlEscaped()), qPrintable(t.message));
        }
        QVERIFY(html.contains(QLatin1String("checks/create.js:8")));
        QVERIFY(html.contains(QLatin1String("created 7")));
        QVERIFY(html.contains(QLatin1String("b.http:13:9: {{token}} is not defined")));
        QVERIFY(html.contains(QLatin1String("per row [row 3]")));
        static const QRegularExpression details(
            QStringLiteral("<details class=\"step (passed|failed)\" id=\"step-\\d+\"( open)?>"));
        QStringList states;
        for (auto it = details.globalMatch(html); it.hasNext();) {
            const auto m = it.next();
            states << m.captured(1) + (m.captured(2).isEmpty() ? QStringLiteral("/closed") : QStringLiteral("/open"));
        }
        QCOMPARE(states,
            (QStringList { QStringLiteral("passed/closed"), QStringLiteral("failed/open"),
                QStringLiteral("failed/open"), QStringLiteral("failed/open"), QStringLiteral("failed/open"),
                QStringLiteral("passed/closed") }));
    }

    // A Bearer token, a cookie, a URL password and a secret query value reach no report.
    void reportsRedactSecrets()
    {
        const QString url = QStringLiteral("http://alice:pa55word@127.0.0.1:9/x?token=t0ps3cret&page=2");
        RunStep s = step(QStringLiteral("a.http"), 1, QStringLiteral("secret"),
            exchange()
                .request("GET", url)
                .requestHeader("Authorization", "Bearer eyJsecretTokenValue")
                .requestHeader("Cookie", "sid=c00kieValue")
                .status(401)
                .header("Set-Cookie", "sid=newC00kie"),
            false);
        s.tests << runTest(
            RunTest::Kind::Assertion, QStringLiteral("status == 200"), 3, false, QStringLiteral("got 401"));
        s.log << QStringLiteral("calling %1").arg(url);
        const QList<RunStep> steps { s };
        const QByteArray html = RunReport::html(steps, summaryOf(steps));
        const QByteArray junit = RunReport::junit(steps, summaryOf(steps));
        const QByteArray json = QJsonDocument(RunReport::json(steps, summaryOf(steps))).toJson();
        for (const QByteArray &report : { html, junit, json })
            for (const char *secret : { "pa55word", "t0ps3cret", "eyJsecretTokenValue", "c00kieValue", "newC00kie" })
                QVERIFY2(!report.contains(secret), secret);
        QVERIFY(html.contains("Authorization: ****"));
        QVERIFY(html.contains("page=2"));
    }

    // Long bodies are cut with a note; binary ones are described, not dumped.
    void htmlBodies()
    {
        const QByteArray big = QByteArray("abcdefgh\n").repeated(12'000); // 108000 bytes
        RunStep text = step(QStringLiteral("a.http"), 1, QStringLiteral("big"),
            exchange().request("GET", Url).status(200).body(big), true);
        text.exchange.response.decodedSize = big.size();
        RunStep binary = step(QStringLiteral("a.http"), 2, QStringLiteral("png"),
            exchange().request("GET", Url).status(200).body(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), true);
        const QString html = QString::fromUtf8(RunReport::html({ text, binary }, summaryOf({ text, binary })));
        QVERIFY2(html.contains(QStringLiteral("cut: %1 of %2 bytes shown (%3 bytes not shown)")
                                   .arg(RunReport::MaxBodyShown)
                                   .arg(big.size())
                                   .arg(big.size() - RunReport::MaxBodyShown)),
            "no cut note");
        QVERIFY(html.size() < big.size());
        QVERIFY(html.contains(QLatin1String("binary body, 16 bytes, not shown")));
        QVERIFY(html.contains(QLatin1String("89 50 4e 47")));
        QVERIFY(!html.contains(QLatin1String("IHDR")));
    }

    // A real exchange from the demo server: the report shows what went over the wire and the diagnosis.
    void realExchange()
    {
        demo::DemoServer server;
        QVERIFY(server.listen(0));
        http::RequestSpec spec = test::requestSpec(server.url(QStringLiteral("/api/items/1")), "PATCH");
        spec.headers.append(http::Header { "Authorization", "Bearer real-secret-42" });
        spec.options.transport = http::TransportKind::Wire; // the bytes as sent and received
        spec.body = R"({"name":"x"})";
        spec.hasBody = true;
        http::Engine engine;
        RunStep s;
        s.file = QStringLiteral("api.http");
        s.line = 4;
        s.name = QStringLiteral("patch item");
        s.sent = true;
        s.spec = spec;
        s.exchange = engine.execute(spec);
        QVERIFY2(s.exchange.response.received, qPrintable(s.exchange.error.message));
        s.verdict = diagnosis::verdictId(diagnosis::Classifier::verdict(s.exchange));
        s.tests << runTest(RunTest::Kind::Assertion, QStringLiteral("status == 405"), 6, true);
        s.passed = true;
        const QList<RunStep> steps { s };
        const QString html = QString::fromUtf8(RunReport::html(steps, summaryOf(steps)));
        QVERIFY(html.contains(QStringLiteral("PATCH %1").arg(server.url(QStringLiteral("/api/items/1")))));
        QVERIFY(html.contains(QLatin1String("Authorization: ****")));
        QVERIFY(!html.contains(QLatin1String("real-secret-42")));
        QVERIFY(html.contains(QLatin1String("{&quot;name&quot;:&quot;x&quot;}")));
        QVERIFY2(html.contains(QLatin1String("<h3>Response</h3><pre>HTTP/1.1 405 Method Not Allowed")),
            qPrintable(html.mid(html.indexOf(QLatin1String("<h3>Response")), 300)));
        QVERIFY(html.contains(QLatin1String("Allow: GET, HEAD, PUT, DELETE, OPTIONS")));
        QVERIFY2(html.contains(QStringLiteral("<h3>Diagnosis</h3><p><b>not-allowed</b> · answered by origin")),
            qPrintable(html.mid(html.indexOf(QLatin1String("Diagnosis")), 200)));
        QVERIFY(html.contains(QLatin1String("<details class=\"step passed\" id=\"step-1\">")));

        QMap<QString, QString> totals;
        QString error;
        const QList<JUnitCase> cases = ::junitCases(RunReport::junit(steps, summaryOf(steps)), &totals, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(cases.size(), 1);
        QCOMPARE(cases.at(0).name, QStringLiteral("patch item: status == 405"));
        QCOMPARE(cases.at(0).outcome, QStringLiteral("pass"));
        QCOMPARE(RunReport::json(steps, summaryOf(steps))
                     .value(QLatin1String("results"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("status"))
                     .toInt(),
            405);
    }
};

QTEST_GUILESS_MAIN(TstRunReport)
#include "tst_runreport.moc"
