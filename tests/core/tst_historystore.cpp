// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Diagnosis.h"
#include "core/history/HistoryRows.h"
#include "core/history/HistoryStore.h"
#include "core/http/ExchangeJson.h"
#include "tests/core/history/HistoryDamage.h"
#include "tests/support/ExchangeBuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope;
using namespace verbscope::history;
using namespace verbscope::http;
using verbscope::test::ExchangeBuilder;

namespace {
Exchange makeExchange(const QByteArray &method, const QString &url, int status, const QByteArray &body = {},
    const QDateTime &when = QDateTime::currentDateTimeUtc())
{
    ExchangeBuilder ex = verbscope::test::exchange()
                             .wire()
                             .startedAt(when)
                             .request(method, url)
                             .requestHeader("Host", QUrl(url).host().toUtf8())
                             .requestHeader("User-Agent", "VerbScope/test")
                             .status(status)
                             .header("Server", "nginx")
                             .header("Content-Length", QByteArray::number(body.size()))
                             .body(body)
                             .timings(0.5, 1.5, 2.0);
    if (status == 405)
        ex.header("Allow", "GET, HEAD");
    return ex;
}

// A raw connection, the way an outside tool would look at the file.
struct RawDb {
    explicit RawDb(const QString &path)
        : name(QStringLiteral("raw-%1").arg(++counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawDb()
    {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
    QVariant scalar(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(name, false));
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(name, false));
        return q.exec(sql);
    }
    QString name;
    static inline int counter = 0;
};

// The schema as version 1 wrote it: the "previous version" a migration must carry forward.
const char *const SchemaV1[] = {
    "CREATE TABLE exchanges (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES exchanges(id) ON DELETE CASCADE,"
    " check_id TEXT, started_at INTEGER NOT NULL, method TEXT NOT NULL, url TEXT NOT NULL, host TEXT NOT NULL,"
    " status INTEGER NOT NULL DEFAULT 0, reason TEXT, verdict TEXT, duration_ms REAL, fidelity TEXT NOT NULL,"
    " error_kind TEXT, exchange_json TEXT NOT NULL, diagnosis_json TEXT)",
    "CREATE INDEX exchanges_started ON exchanges(started_at)",
    "CREATE INDEX exchanges_parent ON exchanges(parent_id)",
    "CREATE TABLE bodies (exchange_id INTEGER NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE, kind TEXT NOT NULL,"
    " size INTEGER NOT NULL, data BLOB, file TEXT, PRIMARY KEY (exchange_id, kind))",
    "CREATE VIRTUAL TABLE exchanges_fts USING fts5(url, method, status, host, headers, body)",
    "CREATE TRIGGER exchanges_fts_delete AFTER DELETE ON exchanges BEGIN DELETE FROM exchanges_fts WHERE rowid = "
    "old.id; END",
};

// Owner, group and other bits as `ls -l` shows them (Qt adds "user" bits for the current user).
constexpr QFileDevice::Permissions ModeBits = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
    | QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
    | QFileDevice::WriteOther | QFileDevice::ExeOther;

QString writerPath()
{
    return QString::fromUtf8(VERBSCOPE_HISTORY_WRITER);
}
} // namespace

class tst_HistoryStore final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addAndReadBack()
    {
        QTemporaryDir dir;
        HistoryStore store;
        const QString path = dir.filePath(QStringLiteral("h/history.sqlite"));
        QVERIFY2(store.open(path).ok, qPrintable(store.lastError()));
        Exchange ex = makeExchange("PATCH", QStringLiteral("http://Example.test:8080/items/1"), 405, "not here\n");
        ex.request.body = "{\"a\":1}";
        ex.request.bodySize = ex.request.body.size();
        ex.redirects.append(Hop {});
        ex.redirects[0].request.method = "PATCH";
        ex.redirects[0].request.url = QStringLiteral("http://example.test:8080/old");
        ex.redirects[0].response.received = true;
        ex.redirects[0].response.head
            = { 308, "Permanent Redirect", QStringLiteral("1.1"), { { "Location", "/items/1" } }, {} };
        QSignalSpy added(&store, &HistoryStore::added);
        const qint64 id = store.add(ex, QStringLiteral("send"));
        QVERIFY2(id > 0, qPrintable(store.lastError()));
        QCOMPARE(added.size(), 1);

        const std::optional<HistoryRecord> r = store.record(id);
        QVERIFY(r);
        QCOMPARE(r->entry.method, QByteArray("PATCH"));
        QCOMPARE(r->entry.host, QStringLiteral("example.test"));
        QCOMPARE(r->entry.status, 405);
        QCOMPARE(r->entry.verdict, QStringLiteral("not-allowed")); // classified on the way in
        QCOMPARE(r->entry.source, QStringLiteral("send"));
        QCOMPARE(r->entry.fidelity, QStringLiteral("wire"));
        QCOMPARE(*r->entry.durationMs, 2.0);
        QCOMPARE(r->entry.startedAt.toMSecsSinceEpoch(), ex.startedAt.toMSecsSinceEpoch());
        QCOMPARE(r->exchange.request.body, QByteArray("{\"a\":1}"));
        QCOMPARE(r->exchange.response.body, QByteArray("not here\n"));
        QCOMPARE(r->exchange.response.head.headers, ex.response.head.headers);
        QCOMPARE(r->exchange.redirects.size(), 1);
        QCOMPARE(r->exchange.redirects[0].response.head.status, 308);
        QVERIFY(!store.record(id + 100));
    }

    void bodiesInlineUpToOneMebibyteThenInFiles()
    {
        QTemporaryDir dir;
        HistoryStore store;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QVERIFY(store.open(path).ok);
        const QByteArray atCap(HistoryStore::DefaultInlineBodyLimit, 'a');
        const QByteArray overCap = QByteArray(HistoryStore::DefaultInlineBodyLimit, 'b') + 'c';
        const qint64 inlineId
            = store.add(makeExchange("GET", QStringLiteral("http://h.test/a"), 200, atCap), QStringLiteral("send"));
        const qint64 fileId
            = store.add(makeExchange("GET", QStringLiteral("http://h.test/b"), 200, overCap), QStringLiteral("send"));
        QVERIFY(inlineId > 0 && fileId > 0);
        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT file IS NULL FROM bodies WHERE exchange_id=%1 AND kind='response'")
                                .arg(inlineId))
                     .toInt(),
            1);
        const QString file
            = raw.scalar(QStringLiteral("SELECT file FROM bodies WHERE exchange_id=%1 AND kind='response'").arg(fileId))
                  .toString();
        QVERIFY(!file.isEmpty());
        const QString filePath = QDir(store.bodiesDir()).filePath(file);
        QCOMPARE(QFileInfo(filePath).size(), overCap.size());
        QCOMPARE(store.record(inlineId)->exchange.response.body, atCap);
        QCOMPARE(store.record(fileId)->exchange.response.body, overCap);

        // Deleted with its row.
        HistoryFilter f;
        f.text = QStringLiteral("url:b");
        QCOMPARE(store.remove(f), 1);
        QVERIFY(!QFile::exists(filePath));
        QVERIFY(store.record(inlineId));
        QVERIFY(!store.record(fileId));
    }

    // An entry keeps at most HistoryRows::MaxBodyBytes of a body, marked as cut (issue 18: a 256 MiB
    // body was kept whole, and cost about 1.3 GB on its way in).
    void bodiesAreCutAtTheHistoryLimit()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        const QByteArray big = QByteArray("0123456789").repeated(HistoryRows::MaxBodyBytes / 10 + 1000);
        const qint64 id
            = store.add(makeExchange("GET", QStringLiteral("http://h.test/big"), 200, big), QStringLiteral("send"));
        QVERIFY(id > 0);
        const std::optional<HistoryRecord> r = store.record(id);
        QVERIFY(r);
        QCOMPARE(r->exchange.response.body.size(), HistoryRows::MaxBodyBytes);
        QVERIFY(big.startsWith(r->exchange.response.body));
        QVERIFY(r->exchange.response.bodyTruncated);
        QCOMPARE(r->exchange.response.decodedSize, big.size());
    }

    // A body file deleted behind VerbScope's back: the entry still opens, and says what is gone.
    void missingBodyFileIsReportedNotFatal()
    {
        QTemporaryDir dir;
        HistoryStore store;
        HistoryStore::Options options;
        options.inlineBodyLimit = 16;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite")), options).ok);
        const qint64 id = store.add(
            makeExchange("GET", QStringLiteral("http://h.test/big"), 200, QByteArray(64, 'x')), QStringLiteral("send"));
        QVERIFY(id > 0);
        const QStringList files = QDir(store.bodiesDir()).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        QVERIFY(QFile::remove(QDir(store.bodiesDir()).filePath(files.first())));
        const auto record = store.record(id);
        QVERIFY(record);
        QCOMPARE(record->exchange.response.head.status, 200);
        QVERIFY(record->exchange.response.body.isEmpty());
        QVERIFY2(record->exchange.warnings.join(QLatin1Char(' ')).contains(QLatin1String("is missing")),
            qPrintable(record->exchange.warnings.join(QLatin1Char(' '))));
    }

    void filesAreUserOnly()
    {
        QTemporaryDir dir;
        const QString dataDir = dir.filePath(QStringLiteral("data"));
        HistoryStore store;
        const QString path = QDir(dataDir).filePath(QStringLiteral("history.sqlite"));
        QVERIFY(store.open(path).ok);
        QVERIFY(store.add(makeExchange("GET", QStringLiteral("http://h.test/"), 200, QByteArray(2 * 1024 * 1024, 'z')),
                    QStringLiteral("send"))
            > 0);
        const QFileDevice::Permissions file = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        const QFileDevice::Permissions folder = file | QFileDevice::ExeOwner;
        QCOMPARE(QFile::permissions(dataDir) & ModeBits, folder);
        QCOMPARE(QFile::permissions(store.bodiesDir()) & ModeBits, folder);
        for (const QString &f : QStringList { path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm") }) {
            QVERIFY2(QFile::exists(f), qPrintable(f));
            QCOMPARE(QFile::permissions(f) & ModeBits, file);
        }
        const QStringList bodies = QDir(store.bodiesDir()).entryList(QDir::Files);
        QCOMPARE(bodies.size(), 1);
        QCOMPARE(QFile::permissions(QDir(store.bodiesDir()).filePath(bodies.constFirst())) & ModeBits, file);
    }

    void walAndSchemaVersion()
    {
        QTemporaryDir dir;
        HistoryStore store;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QVERIFY(store.open(path).ok);
        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), HistoryStore::SchemaVersion);
    }

    void migratesVersionOneAndKeepsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        const Exchange ex = makeExchange("DELETE", QStringLiteral("http://old.test/thing"), 501, "legacy body");
        {
            RawDb raw(path);
            for (const char *sql : SchemaV1)
                QVERIFY(raw.exec(QString::fromLatin1(sql)));
            QJsonObject json = exchangeToJson(ex);
            QJsonObject resp = json.value(QStringLiteral("response")).toObject();
            resp.remove(QStringLiteral("body"));
            json.insert(QStringLiteral("response"), resp);
            QSqlQuery q(QSqlDatabase::database(raw.name, false));
            QVERIFY(q.prepare(QStringLiteral("INSERT INTO exchanges(id, started_at, method, url, host, status, reason, "
                                             "verdict, fidelity, exchange_json)"
                                             " VALUES(7, ?, 'DELETE', 'http://old.test/thing', 'old.test', 501, 'Not "
                                             "Implemented', 'not-implemented', 'wire', ?)")));
            q.addBindValue(ex.startedAt.toMSecsSinceEpoch());
            q.addBindValue(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QVERIFY(raw.exec(
                QStringLiteral("INSERT INTO bodies VALUES(7, 'response', 11, X'6c656761637920626f6479', NULL)")));
            QVERIFY(raw.exec(QStringLiteral(
                "INSERT INTO exchanges_fts(rowid, url, method, status, host, headers, body)"
                " VALUES(7, 'http://old.test/thing', 'DELETE', '501', 'old.test', 'Server: nginx', 'legacy body')")));
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version=1")));
        }
        HistoryStore store;
        QVERIFY2(store.open(path).ok, qPrintable(store.lastError()));
        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), HistoryStore::SchemaVersion);
        QCOMPARE(
            raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name='pending_taken'")).toInt(), 1);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info('exchanges') WHERE name='source'"))
                     .toInt(),
            1);
        QCOMPARE(
            raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name='exchanges_recent'")).toInt(), 1);
        QVERIFY(raw.scalar(QStringLiteral("SELECT sql FROM sqlite_master WHERE name='exchanges_parent'"))
                    .toString()
                    .contains(QLatin1String("IS NOT NULL")));
        const std::optional<HistoryRecord> r = store.record(7);
        QVERIFY(r);
        QCOMPARE(r->entry.method, QByteArray("DELETE"));
        QCOMPARE(r->entry.source, QString()); // the new column's default
        QCOMPARE(r->exchange.response.body, QByteArray("legacy body"));
        HistoryFilter f;
        f.text = QStringLiteral("legacy");
        QCOMPARE(store.list(f).size(), 1);
        // And it takes new rows in the new shape.
        QVERIFY(store.add(makeExchange("GET", QStringLiteral("http://new.test/"), 200), QStringLiteral("send")) > 7);
    }

    void refusesNewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version=99")));
        }
        HistoryStore store;
        const HistoryStore::OpenResult r = store.open(path);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QLatin1String("newer")), qPrintable(r.error));
        QVERIFY(QFile::exists(path)); // left untouched, not moved aside
    }

    void notADatabaseIsMovedAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is a text file where the history should be, not an SQLite database\n");
        f.close();
        HistoryStore store;
        const HistoryStore::OpenResult r = store.open(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.notice.contains(QLatin1String("moved to")));
        const QStringList aside = QDir(dir.path()).entryList({ QStringLiteral("history.sqlite.corrupt-*") });
        QCOMPARE(aside.size(), 1);
        QVERIFY(r.notice.contains(aside.constFirst()));
        QFile old(dir.filePath(aside.constFirst()));
        QVERIFY(old.open(QIODevice::ReadOnly));
        QVERIFY(old.readAll().startsWith("this is a text file"));
        QVERIFY(store.add(makeExchange("GET", QStringLiteral("http://h.test/"), 200), QStringLiteral("send")) > 0);
    }

    void corruptedPagesAreMovedAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            HistoryStore store;
            QVERIFY(store.open(path).ok);
            for (int i = 0; i < 20; ++i)
                QVERIFY(store.add(
                            makeExchange("GET", QStringLiteral("http://h.test/%1").arg(i), 200), QStringLiteral("send"))
                    > 0);
        }
        {
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(100); // keep the 100-byte header, garble the schema page
        f.write(QByteArray(3996, '\xA5'));
        f.close();
        HistoryStore store;
        const HistoryStore::OpenResult r = store.open(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY2(r.notice.contains(QLatin1String("moved to")), qPrintable(r.notice));
        QCOMPARE(store.count({}), 0);
    }

    // A bad page in an index every insert touches: the schema page reads fine, so open()
    // succeeds and only the insert finds the damage. The database is checked, set aside with
    // what the check found, and the entry goes into a new one instead of being lost.
    void damagedPageFoundByAnInsertIsSetAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        HistoryStore::Options options;
        options.inlineBodyLimit = 16; // the old entries' bodies are files, which go with them
        {
            HistoryStore store;
            QVERIFY(store.open(path, options).ok);
            for (int i = 0; i < 5; ++i)
                QVERIFY(store.add(
                            makeExchange("GET", QStringLiteral("http://old.test/%1").arg(i), 200, QByteArray(64, 'o')),
                            QStringLiteral("send"))
                    > 0);
        }
        QVERIFY(test::damageHistoryPage(path, QStringLiteral("exchanges_host")) > 1);
        HistoryStore store;
        const HistoryStore::OpenResult opened = store.open(path, options);
        QVERIFY2(opened.ok, qPrintable(opened.error));
        QCOMPARE(opened.notice, QString()); // nothing read the damaged page yet
        const qint64 id
            = store.add(makeExchange("GET", QStringLiteral("http://new.test/"), 200), QStringLiteral("send"));
        QVERIFY2(id > 0, qPrintable(store.lastError()));
        const QStringList notices = store.takeNotices();
        QCOMPARE(notices.size(), 1);
        const QStringList aside
            = QDir(dir.path()).entryList({ QStringLiteral("history.sqlite.corrupt-*") }, QDir::Files);
        QCOMPARE(aside.size(), 1);
        const QString oldPath = dir.filePath(aside.first());
        QVERIFY2(notices.first().contains(path) && notices.first().contains(oldPath)
                && notices.first().contains(QLatin1String("quick_check: Page ")),
            qPrintable(notices.first()));
        QCOMPARE(store.count({}), 1); // the new database, with the new entry in it
        QCOMPARE(store.list({}).first().url, QStringLiteral("http://new.test/"));
        QVERIFY(store.add(makeExchange("GET", QStringLiteral("http://next.test/"), 200), QStringLiteral("send")) > 0);
        QCOMPARE(store.takeNotices(), QStringList()); // said once
        RawDb old(oldPath);
        QVERIFY(old.scalar(QStringLiteral("PRAGMA quick_check")).toString() != QLatin1String("ok"));
        // The old rows' body files moved with them: the new database's sweep would delete them.
        QCOMPARE(QDir(oldPath + QStringLiteral(".bodies")).entryList(QDir::Files).size(), 5);
        QCOMPARE(QDir(store.bodiesDir()).entryList(QDir::Files).size(), 0);
        QVERIFY2(notices.first().contains(oldPath + QStringLiteral(".bodies")), qPrintable(notices.first()));
    }

    // FTS5's index lives in ordinary tables: quick_check passes while the index inside them is
    // broken. Its text is stored apart, so the index is rebuilt and nothing is set aside.
    void damagedSearchIndexIsRebuiltNotSetAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            HistoryStore store;
            QVERIFY(store.open(path).ok);
            QVERIFY(
                store.add(makeExchange("GET", QStringLiteral("http://old.test/needle"), 200), QStringLiteral("send"))
                > 0);
        }
        {
            RawDb raw(path); // id 10 is FTS5's structure record
            QVERIFY(
                raw.exec(QStringLiteral("UPDATE exchanges_fts_data SET block = x'ffffffffffffffff' WHERE id = 10")));
        }
        HistoryStore store;
        QVERIFY(store.open(path).ok);
        QVERIFY2(store.add(makeExchange("GET", QStringLiteral("http://new.test/"), 200), QStringLiteral("send")) > 0,
            qPrintable(store.lastError()));
        const QStringList notices = store.takeNotices();
        QCOMPARE(notices.size(), 1);
        QVERIFY2(notices.first().contains(QLatin1String("full-text index"))
                && notices.first().contains(QLatin1String("rebuilt")),
            qPrintable(notices.first()));
        QCOMPARE(QDir(dir.path()).entryList({ QStringLiteral("history.sqlite.corrupt-*") }), QStringList());
        QCOMPARE(store.count({}), 2);
        HistoryFilter f;
        f.text = QStringLiteral("needle");
        QCOMPARE(store.list(f).size(), 1);
    }

    // The desktop app has two stores on one file (the panel's and the recorder's), and a command
    // may run beside it: when one sets the damaged file aside, the other must not go on using
    // the old file under its new name.
    void anotherStoreFollowsTheNewDatabase()
    {
#ifdef Q_OS_WIN
        QSKIP("Windows cannot rename a file that another connection holds open (the notice then says so)");
#endif
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            HistoryStore store;
            QVERIFY(store.open(path).ok);
            for (int i = 0; i < 3; ++i)
                QVERIFY(store.add(makeExchange("GET", QStringLiteral("http://old.test/%1").arg(i), 200),
                            QStringLiteral("send"))
                    > 0);
        }
        QVERIFY(test::damageHistoryPage(path, QStringLiteral("exchanges_host")) > 1);
        HistoryStore recorder;
        HistoryStore panel;
        QVERIFY(recorder.open(path).ok);
        QVERIFY(panel.open(path).ok);
        QCOMPARE(panel.list({}).size(), 3);
        QVERIFY(recorder.add(makeExchange("GET", QStringLiteral("http://new.test/"), 200), QStringLiteral("gui")) > 0);
        QCOMPARE(recorder.takeNotices().size(), 1);
        panel.ingestPending(); // what the panel's refresh does
        const QList<HistoryEntry> seen = panel.list({});
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().url, QStringLiteral("http://new.test/"));
    }

    // Nothing to salvage in 0 bytes, so nothing is set aside; but the file may be what is left
    // of a history, so it is said. A file another process has just created is not.
    void emptyDatabaseFileIsReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        {
            HistoryStore store;
            const HistoryStore::OpenResult r = store.open(path);
            QVERIFY(r.ok);
            QCOMPARE(r.notice, QString()); // just created: most likely another process's, being filled
        }
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(-3600), QFileDevice::FileModificationTime));
        f.close();
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        QCOMPARE(QFileInfo(path).size(), 0);
        HistoryStore store;
        const HistoryStore::OpenResult r = store.open(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY2(
            r.notice.contains(path) && r.notice.contains(QLatin1String("empty file (0 bytes")), qPrintable(r.notice));
        QCOMPARE(QDir(dir.path()).entryList({ QStringLiteral("history.sqlite.corrupt-*") }), QStringList());
        QVERIFY(store.add(makeExchange("GET", QStringLiteral("http://h.test/"), 200), QStringLiteral("send")) > 0);
    }

    void searchCoversUrlMethodStatusHostHeadersBody()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        Exchange a = makeExchange("PROPFIND", QStringLiteral("http://dav.test/collection/notes"), 405, "Only GET here");
        a.response.head.headers.append(Header { "X-Custom-Trace", "zebra-42" });
        const qint64 ida = store.add(a, QStringLiteral("send"));
        const qint64 idb = store.add(
            makeExchange("GET", QStringLiteral("http://api.test/users?page=2"), 200, "{\"name\":\"walrus\"}"),
            QStringLiteral("send"));
        const qint64 idc = store.add(
            makeExchange("QUERY", QStringLiteral("http://api.test/search"), 501, QByteArray("\x00\x01walrus", 8)),
            QStringLiteral("send"));
        QVERIFY(ida && idb && idc);
        auto ids = [&store](const QString &text) {
            HistoryFilter f;
            f.text = text;
            QList<qint64> out;
            for (const HistoryEntry &e : store.list(f))
                out << e.id;
            return out;
        };
        QCOMPARE(ids(QStringLiteral("propfind")), QList<qint64> { ida });
        QCOMPARE(ids(QStringLiteral("405")), QList<qint64> { ida });
        QCOMPARE(ids(QStringLiteral("dav.test")), QList<qint64> { ida });
        QCOMPARE(ids(QStringLiteral("zebra-42")), QList<qint64> { ida }); // header value
        QCOMPARE(ids(QStringLiteral("x-custom-trace")), QList<qint64> { ida }); // header name
        QCOMPARE(ids(QStringLiteral("walrus")), QList<qint64> { idb }); // text body; the binary one is not indexed
        QCOMPARE(ids(QStringLiteral("api.test")), (QList<qint64> { idc, idb })); // newest first
        QCOMPARE(ids(QStringLiteral("url:page")), QList<qint64> { idb });
        QCOMPARE(ids(QStringLiteral("method:get")), QList<qint64> { idb });
        QCOMPARE(ids(QStringLiteral("\"only get here\"")), QList<qint64> { ida });
        QCOMPARE(ids(QStringLiteral("wal*")), QList<qint64> { idb });
        QCOMPARE(ids(QStringLiteral("propfind OR query")), (QList<qint64> { idc, ida }));
        QCOMPARE(ids(QStringLiteral("nothing-like-this")), QList<qint64> {});
        // Syntax that FTS5 would reject is quoted, not an error.
        QCOMPARE(ids(QStringLiteral("\"unbalanced ( * :")), QList<qint64> {});
        QVERIFY(store.lastError().isEmpty() || !store.lastError().contains(QLatin1String("syntax")));
    }

    void idsAndExcludedIds()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        QList<Exchange> batch;
        for (int i = 0; i < 5; ++i)
            batch << makeExchange("GET", QStringLiteral("http://a.test/%1").arg(i), 200, {},
                QDateTime(QDate(2026, 1, 1), QTime(0, i), Qt::UTC));
        const QList<qint64> ids = store.addMany(batch, QStringLiteral("test"));
        QCOMPARE(ids.size(), 5);
        HistoryFilter f;
        f.ids = { ids.at(1), ids.at(3) };
        QCOMPARE(store.count(f), 2);
        QCOMPARE(store.list(f).constFirst().id, ids.at(3));
        f.excludeIds = { ids.at(3) };
        QCOMPARE(store.count(f), 1);
        HistoryFilter hidden;
        hidden.excludeIds = { ids.at(0), ids.at(4) };
        QCOMPARE(store.count(hidden), 3);
        QCOMPARE(store.list(hidden).constFirst().id, ids.at(3));
        HistoryFilter doomed;
        doomed.ids = { ids.at(2) };
        QCOMPARE(store.remove(doomed), 1);
        QCOMPARE(store.count(HistoryFilter {}), 4);
    }

    void filtersAndPaging()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        const QDateTime base = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        QList<Exchange> batch;
        for (int i = 0; i < 250; ++i) {
            const int status = i % 5 == 0 ? 405 : i % 5 == 1 ? 501 : i % 5 == 2 ? 404 : 200;
            batch << makeExchange(i % 2 ? "PATCH" : "GET",
                QStringLiteral("http://%1.test/%2").arg(i % 3 ? QStringLiteral("a") : QStringLiteral("b")).arg(i),
                status, {}, base.addSecs(i * 60));
        }
        const QList<qint64> ids = store.addMany(batch, QStringLiteral("bench"));
        QCOMPARE(ids.size(), 250);

        HistoryFilter all;
        all.limit = 100;
        const QList<HistoryEntry> first = store.list(all);
        QCOMPARE(first.size(), 100);
        QCOMPARE(first.constFirst().id, ids.constLast()); // newest first
        for (qsizetype i = 1; i < first.size(); ++i)
            QVERIFY(first.at(i - 1).startedAt >= first.at(i).startedAt);
        all.offset = 200;
        QCOMPARE(store.list(all).size(), 50);
        QCOMPARE(store.list(all).constLast().id, ids.constFirst());
        QCOMPARE(store.count(all), 250);

        auto countOf = [&store](const std::function<void(HistoryFilter &)> &set) {
            HistoryFilter f;
            f.limit = 0;
            set(f);
            const qint64 n = store.count(f);
            if (n != store.list(f).size())
                return qint64(-1);
            return n;
        };
        QCOMPARE(countOf([](HistoryFilter &f) { f.method = "PATCH"; }), 125);
        QCOMPARE(countOf([](HistoryFilter &f) { f.method = "patch"; }), 0); // methods are case-sensitive
        QCOMPARE(countOf([](HistoryFilter &f) { QVERIFY(f.setStatus(QStringLiteral("4xx"))); }), 100);
        QCOMPARE(countOf([](HistoryFilter &f) { QVERIFY(f.setStatus(QStringLiteral("405"))); }), 50);
        QCOMPARE(countOf([](HistoryFilter &f) { f.host = QStringLiteral("B.test"); }), 84);
        QCOMPARE(countOf([](HistoryFilter &f) { f.verdict = QStringLiteral("not-implemented"); }), 50);
        QCOMPARE(countOf([&base](HistoryFilter &f) { f.since = base.addSecs(240 * 60); }), 10);
        QCOMPARE(countOf([&base](HistoryFilter &f) { f.until = base.addSecs(9 * 60); }), 10);
        QCOMPARE(countOf([&base](HistoryFilter &f) {
            f.method = "GET";
            QVERIFY(f.setStatus(QStringLiteral("405")));
            f.since = base.addSecs(100 * 60);
        }),
            15);
        HistoryFilter bad;
        QVERIFY(!bad.setStatus(QStringLiteral("4x")));
        QVERIFY(!bad.setStatus(QStringLiteral("99")));
    }

    void diagnosisKeepsChecksAsChildren()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        diagnosis::Diagnosis d;
        d.exchange = makeExchange("PATCH", QStringLiteral("http://d.test/x"), 405);
        d.classification.verdict = diagnosis::Verdict::NotAllowed;
        d.summary = QStringLiteral("PATCH is not allowed here");
        for (const char *id : { "options", "random-path" }) {
            diagnosis::Check c;
            c.id = QString::fromLatin1(id);
            c.purpose = QStringLiteral("evidence");
            c.exchange = makeExchange(c.id == QLatin1String("options") ? "OPTIONS" : "PATCH",
                QStringLiteral("http://d.test/%1").arg(c.id), 200);
            d.checks << c;
        }
        const qint64 id = store.add(d, QStringLiteral("diagnose"));
        QVERIFY2(id > 0, qPrintable(store.lastError()));
        const std::optional<HistoryRecord> r = store.record(id);
        QVERIFY(r);
        QCOMPARE(r->entry.verdict, QStringLiteral("not-allowed"));
        QCOMPARE(r->children.size(), 2);
        QCOMPARE(r->children[0].checkId, QStringLiteral("options"));
        QCOMPARE(r->children[0].parentId, id);
        QCOMPARE(r->diagnosis.value(QStringLiteral("summary")).toString(), d.summary);

        HistoryFilter top;
        QCOMPARE(store.count(top), 1);
        top.includeChecks = true;
        QCOMPARE(store.count(top), 3);

        const std::optional<QJsonObject> doc = store.diagnosisDocument(id);
        QVERIFY(doc);
        QCOMPARE(doc->value(QStringLiteral("format")).toString(), QStringLiteral("verbscope.diagnosis/1"));
        QCOMPARE(doc->value(QStringLiteral("exchange"))
                     .toObject()
                     .value(QStringLiteral("request"))
                     .toObject()
                     .value(QStringLiteral("method"))
                     .toString(),
            QStringLiteral("PATCH"));
        const QJsonArray checks = doc->value(QStringLiteral("checks")).toArray();
        QCOMPARE(checks.size(), 2);
        QCOMPARE(checks[0]
                     .toObject()
                     .value(QStringLiteral("exchange"))
                     .toObject()
                     .value(QStringLiteral("request"))
                     .toObject()
                     .value(QStringLiteral("method"))
                     .toString(),
            QStringLiteral("OPTIONS"));

        // The checks go with their parent.
        QCOMPARE(store.remove(HistoryFilter {}), 1);
        QCOMPARE(store.count(top), 0);
    }

    void secretsAreMaskedInRowsIndexAndFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        const QByteArray token = "eyJhbGciOiJIUzI1NiJ9SECRETTOKENVALUE9876";
        Exchange ex = makeExchange("GET", QStringLiteral("http://s.test/"), 200);
        ex.request.headers << Header { "Authorization", "Bearer " + token }
                           << Header { "Cookie", "session=hunter2secret; theme=dark" };
        ex.request.rawHead = "GET / HTTP/1.1\r\nHost: s.test\r\nAuthorization: Bearer " + token
            + "\r\nCookie: session=hunter2secret; theme=dark\r\n\r\n";
        ex.response.head.headers << Header { "Set-Cookie", "session=newsecretvalue; Path=/; HttpOnly" };
        qint64 id = 0;
        {
            HistoryStore store;
            QVERIFY(store.open(path).ok);
            id = store.add(ex, QStringLiteral("send"));
            QVERIFY(id > 0);
            const Exchange back = store.record(id)->exchange;
            QCOMPARE(headerValue(back.request.headers, "Authorization"), QByteArray("Bearer ****9876"));
            QCOMPARE(headerValue(back.request.headers, "Cookie"), QByteArray("session=****; theme=****"));
            QCOMPARE(
                headerValue(back.response.head.headers, "Set-Cookie"), QByteArray("session=****; Path=/; HttpOnly"));
            QVERIFY(back.request.rawHead.contains("Authorization: Bearer ****9876\r\n"));
            QVERIFY(!back.request.rawHead.contains("hunter2"));
            HistoryFilter f;
            f.text = QStringLiteral("hunter2secret");
            QCOMPARE(store.count(f), 0);
            f.text = QStringLiteral("newsecretvalue");
            QCOMPARE(store.count(f), 0);
        }
        {
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.contains("SECRETTOKENVALUE"));
        QVERIFY(!bytes.contains("hunter2secret"));
        QVERIFY(!bytes.contains("newsecretvalue"));

        // Off when the user asks.
        HistoryStore plain;
        HistoryStore::Options o;
        o.maskSecrets = false;
        QVERIFY(plain.open(dir.filePath(QStringLiteral("plain.sqlite")), o).ok);
        const qint64 pid = plain.add(ex, QStringLiteral("send"));
        QCOMPARE(headerValue(plain.record(pid)->exchange.request.headers, "Authorization"), "Bearer " + token);
    }

    void retentionByAgeAndCountInTheBackground()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QStringList oldFiles;
        for (int i = 0; i < 10; ++i) // old, and some with body files
            QVERIFY(store.add(makeExchange("GET", QStringLiteral("http://r.test/old%1").arg(i), 200,
                                  i < 3 ? QByteArray(HistoryStore::DefaultInlineBodyLimit + 10, 'o') : QByteArray(),
                                  now.addDays(-40 - i)),
                        QStringLiteral("send"))
                > 0);
        QCOMPARE(QDir(store.bodiesDir()).entryList(QDir::Files).size(), 3);
        for (int i = 0; i < 30; ++i)
            QVERIFY(store.add(makeExchange("GET", QStringLiteral("http://r.test/new%1").arg(i), 200, {},
                                  now.addSecs(-(29 - i) * 60)),
                        QStringLiteral("send"))
                > 0);
        QSignalSpy finished(&store, &HistoryStore::retentionFinished);
        store.startRetention({ 25, 30 });
        QVERIFY(store.waitForRetention(60000));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.constFirst().constFirst().toLongLong(), 15);
        QCOMPARE(store.lastRetentionRemoved(), 15);
        HistoryFilter all;
        all.limit = 0;
        const QList<HistoryEntry> left = store.list(all);
        QCOMPARE(left.size(), 25);
        for (const HistoryEntry &e : left)
            QVERIFY2(e.url.contains(QLatin1String("new")), qPrintable(e.url));
        QCOMPARE(left.constFirst().url, QStringLiteral("http://r.test/new29")); // the 5 oldest new ones went
        QCOMPARE(left.constLast().url, QStringLiteral("http://r.test/new5"));
        QCOMPARE(QDir(store.bodiesDir()).entryList(QDir::Files).size(), 0);
    }

    void killDuringBurstLosesAtMostTheExchangeBeingWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QProcess writer;
        writer.start(writerPath(), { path, QStringLiteral("-1"), QStringLiteral("burst") });
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
        QList<qint64> committed;
        QByteArray pending;
        while (committed.size() < 40) {
            QVERIFY2(writer.waitForReadyRead(30000), writer.readAllStandardError().constData());
            pending += writer.readAllStandardOutput();
            while (pending.contains('\n')) {
                const qsizetype nl = pending.indexOf('\n');
                committed << pending.left(nl).toLongLong();
                pending.remove(0, nl + 1);
            }
        }
        writer.kill(); // SIGKILL
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        pending += writer.readAllStandardOutput();
        for (const QByteArray &line : pending.split('\n'))
            if (!line.isEmpty())
                committed << line.toLongLong();

        {
            RawDb raw(path);
            QCOMPARE(raw.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO exchanges_fts(exchanges_fts) VALUES('integrity-check')")));
        }
        HistoryStore store;
        const HistoryStore::OpenResult r = store.open(path);
        QVERIFY2(r.ok && r.notice.isEmpty(), qPrintable(r.error + r.notice));
        HistoryFilter all;
        all.limit = 0;
        const qint64 n = store.count(all);
        QVERIFY2(n >= committed.size() && n <= committed.size() + 1,
            qPrintable(QStringLiteral("%1 rows, %2 reported").arg(n).arg(committed.size())));
        for (qint64 id : std::as_const(committed)) {
            const std::optional<HistoryRecord> rec = store.record(id);
            QVERIFY(rec);
            QCOMPARE(rec->exchange.request.body, QByteArray(2048, 'x'));
        }
        QVERIFY(store.add(makeExchange("GET", QStringLiteral("http://after.test/"), 200), QStringLiteral("send")) > 0);
    }

    void twoProcessesWriteAtOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QProcess a;
        QProcess b;
        a.start(writerPath(), { path, QStringLiteral("60"), QStringLiteral("gui") });
        b.start(writerPath(), { path, QStringLiteral("60"), QStringLiteral("cli") });
        QVERIFY(a.waitForFinished(120000));
        QVERIFY(b.waitForFinished(120000));
        QVERIFY2(a.exitStatus() == QProcess::NormalExit && a.exitCode() == 0, a.readAllStandardError().constData());
        QVERIFY2(b.exitStatus() == QProcess::NormalExit && b.exitCode() == 0, b.readAllStandardError().constData());
        HistoryStore store;
        QVERIFY(store.open(path).ok);
        HistoryFilter f;
        f.text = QStringLiteral("header:gui");
        QCOMPARE(store.count(f), 60);
        f.text = QStringLiteral("header:cli");
        QCOMPARE(store.count(f), 60);
    }

    void twoConnectionsInOneProcess()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        HistoryStore one;
        HistoryStore two;
        QVERIFY(one.open(path).ok);
        QVERIFY(two.open(path).ok);
        for (int i = 0; i < 20; ++i) {
            QVERIFY(
                one.add(makeExchange("GET", QStringLiteral("http://one.test/%1").arg(i), 200), QStringLiteral("gui"))
                > 0);
            QVERIFY(
                two.add(makeExchange("GET", QStringLiteral("http://two.test/%1").arg(i), 200), QStringLiteral("send"))
                > 0);
        }
        QCOMPARE(one.count({}), 40);
        QCOMPARE(two.count({}), 40);
    }

    void defaultLocationFollowsDataDir()
    {
        QTemporaryDir dir;
        const QByteArray old = qgetenv("VERBSCOPE_DATA_DIR");
        qputenv("VERBSCOPE_DATA_DIR", dir.path().toUtf8());
        QCOMPARE(HistoryStore::defaultPath(), QDir(dir.path()).filePath(QStringLiteral("history.sqlite")));
        qputenv("VERBSCOPE_DATA_DIR", old);
    }
};

QTEST_GUILESS_MAIN(tst_HistoryStore)
#include "tst_historystore.moc"
