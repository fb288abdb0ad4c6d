// SPDX-License-Identifier: GPL-3.0-or-later
// Collection: a request with a parse error is named and left out, never the whole collection;
// `export` works on the rest and writes the environment files next to a .http export.
#include "core/collections/Collection.h"
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;
using verbscope::test::FakeRequest;
using verbscope::test::FakeResponse;
using verbscope::test::FakeServer;
using verbscope::test::runCli;

namespace {
void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

const QByteArray fourRequests = "@host = http://127.0.0.1:1\n\n"
                                "### A\nGET {{host}}/a\n\n"
                                "### B\nGET {{host}}/b\nBad Header Line\n\n"
                                "### C\n# @name c\nGET {{host}}/c\n\n"
                                "### D\nPOST {{host}}/d\nContent-Type: text/plain\n\nbody\n";

QStringList titles(const Collection &c)
{
    QStringList out;
    for (const CollectionFile &f : c.files())
        for (const HttpRequest &r : f.parsed.file.requests)
            out << f.relativePath + QLatin1Char('/') + r.title;
    return out;
}
} // namespace

class tst_Collection final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void brokenRequestIsNamedAndLeftOut()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("api.http")), fourRequests);
        write(dir.filePath(QStringLiteral("ok.http")), "### E\nGET http://127.0.0.1:1/e\n");
        const Collection c = Collection::load(dir.path());
        const QList<BrokenRequest> broken = c.brokenRequests();
        QCOMPARE(broken.size(), 1);
        QCOMPARE(broken.first().file, QStringLiteral("api.http"));
        QCOMPARE(broken.first().line, 6);
        QCOMPARE(broken.first().name, QStringLiteral("B"));
        QVERIFY2(broken.first().toString().startsWith(QStringLiteral("api.http:6: B: not readable, left out: "
                                                                     "api.http:8:1: error: expected a header")),
            qPrintable(broken.first().toString()));
        const Collection readable = c.readable();
        QCOMPARE(titles(readable),
            (QStringList { QStringLiteral("api.http/A"), QStringLiteral("api.http/C"), QStringLiteral("api.http/D"),
                QStringLiteral("ok.http/E") }));
        QVERIFY(readable.brokenRequests().isEmpty());
        // The file's variables stay for the readable requests.
        QCOMPARE(readable.files().first().parsed.file.variables.size(), 1);
    }

    void cleanCollectionHasNoBrokenRequests()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("ok.http")), "GET http://127.0.0.1:1/\n\n###\nGET http://127.0.0.1:1/2\n");
        const Collection c = Collection::load(dir.path());
        QVERIFY(c.brokenRequests().isEmpty());
        QCOMPARE(titles(c.readable()).size(), 2);
    }

    // `export` exports A, C and D, names B, and exits 2 so a script sees something was left out.
    void exportWorksOnTheReadableRequests()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("api.http")), fourRequests);
        const auto r = runCli({ QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("curl"),
            dir.filePath(QStringLiteral("api.http")) });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.contains("127.0.0.1:1/a"));
        QVERIFY(r.out.contains("127.0.0.1:1/c"));
        QVERIFY(r.out.contains("127.0.0.1:1/d"));
        QVERIFY(!r.out.contains("127.0.0.1:1/b"));
        QVERIFY2(r.err.contains("api.http:6: B: not readable, left out"), r.err.constData());
        QVERIFY(r.err.contains("1 request(s) not exported"));
    }

    // --to http -o FILE writes the environment files next to FILE; the private one owner-only
    // and redacted unless --include-secrets.
    void exportHttpWritesEnvironmentFiles()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("c/api.http")), "GET {{host}}/a\nAuthorization: Bearer {{token}}\n");
        write(dir.filePath(QStringLiteral("c/http-client.env.json")), "{\"dev\": {\"host\": \"http://127.0.0.1:1\"}}");
        write(dir.filePath(QStringLiteral("c/http-client.private.env.json")), "{\"dev\": {\"token\": \"t0p\"}}");
        const QString out = dir.filePath(QStringLiteral("out/all.http"));
        QDir().mkpath(dir.filePath(QStringLiteral("out")));
        const auto r = runCli({ QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("http"),
            dir.filePath(QStringLiteral("c")), QStringLiteral("-o"), out });
        QCOMPARE(r.exitCode, 0);
        QFile pub(dir.filePath(QStringLiteral("out/http-client.env.json")));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        QCOMPARE(pub.readAll(), QByteArray("{\"dev\": {\"host\": \"http://127.0.0.1:1\"}}"));
        QFile priv(dir.filePath(QStringLiteral("out/http-client.private.env.json")));
        QVERIFY(priv.open(QIODevice::ReadOnly));
        const QByteArray privText = priv.readAll();
        QVERIFY(privText.contains("\"token\": \"REDACTED\""));
        QVERIFY(!privText.contains("t0p"));
        QCOMPARE(priv.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        const QByteArray wrote = "wrote " + dir.filePath(QStringLiteral("out/http-client.env.json")).toUtf8();
        QVERIFY2(r.err.contains(wrote), r.err.constData());
        QVERIFY(r.err.contains("(owner-only; values REDACTED, use --include-secrets)"));

        // With secrets, into another folder: the private file as it is.
        const QString out2 = dir.filePath(QStringLiteral("out2/all.http"));
        QDir().mkpath(dir.filePath(QStringLiteral("out2")));
        const auto r2 = runCli({ QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("http"),
            dir.filePath(QStringLiteral("c")), QStringLiteral("-o"), out2, QStringLiteral("--include-secrets") });
        QCOMPARE(r2.exitCode, 0);
        QFile priv2(dir.filePath(QStringLiteral("out2/http-client.private.env.json")));
        QVERIFY(priv2.open(QIODevice::ReadOnly));
        QCOMPARE(priv2.readAll(), QByteArray("{\"dev\": {\"token\": \"t0p\"}}"));

        // An existing different file is not replaced.
        write(dir.filePath(QStringLiteral("out3/http-client.env.json")), "{}");
        const auto r3 = runCli({ QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("http"),
            dir.filePath(QStringLiteral("c")), QStringLiteral("-o"), dir.filePath(QStringLiteral("out3/all.http")) });
        QCOMPARE(r3.exitCode, 1);
        QVERIFY(r3.err.contains("exists and differs; not replaced"));
        QFile kept(dir.filePath(QStringLiteral("out3/http-client.env.json")));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("{}"));
    }

    // `run DIR` sends A, C and D, and JUnit shows B as an error instead of nothing running.
    void runSendsTheReadableRequests()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}); });
        QTemporaryDir dir;
        QByteArray text = fourRequests;
        text.replace("http://127.0.0.1:1", server.url(QString()).toUtf8());
        write(dir.filePath(QStringLiteral("api.http")), text);
        const QString junit = dir.filePath(QStringLiteral("junit.xml"));
        const auto r = runCli({ QStringLiteral("run"), dir.path(), QStringLiteral("--junit"), junit });
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("api.http:8:1: error: expected a header"), r.err.constData());
        QFile f(junit);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray xml = f.readAll();
        QVERIFY2(xml.contains("<error") && xml.contains("B: not readable, left out"), xml.constData());
        QVERIFY(xml.contains("errors=\"1\""));
    }
};

QTEST_GUILESS_MAIN(tst_Collection)
#include "tst_collection.moc"
