// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistorySql.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace verbscope::history::HistorySql {

namespace {
std::atomic<int> g_connectionCounter { 0 };
}

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

// Windows cannot rename a file SQLite holds open, so there the question never arises.
QByteArray fileIdentity(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return QByteArray::number(quint64(st.st_dev)) + ':' + QByteArray::number(quint64(st.st_ino));
#else
    Q_UNUSED(path);
    return {};
#endif
}

QString newConnectionName()
{
    return QStringLiteral("verbscope-history-%1").arg(g_connectionCounter.fetch_add(1));
}

bool open(const QString &name, const QString &path, int busyTimeoutMs, QString *error, QString *nativeCode)
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
    // SQLite does not call the busy handler everywhere: while another process turns a new file
    // to WAL, `journal_mode=WAL` (and the read before it) can fail at once with SQLITE_BUSY.
    // Two writers starting together on a fresh data folder (the CLI and the app) hit it; retry
    // such a failure until the busy timeout, as the handler would have waited.
    QDeadlineTimer deadline(busyTimeoutMs);
    for (const QString &sql : pragmas) {
        for (;;) {
            QSqlQuery q(db);
            if (q.exec(sql))
                break;
            const int code = q.lastError().nativeErrorCode().toInt() & 0xff;
            if ((code == 5 || code == 6) && !deadline.hasExpired()) {
                QThread::msleep(10);
                continue;
            }
            *error = q.lastError().text();
            *nativeCode = q.lastError().nativeErrorCode();
            return false;
        }
    }
    return true;
}

QString errorText(const QSqlQuery &q)
{
    return q.lastError().text();
}

int errorCode(const QSqlQuery &q)
{
    return q.lastError().isValid() ? q.lastError().nativeErrorCode().toInt() & 0xff : 0;
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error, int *code)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = QStringLiteral("%1 (%2)").arg(errorText(q), sql.left(60));
    if (code)
        *code = errorCode(q);
    return false;
}

bool prepareAndBind(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : values)
        q.addBindValue(v);
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

bool isTransient(int code)
{
    // SQLITE_PERM 3, BUSY 5, LOCKED 6, READONLY 8, IOERR 10, FULL 13, CANTOPEN 14. A read-only
    // file was missing here: its rows were refused for good and their pending file set aside.
    return code == 3 || code == 5 || code == 6 || code == 8 || code == 10 || code == 13 || code == 14;
}

bool isTransient(const QSqlQuery &q)
{
    return isTransient(errorCode(q));
}

Transaction::Transaction(QSqlDatabase &db)
    : m_db(db)
{
    m_active = exec(m_db, QStringLiteral("BEGIN IMMEDIATE"), &m_error, &m_code);
}

Transaction::~Transaction()
{
    if (m_active)
        exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    if (exec(m_db, QStringLiteral("COMMIT"), &m_error, &m_code))
        return true;
    exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
    return false;
}

} // namespace verbscope::history::HistorySql
