// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFileDevice>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

class QSqlQuery;

namespace verbscope::history {

// The SQLite plumbing every part of the history shares: one named connection per store or
// worker thread with the pragmas the history relies on (WAL, busy timeout, foreign keys), write
// transactions that take the lock up front, and owner-only files, since the history holds
// whatever went over the wire.
namespace HistorySql {

constexpr QFileDevice::Permissions FileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions DirMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// Sets `mode` on an existing file or folder unless it has it already.
void tighten(const QString &file, QFileDevice::Permissions mode);
// Creates the folder (and its parents) and makes it owner-only.
bool makePrivateDir(const QString &dir);

// Which file is at `path` now (device and inode on POSIX), empty when there is none or the
// platform cannot say: tells a store that its file was set aside and replaced under it.
QByteArray fileIdentity(const QString &path);

// A process-wide unique name for QSqlDatabase::addDatabase.
QString newConnectionName();
// Adds and opens connection `name`; on failure the text and SQLite's primary or extended code.
bool open(const QString &name, const QString &path, int busyTimeoutMs, QString *error, QString *nativeCode);

QString errorText(const QSqlQuery &q);
// SQLite's primary result code of the query's last error (extended codes keep it in the low
// byte), 0 when there is none.
int errorCode(const QSqlQuery &q);
bool exec(QSqlDatabase &db, const QString &sql, QString *error, int *code = nullptr);
bool prepareAndBind(QSqlQuery &q, const QString &sql, const QVariantList &values);
// The first column of each row, read as an id; empty on error.
QList<qint64> selectIds(QSqlDatabase &db, const QString &sql, const QVariantList &values);
// Whether the failure may pass by itself (busy, locked, I/O, disk full, cannot open, read-only,
// no permission): the rows are fine and the database is not damaged, so both stay as they are.
bool isTransient(int code);
bool isTransient(const QSqlQuery &q);

// BEGIN IMMEDIATE takes the write lock up front, so the busy timeout applies and two writers
// never deadlock on a read-to-write upgrade. Rolls back unless commit() succeeded.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)
    bool active() const { return m_active; }
    QString error() const { return m_error; }
    int errorCode() const { return m_code; } // SQLite's primary code of error()
    bool commit();

private:
    QSqlDatabase &m_db;
    bool m_active = false;
    QString m_error;
    int m_code = 0;
};

} // namespace HistorySql
} // namespace verbscope::history
