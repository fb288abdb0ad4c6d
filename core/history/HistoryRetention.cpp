// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryRetention.h"

#include "core/history/HistoryBodyFiles.h"
#include "core/history/HistorySql.h"
#include "core/history/HistoryStore.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QThread>

namespace verbscope::history::HistoryRetention {

namespace {
qint64 cutoffFor(const RetentionPolicy &policy)
{
    return QDateTime::currentDateTimeUtc().addDays(-policy.maxAgeDays).toMSecsSinceEpoch();
}
} // namespace

// The file names are collected before the rows go, because afterwards nothing names them.
bool deleteEntries(QSqlDatabase &db, const QString &bodiesDir, const QList<qint64> &ids, QString *error)
{
    if (ids.isEmpty())
        return true;
    const QStringList files = HistoryBodyFiles::filesOf(db, ids);
    {
        HistorySql::Transaction tx(db);
        if (!tx.active()) {
            *error = tx.error();
            return false;
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM exchanges WHERE id = ?"));
        for (qint64 id : ids) {
            q.bindValue(0, id);
            if (!q.exec()) {
                *error = HistorySql::errorText(q);
                return false;
            }
        }
        if (!tx.commit()) {
            *error = tx.error();
            return false;
        }
    }
    // A crash here leaves files without rows: the retention sweep removes them later.
    HistoryBodyFiles::remove(bodiesDir, files);
    return true;
}

// Runs on the store's worker thread: each batch re-selects ids so that rows another process adds or
// deletes meanwhile are handled, and interruption (the store closing) is checked between batches.
qint64 run(QSqlDatabase &db, const QString &bodiesDir, const RetentionPolicy &policy)
{
    qint64 removed = 0;
    QString error;
    const auto interrupted = [] { return QThread::currentThread()->isInterruptionRequested(); };
    if (policy.maxAgeDays > 0) {
        const qint64 cutoff = cutoffFor(policy);
        while (!interrupted()) {
            const QList<qint64> ids = HistorySql::selectIds(db,
                QStringLiteral("SELECT id FROM exchanges WHERE parent_id IS NULL AND started_at < ? LIMIT %1")
                    .arg(DeleteBatch),
                { cutoff });
            if (ids.isEmpty() || !deleteEntries(db, bodiesDir, ids, &error))
                break;
            removed += ids.size();
        }
    }
    if (policy.maxEntries > 0) {
        while (!interrupted()) {
            // Beyond the newest maxEntries as the list shows them, a batch at a time.
            const QList<qint64> ids = HistorySql::selectIds(db,
                QStringLiteral("SELECT id FROM exchanges WHERE parent_id IS NULL "
                               "ORDER BY id DESC LIMIT %1 OFFSET ?")
                    .arg(DeleteBatch),
                { policy.maxEntries });
            if (ids.isEmpty() || !deleteEntries(db, bodiesDir, ids, &error))
                break;
            removed += ids.size();
        }
    }
    // Files whose row never committed (a crash mid-write) or whose deletion was interrupted.
    HistoryBodyFiles::sweepOrphans(db, bodiesDir, interrupted);
    return removed;
}

// Cheap LIMIT 1 probes, so opening the history only starts a retention thread when there is work.
bool isDue(QSqlDatabase &db, const QString &bodiesDir, const RetentionPolicy &policy)
{
    if (policy.maxAgeDays > 0
        && !HistorySql::selectIds(db,
            QStringLiteral("SELECT id FROM exchanges WHERE parent_id IS NULL AND started_at < ? LIMIT 1"),
            { cutoffFor(policy) })
                .isEmpty())
        return true;
    if (policy.maxEntries > 0
        && !HistorySql::selectIds(db,
            QStringLiteral("SELECT id FROM exchanges WHERE parent_id IS NULL ORDER BY id DESC LIMIT 1 OFFSET ?"),
            { policy.maxEntries })
                .isEmpty())
        return true;
    return HistoryBodyFiles::hasSweepCandidates(bodiesDir);
}

} // namespace verbscope::history::HistoryRetention
