// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

class QSqlQuery;

namespace verbscope::history {

struct HistoryRow;
struct HistoryEntryRows;

// Writes rows built beforehand (HistoryRows) inside a transaction the caller holds: the
// `exchanges` row, its bodies (inline, or as files through HistoryBodyFiles) and its full-text
// entry; for a diagnosis each check as a child row and the document pointing at them. Binding
// values is all it does, so a store and the pending-queue ingest share one way of writing.
class HistoryRowWriter
{
public:
    HistoryRowWriter(QSqlDatabase db, QString bodiesDir, qint64 inlineBodyLimit);

    // The new top-level id, or 0 with error() set.
    qint64 insert(const HistoryEntryRows &entry);
    // Remembers a pending file as taken in, in the same transaction as its rows.
    bool markPendingTaken(const QString &name);
    // Removes the body files written so far: the transaction they belonged to failed.
    void discardFiles();

    QString error() const { return m_error; }
    // The failure may pass by itself (locked, busy, disk full, I/O): try the same rows later.
    bool transient() const { return m_transient; }
    int errorCode() const { return m_code; } // SQLite's primary code, 0 when not from SQLite

private:
    qint64 insertRow(const HistoryRow &row, qint64 parentId);
    bool storeBody(qint64 id, const QString &kind, const QByteArray &bytes);
    void fail(const QSqlQuery &q);

    QSqlDatabase m_db;
    QString m_bodiesDir;
    qint64 m_inlineBodyLimit;
    QStringList m_writtenFiles;
    QString m_error;
    bool m_transient = false;
    int m_code = 0;
};

} // namespace verbscope::history
