// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace verbscope::history {

struct HistoryEntryRows;

// The pending folder beside the history database: a command-line run leaves its rows there as one
// small file, written without opening SQLite and without fsync, and the next HistoryStore::open
// (any command that reads the history, the desktop app, or a recorder once enough files wait)
// takes them in. Recording a `send` this way costs well under a millisecond instead of opening
// the database, inserting and checkpointing, 12 ms and more, or a wait behind the disk's
// writeback after a large download (docs/history.md, "Pending entries").
namespace HistorySpool {
QString dirFor(const QString &databasePath); // <database folder>/pending
// Creates the folder, and the history folder above it, owner-only; false if it cannot.
bool makeDir(const QString &dir);

// Writes the entries as one new file (a temporary name, then renamed); false with the reason.
bool write(const QString &dir, const QList<HistoryEntryRows> &entries, QString *error);
// The files waiting, oldest first; temporary and set-aside files are not listed.
QStringList files(const QString &dir);
// How many files wait, without sorting or listing them.
int count(const QString &dir);
enum class ReadStatus {
    Ok,
    CannotOpen, // try again later (permissions, too many open files…)
    NewerFormat, // a newer VerbScope wrote it: leave it for that one
    Damaged, // truncated, damaged, or not a pending file at all: set it aside
};
// Reads the whole file or nothing; the reason in `error` otherwise. Never trusts a length in the
// file with more than the file holds.
ReadStatus read(const QString &file, QList<HistoryEntryRows> &entries, QString *error);
// Renames an unreadable file so it is kept but not tried again; returns the new path, or empty.
QString setAside(const QString &file);
// Files set aside (*.pending.unreadable), oldest first. Earlier versions also set a file
// aside when the database, not the file, was at fault (a damaged or read-only database); such
// files are tried again once per folder, and the marker says that was done.
QStringList setAsideFiles(const QString &dir);
bool setAsideRetried(const QString &dir);
void markSetAsideRetried(const QString &dir);
// Removes temporary files older than a day: writers that died before renaming them.
void removeStaleTemporaries(const QString &dir);
} // namespace HistorySpool

} // namespace verbscope::history
