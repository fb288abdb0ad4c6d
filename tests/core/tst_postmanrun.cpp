// SPDX-License-Identifier: GPL-3.0-or-later
// A Postman collection with tests, imported and run by `verbscope-cli run` against a loopback
// server: each pm.test passes or fails as it should, and as it does in newman (Postman's own
// runner) against the same server.
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"
#include "tests/support/NpmTools.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::test;

namespace {
QByteArray headerOf(const FakeRequest &r, const QByteArray &name)
{
    for (const QByteArray &line : r.head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// The users API the collection tests: sign in, list (echoing what it was sent), delete, a 404.
FakeResponse route(const FakeRequest &r)
{
    const QByteArray json = "application/json; charset=utf-8";
    if (r.method == "POST" && r.target == "/auth/login")
        return FakeResponse::http(200, "OK", { { "Content-Type", json } }, R"({"token":"abc123"})");
    if (r.method == "GET" && r.target == "/users")
        return FakeResponse::http(200, "OK",
            { { "Content-Type", json }, { "X-Seen-Authorization", headerOf(r, "Authorization") },
                { "X-Seen-Trace", headerOf(r, "X-Trace") } },
            R"([{"id":1,"name":"ann"},{"id":2,"name":"bob"}])");
    if (r.method == "DELETE" && r.target == "/users/2")
        return FakeResponse::http(204, "No Content", {});
    return FakeResponse::http(404, "Not Found", { { "Content-Type", json } }, R"({"error":"user not found"})");
}

// The fixture with the server's address in place of its placeholder.
QString collectionFor(const FakeServer &server, const QTemporaryDir &dir)
{
    QFile in(qEnvironmentVariable("VERBSCOPE_SOURCE_DIR")
        + QStringLiteral("/tests/data/collections/postman-tests.postman_collection.json"));
    if (!in.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(in.fileName()));
    QByteArray text = in.readAll();
    text.replace("http://127.0.0.1:PORT", server.url(QString()).toUtf8());
    const QString path = dir.filePath(QStringLiteral("users.postman_collection.json"));
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// "request › test: PASS|FAIL" lines, one per test, in run order.
using Outcomes = QStringList;

Outcomes verbscopeOutcomes(const FakeServer &server, const QTemporaryDir &dir, QByteArray *output)
{
    const QString into = dir.filePath(QStringLiteral("imported"));
    const CliResult imported
        = runCli({ QStringLiteral("import"), collectionFor(server, dir), QStringLiteral("--into"), into });
    if (imported.exitCode != 0) {
        *output = imported.out + imported.err;
        return {};
    }
    const CliResult run = runCli({ QStringLiteral("run"), into, QStringLiteral("--json") });
    *output = run.out + run.err;
    Outcomes out;
    for (const QJsonValue &step : QJsonDocument::fromJson(run.out).object().value(QStringLiteral("results")).toArray())
        for (const QJsonValue &t : step.toObject().value(QStringLiteral("tests")).toArray())
            out << QStringLiteral("%1 › %2: %3")
                       .arg(step.toObject().value(QStringLiteral("name")).toString(),
                           t.toObject().value(QStringLiteral("name")).toString(),
                           t.toObject().value(QStringLiteral("passed")).toBool() ? QStringLiteral("PASS")
                                                                                 : QStringLiteral("FAIL"));
    return out;
}
} // namespace

class tst_PostmanRun final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Collection, folder and request test scripts run in Postman's order; a bearer token saved by
    // one request's test reaches the next through the collection auth; a pre-request script's
    // variable reaches a header; the legacy tests[] object counts.
    void importedCollectionRuns()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        QByteArray output;
        const Outcomes got = verbscopeOutcomes(server, dir, &output);
        const QString rt = QStringLiteral("Response time is less than 2000ms: PASS");
        // `run DIR` runs files in path order: Admin.http (the folder) before the collection's own file.
        const Outcomes expected {
            QStringLiteral("Delete_user › ") + rt,
            QStringLiteral("Delete_user › No server error: PASS"),
            QStringLiteral("Delete_user › Body is empty: PASS"),
            QStringLiteral("Delete_user › Status code is 204: PASS"),
            QStringLiteral("Missing_user › ") + rt,
            QStringLiteral("Missing_user › No server error: PASS"),
            QStringLiteral("Missing_user › Status code is 404: PASS"),
            QStringLiteral("Missing_user › Error message: PASS"),
            QStringLiteral("Missing_user › Is a success: FAIL"),
            QStringLiteral("Sign_in › ") + rt,
            QStringLiteral("Sign_in › Status code is 200: PASS"),
            QStringLiteral("Sign_in › Content-Type is JSON: PASS"),
            QStringLiteral("Sign_in › Token is returned: PASS"),
            QStringLiteral("List_users › ") + rt,
            QStringLiteral("List_users › Status code is 200: PASS"),
            QStringLiteral("List_users › Bearer token from sign in was sent: PASS"),
            QStringLiteral("List_users › Trace header from the pre-request script: PASS"),
            QStringLiteral("List_users › Body is an array of users: PASS"),
            QStringLiteral("List_users › Has three users: FAIL"),
            QStringLiteral("List_users › First user is ann: PASS"),
        };
        QVERIFY2(got == expected,
            qPrintable(
                QStringLiteral("got:\n%1\n\nexpected:\n%2\n\noutput:\n%3")
                    .arg(got.join(QLatin1Char('\n')), expected.join(QLatin1Char('\n')), QString::fromUtf8(output))));
        QCOMPARE(server.requests().size(), 4);
    }

    // What the pm layer cannot run is that script's failure in the run, with file and line.
    void unsupportedCallIsAReportLine()
    {
        FakeServer server(route);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("a.http"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("GET " + server.url(QStringLiteral("/users")).toUtf8()
            + "\n\n> {%\npm.test(\"before\", function () {});\npm.sendRequest(\"http://x\", function () {});\n%}\n");
        f.close();
        const CliResult r = runCli({ QStringLiteral("run"), file, QStringLiteral("--fail") });
        QVERIFY2(r.exitCode == 4, r.out.constData());
        QVERIFY2(r.out.contains("a.http:5  pm.sendRequest is not supported by VerbScope (line 5)"), r.out.constData());
        QVERIFY2(r.out.contains("  pass  a.http:4  before\n"), r.out.constData());
    }

    // newman and VerbScope, same collection, same server: every pm.test has the same outcome.
    void sameOutcomesAsNewman()
    {
        const QString missing = missingNpmTools({ QStringLiteral(".bin/newman") });
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        FakeServer server(route);
        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("newman.json"));
        ProgramRun newman(npmToolsDir() + QStringLiteral("/node_modules/.bin/newman"),
            { QStringLiteral("run"), collectionFor(server, dir), QStringLiteral("--reporters"), QStringLiteral("json"),
                QStringLiteral("--reporter-json-export"), report, QStringLiteral("--disable-unicode") });
        const CliResult n = runProgram(newman);
        QVERIFY2(n.exitCode == 0 || n.exitCode == 1, QByteArray(n.out + n.err).constData());
        QFile f(report);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(report));
        Outcomes theirs;
        const QJsonArray executions = QJsonDocument::fromJson(f.readAll())
                                          .object()[QStringLiteral("run")][QStringLiteral("executions")]
                                          .toArray();
        for (const QJsonValue &e : executions) {
            // newman names items by their Postman name; the import turns "Sign in" into @name Sign_in.
            const QString item = e[QStringLiteral("item")][QStringLiteral("name")].toString().replace(
                QLatin1Char(' '), QLatin1Char('_'));
            for (const QJsonValue &a : e[QStringLiteral("assertions")].toArray())
                theirs << QStringLiteral("%1 › %2: %3")
                              .arg(item, a[QStringLiteral("assertion")].toString(),
                                  a.toObject().contains(QStringLiteral("error")) ? QStringLiteral("FAIL")
                                                                                 : QStringLiteral("PASS"));
        }
        const int newmanRequests = int(server.requests().size());
        QByteArray output;
        const Outcomes ours = verbscopeOutcomes(server, dir, &output);
        QVERIFY2(!ours.isEmpty(), output.constData());
        QCOMPARE(newmanRequests, 4);
        // Same tests, same verdicts; the order within one request may differ for tests[] entries.
        Outcomes a = theirs, b = ours;
        a.sort();
        b.sort();
        QVERIFY2(a == b,
            qPrintable(QStringLiteral("VerbScope:\n%1\n\nnewman:\n%2")
                           .arg(b.join(QLatin1Char('\n')), a.join(QLatin1Char('\n')))));
    }
};

QTEST_GUILESS_MAIN(tst_PostmanRun)
#include "tst_postmanrun.moc"
