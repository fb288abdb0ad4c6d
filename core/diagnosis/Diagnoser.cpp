// SPDX-License-Identifier: GPL-3.0-or-later
// The rules of docs/diagnosis.md, one function each. Facts about statuses, methods and servers come
// from Knowledge (resources/knowledge/*.json), so what is written here is the reasoning only.
#include "core/diagnosis/Diagnoser.h"

#include "core/diagnosis/Knowledge.h"
#include "core/http/ExchangeJson.h"
#include "core/http/HttpSyntax.h"
#include "core/http/QtFraming.h"
#include "core/http/VisibleText.h"

#include <QCryptographicHash>
#include <QUrl>

namespace verbscope::diagnosis {

using namespace verbscope::http;

const Finding *Diagnosis::finding(const QString &id) const
{
    for (const Finding &candidate : findings)
        if (candidate.id == id)
            return &candidate;
    return nullptr;
}

const Suggestion *Diagnosis::suggestion(const QString &id) const
{
    for (const Suggestion &candidate : suggestions)
        if (candidate.id == id)
            return &candidate;
    return nullptr;
}

const Check *Diagnosis::check(const QString &id) const
{
    for (const Check &candidate : checks)
        if (candidate.id == id)
            return &candidate;
    return nullptr;
}

namespace {

QString methodText(const QByteArray &method)
{
    return QString::fromLatin1(method);
}

QString joinMethods(const QList<QByteArray> &methods)
{
    QStringList names;
    for (const QByteArray &method : methods)
        names << methodText(method);
    return names.join(QLatin1String(", "));
}

QByteArray bodyDigest(const Exchange &exchange)
{
    return QCryptographicHash::hash(exchange.response.body, QCryptographicHash::Sha256);
}

// Two answers that look the same to a client: status, type and body.
bool sameAnswer(const Exchange &first, const Exchange &second)
{
    return first.response.received && second.response.received
        && first.response.head.status == second.response.head.status
        && headerValue(first.response.head.headers, "Content-Type")
        == headerValue(second.response.head.headers, "Content-Type")
        && bodyDigest(first) == bodyDigest(second);
}

QString statusText(const Exchange &exchange)
{
    if (!exchange.response.received)
        return QStringLiteral("no answer (%1)").arg(errorKindName(exchange.error.kind));
    const ResponseHead &head = exchange.response.head;
    QString text = QStringLiteral("%1 %2").arg(head.status).arg(escapeBytes(head.reason));
    if (hasHeader(head.headers, "Allow"))
        text += QStringLiteral(", Allow: %1").arg(escapeBytes(headerValue(head.headers, "Allow")));
    return text;
}

QString proxyName(const Classification &classification, const QString &unnamed)
{
    return classification.proxy.isEmpty() ? unnamed : classification.proxy;
}

QString checkEvidence(const Check &check)
{
    return QStringLiteral("check %1 %2 → %3")
        .arg(methodText(check.request.method), check.request.url, statusText(check.exchange));
}

// An answer that did not get through: what a verification or an override variant must not get.
bool isRefusal(const Exchange &exchange)
{
    return !exchange.response.received
        || Knowledge::instance().diagnosis().refusal.contains(exchange.response.head.status);
}

QList<QByteArray> optionsAllow(const Check *options)
{
    if (!options || !options->exchange.response.received)
        return {};
    return parseAllow(headerValue(options->exchange.response.head.headers, "Allow"));
}

// Everything the rules read and write, so each rule is a function of one argument.
struct Context {
    const RequestSpec &spec;
    const Exchange &exchange;
    Diagnosis &diagnosis;
    const Classification &classification; // diagnosis.classification
    QByteArray method;
    int status = 0;

    const Check *check(const QString &id) const { return diagnosis.check(id); }
    // With the severity diagnosis.json gives the finding.
    void report(const QString &id, const QString &title, const QString &detail, const QStringList &evidence = {})
    {
        report(id, Knowledge::instance().findingSeverity(id), title, detail, evidence);
    }
    void report(const QString &id, Severity severity, const QString &title, const QString &detail,
        const QStringList &evidence = {})
    {
        diagnosis.findings.append({ id, severity, title, detail, evidence });
    }
    Suggestion &suggest(const QString &id, const QString &title, const QString &detail)
    {
        diagnosis.suggestions.append({ id, title, detail, std::nullopt, std::nullopt, QString(), false });
        return diagnosis.suggestions.last();
    }
    RequestSpec withMethod(const QByteArray &newMethod) const
    {
        RequestSpec request = spec;
        request.method = newMethod;
        if (newMethod == "GET" || newMethod == "HEAD" || newMethod == "OPTIONS") {
            request.body.clear();
            request.bodyFile.clear();
            request.hasBody = false;
        }
        return request;
    }
    QString methodName() const { return methodText(method); }
};

// Server-wide or this resource only: the same method on a path that cannot exist answers alike
// when the whole server refuses it.
void scopeFrom(Context &context)
{
    const Check *randomPath = context.check(QStringLiteral("random-path"));
    const bool decisive = Knowledge::instance().diagnosis().scopeDecisive.contains(context.status);
    Scope scope = Scope::Unknown;
    if (randomPath && randomPath->exchange.response.received) {
        const int randomStatus = randomPath->exchange.response.head.status;
        if (decisive)
            scope = randomStatus == context.status ? Scope::Server : Scope::Resource;
    } else if (context.status == 405) {
        scope = Scope::Resource; // by definition (RFC 9110 §15.5.6)
    } else if (context.status == 501) {
        scope = Scope::Server; // by definition (RFC 9110 §15.6.2), not checked
    }
    context.diagnosis.scope = scope;
}

// The answer through the proxy against the origin's own (check "direct", same URL for a safe method,
// else the impossible path on both sides): a different status means the proxy answered.
void attributeByDirect(Context &context)
{
    const Check *direct = context.check(QStringLiteral("direct"));
    Classification &classification = context.diagnosis.classification;
    if (!direct || !direct->exchange.response.received || classification.answeredBy == Party::Proxy)
        return;
    const Check *randomPath = context.check(QStringLiteral("random-path"));
    const Exchange *proxied = &context.exchange;
    if (direct->request.url != context.spec.url) {
        if (!randomPath || randomPath->request.url != direct->request.url || !randomPath->exchange.response.received)
            return;
        proxied = &randomPath->exchange;
    }
    const ResponseHead &viaProxy = proxied->response.head;
    const ResponseHead &origin = direct->exchange.response.head;
    const QString address = Classifier::serverAddress(direct->exchange);
    const QString evidence = QStringLiteral("without the proxy, %1 %2 → %3; through it → %4")
                                 .arg(methodText(direct->request.method), direct->request.url,
                                     statusText(direct->exchange), statusText(*proxied));
    classification.evidence << evidence;
    // Status only: a relay may strip or replace Server, and a dynamic body differs from one answer to the next.
    if (viaProxy.status == origin.status) {
        if (classification.answeredBy == Party::Unknown) {
            // The direct answer may name the origin that the relayed one no longer does.
            const ServerHint *named = Classifier::classify(direct->exchange).serverHint;
            classification.answeredBy = Party::Origin;
            classification.serverHint = named;
            classification.attribution
                = QStringLiteral("%1 at %2 answered and the proxy relayed it: asked directly it answers the same (%3).")
                      .arg(named ? named->name : QStringLiteral("The server"), address, statusText(direct->exchange));
        }
        return;
    }
    classification.answeredBy = Party::Proxy;
    classification.serverHint = classification.proxyHint;
    const QString proxy
        = classification.proxyHint ? classification.proxy : QStringLiteral("The proxy %1").arg(classification.proxy);
    classification.attribution
        = QStringLiteral("%1 answered by itself: asked directly, the server at %2 answers %3, through the proxy %4.")
              .arg(proxy, address, statusText(direct->exchange), statusText(*proxied));
    classification.verdict = Classifier::verdictFor(context.status, Party::Proxy);
}

// A 2xx identical to GET's answer: the server never looked at the verb.
void ignoredFrom(Context &context)
{
    const Check *get = context.check(QStringLiteral("get"));
    if (!get || context.classification.verdict != Verdict::Supported || context.method == "GET"
        || context.method == "HEAD")
        return;
    if (!sameAnswer(context.exchange, get->exchange))
        return;
    context.diagnosis.classification.verdict = Verdict::Ignored;
    const Knowledge &knowledge = Knowledge::instance();
    const MethodLookup known = knowledge.method(context.method);
    const bool changing = knowledge.diagnosis().changingMethods.contains(context.method);
    context.report(QStringLiteral("method-ignored"),
        QStringLiteral("%1 was answered exactly like GET").arg(context.methodName()),
        QStringLiteral("The server returned %1 with the same body as a GET to the same URL. It most likely never "
                       "looked at the method%2: nothing was %3. A server that does not implement a method should "
                       "answer 501, or 405 with Allow.")
            .arg(context.status)
            .arg(known.info && known.info->registered
                    ? QString()
                    : QStringLiteral(" (%1 is not a registered method)").arg(context.methodName()))
            .arg(changing ? QStringLiteral("changed") : QStringLiteral("done")),
        { checkEvidence(*get) });
}

void allowConsistency(Context &context)
{
    const Classification &classification = context.classification;
    const Check *options = context.check(QStringLiteral("options"));
    if (!options || !options->exchange.response.received || !hasHeader(options->exchange.response.head.headers, "Allow")
        || classification.allowState == AllowState::Absent)
        return;
    const QList<QByteArray> listedByOptions = optionsAllow(options);
    QList<QByteArray> sortedRefusal = classification.allow;
    QList<QByteArray> sortedOptions = listedByOptions;
    std::sort(sortedRefusal.begin(), sortedRefusal.end());
    std::sort(sortedOptions.begin(), sortedOptions.end());
    if (sortedRefusal == sortedOptions)
        return;
    context.report(QStringLiteral("allow-inconsistent"), QStringLiteral("Allow on the 405 disagrees with OPTIONS"),
        QStringLiteral("The 405 lists %1 but OPTIONS on the same URL lists %2. One of them is wrong; clients "
                       "and tools that trust either will pick a method the server refuses.")
            .arg(joinMethods(classification.allow), joinMethods(listedByOptions)),
        { QStringLiteral("405 Allow: %1").arg(joinMethods(classification.allow)), checkEvidence(*options) });
}

// RFC 9110 §15.5.6: what a 405's Allow header must say, and whether it agrees with itself and OPTIONS.
void allowFindings(Context &context)
{
    if (context.status != 405)
        return;
    const Classification &classification = context.classification;
    if (classification.allowState == AllowState::Absent) {
        const QString serverNote
            = Knowledge::instance().serverNote(classification.serverHint, QStringLiteral("allow-missing"));
        context.report(QStringLiteral("allow-missing"), QStringLiteral("405 without an Allow header"),
            QStringLiteral("RFC 9110 §15.5.6: a server MUST send Allow with 405, listing what the resource supports. "
                           "Without it a client cannot tell which method to use.")
                + (serverNote.isEmpty() ? QString() : QLatin1Char(' ') + serverNote),
            { QStringLiteral("no Allow header in the 405") });
    } else if (classification.allowState == AllowState::Empty) {
        context.report(QStringLiteral("allow-empty"), QStringLiteral("405 with an empty Allow header"),
            QStringLiteral("An empty Allow means the resource allows no method at all (RFC 9110 §10.2.1). That is "
                           "legal but rarely meant: usually the list was not filled in."),
            { QStringLiteral("Allow: (empty)") });
    }
    if (classification.allow.contains(context.method)) {
        context.report(QStringLiteral("allow-lists-method"),
            QStringLiteral("Allow lists %1, yet %1 was refused").arg(context.methodName()),
            QStringLiteral("The 405 says the method is not allowed while its own Allow header includes it. Something "
                           "between the client and the handler (a proxy, a firewall rule, a router) refused it, or the "
                           "Allow list is generated from a different configuration than the one that answers."),
            { QStringLiteral("Allow: %1").arg(joinMethods(classification.allow)) });
    }
    allowConsistency(context);
}

// A verb that is a registered one in the wrong case or with a typo; only a warning when it was refused.
void methodNameFindings(Context &context)
{
    bool caseOnly = false;
    const QByteArray corrected = Diagnoser::correctedMethod(context.method, &caseOnly);
    if (corrected.isEmpty())
        return;
    const bool refused = Knowledge::instance().diagnosis().methodRefusal.contains(context.status);
    const QString findingId = caseOnly ? QStringLiteral("method-case") : QStringLiteral("method-typo");
    const Severity severity = refused ? Knowledge::instance().findingSeverity(findingId) : Severity::Info;
    const QStringList evidence { QStringLiteral("request line: %1 …").arg(context.methodName()) };
    if (caseOnly) {
        context.report(findingId, severity,
            QStringLiteral("\"%1\" is not \"%2\": methods are case-sensitive")
                .arg(context.methodName(), methodText(corrected)),
            QStringLiteral("RFC 9110 §9.1: method names are case-sensitive and the registered ones are upper case. "
                           "Servers answer a lower-case verb with 400 (nginx, Node), 501 (Apache, Python), or treat "
                           "it as the upper-case one; none of that is portable."),
            evidence);
    } else {
        context.report(findingId, severity,
            QStringLiteral("\"%1\" looks like a typo for %2").arg(context.methodName(), methodText(corrected)),
            QStringLiteral("%1 is not a registered method and differs from %2 by one or two letters.")
                .arg(context.methodName(), methodText(corrected)),
            evidence);
    }
    Suggestion &fix = context.suggest(QStringLiteral("fix-method-name"),
        QStringLiteral("Send %1 instead of %2").arg(methodText(corrected), context.methodName()),
        QStringLiteral("Correct the verb in the client code or the collection."));
    fix.request = context.withMethod(corrected);
    fix.needsConsent = !Diagnoser::isSafeMethod(corrected);
}

// RFC 9110 §9.1 and §15.1: a 501 to GET/HEAD is a broken server, and a 501 without freshness may be cached.
void notImplementedFindings(Context &context)
{
    if (context.status != 501)
        return;
    if (context.method == "GET" || context.method == "HEAD") {
        context.report(QStringLiteral("get-head-not-implemented"),
            QStringLiteral("501 to %1").arg(context.methodName()),
            QStringLiteral("RFC 9110 §9.1: all general-purpose servers MUST support GET and HEAD. A 501 here means a "
                           "broken handler, a stub, or a proxy that mangled the request."));
    }
    const HeaderList &headers = context.exchange.response.head.headers;
    if (!hasHeader(headers, "Cache-Control") && !hasHeader(headers, "Expires")) {
        context.report(QStringLiteral("not-implemented-cacheable"), QStringLiteral("This 501 can be cached"),
            QStringLiteral(
                "501 is heuristically cacheable (RFC 9110 §15.1) and this one has no Cache-Control or Expires, "
                "so a CDN or proxy may keep serving it after the method is implemented."),
            { QStringLiteral("no Cache-Control, no Expires") });
    }
}

// 404 and 403 look like refusals of the method but are about the resource or the client; GET on
// the same URL tells which.
void lookalikeFindings(Context &context)
{
    const Check *get = context.check(QStringLiteral("get"));
    const bool getWorks = get && get->exchange.response.received && get->exchange.response.head.status < 400;
    const QStringList getEvidence = get ? QStringList { checkEvidence(*get) } : QStringList {};
    if (context.status == 404) {
        context.report(QStringLiteral("checked-before-routing"),
            QStringLiteral("404 says nothing about %1").arg(context.methodName()),
            getWorks
                ? QStringLiteral("GET on the same URL works, so the resource exists: the router has no route for "
                                 "%1 here and answers 404 instead of 405 (common in Express, Rails and other routers).")
                      .arg(context.methodName())
                : QStringLiteral("The server looked the resource up before the method: it does not exist, or is not "
                                 "visible to this request. Check the URL first; the method may be fine."),
            getEvidence);
    }
    if (context.status == 403) {
        context.report(QStringLiteral("forbidden-not-method"),
            QStringLiteral("403 is an access rule, not method support"),
            getWorks ? QStringLiteral(
                "GET on the same URL is allowed, so a rule denies %1 specifically (nginx limit_except, "
                "Apache Require/Limit, a WAF or CDN rule). Whether the handler supports %1 is unknown.")
                           .arg(context.methodName())
                     : QStringLiteral(
                         "The server refuses this request for who or where it comes from (permissions, IP, a WAF). "
                         "It says nothing about whether %1 is supported.")
                           .arg(context.methodName()),
            getEvidence);
    }
    if (context.classification.answeredBy == Party::Proxy) {
        QString detail = QStringLiteral("The answer was made by %1, not by the origin server. %2")
                             .arg(proxyName(context.classification, QStringLiteral("a proxy")),
                                 context.classification.attribution);
        if (optionsAllow(context.check(QStringLiteral("options"))).contains(context.method))
            detail += QStringLiteral(" OPTIONS through the same path lists %1 in Allow: the server behind it supports "
                                     "the method and the proxy is what refuses it.")
                          .arg(context.methodName());
        context.report(QStringLiteral("proxy-answered"),
            QStringLiteral("%1 answered, not the origin")
                .arg(proxyName(context.classification, QStringLiteral("A proxy"))),
            detail, context.classification.evidence);
    }
}

// Reason phrases are informational, but an unusual one tells who answered (diagnosis.json reasonNotes).
void reasonFindings(Context &context)
{
    const Knowledge &knowledge = Knowledge::instance();
    const StatusInfo *registered = knowledge.status(context.status);
    if (!registered || !context.exchange.response.received)
        return;
    const QString reason = escapeBytes(context.exchange.response.head.reason);
    if (reason.isEmpty() || reason.compare(registered->title, Qt::CaseInsensitive) == 0
        || registered->aliases.contains(reason, Qt::CaseInsensitive))
        return;
    QString detail
        = QStringLiteral("The registered phrase for %1 is \"%2\"; this server sent \"%3\". Reason phrases are "
                         "informational (clients must not rely on them) but they identify who answered.")
              .arg(context.status)
              .arg(registered->title, reason);
    for (const ReasonNote &note : knowledge.diagnosis().reasonNotes) {
        if (note.namesMethod && reason.contains(context.methodName()))
            detail += QLatin1Char(' ') + note.note.arg(context.methodName());
        else if (!note.namesMethod && reason == note.phrase)
            detail += QLatin1Char(' ') + note.note;
    }
    context.report(QStringLiteral("reason-nonstandard"),
        QStringLiteral("Non-standard reason phrase \"%1\"").arg(reason), detail,
        { QStringLiteral("status line: %1 %2").arg(context.status).arg(reason) });
}

// RFC 9110 §5.5 / RFC 9112 §2.2: CR, LF and NUL never belong inside a field or the status line; a
// bare CR there is the shape of response splitting, and on a terminal it hides what precedes it.
// LF is only looked for with wire fidelity: Qt joins repeated Set-Cookie values with one.
void forbiddenBytesFinding(Context &context)
{
    const Exchange &exchange = context.exchange;
    QStringList evidence;
    int found = 0;
    auto check = [&](const QString &what, const QByteArray &bytes) {
        qsizetype at = firstForbiddenFieldByte(bytes);
        if (at >= 0 && exchange.fidelity == Fidelity::Qt && bytes.at(at) == '\n') {
            at = -1;
            for (qsizetype i = 0; i < bytes.size() && at < 0; ++i)
                if (bytes.at(i) == '\r' || bytes.at(i) == '\0')
                    at = i;
        }
        if (at < 0)
            return;
        // Five fields named, 120 bytes of each, so a hostile head cannot make the report huge.
        if (++found > 5)
            return;
        evidence << QStringLiteral("%1, byte %2 is %3: \"%4\"%5")
                        .arg(what)
                        .arg(at + 1)
                        .arg(describeByte(static_cast<unsigned char>(bytes.at(at))), escapeBytes(bytes.left(120)),
                            bytes.size() > 120 ? QStringLiteral("…") : QString());
    };
    QList<ResponseHead> heads = exchange.response.informational;
    heads << exchange.response.head;
    for (const ResponseHead &head : std::as_const(heads)) {
        check(QStringLiteral("reason phrase of the %1").arg(head.status), head.reason);
        for (const Header &h : head.headers) {
            check(QStringLiteral("header name \"%1\"").arg(escapeBytes(h.name)), h.name);
            check(QStringLiteral("header \"%1\"").arg(escapeBytes(h.name)), h.value);
        }
    }
    if (evidence.isEmpty())
        return;
    if (found > 5)
        evidence << QStringLiteral("and %1 more fields").arg(found - 5);
    context.report(QStringLiteral("forbidden-bytes-in-head"), QStringLiteral("CR, LF or NUL inside the response head"),
        QStringLiteral("The status line or a header holds a bare CR, LF or NUL. RFC 9112 §2.2 and RFC 9110 §5.5 say a "
                       "recipient must reject such a field or replace the byte with a space; on a terminal a bare CR "
                       "hides everything before it on its line, the shape of a response-splitting attack. VerbScope "
                       "keeps the bytes as received and shows them as \\r, \\n and \\x00."),
        evidence);
}

// A known origin that always uses its own phrase, seen with the registered one behind a proxy: the
// proxy rewrote the status line (squid turns nginx's "Not Allowed" into "Method Not Allowed").
void proxyRewriteFinding(Context &context)
{
    const Classification &classification = context.classification;
    const ServerHint *origin = classification.answeredBy == Party::Origin ? classification.serverHint : nullptr;
    if (!origin || classification.via.isEmpty() || !origin->unknownMethodStatus
        || *origin->unknownMethodStatus != context.status)
        return;
    // Only the usual rewrite is recognised: the origin's own phrase replaced by the registered one.
    const QString expected = origin->unknownMethodReason;
    const QString received = escapeBytes(context.exchange.response.head.reason);
    const StatusInfo *registered = Knowledge::instance().status(context.status);
    if (expected.isEmpty() || received == expected || !registered
        || received.compare(registered->title, Qt::CaseInsensitive) != 0)
        return;
    const QString via = classification.via.join(QLatin1String(", "));
    context.report(QStringLiteral("reason-rewritten"), QStringLiteral("A proxy rewrote the reason phrase"),
        QStringLiteral("%1 answers %2 with \"%3\", but \"%4\" arrived through %5: the proxy replaced the status line.")
            .arg(origin->name)
            .arg(context.status)
            .arg(expected, received, via),
        { QStringLiteral("Via: %1").arg(via) });
}

// An origin's own error page under another product's Server header: relayed, and the header was
// replaced on the way, so the Server name alone would blame the wrong party.
void relayedPageFinding(Context &context)
{
    const Classification &classification = context.classification;
    if (classification.relayedUnder.isEmpty() || !classification.serverHint)
        return;
    context.report(QStringLiteral("relayed-error-page"),
        QStringLiteral("%1's page arrived under Server: %2")
            .arg(classification.serverHint->name, classification.relayedUnder),
        QStringLiteral("The body is %1's own page but the Server header says \"%2\": something in front of %1 (a cache "
                       "or gateway that adds no Via) relayed the answer and replaced the header, unless %1 itself "
                       "was configured to send another name. %1 made the %3; look there for the reason, not at %2.")
            .arg(classification.serverHint->name, classification.relayedUnder)
            .arg(context.status),
        { QStringLiteral("Server: %1").arg(classification.relayedUnder) });
}

// Allowed methods from the 405 or, failing that, from OPTIONS.
QList<QByteArray> allowedMethods(const Context &context)
{
    if (!context.classification.allow.isEmpty())
        return context.classification.allow;
    return optionsAllow(context.check(QStringLiteral("options")));
}

bool refusesTheMethod(Verdict verdict)
{
    return verdict == Verdict::NotAllowed || verdict == Verdict::NotImplemented;
}

void suggestAllowedMethod(Context &context)
{
    const QList<QByteArray> allow = allowedMethods(context);
    if (!refusesTheMethod(context.diagnosis.classification.verdict) || allow.isEmpty()
        || allow.contains(context.method))
        return;
    const QByteArray alternative = Diagnoser::bestAlternative(context.method, allow);
    if (alternative.isEmpty())
        return;
    Suggestion &suggestion = context.suggest(QStringLiteral("use-allowed-method"),
        QStringLiteral("Use %1 (listed in Allow)").arg(methodText(alternative)),
        QStringLiteral("The resource accepts %1. If %2 does what you need here, send that instead.")
            .arg(joinMethods(allow), methodText(alternative)));
    suggestion.request = context.withMethod(alternative);
    suggestion.needsConsent = !Diagnoser::isSafeMethod(alternative);
}

// Any of the override conventions: a POST carrying the real method, for servers that honour one.
void suggestOverride(Context &context)
{
    const ServerHint *hint = context.classification.serverHint;
    QString detail
        = QStringLiteral("Some frameworks and gateways let a POST carry the real method in X-HTTP-Method-Override, "
                         "X-HTTP-Method or X-Method-Override, or in a _method form field. It only helps if the "
                         "application honours it; VerbScope can try each variant and compare with a plain POST "
                         "(this sends POSTs to the URL, so it asks first).");
    if (hint && !hint->overrides.isEmpty())
        detail += QStringLiteral(" %1: %2").arg(hint->name, hint->overrides.join(QLatin1Char(' ')));
    Suggestion &suggestion = context.suggest(QStringLiteral("method-override"),
        QStringLiteral("Retry as POST with X-HTTP-Method-Override: %1").arg(context.methodName()), detail);
    RequestSpec post = context.withMethod("POST");
    post.headers.append({ Diagnoser::overrideHeaders().constFirst(), context.method });
    suggestion.request = post;
    suggestion.needsConsent = true;
}

// How to turn the method on, from the knowledge base when the server is known.
void suggestEnable(Context &context)
{
    const ServerHint *hint = context.classification.serverHint;
    QString title;
    QString detail;
    if (hint) {
        title = QStringLiteral("Enable %1 on %2").arg(context.methodName(), hint->name);
        detail = hint->enableMethod.join(QLatin1Char(' '));
        if (!hint->upgradeNotes.isEmpty())
            detail += QLatin1Char(' ') + hint->upgradeNotes;
    } else {
        title = QStringLiteral("Enable %1 on the server").arg(context.methodName());
        detail = QStringLiteral(
            "The server (%1) does not handle %2 here. Add a handler or route for it, enable the module "
            "that provides it (WebDAV for PROPFIND, MKCOL…), or upgrade to a version that supports it.")
                     .arg(context.classification.server.isEmpty() ? QStringLiteral("unidentified")
                                                                  : context.classification.server,
                         context.methodName());
    }
    context.suggest(QStringLiteral("upgrade-or-enable"), title, detail);
}

// With an explicit or environment proxy, the same request without it is the suggestion to try.
void suggestBypassProxy(Context &context)
{
    const Classification &classification = context.classification;
    const ServerHint *hint = classification.proxyHint ? classification.proxyHint : classification.serverHint;
    QString detail = QStringLiteral("Send the request to the origin directly to confirm it supports %1, then let the "
                                    "proxy pass the method through.")
                         .arg(context.methodName());
    if (hint)
        detail += QLatin1Char(' ') + hint->enableMethod.join(QLatin1Char(' '));
    Suggestion &suggestion = context.suggest(QStringLiteral("bypass-or-fix-proxy"),
        QStringLiteral("Bypass or reconfigure %1").arg(proxyName(classification, QStringLiteral("the proxy"))), detail);
    if (!context.spec.options.proxy.isEmpty() || context.exchange.request.proxy.size() > 0) {
        RequestSpec direct = context.spec;
        direct.options.proxy.clear();
        direct.options.useEnvironmentProxy = false;
        suggestion.request = direct;
        suggestion.needsConsent = !Diagnoser::isSafeMethod(context.method);
    }
}

// Advice for whoever runs the server, not the client: 501 hygiene and the missing Allow.
void suggestServerSide(Context &context)
{
    const Diagnosis &diagnosis = context.diagnosis;
    if (diagnosis.classification.verdict == Verdict::NotImplemented && context.classification.answeredBy != Party::Proxy
        && (diagnosis.scope == Scope::Resource || diagnosis.finding(QStringLiteral("not-implemented-cacheable")))) {
        const QString stub = diagnosis.scope == Scope::Resource
            ? QStringLiteral("A 501 means the server does not implement the method for any resource, yet "
                             "other paths here treat it differently. For one unfinished route, answer 405 "
                             "with Allow (or 404 behind a feature flag). ")
            : QString();
        context.suggest(QStringLiteral("server-side-501-hygiene"),
            QStringLiteral("For the server's authors: no cacheable 501s"),
            stub
                + QStringLiteral("Send Cache-Control: no-store with the 501 so caches do not keep the refusal "
                                 "after the method is implemented."));
    }
    if (diagnosis.finding(QStringLiteral("allow-missing"))) {
        context.suggest(QStringLiteral("add-allow-header"),
            QStringLiteral("For the server's authors: send Allow with every 405"),
            QStringLiteral("List the methods the resource supports, e.g. Allow: GET, HEAD, OPTIONS."));
    }
}

// 411 and 401/407 are not about the method at all: what the server wants first.
void suggestPrerequisites(Context &context)
{
    const Verdict verdict = context.diagnosis.classification.verdict;
    if (verdict == Verdict::LengthRequired) {
        Suggestion &suggestion
            = context.suggest(QStringLiteral("send-content-length"), QStringLiteral("Send a body or Content-Length: 0"),
                QStringLiteral("The server wants to know the body size before it reads the request (411). "
                               "Send the body, or an empty one with Content-Length: 0."));
        RequestSpec withLength = context.spec;
        withLength.hasBody = true;
        suggestion.request = withLength;
        suggestion.needsConsent = !Diagnoser::isSafeMethod(context.method);
    }
    if (verdict == Verdict::AuthRequired) {
        const QByteArray challenge = context.status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
        context.suggest(QStringLiteral("add-credentials"), QStringLiteral("Authenticate first"),
            QStringLiteral("The server wants credentials (%1) before it says anything about %2.")
                .arg(
                    escapeBytes(headerValue(context.exchange.response.head.headers, challenge)), context.methodName()));
    }
}

// The order of the suggestions is the order a person should try them in.
void suggestions(Context &context)
{
    const Verdict verdict = context.diagnosis.classification.verdict;
    const bool proxyAnswered = context.classification.answeredBy == Party::Proxy;
    const bool refusedMethod = refusesTheMethod(verdict)
        || (verdict == Verdict::BadRequest && context.diagnosis.finding(QStringLiteral("method-case")))
        || (verdict == Verdict::ProxyError && proxyAnswered);
    suggestAllowedMethod(context);
    if (refusedMethod && !context.check(QStringLiteral("options")) && context.method != "OPTIONS") {
        Suggestion &suggestion
            = context.suggest(QStringLiteral("send-options"), QStringLiteral("Ask the server with OPTIONS"),
                QStringLiteral("OPTIONS on the URL should list the methods the resource supports in Allow."));
        suggestion.request = context.withMethod("OPTIONS");
    }
    if (refusedMethod && context.method != "POST" && context.method != "GET" && context.method != "HEAD")
        suggestOverride(context);
    if (refusesTheMethod(verdict) && !proxyAnswered)
        suggestEnable(context);
    if (proxyAnswered)
        suggestBypassProxy(context);
    suggestServerSide(context);
    suggestPrerequisites(context);
}

// --try-override sent a plain POST and one POST per variant: a variant is honoured when its answer
// differs from the plain POST's and gets through.
void verifyOverride(const Context &context, Suggestion &suggestion)
{
    const Check *plain = context.check(QStringLiteral("plain-post"));
    if (!plain) {
        suggestion.verification
            = QStringLiteral("not tried: it sends POST requests; use --try-override to try every variant");
        return;
    }
    const QString prefix = QStringLiteral("override:");
    QStringList honoured, refused, same;
    for (const Check &check : context.diagnosis.checks) {
        if (!check.id.startsWith(prefix))
            continue;
        const QString variant = check.id.mid(prefix.size());
        if (sameAnswer(check.exchange, plain->exchange))
            same << variant;
        else if (!isRefusal(check.exchange))
            honoured << variant;
        else
            refused << variant;
    }
    if (!honoured.isEmpty()) {
        suggestion.verified = true;
        suggestion.verification = QStringLiteral("honoured: %1 made the POST act differently from a plain POST and "
                                                 "succeed")
                                      .arg(honoured.join(QLatin1String(", ")));
        suggestion.title = QStringLiteral("Retry as POST with %1: %2").arg(honoured.first(), context.methodName());
        const QByteArray defaultHeader = Diagnoser::overrideHeaders().constFirst();
        if (honoured.first() != Knowledge::instance().diagnosis().overrideFormField && suggestion.request) {
            suggestion.request->headers.removeIf(
                [&defaultHeader](const Header &header) { return headerNameEquals(header.name, defaultHeader); });
            suggestion.request->headers.append({ honoured.first().toLatin1(), context.method });
        }
    } else if (!refused.isEmpty()) {
        suggestion.verified = false;
        suggestion.verification
            = QStringLiteral("not honoured: %1 got a refusal").arg(refused.join(QLatin1String(", ")));
    } else {
        suggestion.verification = QStringLiteral("inconclusive: every variant was answered exactly like a plain POST");
    }
}

// A suggestion ActiveChecks tried (check "verify:<id>"): did its answer get through?
void verifySuggestion(const Context &context, Suggestion &suggestion)
{
    const Check *tried = context.check(QStringLiteral("verify:") + suggestion.id);
    if (!tried) {
        if (suggestion.request && suggestion.needsConsent)
            suggestion.verification = QStringLiteral("not tried: %1 could change the server; run the command to try it")
                                          .arg(methodText(suggestion.request->method));
        else if (suggestion.request)
            suggestion.verification = QStringLiteral("not tried (passive mode)");
        return;
    }
    const Exchange &answer = tried->exchange;
    if (suggestion.id == QLatin1String("send-options")) {
        suggestion.verified = answer.response.received && answer.response.head.status < 300
            && hasHeader(answer.response.head.headers, "Allow");
    } else if (suggestion.id == QLatin1String("bypass-or-fix-proxy")) {
        suggestion.verified = Classifier::classify(answer).answeredBy != Party::Proxy && !isRefusal(answer);
    } else {
        suggestion.verified = answer.response.received && !isRefusal(answer) && answer.response.head.status != 411;
    }
    suggestion.verification = QStringLiteral("%1 → %2").arg(methodText(tried->request.method), statusText(answer));
}

void verification(Context &context)
{
    for (Suggestion &suggestion : context.diagnosis.suggestions) {
        if (suggestion.id == QLatin1String("method-override"))
            verifyOverride(context, suggestion);
        else
            verifySuggestion(context, suggestion);
    }
}

// An answer the Qt transport could not frame: no rule reads it, and the wire transport, which would
// show the bytes, is offered. Never used unasked: that would send the request a second time.
bool untrustedAnswer(Context &context)
{
    const QString reason = QtFraming::untrustedReason(context.exchange);
    if (reason.isEmpty())
        return false;
    Diagnosis &diagnosis = context.diagnosis;
    diagnosis.classification.verdict = Verdict::Inconclusive;
    const ResponseHead &head = context.exchange.response.head;
    context.report(QStringLiteral("qt-unframed"), QStringLiteral("The Qt transport could not frame the answer"),
        QStringLiteral("The Qt transport could not frame this answer: %1. What it shows (status %2, headers, body) is "
                       "Qt's reading of a response it cannot frame, so nothing is concluded about %3 from it. The "
                       "wire transport reads the bytes itself and names the problem.")
            .arg(reason)
            .arg(head.status)
            .arg(context.methodName()),
        { QStringLiteral("as Qt read it: %1 %2").arg(head.status).arg(escapeBytes(head.reason)) });
    Suggestion &resend
        = context.suggest(QStringLiteral("resend-over-wire"), QStringLiteral("Resend over the wire transport"),
            QStringLiteral("Send the same request again over the wire transport, which records the exact bytes of the "
                           "answer and says what is wrong with its framing."));
    RequestSpec wire = context.spec;
    wire.options.transport = TransportKind::Wire;
    wire.options.allowHttp2 = false; // the wire transport speaks HTTP/1.1 only
    resend.request = wire;
    resend.needsConsent = !Diagnoser::isSafeMethod(context.method);
    resend.verification = QStringLiteral("not tried: it sends the request a second time, so only when asked");
    diagnosis.summary = QStringLiteral("No conclusion about %1: the Qt transport could not frame the answer (%2). "
                                       "Resend it over the wire transport to see what the server sent.")
                            .arg(context.methodName(), reason);
    return true;
}

QString whoAnswered(const Classification &classification, const Exchange &exchange)
{
    if (classification.answeredBy == Party::Proxy)
        return proxyName(classification, QStringLiteral("a proxy"));
    if (classification.serverHint)
        return classification.serverHint->name;
    if (classification.proxyHint) // the names in the headers are the relay's
        return QStringLiteral("The server behind %1").arg(classification.proxyHint->name);
    if (!classification.server.isEmpty())
        return classification.server;
    if (classification.answeredBy == Party::Unknown)
        return QStringLiteral("The proxy or the server behind it");
    return QStringLiteral("The server at %1 (it did not name itself)").arg(Classifier::serverAddress(exchange));
}

// One sentence per verdict: what happened, in the words a person would use.
QString summarize(const Context &context)
{
    const Diagnosis &diagnosis = context.diagnosis;
    const QString who = whoAnswered(diagnosis.classification, context.exchange);
    const QString method = context.methodName();
    switch (diagnosis.classification.verdict) {
    case Verdict::Supported: return QStringLiteral("%1 accepted %2 (%3).").arg(who, method).arg(context.status);
    case Verdict::Ignored:
        return QStringLiteral("%1 answered %2 as if it were GET: the verb was ignored, not supported.")
            .arg(who, method);
    case Verdict::NotAllowed:
        return QStringLiteral("%1 knows %2 but this resource refuses it (405)%3.")
            .arg(who, method,
                diagnosis.scope == Scope::Server ? QStringLiteral("; it refuses it on other paths too") : QString());
    case Verdict::NotImplemented:
        return diagnosis.scope == Scope::Resource
            ? QStringLiteral(
                "%1 says it does not implement %2 (501), but only for this resource: a stub, really a 405.")
                  .arg(who, method)
            : QStringLiteral("%1 does not implement %2 at all (501).").arg(who, method);
    case Verdict::BadRequest:
        return QStringLiteral("%1 rejected the request as malformed (400)%2.")
            .arg(who,
                diagnosis.finding(QStringLiteral("method-case"))
                    ? QStringLiteral(", most likely for the lower-case verb")
                    : QString());
    case Verdict::Forbidden:
        return QStringLiteral("%1 forbids this request (403): an access rule, not a statement about %2.")
            .arg(who, method);
    case Verdict::NotFound:
        return QStringLiteral("%1 did not find the resource (404); the method was probably never looked at.").arg(who);
    case Verdict::AuthRequired: return QStringLiteral("%1 wants credentials first (%2).").arg(who).arg(context.status);
    case Verdict::LengthRequired:
        return QStringLiteral("%1 needs a Content-Length before it reads %2 (411).").arg(who, method);
    case Verdict::ProxyError:
        return QStringLiteral("%1 failed to get an answer from the server behind it (%2).")
            .arg(who)
            .arg(context.status);
    case Verdict::ServerError:
        return QStringLiteral("%1 failed while handling %2 (%3): a server error, not method support.")
            .arg(who, method)
            .arg(context.status);
    case Verdict::TransportError: return QStringLiteral("No HTTP answer: %1.").arg(context.exchange.error.message);
    case Verdict::Inconclusive: return diagnosis.summary; // written by untrustedAnswer()
    case Verdict::Other: break;
    }
    return QStringLiteral("%1 answered %2 with %3.").arg(who, method).arg(context.status);
}
} // namespace

const QList<QByteArray> &Diagnoser::overrideHeaders()
{
    return Knowledge::instance().diagnosis().overrideHeaders;
}

bool Diagnoser::isSafeMethod(const QByteArray &method)
{
    const MethodLookup lookup = Knowledge::instance().method(method);
    return lookup.info && !lookup.caseInsensitive && lookup.info->safe.value_or(false);
}

// Registered methods only, within one typo for short names and two for longer ones; on a tie the
// everyday methods win ("PUTT" → PUT, not a WebDAV verb).
QByteArray Diagnoser::correctedMethod(const QByteArray &method, bool *caseOnly)
{
    if (caseOnly)
        *caseOnly = false;
    const Knowledge &knowledge = Knowledge::instance();
    const MethodLookup exact = knowledge.method(method);
    if (exact.info && !exact.caseInsensitive)
        return {};
    if (exact.info && exact.caseInsensitive) {
        if (caseOnly)
            *caseOnly = true;
        return exact.info->name;
    }
    const QByteArray upper = method.toUpper();
    if (upper.size() < 3)
        return {};
    const QList<QByteArray> &common = knowledge.diagnosis().commonMethods;
    QByteArray best;
    int bestDistance = 3;
    for (const MethodInfo &info : knowledge.methods()) {
        if (!info.registered)
            continue;
        const int distance = editDistance(QString::fromLatin1(upper), QString::fromLatin1(info.name));
        const int limit = info.name.size() <= 4 ? 1 : 2;
        if (distance > limit)
            continue;
        if (distance < bestDistance
            || (distance == bestDistance && common.contains(info.name) && !common.contains(best))) {
            best = info.name;
            bestDistance = distance;
        }
    }
    return best;
}

// diagnosis.json's methodAlternatives first; otherwise the first listed method that does real work.
QByteArray Diagnoser::bestAlternative(const QByteArray &method, const QList<QByteArray> &allow)
{
    const DiagnosisRules &rules = Knowledge::instance().diagnosis();
    const QByteArray upper = method.toUpper();
    for (const MethodAlternatives &entry : rules.methodAlternatives) {
        if (entry.method != upper)
            continue;
        for (const QByteArray &preferred : entry.prefer)
            if (allow.contains(preferred))
                return preferred;
    }
    for (const QByteArray &allowed : allow)
        if (!rules.neverAlternatives.contains(allowed) && allowed != method)
            return allowed;
    return {};
}

// The rules run in a fixed order: later ones read the verdict, scope and findings earlier ones set.
Diagnosis Diagnoser::diagnose(const RequestSpec &spec, const Exchange &exchange, const QList<Check> &checks)
{
    Diagnosis diagnosis;
    diagnosis.request = spec;
    diagnosis.exchange = exchange;
    diagnosis.checks = checks;
    diagnosis.classification = Classifier::classify(exchange);
    // After followed redirects the final hop's method is what the answer is about (303 → GET).
    const QByteArray method
        = exchange.response.received && !exchange.request.method.isEmpty() ? exchange.request.method : spec.method;
    Context context { spec, exchange, diagnosis, diagnosis.classification, method, exchange.response.head.status };

    if (const QString problem = checkMethod(spec.method); !problem.isEmpty()) {
        diagnosis.classification.verdict = Verdict::TransportError;
        context.report(QStringLiteral("method-invalid-token"), QStringLiteral("The method is not a valid token"),
            problem + QStringLiteral(". It cannot be sent: no conforming server could parse it."));
        methodNameFindings(context);
        diagnosis.summary = QStringLiteral("\"%1\" cannot be sent as a method.").arg(escapeBytes(spec.method));
        return diagnosis;
    }
    if (!exchange.response.received) {
        diagnosis.summary = summarize(context);
        return diagnosis;
    }
    if (untrustedAnswer(context))
        return diagnosis;
    attributeByDirect(context);
    ignoredFrom(context);
    scopeFrom(context);
    methodNameFindings(context);
    allowFindings(context);
    notImplementedFindings(context);
    lookalikeFindings(context);
    reasonFindings(context);
    proxyRewriteFinding(context);
    relayedPageFinding(context);
    forbiddenBytesFinding(context);
    suggestions(context);
    verification(context);
    diagnosis.summary = summarize(context);
    return diagnosis;
}

} // namespace verbscope::diagnosis
