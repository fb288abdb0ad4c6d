// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/TimeSpec.h"

#include <QRegularExpression>

namespace verbscope::history {

QDateTime TimeSpec::parse(const QString &text, const QDateTime &now, QString *error)
{
    const QString t = text.trimmed();
    static const QRegularExpression relative(
        QStringLiteral("^(\\d+)\\s*(s|m|h|d|w)$"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = relative.match(t);
    if (m.hasMatch()) {
        bool ok = false;
        const qint64 n = m.captured(1).toLongLong(&ok);
        const QChar unit = m.captured(2).at(0).toLower();
        qint64 seconds = n;
        if (unit == QLatin1Char('m'))
            seconds = n * 60;
        else if (unit == QLatin1Char('h'))
            seconds = n * 3600;
        else if (unit == QLatin1Char('d'))
            seconds = n * 86400;
        else if (unit == QLatin1Char('w'))
            seconds = n * 7 * 86400;
        if (ok && n < 100LL * 365 * 86400)
            return now.addSecs(-seconds);
    }
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
