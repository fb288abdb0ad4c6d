// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

class QSqlQuery;

namespace verbscope::history {

struct HistoryEntry;
struct HistoryFilter;

// How a HistoryFilter becomes SQL, and the user's search text an FTS5 query. Both are pure
// (strings in, strings and bound values out), so every rule is testable without a database, and
// user text never reaches SQL except as a bound value.
namespace HistoryQuery {

// The columns a HistoryEntry is read from, in entryFrom() order; `e.`-qualified for joins.
extern const QString EntryColumns;
extern const QString QualifiedEntryColumns;

// FROM, WHERE and ORDER BY for a filter, with the values to bind in order.
struct Where {
    QString from;
    QString order;
    QStringList conditions;
    QVariantList values;
    QString sql() const; // " FROM … [WHERE …]"
};
Where where(const HistoryFilter &filter);

// Turns user text into an FTS5 query: words ANDed, "phrases", prefix*, column:word, OR/AND/NOT.
// Every word is quoted, so text FTS5 would reject as syntax matches literally instead.
QString ftsQuery(const QString &text);

// One row selected with EntryColumns first.
HistoryEntry entryFrom(const QSqlQuery &q);

} // namespace HistoryQuery
} // namespace verbscope::history
