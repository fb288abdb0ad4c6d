// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistorySchema.h"

#include "core/history/HistorySql.h"

#include <QSqlQuery>

#include <iterator>

namespace verbscope::history::HistorySchema {

namespace {
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
static_assert(std::size(Migrations) == Version);

int userVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("PRAGMA user_version")) && q.next() ? q.value(0).toInt() : -1;
}
} // namespace

bool migrate(QSqlDatabase &db, const QString &path, QString *error)
{
    int version = userVersion(db);
    if (version == Version)
        return true;
    if (version > Version) {
        *error = QStringLiteral(
            "%1 was written by a newer VerbScope (schema %2, this one knows %3); it was left untouched")
                     .arg(path)
                     .arg(version)
                     .arg(Version);
        return false;
    }
    HistorySql::Transaction tx(db);
    if (!tx.active()) {
        *error = tx.error();
        return false;
    }
    version = userVersion(db); // another process may have migrated while we waited for the lock
    for (int step = version; step < Version; ++step) {
        const QStringList statements
            = QString::fromLatin1(Migrations[step]).split(QLatin1String(";\n"), Qt::SkipEmptyParts);
        for (const QString &sql : statements) {
            if (!HistorySql::exec(db, sql, error)) {
                *error = QStringLiteral("migrating %1 to schema %2: %3").arg(path).arg(step + 1).arg(*error);
                return false;
            }
        }
    }
    error->clear();
    if (!HistorySql::exec(db, QStringLiteral("PRAGMA user_version=%1").arg(Version), error) || !tx.commit()) {
        if (error->isEmpty())
            *error = tx.error();
        return false;
    }
    return true;
}

} // namespace verbscope::history::HistorySchema
