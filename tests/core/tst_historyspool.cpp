// SPDX-License-Identifier: GPL-3.0-or-later
// The pending folder (HistorySpool) and the deferred recorder the CLI uses: what a command leaves
// there must come out of the database exactly as if it had been written directly, once, with its
// secrets masked before it touched the disk, and nothing may be lost to a damaged file or a crash.
#include "core/diagnosis/Diagnosis.h"
#include "core/history/HistoryRecorder.h"
#include "core/history/HistoryRows.h"
#include "core/history/HistorySpool.h"
#include "core/history/HistoryStore.h"
#include "core/http/ExchangeJson.h"
#include "tests/support/ExchangeBuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope;
using namespace verbscope::history;
using namespace verbscope::http;
using verbscope::test::ExchangeBuilder;

namespace {
Exchange makeExchange(const QByteArray &method, const QString &url, int status, const QByteArray &body = {})
{
    ExchangeBuilder b = verbscope::test::exchange()
                            .wire()
                            .startedAt(QDateTime::fromMSecsSinceEpoch(1'790'000'000'000, Qt::UTC))
                            .request(method, url)
                            .requestHeader("Host", QUrl(url).host().toUtf8())
                            .requestHeader("Authorization", "Bearer s3cr3t-t0ken")
                            .requestHeader("X-Odd", "caf\xe9") // a Latin-1 byte: must survive as a byte
                            .requestBody("request body with the password hunter2")
                            .status(status)
                            .headers({ { "Server", "nginx" }, { "Content-Encoding", "gzip" }, { "X-Empty", "" } })
                            .rawBody("\x1f\x8b raw gzip bytes", "gzip")
                            .body(body);
    if (status == 405)
        b.header("Allow", "GET, HEAD");
    Exchange ex = b;
    ex.timings.sent = 0.5;
    ex.timings.total = 2.25;
    ex.warnings << QStringLiteral("a warning");
    return ex;
}

diagnosis::Diagnosis makeDiagnosis()
{
    diagnosis::Diagnosis d;
    d.exchange = makeExchange("PATCH", QStringLiteral("http://d.test/x"), 405, "no");
    d.classification.verdict = diagnosis::Verdict::NotAllowed;
    d.summary = QStringLiteral("PATCH is not allowed here");
    for (const char *id : { "options", "random-path" }) {
        diagnosis::Check c;
        c.id = QString::fromLatin1(id);
        c.purpose = QStringLiteral("evidence");
        c.exchange = makeExchange(c.id == QLatin1String("options") ? "OPTIONS" : "PATCH",
            QStringLiteral("http://d.test/%1").arg(c.id), 200, "check body");
        d.checks << c;
    }
    return d;
}

// Everything a reader sees of one row, id included.
QJsonObject snapshot(const HistoryStore &store, qint64 id)
{
    const std::optional<HistoryRecord> r = store.record(id);
    if (!r)
        return {};
    const HistoryEntry &e = r->entry;
    QJsonArray children;
    for (const HistoryEntry &c : r->children)
        children << QJsonObject { { QStringLiteral("id"), c.id }, { QStringLiteral("check"), c.checkId },
            { QStringLiteral("url"), c.url } };
    return QJsonObject {
        { QStringLiteral("id"), e.id },
        { QStringLiteral("parent"), e.parentId },
        { QStringLiteral("source"), e.source },
        { QStringLiteral("started"), e.startedAt.toString(Qt::ISODateWithMs) },
        { QStringLiteral("method"), QString::fromLatin1(e.method) },
        { QStringLiteral("url"), e.url },
        { QStringLiteral("host"), e.host },
        { QStringLiteral("status"), e.status },
        { QStringLiteral("reason"), QString::fromLatin1(e.reason) },
        { QStringLiteral("verdict"), e.verdict },
        { QStringLiteral("ms"), e.durationMs ? *e.durationMs : -1 },
        { QStringLiteral("fidelity"), e.fidelity },
        { QStringLiteral("exchange"), exchangeToJson(r->exchange) },
        { QStringLiteral("rawBody"), QString::fromLatin1(r->exchange.response.rawBody.toBase64()) },
        { QStringLiteral("diagnosis"), r->diagnosis },
        { QStringLiteral("children"), children },
    };
}

// As UTF-8 or as UTF-16 in either byte order (QDataStream writes QString big-endian).
bool containsText(const QByteArray &bytes, const QString &text)
{
    QByteArray be, le;
    for (const QChar c : text) {
        be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
        le.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
    }
    return bytes.contains(text.toUtf8()) || bytes.contains(be) || bytes.contains(le);
}

// The rows `send` would record for a GET of `url`.
HistoryEntryRows sendRows(const QString &url)
{
    return HistoryRows::build(makeExchange("GET", url, 200), EntryMeta { QStringLiteral("send"), {}, 0, {}, {} }, true);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The one open store's own connection, made read-only or full the way a file or a disk would
// be, without root (which ignores file modes) or a small file system: reopened with SQLite's
// read-only flag, or limited with max_page_count.
QSqlDatabase storeConnection()
{
    for (const QString &name : QSqlDatabase::connectionNames())
        if (name.startsWith(QLatin1String("verbscope-history-")))
            return QSqlDatabase::database(name, false);
    return {};
}

bool reopenStoreConnection(const QString &options)
{
    QSqlDatabase db = storeConnection();
    db.close();
    db.setConnectOptions(options);
    return db.open();
}

enum class Blocked { ReadOnly, Full, Locked };
} // namespace

Q_DECLARE_METATYPE(Blocked)

class tst_HistorySpool final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir; // default settings: history on, secrets masked

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        qputenv("VERBSCOPE_DATA_DIR", m_settingsDir.path().toUtf8());
    }

    // The same exchange and diagnosis, once written directly and once through the pending folder.
    void deferredRowsEqualDirectRows()
    {
        QTemporaryDir dir;
        const QString direct = dir.filePath(QStringLiteral("direct/history.sqlite"));
        const QString deferred = dir.filePath(QStringLiteral("deferred/history.sqlite"));
        QDir().mkpath(QFileInfo(direct).path());
        const QList<QByteArray> secrets { "hunter2" };
        for (const auto mode : { HistoryRecorder::Mode::Immediate, HistoryRecorder::Mode::Deferred }) {
            HistoryRecorder recorder(
                QStringLiteral("send"), mode == HistoryRecorder::Mode::Immediate ? direct : deferred, mode);
            recorder.setSecretValues(secrets);
            recorder.record(makeExchange("GET", QStringLiteral("http://a.test/one?token=abc"), 200, "hello"));
            recorder.record(makeDiagnosis());
            recorder.flush();
            QCOMPARE(recorder.takeMessages(), QStringList());
        }
        QVERIFY2(!QFile::exists(deferred), "a deferred recorder must not open the database");
        QCOMPARE(HistorySpool::files(HistorySpool::dirFor(deferred)).size(), 1);

        HistoryStore a, b;
        QVERIFY(a.open(direct).ok);
        QSignalSpy added(&b, &HistoryStore::added);
        QVERIFY(b.open(deferred).ok); // takes the pending file in
        QVERIFY(HistorySpool::files(HistorySpool::dirFor(deferred)).isEmpty());
        HistoryFilter all;
        all.includeChecks = true;
        QCOMPARE(b.count(all), 4); // the exchange, the diagnosed one and its two checks
        QCOMPARE(b.count(all), a.count(all));
        for (const HistoryEntry &e : a.list(all)) {
            const QJsonObject left = snapshot(a, e.id);
            const QJsonObject right = snapshot(b, e.id);
            QVERIFY(!left.isEmpty());
            QCOMPARE(QJsonDocument(right).toJson(), QJsonDocument(left).toJson());
        }
        const QJsonObject diag = snapshot(b, 2).value(QStringLiteral("diagnosis")).toObject();
        QCOMPARE(
            diag.value(QStringLiteral("checks")).toArray().at(0).toObject().value(QStringLiteral("historyId")).toInt(),
            3);
    }

    void pendingFileHoldsNoSecretAndIsPrivate()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("data/history.sqlite"));
        {
            HistoryRecorder recorder(QStringLiteral("send"), db, HistoryRecorder::Mode::Deferred);
            recorder.setSecretValues({ "hunter2" });
            recorder.record(makeExchange("POST", QStringLiteral("http://u:pa55word@a.test/?api_key=k3y"), 200));
        } // the destructor flushes
        const QStringList files = HistorySpool::files(HistorySpool::dirFor(db));
        QCOMPARE(files.size(), 1);
        const QByteArray bytes = readAll(files.first());
        QVERIFY(!bytes.isEmpty());
        for (const char *secret : { "s3cr3t-t0ken", "hunter2", "pa55word", "k3y" })
            QVERIFY2(!containsText(bytes, QString::fromLatin1(secret)), secret);
        for (const QString &path : { files.first(), HistorySpool::dirFor(db), QFileInfo(db).path() }) {
            const QFileDevice::Permissions p = QFile::permissions(path);
            QVERIFY2(p.testFlag(QFileDevice::ReadOwner) && p.testFlag(QFileDevice::WriteOwner), qPrintable(path));
            QVERIFY2(!(p
                         & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                             | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther)),
                qPrintable(path));
        }
    }

    // A process that committed the rows and died before deleting the file: taken in once.
    void fileLeftAfterCommitIsNotTakenTwice()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        const QString pending = HistorySpool::dirFor(db);
        QString error;
        QVERIFY2(
            HistorySpool::write(pending, { sendRows(QStringLiteral("http://a.test/")) }, &error), qPrintable(error));
        const QString file = HistorySpool::files(pending).first();
        const QByteArray copy = readAll(file);
        HistoryStore store;
        QVERIFY(store.open(db).ok);
        QCOMPARE(store.count(HistoryFilter {}), 1);
        QVERIFY(!QFile::exists(file));
        QVERIFY(writeFile(file, copy));
        const HistoryStore::IngestResult again = store.ingestPending();
        QCOMPARE(again.added, 0);
        QCOMPARE(again.messages, QStringList());
        QCOMPARE(store.count(HistoryFilter {}), 1);
        QVERIFY(!QFile::exists(file));
        // A second store on the same file sees the same.
        HistoryStore other;
        QVERIFY(other.open(db).ok);
        QCOMPARE(other.count(HistoryFilter {}), 1);
    }

    void damagedFilesAreSetAsideAndNamed()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        const QString pending = HistorySpool::dirFor(db);
        QString error;
        const HistoryEntryRows row = sendRows(QStringLiteral("http://a.test/"));
        QVERIFY(HistorySpool::write(pending, { row, row }, &error));
        QVERIFY(HistorySpool::write(pending, { row }, &error));
        const QStringList files = HistorySpool::files(pending);
        QCOMPARE(files.size(), 2);
        const QString truncated = files.first();
        const QByteArray bytes = readAll(truncated);
        QVERIFY(writeFile(truncated, bytes.left(bytes.size() - 9)));
        const QString garbage = QDir(pending).filePath(QStringLiteral("00000000T000000000-1-deadbeef.pending"));
        QVERIFY(writeFile(garbage, "this is not a pending file\n"));
        QList<HistoryEntryRows> entries;
        QCOMPARE(HistorySpool::read(truncated, entries, &error), HistorySpool::ReadStatus::Damaged);
        QVERIFY2(error.contains(QLatin1String("truncated")), qPrintable(error));
        QVERIFY(entries.isEmpty());

        HistoryStore store;
        const HistoryStore::OpenResult opened = store.open(db);
        QVERIFY(opened.ok);
        QCOMPARE(store.count(HistoryFilter {}), 1); // the good file only: nothing half-taken
        QVERIFY2(opened.notice.contains(truncated) && opened.notice.contains(garbage), qPrintable(opened.notice));
        QVERIFY2(opened.notice.contains(QLatin1String("not a pending history file")), qPrintable(opened.notice));
        QVERIFY(QFile::exists(truncated + QStringLiteral(".unreadable")));
        QVERIFY(QFile::exists(garbage + QStringLiteral(".unreadable")));
        QCOMPARE(readAll(truncated + QStringLiteral(".unreadable")), bytes.left(bytes.size() - 9)); // kept as it was
        QVERIFY(HistorySpool::files(pending).isEmpty());
        QCOMPARE(store.ingestPending().messages, QStringList()); // not tried again
    }

    // Lengths and counts in a damaged file must never be trusted: no huge allocation, no abort.
    void damagedCountsAreRejectedNotTrusted_data()
    {
        QTest::addColumn<int>("offset");
        QTest::newRow("entry count") << 8;
        QTest::newRow("column count") << 12;
        QTest::newRow("column tag") << 16;
        QTest::newRow("string length") << 19;
    }
    void damagedCountsAreRejectedNotTrusted()
    {
        QFETCH(int, offset);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        const QString pending = HistorySpool::dirFor(db);
        QString error;
        QVERIFY(HistorySpool::write(pending, { sendRows(QStringLiteral("http://a.test/")) }, &error));
        const QString file = HistorySpool::files(pending).first();
        QByteArray bytes = readAll(file);
        for (int i = 0; i < 4; ++i)
            bytes[offset + i] = char(0x8a); // even: a plausible UTF-16 length of 2.3 GB
        QVERIFY(writeFile(file, bytes));
        QList<HistoryEntryRows> entries;
        QCOMPARE(HistorySpool::read(file, entries, &error), HistorySpool::ReadStatus::Damaged);
        QVERIFY(entries.isEmpty());
        HistoryStore store;
        const HistoryStore::OpenResult opened = store.open(db);
        QVERIFY(opened.ok);
        QVERIFY2(opened.notice.contains(file), qPrintable(opened.notice));
        QCOMPARE(store.count(HistoryFilter {}), 0);
    }

    // A file from a newer VerbScope is left for it, not set aside.
    void newerFormatIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        const QString pending = HistorySpool::dirFor(db);
        QVERIFY(HistorySpool::makeDir(pending));
        const QString file
            = QDir(pending).filePath(QStringLiteral("20990101T000000000-0000000001-000000-00000000.pending"));
        QVERIFY(writeFile(file,
            QByteArray::fromHex("56535045"
                                "00000063"
                                "00000000")));
        HistoryStore store;
        const HistoryStore::OpenResult opened = store.open(db);
        QVERIFY(opened.ok);
        QVERIFY2(opened.notice.contains(QLatin1String("newer VerbScope")), qPrintable(opened.notice));
        QVERIFY(QFile::exists(file));
        QVERIFY(!QFile::exists(file + QStringLiteral(".unreadable")));
    }

    // Rows the database refuses for good (here a NULL where the schema wants a time) are set
    // aside; they must not hold up the files after them.
    void refusedRowsDoNotBlockTheQueue()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        const QString pending = HistorySpool::dirFor(db);
        HistoryEntryRows bad = sendRows(QStringLiteral("http://a.test/bad"));
        bad.row.columns[3] = QVariant(QMetaType::fromType<qint64>()); // started_at NOT NULL
        const HistoryEntryRows good = sendRows(QStringLiteral("http://a.test/good"));
        QString error;
        QVERIFY(HistorySpool::write(pending, { bad }, &error));
        QVERIFY(HistorySpool::write(pending, { good }, &error));
        const QString badFile = HistorySpool::files(pending).first();
        HistoryStore store;
        const HistoryStore::OpenResult opened = store.open(db);
        QVERIFY(opened.ok);
        QCOMPARE(store.count(HistoryFilter {}), 1);
        QCOMPARE(store.list(HistoryFilter {}).first().url, QStringLiteral("http://a.test/good"));
        QVERIFY2(opened.notice.contains(badFile), qPrintable(opened.notice));
        QVERIFY(QFile::exists(badFile + QStringLiteral(".unreadable")));
        QVERIFY(HistorySpool::files(pending).isEmpty());
    }

    // A database that cannot be written now (read-only, disk full, locked by another process)
    // is not damaged: it stays where it is, and so do the pending files, in order, for a later
    // reader. Read-only used to count as "refused for good": each file was set aside.
    void unwritableDatabaseIsLeftAndSoAreThePendingFiles_data()
    {
        QTest::addColumn<Blocked>("blocked");
        QTest::addColumn<QString>("said");
        QTest::newRow("read-only") << Blocked::ReadOnly << QStringLiteral("readonly");
        QTest::newRow("disk full") << Blocked::Full << QStringLiteral("full");
        QTest::newRow("locked") << Blocked::Locked << QStringLiteral("locked");
    }
    void unwritableDatabaseIsLeftAndSoAreThePendingFiles()
    {
        QFETCH(Blocked, blocked);
        QFETCH(QString, said);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        const QString pending = HistorySpool::dirFor(db);
        HistoryStore::Options options;
        options.busyTimeoutMs = 50;
        HistoryStore store;
        QVERIFY(store.open(db, options).ok);
        QVERIFY(store.add(makeExchange("GET", QStringLiteral("http://a.test/first"), 200), QStringLiteral("send")) > 0);
        const HistoryEntryRows big = HistoryRows::build(
            makeExchange("GET", QStringLiteral("http://a.test/big"), 200, QByteArray(200'000, 'b')),
            EntryMeta { QStringLiteral("send"), {}, 0, {}, {} }, true);
        QString error;
        QVERIFY(HistorySpool::write(pending, { big }, &error));
        QVERIFY(HistorySpool::write(pending, { sendRows(QStringLiteral("http://a.test/small")) }, &error));
        const QStringList files = HistorySpool::files(pending);

        const QString lockName = QStringLiteral("locker");
        {
            QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), lockName);
            locker.setDatabaseName(db);
            QVERIFY(locker.open());
            if (blocked == Blocked::Locked)
                QVERIFY(QSqlQuery(locker).exec(QStringLiteral("BEGIN IMMEDIATE")));
        }
        if (blocked == Blocked::ReadOnly)
            QVERIFY(reopenStoreConnection(QStringLiteral("QSQLITE_OPEN_READONLY")));
        if (blocked == Blocked::Full) {
            QSqlQuery pages(QSqlDatabase::database(lockName, false));
            QVERIFY(pages.exec(QStringLiteral("PRAGMA page_count")) && pages.next());
            QVERIFY(QSqlQuery(storeConnection())
                        .exec(QStringLiteral("PRAGMA max_page_count=%1").arg(pages.value(0).toInt())));
        }
        const HistoryStore::IngestResult blockedRun = store.ingestPending();
        QCOMPARE(blockedRun.added, 0);
        QVERIFY2(blockedRun.messages.join(QLatin1Char(' ')).contains(said),
            qPrintable(blockedRun.messages.join(QLatin1Char(' '))));
        QCOMPARE(HistorySpool::files(pending), files); // both kept, in order
        QCOMPARE(HistorySpool::setAsideFiles(pending), QStringList());
        QCOMPARE(QDir(dir.path()).entryList({ QStringLiteral("history.sqlite.corrupt-*") }), QStringList());

        QSqlDatabase::database(lockName, false).close(); // rolls the lock back
        QSqlDatabase::removeDatabase(lockName);
        QVERIFY(reopenStoreConnection({}));
        QCOMPARE(store.ingestPending().added, 2);
        QCOMPARE(store.count(HistoryFilter {}), 3);
        QVERIFY(HistorySpool::files(pending).isEmpty());
    }

    // The desktop app records straight into the database: when that cannot be written now, the
    // entry goes to the pending folder instead of being lost, and is taken in later.
    void immediateRecorderKeepsWhatTheDatabaseCannotTakeNow()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        {
            HistoryRecorder recorder(QStringLiteral("gui"), db);
            QVERIFY(recorder.record(makeExchange("GET", QStringLiteral("http://a.test/first"), 200)));
            QVERIFY(reopenStoreConnection(QStringLiteral("QSQLITE_OPEN_READONLY")));
            QVERIFY(!recorder.record(makeExchange("GET", QStringLiteral("http://a.test/second"), 200)));
            const QString said = recorder.takeMessages().join(QLatin1Char(' '));
            QVERIFY2(
                said.contains(QLatin1String("readonly")) && said.contains(HistorySpool::dirFor(db)), qPrintable(said));
            QCOMPARE(HistorySpool::files(HistorySpool::dirFor(db)).size(), 1);
        }
        HistoryStore store;
        QVERIFY(store.open(db).ok);
        QCOMPARE(store.count(HistoryFilter {}), 2);
        QCOMPARE(store.list(HistoryFilter {}).first().url, QStringLiteral("http://a.test/second"));
    }

    // Earlier versions set a pending file aside when the database was at fault (damaged,
    // read-only): its entries are fine, and are taken in, once. A file set aside for damage of
    // its own stays as it is, and nothing set aside later is read again at every open.
    void setAsideFilesOfEarlierVersionsAreRetriedOnce()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        const QString pending = HistorySpool::dirFor(db);
        QString error;
        const auto setAsideGood = [&](const QString &url) {
            if (!HistorySpool::write(pending, { sendRows(url) }, &error))
                return QString();
            const QString file = HistorySpool::files(pending).constLast();
            return QFile::rename(file, file + QStringLiteral(".unreadable")) ? file + QStringLiteral(".unreadable")
                                                                             : QString();
        };
        const QString good = setAsideGood(QStringLiteral("http://a.test/kept-by-0.1"));
        QVERIFY(!good.isEmpty());
        const QString damaged
            = QDir(pending).filePath(QStringLiteral("00000000T000000000-1-deadbeef.pending.unreadable"));
        QVERIFY(writeFile(damaged, "this is not a pending file\n"));

        HistoryStore store;
        const HistoryStore::OpenResult opened = store.open(db);
        QVERIFY(opened.ok);
        QCOMPARE(store.count(HistoryFilter {}), 1);
        QCOMPARE(store.list(HistoryFilter {}).first().url, QStringLiteral("http://a.test/kept-by-0.1"));
        QVERIFY2(opened.notice.contains(good) && opened.notice.contains(QLatin1String("earlier VerbScope")),
            qPrintable(opened.notice));
        QVERIFY(!QFile::exists(good));
        QCOMPARE(readAll(damaged), QByteArray("this is not a pending file\n"));

        const QString later = setAsideGood(QStringLiteral("http://a.test/later"));
        QVERIFY(!later.isEmpty());
        QCOMPARE(store.ingestPending().messages, QStringList());
        QCOMPARE(store.count(HistoryFilter {}), 1);
        QVERIFY(QFile::exists(later));
    }

    void recorderTakesInPastTheLimit()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        const QString pending = HistorySpool::dirFor(db);
        for (int i = 1; i < HistoryRecorder::PendingLimit; ++i) {
            HistoryRecorder recorder(QStringLiteral("send"), db, HistoryRecorder::Mode::Deferred);
            recorder.record(makeExchange("GET", QStringLiteral("http://a.test/%1").arg(i), 200));
        }
        QCOMPARE(HistorySpool::files(pending).size(), HistoryRecorder::PendingLimit - 1);
        QVERIFY(!QFile::exists(db));
        {
            HistoryRecorder recorder(QStringLiteral("send"), db, HistoryRecorder::Mode::Deferred);
            recorder.record(makeExchange("GET", QStringLiteral("http://a.test/last"), 200));
            recorder.flush();
            QCOMPARE(recorder.takeMessages(), QStringList());
        }
        QCOMPARE(HistorySpool::files(pending).size(), 0);
        HistoryStore store;
        QVERIFY(store.open(db).ok);
        HistoryFilter newest;
        newest.limit = 1;
        QCOMPARE(store.count(HistoryFilter {}), HistoryRecorder::PendingLimit);
        QCOMPARE(store.list(newest).first().url, QStringLiteral("http://a.test/last")); // oldest taken in first
    }

    void disabledHistoryWritesNothing()
    {
        QTemporaryDir settings;
        const QByteArray old = qgetenv("VERBSCOPE_DATA_DIR");
        qputenv("VERBSCOPE_DATA_DIR", settings.path().toUtf8());
        QVERIFY(writeFile(settings.filePath(QStringLiteral("verbscope.ini")), "[history]\nenabled=false\n"));
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        {
            HistoryRecorder recorder(QStringLiteral("send"), db, HistoryRecorder::Mode::Deferred);
            recorder.record(makeExchange("GET", QStringLiteral("http://a.test/"), 200));
        }
        qputenv("VERBSCOPE_DATA_DIR", old);
        QVERIFY(!QDir(HistorySpool::dirFor(db)).exists());
    }
};

QTEST_GUILESS_MAIN(tst_HistorySpool)
#include "tst_historyspool.moc"
