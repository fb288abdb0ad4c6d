// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/history/HistorySchema.h"
#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"

#include <QJsonObject>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>
#include <utility>

class QSqlQuery;
class QThread;

namespace verbscope::diagnosis {
struct Diagnosis;
}

namespace verbscope::history {

// One row as lists show it: the columns that are filtered and sorted on.
struct HistoryEntry {
    qint64 id = 0;
    qint64 parentId = 0; // 0 = top level; otherwise the exchange whose diagnosis made this check
    QString checkId; // "options", "random-path"… for checks
    QString source; // "send", "diagnose", "probe", "compare", "gui"…
    QDateTime startedAt;
    QByteArray method;
    QString url;
    QString host;
    int status = 0; // 0 = no HTTP answer
    QByteArray reason;
    QString verdict; // diagnosis::verdictId
    std::optional<double> durationMs;
    QString fidelity; // "wire" or "qt"
    QString errorKind; // http::errorKindName, empty when none
};

// What to list. Every field that is set narrows the result; entries come newest first, in the
// order they were recorded (which a full-text match can follow without sorting every hit).
struct HistoryFilter {
    QString text; // full-text query (docs/history.md, "Search")
    QByteArray method; // exact, case-sensitive: `patch` and `PATCH` are different verbs
    int statusClass = 0; // 4 = any 4xx
    int status = 0; // exact code
    QString host; // case-insensitive, without port
    QDateTime since;
    QDateTime until;
    QString verdict;
    bool includeChecks = false; // also the evidence requests of diagnoses
    QList<qint64> ids; // only these rows (empty: any)
    QList<qint64> excludeIds; // never these (the desktop app hides deletions it can still undo)
    int limit = 100; // <= 0: no limit
    int offset = 0;

    // "4xx" or "405"; false with a reason otherwise.
    bool setStatus(const QString &text, QString *error = nullptr);
};

struct HistoryRecord {
    HistoryEntry entry;
    http::Exchange exchange; // bodies restored from the bodies table or files
    QJsonObject diagnosis; // stored verbscope.diagnosis/1 without exchanges; empty when none
    QList<HistoryEntry> children;
    // The request as the user wrote it, before the transport added its headers; nullopt for an
    // entry recorded without it (a plain `send`, or before VerbScope kept it): HistoryReopen.
    std::optional<http::RequestSpec> writtenRequest;
};

// Extra facts about a row that the exchange itself does not carry.
struct EntryMeta {
    QString source;
    QString verdict; // empty: classified from the exchange
    qint64 parentId = 0;
    QString checkId;
    QJsonObject diagnosis;
};

struct HistoryEntryRows;

struct RetentionPolicy {
    int maxEntries = 0; // top-level entries; 0 = no limit
    int maxAgeDays = 0; // 0 = no limit
};

// The session history: every exchange in SQLite (WAL, FTS5), bodies over a size inline cap in
// files beside it. Several processes may write at once (busy timeout, IMMEDIATE transactions);
// each write is one transaction, so a crash loses at most the exchange being written.
// A damaged database (unreadable on open, or a bad page an insert or a read runs into, as
// PRAGMA quick_check confirms) is moved aside and replaced, and the user is told where it went;
// rows that were being written go into the new one.
// This class is the facade callers use; the parts behind it are HistorySchema (tables and
// migrations), HistoryQuery (filter to SQL, search text to FTS5), HistoryRowWriter (inserting
// rows), HistoryBodyFiles (large bodies beside the database), HistoryRetention (deleting) and
// HistoryRecovery (an unreadable database), on the shared plumbing of HistorySql.
class HistoryStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryStore)
public:
    static constexpr int SchemaVersion = HistorySchema::Version;
    static constexpr qint64 DefaultInlineBodyLimit = 1024 * 1024;

    struct Options {
        bool maskSecrets = true;
        qint64 inlineBodyLimit = DefaultInlineBodyLimit;
        int busyTimeoutMs = 15'000;
    };
    struct OpenResult {
        bool ok = false;
        QString error; // why it could not be opened
        QString notice; // something the user must be told (a database moved aside, pending entries set aside)
    };

    explicit HistoryStore(QObject *parent = nullptr);
    ~HistoryStore() override;

    // $VERBSCOPE_DATA_DIR, else QStandardPaths::AppDataLocation.
    static QString dataDir();
    static QString defaultPath(); // dataDir()/history.sqlite

    OpenResult open(const QString &path, const Options &options);
    OpenResult open(const QString &path) { return open(path, Options {}); }
    bool isOpen() const;
    void close();
    QString path() const { return m_path; }
    QString bodiesDir() const; // beside the database: <dir>/bodies
    QString lastError() const { return m_lastError; }
    // Whether the last failure was SQLite finding the file damaged (SQLITE_CORRUPT, NOTADB):
    // then recoverFromDamage() is the next step. Writes take that step themselves.
    bool lastFailureIsDamage() const;
    // Checks the file (quick_check, then the full-text index's own check); sets a damaged
    // database aside and starts a new one, or rebuilds a damaged full-text index, and reopens.
    // True when the store is open on a sound database again; the user's notice is then in
    // takeNotices(), else the reason in lastError(). A sound file is left as it is.
    bool recoverFromDamage();
    // What happened since open() that the user must be told once (a database set aside).
    QStringList takeNotices() { return std::exchange(m_notices, {}); }

    // Each returns the new row id, or 0 with lastError() set.
    qint64 add(const http::Exchange &exchange, const EntryMeta &meta);
    qint64 add(const http::Exchange &exchange, const QString &source)
    {
        return add(exchange, EntryMeta { source, {}, 0, {}, {} });
    }
    // The primary exchange with its diagnosis, and each check as a child row, in one transaction.
    qint64 add(const diagnosis::Diagnosis &diagnosis, const QString &source);
    // Many exchanges in one transaction (probes, imports, benchmarks); all or nothing.
    QList<qint64> addMany(const QList<http::Exchange> &exchanges, const QString &source);
    // Rows built beforehand (HistoryRows), in one transaction; all or nothing. A non-empty
    // `pendingName` is remembered with them, so that pending file is never taken in twice. On
    // failure `transient` says whether the same rows may succeed later (locked, busy, disk full).
    QList<qint64> addRows(
        const QList<HistoryEntryRows> &entries, const QString &pendingName = {}, bool *transient = nullptr);

    // Takes in what commands left in the pending folder (HistorySpool), oldest first, one
    // transaction and one `added` per entry; open() does this too. Unreadable files are set aside
    // and named in `messages`; nothing pending is deleted before its rows are committed.
    struct IngestResult {
        int added = 0;
        QStringList messages;
    };
    IngestResult ingestPending();

    QList<HistoryEntry> list(const HistoryFilter &filter) const;
    qint64 count(const HistoryFilter &filter) const; // ignores limit and offset
    std::optional<HistoryRecord> record(qint64 id) const;
    // The verbscope.diagnosis/1 document of a diagnosed row, exchanges put back in.
    std::optional<QJsonObject> diagnosisDocument(qint64 id) const;

    // Deletes the top-level entries the filter matches (limit ignored) with their checks and
    // body files; returns how many top-level entries went, or -1 on error.
    qint64 remove(const HistoryFilter &filter);

    // Retention runs in a worker thread with its own connection, in small transactions, so
    // neither the GUI nor a CLI command waits for it.
    void startRetention(const RetentionPolicy &policy);
    bool waitForRetention(int timeoutMs = -1);
    qint64 lastRetentionRemoved() const { return m_retentionRemoved.load(); }

    // Turns user text into an FTS5 query: words ANDed, "phrases", prefix*, column:word, OR
    // (HistoryQuery::ftsQuery).
    static QString ftsQuery(const QString &text);

Q_SIGNALS:
    void added(qint64 id);
    void retentionFinished(qint64 removed);

private:
    bool openConnection(QString *nativeCode);
    bool prepareSchema(); // migrations, and owner-only -wal and -shm
    bool reopen();
    void followReplacedFile();
    bool writeRows(
        const QList<HistoryEntryRows> &entries, const QString &pendingName, QList<qint64> &ids, bool *transient);
    bool alreadyTaken(const QString &pendingName) const;
    void retrySetAsideOnce(const QString &pendingDir, IngestResult &result);
    void failed(const QSqlQuery &q) const;

    QString m_path;
    QString m_connection;
    Options m_options;
    mutable QString m_lastError;
    mutable int m_lastCode = 0; // SQLite's primary code of m_lastError, 0 when none
    QByteArray m_fileId; // HistorySql::fileIdentity of the file the connection has open
    QStringList m_notices;
    std::unique_ptr<QThread> m_worker;
    std::atomic<qint64> m_retentionRemoved { 0 };
};

} // namespace verbscope::history
