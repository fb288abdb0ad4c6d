// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace verbscope::collections {

// One test case of a run: a `??` assertion, a `client.test`, or a script that failed.
struct RunTest {
    enum class Kind { Assertion, ScriptTest, ScriptError };
    Kind kind = Kind::Assertion;
    QString name; // the assertion as written ("status == 405"), the client.test name, or the script's error
    QString file; // relative path of the file that holds it (a handler file for `> ./check.js`)
    int line = 0;
    bool passed = false;
    QString message; // why it failed ("got 200"); empty when it passed
};

// One request of a run (CollectionRunner): what was sent, what came back and what its tests said.
struct RunStep {
    QString file; // relative to the collection ("api/users.http")
    QString path; // absolute
    int requestIndex = 0; // in its file
    int line = 0; // of the request line
    QString name; // @name, else ### title, else "METHOD target" (secrets redacted)
    int iteration = -1; // the row of --data (0-based); -1 without --data
    bool dependency = false; // sent before its turn because a request referenced it ({{login.response…}})
    bool sent = false; // false: `problems` say why not (an unresolved variable, a reference cycle…)
    http::RequestSpec spec;
    http::Exchange exchange;
    QString verdict; // verdictId of the passive diagnosis's classification
    bool passed = false;
    QList<RunTest> tests;
    QStringList log; // client.log lines
    QStringList problems; // why it failed before or outside its tests, each naming file:line
    QStringList notes; // what the run did besides sending: "saved the response to out.json"…
};

struct RunSummary {
    QString collection; // its name
    QString environment;
    QDateTime startedAt;
    int passed = 0;
    int failed = 0;
    int notRun = 0; // --bail stopped before them
};

} // namespace verbscope::collections
