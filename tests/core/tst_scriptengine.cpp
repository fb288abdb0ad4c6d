// SPDX-License-Identifier: GPL-3.0-or-later
// The JetBrains HTTP Client JavaScript API on QJSEngine: every call, line numbers in errors, and the
// sandbox (nothing beyond the API, a time limit, a memory limit, deep recursion survived).
#include "core/collections/HandlerBlocks.h"
#include "core/collections/HttpFileParser.h"
#include "core/scripting/ScriptEngine.h"
#include "tests/support/ExchangeBuilder.h"

#include <QFile>
#include <QTest>

using namespace verbscope::scripting;
using namespace verbscope::test;
using verbscope::collections::VariableMap;

namespace {
const QString File = QStringLiteral("api/users.http");

ScriptSource src(const QString &text, int line = 10)
{
    return { text, File, line };
}

ScriptRequest request()
{
    ScriptRequest r;
    r.method = QStringLiteral("POST");
    r.url = QStringLiteral("{{host}}/users");
    r.headers = { { "Content-Type", "application/json" }, { "Authorization", "Bearer {{token}}" } };
    r.body = R"({"name":"{{name}}"})";
    return r;
}

verbscope::http::Exchange jsonAnswer()
{
    return exchange()
        .request("POST", QStringLiteral("http://127.0.0.1:9/users"))
        .status(201)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Set-Cookie", "a=1")
        .header("set-cookie", "b=2")
        .body(R"({"id":5,"token":"abc","items":[1,2]})");
}

verbscope::http::Exchange textAnswer()
{
    return exchange()
        .request("GET", QStringLiteral("http://127.0.0.1:9/"))
        .status(200)
        .header("Content-Type", "text/plain")
        .body("hello");
}

ScriptOutcome handle(ScriptEngine &engine, const QString &text, const verbscope::http::Exchange &ex = jsonAnswer())
{
    VariableMap vars;
    return engine.runResponseHandler(src(text), request(), ex, vars);
}

// Runs `expr` in a handler and returns its value as the script logged it.
QString value(ScriptEngine &engine, const QString &expr, const verbscope::http::Exchange &ex = jsonAnswer())
{
    const ScriptOutcome out = handle(engine, QStringLiteral("client.log(") + expr + QStringLiteral(");"), ex);
    if (!out.ok())
        return QStringLiteral("error: ") + out.error;
    return out.log.value(0);
}
} // namespace

class tst_ScriptEngine final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void responseApi_data()
    {
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QString>("expected");
        QTest::newRow("status") << "response.status"
                                << "201";
        QTest::newRow("json body parsed") << "response.body.token"
                                          << "abc";
        QTest::newRow("json body nested") << "response.body.items[1]"
                                          << "2";
        QTest::newRow("valueOf any case") << "response.headers.valueOf('CONTENT-type')"
                                          << "application/json; charset=utf-8";
        QTest::newRow("valueOf missing") << "response.headers.valueOf('X-None')"
                                         << "null";
        QTest::newRow("valuesOf all") << "response.headers.valuesOf('Set-Cookie').join('|')"
                                      << "a=1|b=2";
        QTest::newRow("mimeType") << "response.contentType.mimeType"
                                  << "application/json";
        QTest::newRow("charset") << "response.contentType.charset"
                                 << "utf-8";
        QTest::newRow("method") << "request.method"
                                << "POST";
        QTest::newRow("url raw") << "request.url.getRaw()"
                                 << "{{host}}/users";
        QTest::newRow("body raw") << "request.body.getRaw()"
                                  << R"({"name":"{{name}}"})";
        QTest::newRow("headers all") << "request.headers.all().map(function(h){return h.name}).join(',')"
                                     << "Content-Type,Authorization";
        QTest::newRow("findByName raw") << "request.headers.findByName('authorization').getRawValue()"
                                        << "Bearer {{token}}";
        QTest::newRow("findByName missing") << "request.headers.findByName('X-None')"
                                            << "null";
        QTest::newRow("random uuid")
            << "/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test($random.uuid)"
            << "true";
        QTest::newRow("random integer") << "(function(){for(var i=0;i<200;++i){var "
                                           "n=$random.integer(3,6);if(n<3||n>=6||n%1)return n}return 'ok'})()"
                                        << "ok";
        QTest::newRow("random alphabetic") << "/^[A-Za-z]{12}$/.test($random.alphabetic(12))"
                                           << "true";
        QTest::newRow("random email") << "/^[a-z]+@[a-z]+\\.com$/.test($random.email)"
                                      << "true";
        QTest::newRow("log joins arguments") << "'a', 1, {b: 2}"
                                             << R"(a 1 {"b":2})";
    }
    void responseApi()
    {
        QFETCH(QString, expr);
        QFETCH(QString, expected);
        ScriptEngine engine;
        QCOMPARE(value(engine, expr), expected);
    }

    void textBodyStaysAString()
    {
        ScriptEngine engine;
        QCOMPARE(value(engine, QStringLiteral("typeof response.body + ':' + response.body"), textAnswer()),
            QStringLiteral("string:hello"));
        // A JSON content type whose body is not JSON: the text, not an exception.
        QCOMPARE(value(engine, QStringLiteral("response.body"),
                     exchange().status(200).header("Content-Type", "application/json").body("not json")),
            QStringLiteral("not json"));
    }

    void testsAndAsserts()
    {
        ScriptEngine engine;
        const ScriptOutcome out = handle(engine,
            QStringLiteral("client.test('created', function () {\n"
                           "  client.assert(response.status === 201, 'want 201');\n"
                           "});\n"
                           "client.test('has id 6', function () {\n"
                           "  client.assert(response.body.id === 6, 'id was ' + response.body.id);\n"
                           "});\n"
                           "client.test('throws', function () {\n"
                           "  response.body.missing.x;\n"
                           "});\n"));
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.tests.size(), 3);
        QCOMPARE(out.tests.at(0).name, QStringLiteral("created"));
        QVERIFY(out.tests.at(0).passed);
        QCOMPARE(out.tests.at(0).line, 10);
        QVERIFY(!out.tests.at(1).passed);
        QCOMPARE(out.tests.at(1).message, QStringLiteral("id was 5"));
        QCOMPARE(out.tests.at(1).line, 14); // the client.assert's line in the file
        QVERIFY(!out.tests.at(2).passed);
        QVERIFY2(out.tests.at(2).message.contains(QLatin1String("TypeError")), qPrintable(out.tests.at(2).message));
        QCOMPARE(out.tests.at(2).line, 17);
    }

    // A path with spaces, non-ASCII and a drive-like prefix still gives the file's lines.
    void linesForAnyFileName()
    {
        ScriptEngine engine;
        VariableMap vars;
        const ScriptOutcome out
            = engine.runResponseHandler({ QStringLiteral("client.log(1);\nclient.test('t', function () {\n"
                                                         "  client.assert(false, 'no');\n});"),
                                            QStringLiteral("/tmp/my dir/é:x/check.js"), 1 },
                request(), jsonAnswer(), vars);
        QCOMPARE(out.tests.size(), 1);
        QCOMPARE(out.tests.at(0).line, 3);
    }

    void assertOutsideATestFailsAndStops()
    {
        ScriptEngine engine;
        const ScriptOutcome out = handle(engine,
            QStringLiteral("client.log('before');\n"
                           "client.assert(false, 'no token');\n"
                           "client.log('after');\n"));
        QCOMPARE(out.log, QStringList { QStringLiteral("before") });
        QCOMPARE(out.tests.size(), 1);
        QVERIFY(!out.tests.at(0).passed);
        QCOMPARE(out.tests.at(0).message, QStringLiteral("no token"));
        QCOMPARE(out.tests.at(0).line, 11);
    }

    void consoleLogGoesToTheLog()
    {
        ScriptEngine engine;
        const ScriptOutcome out = handle(engine, QStringLiteral("console.log('x', 2); client.log('y');"));
        QCOMPARE(out.log, (QStringList { QStringLiteral("x 2"), QStringLiteral("y") }));
    }

    void exitStopsWithoutError()
    {
        ScriptEngine engine;
        const ScriptOutcome out = handle(engine, QStringLiteral("client.log('a');\nclient.exit();\nclient.log('b');"));
        QVERIFY(out.ok());
        QVERIFY(out.exited);
        QCOMPARE(out.log, QStringList { QStringLiteral("a") });
    }

    void globalsAreSharedAcrossScripts()
    {
        ScriptEngine engine;
        QVERIFY(handle(engine,
            QStringLiteral("if (!client.global.isEmpty()) throw 'not empty';\n"
                           "client.global.set('token', response.body.token);\n"
                           "client.global.set('n', 3); client.global.set('gone', 1);"))
                    .ok());
        QCOMPARE(engine.globals().value(QStringLiteral("token")), QStringLiteral("abc"));
        QCOMPARE(value(engine, QStringLiteral("client.global.get('token') + client.global.get('n')")),
            QStringLiteral("abc3"));
        QVERIFY(handle(engine, QStringLiteral("client.global.clear('gone');")).ok());
        QVERIFY(!engine.globals().contains(QStringLiteral("gone")));
        QCOMPARE(value(engine, QStringLiteral("client.global.get('gone')")), QStringLiteral("null"));
        engine.globals().insert(QStringLiteral("fromRunner"), QStringLiteral("r"));
        QCOMPARE(value(engine, QStringLiteral("client.global.get('fromRunner')")), QStringLiteral("r"));
        QVERIFY(handle(engine, QStringLiteral("client.global.clearAll();")).ok());
        QVERIFY(engine.globals().isEmpty());
    }

    void letDoesNotLeakBetweenScripts()
    {
        ScriptEngine engine;
        QVERIFY(handle(engine, QStringLiteral("let x = 1; var y = 2;")).ok());
        const ScriptOutcome out = handle(engine, QStringLiteral("let x = 3; client.log(typeof y);"));
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.log, QStringList { QStringLiteral("undefined") });
    }

    void preRequestSetsVariables()
    {
        ScriptEngine engine;
        engine.setEnvironment({ { QStringLiteral("host"), QStringLiteral("http://127.0.0.1:9") } });
        engine.globals().insert(QStringLiteral("token"), QStringLiteral("t0"));
        VariableMap vars { { QStringLiteral("name"), QStringLiteral("Ada") } };
        const ScriptOutcome out = engine.runPreRequest(
            src(QStringLiteral("request.variables.set('stamp', 42);\n"
                               "client.log(request.environment.get('host'));\n"
                               "client.log(request.environment.get('nope'));\n"
                               "client.log(request.variables.get('name'));\n"
                               "client.log(request.url.tryGetSubstituted());\n"
                               "client.log(request.body.tryGetSubstituted());\n"
                               "client.log(request.headers.findByName('Authorization').tryGetSubstitutedValue());\n"
                               "client.log(typeof response);")),
            request(), vars);
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(vars.value(QStringLiteral("stamp")), QStringLiteral("42"));
        QCOMPARE(vars.value(QStringLiteral("name")), QStringLiteral("Ada"));
        QCOMPARE(out.log,
            (QStringList { QStringLiteral("http://127.0.0.1:9"), QStringLiteral("null"), QStringLiteral("Ada"),
                QStringLiteral("http://127.0.0.1:9/users"), QStringLiteral(R"({"name":"Ada"})"),
                QStringLiteral("Bearer t0"), QStringLiteral("undefined") }));
    }

    void errorsCarryTheFileLine_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("contains");
        QTest::newRow("syntax") << "client.log('a');\nlet x = ;\n" << 11 << "SyntaxError";
        QTest::newRow("thrown") << "\n\nthrow new Error('boom');" << 12 << "boom";
        QTest::newRow("reference") << "client.log(1);\nnoSuchThing();" << 11 << "ReferenceError";
    }
    void errorsCarryTheFileLine()
    {
        QFETCH(QString, script);
        QFETCH(int, line);
        QFETCH(QString, contains);
        ScriptEngine engine;
        const ScriptOutcome out = handle(engine, script);
        QVERIFY(!out.ok());
        QVERIFY2(out.error.contains(contains), qPrintable(out.error));
        QCOMPARE(out.errorLine, line);
    }

    // Nothing beyond the API: no Qt object, module loader, network, timers or file access.
    void sandboxHasNoWayOut_data()
    {
        QTest::addColumn<QString>("expr");
        QTest::newRow("Qt") << "typeof Qt";
        // `require` exists only as Postman's stub that refuses with a report (tst_postmanapi).
        QTest::newRow("XMLHttpRequest") << "typeof XMLHttpRequest";
        QTest::newRow("fetch") << "typeof fetch";
        QTest::newRow("include") << "typeof include";
        QTest::newRow("print") << "typeof print";
        QTest::newRow("gc") << "typeof gc";
        QTest::newRow("process") << "typeof process";
        QTest::newRow("setTimeout") << "typeof setTimeout";
        QTest::newRow("qsTr") << "typeof qsTr";
    }
    void sandboxHasNoWayOut()
    {
        QFETCH(QString, expr);
        ScriptEngine engine;
        QCOMPARE(value(engine, expr), QStringLiteral("undefined"));
    }

    void dynamicImportIsRefused()
    {
        ScriptEngine engine;
        const ScriptOutcome out = handle(
            engine, QStringLiteral("import('/etc/passwd').then(function (m) { client.global.set('leak', 1); });"));
        QVERIFY(!out.ok());
        QVERIFY2(out.error.contains(QLatin1String("SyntaxError")), qPrintable(out.error));
        QVERIFY(!engine.globals().contains(QStringLiteral("leak")));
    }

    void runawayLoopIsStopped()
    {
        ScriptEngine engine;
        engine.setTimeLimitMs(200);
        const ScriptOutcome out = handle(engine, QStringLiteral("client.log('start');\nwhile (true) {}"));
        QVERIFY(!out.ok());
        QVERIFY2(out.error.contains(QLatin1String("time limit of 200 ms")), qPrintable(out.error));
        QCOMPARE(out.errorLine, 10);
        // The engine is usable afterwards.
        QCOMPARE(value(engine, QStringLiteral("1 + 1")), QStringLiteral("2"));
    }

    // A script cannot catch its way past the time limit.
    void catchingTheInterruptDoesNotHelp()
    {
        ScriptEngine engine;
        engine.setTimeLimitMs(200);
        const ScriptOutcome out
            = handle(engine, QStringLiteral("for (;;) { try { for (;;) {} } catch (e) { client.log('caught'); } }"));
        QVERIFY(!out.ok());
        QVERIFY2(out.error.contains(QLatin1String("time limit")), qPrintable(out.error));
        QVERIFY(out.log.size() < 2);
    }

    void runawayAllocationIsStopped()
    {
        ScriptEngine engine;
        engine.setMemoryLimitBytes(96LL * 1024 * 1024);
        engine.setTimeLimitMs(60'000); // the memory limit, not the clock, must stop it
        const ScriptOutcome out
            = handle(engine, QStringLiteral("let a = [];\nwhile (true) a.push('x'.repeat(1e6) + a.length);"));
        QVERIFY(!out.ok());
        QVERIFY2(out.error.contains(QLatin1String("memory limit of 96 MiB")), qPrintable(out.error));
        QCOMPARE(value(engine, QStringLiteral("'alive'")), QStringLiteral("alive"));
    }

    void deepRecursionIsAnError()
    {
        ScriptEngine engine;
        const ScriptOutcome out = handle(engine, QStringLiteral("function f(n) { return f(n + 1) + 1; }\nf(0);"));
        QVERIFY(!out.ok());
        QVERIFY2(out.error.contains(QLatin1String("RangeError")), qPrintable(out.error));
    }

    // The way the runner uses it: the fixture's blocks, split by HandlerBlocks, run with their lines.
    void fixtureScriptsRunInOrder()
    {
        using namespace verbscope::collections;
        QFile f(qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/collections/scripts.http"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const ParseResult parsed
            = HttpFileParser::parse(QString::fromUtf8(f.readAll()), QStringLiteral("scripts.http"));
        const HttpRequest &login = parsed.file.requests.at(0);
        ScriptEngine engine;
        VariableMap vars;
        const HandlerBlock pre = HandlerBlocks::ofPreRequest(login).blocks.at(0);
        QVERIFY(engine.runPreRequest({ pre.text, QStringLiteral("scripts.http"), pre.line }, request(), vars).ok());
        QCOMPARE(vars.value(QStringLiteral("nonce")).size(), 36);
        const HandlerBlock post = HandlerBlocks::ofHandlers(login).blocks.at(0);
        const ScriptOutcome out
            = engine.runResponseHandler({ post.text, QStringLiteral("scripts.http"), post.line }, request(),
                exchange().status(401).header("Content-Type", "application/json").body(R"({"token":"t1"})"), vars);
        QCOMPARE(out.tests.size(), 1);
        QCOMPARE(out.tests.at(0).name, QStringLiteral("logged in"));
        QVERIFY(!out.tests.at(0).passed);
        QCOMPARE(out.tests.at(0).message, QStringLiteral("status 401"));
        QCOMPARE(out.tests.at(0).line, 16); // the client.assert line in scripts.http
        QCOMPARE(engine.globals().value(QStringLiteral("token")), QStringLiteral("t1"));
    }

    void evaluateSeesResponseAndVariables()
    {
        ScriptEngine engine;
        QString error;
        const VariableMap vars { { QStringLiteral("expected"), QStringLiteral("5") },
            { QStringLiteral("not-an-identifier"), QStringLiteral("x") } };
        QCOMPARE(engine.evaluate(QStringLiteral("response.parsedBody.id"), request(), jsonAnswer(), vars, &error),
            QStringLiteral("5"));
        QVERIFY(error.isEmpty());
        QCOMPARE(engine.evaluate(QStringLiteral("response.statusCode === 201 && String(response.body.id) === expected"),
                     request(), jsonAnswer(), vars, &error),
            QStringLiteral("true"));
        QCOMPARE(engine.evaluate(QStringLiteral("response.body.items"), request(), jsonAnswer(), vars, &error),
            QStringLiteral("[1,2]"));
        QCOMPARE(engine.evaluate(QStringLiteral("response.body.nope"), request(), jsonAnswer(), vars, &error),
            QStringLiteral("undefined"));
        QVERIFY(engine.evaluate(QStringLiteral("response.body.nope.deeper"), request(), jsonAnswer(), vars, &error)
                    .isEmpty());
        QVERIFY2(error.contains(QLatin1String("TypeError")), qPrintable(error));
        engine.evaluate(QStringLiteral("1 +"), request(), jsonAnswer(), vars, &error);
        QVERIFY2(error.contains(QLatin1String("SyntaxError")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_ScriptEngine)
#include "tst_scriptengine.moc"
