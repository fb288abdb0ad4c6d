// SPDX-License-Identifier: GPL-3.0-or-later
// A collection written by HttpFileWriter runs unchanged in httpyac (installed from npm into the
// build tree): the bytes it sends match what `verbscope-cli run` sends for the same file.
#include "tests/core/NpmTools.h"
#include "tests/support/FakeServer.h"

#include "core/collections/HttpFileStore.h"
#include "core/collections/HttpFileWriter.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;
using namespace verbscope::test;

namespace {
struct Run {
    int exitCode = -1;
    QByteArray output;
};

// Runs a program while this thread's event loop keeps the FakeServer answering.
Run runProgram(const QString &program, const QStringList &args, const QString &workingDirectory)
{
    QProcess p;
    p.setWorkingDirectory(workingDirectory);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    QDeadlineTimer deadline(120000);
    while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(5);
    r.exitCode = p.exitCode();
    r.output = p.readAll();
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
        VERBSCOPE_NPM_INSTALL(QStringList { QStringLiteral("httpyac@6") }, QStringLiteral(".bin/httpyac"));
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

        const Run yac = runProgram(npmPrefix() + QStringLiteral("/node_modules/.bin/httpyac"),
            { QStringLiteral("send"), httpPath, QStringLiteral("--all"), QStringLiteral("--env"),
                QStringLiteral("test"), QStringLiteral("--output"), QStringLiteral("short"),
                QStringLiteral("--no-color") },
            dir.path());
        QVERIFY2(yac.exitCode == 0, yac.output.constData());
        const QList<Seen> byHttpyac = seen(server.requests());
        QCOMPARE(byHttpyac.size(), 6);

        const Run ours = runProgram(qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("run"), httpPath, QStringLiteral("--env"), QStringLiteral("test") }, dir.path());
        QVERIFY2(ours.exitCode == 0, ours.output.constData());
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
