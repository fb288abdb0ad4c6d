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

namespace {
template<typename Enum, std::size_t N>
Enum fromId(const QJsonValue &v, const Enum (&all)[N], QString (*id)(Enum), Enum fallback)
{
    for (Enum e : all)
        if (v.toString() == id(e))
            return e;
    return fallback;
}

QByteArray bytesFrom(const QJsonValue &v)
{
    return v.toString().toUtf8();
}

std::optional<RequestSpec> requestFromJson(const QJsonValue &v)
{
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject o = v.toObject();
    RequestSpec r;
    r.method = o.value(QStringLiteral("method")).toString().toLatin1();
    r.url = o.value(QStringLiteral("url")).toString();
    const QJsonArray headers = o.value(QStringLiteral("headers")).toArray();
    for (const QJsonValue &h : headers)
        r.headers.append({ bytesFrom(h.toArray().at(0)), bytesFrom(h.toArray().at(1)) });
    r.hasBody = o.contains(QStringLiteral("body"));
    r.body = bytesFrom(o.value(QStringLiteral("body")));
    return r;
}

std::optional<bool> optionalBoolFrom(const QJsonValue &v)
{
    return v.isBool() ? std::optional<bool>(v.toBool()) : std::nullopt;
}
} // namespace

bool diagnosisFromJson(const QJsonObject &json, Diagnosis &out)
{
    if (json.value(QStringLiteral("format")).toString() != QLatin1String("verbscope.diagnosis/1"))
        return false;
    static const Verdict verdicts[] = { Verdict::Supported, Verdict::Ignored, Verdict::NotAllowed,
        Verdict::NotImplemented, Verdict::BadRequest, Verdict::Forbidden, Verdict::NotFound, Verdict::AuthRequired,
        Verdict::LengthRequired, Verdict::ProxyError, Verdict::ServerError, Verdict::TransportError, Verdict::Other };
    static const Party parties[] = { Party::Origin, Party::Proxy, Party::Unknown };
    static const Scope scopes[] = { Scope::Server, Scope::Resource, Scope::Unknown };
    static const AllowState allowStates[]
        = { AllowState::Present, AllowState::Empty, AllowState::Absent, AllowState::NotApplicable };
    Diagnosis d;
    Classification &c = d.classification;
    c.verdict = fromId(json.value(QStringLiteral("verdict")), verdicts, verdictId, Verdict::Other);
    c.answeredBy = fromId(json.value(QStringLiteral("answeredBy")), parties, partyId, Party::Unknown);
    d.scope = fromId(json.value(QStringLiteral("scope")), scopes, scopeId, Scope::Unknown);
    c.allowState
        = fromId(json.value(QStringLiteral("allowHeader")), allowStates, allowStateId, AllowState::NotApplicable);
    const Knowledge &knowledge = Knowledge::instance();
    const QJsonObject server = json.value(QStringLiteral("server")).toObject();
    c.server = server.value(QStringLiteral("header")).toString();
    if (server.contains(QStringLiteral("id")))
        c.serverHint = knowledge.server(server.value(QStringLiteral("id")).toString());
    const QJsonObject proxy = json.value(QStringLiteral("proxy")).toObject();
    c.proxy = proxy.value(QStringLiteral("name")).toString();
    for (const QJsonValue &v : proxy.value(QStringLiteral("via")).toArray())
        c.via << v.toString();
    if (proxy.contains(QStringLiteral("id")))
        c.proxyHint = knowledge.server(proxy.value(QStringLiteral("id")).toString());
    for (const QJsonValue &m : json.value(QStringLiteral("allow")).toArray())
        c.allow << m.toString().toLatin1();
    for (const QJsonValue &e : json.value(QStringLiteral("evidence")).toArray())
        c.evidence << e.toString();
    d.summary = json.value(QStringLiteral("summary")).toString();
    for (const QJsonValue &v : json.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        Finding finding { f.value(QStringLiteral("id")).toString(),
            severityFromId(f.value(QStringLiteral("severity")).toString()).value_or(Severity::Info),
            f.value(QStringLiteral("title")).toString(), f.value(QStringLiteral("detail")).toString(), {} };
        for (const QJsonValue &e : f.value(QStringLiteral("evidence")).toArray())
            finding.evidence << e.toString();
        d.findings << finding;
    }
    for (const QJsonValue &v : json.value(QStringLiteral("suggestions")).toArray()) {
        const QJsonObject s = v.toObject();
        d.suggestions << Suggestion { s.value(QStringLiteral("id")).toString(),
            s.value(QStringLiteral("title")).toString(), s.value(QStringLiteral("detail")).toString(),
            requestFromJson(s.value(QStringLiteral("request"))), optionalBoolFrom(s.value(QStringLiteral("verified"))),
            s.value(QStringLiteral("verification")).toString(), s.value(QStringLiteral("needsConsent")).toBool() };
    }
    for (const QJsonValue &v : json.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject k = v.toObject();
        d.checks << Check { k.value(QStringLiteral("id")).toString(), k.value(QStringLiteral("purpose")).toString(), {},
            {} };
    }
    out = d;
    return true;
}

} // namespace verbscope::diagnosis
