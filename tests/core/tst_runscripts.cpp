// SPDX-License-Identifier: GPL-3.0-or-later
// Scripts in `verbscope-cli run` (CollectionRunner with the ScriptEngine): handler files, a script
// that fails or never ends, `>>` and `>>!` saves, a pre-request script that fails, globals, JUnit.
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace verbscope::test;

namespace {
FakeResponse route(const FakeRequest &r)
{
    if (r.target.startsWith("/json"))
        return FakeResponse::http(200, "OK", { { "Content-Type", "application/json" } }, R"({"n":1})");
    return FakeResponse::http(200, "OK", { { "Content-Type", "text/plain" } }, "body-" + r.target.mid(1));
}

bool put(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}
} // namespace

class tst_RunScripts final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A handler file next to the .http file; its tests name the .js file and line.
    void handlerFileAndLog()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        QVERIFY(put(dir.filePath(QStringLiteral("checks/ok.js")),
            "client.log('n is ' + response.body.n);\nclient.test('n is 2', function () {\n  "
            "client.assert(response.body.n "
            "=== 2, 'n was ' + response.body.n);\n});\n"));
        const QString file = dir.filePath(QStringLiteral("a.http"));
        QVERIFY(put(file, "GET " + server.url(QStringLiteral("/json")).toUtf8() + "\n\n> ./checks/ok.js\n"));
        const CliResult r = runCli({ QStringLiteral("run"), file, QStringLiteral("--fail") });
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.out.contains("  FAIL  checks/ok.js:3  n is 2: n was 1\n"), r.out.constData());
        QVERIFY2(r.out.contains("  log  n is 1\n"), r.out.constData());
    }

    // A script that never ends is stopped at the time limit; the run goes on to the next request,
    // and JUnit has the script error as an <error>.
    void runawayScriptIsStoppedAndTheRunGoesOn()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        const QByteArray base = server.url(QString()).toUtf8();
        QVERIFY(put(
            file, "GET " + base + "/a\n\n> {%\nlet i = 0;\nwhile (true) { i++; }\n%}\n\n###\nGET " + base + "/b\n"));
        const QString junit = dir.filePath(QStringLiteral("junit.xml"));
        const CliResult r = runCli({ QStringLiteral("run"), file, QStringLiteral("--junit"), junit });
        QCOMPARE(server.requests().size(), 2);
        QVERIFY2(r.out.contains("1 passed, 1 failed"), r.out.constData());
        QVERIFY2(r.out.contains("a.http:"), r.out.constData());
        QXmlStreamReader xml(read(junit));
        int errors = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("error"))
                ++errors;
        QCOMPARE(errors, 1);
    }

    // `>>` never overwrites (out.txt, then out-1.txt); `>>!` does.
    void savesTheResponse()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        const QByteArray base = server.url(QString()).toUtf8();
        QVERIFY(put(dir.filePath(QStringLiteral("out.txt")), "precious"));
        QVERIFY(put(file, "GET " + base + "/one\n\n>> ./out.txt\n\n###\nGET " + base + "/two\n\n>>! ./replaced.txt\n"));
        QVERIFY(put(dir.filePath(QStringLiteral("replaced.txt")), "old"));
        const CliResult r = runCli({ QStringLiteral("run"), file });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(read(dir.filePath(QStringLiteral("out.txt"))), QByteArray("precious"));
        QCOMPARE(read(dir.filePath(QStringLiteral("out-1.txt"))), QByteArray("body-one"));
        QCOMPARE(read(dir.filePath(QStringLiteral("replaced.txt"))), QByteArray("body-two"));
        QVERIFY2(r.out.contains("note  saved the response body to"), r.out.constData());
    }

    // An imported collection writes nothing outside its folder and reads no handler file there.
    void importedFilesStayInTheirFolder()
    {
        FakeServer server(route);
        QTemporaryDir scratch;
        const QString source = scratch.filePath(QStringLiteral("shared.http"));
        QVERIFY(put(source, "GET " + server.url(QStringLiteral("/x")).toUtf8() + "\n\n>>! ../escaped.txt\n"));
        const QString into = scratch.filePath(QStringLiteral("imported"));
        const CliResult imported = runCli({ QStringLiteral("import"), source, QStringLiteral("--into"), into });
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        const CliResult r = runCli({ QStringLiteral("run"), into });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!QFile::exists(scratch.filePath(QStringLiteral("escaped.txt"))));
        QVERIFY2(r.err.contains("response not saved:") && r.err.contains("outside the imported collection's folder"),
            r.err.constData());
        QVERIFY2(r.out.contains("0 passed, 1 failed"), r.out.constData());
    }

    // A pre-request script that throws: the request is not sent, and says why with the line.
    void failingPreRequestScriptSendsNothing()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        QVERIFY(put(
            file, "< {%\nthrow new Error('no token');\n%}\nGET " + server.url(QStringLiteral("/x")).toUtf8() + "\n"));
        const CliResult r = runCli({ QStringLiteral("run"), file });
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(server.requests().size(), 0);
        QVERIFY2(
            r.err.contains("a.http:2: pre-request script failed:") && r.err.contains("no token"), r.err.constData());
    }

    // client.global.set in one request, {{name}} in a later one; --var still wins.
    void globalsBecomeVariables()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        const QByteArray base = server.url(QString()).toUtf8();
        QVERIFY(put(file,
            "GET " + base
                + "/json\n\n> {% client.global.set('n', String(response.body.n + 41)); "
                  "client.global.set('o', 'script'); %}\n\n###\nGET "
                + base + "/use?n={{n}}&o={{o}}\n"));
        const CliResult r = runCli({ QStringLiteral("run"), file, QStringLiteral("--var"), QStringLiteral("o=cli") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().at(1).target, QByteArray("/use?n=42&o=cli"));
    }
};

QTEST_GUILESS_MAIN(tst_RunScripts)
#include "tst_runscripts.moc"
