// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QSqlDatabase;

namespace verbscope::history {

// Bodies over the inline cap live as files in <database folder>/bodies, named in the `bodies`
// table's `file` column, so SQLite pages stay small and a 200 MB download does not go through
// the WAL. A file is written before its row commits and removed after its row is deleted; either
// crash window leaves a file without a row, which sweepOrphans() removes once it is old enough.
namespace HistoryBodyFiles {

QString dirFor(const QString &databasePath); // <database folder>/bodies

// Writes `bytes` to a new owner-only file; returns its name within `dir`, or empty with `error`.
QString write(const QString &dir, const QByteArray &bytes, QString *error);
// The bytes of a stored file; false if it is missing or unreadable.
bool read(const QString &dir, const QString &name, QByteArray &bytes);
// Names of the body files of these top-level rows and of their checks; read before the rows go.
QStringList filesOf(QSqlDatabase &db, const QList<qint64> &ids);
void remove(const QString &dir, const QStringList &names);

// Whether the folder holds a file old enough for sweepOrphans() to look at.
bool hasSweepCandidates(const QString &dir);
// Removes files older than an hour that no row names. Young files are left: one may belong to
// a write another process has not committed yet. Stops early when `interrupted` says so.
void sweepOrphans(QSqlDatabase &db, const QString &dir, const std::function<bool()> &interrupted);

} // namespace HistoryBodyFiles
} // namespace verbscope::history
