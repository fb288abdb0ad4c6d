// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Damages one page of a closed history database the way a bad disk sector would: the page that
// holds the root of one table or index is overwritten with random bytes from a fixed seed. Shared
// by the store, CLI and panel tests of a damaged history.
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace verbscope::test {

enum class DamagedPage {
    Root, // the object's root page: every use of it fails
    MiddleLeaf, // a leaf in the middle (needs SQLite's dbstat): a scan fails half way
};

// The WAL is checkpointed first, so the page is read from the main file. Returns the page
// number; 0 when the object or the file could not be found, -1 when a middle leaf was asked
// for and this SQLite has no dbstat table to find one with.
inline int damageHistoryPage(
    const QString &path, const QString &object, DamagedPage which = DamagedPage::Root, quint32 seed = 18)
{
    int page = 0;
    int pageSize = 0;
    const QString name = QStringLiteral("damage-%1").arg(object);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            if (q.exec(QStringLiteral("PRAGMA page_size")) && q.next())
                pageSize = q.value(0).toInt();
            if (which == DamagedPage::MiddleLeaf && !q.exec(QStringLiteral("SELECT 1 FROM dbstat LIMIT 1")))
                page = -1;
            else if (which == DamagedPage::Root)
                q.prepare(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = ?"));
            else
                q.prepare(QStringLiteral("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                                         "ORDER BY pageno LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat "
                                         "WHERE name = ? AND pagetype = 'leaf')"));
            if (page == 0) {
                q.addBindValue(object);
                if (which == DamagedPage::MiddleLeaf)
                    q.addBindValue(object);
                if (q.exec() && q.next())
                    page = q.value(0).toInt();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (page < 0)
        return page;
    if (page <= 1 || pageSize <= 0)
        return 0;
    QByteArray noise(pageSize, '\0');
    QRandomGenerator random(seed);
    for (char &c : noise)
        c = char(random.bounded(256));
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || f.size() < qint64(page) * pageSize || !f.seek(qint64(page - 1) * pageSize)
        || f.write(noise) != noise.size())
        return 0;
    return page;
}

} // namespace verbscope::test
