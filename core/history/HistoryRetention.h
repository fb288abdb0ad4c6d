// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

class QSqlDatabase;

namespace verbscope::history {

struct RetentionPolicy;

// Deleting entries: what `history clear`/remove() asks for and what the retention policy (age,
// count) removes on its own. Deletion goes in batches of small transactions, so another process
// writing to the history waits for one batch at most, never for the whole clean-up.
namespace HistoryRetention {

constexpr int DeleteBatch = 200;

// Deletes top-level rows (checks and bodies cascade), then their body files once the rows are
// gone; one transaction. False with the reason in `error`.
bool deleteEntries(QSqlDatabase &db, const QString &bodiesDir, const QList<qint64> &ids, QString *error);
// Deletes in batches until the policy holds, then sweeps orphaned body files; returns how many
// top-level entries went. Stops between batches when the thread is asked to.
qint64 run(QSqlDatabase &db, const QString &bodiesDir, const RetentionPolicy &policy);
// Whether run() would find anything to do, one indexed row per condition: nothing is the common
// case, and then no thread and no second connection are started.
bool isDue(QSqlDatabase &db, const QString &bodiesDir, const RetentionPolicy &policy);

} // namespace HistoryRetention
} // namespace verbscope::history
