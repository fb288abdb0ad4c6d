// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnosis/Classifier.h"
#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"

#include <optional>

namespace verbscope::diagnosis {

// An extra request made to gather evidence, kept with its full exchange.
struct Check {
    QString id; // "options", "random-path", "get", "override:X-HTTP-Method-Override", "plain-post", "verify:…"
    QString purpose; // one sentence a person can read
    http::RequestSpec request;
    http::Exchange exchange;
};

struct Finding {
    QString id; // stable: docs/diagnosis.md
    Severity severity = Severity::Info; // from diagnosis.json; severityId() gives the JSON text
    QString title;
    QString detail;
    QStringList evidence;
};

struct Suggestion {
    QString id; // stable: docs/diagnosis.md
    QString title;
    QString detail;
    std::optional<http::RequestSpec> request; // what to send to try it
    std::optional<bool> verified; // true / false / not tried
    QString verification; // how it was verified, or why not
    bool needsConsent = false; // sending it could change the server (POST, PUT…)
};

struct Diagnosis {
    http::RequestSpec request; // the request as the user wrote it, before the transport added its headers
    http::Exchange exchange;
    Classification classification;
    Scope scope = Scope::Unknown;
    QString summary; // what happened, in plain words
    QList<Finding> findings;
    QList<Suggestion> suggestions;
    QList<Check> checks;

    const Finding *finding(const QString &id) const;
    const Suggestion *suggestion(const QString &id) const;
    const Check *check(const QString &id) const;
};

} // namespace verbscope::diagnosis
