// SPDX-License-Identifier: GPL-3.0-or-later
// `verbscope-cli history` and the recording done by send and diagnose, as a user runs them.
#include "core/history/HistoryStore.h"
#include "tests/core/history/HarValidator.h"
#include "tests/core/history/HistoryDamage.h"
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace verbscope::test;

namespace {
struct Result : CliResult {
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

FakeResponse methodAware(const FakeRequest &r)
{
    if (r.method == "OPTIONS")
        return FakeResponse::http(200, "OK", { { "Allow", "GET, HEAD, OPTIONS" } });
    if (r.method == "GET" || r.method == "HEAD")
        return FakeResponse::http(200, "OK", { { "Content-Type", "text/plain" } }, "hello\n");
    return FakeResponse::http(405, "Method Not Allowed",
        { { "Allow", "GET, HEAD, OPTIONS" }, { "Content-Type", "text/plain" } }, "no " + r.method + "\n");
}
} // namespace

class tst_HistoryCli final : public QObject
{
    Q_OBJECT

    // Each test function gets its own data dir, so entries never leak between them.
    QTemporaryDir *m_dir = nullptr;
    QString m_dataDir;

    Result cli(const QStringList &args, const QString &dataDir = {})
    {
        ProgramRun run(qEnvironmentVariable("VERBSCOPE_CLI"), args);
        run.environment.insert(QStringLiteral("VERBSCOPE_DATA_DIR"), dataDir.isEmpty() ? m_dataDir : dataDir);
        return { runProgram(run) };
    }

    // Two recorded exchanges: a GET of /a with `header`, and a DELETE of /b.
    void sendTwo(FakeServer &server, const QString &header)
    {
        QCOMPARE(
            cli({ QStringLiteral("send"), QStringLiteral("-H"), header, server.url(QStringLiteral("/a")) }).exitCode,
            0);
        QCOMPARE(cli({ QStringLiteral("send"), QStringLiteral("-X"), QStringLiteral("DELETE"),
                         server.url(QStringLiteral("/b")) })
                     .exitCode,
            0);
    }

    QJsonArray entries(const QStringList &extra = {})
    {
        const Result r
            = cli(QStringList { QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json") } + extra);
        return r.exitCode == 0
            ? r.json().value(QStringLiteral("entries")).toArray()
            : QJsonArray { QJsonValue(QString(QStringLiteral("error: ") + QString::fromUtf8(r.err))) };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("VERBSCOPE_CLI").isEmpty(), "VERBSCOPE_CLI must point to verbscope-cli");
    }
    void init()
    {
        m_dir = new QTemporaryDir;
        m_dataDir = m_dir->filePath(QStringLiteral("data"));
    }
    void cleanup()
    {
        delete m_dir;
        m_dir = nullptr;
    }

    // A HAR's responses go into the history with their reason phrases; an entry without one is counted.
    void importHarWithResponses()
    {
        const QString har
            = qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/collections/session.har");
        QTemporaryDir into;
        const Result r = cli({ QStringLiteral("import"), QStringLiteral("--with-responses"), QStringLiteral("--into"),
            into.path(), har });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("Recorded 2 response(s) in the history."), r.out.constData());
        QVERIFY(r.out.contains("without a response"));
        const QJsonArray list = entries();
        QCOMPARE(list.size(), 2);
        QStringList methods;
        for (const QJsonValue &e : list) {
            QCOMPARE(e.toObject().value(QStringLiteral("source")).toString(), QStringLiteral("import-har"));
            methods << e.toObject().value(QStringLiteral("method")).toString();
        }
        methods.sort();
        QCOMPARE(methods, (QStringList { QStringLiteral("GET"), QStringLiteral("REPORT") }));
        // Without the flag nothing is recorded, and the flag is refused for other formats.
        const QString curl = into.filePath(QStringLiteral("c.sh"));
        QFile f(curl);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("curl -X PURGE http://127.0.0.1:9/x\n");
        f.close();
        const Result bad = cli({ QStringLiteral("import"), QStringLiteral("--with-responses"), QStringLiteral("--into"),
            into.path(), curl });
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.err.contains("HAR files only"), bad.err.constData());
        QCOMPARE(entries().size(), 2);
    }

    void sendRecordsUnlessNoHistory()
    {
        FakeServer server(methodAware);
        QCOMPARE(cli({ QStringLiteral("send"), QStringLiteral("-X"), QStringLiteral("PATCH"),
                         server.url(QStringLiteral("/items/1")) })
                     .exitCode,
            0);
        const QJsonArray list = entries();
        QCOMPARE(list.size(), 1);
        const QJsonObject e = list[0].toObject();
        QCOMPARE(e[QStringLiteral("method")].toString(), QStringLiteral("PATCH"));
        QCOMPARE(e[QStringLiteral("status")].toInt(), 405);
        QCOMPARE(e[QStringLiteral("verdict")].toString(), QStringLiteral("not-allowed"));
        QCOMPARE(e[QStringLiteral("source")].toString(), QStringLiteral("send"));
        QCOMPARE(e[QStringLiteral("host")].toString(), QStringLiteral("127.0.0.1"));

        QCOMPARE(cli({ QStringLiteral("send"), QStringLiteral("--no-history"), server.url() }).exitCode, 0);
        QCOMPARE(entries().size(), 1);
        QVERIFY(QFile::exists(QDir(m_dataDir).filePath(QStringLiteral("history.sqlite"))));
    }

    void transportErrorsAreRecordedToo()
    {
        const Result r = cli({ QStringLiteral("send"), QStringLiteral("--timeout"), QStringLiteral("5"),
            QStringLiteral("http://127.0.0.1:1/") });
        QCOMPARE(r.exitCode, 3);
        const QJsonArray list = entries();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0][QStringLiteral("error")].toString(), QStringLiteral("refused"));
        QCOMPARE(list[0][QStringLiteral("verdict")].toString(), QStringLiteral("transport-error"));
    }

    // Operators with nothing to join, a column name alone and a lone quote are searched as typed,
    // never refused as a usage error.
    void searchTextThatLooksLikeSyntax()
    {
        FakeServer server(methodAware);
        sendTwo(server, QStringLiteral("X-Note: OR AND url"));
        if (QTest::currentTestFailed())
            return;
        const QList<QPair<QString, int>> cases { { QStringLiteral("AND"), 1 }, { QStringLiteral("OR OR"), 1 },
            { QStringLiteral("url:"), 1 }, { QStringLiteral("\""), 0 }, { QStringLiteral("NOT"), 0 } };
        for (const auto &c : cases) {
            const Result r
                = cli({ QStringLiteral("history"), QStringLiteral("search"), c.first, QStringLiteral("--json") });
            QVERIFY2(r.exitCode == 0, qPrintable(c.first + QLatin1Char(' ') + QString::fromUtf8(r.err)));
            QVERIFY2(r.json()[QStringLiteral("entries")].toArray().size() == c.second, qPrintable(c.first));
        }
    }

    void searchShowAndFilters()
    {
        FakeServer server(methodAware);
        sendTwo(server, QStringLiteral("X-Trace: magic-7"));
        if (QTest::currentTestFailed())
            return;

        Result r = cli({ QStringLiteral("history"), QStringLiteral("search"), QStringLiteral("magic-7"),
            QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 0);
        const QJsonArray found = r.json()[QStringLiteral("entries")].toArray();
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0][QStringLiteral("method")].toString(), QStringLiteral("GET"));
        const qint64 id = found[0][QStringLiteral("id")].toInteger();

        r = cli({ QStringLiteral("history"), QStringLiteral("search"), QStringLiteral("hello") }); // text body
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(" GET ") && !r.out.contains("DELETE"), r.out.constData());

        r = cli({ QStringLiteral("history"), QStringLiteral("show"), QString::number(id), QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = r.json();
        QCOMPARE(doc[QStringLiteral("format")].toString(), QStringLiteral("verbscope.history-entry/1"));
        QCOMPARE(doc[QStringLiteral("exchange")][QStringLiteral("format")].toString(),
            QStringLiteral("verbscope.exchange/1"));
        QCOMPARE(doc[QStringLiteral("exchange")][QStringLiteral("response")][QStringLiteral("body")].toString(),
            QStringLiteral("hello\n"));
        QVERIFY(doc[QStringLiteral("diagnosis")].isNull());

        r = cli({ QStringLiteral("history"), QStringLiteral("show"), QString::number(id) });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("> X-Trace: magic-7\n") && r.out.contains("< HTTP/1.1 200 OK\n")
                && r.out.contains("hello\n"),
            r.out.constData());

        r = cli({ QStringLiteral("history"), QStringLiteral("show"), QString::number(id), QStringLiteral("--raw") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("< hello\\n"), r.out.constData());

        QCOMPARE(cli({ QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("9999") }).exitCode, 1);

        QCOMPARE(entries({ QStringLiteral("--method"), QStringLiteral("DELETE") }).size(), 1);
        QCOMPARE(entries({ QStringLiteral("--status"), QStringLiteral("4xx") }).size(), 1);
        QCOMPARE(entries({ QStringLiteral("--status"), QStringLiteral("200") }).size(), 1);
        QCOMPARE(entries({ QStringLiteral("--host"), QStringLiteral("127.0.0.1") }).size(), 2);
        QCOMPARE(entries({ QStringLiteral("--since"), QStringLiteral("1h") }).size(), 2);
        QCOMPARE(entries({ QStringLiteral("--until"), QStringLiteral("2h") }).size(), 0);
        QCOMPARE(entries({ QStringLiteral("--since"), QStringLiteral("2000-01-01") }).size(), 2);
        QCOMPARE(entries({ QStringLiteral("--verdict"), QStringLiteral("not-allowed") }).size(), 1);
        QCOMPARE(entries({ QStringLiteral("--limit"), QStringLiteral("1") }).size(), 1);
        QCOMPARE(entries({ QStringLiteral("--limit"), QStringLiteral("1") })[0][QStringLiteral("method")].toString(),
            QStringLiteral("DELETE"));

        r = cli({ QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--since"),
            QStringLiteral("yesterdayish") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--since \"yesterdayish\" is not a date"), r.err.constData());
        r = cli(
            { QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("4x") });
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(cli({ QStringLiteral("history"), QStringLiteral("frobnicate") }).exitCode, 2);
    }

    void diagnoseRecordsItsChecksAsChildren()
    {
        FakeServer server(methodAware);
        const Result d = cli({ QStringLiteral("diagnose"), QStringLiteral("-X"), QStringLiteral("PATCH"),
            server.url(QStringLiteral("/res")) });
        QCOMPARE(d.exitCode, 0);
        const QJsonArray top = entries();
        QCOMPARE(top.size(), 1);
        const qint64 parent = top[0][QStringLiteral("id")].toInteger();
        QCOMPARE(top[0][QStringLiteral("source")].toString(), QStringLiteral("diagnose"));
        QCOMPARE(top[0][QStringLiteral("verdict")].toString(), QStringLiteral("not-allowed"));
        const QJsonArray all = entries({ QStringLiteral("--with-checks") });
        QVERIFY2(all.size() >= 3, QJsonDocument(all).toJson().constData()); // OPTIONS, random path, GET at least
        for (const QJsonValue &e : all)
            if (e[QStringLiteral("id")].toInteger() != parent)
                QCOMPARE(e[QStringLiteral("parentId")].toInteger(), parent);

        const Result show = cli(
            { QStringLiteral("history"), QStringLiteral("show"), QString::number(parent), QStringLiteral("--json") });
        QCOMPARE(show.exitCode, 0);
        const QJsonObject diag = show.json()[QStringLiteral("diagnosis")].toObject();
        QCOMPARE(diag[QStringLiteral("format")].toString(), QStringLiteral("verbscope.diagnosis/1"));
        QCOMPARE(diag[QStringLiteral("verdict")].toString(), QStringLiteral("not-allowed"));
        const QJsonArray checks = diag[QStringLiteral("checks")].toArray();
        QCOMPARE(checks.size(), all.size() - 1);
        QCOMPARE(checks[0][QStringLiteral("exchange")][QStringLiteral("format")].toString(),
            QStringLiteral("verbscope.exchange/1"));
        QCOMPARE(show.json()[QStringLiteral("checks")].toArray().size(), checks.size());

        const Result text = cli({ QStringLiteral("history"), QStringLiteral("show"), QString::number(parent) });
        QVERIFY2(text.out.contains("Diagnosis: not-allowed") && text.out.contains("Checks:"), text.out.constData());

        QCOMPARE(cli({ QStringLiteral("diagnose"), QStringLiteral("--no-history"), QStringLiteral("-X"),
                         QStringLiteral("PATCH"), server.url() })
                     .exitCode,
            0);
        QCOMPARE(entries().size(), 1);
    }

    void diffTwoEntries()
    {
        int n = 0;
        FakeServer server([&n](const FakeRequest &) {
            return ++n == 1
                ? FakeResponse::http(
                    405, "Method Not Allowed", { { "Allow", "GET" }, { "Date", "one" } }, "{\"ok\":false}")
                : FakeResponse::http(200, "OK", { { "Allow", "GET, PATCH" }, { "Date", "two" } }, "{\"ok\":true}");
        });
        QCOMPARE(
            cli({ QStringLiteral("send"), QStringLiteral("-X"), QStringLiteral("PATCH"), server.url() }).exitCode, 0);
        QCOMPARE(
            cli({ QStringLiteral("send"), QStringLiteral("-X"), QStringLiteral("PATCH"), server.url() }).exitCode, 0);
        const QJsonArray list = entries();
        QCOMPARE(list.size(), 2);
        const QString newer = QString::number(list[0][QStringLiteral("id")].toInteger());
        const QString older = QString::number(list[1][QStringLiteral("id")].toInteger());

        Result r = cli({ QStringLiteral("history"), QStringLiteral("diff"), older, newer, QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject diff = r.json();
        QCOMPARE(diff[QStringLiteral("format")].toString(), QStringLiteral("verbscope.diff/1"));
        QCOMPARE(diff[QStringLiteral("left")][QStringLiteral("id")].toInteger(), older.toLongLong());
        QCOMPARE(diff[QStringLiteral("status")][QStringLiteral("right")][QStringLiteral("status")].toInt(), 200);
        QCOMPARE(diff[QStringLiteral("body")][QStringLiteral("kind")].toString(), QStringLiteral("json"));
        QCOMPARE(diff[QStringLiteral("body")][QStringLiteral("json")][0][QStringLiteral("path")].toString(),
            QStringLiteral("$.ok"));
        QVERIFY(diff[QStringLiteral("ignoredHeaders")].toArray().contains(QStringLiteral("Date")));

        r = cli({ QStringLiteral("history"), QStringLiteral("diff"), older, newer });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("status: 405 Method Not Allowed") && r.out.contains("~ Allow: GET → GET, PATCH")
                && r.out.contains("~ $.ok: false → true"),
            r.out.constData());
        QVERIFY(!r.out.contains("~ Date"));
        r = cli({ QStringLiteral("history"), QStringLiteral("diff"), older, newer, QStringLiteral("--all-headers") });
        QVERIFY2(r.out.contains("~ Date: one → two"), r.out.constData());
        QCOMPARE(cli({ QStringLiteral("history"), QStringLiteral("diff"), older }).exitCode, 2);
    }

    void exportHarIsValid()
    {
        FakeServer server(methodAware);
        QCOMPARE(cli({ QStringLiteral("send"), QStringLiteral("-X"), QStringLiteral("PUT"), QStringLiteral("-d"),
                         QStringLiteral("x=1"), server.url(QStringLiteral("/f?q=1")) })
                     .exitCode,
            0);
        QCOMPARE(cli({ QStringLiteral("send"), server.url() }).exitCode, 0);
        const QString file = m_dir->filePath(QStringLiteral("out.har"));
        Result r = cli({ QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--har"), file });
        QCOMPARE(r.exitCode, 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject har = QJsonDocument::fromJson(f.readAll()).object();
        const QStringList problems = harProblems(har);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const QJsonArray list = har[QStringLiteral("log")][QStringLiteral("entries")].toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0][QStringLiteral("request")][QStringLiteral("method")].toString(),
            QStringLiteral("PUT")); // oldest first
        QCOMPARE(list[0][QStringLiteral("response")][QStringLiteral("statusText")].toString(),
            QStringLiteral("Method Not Allowed"));
        QCOMPARE(list[0][QStringLiteral("request")][QStringLiteral("postData")][QStringLiteral("text")].toString(),
            QStringLiteral("x=1"));
        QCOMPARE(
            list[0][QStringLiteral("request")][QStringLiteral("queryString")][0][QStringLiteral("name")].toString(),
            QStringLiteral("q"));
        QVERIFY(list[1][QStringLiteral("timings")][QStringLiteral("wait")].toDouble() >= 0);

        r = cli({ QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--har"), QStringLiteral("-"),
            QStringLiteral("--method"), QStringLiteral("GET") });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json()[QStringLiteral("log")][QStringLiteral("entries")].toArray().size(), 1);
        QCOMPARE(cli({ QStringLiteral("history"), QStringLiteral("export") }).exitCode, 2);
    }

    void clearNeedsConfirmation()
    {
        FakeServer server(methodAware);
        QCOMPARE(cli({ QStringLiteral("send"), server.url() }).exitCode, 0);
        QCOMPARE(cli({ QStringLiteral("send"), server.url() }).exitCode, 0);
        Result r = cli({ QStringLiteral("history"), QStringLiteral("clear") }); // stdin is not a terminal
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--yes"), r.err.constData());
        QCOMPARE(entries().size(), 2);
        r = cli({ QStringLiteral("history"), QStringLiteral("clear"), QStringLiteral("--before"), QStringLiteral("1d"),
            QStringLiteral("--yes") });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(entries().size(), 2); // both are newer than a day
        r = cli({ QStringLiteral("history"), QStringLiteral("clear"), QStringLiteral("--yes") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("2 entries deleted"), r.err.constData());
        QCOMPARE(entries().size(), 0);
    }

    void secretsMaskedByDefault()
    {
        FakeServer server(methodAware);
        QCOMPARE(cli({ QStringLiteral("send"), QStringLiteral("-H"),
                         QStringLiteral("Authorization: Bearer s3cr3t-t0ken-abcdefgh-1234"), server.url() })
                     .exitCode,
            0);
        const Result r = cli({ QStringLiteral("history"), QStringLiteral("show"),
            QString::number(entries()[0][QStringLiteral("id")].toInteger()), QStringLiteral("--json") });
        QVERIFY2(r.out.contains("Bearer ****1234") && !r.out.contains("s3cr3t"), r.out.constData());

        // Settings can turn it off.
        QFile ini(QDir(m_dataDir).filePath(QStringLiteral("verbscope.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[history]\nmaskSecrets=false\n");
        ini.close();
        QCOMPARE(cli({ QStringLiteral("send"), QStringLiteral("-H"),
                         QStringLiteral("Authorization: Bearer s3cr3t-t0ken-abcdefgh-1234"), server.url() })
                     .exitCode,
            0);
        const Result plain = cli({ QStringLiteral("history"), QStringLiteral("search"), QStringLiteral("s3cr3t"),
            QStringLiteral("--json") });
        QCOMPARE(plain.json()[QStringLiteral("entries")].toArray().size(), 1);
    }

    void historyCanBeSwitchedOff()
    {
        QVERIFY(QDir().mkpath(m_dataDir));
        QFile ini(QDir(m_dataDir).filePath(QStringLiteral("verbscope.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[history]\nenabled=false\n");
        ini.close();
        FakeServer server(methodAware);
        const Result r = cli({ QStringLiteral("send"), server.url() });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        QCOMPARE(entries().size(), 0);
    }

    // An open quote swallowed "enabled=false": nothing may be recorded, and the user is told why,
    // once, by every command that reads the settings (and not by one that does not).
    void brokenSettingsMeanNoHistoryAndANotice()
    {
        QVERIFY(QDir().mkpath(m_dataDir));
        QFile ini(QDir(m_dataDir).filePath(QStringLiteral("verbscope.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[requests]\nproxyMode=\"none\n[history]\nenabled=false\n");
        ini.close();
        FakeServer server(methodAware);
        const Result r = cli({ QStringLiteral("send"), server.url() });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err.count("broken syntax at line 2"), 1);
        QVERIFY2(r.err.contains("history recording is off"), r.err.constData());
        QVERIFY(!QFile::exists(QDir(m_dataDir).filePath(QStringLiteral("history.sqlite"))));
        const Result list = cli({ QStringLiteral("history"), QStringLiteral("list") });
        QVERIFY2(list.err.contains("broken syntax at line 2"), list.err.constData());
        const Result explain = cli({ QStringLiteral("explain"), QStringLiteral("405") });
        QVERIFY2(!explain.err.contains("broken syntax"), explain.err.constData());
    }

    // The history holds bodies (tokens) and, with masking off, credentials.
    void exportedHarIsOwnerOnly()
    {
        FakeServer server(methodAware);
        QCOMPARE(cli({ QStringLiteral("send"), server.url() }).exitCode, 0);
        const QString file = m_dir->filePath(QStringLiteral("out.har"));
        QCOMPARE(
            cli({ QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--har"), file }).exitCode, 0);
        QCOMPARE(QFile::permissions(file) & 0x0777, QFileDevice::ReadUser | QFileDevice::WriteUser);
    }

    void corruptDatabaseIsMovedAsideAndSaid()
    {
        QVERIFY(QDir().mkpath(m_dataDir));
        QFile db(QDir(m_dataDir).filePath(QStringLiteral("history.sqlite")));
        QVERIFY(db.open(QIODevice::WriteOnly));
        db.write(QByteArray(8192, 'G'));
        db.close();
        FakeServer server(methodAware);
        const Result r = cli({ QStringLiteral("send"), server.url() });
        QCOMPARE(r.exitCode, 0);
        // send leaves its entry in the pending folder; the next reader finds the damage and says so.
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        const Result list = cli({ QStringLiteral("history"), QStringLiteral("list") });
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.err.contains("could not be read") && list.err.contains("history.sqlite.corrupt-"),
            list.err.constData());
        QVERIFY2(list.out.contains(server.url().toUtf8()), list.out.constData()); // taken into the new database
        QCOMPARE(QDir(m_dataDir).entryList({ QStringLiteral("history.sqlite.corrupt-*") }).size(), 1);
        QCOMPARE(entries().size(), 1);
    }

    // Random bytes in one page of an index every insert touches. Before, the pending file of
    // each new entry was blamed and renamed *.unreadable, `history list` said nothing wrong and
    // the history stopped growing. Now the database is checked, named as damaged, set aside,
    // and the pending entries go into a new one.
    void damagedPageIsReportedAndTheHistoryKeepsGrowing()
    {
        FakeServer server(methodAware);
        sendTwo(server, QStringLiteral("X-Old: 1"));
        QCOMPARE(entries().size(), 2);
        const QString db = QDir(m_dataDir).filePath(QStringLiteral("history.sqlite"));
        QVERIFY(damageHistoryPage(db, QStringLiteral("exchanges_host")) > 1);

        QCOMPARE(cli({ QStringLiteral("send"), server.url(QStringLiteral("/new")) }).exitCode, 0);
        const Result list = cli({ QStringLiteral("history"), QStringLiteral("list") });
        QVERIFY2(list.err.contains("damaged") && list.err.contains("quick_check")
                && list.err.contains(QByteArray(db.toUtf8() + ".corrupt-")),
            list.err.constData());
        QVERIFY2(!list.err.contains("could not be taken in"), list.err.constData()); // not the pending file's fault
        QCOMPARE(QDir(m_dataDir).entryList({ QStringLiteral("history.sqlite.corrupt-*") }, QDir::Files).size(), 1);
        // The way to copy the old entries out is offered only where it works: it is run here.
        const int hint = list.err.indexOf("copied out with: ");
        QCOMPARE(hint >= 0, !QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty());
        if (hint >= 0 && QFile::exists(QStringLiteral("/bin/sh"))) {
            const QByteArray command = list.err.mid(hint + 17).split('\n').first();
            QVERIFY2(command.startsWith("sqlite3 "), command.constData());
            QCOMPARE(
                QProcess::execute(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), QString::fromUtf8(command) }), 0);
            QFile salvaged(QString::fromUtf8(command.mid(command.lastIndexOf("> ") + 2)));
            QVERIFY2(salvaged.open(QIODevice::ReadOnly), command.constData());
            QVERIFY(salvaged.readAll().contains(server.url(QStringLiteral("/b")).toUtf8()));
        }
        QCOMPARE(list.exitCode, 0); // what it lists is the new, sound history
        QVERIFY2(list.out.contains(server.url(QStringLiteral("/new")).toUtf8()), list.out.constData());
        const QDir pending(QDir(m_dataDir).filePath(QStringLiteral("pending")));
        QCOMPARE(pending.entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList());

        // Said once, and the history grows again.
        QCOMPARE(cli({ QStringLiteral("send"), server.url(QStringLiteral("/after")) }).exitCode, 0);
        const Result again = cli({ QStringLiteral("history"), QStringLiteral("list") });
        QVERIFY2(again.err.isEmpty(), again.err.constData());
        QCOMPARE(entries().size(), 2);
    }

    // A listing that runs into a damaged page half way fails with the damage named, instead of
    // printing the rows before it and exiting 0.
    void listingADamagedDatabaseFails()
    {
        FakeServer server(methodAware);
        for (const QString &sub : { QStringLiteral("list"), QStringLiteral("search") }) {
            m_dataDir = m_dir->filePath(sub);
            QCOMPARE(cli({ QStringLiteral("send"), server.url() }).exitCode, 0);
            const QString db = QDir(m_dataDir).filePath(QStringLiteral("history.sqlite"));
            {
                verbscope::history::HistoryStore store;
                QVERIFY(store.open(db).ok); // takes the pending entry in
                QList<verbscope::http::Exchange> many;
                for (int i = 0; i < 300; ++i) {
                    verbscope::http::Exchange ex;
                    ex.startedAt = QDateTime::currentDateTimeUtc();
                    ex.request.method = "GET";
                    ex.request.url = server.url(QStringLiteral("/bulk/%1/").arg(i)) + QString(200, QLatin1Char('x'));
                    many << ex;
                }
                QCOMPARE(store.addMany(many, QStringLiteral("test")).size(), 300);
            }
            const int page = damageHistoryPage(db, QStringLiteral("exchanges"), DamagedPage::MiddleLeaf);
            if (page < 0)
                QSKIP("this SQLite has no dbstat table to find a page in the middle of a table with");
            QVERIFY(page > 1);
            QStringList args { QStringLiteral("history"), sub, QStringLiteral("--limit"), QStringLiteral("0") };
            if (sub == QLatin1String("search"))
                args << QStringLiteral("bulk");
            const Result r = cli(args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.out.isEmpty(), r.out.left(300).constData());
            QVERIFY2(r.err.contains("damaged") && r.err.contains(db.toUtf8()), r.err.constData());
        }
    }

    void recordingFailureOnlyWarns()
    {
        // The data dir cannot be created: a plain file sits where its parent should be.
        QFile blocker(m_dir->filePath(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        FakeServer server(methodAware);
        const Result r = cli({ QStringLiteral("send"), QStringLiteral("-X"), QStringLiteral("PATCH"), server.url() },
            m_dir->filePath(QStringLiteral("blocker/data")));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("warning: not recorded in history"), r.err.constData());
        QVERIFY(r.out.contains("405"));
    }
};

QTEST_GUILESS_MAIN(tst_HistoryCli)
#include "tst_historycli.moc"
