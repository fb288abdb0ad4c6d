// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace verbscope {

// The one parser for a length of time as people type it: `--timeout 2.5`, `# @timeout 500ms`,
// `history --since 3d`. A number with an optional unit (ms, s, m, h, d, w; any case); a bare
// number is in `bareUnit`. Every caller shares its rules and its error texts.
class Duration
{
public:
    enum class Unit { Milliseconds, Seconds };
    struct Result {
        std::optional<qint64> ms; // set when the text is a valid duration within the limits
        QString error; // otherwise why not, naming the text: "\"5x\": unknown unit \"x\" (use ms, s, m, h, d or w)"
    };
    // `max` bounds the result (a timeout must fit an int of milliseconds); 0 is refused unless
    // `allowZero`.
    static Result parse(
        const QString &text, Unit bareUnit = Unit::Seconds, qint64 maxMs = MaxTimeoutMs, bool allowZero = false);
    // "1500ms", "250ms", "2m", "3h", "2d", "1w": the largest unit that writes it exactly.
    static QString format(qint64 ms);

    static constexpr qint64 MaxTimeoutMs = 7LL * 24 * 3600 * 1000; // a week: a timeout past that is a typo
};

} // namespace verbscope
