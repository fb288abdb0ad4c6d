// SPDX-License-Identifier: GPL-3.0-or-later
// `verbscope-cli compare` as a user runs it: one request to several servers, then what differs.
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace verbscope::test;

namespace {
FakeServer::Responder server(int status, const QByteArray &reason, const QByteArray &body, const QByteArray &extra = {})
{
    return [=](const FakeRequest &) {
        QList<QPair<QByteArray, QByteArray>> headers { { "Content-Type", "application/json" },
            { "Date", "Wed, 25 Nov 2026 12:00:00 GMT" } };
        if (!extra.isEmpty())
            headers.append({ "X-Extra", extra });
        return FakeResponse::http(status, reason, headers, body);
    };
}
} // namespace

class tst_CompareCommand final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsWhatDiffers()
    {
        FakeServer staging(server(200, "OK", "{\"items\":[1,2],\"v\":\"a\"}"));
        FakeServer production(server(405, "Method Not Allowed", "{\"items\":[1,3],\"v\":\"a\"}", "prod"));
        int code = -1;
        const QByteArray out = runCli({ QStringLiteral("compare"), QStringLiteral("-X"), QStringLiteral("PATCH"),
                                          staging.url(), production.url() },
            &code);
        QCOMPARE(code, 0);
        QVERIFY2(out.contains(QByteArray("[1] ").append(staging.url().toUtf8())), out.constData());
        QVERIFY(out.contains("HTTP/1.1 200 OK"));
        QVERIFY(out.contains("HTTP/1.1 405 Method Not Allowed"));
        QVERIFY(out.contains("status: "));
        QVERIFY(out.contains("X-Extra"));
        QVERIFY(out.contains("$.items[1]"));
        QCOMPARE(staging.requests().constFirst().method, QByteArray("PATCH"));
        QCOMPARE(production.requests().constFirst().method, QByteArray("PATCH"));
    }

    void sameAnswersHaveNoDifferencesDespiteDate()
    {
        FakeServer a(server(200, "OK", "{}"));
        FakeServer b([](const FakeRequest &) {
            return FakeResponse::http(200, "OK",
                { { "Content-Type", "application/json" }, { "Date", "Thu, 26 Nov 2026 08:00:00 GMT" } }, "{}");
        });
        int code = -1;
        const QByteArray out = runCli({ QStringLiteral("compare"), a.url(), b.url() }, &code);
        QCOMPARE(code, 0);
        QVERIFY2(out.contains("no differences"), out.constData());
        const QByteArray all
            = runCli({ QStringLiteral("compare"), QStringLiteral("--all-headers"), a.url(), b.url() }, &code);
        QVERIFY2(all.contains("Date"), all.constData());
    }

    void json()
    {
        FakeServer a(server(200, "OK", "{\"a\":1}"));
        FakeServer b(server(501, "Not Implemented", "{\"a\":2}"));
        FakeServer c(server(200, "OK", "{\"a\":1}"));
        int code = -1;
        const QByteArray out
            = runCli({ QStringLiteral("compare"), QStringLiteral("--json"), a.url(), b.url(), c.url() }, &code);
        QCOMPARE(code, 0);
        const QJsonObject doc = QJsonDocument::fromJson(out).object();
        QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("verbscope.compare/1"));
        const QJsonArray servers = doc.value(QStringLiteral("servers")).toArray();
        QCOMPARE(servers.size(), 3);
        QCOMPARE(
            servers.at(1).toObject().value(QStringLiteral("verdict")).toString(), QStringLiteral("not-implemented"));
        const QJsonArray diffs = doc.value(QStringLiteral("diffs")).toArray();
        QCOMPARE(diffs.size(), 2);
        QCOMPARE(diffs.at(0).toObject().value(QStringLiteral("right")).toInt(), 1);
        QCOMPARE(diffs.at(0).toObject().value(QStringLiteral("diff")).toObject().value(QStringLiteral("same")).toBool(),
            false);
        QCOMPARE(diffs.at(1).toObject().value(QStringLiteral("diff")).toObject().value(QStringLiteral("same")).toBool(),
            true);
    }

    void recordsEachAnswerInHistory()
    {
        FakeServer a(server(200, "OK", "{}"));
        FakeServer b(server(404, "Not Found", "{}"));
        int code = -1;
        auto count = [&](const QString &source) {
            const QJsonObject list = QJsonDocument::fromJson(
                runCli({ QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json"),
                           QStringLiteral("--limit"), QStringLiteral("1000") },
                    &code))
                                         .object();
            int n = 0;
            for (const QJsonValue &e : list.value(QStringLiteral("entries")).toArray())
                n += e.toObject().value(QStringLiteral("source")).toString() == source ? 1 : 0;
            return n;
        };
        const int before = count(QStringLiteral("compare"));
        runCli({ QStringLiteral("compare"), a.url(), b.url() }, &code);
        QCOMPARE(code, 0);
        QCOMPARE(count(QStringLiteral("compare")), before + 2);
        runCli({ QStringLiteral("compare"), QStringLiteral("--no-history"), a.url(), b.url() }, &code);
        QCOMPARE(count(QStringLiteral("compare")), before + 2);
        const int probes = count(QStringLiteral("probe"));
        runCli({ QStringLiteral("probe"), QStringLiteral("--methods"), QStringLiteral("GET,PUT,FOO"), a.url() }, &code);
        QCOMPARE(count(QStringLiteral("probe")), probes + 3);
    }

    void needsTwoUrls()
    {
        int code = -1;
        runCli({ QStringLiteral("compare"), QStringLiteral("http://127.0.0.1:9/") }, &code);
        QCOMPARE(code, 2);
    }
};

QTEST_GUILESS_MAIN(tst_CompareCommand)
#include "tst_comparecommand.moc"
