// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace verbscope::history {

// What happens when the history database cannot be read at all (a damaged disk, a file that is
// not SQLite): the file is kept for the user under a new name and an empty history starts, so
// one bad file never stops every command that records. Anything else (locked, no permission, a
// newer schema) is reported and the file left alone.
namespace HistoryRecovery {

// SQLITE_CORRUPT (11) or SQLITE_NOTADB (26): errors that trying again will not cure.
bool isUnreadable(const QString &nativeCode);

// Moves `path` (and its -wal) to <path>.corrupt-<time>, drops its -shm and creates an empty,
// owner-only database file in its place. Returns the notice the user must see, or empty with
// the reason in `error` when the file could not be moved.
QString moveAside(const QString &path, const QString &reason, QString *error);

} // namespace HistoryRecovery
} // namespace verbscope::history
