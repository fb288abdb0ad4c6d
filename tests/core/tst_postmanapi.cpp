// SPDX-License-Identifier: GPL-3.0-or-later
// Postman's `pm` API on the script engine (resources/scripting/postman.js): every chai chain both
// passes and fails, the response assertions, the variable mapping, the legacy tests[] globals, and
// what cannot run is a per-script error naming its line — never a silent pass.
#include "core/scripting/ScriptEngine.h"
#include "tests/support/ExchangeBuilder.h"

#include <QTest>

using namespace verbscope::scripting;
using namespace verbscope::test;
using verbscope::collections::VariableMap;

namespace {
const QString File = QStringLiteral("api/users.http");

ScriptRequest request()
{
    ScriptRequest r;
    r.method = QStringLiteral("POST");
    r.url = QStringLiteral("{{host}}/users?x=1");
    r.headers = { { "Content-Type", "application/json" }, { "X-Trace", "t1" } };
    r.body = R"({"name":"ann"})";
    r.name = QStringLiteral("Create user");
    return r;
}

verbscope::http::Exchange answer()
{
    verbscope::http::Exchange ex
        = exchange()
              .request("POST", QStringLiteral("http://127.0.0.1:9/users"))
              .status(201)
              .header("Content-Type", "application/json; charset=utf-8")
              .header("Location", "/users/5")
              .body(R"({"id":5,"name":"ann","tags":["a","b"],"meta":{"n":null,"ok":true},"empty":[]})");
    ex.response.head.reason = "Created";
    ex.timings.total = 12.5;
    return ex;
}

ScriptOutcome handle(ScriptEngine &engine, const QString &text, VariableMap *vars = nullptr)
{
    VariableMap local;
    return engine.runResponseHandler({ text, File, 10 }, request(), answer(), vars ? *vars : local);
}
} // namespace

class tst_PostmanApi final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Each row is an assertion that holds for answer(); its negation (with .not) must fail, so no row
    // can pass by accident.
    void expectChains_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("chain");
        const QList<std::pair<const char *, const char *>> rows {
            { "pm.response.code", "to.equal(201)" },
            { "pm.response.code", "to.eql(201)" },
            { "pm.response.json()", "to.deep.equal({id:5,name:'ann',tags:['a','b'],meta:{n:null,ok:true},empty:[]})" },
            { "pm.response.json().tags", "to.eql(['a','b'])" },
            { "pm.response.json()", "to.be.an('object')" },
            { "pm.response.json().tags", "to.be.an('array')" },
            { "pm.response.json().name", "to.be.a('string')" },
            { "pm.response.json().id", "to.be.a('number')" },
            { "pm.response.text()", "to.include('ann')" },
            { "pm.response.json().tags", "to.contain('b')" },
            { "pm.response.json()", "to.include({name:'ann'})" },
            { "pm.response.json()", "to.have.property('id')" },
            { "pm.response.json()", "to.have.property('id', 5)" },
            { "pm.response.json()", "to.have.nested.property('meta.ok', true)" },
            { "pm.response.json().tags", "to.have.lengthOf(2)" },
            { "pm.response.json().meta.ok", "to.be.true" },
            { "pm.response.json().meta.ok === false", "to.be.false" },
            { "pm.response.json().meta.n", "to.be.null" },
            { "pm.response.json().missing", "to.be.undefined" },
            { "pm.response.json().name", "to.be.ok" },
            { "pm.response.json().empty", "to.be.empty" },
            { "pm.response.json().id", "to.be.above(4)" },
            { "pm.response.json().id", "to.be.below(6)" },
            { "pm.response.json().id", "to.be.at.least(5)" },
            { "pm.response.json().id", "to.be.at.most(5)" },
            { "pm.response.json().name", "to.match(/^an/)" },
            { "pm.response.code", "to.be.oneOf([200, 201])" },
            { "pm.response.json().meta", "to.have.all.keys('n', 'ok')" },
            { "pm.response.json().tags", "to.have.members(['b','a'])" },
            { "pm.response.json().id", "to.be.within(1, 9)" },
            { "pm.response.json().name", "to.exist" },
            { "pm.response.json()", "to.have.property('tags').that.is.an('array').that.includes('a')" },
            { "pm.response.json()", "to.have.property('name').and.equal('ann')" },
            { "pm.response.json()?.meta?.ok", "to.be.true" },
            { "pm.response.json().tags.length", "to.be.above(0)" },
        };
        for (const auto &[subject, chain] : rows)
            QTest::newRow(chain) << QString::fromLatin1(subject) << QString::fromLatin1(chain);
    }
    void expectChains()
    {
        QFETCH(QString, subject);
        QFETCH(QString, chain);
        ScriptEngine engine;
        const QString neg = chain.startsWith(QLatin1String("to.")) ? QStringLiteral("to.not.") + chain.mid(3) : chain;
        const ScriptOutcome out = handle(engine,
            QStringLiteral("pm.test('holds', function () { pm.expect(%1).%2; });\n"
                           "pm.test('negated', function () { pm.expect(%1).%3; });")
                .arg(subject, chain, neg));
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.tests.size(), 2);
        QVERIFY2(out.tests.at(0).passed, qPrintable(out.tests.at(0).message));
        QVERIFY(!out.tests.at(1).passed);
        QVERIFY(!out.tests.at(1).message.isEmpty());
        QCOMPARE(out.tests.at(1).line, 11);
    }

    void failureMessagesSayWhat()
    {
        ScriptEngine engine;
        const ScriptOutcome out = handle(engine,
            QStringLiteral("pm.test('code', function () { pm.expect(pm.response.code).to.equal(200); });\n"
                           "pm.test('msg', function () { pm.expect(1, 'the count').to.be.above(2); });"));
        QCOMPARE(out.tests.size(), 2);
        QCOMPARE(out.tests.at(0).message, QStringLiteral("expected 201 to equal 200"));
        QCOMPARE(out.tests.at(0).line, 10);
        QCOMPARE(out.tests.at(1).message, QStringLiteral("the count: expected 1 to be above 2"));
    }

    void responseAssertions_data()
    {
        QTest::addColumn<QString>("assertion");
        QTest::addColumn<bool>("passes");
        QTest::newRow("status 201") << "pm.response.to.have.status(201)" << true;
        QTest::newRow("status 200") << "pm.response.to.have.status(200)" << false;
        QTest::newRow("status by reason") << "pm.response.to.have.status('Created')" << true;
        QTest::newRow("not status 404") << "pm.response.to.not.have.status(404)" << true;
        QTest::newRow("header") << "pm.response.to.have.header('content-type')" << true;
        QTest::newRow("header value") << "pm.response.to.have.header('Location', '/users/5')" << true;
        QTest::newRow("missing header") << "pm.response.to.have.header('ETag')" << false;
        QTest::newRow("ok is 200 only") << "pm.response.to.be.ok" << false;
        QTest::newRow("success") << "pm.response.to.be.success" << true;
        QTest::newRow("not error") << "pm.response.to.not.be.error" << true;
        QTest::newRow("client error") << "pm.response.to.be.clientError" << false;
        QTest::newRow("json body") << "pm.response.to.have.jsonBody()" << true;
        QTest::newRow("json body path") << "pm.response.to.have.jsonBody('meta.ok', true)" << true;
        QTest::newRow("json body wrong path") << "pm.response.to.have.jsonBody('meta.x')" << false;
        QTest::newRow("be json") << "pm.response.to.be.json" << true;
        QTest::newRow("with body") << "pm.response.to.be.withBody" << true;
        QTest::newRow("status text") << "pm.expect(pm.response.status).to.equal('Created')" << true;
        QTest::newRow("headers.get") << "pm.expect(pm.response.headers.get('LOCATION')).to.equal('/users/5')" << true;
        QTest::newRow("headers.has") << "pm.expect(pm.response.headers.has('Location')).to.be.true" << true;
        QTest::newRow("headers.has absent") << "pm.expect(pm.response.headers.has('ETag')).to.be.true" << false;
        QTest::newRow("responseTime") << "pm.expect(pm.response.responseTime).to.be.below(200)" << true;
        QTest::newRow("responseTime value") << "pm.expect(pm.response.responseTime).to.equal(12.5)" << true;
        QTest::newRow("request")
            << "pm.expect(pm.request.method + ' ' + pm.request.headers.get('x-trace')).to.equal('POST t1')" << true;
        QTest::newRow("request url") << "pm.expect(pm.request.url.toString()).to.equal('http://h/users?x=1')" << true;
        QTest::newRow("requestName") << "pm.expect(pm.info.requestName).to.equal('Create user')" << true;
        QTest::newRow("eventName") << "pm.expect(pm.info.eventName).to.equal('test')" << true;
    }
    void responseAssertions()
    {
        QFETCH(QString, assertion);
        QFETCH(bool, passes);
        ScriptEngine engine;
        engine.setEnvironment({ { QStringLiteral("host"), QStringLiteral("http://h") } });
        const ScriptOutcome out = handle(engine, QStringLiteral("pm.test('t', function () { %1; });").arg(assertion));
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.tests.size(), 1);
        QVERIFY2(out.tests.at(0).passed == passes, qPrintable(out.tests.at(0).message));
    }

    // Every set lands in client.global (the run's variables); gets read request variables, then
    // those globals, then the environment.
    void variableMapping()
    {
        ScriptEngine engine;
        engine.setEnvironment({ { QStringLiteral("host"), QStringLiteral("http://h") },
            { QStringLiteral("shadowed"), QStringLiteral("env") } });
        VariableMap vars { { QStringLiteral("local"), QStringLiteral("L") } };
        const ScriptOutcome out = handle(engine,
            QStringLiteral("pm.environment.set('token', pm.response.json().id);\n"
                           "pm.collectionVariables.set('user', 'ann');\n"
                           "pm.globals.set('g', 'G');\n"
                           "pm.variables.set('shadowed', 'script');\n"
                           "console.log(pm.environment.get('host'), pm.environment.get('token'),"
                           " pm.variables.get('local'), pm.collectionVariables.get('user'), pm.globals.get('host'),"
                           " pm.environment.get('shadowed'), pm.environment.has('nope'), "
                           "pm.variables.replaceIn('{{user}}@{{host}}'));\n"
                           "pm.environment.unset('g');\n"
                           "console.log(client.global.get('g'), postman.getEnvironmentVariable('token'));"),
            &vars);
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.log.value(0), QStringLiteral("http://h 5 L ann undefined script false ann@http://h"));
        QCOMPARE(out.log.value(1), QStringLiteral("null 5"));
        QCOMPARE(engine.globals().value(QStringLiteral("token")), QStringLiteral("5"));
        QCOMPARE(engine.globals().value(QStringLiteral("user")), QStringLiteral("ann"));
        QVERIFY(!engine.globals().contains(QStringLiteral("g")));
    }

    void legacyTestsObject()
    {
        ScriptEngine engine;
        const ScriptOutcome out = handle(engine,
            QStringLiteral("tests['Status code is 201'] = responseCode.code === 201;\n"
                           "var data = JSON.parse(responseBody);\n"
                           "tests['name is bob'] = data.name === 'bob';\n"
                           "postman.setEnvironmentVariable('id', data.id);"));
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.tests.size(), 2);
        QCOMPARE(out.tests.at(0).name, QStringLiteral("Status code is 201"));
        QVERIFY(out.tests.at(0).passed);
        QCOMPARE(out.tests.at(1).name, QStringLiteral("name is bob"));
        QVERIFY(!out.tests.at(1).passed);
        QCOMPARE(engine.globals().value(QStringLiteral("id")), QStringLiteral("5"));
    }

    void unsupportedIsReportedWithItsLine_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("what");
        QTest::newRow("sendRequest") << "pm.sendRequest('http://x', function () {})"
                                     << "pm.sendRequest";
        QTest::newRow("visualizer") << "pm.visualizer.set('<b/>')"
                                    << "pm.visualizer";
        QTest::newRow("cookies") << "pm.cookies.get('a')"
                                 << "pm.cookies";
        QTest::newRow("require") << "require('lodash')"
                                 << "require('lodash')";
        QTest::newRow("setNextRequest") << "postman.setNextRequest('x')"
                                        << "postman.setNextRequest";
        QTest::newRow("execution") << "pm.execution.setNextRequest(null)"
                                   << "pm.execution.setNextRequest";
        QTest::newRow("jsonSchema") << "pm.response.to.have.jsonSchema({})"
                                    << "pm.response.to.have.jsonSchema";
        QTest::newRow("tv4") << "tv4.validate({}, {})"
                             << "tv4.validate";
        QTest::newRow("header change") << "pm.request.headers.add({key:'a', value:'b'})"
                                       << "changing headers from a script (headers.add)";
    }
    void unsupportedIsReportedWithItsLine()
    {
        QFETCH(QString, call);
        QFETCH(QString, what);
        ScriptEngine engine;
        // Inside pm.test too: the test does not swallow it.
        const ScriptOutcome out = handle(engine,
            QStringLiteral("pm.test('before', function () {});\n"
                           "pm.test('uses it', function () {\n  %1;\n});\n"
                           "pm.test('after', function () {});")
                .arg(call));
        QCOMPARE(out.error, QStringLiteral("%1 is not supported by VerbScope (line 12)").arg(what));
        QCOMPARE(out.errorLine, 12);
        QCOMPARE(out.tests.size(), 1); // only 'before' ran
    }

    void preRequestSeesPmWithoutResponse()
    {
        ScriptEngine engine;
        VariableMap vars;
        const ScriptOutcome out = engine.runPreRequest(
            { QStringLiteral("pm.variables.set('stamp', 'x' + 1);\n"
                             "console.log(pm.info.eventName, typeof pm.response, pm.request.method);"),
                File, 3 },
            request(), vars);
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.log.value(0), QStringLiteral("prerequest undefined POST"));
        QCOMPARE(engine.globals().value(QStringLiteral("stamp")), QStringLiteral("x1"));
    }

    // The JetBrains API still works next to pm, and one script's pm state does not leak into the next.
    void pmStatePerScript()
    {
        ScriptEngine engine;
        const ScriptOutcome a
            = handle(engine, QStringLiteral("tests['one'] = true; client.test('c', function () {});"));
        const ScriptOutcome b = handle(engine, QStringLiteral("pm.test('two', function () {});"));
        QCOMPARE(a.tests.size(), 2);
        QCOMPARE(b.tests.size(), 1);
        QCOMPARE(b.tests.at(0).name, QStringLiteral("two"));
    }
};

QTEST_GUILESS_MAIN(tst_PostmanApi)
#include "tst_postmanapi.moc"
