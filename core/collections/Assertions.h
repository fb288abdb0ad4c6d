// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/Environments.h"
#include "core/collections/HttpFile.h"
#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"
#include "core/scripting/ScriptEngine.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace verbscope::collections {

// One `??` line read: `?? header allow includes GET` is subject Header, argument "allow",
// operation "includes", expected "GET". httpyac defines status, header, body, duration and js;
// verdict, allow, answeredBy and finding are VerbScope's method contracts (docs/collections.md).
struct Assertion {
    enum class Subject { Status, Header, Body, Duration, JavaScript, Verdict, Allow, AnsweredBy, Finding };
    QString text; // as written, after "?? "
    int line = 0;
    Subject subject = Subject::Status;
    QString argument; // the header name, the body's JSONPath (empty: the whole body), the finding id
    QString operation; // "==", "includes", "exists", "!exists"…
    QString expected;
    QString problem; // why it cannot be evaluated: a parse error, or a warning when problemIsWarning
    int problemColumn = 0; // 1-based, in the line as written
    bool problemIsWarning = false;

    bool isContract() const; // needs the diagnosis of the exchange
};

struct AssertionResult {
    int line = 0;
    QString text;
    bool passed = false;
    QString message; // why it failed ("got 200"); empty when it passed
};

// What `?? js` needs: the run's engine, the request as the scripts see it and the variables in
// scope (each a name in the expression). Without an engine `?? js` fails as "not run".
struct ScriptContext {
    scripting::ScriptEngine *engine = nullptr;
    scripting::ScriptRequest request;
    VariableMap variables;
};

class Assertions
{
public:
    // `line` as written, starting with "??".
    static Assertion parse(const QString &line, int lineNumber = 0);
    static QList<Assertion> of(const HttpRequest &request);
    // Each assertion against the exchange. Contracts get a passive diagnosis: nothing is sent.
    static QList<AssertionResult> evaluate(
        const QList<Assertion> &assertions, const http::RequestSpec &spec, const http::Exchange &exchange);
    // The same, with `?? js` evaluated on `js.engine`.
    static QList<AssertionResult> evaluate(const QList<Assertion> &assertions, const http::RequestSpec &spec,
        const http::Exchange &exchange, const ScriptContext &js);
    // The value the JSONPath subset ($, .name, [n], ['name']) selects; undefined when there is none.
    // A path without "$" reads as httpyac's `body a.b`: "$.a.b". A bad path sets `error` and the
    // 0-based offset of the problem.
    static QJsonValue select(
        const QJsonValue &root, const QString &path, QString *error = nullptr, int *errorOffset = nullptr);
};

} // namespace verbscope::collections
