// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/Duration.h"

#include <QRegularExpression>

#include <cmath>

namespace verbscope {

namespace {
struct UnitInfo {
    const char *suffix;
    qint64 ms;
};
// The whole suffix must match one of these: "5x" and "5mss" are errors, not 5 minutes.
constexpr UnitInfo Units[] = { { "ms", 1 }, { "s", 1000 }, { "m", 60'000 }, { "min", 60'000 }, { "h", 3'600'000 },
    { "d", 86'400'000 }, { "w", 604'800'000 } };
} // namespace

Duration::Result Duration::parse(const QString &text, Unit bareUnit, qint64 maxMs, bool allowZero)
{
    static const QRegularExpression shape(QStringLiteral("^([0-9]*\\.?[0-9]+)\\s*([A-Za-z]*)$"));
    const QString t = text.trimmed();
    const QRegularExpressionMatch m = shape.match(t);
    Result r;
    if (!m.hasMatch()) {
        r.error = t.isEmpty() ? QStringLiteral("\"%1\": expected a duration such as 30, 2.5s, 500ms or 2m").arg(text)
                              : QStringLiteral("\"%1\": not a duration (expected a number with an optional unit: "
                                               "30, 2.5s, 500ms, 2m)")
                                    .arg(text);
        return r;
    }
    const QString suffix = m.captured(2).toLower();
    qint64 factor = bareUnit == Unit::Seconds ? 1000 : 1;
    if (!suffix.isEmpty()) {
        factor = 0;
        for (const UnitInfo &u : Units)
            if (suffix == QLatin1String(u.suffix))
                factor = u.ms;
        if (factor == 0) {
            r.error = QStringLiteral("\"%1\": unknown unit \"%2\" (use ms, s, m, h, d or w)").arg(text, m.captured(2));
            return r;
        }
    }
    // Checked as a double before the conversion, so a 30-digit number cannot overflow qint64.
    const double value = m.captured(1).toDouble() * double(factor);
    if (!std::isfinite(value) || value > double(maxMs)) {
        r.error = QStringLiteral("\"%1\": too long (at most %2)").arg(text, format(maxMs));
        return r;
    }
    const qint64 ms = qint64(std::llround(value));
    // 0 is refused by default (a timeout of 0 would mean no timeout at all); an age of 0s is fine.
    if (ms <= 0 && !(allowZero && value == 0.0)) {
        r.error = value == 0.0 ? QStringLiteral("\"%1\": must be greater than 0").arg(text)
                               : QStringLiteral("\"%1\": shorter than a millisecond").arg(text);
        return r;
    }
    r.ms = ms;
    return r;
}

// The largest unit that divides exactly, so a limit in an error message reads as the user would type it.
QString Duration::format(qint64 ms)
{
    if (ms % 604'800'000 == 0 && ms >= 604'800'000)
        return QStringLiteral("%1w").arg(ms / 604'800'000);
    if (ms % 86'400'000 == 0 && ms >= 86'400'000)
        return QStringLiteral("%1d").arg(ms / 86'400'000);
    if (ms % 3'600'000 == 0 && ms >= 3'600'000)
        return QStringLiteral("%1h").arg(ms / 3'600'000);
    if (ms % 60'000 == 0 && ms >= 60'000)
        return QStringLiteral("%1m").arg(ms / 60'000);
    if (ms % 1000 == 0)
        return QStringLiteral("%1s").arg(ms / 1000);
    return QStringLiteral("%1ms").arg(ms);
}

} // namespace verbscope
