// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Headers.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace verbscope::diagnosis {

// What an answer says about method support (docs/diagnosis.md lists each with an example).
enum class Verdict {
    Supported,
    Ignored, // a 2xx to a verb the server cannot know, identical to its GET
    NotAllowed, // 405: this resource refuses the method
    NotImplemented, // 501: the server does not implement the method
    BadRequest,
    Forbidden,
    NotFound,
    AuthRequired,
    LengthRequired,
    ProxyError,
    ServerError,
    TransportError,
    Inconclusive, // an answer the transport could not frame: nothing is concluded from it
    Other,
};
QString verdictId(Verdict v); // "not-allowed", …

enum class Party { Origin, Proxy, Unknown };
QString partyId(Party p);

enum class Scope { Server, Resource, Unknown };
QString scopeId(Scope s);

enum class AllowState { Present, Empty, Absent, NotApplicable };
QString allowStateId(AllowState s);

// How bad a finding is: Error is a violation of the specification.
enum class Severity { Error, Warning, Info };
QString severityId(Severity s); // "error", "warning", "info": the JSON and UI text
std::optional<Severity> severityFromId(QStringView id);

// The Allow header parsed into method names (order kept, duplicates dropped).
QList<QByteArray> parseAllow(const QByteArray &value);

} // namespace verbscope::diagnosis
