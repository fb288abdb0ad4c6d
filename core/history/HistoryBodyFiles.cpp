// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryBodyFiles.h"

#include "core/history/HistorySql.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUuid>

namespace verbscope::history::HistoryBodyFiles {

namespace {
// A file younger than this may belong to a row whose transaction has not committed yet.
constexpr qint64 OrphanAgeSecs = 3600;
} // namespace

QString dirFor(const QString &databasePath)
{
    return QFileInfo(databasePath).dir().filePath(QStringLiteral("bodies"));
}

// A random name, so two processes writing bodies at once never collide, and NewOnly so that an
// existing file is never overwritten. Owner-only: bodies hold whatever went over the wire.
QString write(const QString &dir, const QByteArray &bytes, QString *error)
{
    const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral(".body");
    QFile f(QDir(dir).filePath(name));
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, HistorySql::FileMode) || f.write(bytes) != bytes.size()
        || !f.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(f.fileName(), f.errorString());
        return {};
    }
    return name;
}

bool read(const QString &dir, const QString &name, QByteArray &bytes)
{
    QFile f(QDir(dir).filePath(name));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    bytes = f.readAll();
    return true;
}

// Includes the bodies of child rows (a diagnosis's checks), which go when their parent goes. The
// placeholder list appears twice in the SQL, hence the ids are bound twice.
QStringList filesOf(QSqlDatabase &db, const QList<qint64> &ids)
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

void remove(const QString &dir, const QStringList &names)
{
    for (const QString &name : names)
        QFile::remove(QDir(dir).filePath(name));
}

// A cheap check before sweepOrphans(): a folder without old files needs no database queries at all.
bool hasSweepCandidates(const QString &dir)
{
    const QDateTime old = QDateTime::currentDateTimeUtc().addSecs(-OrphanAgeSecs);
    QDirIterator it(dir, QDir::Files);
    while (it.hasNext()) {
        it.next();
        if (it.fileInfo().lastModified().toUTC() <= old)
            return true;
    }
    return false;
}

// Only files that are old enough and named by no row are removed; `interrupted` lets a closing
// store stop the sweep between files.
void sweepOrphans(QSqlDatabase &db, const QString &dir, const std::function<bool()> &interrupted)
{
    const QDateTime old = QDateTime::currentDateTimeUtc().addSecs(-OrphanAgeSecs);
    QDirIterator it(dir, QDir::Files);
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
}

} // namespace verbscope::history::HistoryBodyFiles
