// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/Environments.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>

class QRandomGenerator;

namespace verbscope::collections {

// What a dynamic variable may read: the clock and the random source are injectable so that tests
// can check offsets and ranges exactly.
struct DynamicContext {
    std::function<QDateTime()> now; // empty: the system clock
    QRandomGenerator *random = nullptr; // null: the global generator
    QString dotenvPath; // the `.env` file next to the .http file ($dotenv)
    const VariableMap *variables = nullptr; // for `$processEnv %name` / `$dotenv %name`
    bool readFiles = true; // false: $dotenv says what it would read, and reads nothing
};

struct DynamicValue {
    enum class Reads { Nothing, ProcessEnv, DotEnv };
    bool ok = false;
    QString value;
    QString error; // why it has no value: unknown name (with the nearest known one), bad arguments…
    int errorOffset = 0; // 0-based, within the expression
    Reads reads = Reads::Nothing;
    QString readName; // the process environment variable, or the .env file's path
};

// The `{{$…}}` variables of the JetBrains HTTP Client, REST Client and httpyac in one table:
// `$uuid`, `$random.integer(1, 10)`, `$randomInt 1 10`, `$timestamp -1 d`, `$datetime iso8601 1 h`…
class DynamicVariables
{
public:
    // `expression` is what stands between the braces, `$` included, spaces trimmed.
    static DynamicValue evaluate(const QString &expression, const DynamicContext &context = {});
    // The checks that need no value (name and arguments), for the parser: empty when fine.
    static QString check(const QString &expression, int *errorOffset = nullptr);
    static QStringList names();
    // The known name closest to `name` (edit distance), for "did you mean".
    static QString nearest(const QString &name);
};

} // namespace verbscope::collections
