// SPDX-License-Identifier: GPL-3.0-or-later
// A collection written by HttpFileWriter runs unchanged in httpyac (installed by `scripts/dev deps`
// from scripts/npm-packages.txt): the bytes it sends match what `verbscope-cli run` sends.
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"
#include "tests/support/NpmTools.h"

#include "core/collections/HttpFileStore.h"
#include "core/collections/HttpFileWriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;
using namespace verbscope::test;

namespace {
// httpyac or verbscope-cli in `dir`, the FakeServer answering meanwhile; output is both streams.
CliResult runIn(const QString &dir, const QString &program, const QStringList &args)
{
    ProgramRun run(program, args);
    run.workingDirectory = dir;
    run.timeoutMs = 120'000;
    CliResult r = runProgram(run);
    r.out += r.err;
    return r;
}

HttpRequest request(const QString &title, const QString &method, const QString &target)
{
    HttpRequest r;
    r.title = title;
    r.method = method;
    r.target = target;
    return r;
}

struct Seen {
    QByteArray method;
    QByteArray target;
    QByteArray body;
    QByteArray authorization;
    QByteArray depth;
};

QList<Seen> seen(const QList<FakeRequest> &requests)
{
    QList<Seen> out;
    for (const FakeRequest &r : requests) {
        Seen s { r.method, r.target, r.body, {}, {} };
        for (const QByteArray &line : r.head.split('\n')) {
            if (line.toLower().startsWith("authorization:"))
                s.authorization = line.mid(14).trimmed();
            if (line.toLower().startsWith("depth:"))
                s.depth = line.mid(6).trimmed();
        }
        out.append(s);
    }
    return out;
}
} // namespace

class tst_Httpyac final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writtenCollectionRunsInHttpyac()
    {
        const QString missing = missingNpmTools({ QStringLiteral(".bin/httpyac") });
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::http(200, "OK", { { "Content-Type", "text/plain" } }, "ok");
        });
        QTemporaryDir dir;

        HttpFile file;
        file.comments << QStringLiteral("Written by HttpFileWriter for the httpyac integration test");
        file.variables.append({ QStringLiteral("host"), server.url(QString()), 0 });
        HttpRequest get = request(
            QStringLiteral("List items"), QStringLiteral("GET"), QStringLiteral("{{host}}/items?page={{page}}"));
        get.name = QStringLiteral("list");
        get.headers.append({ QStringLiteral("Authorization"), QStringLiteral("Bearer {{token}}"), 0 });
        get.headers.append({ QStringLiteral("Accept"), QStringLiteral("application/json"), 0 });
        file.requests.append(get);
        HttpRequest post = request(QStringLiteral("Create"), QStringLiteral("POST"), QStringLiteral("{{host}}/items"));
        post.headers.append({ QStringLiteral("Content-Type"), QStringLiteral("application/json"), 0 });
        // Comments inside the request: httpyac must not send them either.
        post.innerComments.append({ QStringLiteral("after the request line"), 0, false, 0 });
        post.innerComments.append({ QStringLiteral("CreateItemCommand"), 1, true, 0 });
        post.body = QStringLiteral("{\"name\": \"lamp\", \"n\": {{page}}}");
        post.hasBody = true;
        file.requests.append(post);
        HttpRequest dav = request(QStringLiteral("Find"), QStringLiteral("PROPFIND"), QStringLiteral("{{host}}/dav/"));
        dav.headers.append({ QStringLiteral("Depth"), QStringLiteral("1"), 0 });
        dav.headers.append({ QStringLiteral("Content-Type"), QStringLiteral("application/xml"), 0 });
        dav.body = QStringLiteral("<propfind xmlns=\"DAV:\"><allprop/></propfind>");
        dav.hasBody = true;
        file.requests.append(dav);
        HttpRequest put = request(QStringLiteral("Replace"), QStringLiteral("PUT"), QStringLiteral("{{host}}/items/1"));
        put.headers.append({ QStringLiteral("Content-Type"), QStringLiteral("application/json"), 0 });
        put.body = QStringLiteral("< ./payload.json");
        put.hasBody = true;
        file.requests.append(put);
        HttpRequest del
            = request(QStringLiteral("Remove"), QStringLiteral("DELETE"), QStringLiteral("{{host}}/items/1"));
        del.directives.append({ QStringLiteral("no-redirect"), QString() });
        file.requests.append(del);
        HttpRequest report
            = request(QStringLiteral("Report"), QStringLiteral("REPORT"), QStringLiteral("{{host}}/cal/"));
        file.requests.append(report);

        QStringList warnings;
        const QString text = HttpFileWriter::write(file, &warnings);
        QVERIFY(warnings.isEmpty());
        QVERIFY(HttpFileWriter::httpyacCaveats(file).isEmpty());
        const QString httpPath = dir.filePath(QStringLiteral("api.http"));
        QCOMPARE(HttpFileStore::save(httpPath, text.toUtf8(), FileStamp()).status, HttpFileStore::SaveStatus::Saved);
        QCOMPARE(HttpFileStore::save(dir.filePath(QStringLiteral("payload.json")), "{\"replaced\": true}", FileStamp())
                     .status,
            HttpFileStore::SaveStatus::Saved);
        QCOMPARE(HttpFileStore::save(
                     dir.filePath(QStringLiteral("http-client.env.json")), R"({"test": {"page": "2"}})", FileStamp())
                     .status,
            HttpFileStore::SaveStatus::Saved);
        QCOMPARE(HttpFileStore::save(dir.filePath(QStringLiteral("http-client.private.env.json")),
                     R"({"test": {"token": "t0k"}})", FileStamp())
                     .status,
            HttpFileStore::SaveStatus::Saved);

        const CliResult yac = runIn(dir.path(), npmToolsDir() + QStringLiteral("/node_modules/.bin/httpyac"),
            { QStringLiteral("send"), httpPath, QStringLiteral("--all"), QStringLiteral("--env"),
                QStringLiteral("test"), QStringLiteral("--output"), QStringLiteral("short"),
                QStringLiteral("--no-color") });
        QVERIFY2(yac.exitCode == 0, yac.out.constData());
        const QList<Seen> byHttpyac = seen(server.requests());
        QCOMPARE(byHttpyac.size(), 6);

        const CliResult ours = runIn(dir.path(), qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("run"), httpPath, QStringLiteral("--env"), QStringLiteral("test") });
        QVERIFY2(ours.exitCode == 0, ours.out.constData());
        const QList<Seen> byUs = seen(server.requests().mid(6));
        QCOMPARE(byUs.size(), 6);

        for (qsizetype i = 0; i < 6; ++i) {
            QCOMPARE(byHttpyac.at(i).method, byUs.at(i).method);
            QCOMPARE(byHttpyac.at(i).target, byUs.at(i).target);
            QCOMPARE(byHttpyac.at(i).body, byUs.at(i).body);
            QCOMPARE(byHttpyac.at(i).authorization, byUs.at(i).authorization);
            QCOMPARE(byHttpyac.at(i).depth, byUs.at(i).depth);
        }
        QCOMPARE(byUs.at(0).target, QByteArray("/items?page=2"));
        QCOMPARE(byUs.at(0).authorization, QByteArray("Bearer t0k")); // from the private file
        QCOMPARE(byUs.at(1).body, QByteArray("{\"name\": \"lamp\", \"n\": 2}"));
        QCOMPARE(byUs.at(2).method, QByteArray("PROPFIND"));
        QCOMPARE(byUs.at(3).body, QByteArray("{\"replaced\": true}"));
        QCOMPARE(byUs.at(5).method, QByteArray("REPORT"));
    }

    // The same test file in httpyac and in `verbscope-cli run`: the same requests (pre-request
    // variables, globals from a handler, httpyac's {{login.token}}), the same outcome for every test
    // (`??` assertions, `client.test` in `> {% %}` handlers, `?? js`), and the same saved file.
    void agreementOnTests()
    {
        const QString missing = missingNpmTools({ QStringLiteral(".bin/httpyac") });
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        FakeServer server([](const FakeRequest &r) {
            if (r.target.startsWith("/login"))
                return FakeResponse::http(200, "OK", { { "Content-Type", "application/json" } },
                    R"({"token":"tok-1","user":{"id":42,"roles":["a","b"]}})");
            return FakeResponse::http(
                200, "OK", { { "Content-Type", "text/plain" }, { "X-Served-By", "fake" } }, "fine");
        });
        QTemporaryDir dir;
        const QString source = qEnvironmentVariable("VERBSCOPE_SOURCE_DIR")
            + QStringLiteral("/tests/data/collections/agreement/tests.http");
        const QString httpPath = dir.filePath(QStringLiteral("tests.http"));
        QVERIFY(QFile::copy(source, httpPath));
        const QString base = server.url(QString());

        const CliResult yac = runIn(dir.path(), npmToolsDir() + QStringLiteral("/node_modules/.bin/httpyac"),
            { QStringLiteral("send"), httpPath, QStringLiteral("--all"), QStringLiteral("--json"), QStringLiteral("-o"),
                QStringLiteral("none"), QStringLiteral("--var"), QStringLiteral("base=") + base });
        const QList<FakeRequest> byHttpyac = server.requests();
        QFile savedByHttpyac(dir.filePath(QStringLiteral("saved.txt")));
        QVERIFY2(savedByHttpyac.open(QIODevice::ReadOnly), yac.out.constData());
        const QByteArray httpyacSaved = savedByHttpyac.readAll();
        savedByHttpyac.close();
        QVERIFY(savedByHttpyac.remove());
        const QByteArray yacJson = yac.out.left(yac.out.lastIndexOf('}') + 1).mid(yac.out.indexOf('{'));
        const QJsonArray yacRequests
            = QJsonDocument::fromJson(yacJson).object().value(QStringLiteral("requests")).toArray();
        QCOMPARE(yacRequests.size(), 4);

        ProgramRun run(qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("run"), httpPath, QStringLiteral("--json"), QStringLiteral("--var"),
                QStringLiteral("base=") + base });
        run.workingDirectory = dir.path();
        const CliResult ours = runProgram(run);
        const QJsonArray results
            = QJsonDocument::fromJson(ours.out).object().value(QStringLiteral("results")).toArray();
        QVERIFY2(results.size() == 4, ours.err.constData());
        const QList<FakeRequest> byUs = server.requests().mid(byHttpyac.size());

        QCOMPARE(byUs.size(), byHttpyac.size());
        for (qsizetype i = 0; i < byUs.size(); ++i) {
            QCOMPARE(byUs.at(i).method, byHttpyac.at(i).method);
            QCOMPARE(byUs.at(i).target, byHttpyac.at(i).target);
            QCOMPARE(byUs.at(i).body, byHttpyac.at(i).body);
        }
        QCOMPARE(byUs.at(0).target, QByteArray("/pre?who=ann"));
        QCOMPARE(byUs.at(3).target, QByteArray("/x?t=tok-1&r=b"));

        QFile saved(dir.filePath(QStringLiteral("saved.txt")));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), httpyacSaved);

        int compared = 0;
        for (int i = 0; i < 4; ++i) {
            QStringList theirs;
            for (const QJsonValue &t : yacRequests.at(i).toObject().value(QStringLiteral("testResults")).toArray())
                theirs << (t.toObject().value(QStringLiteral("status")).toString() == QLatin1String("SUCCESS")
                        ? QStringLiteral("pass")
                        : QStringLiteral("fail"));
            QStringList mine;
            for (const QJsonValue &t : results.at(i).toObject().value(QStringLiteral("tests")).toArray())
                mine << (t.toObject().value(QStringLiteral("passed")).toBool() ? QStringLiteral("pass")
                                                                               : QStringLiteral("fail"));
            QCOMPARE(mine, theirs);
            compared += int(mine.size());
        }
        QCOMPARE(compared, 18); // every test of the file, both tools
        QVERIFY(ours.out.contains("fails on purpose"));
    }
};

QTEST_GUILESS_MAIN(tst_Httpyac)
#include "tst_httpyac.moc"
