// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Verdict.h"

namespace verbscope::diagnosis {

QString verdictId(Verdict v)
{
    switch (v) {
    case Verdict::Supported: return QStringLiteral("supported");
    case Verdict::Ignored: return QStringLiteral("ignored");
    case Verdict::NotAllowed: return QStringLiteral("not-allowed");
    case Verdict::NotImplemented: return QStringLiteral("not-implemented");
    case Verdict::BadRequest: return QStringLiteral("bad-request");
    case Verdict::Forbidden: return QStringLiteral("forbidden");
    case Verdict::NotFound: return QStringLiteral("not-found");
    case Verdict::AuthRequired: return QStringLiteral("auth-required");
    case Verdict::LengthRequired: return QStringLiteral("length-required");
    case Verdict::ProxyError: return QStringLiteral("proxy-error");
    case Verdict::ServerError: return QStringLiteral("server-error");
    case Verdict::TransportError: return QStringLiteral("transport-error");
    case Verdict::Inconclusive: return QStringLiteral("inconclusive");
    case Verdict::Other: return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

QString partyId(Party p)
{
    switch (p) {
    case Party::Origin: return QStringLiteral("origin");
    case Party::Proxy: return QStringLiteral("proxy");
    case Party::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString scopeId(Scope s)
{
    switch (s) {
    case Scope::Server: return QStringLiteral("server");
    case Scope::Resource: return QStringLiteral("resource");
    case Scope::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString allowStateId(AllowState s)
{
    switch (s) {
    case AllowState::Present: return QStringLiteral("present");
    case AllowState::Empty: return QStringLiteral("empty");
    case AllowState::Absent: return QStringLiteral("absent");
    case AllowState::NotApplicable: break;
    }
    return QStringLiteral("n/a");
}

QString severityId(Severity s)
{
    switch (s) {
    case Severity::Error: return QStringLiteral("error");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Info: break;
    }
    return QStringLiteral("info");
}

std::optional<Severity> severityFromId(QStringView id)
{
    for (Severity s : { Severity::Error, Severity::Warning, Severity::Info })
        if (id == severityId(s))
            return s;
    return std::nullopt;
}

// Servers repeat methods and leave stray commas ("GET,, HEAD, GET"); the list is what they meant.
QList<QByteArray> parseAllow(const QByteArray &value)
{
    QList<QByteArray> out;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray m = part.trimmed();
        if (!m.isEmpty() && !out.contains(m))
            out.append(m);
    }
    return out;
}

} // namespace verbscope::diagnosis
