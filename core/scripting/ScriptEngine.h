// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/Environments.h"
#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace verbscope::scripting {

using collections::VariableMap;

// A script as written in a `.http` file: `> {% … %}`'s text, or a handler file's contents, and
// where its first line sits, so errors and tests name file:line.
struct ScriptSource {
    QString text;
    QString file; // as messages name it ("api/users.http", "handlers/check.js")
    int line = 0; // 1-based line of text's first line in `file`
};

// One `client.test(name, fn)` or failed `client.assert`, or the script's own failure.
struct ScriptTest {
    QString name;
    bool passed = false;
    QString message; // why it failed, empty when it passed
    int line = 0; // in ScriptSource::file
};

struct ScriptOutcome {
    QList<ScriptTest> tests; // in the order they ran
    QStringList log; // client.log lines
    QString error; // a syntax error, an uncaught exception, the time limit, the memory limit…
    int errorLine = 0; // in ScriptSource::file; 0 when unknown
    bool exited = false; // client.exit() was called
    bool ok() const { return error.isEmpty(); }
};

// The request a script sees and, before it is sent, may change (`request.variables.set`).
struct ScriptRequest {
    QString method;
    QString url;
    http::HeaderList headers;
    QByteArray body;
    QString name = {}; // the request's name (`pm.info.requestName`): its ### title, else its @name
};

// Runs the JetBrains HTTP Client's JavaScript API on Qt's QJSEngine: pre-request scripts
// (`< {% … %}`), response handlers (`> {% … %}`, `> file.js`) and httpyac's `?? js` expressions.
// Sandboxed: no file, process or network access (only the API below), a time limit per script and a
// bounded heap. One engine per run (or per app window): `client.global` lives as long as it does.
// Needs a QCoreApplication (QJSEngine does) and is used from the thread that created it.
class ScriptEngine
{
public:
    ScriptEngine();
    ~ScriptEngine();
    ScriptEngine(const ScriptEngine &) = delete;
    ScriptEngine &operator=(const ScriptEngine &) = delete;

    static constexpr int DefaultTimeLimitMs = 5'000;
    void setTimeLimitMs(int ms);
    // A script whose process memory grows by more than this over its start is stopped.
    static constexpr qint64 DefaultMemoryLimitBytes = 512LL * 1024 * 1024;
    void setMemoryLimitBytes(qint64 bytes);

    // `client.global`: shared by every script of the run; {{name}} reads them too (the runner puts
    // them among the variables).
    VariableMap &globals();
    // `request.environment.get(name)`: the selected environment's variables.
    void setEnvironment(const VariableMap &environment);

    // `< {% … %}` before a request. `request.variables.set(name, value)` lands in `variables`
    // (request-scoped, resolved into the request afterwards).
    ScriptOutcome runPreRequest(const ScriptSource &script, const ScriptRequest &request, VariableMap &variables);
    // `> {% … %}` after the answer: `response.status`, `.headers.valueOf/valuesOf`, `.body` (parsed
    // when JSON), `.contentType`; `client.test/assert/log/global/exit`; `request.*`.
    ScriptOutcome runResponseHandler(const ScriptSource &script, const ScriptRequest &request,
        const http::Exchange &exchange, VariableMap &variables);
    // httpyac's `?? js EXPRESSION [operator value]`: the expression's value, as a string
    // (JSON.stringify for objects), with `response` and the variables in scope.
    // Sets `error` when it throws or cannot be parsed.
    QString evaluate(const QString &expression, const ScriptRequest &request, const http::Exchange &exchange,
        const VariableMap &variables, QString *error);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace verbscope::scripting
