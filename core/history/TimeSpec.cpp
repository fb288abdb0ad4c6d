// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/TimeSpec.h"

#include "core/Duration.h"

namespace verbscope::history {

namespace {
constexpr qint64 MaxAgeMs = 100LL * 365 * 86'400'000; // past a century it is a typo, not an age
}

QDateTime TimeSpec::parse(const QString &text, const QDateTime &now, QString *error)
{
    const QString t = text.trimmed();
    // An age is a duration with its unit ("90s", "2h", "1w"); a bare number is not an age.
    if (!t.isEmpty() && t.back().isLetter() && !t.contains(QLatin1Char('-')) && !t.contains(QLatin1Char(':'))) {
        const Duration::Result age = Duration::parse(t, Duration::Unit::Seconds, MaxAgeMs, true);
        if (age.ms)
            return now.addMSecs(-*age.ms);
        // "3y", "5x": it reads as an age, so say what is wrong with it, not "not a date".
        if (t.front().isDigit()) {
            if (error)
                *error = age.error + QStringLiteral("; an age is 90s, 15m, 2h, 3d or 1w, a date 2026-05-01");
            return {};
        }
    }
    // Without a zone Qt reads the time as local time, which is what a user typing a date means.
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid()) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (d.isValid())
            dt = d.startOfDay();
    }
    if (!dt.isValid() && error)
        *error = QStringLiteral("\"%1\" is not a date: use ISO 8601 (2026-05-01, 2026-05-01T10:30, …Z or +02:00) "
                                "or an age such as 90s, 15m, 2h, 3d, 1w")
                     .arg(text);
    return dt;
}

} // namespace verbscope::history
