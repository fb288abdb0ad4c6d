// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryStore.h"

#include "core/history/HistoryRows.h"
#include "core/history/HistorySpool.h"
#include "core/http/ExchangeJson.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>
#include <QUuid>

namespace verbscope::history {

using namespace verbscope::http;

namespace {
constexpr QFileDevice::Permissions FileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions DirMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr int DeleteBatch = 200;

// Schema steps; step N takes user_version N-1 to N. Never edit a released step: add one.
const char *const Migrations[] = {
    // 1: exchanges, bodies, full-text index.
    "CREATE TABLE exchanges ("
    " id INTEGER PRIMARY KEY,"
    " parent_id INTEGER REFERENCES exchanges(id) ON DELETE CASCADE,"
    " check_id TEXT,"
    " started_at INTEGER NOT NULL,"
    " method TEXT NOT NULL,"
    " url TEXT NOT NULL,"
    " host TEXT NOT NULL,"
    " status INTEGER NOT NULL DEFAULT 0,"
    " reason TEXT,"
    " verdict TEXT,"
    " duration_ms REAL,"
    " fidelity TEXT NOT NULL,"
    " error_kind TEXT,"
    " exchange_json TEXT NOT NULL,"
    " diagnosis_json TEXT);\n"
    "CREATE INDEX exchanges_started ON exchanges(started_at);\n"
    "CREATE INDEX exchanges_parent ON exchanges(parent_id);\n"
    "CREATE TABLE bodies ("
    " exchange_id INTEGER NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE,"
    " kind TEXT NOT NULL,"
    " size INTEGER NOT NULL,"
    " data BLOB,"
    " file TEXT,"
    " PRIMARY KEY (exchange_id, kind));\n"
    "CREATE VIRTUAL TABLE exchanges_fts USING fts5(url, method, status, host, headers, body);\n"
    "CREATE TRIGGER exchanges_fts_delete AFTER DELETE ON exchanges BEGIN"
    " DELETE FROM exchanges_fts WHERE rowid = old.id; END;",
    // 2: where an entry came from, and indexes for the newest-first page and the common filters.
    "ALTER TABLE exchanges ADD COLUMN source TEXT NOT NULL DEFAULT '';\n"
    // Only checks have a parent: indexing the NULLs led the planner to fetch every top-level row
    // through this index and sort them (600 ms for the newest page at 100,000 entries).
    "DROP INDEX exchanges_parent;\n"
    "CREATE INDEX exchanges_parent ON exchanges(parent_id) WHERE parent_id IS NOT NULL;\n"
    // The newest-first page and its OFFSET step through this small index, not the wide rows.
    "CREATE INDEX exchanges_recent ON exchanges(id) WHERE parent_id IS NULL;\n"
    "CREATE INDEX exchanges_host ON exchanges(host, started_at);\n"
    "CREATE INDEX exchanges_status ON exchanges(status, started_at);\n"
    "CREATE INDEX bodies_file ON bodies(file) WHERE file IS NOT NULL;",
    // 3: pending files (HistorySpool) already taken in, written in the same transaction as their
    // rows, so a file left behind by a process that died after committing is not taken in twice.
    "CREATE TABLE pending_taken (name TEXT PRIMARY KEY, taken_at INTEGER NOT NULL) WITHOUT ROWID;",
};
static_assert(std::size(Migrations) == HistoryStore::SchemaVersion);

const QString EntryColumns = QStringLiteral("id, parent_id, check_id, source, started_at, method, url, host, status, "
                                            "reason, verdict, duration_ms, fidelity, error_kind");
const QString QualifiedEntryColumns
    = QStringLiteral("e.id, e.parent_id, e.check_id, e.source, e.started_at, e.method, e.url, e.host, e.status, "
                     "e.reason, e.verdict, e.duration_ms, e.fidelity, e.error_kind");

std::atomic<int> g_connectionCounter { 0 };

QString newConnectionName()
{
    return QStringLiteral("verbscope-history-%1").arg(g_connectionCounter.fetch_add(1));
}

QString sqlError(const QSqlQuery &q)
{
    return q.lastError().text();
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = QStringLiteral("%1 (%2)").arg(sqlError(q), sql.left(60));
    return false;
}

// BEGIN IMMEDIATE takes the write lock up front, so the busy timeout applies and two writers
// never deadlock on a read-to-write upgrade.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase &db)
        : m_db(db)
    {
        m_active = exec(m_db, QStringLiteral("BEGIN IMMEDIATE"), &m_error);
    }
    ~Transaction()
    {
        if (m_active)
            exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
    }
    Q_DISABLE_COPY_MOVE(Transaction)
    bool active() const { return m_active; }
    QString error() const { return m_error; }
    bool commit()
    {
        if (!m_active)
            return false;
        m_active = false;
        if (exec(m_db, QStringLiteral("COMMIT"), &m_error))
            return true;
        exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }

private:
    QSqlDatabase &m_db;
    bool m_active = false;
    QString m_error;
};

void tighten(const QString &file, QFileDevice::Permissions mode)
{
    if (QFile::exists(file) && QFile::permissions(file) != mode)
        QFile::setPermissions(file, mode);
}

bool makePrivateDir(const QString &dir)
{
    if (!QDir().mkpath(dir))
        return false;
    tighten(dir, DirMode);
    return true;
}

HistoryEntry entryFrom(const QSqlQuery &q)
{
    HistoryEntry e;
    e.id = q.value(0).toLongLong();
    e.parentId = q.value(1).toLongLong();
    e.checkId = q.value(2).toString();
    e.source = q.value(3).toString();
    e.startedAt = QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong(), Qt::UTC);
    e.method = q.value(5).toString().toUtf8();
    e.url = q.value(6).toString();
    e.host = q.value(7).toString();
    e.status = q.value(8).toInt();
    e.reason = q.value(9).toString().toUtf8();
    e.verdict = q.value(10).toString();
    if (!q.value(11).isNull())
        e.durationMs = q.value(11).toDouble();
    e.fidelity = q.value(12).toString();
    e.errorKind = q.value(13).toString();
    return e;
}

// Newest first is the order entries were recorded (id), which a full-text match can follow
// lazily from FTS5's rowid order instead of collecting every match and sorting it.
struct WhereClause {
    QString from = QStringLiteral("exchanges e");
    QString order = QStringLiteral("e.id DESC");
    QStringList conditions;
    QVariantList values;
    QString sql() const
    {
        return QStringLiteral(" FROM ") + from
            + (conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QLatin1String(" AND ")));
    }
};

WhereClause whereFor(const HistoryFilter &f)
{
    WhereClause w;
    const QString fts = HistoryStore::ftsQuery(f.text);
    if (!fts.isEmpty()) {
        w.from = QStringLiteral("exchanges_fts f JOIN exchanges e ON e.id = f.rowid");
        w.order = QStringLiteral("f.rowid DESC");
        w.conditions << QStringLiteral("exchanges_fts MATCH ?");
        w.values << fts;
    }
    if (!f.includeChecks)
        w.conditions << QStringLiteral("e.parent_id IS NULL");
    if (!f.method.isEmpty()) {
        w.conditions << QStringLiteral("e.method = ?");
        w.values << QString::fromUtf8(f.method);
    }
    if (f.status > 0) {
        w.conditions << QStringLiteral("e.status = ?");
        w.values << f.status;
    } else if (f.statusClass > 0) {
        w.conditions << QStringLiteral("e.status BETWEEN ? AND ?");
        w.values << f.statusClass * 100 << f.statusClass * 100 + 99;
    }
    if (!f.host.isEmpty()) {
        w.conditions << QStringLiteral("e.host = ?");
        w.values << f.host.toLower();
    }
    if (f.since.isValid()) {
        w.conditions << QStringLiteral("e.started_at >= ?");
        w.values << f.since.toMSecsSinceEpoch();
    }
    if (f.until.isValid()) {
        w.conditions << QStringLiteral("e.started_at <= ?");
        w.values << f.until.toMSecsSinceEpoch();
    }
    if (!f.verdict.isEmpty()) {
        w.conditions << QStringLiteral("e.verdict = ?");
        w.values << f.verdict;
    }
    const auto idList = [&w](const QList<qint64> &ids) {
        QStringList marks;
        for (const qint64 id : ids) {
            marks << QStringLiteral("?");
            w.values << id;
        }
        return marks.join(QLatin1Char(','));
    };
    if (!f.ids.isEmpty())
        w.conditions << QStringLiteral("e.id IN (%1)").arg(idList(f.ids));
    if (!f.excludeIds.isEmpty())
        w.conditions << QStringLiteral("e.id NOT IN (%1)").arg(idList(f.excludeIds));
    return w;
}

bool prepareAndBind(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : values)
        q.addBindValue(v);
    return true;
}

// Body files of these rows and of their checks: collected before the rows go.
QStringList bodyFilesOf(QSqlDatabase &db, const QList<qint64> &ids)
{
    QStringList files;
    QStringList marks;
    for (qsizetype i = 0; i < ids.size(); ++i)
        marks << QStringLiteral("?");
    const QString in = marks.join(QLatin1Char(','));
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT file FROM bodies WHERE file IS NOT NULL AND exchange_id IN "
                                  "(SELECT id FROM exchanges WHERE id IN (%1) OR parent_id IN (%1))")
                       .arg(in)))
        return files;
    for (int pass = 0; pass < 2; ++pass)
        for (qint64 id : ids)
            q.addBindValue(id);
    if (q.exec())
        while (q.next())
            files << q.value(0).toString();
    return files;
}

// Deletes top-level rows (checks and bodies cascade), then their files once the rows are gone.
bool deleteRows(QSqlDatabase &db, const QString &bodiesDir, const QList<qint64> &ids, QString *error)
{
    if (ids.isEmpty())
        return true;
    const QStringList files = bodyFilesOf(db, ids);
    {
        Transaction tx(db);
        if (!tx.active()) {
            *error = tx.error();
            return false;
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM exchanges WHERE id = ?"));
        for (qint64 id : ids) {
            q.bindValue(0, id);
            if (!q.exec()) {
                *error = sqlError(q);
                return false;
            }
        }
        if (!tx.commit()) {
            *error = tx.error();
            return false;
        }
    }
    // A crash here leaves files without rows: the retention sweep removes them later.
    for (const QString &f : files)
        QFile::remove(QDir(bodiesDir).filePath(f));
    return true;
}

QList<qint64> selectIds(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QList<qint64> ids;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (prepareAndBind(q, sql, values) && q.exec())
        while (q.next())
            ids << q.value(0).toLongLong();
    return ids;
}

qint64 runRetention(QSqlDatabase &db, const QString &bodiesDir, const RetentionPolicy &policy)
{
    qint64 removed = 0;
    QString error;
    auto interrupted = [] { return QThread::currentThread()->isInterruptionRequested(); };
    if (policy.maxAgeDays > 0) {
        const qint64 cutoff = QDateTime::currentDateTimeUtc().addDays(-policy.maxAgeDays).toMSecsSinceEpoch();
        while (!interrupted()) {
            const QList<qint64> ids = selectIds(db,
                QStringLiteral("SELECT id FROM exchanges WHERE parent_id IS NULL AND started_at < ? LIMIT %1")
                    .arg(DeleteBatch),
                { cutoff });
            if (ids.isEmpty() || !deleteRows(db, bodiesDir, ids, &error))
                break;
            removed += ids.size();
        }
    }
    if (policy.maxEntries > 0) {
        while (!interrupted()) {
            // Beyond the newest maxEntries as the list shows them, a batch at a time.
            const QList<qint64> ids = selectIds(db,
                QStringLiteral("SELECT id FROM exchanges WHERE parent_id IS NULL "
                               "ORDER BY id DESC LIMIT %1 OFFSET ?")
                    .arg(DeleteBatch),
                { policy.maxEntries });
            if (ids.isEmpty() || !deleteRows(db, bodiesDir, ids, &error))
                break;
            removed += ids.size();
        }
    }
    // Files whose row never committed (a crash mid-write) or whose deletion was interrupted.
    // Only old ones: a young file may belong to a write another process has not committed yet.
    const QDateTime old = QDateTime::currentDateTimeUtc().addSecs(-3600);
    QDirIterator it(bodiesDir, QDir::Files);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM bodies WHERE file = ?"));
    while (it.hasNext() && !interrupted()) {
        it.next();
        if (it.fileInfo().lastModified().toUTC() > old)
            continue;
        q.bindValue(0, it.fileName());
        if (q.exec() && !q.next())
            QFile::remove(it.filePath());
    }
    return removed;
}

// Whether runRetention() would find anything to do: the same conditions, one indexed row each.
// Nothing is the common case, and then no thread and no second connection are started.
bool retentionDue(QSqlDatabase &db, const QString &bodiesDir, const RetentionPolicy &policy)
{
    if (policy.maxAgeDays > 0) {
        const qint64 cutoff = QDateTime::currentDateTimeUtc().addDays(-policy.maxAgeDays).toMSecsSinceEpoch();
        if (!selectIds(db,
                QStringLiteral("SELECT id FROM exchanges WHERE parent_id IS NULL AND started_at < ? LIMIT 1"),
                { cutoff })
                 .isEmpty())
            return true;
    }
    if (policy.maxEntries > 0
        && !selectIds(db,
            QStringLiteral("SELECT id FROM exchanges WHERE parent_id IS NULL ORDER BY id DESC LIMIT 1 OFFSET ?"),
            { policy.maxEntries })
                .isEmpty())
        return true;
    const QDateTime old = QDateTime::currentDateTimeUtc().addSecs(-3600);
    QDirIterator it(bodiesDir, QDir::Files);
    while (it.hasNext()) {
        it.next();
        if (it.fileInfo().lastModified().toUTC() <= old)
            return true;
    }
    return false;
}

bool openSqlite(const QString &name, const QString &path, int busyTimeoutMs, QString *error, QString *nativeCode)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
    if (!db.open()) {
        *error = db.lastError().text();
        *nativeCode = db.lastError().nativeErrorCode();
        return false;
    }
    // The first statements read page 1: they fail on a file that is not a database.
    const QStringList pragmas = {
        QStringLiteral("PRAGMA busy_timeout=%1").arg(busyTimeoutMs),
        QStringLiteral("SELECT count(*) FROM sqlite_master"),
        QStringLiteral("PRAGMA journal_mode=WAL"),
        QStringLiteral("PRAGMA synchronous=NORMAL"),
        QStringLiteral("PRAGMA foreign_keys=ON"),
    };
    for (const QString &sql : pragmas) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            *error = q.lastError().text();
            *nativeCode = q.lastError().nativeErrorCode();
            return false;
        }
    }
    return true;
}

} // namespace

bool HistoryFilter::setStatus(const QString &text, QString *error)
{
    static const QRegularExpression klass(QStringLiteral("^([1-5])xx$"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = klass.match(text.trimmed());
    if (m.hasMatch()) {
        statusClass = m.captured(1).toInt();
        status = 0;
        return true;
    }
    bool ok = false;
    const int code = text.trimmed().toInt(&ok);
    if (ok && code >= 100 && code <= 999) {
        status = code;
        statusClass = 0;
        return true;
    }
    if (error)
        *error = QStringLiteral("status \"%1\": expected a code (405) or a class (4xx)").arg(text);
    return false;
}

HistoryStore::HistoryStore(QObject *parent)
    : QObject(parent)
{ }

HistoryStore::~HistoryStore()
{
    if (m_worker) {
        m_worker->requestInterruption();
        m_worker->wait();
    }
    close();
}

QString HistoryStore::dataDir()
{
    const QString env = qEnvironmentVariable("VERBSCOPE_DATA_DIR");
    return env.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : env;
}

QString HistoryStore::defaultPath()
{
    return QDir(dataDir()).filePath(QStringLiteral("history.sqlite"));
}

QString HistoryStore::bodiesDir() const
{
    return QFileInfo(m_path).dir().filePath(QStringLiteral("bodies"));
}

bool HistoryStore::isOpen() const
{
    return !m_connection.isEmpty();
}

void HistoryStore::close()
{
    if (m_connection.isEmpty())
        return;
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

bool HistoryStore::openConnection(QString *nativeCode)
{
    m_connection = newConnectionName();
    QString error;
    if (openSqlite(m_connection, m_path, m_options.busyTimeoutMs, &error, nativeCode))
        return true;
    m_lastError = error;
    close();
    return false;
}

HistoryStore::OpenResult HistoryStore::open(const QString &path, const Options &options)
{
    close();
    OpenResult result;
    m_path = QFileInfo(path).absoluteFilePath();
    m_options = options;
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!makePrivateDir(dir) || !makePrivateDir(bodiesDir())) {
        result.error = m_lastError = QStringLiteral("cannot create the history folder %1").arg(dir);
        return result;
    }
    // Created here with 0600 so SQLite's -wal and -shm files inherit the mode.
    if (!QFile::exists(m_path)) {
        QFile f(m_path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, FileMode) && !QFile::exists(m_path)) {
            result.error = m_lastError = QStringLiteral("cannot create %1: %2").arg(m_path, f.errorString());
            return result;
        }
    }
    tighten(m_path, FileMode);

    QString nativeCode;
    bool ok = openConnection(&nativeCode);
    // SQLITE_CORRUPT (11) or SQLITE_NOTADB (26): keep the file for the user, start afresh.
    if (!ok && (nativeCode == QLatin1String("11") || nativeCode == QLatin1String("26"))) {
        const QString reason = m_lastError;
        const QString aside = m_path + QStringLiteral(".corrupt-")
            + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        if (!QFile::rename(m_path, aside)) {
            result.error = m_lastError
                = QStringLiteral("the history database %1 is unreadable (%2) and could not be moved aside")
                      .arg(m_path, reason);
            return result;
        }
        if (QFile::exists(m_path + QStringLiteral("-wal")))
            QFile::rename(m_path + QStringLiteral("-wal"), aside + QStringLiteral("-wal"));
        QFile::remove(m_path + QStringLiteral("-shm"));
        QFile f(m_path);
        f.open(QIODevice::WriteOnly | QIODevice::NewOnly, FileMode);
        f.close();
        result.notice = QStringLiteral("the history database %1 could not be read (%2); it was moved to %3 and a new, "
                                       "empty history was started")
                            .arg(m_path, reason, aside);
        ok = openConnection(&nativeCode);
    }
    if (!ok) {
        result.error = m_lastError;
        return result;
    }
    if (!migrate()) {
        result.error = m_lastError;
        close();
        return result;
    }
    tighten(m_path + QStringLiteral("-wal"), FileMode);
    tighten(m_path + QStringLiteral("-shm"), FileMode);
    const IngestResult pending = ingestPending();
    if (!pending.messages.isEmpty()) {
        QStringList notices = pending.messages;
        if (!result.notice.isEmpty())
            notices.prepend(result.notice);
        result.notice = notices.join(QLatin1Char('\n'));
    }
    result.ok = true;
    return result;
}

bool HistoryStore::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    auto userVersion = [&db] {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("PRAGMA user_version")) && q.next() ? q.value(0).toInt() : -1;
    };
    int version = userVersion();
    if (version == SchemaVersion)
        return true;
    if (version > SchemaVersion) {
        m_lastError = QStringLiteral(
            "%1 was written by a newer VerbScope (schema %2, this one knows %3); it was left untouched")
                          .arg(m_path)
                          .arg(version)
                          .arg(SchemaVersion);
        return false;
    }
    Transaction tx(db);
    if (!tx.active()) {
        m_lastError = tx.error();
        return false;
    }
    version = userVersion(); // another process may have migrated while we waited for the lock
    for (int step = version; step < SchemaVersion; ++step) {
        const QStringList statements
            = QString::fromLatin1(Migrations[step]).split(QLatin1String(";\n"), Qt::SkipEmptyParts);
        for (const QString &sql : statements) {
            if (!exec(db, sql, &m_lastError)) {
                m_lastError
                    = QStringLiteral("migrating %1 to schema %2: %3").arg(m_path).arg(step + 1).arg(m_lastError);
                return false;
            }
        }
    }
    if (!exec(db, QStringLiteral("PRAGMA user_version=%1").arg(SchemaVersion), &m_lastError) || !tx.commit()) {
        if (m_lastError.isEmpty())
            m_lastError = tx.error();
        return false;
    }
    return true;
}

namespace {
struct Writer {
    QSqlDatabase db;
    QString bodiesDir;
    HistoryStore::Options options;
    QStringList writtenFiles; // removed again if the transaction fails
    QString error;
    // The failure may pass by itself (locked, busy, disk full, I/O): try the same rows again later.
    bool transient = false;

    void fail(const QSqlQuery &q)
    {
        error = sqlError(q);
        // SQLITE_BUSY 5, LOCKED 6, IOERR 10, FULL 13, CANTOPEN 14 (primary codes; extended ones
        // keep them in the low byte).
        const int code = q.lastError().nativeErrorCode().toInt() & 0xff;
        transient = code == 5 || code == 6 || code == 10 || code == 13 || code == 14;
    }

    bool storeBody(qint64 id, const QString &kind, const QByteArray &bytes)
    {
        if (bytes.isEmpty())
            return true;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO bodies(exchange_id, kind, size, data, file) VALUES(?, ?, ?, ?, ?)"));
        q.addBindValue(id);
        q.addBindValue(kind);
        q.addBindValue(bytes.size());
        if (bytes.size() <= options.inlineBodyLimit) {
            q.addBindValue(bytes);
            q.addBindValue(QVariant(QMetaType::fromType<QString>()));
        } else {
            const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral(".body");
            QFile f(QDir(bodiesDir).filePath(name));
            if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, FileMode) || f.write(bytes) != bytes.size()
                || !f.flush()) {
                error = QStringLiteral("cannot write %1: %2").arg(f.fileName(), f.errorString());
                transient = true; // the folder or the disk, not the row
                return false;
            }
            writtenFiles << f.fileName();
            q.addBindValue(QVariant(QMetaType::fromType<QByteArray>()));
            q.addBindValue(name);
        }
        if (!q.exec()) {
            fail(q);
            return false;
        }
        return true;
    }

    qint64 insertRow(const HistoryRow &row, qint64 parentId)
    {
        if (row.columns.size() != HistoryRows::DiagnosisColumn + 1 || row.search.size() != 6) {
            error = QStringLiteral("a history row with %1 columns and %2 search fields")
                        .arg(row.columns.size())
                        .arg(row.search.size());
            return 0;
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO exchanges(%1) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                      .arg(QLatin1String(HistoryRows::ExchangeColumns)));
        for (int i = 0; i < row.columns.size(); ++i)
            q.addBindValue(i == HistoryRows::ParentIdColumn && parentId > 0 ? QVariant(parentId) : row.columns.at(i));
        if (!q.exec()) {
            fail(q);
            return 0;
        }
        const qint64 id = q.lastInsertId().toLongLong();
        for (const auto &[kind, bytes] : row.bodies)
            if (!storeBody(id, kind, bytes))
                return 0;
        QSqlQuery fts(db);
        fts.prepare(QStringLiteral(
            "INSERT INTO exchanges_fts(rowid, url, method, status, host, headers, body) VALUES(?, ?, ?, ?, ?, ?, ?)"));
        fts.addBindValue(id);
        for (const QVariant &v : row.search)
            fts.addBindValue(v);
        if (!fts.exec()) {
            fail(fts);
            return 0;
        }
        return id;
    }

    // The row, and for a diagnosis each check as a child row and the document pointing at them.
    qint64 insert(const HistoryEntryRows &entry)
    {
        const qint64 id = insertRow(entry.row, 0);
        if (id == 0 || entry.diagnosis.isEmpty())
            return id;
        QJsonObject doc = QJsonDocument::fromJson(entry.diagnosis).object();
        QJsonArray checks = doc.value(QStringLiteral("checks")).toArray();
        for (qsizetype i = 0; i < entry.checks.size(); ++i) {
            const qint64 child = insertRow(entry.checks.at(i).second, id);
            if (child == 0)
                return 0;
            if (i < checks.size()) {
                QJsonObject c = checks.at(i).toObject();
                c.insert(QStringLiteral("historyId"), child);
                checks.replace(i, c);
            }
        }
        doc.insert(QStringLiteral("checks"), checks);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE exchanges SET diagnosis_json = ? WHERE id = ?"));
        q.addBindValue(QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact)));
        q.addBindValue(id);
        if (!q.exec()) {
            fail(q);
            return 0;
        }
        return id;
    }

    void discardFiles()
    {
        for (const QString &f : std::as_const(writtenFiles))
            QFile::remove(f);
        writtenFiles.clear();
    }
};
} // namespace

QList<qint64> HistoryStore::addRows(const QList<HistoryEntryRows> &entries, const QString &pendingName, bool *transient)
{
    QList<qint64> ids;
    if (transient)
        *transient = true;
    if (!isOpen()) {
        m_lastError = QStringLiteral("the history is not open");
        return ids;
    }
    Writer w { QSqlDatabase::database(m_connection, false), bodiesDir(), m_options, {}, {} };
    bool ok = true;
    {
        Transaction tx(w.db);
        ok = tx.active(); // could not take the lock: try later
        m_lastError = tx.error();
        if (ok && !pendingName.isEmpty()) {
            // Written in the same transaction as the rows: a file whose name is here was taken
            // in already, even if the process that took it in died before deleting it.
            QSqlQuery q(w.db);
            q.prepare(QStringLiteral("INSERT INTO pending_taken(name, taken_at) VALUES(?, ?)"));
            q.addBindValue(pendingName);
            q.addBindValue(QDateTime::currentMSecsSinceEpoch());
            ok = q.exec();
            if (!ok) {
                w.fail(q);
                m_lastError = w.error;
            }
        }
        bool rowFailed = !ok && tx.active();
        for (qsizetype i = 0; ok && i < entries.size(); ++i) {
            const qint64 id = w.insert(entries.at(i));
            ok = id != 0;
            rowFailed = !ok;
            ids << id;
            m_lastError = w.error;
        }
        if (ok && !tx.commit()) {
            ok = false;
            m_lastError = tx.error();
        }
        if (!ok && rowFailed && transient)
            *transient = w.transient;
    }
    if (!ok) {
        w.discardFiles();
        return {};
    }
    for (qint64 id : std::as_const(ids))
        Q_EMIT added(id);
    return ids;
}

qint64 HistoryStore::add(const Exchange &exchange, const EntryMeta &meta)
{
    const QList<qint64> ids = addRows({ HistoryRows::build(exchange, meta, m_options.maskSecrets) });
    return ids.isEmpty() ? 0 : ids.first();
}

qint64 HistoryStore::add(const diagnosis::Diagnosis &diagnosis, const QString &source)
{
    const QList<qint64> ids = addRows({ HistoryRows::build(diagnosis, source, m_options.maskSecrets) });
    return ids.isEmpty() ? 0 : ids.first();
}

QList<qint64> HistoryStore::addMany(const QList<Exchange> &exchanges, const QString &source)
{
    QList<HistoryEntryRows> entries;
    entries.reserve(exchanges.size());
    for (const Exchange &exchange : exchanges)
        entries << HistoryRows::build(exchange, EntryMeta { source, {}, 0, {}, {} }, m_options.maskSecrets);
    return addRows(entries);
}

HistoryStore::IngestResult HistoryStore::ingestPending()
{
    IngestResult result;
    if (!isOpen())
        return result;
    const QString dir = HistorySpool::dirFor(m_path);
    HistorySpool::removeStaleTemporaries(dir);
    const QStringList files = HistorySpool::files(dir);
    if (files.isEmpty())
        return result;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery seen(db);
    seen.prepare(QStringLiteral("SELECT 1 FROM pending_taken WHERE name = ?"));
    const auto alreadyTaken = [&seen](const QString &name) {
        seen.bindValue(0, name);
        return seen.exec() && seen.next();
    };
    const auto setAside = [&result](const QString &file, const QString &why) {
        const QString aside = HistorySpool::setAside(file);
        result.messages << QStringLiteral("pending history entries in %1 could not be taken in (%2); the file was "
                                          "kept as %3")
                               .arg(file, why, aside.isEmpty() ? file : aside);
    };
    bool finished = true;
    for (const QString &file : files) {
        const QString name = QFileInfo(file).fileName();
        if (alreadyTaken(name)) {
            QFile::remove(file); // taken in by a process that stopped before deleting it
            continue;
        }
        QList<HistoryEntryRows> entries;
        QString error;
        switch (HistorySpool::read(file, entries, &error)) {
        case HistorySpool::ReadStatus::Ok: break;
        case HistorySpool::ReadStatus::Damaged:
            if (QFile::exists(file)) // else another process took it in meanwhile
                setAside(file, error);
            continue;
        case HistorySpool::ReadStatus::NewerFormat:
            result.messages << QStringLiteral("pending history entries in %1 were not taken in: %2").arg(file, error);
            continue;
        case HistorySpool::ReadStatus::CannotOpen:
            if (QFile::exists(file)) {
                result.messages
                    << QStringLiteral("pending history entries in %1 were not taken in: %2").arg(file, error);
                finished = false;
            }
            continue;
        }
        bool transient = false;
        const QList<qint64> ids = addRows(entries, name, &transient);
        if (ids.isEmpty() && !entries.isEmpty()) {
            if (alreadyTaken(name)) { // another process took this very file in first
                QFile::remove(file);
                continue;
            }
            if (!transient) {
                setAside(file, m_lastError); // these rows will never go in: do not block the rest
                continue;
            }
            result.messages
                << QStringLiteral("pending history entries in %1 were not taken in: %2").arg(file, m_lastError);
            finished = false;
            break; // locked, busy, disk full: the rest waits for the next reader, in order
        }
        if (!QFile::remove(file))
            finished = false;
        result.added += int(ids.size());
    }
    if (finished) {
        // A name is needed only while its file could still be around: forget old names whose
        // file is gone.
        QSqlQuery old(db);
        old.prepare(QStringLiteral("SELECT name FROM pending_taken WHERE taken_at < ?"));
        old.addBindValue(QDateTime::currentMSecsSinceEpoch() - qint64(7) * 24 * 3600 * 1000);
        QStringList gone;
        if (old.exec())
            while (old.next())
                if (!QFile::exists(QDir(dir).filePath(old.value(0).toString())))
                    gone << old.value(0).toString();
        QSqlQuery forget(db);
        forget.prepare(QStringLiteral("DELETE FROM pending_taken WHERE name = ?"));
        for (const QString &name : std::as_const(gone)) {
            forget.bindValue(0, name);
            forget.exec();
        }
    }
    return result;
}

QList<HistoryEntry> HistoryStore::list(const HistoryFilter &filter) const
{
    QList<HistoryEntry> out;
    if (!isOpen())
        return out;
    const WhereClause w = whereFor(filter);
    QString sql = QStringLiteral("SELECT %1%2 ORDER BY %3").arg(QualifiedEntryColumns, w.sql(), w.order);
    QVariantList values = w.values;
    if (filter.limit > 0 || filter.offset > 0) {
        sql += QStringLiteral(" LIMIT ? OFFSET ?");
        values << (filter.limit > 0 ? filter.limit : -1) << qMax(0, filter.offset);
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (!prepareAndBind(q, sql, values) || !q.exec()) {
        m_lastError = sqlError(q);
        return out;
    }
    while (q.next())
        out << entryFrom(q);
    return out;
}

qint64 HistoryStore::count(const HistoryFilter &filter) const
{
    if (!isOpen())
        return 0;
    const WhereClause w = whereFor(filter);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!prepareAndBind(q, QStringLiteral("SELECT count(*)") + w.sql(), w.values) || !q.exec() || !q.next()) {
        m_lastError = sqlError(q);
        return -1;
    }
    return q.value(0).toLongLong();
}

std::optional<HistoryRecord> HistoryStore::record(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1, exchange_json, diagnosis_json FROM exchanges WHERE id = ?").arg(EntryColumns));
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        m_lastError = q.lastError().isValid() ? sqlError(q) : QStringLiteral("no history entry %1").arg(id);
        return std::nullopt;
    }
    HistoryRecord r;
    r.entry = entryFrom(q);
    if (!exchangeFromJson(QJsonDocument::fromJson(q.value(14).toString().toUtf8()).object(), r.exchange, &m_lastError))
        return std::nullopt;
    r.diagnosis = QJsonDocument::fromJson(q.value(15).toString().toUtf8()).object();

    QSqlQuery b(db);
    b.prepare(QStringLiteral("SELECT kind, data, file FROM bodies WHERE exchange_id = ?"));
    b.addBindValue(id);
    if (b.exec()) {
        while (b.next()) {
            QByteArray bytes = b.value(1).toByteArray();
            if (!b.value(2).isNull()) {
                QFile f(QDir(bodiesDir()).filePath(b.value(2).toString()));
                if (f.open(QIODevice::ReadOnly))
                    bytes = f.readAll();
                else
                    r.exchange.warnings << QStringLiteral("the stored body file %1 is missing").arg(f.fileName());
            }
            const QString kind = b.value(0).toString();
            if (kind == QLatin1String("request"))
                r.exchange.request.body = bytes;
            else if (kind == QLatin1String("response"))
                r.exchange.response.body = bytes;
            else if (kind == QLatin1String("response-raw"))
                r.exchange.response.rawBody = bytes;
        }
    }
    Response &resp = r.exchange.response;
    if (resp.rawBody.isEmpty() && resp.contentEncoding.isEmpty())
        resp.rawBody = resp.body;

    QSqlQuery c(db);
    c.setForwardOnly(true);
    c.prepare(QStringLiteral("SELECT %1 FROM exchanges WHERE parent_id = ? ORDER BY id").arg(EntryColumns));
    c.addBindValue(id);
    if (c.exec())
        while (c.next())
            r.children << entryFrom(c);
    return r;
}

std::optional<QJsonObject> HistoryStore::diagnosisDocument(qint64 id) const
{
    const std::optional<HistoryRecord> r = record(id);
    if (!r || r->diagnosis.isEmpty())
        return std::nullopt;
    QJsonObject doc = r->diagnosis;
    doc.insert(QStringLiteral("exchange"), exchangeToJson(r->exchange));
    QJsonArray checks = doc.value(QStringLiteral("checks")).toArray();
    for (qsizetype i = 0; i < checks.size(); ++i) {
        QJsonObject c = checks.at(i).toObject();
        if (const std::optional<HistoryRecord> child = record(c.value(QStringLiteral("historyId")).toInteger()))
            c.insert(QStringLiteral("exchange"), exchangeToJson(child->exchange));
        checks.replace(i, c);
    }
    doc.insert(QStringLiteral("checks"), checks);
    return doc;
}

qint64 HistoryStore::remove(const HistoryFilter &filterIn)
{
    if (!isOpen())
        return -1;
    HistoryFilter filter = filterIn;
    filter.includeChecks = false; // checks go with their parent
    const WhereClause w = whereFor(filter);
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const QList<qint64> ids = selectIds(db, QStringLiteral("SELECT e.id") + w.sql(), w.values);
    qint64 removed = 0;
    for (qsizetype i = 0; i < ids.size(); i += DeleteBatch) {
        const QList<qint64> batch = ids.mid(i, DeleteBatch);
        if (!deleteRows(db, bodiesDir(), batch, &m_lastError))
            return -1;
        removed += batch.size();
    }
    return removed;
}

void HistoryStore::startRetention(const RetentionPolicy &policy)
{
    if (!isOpen() || (m_worker && m_worker->isRunning()))
        return;
    QSqlDatabase mainDb = QSqlDatabase::database(m_connection, false);
    if (!retentionDue(mainDb, bodiesDir(), policy)) {
        m_retentionRemoved.store(0);
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT retentionFinished(0); }, Qt::QueuedConnection);
        return;
    }
    const QString path = m_path;
    const QString bodies = bodiesDir();
    const int busy = m_options.busyTimeoutMs;
    m_worker.reset(QThread::create([this, path, bodies, busy, policy] {
        const QString name = newConnectionName();
        qint64 removed = 0;
        {
            QString error;
            QString code;
            if (openSqlite(name, path, busy, &error, &code)) {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                removed = runRetention(db, bodies, policy);
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(name);
        m_retentionRemoved.store(removed);
        Q_EMIT retentionFinished(removed);
    }));
    m_worker->setObjectName(QStringLiteral("history-retention"));
    m_worker->start(QThread::LowPriority);
}

bool HistoryStore::waitForRetention(int timeoutMs)
{
    if (!m_worker)
        return true;
    return timeoutMs < 0 ? m_worker->wait() : m_worker->wait(QDeadlineTimer(timeoutMs));
}

QString HistoryStore::ftsQuery(const QString &text)
{
    static const QStringList columns = { QStringLiteral("url"), QStringLiteral("method"), QStringLiteral("status"),
        QStringLiteral("host"), QStringLiteral("headers"), QStringLiteral("body") };
    auto quote = [](QString s) -> QString {
        return QLatin1Char('"') + s.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
    };
    QStringList terms;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        QString column;
        QString word;
        bool phrase = false;
        const qsizetype start = i;
        while (i < n && !text.at(i).isSpace() && text.at(i) != QLatin1Char('"'))
            ++i;
        word = text.mid(start, i - start);
        const qsizetype colon = word.indexOf(QLatin1Char(':'));
        if (colon > 0) {
            QString col = word.left(colon).toLower();
            if (col == QLatin1String("header"))
                col = QStringLiteral("headers");
            if (columns.contains(col)) {
                column = col;
                word = word.mid(colon + 1);
            }
        }
        if (i < n && text.at(i) == QLatin1Char('"') && (word.isEmpty())) {
            const qsizetype close = text.indexOf(QLatin1Char('"'), i + 1);
            const qsizetype end = close < 0 ? n : close;
            word = text.mid(i + 1, end - i - 1);
            i = close < 0 ? n : close + 1;
            phrase = true;
        }
        if (!phrase && column.isEmpty()
            && (word == QLatin1String("OR") || word == QLatin1String("AND") || word == QLatin1String("NOT"))) {
            if (!terms.isEmpty() && i < n)
                terms << word;
            continue;
        }
        const bool prefix = !phrase && word.size() > 1 && word.endsWith(QLatin1Char('*'));
        if (prefix)
            word.chop(1);
        if (word.trimmed().isEmpty())
            continue;
        QString term = quote(word) + (prefix ? QStringLiteral("*") : QString());
        if (!column.isEmpty())
            term = column + QLatin1Char(':') + term;
        terms << term;
    }
    while (!terms.isEmpty()
        && (terms.constLast() == QLatin1String("OR") || terms.constLast() == QLatin1String("AND")
            || terms.constLast() == QLatin1String("NOT")))
        terms.removeLast();
    return terms.join(QLatin1Char(' '));
}

} // namespace verbscope::history
