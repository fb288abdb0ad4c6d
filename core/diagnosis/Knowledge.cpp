// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Knowledge.h"

#include "core/http/HttpSyntax.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

// verbscope_core is a static library: without an explicit reference the linker may drop the
// object that registers the resource, so it is initialised by name (outside any namespace).
static void initKnowledgeResource()
{
    Q_INIT_RESOURCE(knowledge);
}

namespace verbscope::diagnosis {

namespace {

constexpr qsizetype BodyScanLimit = 64 * 1024;

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &item : array)
        out.append(item.toString());
    return out;
}

QList<QByteArray> byteArrayList(const QJsonValue &value)
{
    QList<QByteArray> out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        out.append(item.toString().toLatin1());
    return out;
}

QList<int> intList(const QJsonValue &value)
{
    QList<int> out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        out.append(item.toInt());
    return out;
}

StatusGroup statusGroup(const QJsonValue &value)
{
    const QJsonObject group = value.toObject();
    StatusGroup out { intList(group.value(QLatin1String("codes"))), std::nullopt };
    if (group.value(QLatin1String("atLeast")).isDouble())
        out.atLeast = group.value(QLatin1String("atLeast")).toInt();
    return out;
}

std::optional<bool> optionalBool(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool();
    return std::nullopt;
}

// A broken file becomes a load problem that validate() reports, not a crash or an empty knowledge base.
QJsonObject readDocument(const QString &path, const char *arrayKey, QStringList &problems)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        problems.append(QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString()));
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        problems.append(
            QStringLiteral("%1: invalid JSON at offset %2: %3").arg(path).arg(error.offset).arg(error.errorString()));
        return {};
    }
    const QJsonObject root = doc.object();
    if (!root.value(QLatin1String(arrayKey)).isArray())
        problems.append(QStringLiteral("%1: no \"%2\" array").arg(path, QLatin1String(arrayKey)));
    return root;
}

// For the validate*() functions: need(ok, what) records `what` when a check fails.
auto needInto(QStringList &problems)
{
    return [&problems](bool ok, const QString &what) {
        if (!ok)
            problems.append(what);
    };
}

} // namespace

const Knowledge &Knowledge::instance()
{
    static const Knowledge knowledge; // thread-safe initialisation (C++11 magic statics)
    return knowledge;
}

Knowledge::Knowledge()
{
    initKnowledgeResource();
    loadStatuses();
    loadMethods();
    loadServers();
    loadDiagnosis();
}

void Knowledge::loadStatuses()
{
    const QJsonObject root = readDocument(QStringLiteral(":/knowledge/status-codes.json"), "codes", m_loadProblems);
    const QJsonArray codes = root.value(QLatin1String("codes")).toArray();
    for (const QJsonValue &v : codes) {
        const QJsonObject o = v.toObject();
        StatusInfo s;
        s.code = o.value(QLatin1String("code")).toInt();
        s.title = o.value(QLatin1String("title")).toString();
        s.reference = o.value(QLatin1String("reference")).toString();
        s.meaning = o.value(QLatin1String("meaning")).toString();
        s.commonCauses = stringList(o.value(QLatin1String("commonCauses")));
        s.clientFixes = stringList(o.value(QLatin1String("clientFixes")));
        s.serverFixes = stringList(o.value(QLatin1String("serverFixes")));
        s.cacheableByDefault = o.value(QLatin1String("cacheableByDefault")).toBool();
        s.cacheNote = o.value(QLatin1String("cacheNote")).toString();
        s.methodNotes = o.value(QLatin1String("methodNotes")).toString();
        s.registryNote = o.value(QLatin1String("registryNote")).toString();
        s.aliases = stringList(o.value(QLatin1String("aliases")));
        s.raw = o;
        if (!o.value(QLatin1String("cacheableByDefault")).isBool())
            m_loadProblems.append(QStringLiteral("status %1: cacheableByDefault is not a boolean").arg(s.code));
        m_statuses.append(s);
    }
    const QJsonArray unregistered = root.value(QLatin1String("unregistered")).toArray();
    for (const QJsonValue &v : unregistered) {
        const QJsonObject o = v.toObject();
        m_unregistered.append({ o.value(QLatin1String("code")).toInt(), o.value(QLatin1String("title")).toString(),
            o.value(QLatin1String("origin")).toString(), o.value(QLatin1String("meaning")).toString() });
    }
}

void Knowledge::loadMethods()
{
    const QJsonObject root = readDocument(QStringLiteral(":/knowledge/methods.json"), "methods", m_loadProblems);
    const QJsonArray methods = root.value(QLatin1String("methods")).toArray();
    for (const QJsonValue &v : methods) {
        const QJsonObject o = v.toObject();
        MethodInfo m;
        m.name = o.value(QLatin1String("name")).toString().toLatin1();
        m.registered = o.value(QLatin1String("registered")).toBool();
        m.safe = optionalBool(o.value(QLatin1String("safe")));
        m.idempotent = optionalBool(o.value(QLatin1String("idempotent")));
        m.cacheable = o.value(QLatin1String("cacheable")).toBool();
        m.reference = o.value(QLatin1String("reference")).toString();
        m.family = o.value(QLatin1String("family")).toString();
        m.origin = o.value(QLatin1String("origin")).toString();
        m.description = o.value(QLatin1String("description")).toString();
        m.commonlyBlocked = o.value(QLatin1String("commonlyBlocked")).toString();
        m.notes = o.value(QLatin1String("notes")).toString();
        m.raw = o;
        m_methods.append(m);
    }
}

void Knowledge::loadServers()
{
    const QJsonObject root = readDocument(QStringLiteral(":/knowledge/servers.json"), "servers", m_loadProblems);
    const QJsonArray servers = root.value(QLatin1String("servers")).toArray();
    for (const QJsonValue &v : servers) {
        const QJsonObject o = v.toObject();
        ServerHint h;
        h.id = o.value(QLatin1String("id")).toString();
        h.name = o.value(QLatin1String("name")).toString();
        h.kind = o.value(QLatin1String("kind")).toString();
        const QJsonArray fps = o.value(QLatin1String("fingerprints")).toArray();
        for (const QJsonValue &fv : fps) {
            const QJsonObject f = fv.toObject();
            Fingerprint fp;
            fp.weight = f.value(QLatin1String("weight")).toInt(1);
            if (f.contains(QLatin1String("body"))) {
                fp.pattern = f.value(QLatin1String("body")).toString();
            } else {
                fp.header = f.value(QLatin1String("header")).toString().toLatin1();
                fp.pattern = f.value(QLatin1String("regex")).toString();
            }
            fp.regex = QRegularExpression(fp.pattern, QRegularExpression::CaseInsensitiveOption);
            h.fingerprints.append(fp);
        }
        const QJsonObject um = o.value(QLatin1String("unknownMethod")).toObject();
        if (um.value(QLatin1String("status")).isDouble())
            h.unknownMethodStatus = um.value(QLatin1String("status")).toInt();
        h.unknownMethodReason = um.value(QLatin1String("reason")).toString();
        h.unknownMethodAllow = optionalBool(um.value(QLatin1String("allowHeader")));
        h.unknownMethodDetails = stringList(um.value(QLatin1String("details")));
        h.enableMethod = stringList(o.value(QLatin1String("enableMethod")));
        h.overrides = stringList(o.value(QLatin1String("overrides")));
        h.upgradeNotes = o.value(QLatin1String("upgradeNotes")).toString();
        h.verifiedWith = o.value(QLatin1String("verifiedWith")).toString();
        h.errorHeader = o.value(QLatin1String("errorHeader")).toString().toLatin1();
        h.gatewayStatus = intList(o.value(QLatin1String("gatewayStatus")));
        h.raw = o;
        m_servers.append(h);
    }
}

// An unknown severity loads as Info and becomes a load problem, so a typo fails tst_knowledge, not a user.
void Knowledge::loadDiagnosis()
{
    const QJsonObject root = readDocument(QStringLiteral(":/knowledge/diagnosis.json"), "findings", m_loadProblems);
    DiagnosisRules &rules = m_diagnosis;
    const QJsonArray findings = root.value(QLatin1String("findings")).toArray();
    for (const QJsonValue &value : findings) {
        const QJsonObject finding = value.toObject();
        const QString id = finding.value(QLatin1String("id")).toString();
        const QString severity = finding.value(QLatin1String("severity")).toString();
        const std::optional<Severity> parsed = severityFromId(severity);
        if (!parsed)
            m_loadProblems.append(QStringLiteral("finding %1: unknown severity \"%2\"").arg(id, severity));
        rules.findings.append({ id, parsed.value_or(Severity::Info) });
    }
    const QJsonArray serverNotes = root.value(QLatin1String("serverNotes")).toArray();
    for (const QJsonValue &value : serverNotes) {
        const QJsonObject note = value.toObject();
        rules.serverNotes.append({ note.value(QLatin1String("server")).toString(),
            note.value(QLatin1String("finding")).toString(), note.value(QLatin1String("note")).toString() });
    }
    const QJsonArray reasonNotes = root.value(QLatin1String("reasonNotes")).toArray();
    for (const QJsonValue &value : reasonNotes) {
        const QJsonObject note = value.toObject();
        rules.reasonNotes.append(
            { note.value(QLatin1String("server")).toString(), note.value(QLatin1String("phrase")).toString(),
                note.value(QLatin1String("namesMethod")).toBool(), note.value(QLatin1String("note")).toString() });
    }
    const QJsonArray alternatives = root.value(QLatin1String("methodAlternatives")).toArray();
    for (const QJsonValue &value : alternatives) {
        const QJsonObject entry = value.toObject();
        rules.methodAlternatives.append({ entry.value(QLatin1String("method")).toString().toLatin1(),
            byteArrayList(entry.value(QLatin1String("prefer"))) });
    }
    rules.neverAlternatives = byteArrayList(root.value(QLatin1String("neverAlternatives")));
    rules.commonMethods = byteArrayList(root.value(QLatin1String("commonMethods")));
    rules.changingMethods = byteArrayList(root.value(QLatin1String("changingMethods")));
    const QJsonObject overrides = root.value(QLatin1String("overrides")).toObject();
    rules.overrideHeaders = byteArrayList(overrides.value(QLatin1String("headers")));
    rules.overrideFormField = overrides.value(QLatin1String("formField")).toString();
    const QJsonObject groups = root.value(QLatin1String("statusGroups")).toObject();
    rules.refusal = statusGroup(groups.value(QLatin1String("refusal")));
    rules.methodRefusal = statusGroup(groups.value(QLatin1String("methodRefusal")));
    rules.scopeDecisive = statusGroup(groups.value(QLatin1String("scopeDecisive")));
    rules.probePastDispatch = statusGroup(groups.value(QLatin1String("probePastDispatch")));
    rules.gatewayFailure = statusGroup(groups.value(QLatin1String("gatewayFailure")));
    const QJsonObject probe = root.value(QLatin1String("probe")).toObject();
    rules.probeUnknownToken = probe.value(QLatin1String("unknownToken")).toString().toLatin1();
    rules.probeMethods = byteArrayList(probe.value(QLatin1String("defaultMethods")));
}

Severity Knowledge::findingSeverity(const QString &findingId) const
{
    for (const FindingRule &rule : m_diagnosis.findings)
        if (rule.id == findingId)
            return rule.severity;
    return Severity::Info;
}

QString Knowledge::serverNote(const ServerHint *hint, const QString &findingId) const
{
    if (!hint)
        return {};
    for (const ServerNote &note : m_diagnosis.serverNotes)
        if (note.finding == findingId && note.server == hint->id)
            return note.note;
    return {};
}

const StatusInfo *Knowledge::status(int code) const
{
    for (const StatusInfo &s : m_statuses)
        if (s.code == code)
            return &s;
    return nullptr;
}

const UnregisteredStatus *Knowledge::unregisteredStatus(int code) const
{
    for (const UnregisteredStatus &s : m_unregistered)
        if (s.code == code)
            return &s;
    return nullptr;
}

// Exact first: methods are case-sensitive, and a case-insensitive hit is itself a finding (method-case).
MethodLookup Knowledge::method(const QByteArray &name) const
{
    for (const MethodInfo &m : m_methods)
        if (m.name == name)
            return { &m, false };
    for (const MethodInfo &m : m_methods)
        if (m.name.compare(name, Qt::CaseInsensitive) == 0)
            return { &m, true };
    return {};
}

const ServerHint *Knowledge::server(const QString &id) const
{
    for (const ServerHint &h : m_servers)
        if (h.id.compare(id, Qt::CaseInsensitive) == 0)
            return &h;
    return nullptr;
}

QList<ServerMatch> Knowledge::identifyServers(const http::HeaderList &headers, const QByteArray &body) const
{
    const QString bodyText = QString::fromUtf8(body.left(BodyScanLimit));
    QList<ServerMatch> matches;
    for (const ServerHint &h : m_servers) {
        ServerMatch match { &h, 0, {} };
        // A regex is compiled (and JIT-compiled) on its first use, which costs far more than the match:
        // only the regexes that can apply are touched, a header's once that header is present and a
        // body's once there is a body (every body fingerprint needs at least one character).
        for (const Fingerprint &fp : h.fingerprints) {
            if (fp.header.isEmpty()) {
                if (!fp.pattern.isEmpty() && !bodyText.isEmpty() && fp.regex.isValid()
                    && fp.regex.match(bodyText).hasMatch()) {
                    match.score += fp.weight;
                    match.evidence.append(QStringLiteral("body matches /%1/").arg(fp.pattern));
                }
                continue;
            }
            for (const http::Header &header : headers) {
                if (!http::headerNameEquals(header.name, fp.header))
                    continue;
                if (!fp.pattern.isEmpty() && !fp.regex.isValid())
                    break;
                const QString value = QString::fromLatin1(header.value);
                if (fp.pattern.isEmpty() || fp.regex.match(value).hasMatch()) {
                    match.score += fp.weight;
                    match.evidence.append(QStringLiteral("%1: %2").arg(QString::fromLatin1(header.name), value));
                    break;
                }
            }
        }
        if (match.score > 0)
            matches.append(match);
    }
    std::stable_sort(
        matches.begin(), matches.end(), [](const ServerMatch &a, const ServerMatch &b) { return a.score > b.score; });
    return matches;
}

const ServerHint *Knowledge::identifyServer(const http::HeaderList &headers, const QByteArray &body) const
{
    const QList<ServerMatch> matches = identifyServers(headers, body);
    if (matches.isEmpty() || matches.first().score < MinimumScore)
        return nullptr;
    return matches.first().hint;
}

QList<int> Knowledge::ianaStatusCodes()
{
    // IANA HTTP Status Code Registry as of 2026 (104 is a temporary registration).
    QList<int> codes = { 100, 101, 102, 103, 104, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226 };
    for (int c = 300; c <= 308; ++c)
        codes.append(c);
    for (int c = 400; c <= 418; ++c)
        codes.append(c);
    codes.append({ 421, 422, 423, 424, 425, 426, 428, 429, 431, 451 });
    for (int c = 500; c <= 508; ++c)
        codes.append(c);
    codes.append({ 510, 511 });
    return codes;
}

QList<QByteArray> Knowledge::ianaMethods()
{
    // IANA HTTP Method Registry (updated 2026-06-17, QUERY added by RFC 10008).
    return { "ACL", "BASELINE-CONTROL", "BIND", "CHECKIN", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD",
        "LABEL", "LINK", "LOCK", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL", "MKREDIRECTREF", "MKWORKSPACE", "MOVE",
        "OPTIONS", "ORDERPATCH", "PATCH", "POST", "PRI", "PROPFIND", "PROPPATCH", "PUT", "QUERY", "REBIND", "REPORT",
        "SEARCH", "TRACE", "UNBIND", "UNCHECKOUT", "UNLINK", "UNLOCK", "UPDATE", "UPDATEREDIRECTREF", "VERSION-CONTROL",
        "*" };
}

QString Knowledge::statusClassMeaning(int code)
{
    switch (code / 100) {
    case 1:
        return QStringLiteral(
            "1xx (informational): the request was received and processing continues; a final answer follows.");
    case 2: return QStringLiteral("2xx (successful): the request was received, understood and accepted.");
    case 3:
        return QStringLiteral("3xx (redirection): the client must take further action, usually follow Location, to "
                              "complete the request.");
    case 4: return QStringLiteral("4xx (client error): the request has bad syntax or cannot be fulfilled as sent.");
    case 5: return QStringLiteral("5xx (server error): the server failed to fulfil an apparently valid request.");
    default: return QStringLiteral("not a valid HTTP status code (they are three digits, 100 to 599).");
    }
}

bool Knowledge::isWellFormedReference(const QString &reference)
{
    static const QRegularExpression one(QStringLiteral(
        "^(RFC [1-9][0-9]{3,4}(, Section [1-9][0-9]*(\\.[1-9][0-9]*)*)?|draft-[a-z0-9]+(-[a-z0-9]+)*-[0-9]{2})$"));
    if (reference.isEmpty())
        return false;
    const QStringList parts = reference.split(QStringLiteral("; "));
    for (const QString &part : parts)
        if (!one.match(part).hasMatch())
            return false;
    return true;
}

// Facts the data must satisfy, from the registries and RFCs, so an edit cannot quietly make them wrong.
QStringList Knowledge::validate() const
{
    return m_loadProblems + validateStatuses() + validateMethods() + validateServers() + validateDiagnosisReferences()
        + validateDiagnosisTables();
}

// Exactly the registry, complete entries, RFC 9110 Section 15.1 cacheability.
QStringList Knowledge::validateStatuses() const
{
    QStringList problems;
    const auto need = needInto(problems);
    const QList<int> iana = ianaStatusCodes();
    const QSet<int> heuristic = { 200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501 };
    const QSet<int> needMethodNotes = { 200, 400, 403, 404, 405, 411, 500, 501, 502 };
    QSet<int> seen;
    for (const StatusInfo &s : m_statuses) {
        const QString who = QStringLiteral("status %1").arg(s.code);
        need(!seen.contains(s.code), who + QStringLiteral(": listed twice"));
        seen.insert(s.code);
        need(iana.contains(s.code), who + QStringLiteral(": not in the IANA registry"));
        need(!s.title.isEmpty(), who + QStringLiteral(": empty title"));
        need(!s.meaning.isEmpty(), who + QStringLiteral(": empty meaning"));
        need(isWellFormedReference(s.reference), who + QStringLiteral(": malformed reference \"%1\"").arg(s.reference));
        for (const auto &[list, name] : { std::pair { &s.commonCauses, "commonCauses" },
                 std::pair { &s.clientFixes, "clientFixes" }, std::pair { &s.serverFixes, "serverFixes" } }) {
            need(!list->isEmpty(), who + QStringLiteral(": empty %1").arg(QLatin1String(name)));
            for (const QString &item : *list)
                need(!item.trimmed().isEmpty(), who + QStringLiteral(": blank item in %1").arg(QLatin1String(name)));
        }
        const bool expectCacheable = heuristic.contains(s.code) || s.code == 451; // 451: RFC 7725, Section 3
        need(s.cacheableByDefault == expectCacheable,
            who
                + QStringLiteral(": cacheableByDefault should be %1")
                      .arg(expectCacheable ? QStringLiteral("true") : QStringLiteral("false")));
        if (needMethodNotes.contains(s.code))
            need(!s.methodNotes.isEmpty(), who + QStringLiteral(": methodNotes missing"));
    }
    for (int code : iana)
        need(seen.contains(code), QStringLiteral("status %1: missing (it is in the IANA registry)").arg(code));
    for (const UnregisteredStatus &u : m_unregistered) {
        const QString who = QStringLiteral("unregistered status %1").arg(u.code);
        need(u.code >= 100 && u.code <= 599, who + QStringLiteral(": out of range"));
        need(!iana.contains(u.code), who + QStringLiteral(": is registered, move it to \"codes\""));
        need(!u.title.isEmpty() && !u.origin.isEmpty() && !u.meaning.isEmpty(), who + QStringLiteral(": empty field"));
    }
    return problems;
}

// The whole registry, tokens, safe implies idempotent.
QStringList Knowledge::validateMethods() const
{
    QStringList problems;
    const auto need = needInto(problems);
    QSet<QByteArray> names;
    for (const MethodInfo &m : m_methods) {
        const QString who = QStringLiteral("method %1").arg(QString::fromLatin1(m.name));
        need(http::checkMethod(m.name).isEmpty(), who + QStringLiteral(": not an RFC 9110 token"));
        need(!names.contains(m.name), who + QStringLiteral(": listed twice"));
        names.insert(m.name);
        need(!m.description.isEmpty(), who + QStringLiteral(": empty description"));
        const bool inRegistry = ianaMethods().contains(m.name);
        need(m.registered == inRegistry,
            who
                + (inRegistry ? QStringLiteral(": is registered with IANA")
                              : QStringLiteral(": is not registered with IANA")));
        if (m.registered) {
            need(m.safe.has_value() && m.idempotent.has_value(),
                who + QStringLiteral(": safe and idempotent must be booleans"));
            need(isWellFormedReference(m.reference),
                who + QStringLiteral(": malformed reference \"%1\"").arg(m.reference));
            need(!(m.safe.value_or(false) && !m.idempotent.value_or(false)),
                who + QStringLiteral(": safe methods are idempotent"));
        } else {
            need(!m.origin.isEmpty(), who + QStringLiteral(": unregistered methods need an origin"));
        }
    }
    for (const QByteArray &name : ianaMethods())
        need(names.contains(name),
            QStringLiteral("method %1: missing (it is in the IANA registry)").arg(QString::fromLatin1(name)));
    return problems;
}

// Unique ids, known kinds, compiling regexes, override conventions diagnosis.json knows.
QStringList Knowledge::validateServers() const
{
    QStringList problems;
    const auto need = needInto(problems);
    static const QSet<QString> kinds
        = { QStringLiteral("origin"), QStringLiteral("proxy"), QStringLiteral("cdn"), QStringLiteral("framework") };
    QSet<QString> overrideNames = { m_diagnosis.overrideFormField };
    for (const QByteArray &header : m_diagnosis.overrideHeaders)
        overrideNames.insert(QString::fromLatin1(header));
    QSet<QString> ids;
    for (const ServerHint &h : m_servers) {
        const QString who = QStringLiteral("server %1").arg(h.id);
        need(!h.id.isEmpty() && h.id == h.id.toLower(), who + QStringLiteral(": id must be non-empty lower case"));
        need(!ids.contains(h.id), who + QStringLiteral(": duplicate id"));
        ids.insert(h.id);
        need(!h.name.isEmpty(), who + QStringLiteral(": empty name"));
        need(kinds.contains(h.kind), who + QStringLiteral(": unknown kind \"%1\"").arg(h.kind));
        for (const Fingerprint &fp : h.fingerprints) {
            need(fp.regex.isValid(),
                who + QStringLiteral(": regex /%1/ does not compile: %2").arg(fp.pattern, fp.regex.errorString()));
            need(fp.weight > 0, who + QStringLiteral(": fingerprint weight must be positive"));
            need(fp.header.isEmpty() ? !fp.pattern.isEmpty() : http::checkHeaderName(fp.header).isEmpty(),
                who + QStringLiteral(": fingerprint needs a header name token or a body regex"));
        }
        need(!h.unknownMethodDetails.isEmpty(), who + QStringLiteral(": unknownMethod.details empty"));
        need(!h.unknownMethodStatus || (*h.unknownMethodStatus >= 100 && *h.unknownMethodStatus <= 599),
            who + QStringLiteral(": unknownMethod.status out of range"));
        need(!h.enableMethod.isEmpty(), who + QStringLiteral(": enableMethod empty"));
        need(!h.upgradeNotes.isEmpty(), who + QStringLiteral(": upgradeNotes empty"));
        for (const QString &o : h.overrides)
            need(overrideNames.contains(o), who + QStringLiteral(": unknown override \"%1\"").arg(o));
        need(h.errorHeader.isEmpty() || http::checkHeaderName(h.errorHeader).isEmpty(),
            who + QStringLiteral(": errorHeader is not a header name token"));
        for (int status : h.gatewayStatus)
            need(status >= 500 && status <= 599, who + QStringLiteral(": gatewayStatus %1 is not a 5xx").arg(status));
    }
    return problems;
}

// diagnosis.json refers to the other files by id; each reference must resolve, so a renamed server
// or finding cannot silently switch a rule off.
QStringList Knowledge::validateDiagnosisReferences() const
{
    QStringList problems;
    const auto need = needInto(problems);
    const DiagnosisRules &rules = m_diagnosis;
    static const QRegularExpression findingIdPattern(QStringLiteral("^[a-z]+(-[a-z]+)*$"));
    QSet<QString> findingIds;
    for (const FindingRule &rule : rules.findings) {
        const QString who = QStringLiteral("finding %1").arg(rule.id);
        need(findingIdPattern.match(rule.id).hasMatch(), who + QStringLiteral(": id must be lower-case-with-dashes"));
        need(!findingIds.contains(rule.id), who + QStringLiteral(": listed twice"));
        findingIds.insert(rule.id);
    }
    need(!rules.findings.isEmpty(), QStringLiteral("diagnosis: no findings"));
    for (const ServerNote &note : rules.serverNotes) {
        const QString who = QStringLiteral("server note %1/%2").arg(note.server, note.finding);
        need(server(note.server) && server(note.server)->id == note.server, who + QStringLiteral(": unknown server"));
        need(findingIds.contains(note.finding), who + QStringLiteral(": unknown finding"));
        need(!note.note.isEmpty(), who + QStringLiteral(": empty note"));
    }
    for (const ReasonNote &note : rules.reasonNotes) {
        const QString who = QStringLiteral("reason note %1").arg(note.server);
        const ServerHint *hint = server(note.server);
        need(hint && hint->id == note.server, who + QStringLiteral(": unknown server"));
        need(note.namesMethod == note.phrase.isEmpty(), who + QStringLiteral(": needs either phrase or namesMethod"));
        // The phrase must be the one servers.json says the server uses, so the two cannot drift apart.
        if (hint && !note.phrase.isEmpty())
            need(hint->unknownMethodReason == note.phrase,
                who + QStringLiteral(": phrase differs from the server's unknownMethod.reason"));
        need(!note.note.isEmpty(), who + QStringLiteral(": empty note"));
    }
    return problems;
}

// The method lists name methods of methods.json, the status groups registered codes, and the probe's
// unknown token is unknown.
QStringList Knowledge::validateDiagnosisTables() const
{
    QStringList problems;
    const auto need = needInto(problems);
    const DiagnosisRules &rules = m_diagnosis;
    auto needMethods = [&](const QList<QByteArray> &names, const QString &where) {
        for (const QByteArray &name : names) {
            const MethodLookup lookup = method(name);
            need(lookup.info && !lookup.caseInsensitive,
                QStringLiteral("%1: method %2 not in methods.json").arg(where, QString::fromLatin1(name)));
        }
    };
    QSet<QByteArray> withAlternatives;
    for (const MethodAlternatives &entry : rules.methodAlternatives) {
        const QString who = QStringLiteral("methodAlternatives %1").arg(QString::fromLatin1(entry.method));
        needMethods({ entry.method }, who);
        needMethods(entry.prefer, who);
        need(!entry.prefer.isEmpty() && !entry.prefer.contains(entry.method),
            who + QStringLiteral(": prefer must list other methods"));
        need(!withAlternatives.contains(entry.method), who + QStringLiteral(": listed twice"));
        withAlternatives.insert(entry.method);
    }
    needMethods(rules.neverAlternatives, QStringLiteral("neverAlternatives"));
    needMethods(rules.commonMethods, QStringLiteral("commonMethods"));
    needMethods(rules.changingMethods, QStringLiteral("changingMethods"));
    need(!rules.commonMethods.isEmpty() && !rules.changingMethods.isEmpty(),
        QStringLiteral("diagnosis: commonMethods and changingMethods must not be empty"));
    need(!rules.overrideHeaders.isEmpty(), QStringLiteral("overrides: no headers"));
    for (const QByteArray &header : rules.overrideHeaders)
        need(http::checkHeaderName(header).isEmpty(),
            QStringLiteral("overrides: %1 is not a header name token").arg(QString::fromLatin1(header)));
    need(!rules.overrideFormField.isEmpty(), QStringLiteral("overrides: empty formField"));
    for (const auto &[group, name] : { std::pair { &rules.refusal, "refusal" },
             std::pair { &rules.methodRefusal, "methodRefusal" }, std::pair { &rules.scopeDecisive, "scopeDecisive" },
             std::pair { &rules.probePastDispatch, "probePastDispatch" },
             std::pair { &rules.gatewayFailure, "gatewayFailure" } }) {
        const QString who = QStringLiteral("statusGroups.%1").arg(QLatin1String(name));
        need(!group->codes.isEmpty(), who + QStringLiteral(": missing or empty"));
        for (int code : group->codes)
            need(status(code), who + QStringLiteral(": %1 is not in status-codes.json").arg(code));
        need(!group->atLeast || (*group->atLeast >= 100 && *group->atLeast <= 599),
            who + QStringLiteral(": atLeast out of range"));
    }
    // The unknown token must stay unknown: a method named like it would make the probe meaningless.
    need(http::checkMethod(rules.probeUnknownToken).isEmpty() && !method(rules.probeUnknownToken).info,
        QStringLiteral("probe: unknownToken must be a token no method in methods.json matches"));
    need(rules.probeMethods.contains(rules.probeUnknownToken),
        QStringLiteral("probe: defaultMethods lacks unknownToken"));
    QSet<QByteArray> probeMethods;
    for (const QByteArray &name : rules.probeMethods) {
        const QString who = QStringLiteral("probe method %1").arg(QString::fromLatin1(name));
        need(http::checkMethod(name).isEmpty(), who + QStringLiteral(": not an RFC 9110 token"));
        need(!probeMethods.contains(name), who + QStringLiteral(": listed twice"));
        probeMethods.insert(name);
    }
    return problems;
}

int editDistance(QStringView a, QStringView b)
{
    // Optimal string alignment: like Levenshtein, but a swapped pair of letters is one typo.
    const qsizetype n = a.size(), k = b.size();
    QList<QList<int>> d(n + 1, QList<int>(k + 1, 0));
    for (qsizetype i = 0; i <= n; ++i)
        d[i][0] = int(i);
    for (qsizetype j = 0; j <= k; ++j)
        d[0][j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= k; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({ d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost });
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][k];
}

} // namespace verbscope::diagnosis
