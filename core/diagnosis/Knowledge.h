// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnosis/Verdict.h"
#include "core/http/Headers.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace verbscope::diagnosis {

// One IANA-registered status code, from resources/knowledge/status-codes.json.
struct StatusInfo {
    int code = 0;
    QString title;
    QString reference;
    QString meaning;
    QStringList commonCauses;
    QStringList clientFixes;
    QStringList serverFixes;
    bool cacheableByDefault = false;
    QString cacheNote;
    QString methodNotes;
    QString registryNote;
    QStringList aliases; // former or informal reason phrases
    QJsonObject raw;
};

// A code seen in the wild but absent from the IANA registry (nginx 499, Cloudflare 52x…).
struct UnregisteredStatus {
    int code = 0;
    QString title;
    QString origin;
    QString meaning;
};

// One method, registered with IANA or met in the wild, from methods.json.
struct MethodInfo {
    QByteArray name;
    bool registered = false;
    std::optional<bool> safe; // unset for unregistered methods: nothing defines it
    std::optional<bool> idempotent;
    bool cacheable = false;
    QString reference;
    QString family;
    QString origin;
    QString description;
    QString commonlyBlocked;
    QString notes;
    QJsonObject raw;
};

struct Fingerprint {
    QByteArray header; // empty: matches the body
    QString pattern; // empty with a header: the header's presence is enough
    QRegularExpression regex;
    int weight = 1;
};

// What a server, proxy, CDN or framework looks like and how it treats methods, from servers.json.
struct ServerHint {
    QString id;
    QString name;
    QString kind; // origin | proxy | cdn | framework
    QList<Fingerprint> fingerprints;
    std::optional<int> unknownMethodStatus;
    QString unknownMethodReason;
    std::optional<bool> unknownMethodAllow;
    QStringList unknownMethodDetails;
    QStringList enableMethod;
    QStringList overrides;
    QString upgradeNotes;
    QString verifiedWith;
    QByteArray errorHeader; // a proxy puts it only on answers it made itself (X-Squid-Error)
    // An origin that is also a gateway: its own error page with one of these (nginx's 502) means it
    // answered as a reverse proxy, the server behind it did not.
    QList<int> gatewayStatus;
    QJsonObject raw;
};

// The rest of diagnosis.json: what the diagnosis and the probe need to know that is not about one
// status, method or server, so a rule reads as logic and its facts can be checked and extended.
struct FindingRule {
    QString id; // docs/diagnosis.md lists each
    Severity severity = Severity::Info;
};

// A sentence added to a finding when a known server answered.
struct ServerNote {
    QString server; // servers.json id
    QString finding;
    QString note;
};

// Who writes a non-standard reason phrase: an exact phrase, or one that names the method ("%1").
struct ReasonNote {
    QString server;
    QString phrase; // empty with namesMethod
    bool namesMethod = false;
    QString note;
};

// Status codes a rule treats alike: a list, and optionally every code from one on (500: any 5xx or worse).
struct StatusGroup {
    QList<int> codes;
    std::optional<int> atLeast;
    bool contains(int status) const { return codes.contains(status) || (atLeast && status >= *atLeast); }
};

// What to propose when a method is refused and Allow lists others.
struct MethodAlternatives {
    QByteArray method;
    QList<QByteArray> prefer; // closest first
};

struct DiagnosisRules {
    QList<FindingRule> findings;
    QList<ServerNote> serverNotes;
    QList<ReasonNote> reasonNotes;
    QList<MethodAlternatives> methodAlternatives;
    QList<QByteArray> neverAlternatives; // not proposed in place of another method (HEAD, OPTIONS, TRACE)
    QList<QByteArray> commonMethods; // preferred when two corrections of a typo are as close
    QList<QByteArray> changingMethods; // an ignored one means nothing was changed
    QList<QByteArray> overrideHeaders; // X-HTTP-Method-Override…
    QString overrideFormField; // _method
    StatusGroup refusal; // a check or verification that did not get through
    StatusGroup methodRefusal; // a method name problem matters (warning, not info)
    StatusGroup scopeDecisive; // the random-path check tells server-wide from resource-level
    StatusGroup probePastDispatch; // on the probe path: the method got past dispatch
    StatusGroup gatewayFailure; // through a proxy and no origin in sight: the proxy's own answer
    QByteArray probeUnknownToken;
    QList<QByteArray> probeMethods;
};

struct MethodLookup {
    const MethodInfo *info = nullptr;
    bool caseInsensitive = false; // found only after ignoring case: the name as sent is not the registered one
};

struct ServerMatch {
    const ServerHint *hint = nullptr;
    int score = 0;
    QStringList evidence; // e.g. "Server: nginx/1.22.1"
};

// The knowledge base behind `explain`, the diagnosis and the GUI reference. Loaded once from the
// resources compiled into verbscope_core; read-only and safe to share between threads.
class Knowledge
{
public:
    static const Knowledge &instance();

    const StatusInfo *status(int code) const;
    const UnregisteredStatus *unregisteredStatus(int code) const;
    MethodLookup method(const QByteArray &name) const;
    const ServerHint *server(const QString &id) const; // id, case-insensitive
    const DiagnosisRules &diagnosis() const { return m_diagnosis; }
    // The severity of a finding id from diagnosis.json (Info for an unknown id, which validate() reports).
    Severity findingSeverity(const QString &findingId) const;
    // The sentence diagnosis.json adds to `findingId` for this server, or empty.
    QString serverNote(const ServerHint *hint, const QString &findingId) const;

    // Every hint with a positive score, best first.
    QList<ServerMatch> identifyServers(const http::HeaderList &headers, const QByteArray &body) const;
    // The best hint when its score reaches MinimumScore, else nullptr.
    const ServerHint *identifyServer(const http::HeaderList &headers, const QByteArray &body) const;
    static constexpr int MinimumScore = 5;

    const QList<StatusInfo> &statuses() const { return m_statuses; }
    const QList<UnregisteredStatus> &unregisteredStatuses() const { return m_unregistered; }
    const QList<MethodInfo> &methods() const { return m_methods; }
    const QList<ServerHint> &servers() const { return m_servers; }

    // Problems in the data (empty when all is well): missing IANA entries, empty fields,
    // malformed references, invalid method tokens, duplicate ids, regexes that do not compile.
    QStringList validate() const;

    // The registries the data must cover, kept here so the data is checked against them.
    static QList<int> ianaStatusCodes();
    static QList<QByteArray> ianaMethods();
    // "4xx: client error …" for any three-digit code.
    static QString statusClassMeaning(int code);
    static bool isWellFormedReference(const QString &reference);

    Knowledge(const Knowledge &) = delete;
    Knowledge &operator=(const Knowledge &) = delete;

private:
    Knowledge();
    void loadStatuses();
    void loadMethods();
    void loadServers();
    void loadDiagnosis();
    QStringList validateStatuses() const;
    QStringList validateMethods() const;
    QStringList validateServers() const;
    QStringList validateDiagnosisReferences() const;
    QStringList validateDiagnosisTables() const;

    QList<StatusInfo> m_statuses;
    QList<UnregisteredStatus> m_unregistered;
    QList<MethodInfo> m_methods;
    QList<ServerHint> m_servers;
    DiagnosisRules m_diagnosis;
    QStringList m_loadProblems;
};

// Typos between two names (a swapped pair of letters counts once): for "did you mean" hints.
int editDistance(QStringView a, QStringView b);

} // namespace verbscope::diagnosis
