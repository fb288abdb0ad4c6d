// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryRecovery.h"

#include "core/history/HistorySql.h"

#include <QDateTime>
#include <QFile>

namespace verbscope::history::HistoryRecovery {

bool isUnreadable(const QString &nativeCode)
{
    return nativeCode == QLatin1String("11") || nativeCode == QLatin1String("26");
}

QString moveAside(const QString &path, const QString &reason, QString *error)
{
    const QString aside
        = path + QStringLiteral(".corrupt-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (!QFile::rename(path, aside)) {
        *error = QStringLiteral("the history database %1 is unreadable (%2) and could not be moved aside")
                     .arg(path, reason);
        return {};
    }
    // The WAL belongs to the damaged file; the shared-memory index is rebuilt from scratch.
    if (QFile::exists(path + QStringLiteral("-wal")))
        QFile::rename(path + QStringLiteral("-wal"), aside + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::NewOnly, HistorySql::FileMode);
    f.close();
    return QStringLiteral("the history database %1 could not be read (%2); it was moved to %3 and a new, "
                          "empty history was started")
        .arg(path, reason, aside);
}

} // namespace verbscope::history::HistoryRecovery
