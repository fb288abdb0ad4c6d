// SPDX-License-Identifier: GPL-3.0-or-later
// httpyac's `??` assertions and VerbScope's method contracts: read with file:line:column errors,
// kept verbatim by the writer, evaluated against crafted exchanges.
#include "core/collections/Assertions.h"
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileWriter.h"
#include "tests/support/ExchangeBuilder.h"

#include <QCryptographicHash>
#include <QTest>

using namespace verbscope::collections;
using namespace verbscope::test;

namespace {
const QString Url = QStringLiteral("http://127.0.0.1:9/items/1");

verbscope::http::Exchange jsonAnswer()
{
    return exchange()
        .request("GET", Url)
        .status(200)
        .header("Content-Type", "application/json")
        .header("Vary", "Accept")
        .header("vary", "Origin")
        .body(R"({"id":7,"name":"Ada","tags":["a","b"],"active":true,"gone":null,"a.b":{"c":1}})")
        .timings(1, 2, 120);
}
} // namespace

class tst_Assertions final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesTheParts_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("subject");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("expected");
        using S = Assertion::Subject;
        QTest::newRow("status") << "?? status == 405" << int(S::Status) << ""
                                << "=="
                                << "405";
        QTest::newRow("header") << "?? header allow includes GET" << int(S::Header) << "allow"
                                << "includes"
                                << "GET";
        QTest::newRow("body path") << "?? body $.id exists" << int(S::Body) << "$.id"
                                   << "exists"
                                   << "";
        QTest::newRow("body whole") << "?? body contains Ada" << int(S::Body) << ""
                                    << "contains"
                                    << "Ada";
        QTest::newRow("duration") << "?? duration < 500" << int(S::Duration) << ""
                                  << "<"
                                  << "500";
        QTest::newRow("value with spaces") << "??  allow == GET, POST" << int(S::Allow) << ""
                                           << "=="
                                           << "GET, POST";
        QTest::newRow("finding") << "?? finding allow-missing !exists" << int(S::Finding) << "allow-missing"
                                 << "!exists"
                                 << "";
        QTest::newRow("verdict") << "?? verdict != not-allowed" << int(S::Verdict) << ""
                                 << "!="
                                 << "not-allowed";
    }
    void parsesTheParts()
    {
        QFETCH(QString, line);
        const Assertion a = Assertions::parse(line, 3);
        QVERIFY2(a.problem.isEmpty(), qPrintable(a.problem));
        QTEST(int(a.subject), "subject");
        QTEST(a.argument, "argument");
        QTEST(a.operation, "operation");
        QTEST(a.expected, "expected");
        QCOMPARE(a.line, 3);
    }

    void badLinesNameTheColumn_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown subject") << "?? stauts == 200" << 4 << "unknown assertion \"stauts\"";
        QTest::newRow("unknown operator") << "?? status === 200" << 11 << "unknown operator \"===\"";
        QTest::newRow("no operator") << "?? status" << 10 << "expected an operator";
        QTest::newRow("no value") << "?? status ==" << 13 << "\"==\" needs a value";
        QTest::newRow("unary with value") << "?? header x exists yes" << 20 << "takes no value";
        QTest::newRow("not a number") << "?? duration < fast" << 15 << "needs a number";
        QTest::newRow("bad regex") << "?? body matches a(b" << 20 << "bad regular expression";
        QTest::newRow("header without name") << "?? header == x" << 11 << "needs a header name";
        QTest::newRow("unknown verdict") << "?? verdict == not-alowed" << 15 << "unknown verdict \"not-alowed\"";
        QTest::newRow("unknown party") << "?? answeredBy == cdn" << 18 << "unknown party";
        QTest::newRow("unknown finding") << "?? finding allow-mising exists" << 12 << "unknown finding";
        QTest::newRow("finding takes exists") << "?? finding allow-missing == 1" << 26 << "takes exists, !exists";
        QTest::newRow("jsonpath wildcard") << "?? body $.items[*] exists" << 17 << "not in the subset";
        QTest::newRow("jsonpath recursive") << "?? body $..id exists" << 10 << "expected a name";
    }
    void badLinesNameTheColumn()
    {
        QFETCH(QString, line);
        const Assertion a = Assertions::parse(line, 1);
        QVERIFY(!a.problemIsWarning);
        QFETCH(QString, message);
        QVERIFY2(a.problem.contains(message), qPrintable(a.problem));
        QTEST(a.problemColumn, "column");
    }

    // The parser keeps `??` lines among the handlers (so the writer writes them back as they were)
    // and reports their problems as file:line:column.
    void parserReadsAndWriterKeeps()
    {
        const QString text = QStringLiteral("### A\nGET http://h/x\nAccept: */*\n?? status == 200\n"
                                            "### B\nPOST http://h/y\n\n{\"a\":1}\n\n?? body $.a == 1\n"
                                            "> {%\n  client.log(1);\n%}\n?? js response.status == 200\n"
                                            "?? header x =! 3\n");
        const ParseResult r = HttpFileParser::parse(text, QStringLiteral("t.http"));
        QCOMPARE(r.file.requests.size(), 2);
        QCOMPARE(r.file.requests.at(0).assertions.size(), 1);
        QCOMPARE(r.file.requests.at(0).assertions.at(0).line, 4);
        QVERIFY(!r.file.requests.at(0).hasBody);
        const HttpRequest &b = r.file.requests.at(1);
        QCOMPARE(b.body, QStringLiteral("{\"a\":1}"));
        QCOMPARE(b.assertions.size(), 3);
        QCOMPARE(b.assertions.at(0).line, 10);
        QStringList issues;
        for (const ParseIssue &i : r.issues)
            issues << i.toString();
        QCOMPARE(issues, QStringList({ QStringLiteral("t.http:15:13: error: unknown operator \"=!\"") }));

        const QString written = HttpFileWriter::write(r.file);
        QVERIFY2(written.contains(QLatin1String("?? body $.a == 1\n> {%\n  client.log(1);\n%}\n?? js")),
            qPrintable(written));
        const ParseResult again = HttpFileParser::parse(written, QStringLiteral("t.http"));
        QCOMPARE(again.file, r.file);
        QCOMPARE(again.file.requests.at(1).assertions.size(), 3);
    }

    void evaluatesAgainstTheExchange_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("passed");
        QTest::addColumn<QString>("message");
        QTest::newRow("status ==") << "?? status == 200" << true << "";
        QTest::newRow("status == fails") << "?? status == 405" << false << "got 200";
        QTest::newRow("statusCode >=") << "?? statusCode >= 200" << true << "";
        QTest::newRow("status < fails") << "?? status < 200" << false << "got 200";
        QTest::newRow("status startsWith") << "?? status startsWith 2" << true << "";
        QTest::newRow("header any case") << "?? header content-type == application/json" << true << "";
        QTest::newRow("header repeated") << "?? header VARY == Accept, Origin" << true << "";
        QTest::newRow("header repeated includes") << "?? header vary includes Origin" << true << "";
        QTest::newRow("header missing") << "?? header allow exists" << false << "";
        QTest::newRow("header absent") << "?? header allow !exists" << true << "";
        QTest::newRow("header missing ==") << "?? header allow == GET" << false << "header \"allow\" is missing";
        QTest::newRow("body contains") << "?? body contains \"Ada\"" << true << "";
        QTest::newRow("body isString no") << "?? body isArray" << false << "";
        QTest::newRow("jsonpath number") << "?? body $.id == 7" << true << "";
        QTest::newRow("jsonpath number fails") << "?? body $.id == 8" << false << "got 7";
        QTest::newRow("jsonpath string") << "?? body $.name == Ada" << true << "";
        QTest::newRow("httpyac bare path") << "?? body name startsWith A" << true << "";
        QTest::newRow("jsonpath index") << "?? body $.tags[1] == b" << true << "";
        QTest::newRow("jsonpath out of range") << "?? body $.tags[2] exists" << false << "";
        QTest::newRow("jsonpath quoted") << "?? body $['a.b'].c == 1" << true << "";
        QTest::newRow("jsonpath array") << "?? body $.tags isArray" << true << "";
        QTest::newRow("jsonpath array ==") << "?? body $.tags == [\"a\", \"b\"]" << true << "";
        QTest::newRow("jsonpath bool") << "?? body $.active isTrue" << true << "";
        QTest::newRow("jsonpath null falsy") << "?? body $.gone isFalse" << true << "";
        QTest::newRow("jsonpath null exists") << "?? body $.gone exists" << true << "";
        QTest::newRow("jsonpath missing") << "?? body $.nope == 1" << false << "the body's $.nope is missing";
        QTest::newRow("matches") << "?? body $.name matches ^A.a$" << true << "";
        QTest::newRow("duration") << "?? duration < 500" << true << "";
        QTest::newRow("duration fails") << "?? duration < 100" << false << "got 120";
        QTest::newRow("md5 base64") << QStringLiteral("?? body $.name md5 %1")
                                           .arg(QString::fromLatin1(
                                               QCryptographicHash::hash("Ada", QCryptographicHash::Md5).toBase64()))
                                    << true << "";
        QTest::newRow("js without an engine is not run")
            << "?? js response.status == 200" << false << "not run: `?? js` needs the script engine";
    }
    void evaluatesAgainstTheExchange()
    {
        QFETCH(QString, line);
        const QList<AssertionResult> r
            = Assertions::evaluate({ Assertions::parse(line, 9) }, requestSpec(Url), jsonAnswer());
        QCOMPARE(r.size(), 1);
        QCOMPARE(r.at(0).line, 9);
        QFETCH(bool, passed);
        QVERIFY2(r.at(0).passed == passed, qPrintable(r.at(0).message));
        QFETCH(QString, message);
        if (!message.isEmpty())
            QCOMPARE(r.at(0).message, message);
        if (r.at(0).passed)
            QVERIFY(r.at(0).message.isEmpty());
    }

    // httpyac's `?? js`: the expression up to the operator, evaluated by the run's engine with the
    // response (JetBrains and httpyac names) and the variables in scope.
    void javaScriptAssertions_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("passed");
        QTest::addColumn<QString>("message");
        QTest::newRow("parsedBody") << "?? js response.parsedBody.id == 7"
                                    << "response.parsedBody.id" << true << "";
        QTest::newRow("status") << "?? js response.statusCode == 200"
                                << "response.statusCode" << true << "";
        QTest::newRow("fails with the value") << "?? js response.body.id == 8"
                                              << "response.body.id" << false << "got 7";
        QTest::newRow("variables in scope") << "?? js response.body.name == {{who}}"
                                            << "response.body.name" << true << "";
        QTest::newRow("variable as a name") << "?? js who + '!' == Ada!"
                                            << "who + '!'" << true << "";
        QTest::newRow("no operator: truthy") << "?? js response.body.tags.length === 2"
                                             << "response.body.tags.length === 2" << true << "";
        QTest::newRow("no operator: falsy") << "?? js response.body.active === false"
                                            << "response.body.active === false" << false << "";
        QTest::newRow("includes") << "?? js response.body.tags includes b"
                                  << "response.body.tags" << true << "";
        QTest::newRow("exists") << "?? js response.body.gone exists"
                                << "response.body.gone" << true << "";
        QTest::newRow("missing") << "?? js response.body.nope exists"
                                 << "response.body.nope" << false << "";
        QTest::newRow("throws") << "?? js response.body.nope.x == 1"
                                << "response.body.nope.x" << false << "the expression failed: TypeError";
    }
    void javaScriptAssertions()
    {
        QFETCH(QString, line);
        QFETCH(QString, expression);
        QFETCH(bool, passed);
        QFETCH(QString, message);
        const Assertion a = Assertions::parse(line, 4);
        QVERIFY2(a.problem.isEmpty(), qPrintable(a.problem));
        QCOMPARE(a.argument, expression);
        verbscope::scripting::ScriptEngine engine;
        ScriptContext js;
        js.engine = &engine;
        js.variables.insert(QStringLiteral("who"), QStringLiteral("Ada"));
        // The runner resolves {{who}} in the expected value before; here it is written out.
        Assertion resolved = a;
        resolved.expected.replace(QLatin1String("{{who}}"), QLatin1String("Ada"));
        const QList<AssertionResult> r = Assertions::evaluate({ resolved }, requestSpec(Url), jsonAnswer(), js);
        QVERIFY2(r.at(0).passed == passed, qPrintable(r.at(0).message));
        QVERIFY2(message.isEmpty() || r.at(0).message.startsWith(message), qPrintable(r.at(0).message));
    }

    void javaScriptNeedsAnExpression()
    {
        const Assertion a = Assertions::parse(QStringLiteral("?? js"), 3);
        QVERIFY(a.problem.contains(QLatin1String("needs a JavaScript expression")));
        QVERIFY(!a.problemIsWarning);
        QVERIFY(Assertions::parse(QStringLiteral("?? js a == "), 3).problem.contains(QLatin1String("needs a value")));
    }

    void noAnswerFailsResponseAssertions()
    {
        verbscope::http::Exchange ex = exchange().request("GET", Url);
        ex.error.kind = verbscope::http::ErrorKind::Refused;
        ex.error.message = QStringLiteral("refused");
        const QList<AssertionResult> r
            = Assertions::evaluate({ Assertions::parse(QStringLiteral("?? status == 200")),
                                       Assertions::parse(QStringLiteral("?? verdict == transport-error")) },
                requestSpec(Url), ex);
        QVERIFY(!r.at(0).passed);
        QCOMPARE(r.at(0).message, QStringLiteral("no response: refused"));
        QVERIFY2(r.at(1).passed, qPrintable(r.at(1).message));
    }

    // Method contracts read the passive diagnosis of the one exchange.
    void contracts_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("withAllow");
        QTest::addColumn<bool>("passed");
        QTest::addColumn<QString>("message");
        QTest::newRow("verdict") << "?? verdict == not-allowed" << true << true << "";
        QTest::newRow("verdict fails") << "?? verdict == supported" << true << false << "got not-allowed";
        QTest::newRow("allow set") << "?? allow == POST, HEAD, GET" << true << true << "";
        QTest::newRow("allow set fails") << "?? allow == GET, POST" << false << false << "no Allow header";
        QTest::newRow("allow subset is not equal") << "?? allow == GET" << true << false << "got GET, HEAD, POST";
        QTest::newRow("allow includes") << "?? allow includes HEAD, GET" << true << true << "";
        QTest::newRow("allow case-sensitive") << "?? allow includes get" << true << false << "got GET, HEAD, POST";
        QTest::newRow("finding present") << "?? finding allow-missing exists" << false << true << "";
        QTest::newRow("finding absent") << "?? finding allow-missing !exists" << true << true << "";
        QTest::newRow("finding absent fails")
            << "?? finding allow-missing !exists" << false << false << "the diagnosis found it";
        QTest::newRow("answered by origin") << "?? answeredBy != proxy" << true << true << "";
    }
    void contracts()
    {
        QFETCH(QString, line);
        QFETCH(bool, withAllow);
        ExchangeBuilder b = exchange().request("PATCH", Url).status(405).header("Server", "nginx/1.22.1");
        if (withAllow) // two fields, read as one list
            b.header("Allow", "GET, HEAD").header("allow", "POST");
        const QList<AssertionResult> r
            = Assertions::evaluate({ Assertions::parse(line) }, requestSpec(Url, "PATCH"), b);
        QFETCH(bool, passed);
        QVERIFY2(r.at(0).passed == passed, qPrintable(r.at(0).message));
        QFETCH(QString, message);
        if (!message.isEmpty())
            QCOMPARE(r.at(0).message, message);
    }
};

QTEST_GUILESS_MAIN(tst_Assertions) // `?? js` needs QJSEngine, which needs a QCoreApplication
#include "tst_assertions.moc"
