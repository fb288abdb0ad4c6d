// SPDX-License-Identifier: GPL-3.0-or-later
// A collection written by HttpFileWriter runs unchanged in httpyac (installed by `scripts/dev deps`
// from scripts/npm-packages.txt): the bytes it sends match what `verbscope-cli run` sends.
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"
#include "tests/support/NpmTools.h"

#include "core/collections/HttpFileStore.h"
#include "core/collections/HttpFileWriter.h"

#include <QFile>
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
};

QTEST_GUILESS_MAIN(tst_Httpyac)
#include "tst_httpyac.moc"
