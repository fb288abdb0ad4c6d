// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QSqlDatabase;

namespace verbscope::history {

// The history's tables and how an older database becomes the current one. The schema version
// lives in SQLite's PRAGMA user_version; each migration step takes version N-1 to N, and all
// steps from the file's version up run in one write transaction, so two processes opening an old
// file at once migrate it once. A file from a newer VerbScope is left untouched.
namespace HistorySchema {

constexpr int Version = 3;

// Brings the open database to Version; false with the reason in `error`.
bool migrate(QSqlDatabase &db, const QString &path, QString *error);

} // namespace HistorySchema
} // namespace verbscope::history
