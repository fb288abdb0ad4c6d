// SPDX-License-Identifier: GPL-3.0-or-later
// Splitting a request's handlers and pre-request scripts into what the runner does with each, with
// the file's lines, and the parser keeping them (pre-request scripts before the request line).
#include "core/collections/HandlerBlocks.h"
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileWriter.h"

#include <QFile>
#include <QTest>

using namespace verbscope::collections;
using Kind = HandlerBlock::Kind;

namespace {
QString fixture()
{
    QFile f(qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/collections/scripts.http"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing tests/data/collections/scripts.http");
    return QString::fromUtf8(f.readAll());
}

HttpRequest withHandlers(const QString &handlers, int line = 20)
{
    HttpRequest r;
    r.handlers = handlers;
    r.handlersLine = line;
    return r;
}

QStringList issues(const QList<ParseIssue> &list)
{
    QStringList out;
    for (const ParseIssue &i : list)
        out << i.toString();
    return out;
}
} // namespace

class tst_HandlerBlocks final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitsEveryKind()
    {
        const HandlerParse p = HandlerBlocks::ofHandlers(withHandlers(QStringLiteral("> {%\n"
                                                                                     "  client.log(1);\n"
                                                                                     "%}\n"
                                                                                     "> {% client.log(2) %}\n"
                                                                                     "> ./check.js\n"
                                                                                     "?? status == 200\n"
                                                                                     "\n"
                                                                                     "# a note\n"
                                                                                     ">> ./out.json\n"
                                                                                     ">>! ./latest.json\n"
                                                                                     "<> ./previous.json")),
            QStringLiteral("a.http"));
        QVERIFY2(p.issues.isEmpty(), qPrintable(issues(p.issues).join(QLatin1Char('\n'))));
        QCOMPARE(p.blocks.size(), 7);
        const QList<Kind> kinds { Kind::Script, Kind::Script, Kind::ScriptFile, Kind::Assertion, Kind::SaveResponse,
            Kind::SaveResponseOverwrite, Kind::ResponseReference };
        const QStringList texts { QStringLiteral("  client.log(1);\n"), QStringLiteral(" client.log(2) "),
            QStringLiteral("./check.js"), QStringLiteral("?? status == 200"), QStringLiteral("./out.json"),
            QStringLiteral("./latest.json"), QStringLiteral("./previous.json") };
        const QList<int> lines { 21, 23, 24, 25, 28, 29, 30 };
        const QList<int> columns { 1, 5, 3, 1, 4, 5, 4 };
        for (qsizetype i = 0; i < p.blocks.size(); ++i) {
            QCOMPARE(p.blocks.at(i).kind, kinds.at(i));
            QCOMPARE(p.blocks.at(i).text, texts.at(i));
            QCOMPARE(p.blocks.at(i).line, lines.at(i));
            QCOMPARE(p.blocks.at(i).column, columns.at(i));
        }
    }

    void scriptTextOnTheOpeningAndClosingLines()
    {
        const HandlerParse p
            = HandlerBlocks::ofHandlers(withHandlers(QStringLiteral("> {% client.log(1);\n  client.log(2); %}"), 5));
        QVERIFY(p.issues.isEmpty());
        QCOMPARE(p.blocks.size(), 1);
        QCOMPARE(p.blocks.at(0).text, QStringLiteral(" client.log(1);\n  client.log(2); "));
        QCOMPARE(p.blocks.at(0).line, 5);
    }

    void unterminatedScriptIsAnErrorAtItsOpening()
    {
        const HandlerParse p = HandlerBlocks::ofHandlers(
            withHandlers(QStringLiteral("?? status == 200\n> {%\n  client.log(1);"), 7), QStringLiteral("a.http"));
        QCOMPARE(issues(p.issues),
            QStringList { QStringLiteral("a.http:8:3: error: unterminated {%: no %} before the end of the request") });
    }

    void textAfterTheCloseIsAnError()
    {
        const HandlerParse p = HandlerBlocks::ofHandlers(
            withHandlers(QStringLiteral("> {%\nclient.log(1);\n%} trailing"), 3), QStringLiteral("a.http"));
        QCOMPARE(issues(p.issues),
            QStringList {
                QStringLiteral("a.http:5:4: error: text after %} (\"trailing\"): a script block ends its line") });
    }

    void unknownLineIsAWarning()
    {
        const HandlerParse p
            = HandlerBlocks::ofHandlers(withHandlers(QStringLiteral("> a.js\nnonsense"), 3), QStringLiteral("a.http"));
        QCOMPARE(p.issues.size(), 1);
        QVERIFY(p.issues.at(0).warning);
        QCOMPARE(p.issues.at(0).line, 4);
    }

    void preRequestOnlyTakesScripts()
    {
        HttpRequest r;
        r.preRequestScripts = QStringLiteral("< {% request.variables.set('a', 1) %}\n< ./sign.js\n>> ./out.json");
        r.preRequestLine = 2;
        const HandlerParse p = HandlerBlocks::ofPreRequest(r, QStringLiteral("a.http"));
        QCOMPARE(p.blocks.size(), 2);
        QCOMPARE(p.blocks.at(0).kind, Kind::Script);
        QCOMPARE(p.blocks.at(0).text, QStringLiteral(" request.variables.set('a', 1) "));
        QCOMPARE(p.blocks.at(1).kind, Kind::ScriptFile);
        QCOMPARE(p.blocks.at(1).text, QStringLiteral("./sign.js"));
        QCOMPARE(p.blocks.at(1).line, 3);
        QCOMPARE(p.issues.size(), 1); // `>>` is no pre-request script
        QCOMPARE(p.issues.at(0).line, 4);
    }

    // The fixture as written: pre-request scripts go before the request line, handlers after the
    // body; only `<>` is reported (VerbScope runs the rest); the writer puts every line back.
    void parserKeepsScriptsAndWriterRoundTrips()
    {
        const QString text = fixture();
        const ParseResult r = HttpFileParser::parse(text, QStringLiteral("scripts.http"));
        QCOMPARE(issues(r.issues),
            QStringList {
                QStringLiteral("scripts.http:33:1: warning: response reference \"<> 2026-12-07T120000.200.json\" "
                               "is the JetBrains IDE's earlier-response link; kept and written back, not "
                               "compared") });
        QCOMPARE(r.file.requests.size(), 2);
        const HttpRequest &login = r.file.requests.at(0);
        QCOMPARE(login.name, QStringLiteral("login"));
        QCOMPARE(login.method, QStringLiteral("POST"));
        QCOMPARE(login.line, 9);
        QCOMPARE(login.preRequestLine, 6);
        QCOMPARE(login.body, QStringLiteral("{\"user\": \"ada\", \"nonce\": \"{{nonce}}\"}"));
        const HandlerParse pre = HandlerBlocks::ofPreRequest(login, QStringLiteral("scripts.http"));
        QCOMPARE(pre.blocks.size(), 1);
        QCOMPARE(pre.blocks.at(0).line, 7);
        QVERIFY(pre.blocks.at(0).text.contains(QLatin1String("request.variables.set(\"nonce\", $random.uuid);")));
        QCOMPARE(login.handlersLine, 14);
        const HandlerParse post = HandlerBlocks::ofHandlers(login, QStringLiteral("scripts.http"));
        QCOMPARE(post.blocks.size(), 1);
        QCOMPARE(post.blocks.at(0).line, 15);

        const HttpRequest &profile = r.file.requests.at(1);
        QCOMPARE(profile.method, QStringLiteral("GET"));
        QCOMPARE(profile.headers.size(), 1);
        QCOMPARE(HandlerBlocks::ofPreRequest(profile).blocks.size(), 2);
        QCOMPARE(profile.assertions.size(), 1);
        QCOMPARE(profile.assertions.at(0).line, 29);
        QCOMPARE(HandlerBlocks::ofHandlers(profile).blocks.size(), 6);

        const QString written = HttpFileWriter::write(r.file);
        QCOMPARE(written.trimmed(), text.trimmed());
        QCOMPARE(HttpFileParser::parse(written).file, r.file);
    }

    // `??` inside a script is JavaScript, not an assertion.
    void assertionLookalikeInsideAScriptIsScript()
    {
        const ParseResult r = HttpFileParser::parse(
            QStringLiteral("GET http://a/\n\n> {%\n?? status == 1\n%}\n?? status == 200\n"), QStringLiteral("a.http"));
        QCOMPARE(r.file.requests.at(0).assertions.size(), 1);
        QCOMPARE(r.file.requests.at(0).assertions.at(0).line, 6);
    }

    void unterminatedPreRequestScriptIsAnError()
    {
        const ParseResult r = HttpFileParser::parse(
            QStringLiteral("< {%\nrequest.variables.set('a', 1)\nGET http://a/\n"), QStringLiteral("a.http"));
        QVERIFY(r.hasErrors());
        QVERIFY2(issues(r.issues).contains(
                     QStringLiteral("a.http:1:3: error: unterminated {%: no %} before the end of the request")),
            qPrintable(issues(r.issues).join(QLatin1Char('\n'))));
    }
};

QTEST_APPLESS_MAIN(tst_HandlerBlocks)
#include "tst_handlerblocks.moc"
