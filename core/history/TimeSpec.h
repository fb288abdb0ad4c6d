// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace verbscope::history {

// A point in time as a user types it on the command line: ISO 8601 ("2026-05-01",
// "2026-05-01T10:30", "2026-05-01T10:30:00Z", "…+02:00"; local time when no zone is given)
// or an age relative to `now` ("90s", "15m", "2h", "3d", "1w"). Pure, with the clock injected.
class TimeSpec
{
public:
    // An invalid QDateTime, with a reason in `error`, when the text is neither.
    static QDateTime parse(const QString &text, const QDateTime &now, QString *error = nullptr);
};

} // namespace verbscope::history
