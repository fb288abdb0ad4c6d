// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/Environments.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace verbscope::collections {

// `run --data FILE`: the rows of a data-driven run, one iteration each, every value a variable
// named by its column (CSV) or key (JSON).
struct RunDataResult {
    QList<VariableMap> rows;
    QString error; // "data.csv:4:12: unterminated quoted field"; empty when it loaded
    bool ok() const { return error.isEmpty(); }
};

class RunData
{
public:
    // Files larger than this are refused: every row is kept in memory for the whole run.
    static constexpr qint64 MaxFileBytes = 64 * 1024 * 1024;

    // By extension: .json is JSON, anything else CSV. `shownName` names the file in errors
    // (empty: the path as given).
    static RunDataResult load(const QString &path, const QString &shownName = {});
    // RFC 4180 with a header row: quoted fields may hold commas, doubled quotes and line breaks;
    // CRLF or LF; a UTF-8 BOM is skipped; blank lines are ignored.
    static RunDataResult parseCsv(const QByteArray &bytes, const QString &shownName);
    // An array of objects whose values are strings, numbers, booleans or null (an empty string).
    static RunDataResult parseJson(const QByteArray &bytes, const QString &shownName);
};

} // namespace verbscope::collections
