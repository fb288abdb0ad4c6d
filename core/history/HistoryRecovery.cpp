// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryRecovery.h"

#include "core/history/HistoryBodyFiles.h"
#include "core/history/HistorySql.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace verbscope::history::HistoryRecovery {

bool isUnreadable(int code)
{
    return (code & 0xff) == 11 || (code & 0xff) == 26;
}

bool isUnreadable(const QString &nativeCode)
{
    return isUnreadable(nativeCode.toInt());
}

namespace {
// The records of an empty FTS5 index as this SQLite writes them, taken from a table made in
// memory: its format is SQLite's business, not ours.
QList<std::pair<qint64, QByteArray>> emptyIndexRecords()
{
    QList<std::pair<qint64, QByteArray>> records;
    const QString name = HistorySql::newConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        QSqlQuery q(db);
        if (db.open() && q.exec(QStringLiteral("CREATE VIRTUAL TABLE t USING fts5(a)"))
            && q.exec(QStringLiteral("SELECT id, block FROM t_data")))
            while (q.next())
                records.append({ q.value(0).toLongLong(), q.value(1).toByteArray() });
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return records;
}

// A structure record so damaged that FTS5 cannot even open the table: its index tables are
// emptied to what a new index holds, so that `rebuild` can run. All or nothing.
bool rebuildFromEmpty(QSqlDatabase &db)
{
    const QList<std::pair<qint64, QByteArray>> records = emptyIndexRecords();
    if (records.isEmpty())
        return false;
    HistorySql::Transaction tx(db);
    if (!tx.active() || !HistorySql::exec(db, QStringLiteral("DELETE FROM exchanges_fts_idx"), nullptr)
        || !HistorySql::exec(db, QStringLiteral("DELETE FROM exchanges_fts_data"), nullptr))
        return false;
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO exchanges_fts_data(id, block) VALUES(?, ?)"));
    for (const auto &[id, block] : records) {
        insert.bindValue(0, id);
        insert.bindValue(1, block.isNull() ? QByteArray("") : block); // a NULL block is not an empty one
        if (!insert.exec())
            return false;
    }
    return HistorySql::exec(db, QStringLiteral("INSERT INTO exchanges_fts(exchanges_fts) VALUES('rebuild')"), nullptr)
        && tx.commit();
}

// FTS5 keeps its index in ordinary tables, so quick_check sees their pages but not whether the
// index inside them holds together; FTS5's own check does. Its text lives in a table of its
// own, so a damaged index can be rebuilt from it without losing anything.
Check checkSearchIndex(QSqlDatabase &db)
{
    Check result { Check::State::Sound, {} };
    {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("INSERT INTO exchanges_fts(exchanges_fts) VALUES('integrity-check')"))
            || !isUnreadable(HistorySql::errorCode(q)))
            return result; // sound, or no index yet (a database never migrated)
        result.detail = QStringLiteral("the full-text index: %1").arg(HistorySql::errorText(q));
    }
    const bool rebuilt
        = HistorySql::exec(db, QStringLiteral("INSERT INTO exchanges_fts(exchanges_fts) VALUES('rebuild')"), nullptr)
        || rebuildFromEmpty(db);
    result.state = rebuilt ? Check::State::IndexRebuilt : Check::State::Damaged;
    return result;
}

Check checkOpen(QSqlDatabase &db)
{
    QSqlQuery q(db);
    QStringList found;
    // One row per problem; the first names the schema on a line of its own.
    if (q.exec(QStringLiteral("PRAGMA quick_check(5)")))
        while (q.next())
            found << q.value(0).toString().remove(QStringLiteral("*** in database main ***")).simplified();
    if (q.lastError().isValid()) // the check itself ran into the damage
        return { isUnreadable(HistorySql::errorCode(q)) ? Check::State::Damaged : Check::State::Unknown,
            QStringLiteral("quick_check: ") + q.lastError().databaseText() };
    if (found != QStringList { QStringLiteral("ok") })
        return { Check::State::Damaged, QStringLiteral("quick_check: ") + found.join(QStringLiteral("; ")) };
    return checkSearchIndex(db);
}

// Quoted for a POSIX shell when it holds anything but the usual path characters.
QString shellWord(const QString &text)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:+@%=-]+$"));
    if (plain.match(text).hasMatch())
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// sqlite3's `.recover` needs the sqlite_dbpage table, which not every build has (Debian 12's
// has not: `.recover` there fails with "SQL logic error"), so the installed program is asked.
// Only on the rare path of a database set aside. `.dump` works in every build.
bool sqliteCanRecover(const QString &sqlite3)
{
    QProcess p;
    p.start(sqlite3,
        { QStringLiteral("-batch"), QStringLiteral(":memory:"), QStringLiteral("SELECT count(*) FROM sqlite_dbpage") });
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished();
        return false;
    }
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// Where the old entries went, and how to get them back, said only when it is true: the bodies
// folder only when it was moved, sqlite3 only when it is installed, and `.dump` only when the
// schema can be read (it copies out every row it can still reach; `.recover` reads the pages).
QString asideDetails(const QString &aside, bool schemaReadable)
{
    QString out;
    const QString bodies = aside + QStringLiteral(".bodies");
    if (QFileInfo::exists(bodies))
        out += QStringLiteral(" Its body files are in %1.").arg(bodies);
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3.isEmpty())
        return out;
    const QString command = sqliteCanRecover(sqlite3) ? QStringLiteral(".recover")
        : schemaReadable                              ? QStringLiteral(".dump")
                                                      : QString();
    if (!command.isEmpty())
        out += QStringLiteral(" What can still be read of its entries can be copied out with: sqlite3 %1 %2 > %3")
                   .arg(shellWord(aside), command, shellWord(aside + QStringLiteral(".sql")));
    return out;
}
} // namespace

Check check(const QString &path, int busyTimeoutMs)
{
    Check result;
    const QString name = HistorySql::newConnectionName();
    {
        QString error;
        QString code;
        if (!HistorySql::open(name, path, busyTimeoutMs, &error, &code)) {
            result = { isUnreadable(code) ? Check::State::Damaged : Check::State::Unknown, error, false };
        } else {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            result = checkOpen(db);
        }
        QSqlDatabase::database(name, false).close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

QString moveAside(const QString &path, QString *error)
{
    const QString aside
        = path + QStringLiteral(".corrupt-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (!QFile::rename(path, aside)) {
        *error = QFile::exists(aside) ? QStringLiteral("%1 exists already").arg(aside)
                                      : QStringLiteral("cannot rename it to %1").arg(aside);
        return {};
    }
    // The WAL belongs to the damaged file; the shared-memory index is rebuilt from scratch.
    if (QFile::exists(path + QStringLiteral("-wal")))
        QFile::rename(path + QStringLiteral("-wal"), aside + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    const QString bodies = HistoryBodyFiles::dirFor(path);
    if (!QDir(bodies).isEmpty(QDir::Files | QDir::NoDotAndDotDot)
        && QDir().rename(bodies, aside + QStringLiteral(".bodies")))
        HistorySql::makePrivateDir(bodies);
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::NewOnly, HistorySql::FileMode);
    f.close();
    return aside;
}

QString unreadableNotice(const QString &path, const QString &reason, const QString &aside)
{
    return QStringLiteral("the history database %1 could not be read (%2); it was moved to %3 and a new, "
                          "empty history was started.%4")
        .arg(path, reason, aside, asideDetails(aside, false));
}

QString damagedNotice(const QString &path, const Check &found, const QString &aside)
{
    return QStringLiteral("the history database %1 is damaged (%2); it was moved to %3 and a "
                          "new, empty history was started.%4")
        .arg(path, found.detail, aside, asideDetails(aside, found.schemaReadable));
}

QString notMovedError(const QString &path, const QString &reason, const QString &error)
{
    return QStringLiteral("the history database %1 is unreadable (%2) and could not be moved aside (%3)")
        .arg(path, reason, error);
}

} // namespace verbscope::history::HistoryRecovery
