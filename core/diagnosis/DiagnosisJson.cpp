// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/DiagnosisJson.h"

#include "core/diagnosis/Knowledge.h"
#include "core/http/ExchangeJson.h"
#include "core/http/RequestText.h"

#include <QJsonArray>

namespace verbscope::diagnosis {

using namespace verbscope::http;

namespace {
// With the command line to paste, so a suggestion in the JSON can be tried without VerbScope's GUI.
QJsonValue requestToJson(const std::optional<RequestSpec> &r)
{
    if (!r)
        return QJsonValue(QJsonValue::Null);
    QJsonArray headers;
    for (const Header &h : r->headers)
        headers.append(QJsonArray { headerText(h.name), headerText(h.value) });
    QJsonObject o {
        { QStringLiteral("method"), QString::fromLatin1(r->method) },
        { QStringLiteral("url"), r->url },
        { QStringLiteral("headers"), headers },
        { QStringLiteral("commandLine"), sendCommandLine(*r) },
    };
    if (r->hasBody)
        o.insert(QStringLiteral("body"), QString::fromUtf8(r->body));
    return o;
}

// Not tried is null, not false: "verified": false means it was tried and refused.
QJsonValue optionalBool(const std::optional<bool> &b)
{
    return b ? QJsonValue(*b) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject diagnosisToJson(const Diagnosis &d)
{
    const Classification &c = d.classification;
    QJsonArray findings;
    for (const Finding &f : d.findings)
        findings.append(
            QJsonObject { { QStringLiteral("id"), f.id }, { QStringLiteral("severity"), severityId(f.severity) },
                { QStringLiteral("title"), f.title }, { QStringLiteral("detail"), f.detail },
                { QStringLiteral("evidence"), QJsonArray::fromStringList(f.evidence) } });
    QJsonArray suggestions;
    for (const Suggestion &s : d.suggestions)
        suggestions.append(QJsonObject { { QStringLiteral("id"), s.id }, { QStringLiteral("title"), s.title },
            { QStringLiteral("detail"), s.detail }, { QStringLiteral("request"), requestToJson(s.request) },
            { QStringLiteral("needsConsent"), s.needsConsent },
            { QStringLiteral("verified"), optionalBool(s.verified) },
            { QStringLiteral("verification"), s.verification } });
    QJsonArray checks;
    for (const Check &k : d.checks)
        checks.append(QJsonObject { { QStringLiteral("id"), k.id }, { QStringLiteral("purpose"), k.purpose },
            { QStringLiteral("exchange"), exchangeToJson(k.exchange) } });
    QJsonArray allow;
    for (const QByteArray &m : c.allow)
        allow.append(QString::fromLatin1(m));
    const bool hasAllow = c.allowState == AllowState::Present || c.allowState == AllowState::Empty;
    QJsonObject server { { QStringLiteral("header"),
        c.server.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.server) } };
    if (c.serverHint) {
        server.insert(QStringLiteral("id"), c.serverHint->id);
        server.insert(QStringLiteral("name"), c.serverHint->name);
    }
    QJsonValue proxy(QJsonValue::Null);
    if (!c.proxy.isEmpty() || c.proxyHint) {
        QJsonObject p { { QStringLiteral("name"), c.proxy },
            { QStringLiteral("via"), QJsonArray::fromStringList(c.via) } };
        if (c.proxyHint)
            p.insert(QStringLiteral("id"), c.proxyHint->id);
        proxy = p;
    }
    return {
        { QStringLiteral("format"), QStringLiteral("verbscope.diagnosis/1") },
        { QStringLiteral("exchange"), exchangeToJson(d.exchange) },
        { QStringLiteral("verdict"), verdictId(c.verdict) },
        { QStringLiteral("scope"), scopeId(d.scope) },
        { QStringLiteral("answeredBy"), partyId(c.answeredBy) },
        { QStringLiteral("attribution"), c.attribution },
        { QStringLiteral("server"), server },
        { QStringLiteral("proxy"), proxy },
        { QStringLiteral("allow"), hasAllow ? QJsonValue(allow) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("allowHeader"), allowStateId(c.allowState) },
        { QStringLiteral("summary"), d.summary },
        { QStringLiteral("evidence"), QJsonArray::fromStringList(c.evidence) },
        { QStringLiteral("findings"), findings },
        { QStringLiteral("suggestions"), suggestions },
        { QStringLiteral("checks"), checks },
    };
}

} // namespace verbscope::diagnosis
