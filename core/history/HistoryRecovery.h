// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace verbscope::history {

// What happens when the history database is damaged: when it cannot be read at all (a file that
// is not SQLite, a corrupt schema page), or when SQLite finds a damaged page later, on an insert
// or a read, and `PRAGMA quick_check` confirms it. The file is kept for the user under a new
// name and an empty history starts, so one bad page never stops every command that records.
// Anything else (locked, read-only, disk full, no permission, a newer schema) is reported and
// the file left alone: it is not damaged.
namespace HistoryRecovery {

// SQLITE_CORRUPT (11) or SQLITE_NOTADB (26), extended codes included: errors that trying again
// will not cure.
bool isUnreadable(int code);
bool isUnreadable(const QString &nativeCode);

// What a look at the file at `path`, through a connection of its own, found.
struct Check {
    enum class State {
        Sound, // quick_check and the search index's own check passed
        IndexRebuilt, // only the full-text index was damaged; it was rebuilt from its stored text
        Damaged, // set it aside
        Unknown, // the check itself could not run (locked, no permission…): leave the file alone
    };
    State state = State::Unknown;
    QString detail; // what quick_check or FTS5 said, or why the check could not run
    bool schemaReadable = true; // false: not even the list of tables could be read
};
Check check(const QString &path, int busyTimeoutMs);

// Moves `path` (and its -wal) to <path>.corrupt-<time>, drops its -shm, moves a non-empty
// bodies folder to <path>.corrupt-<time>.bodies (its files belong to the old rows: left there,
// the new database's orphan sweep would delete them) and creates an empty, owner-only database
// file in its place. Returns the new name, or empty with the reason in `error`.
QString moveAside(const QString &path, QString *error);

// The notices the user sees. `aside` is what moveAside() returned.
QString unreadableNotice(const QString &path, const QString &reason, const QString &aside);
QString damagedNotice(const QString &path, const Check &found, const QString &aside);
QString notMovedError(const QString &path, const QString &reason, const QString &error);

} // namespace HistoryRecovery
} // namespace verbscope::history
