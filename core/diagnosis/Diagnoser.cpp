// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Diagnoser.h"

#include "core/diagnosis/Knowledge.h"
#include "core/http/ExchangeJson.h"
#include "core/http/HttpSyntax.h"

#include <QCryptographicHash>
#include <QUrl>

namespace verbscope::diagnosis {

using namespace verbscope::http;

const Finding *Diagnosis::finding(const QString &id) const
{
    for (const Finding &f : findings)
        if (f.id == id)
            return &f;
    return nullptr;
}

const Suggestion *Diagnosis::suggestion(const QString &id) const
{
    for (const Suggestion &s : suggestions)
        if (s.id == id)
            return &s;
    return nullptr;
}

const Check *Diagnosis::check(const QString &id) const
{
    for (const Check &c : checks)
        if (c.id == id)
            return &c;
    return nullptr;
}

namespace {

QString m(const QByteArray &method)
{
    return QString::fromLatin1(method);
}

QString joinMethods(const QList<QByteArray> &methods)
{
    QStringList out;
    for (const QByteArray &x : methods)
        out << m(x);
    return out.join(QLatin1String(", "));
}

QByteArray bodyDigest(const Exchange &ex)
{
    return QCryptographicHash::hash(ex.response.body, QCryptographicHash::Sha256);
}

// Two answers that look the same to a client: status, type and body.
bool sameAnswer(const Exchange &a, const Exchange &b)
{
    return a.response.received && b.response.received && a.response.head.status == b.response.head.status
        && headerValue(a.response.head.headers, "Content-Type") == headerValue(b.response.head.headers, "Content-Type")
        && bodyDigest(a) == bodyDigest(b);
}

QString statusText(const Exchange &ex)
{
    if (!ex.response.received)
        return QStringLiteral("no answer (%1)").arg(errorKindName(ex.error.kind));
    QString s = QStringLiteral("%1 %2").arg(ex.response.head.status).arg(headerText(ex.response.head.reason));
    const QByteArray allow = headerValue(ex.response.head.headers, "Allow");
    if (hasHeader(ex.response.head.headers, "Allow"))
        s += QStringLiteral(", Allow: %1").arg(headerText(allow));
    return s;
}

QString checkEvidence(const Check &c)
{
    return QStringLiteral("check %1 %2 → %3").arg(m(c.request.method), c.request.url, statusText(c.exchange));
}

bool isRefusal(const Exchange &ex)
{
    const int s = ex.response.head.status;
    return !ex.response.received || s == 400 || s == 403 || s == 404 || s == 405 || s == 501 || s >= 500;
}

struct Context {
    const RequestSpec &spec;
    const Exchange &ex;
    const QList<Check> &checks;
    Diagnosis &d;
    const Classification &c;
    QByteArray method;
    int status = 0;

    const Check *check(const QString &id) const
    {
        for (const Check &x : checks)
            if (x.id == id)
                return &x;
        return nullptr;
    }
    void find(const QString &id, const QString &severity, const QString &title, const QString &detail,
        const QStringList &evidence = {})
    {
        d.findings.append({ id, severity, title, detail, evidence });
    }
    Suggestion &suggest(const QString &id, const QString &title, const QString &detail)
    {
        d.suggestions.append({ id, title, detail, std::nullopt, std::nullopt, QString(), false });
        return d.suggestions.last();
    }
    RequestSpec withMethod(const QByteArray &newMethod) const
    {
        RequestSpec s = spec;
        s.method = newMethod;
        if (newMethod == "GET" || newMethod == "HEAD" || newMethod == "OPTIONS") {
            s.body.clear();
            s.bodyFile.clear();
            s.hasBody = false;
        }
        return s;
    }
    const ServerHint *answeringHint() const { return c.serverHint; }
};

void scopeFrom(Context &x)
{
    const Check *random = x.check(QStringLiteral("random-path"));
    Scope scope = Scope::Unknown;
    if (random && random->exchange.response.received) {
        const int rs = random->exchange.response.head.status;
        if (rs == x.status && (x.status == 501 || x.status == 405 || x.status == 400 || x.status == 403))
            scope = Scope::Server;
        else if (rs != x.status && (x.status == 501 || x.status == 405 || x.status == 403 || x.status == 400))
            scope = Scope::Resource;
    } else if (x.status == 405) {
        scope = Scope::Resource; // by definition (RFC 9110 §15.5.6)
    } else if (x.status == 501) {
        scope = Scope::Server; // by definition (RFC 9110 §15.6.2), not checked
    }
    x.d.scope = scope;
}

void ignoredFrom(Context &x)
{
    const Check *get = x.check(QStringLiteral("get"));
    if (!get || x.c.verdict != Verdict::Supported || x.method == "GET" || x.method == "HEAD")
        return;
    if (!sameAnswer(x.ex, get->exchange))
        return;
    x.d.classification.verdict = Verdict::Ignored;
    const MethodLookup known = Knowledge::instance().method(x.method);
    x.find(QStringLiteral("method-ignored"), QStringLiteral("warning"),
        QStringLiteral("%1 was answered exactly like GET").arg(m(x.method)),
        QStringLiteral("The server returned %1 with the same body as a GET to the same URL. It most likely never "
                       "looked at the method%2: nothing was %3. A server that does not implement a method should "
                       "answer 501, or 405 with Allow.")
            .arg(x.status)
            .arg(known.info && known.info->registered
                    ? QString()
                    : QStringLiteral(" (%1 is not a registered method)").arg(m(x.method)))
            .arg(x.method == "POST" || x.method == "PUT" || x.method == "PATCH" || x.method == "DELETE"
                    ? QStringLiteral("changed")
                    : QStringLiteral("done")),
        { checkEvidence(*get) });
}

void allowFindings(Context &x)
{
    if (x.status != 405)
        return;
    const Check *options = x.check(QStringLiteral("options"));
    if (x.c.allowState == AllowState::Absent) {
        x.find(QStringLiteral("allow-missing"), QStringLiteral("error"), QStringLiteral("405 without an Allow header"),
            QStringLiteral("RFC 9110 §15.5.6: a server MUST send Allow with 405, listing what the resource supports. "
                           "Without it a client cannot tell which method to use.%1")
                .arg(x.c.serverHint && x.c.serverHint->id == QLatin1String("nginx")
                        ? QStringLiteral(" nginx never adds Allow to its own 405.")
                        : QString()),
            { QStringLiteral("no Allow header in the 405") });
    } else if (x.c.allowState == AllowState::Empty) {
        x.find(QStringLiteral("allow-empty"), QStringLiteral("warning"),
            QStringLiteral("405 with an empty Allow header"),
            QStringLiteral("An empty Allow means the resource allows no method at all (RFC 9110 §10.2.1). That is "
                           "legal but rarely meant: usually the list was not filled in."),
            { QStringLiteral("Allow: (empty)") });
    }
    if (x.c.allow.contains(x.method)) {
        x.find(QStringLiteral("allow-lists-method"), QStringLiteral("error"),
            QStringLiteral("Allow lists %1, yet %1 was refused").arg(m(x.method)),
            QStringLiteral("The 405 says the method is not allowed while its own Allow header includes it. Something "
                           "between the client and the handler (a proxy, a firewall rule, a router) refused it, or the "
                           "Allow list is generated from a different configuration than the one that answers."),
            { QStringLiteral("Allow: %1").arg(joinMethods(x.c.allow)) });
    }
    if (options && options->exchange.response.received && hasHeader(options->exchange.response.head.headers, "Allow")
        && x.c.allowState != AllowState::Absent) {
        const QList<QByteArray> optionsAllow
            = parseAllow(headerValue(options->exchange.response.head.headers, "Allow"));
        QList<QByteArray> a = x.c.allow, b = optionsAllow;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        if (a != b) {
            x.find(QStringLiteral("allow-inconsistent"), QStringLiteral("warning"),
                QStringLiteral("Allow on the 405 disagrees with OPTIONS"),
                QStringLiteral("The 405 lists %1 but OPTIONS on the same URL lists %2. One of them is wrong; clients "
                               "and tools that trust either will pick a method the server refuses.")
                    .arg(joinMethods(x.c.allow), joinMethods(optionsAllow)),
                { QStringLiteral("405 Allow: %1").arg(joinMethods(x.c.allow)), checkEvidence(*options) });
        }
    }
}

void methodNameFindings(Context &x)
{
    bool caseOnly = false;
    const QByteArray corrected = Diagnoser::correctedMethod(x.method, &caseOnly);
    if (corrected.isEmpty())
        return;
    const bool refused = x.status == 400 || x.status == 405 || x.status == 501 || x.status == 404;
    if (caseOnly) {
        x.find(QStringLiteral("method-case"), refused ? QStringLiteral("warning") : QStringLiteral("info"),
            QStringLiteral("\"%1\" is not \"%2\": methods are case-sensitive").arg(m(x.method), m(corrected)),
            QStringLiteral("RFC 9110 §9.1: method names are case-sensitive and the registered ones are upper case. "
                           "Servers answer a lower-case verb with 400 (nginx, Node), 501 (Apache, Python), or treat "
                           "it as the upper-case one; none of that is portable."),
            { QStringLiteral("request line: %1 …").arg(m(x.method)) });
    } else {
        x.find(QStringLiteral("method-typo"), refused ? QStringLiteral("warning") : QStringLiteral("info"),
            QStringLiteral("\"%1\" looks like a typo for %2").arg(m(x.method), m(corrected)),
            QStringLiteral("%1 is not a registered method and differs from %2 by one or two letters.")
                .arg(m(x.method), m(corrected)),
            { QStringLiteral("request line: %1 …").arg(m(x.method)) });
    }
    Suggestion &s = x.suggest(QStringLiteral("fix-method-name"),
        QStringLiteral("Send %1 instead of %2").arg(m(corrected), m(x.method)),
        QStringLiteral("Correct the verb in the client code or the collection."));
    s.request = x.withMethod(corrected);
    s.needsConsent = !Diagnoser::isSafeMethod(corrected);
}

void notImplementedFindings(Context &x)
{
    if (x.status != 501)
        return;
    if (x.method == "GET" || x.method == "HEAD") {
        x.find(QStringLiteral("get-head-not-implemented"), QStringLiteral("error"),
            QStringLiteral("501 to %1").arg(m(x.method)),
            QStringLiteral("RFC 9110 §9.1: all general-purpose servers MUST support GET and HEAD. A 501 here means a "
                           "broken handler, a stub, or a proxy that mangled the request."));
    }
    const bool noCacheHeaders
        = !hasHeader(x.ex.response.head.headers, "Cache-Control") && !hasHeader(x.ex.response.head.headers, "Expires");
    if (noCacheHeaders) {
        x.find(QStringLiteral("not-implemented-cacheable"), QStringLiteral("warning"),
            QStringLiteral("This 501 can be cached"),
            QStringLiteral(
                "501 is heuristically cacheable (RFC 9110 §15.1) and this one has no Cache-Control or Expires, "
                "so a CDN or proxy may keep serving it after the method is implemented."),
            { QStringLiteral("no Cache-Control, no Expires") });
    }
}

void lookalikeFindings(Context &x)
{
    const Check *get = x.check(QStringLiteral("get"));
    const bool getWorks = get && get->exchange.response.received && get->exchange.response.head.status < 400;
    if (x.status == 404) {
        x.find(QStringLiteral("checked-before-routing"), QStringLiteral("info"),
            QStringLiteral("404 says nothing about %1").arg(m(x.method)),
            getWorks
                ? QStringLiteral("GET on the same URL works, so the resource exists: the router has no route for "
                                 "%1 here and answers 404 instead of 405 (common in Express, Rails and other routers).")
                      .arg(m(x.method))
                : QStringLiteral("The server looked the resource up before the method: it does not exist, or is not "
                                 "visible to this request. Check the URL first; the method may be fine."),
            get ? QStringList { checkEvidence(*get) } : QStringList {});
    }
    if (x.status == 403) {
        x.find(QStringLiteral("forbidden-not-method"), QStringLiteral("info"),
            QStringLiteral("403 is an access rule, not method support"),
            getWorks ? QStringLiteral(
                "GET on the same URL is allowed, so a rule denies %1 specifically (nginx limit_except, "
                "Apache Require/Limit, a WAF or CDN rule). Whether the handler supports %1 is unknown.")
                           .arg(m(x.method))
                     : QStringLiteral(
                         "The server refuses this request for who or where it comes from (permissions, IP, a WAF). "
                         "It says nothing about whether %1 is supported.")
                           .arg(m(x.method)),
            get ? QStringList { checkEvidence(*get) } : QStringList {});
    }
    if (x.c.answeredBy == Party::Proxy) {
        QString detail = QStringLiteral("The answer was made by %1, not by the origin server.")
                             .arg(x.c.proxy.isEmpty() ? QStringLiteral("a proxy") : x.c.proxy);
        const Check *options = x.check(QStringLiteral("options"));
        if (options && options->exchange.response.received) {
            const QList<QByteArray> allow = parseAllow(headerValue(options->exchange.response.head.headers, "Allow"));
            if (allow.contains(x.method))
                detail += QStringLiteral(
                    " OPTIONS through the same path lists %1 in Allow: the server behind it supports the "
                    "method and the proxy is what refuses it.")
                              .arg(m(x.method));
        }
        x.find(QStringLiteral("proxy-answered"), QStringLiteral("warning"),
            QStringLiteral("%1 answered, not the origin")
                .arg(x.c.proxy.isEmpty() ? QStringLiteral("A proxy") : x.c.proxy),
            detail, x.c.evidence);
    }
}

void reasonFindings(Context &x)
{
    const StatusInfo *info = Knowledge::instance().status(x.status);
    if (!info || !x.ex.response.received)
        return;
    const QString reason = headerText(x.ex.response.head.reason);
    if (reason.isEmpty() || reason.compare(info->title, Qt::CaseInsensitive) == 0
        || info->aliases.contains(reason, Qt::CaseInsensitive))
        return;
    QString detail
        = QStringLiteral("The registered phrase for %1 is \"%2\"; this server sent \"%3\". Reason phrases are "
                         "informational (clients must not rely on them) but they identify who answered.")
              .arg(x.status)
              .arg(info->title, reason);
    if (reason.contains(m(x.method)))
        detail += QStringLiteral(" It names the method, as Python's http.server does (\"Unsupported method ('%1')\").")
                      .arg(m(x.method));
    if (reason == QLatin1String("Not Allowed"))
        detail += QStringLiteral(" \"Not Allowed\" is nginx's own phrase.");
    x.find(QStringLiteral("reason-nonstandard"), QStringLiteral("info"),
        QStringLiteral("Non-standard reason phrase \"%1\"").arg(reason), detail,
        { QStringLiteral("status line: %1 %2").arg(x.status).arg(reason) });
    // A known origin that always uses its own phrase, seen with another one behind a proxy:
    // the proxy rewrote it (squid turns nginx's "Not Allowed" into "Method Not Allowed").
}

void proxyRewriteFinding(Context &x)
{
    const ServerHint *origin = x.c.answeredBy == Party::Origin ? x.c.serverHint : nullptr;
    if (!origin || x.c.via.isEmpty() || !origin->unknownMethodStatus || *origin->unknownMethodStatus != x.status)
        return;
    // Only the usual rewrite is recognised: the origin's own phrase replaced by the registered one.
    const QString expected = origin->unknownMethodReason;
    const QString got = headerText(x.ex.response.head.reason);
    const StatusInfo *info = Knowledge::instance().status(x.status);
    if (expected.isEmpty() || got == expected || !info || got.compare(info->title, Qt::CaseInsensitive) != 0)
        return;
    x.find(QStringLiteral("reason-rewritten"), QStringLiteral("info"),
        QStringLiteral("A proxy rewrote the reason phrase"),
        QStringLiteral("%1 answers %2 with \"%3\", but \"%4\" arrived through %5: the proxy replaced the status line.")
            .arg(origin->name)
            .arg(x.status)
            .arg(expected, got, x.c.via.join(QLatin1String(", "))),
        { QStringLiteral("Via: %1").arg(x.c.via.join(QLatin1String(", "))) });
}

void suggestions(Context &x)
{
    const Verdict v = x.d.classification.verdict;
    const bool refusedMethod = v == Verdict::NotAllowed || v == Verdict::NotImplemented
        || (v == Verdict::BadRequest && x.d.finding(QStringLiteral("method-case")))
        || (v == Verdict::ProxyError && x.c.answeredBy == Party::Proxy);
    // Allowed methods from the 405 or, failing that, from OPTIONS.
    QList<QByteArray> allow = x.c.allow;
    const Check *options = x.check(QStringLiteral("options"));
    if (allow.isEmpty() && options && options->exchange.response.received)
        allow = parseAllow(headerValue(options->exchange.response.head.headers, "Allow"));
    if ((v == Verdict::NotAllowed || v == Verdict::NotImplemented) && !allow.isEmpty() && !allow.contains(x.method)) {
        const QByteArray alt = Diagnoser::bestAlternative(x.method, allow);
        if (!alt.isEmpty()) {
            Suggestion &s = x.suggest(QStringLiteral("use-allowed-method"),
                QStringLiteral("Use %1 (listed in Allow)").arg(m(alt)),
                QStringLiteral("The resource accepts %1. If %2 does what you need here, send that instead.")
                    .arg(joinMethods(allow), m(alt)));
            s.request = x.withMethod(alt);
            s.needsConsent = !Diagnoser::isSafeMethod(alt);
        }
    }
    if (refusedMethod && !options && x.method != "OPTIONS") {
        Suggestion &s = x.suggest(QStringLiteral("send-options"), QStringLiteral("Ask the server with OPTIONS"),
            QStringLiteral("OPTIONS on the URL should list the methods the resource supports in Allow."));
        s.request = x.withMethod("OPTIONS");
    }
    if (refusedMethod && x.method != "POST" && x.method != "GET" && x.method != "HEAD") {
        const ServerHint *hint = x.c.serverHint;
        QString detail
            = QStringLiteral("Some frameworks and gateways let a POST carry the real method in X-HTTP-Method-Override, "
                             "X-HTTP-Method or X-Method-Override, or in a _method form field. It only helps if the "
                             "application honours it; VerbScope can try each variant and compare with a plain POST "
                             "(this sends POSTs to the URL, so it asks first).");
        if (hint && !hint->overrides.isEmpty())
            detail += QStringLiteral(" %1: %2").arg(hint->name, hint->overrides.join(QLatin1Char(' ')));
        Suggestion &s = x.suggest(QStringLiteral("method-override"),
            QStringLiteral("Retry as POST with X-HTTP-Method-Override: %1").arg(m(x.method)), detail);
        RequestSpec post = x.withMethod("POST");
        post.headers.append({ "X-HTTP-Method-Override", x.method });
        s.request = post;
        s.needsConsent = true;
    }
    if ((v == Verdict::NotAllowed || v == Verdict::NotImplemented) && x.c.answeredBy != Party::Proxy) {
        const ServerHint *hint = x.c.serverHint;
        QString detail;
        QString title;
        if (hint) {
            title = QStringLiteral("Enable %1 on %2").arg(m(x.method), hint->name);
            detail = hint->enableMethod.join(QLatin1Char(' '));
            if (!hint->upgradeNotes.isEmpty())
                detail += QLatin1Char(' ') + hint->upgradeNotes;
        } else {
            title = QStringLiteral("Enable %1 on the server").arg(m(x.method));
            detail = QStringLiteral(
                "The server (%1) does not handle %2 here. Add a handler or route for it, enable the module "
                "that provides it (WebDAV for PROPFIND, MKCOL…), or upgrade to a version that supports it.")
                         .arg(x.c.server.isEmpty() ? QStringLiteral("unidentified") : x.c.server, m(x.method));
        }
        x.suggest(QStringLiteral("upgrade-or-enable"), title, detail);
    }
    if (x.c.answeredBy == Party::Proxy) {
        const ServerHint *hint = x.c.proxyHint ? x.c.proxyHint : x.c.serverHint;
        QString detail
            = QStringLiteral("Send the request to the origin directly to confirm it supports %1, then let the proxy "
                             "pass the method through.")
                  .arg(m(x.method));
        if (hint)
            detail += QLatin1Char(' ') + hint->enableMethod.join(QLatin1Char(' '));
        Suggestion &s = x.suggest(QStringLiteral("bypass-or-fix-proxy"),
            QStringLiteral("Bypass or reconfigure %1")
                .arg(x.c.proxy.isEmpty() ? QStringLiteral("the proxy") : x.c.proxy),
            detail);
        if (!x.spec.options.proxy.isEmpty() || x.ex.request.proxy.size() > 0) {
            RequestSpec direct = x.spec;
            direct.options.proxy.clear();
            direct.options.useEnvironmentProxy = false;
            s.request = direct;
            s.needsConsent = !Diagnoser::isSafeMethod(x.method);
        }
    }
    if (v == Verdict::NotImplemented && x.c.answeredBy != Party::Proxy
        && (x.d.scope == Scope::Resource || x.d.finding(QStringLiteral("not-implemented-cacheable")))) {
        const QString stub = x.d.scope == Scope::Resource
            ? QStringLiteral("A 501 means the server does not implement the method for any resource, yet "
                             "other paths here treat it differently. For one unfinished route, answer 405 "
                             "with Allow (or 404 behind a feature flag). ")
            : QString();
        x.suggest(QStringLiteral("server-side-501-hygiene"),
            QStringLiteral("For the server's authors: no cacheable 501s"),
            stub
                + QStringLiteral("Send Cache-Control: no-store with the 501 so caches do not keep the refusal "
                                 "after the method is implemented."));
    }
    if (x.d.finding(QStringLiteral("allow-missing"))) {
        x.suggest(QStringLiteral("add-allow-header"),
            QStringLiteral("For the server's authors: send Allow with every 405"),
            QStringLiteral("List the methods the resource supports, e.g. Allow: GET, HEAD, OPTIONS."));
    }
    if (v == Verdict::LengthRequired) {
        Suggestion &s
            = x.suggest(QStringLiteral("send-content-length"), QStringLiteral("Send a body or Content-Length: 0"),
                QStringLiteral("The server wants to know the body size before it reads the request (411). "
                               "Send the body, or an empty one with Content-Length: 0."));
        RequestSpec withLength = x.spec;
        withLength.hasBody = true;
        s.request = withLength;
        s.needsConsent = !Diagnoser::isSafeMethod(x.method);
    }
    if (v == Verdict::AuthRequired) {
        x.suggest(QStringLiteral("add-credentials"), QStringLiteral("Authenticate first"),
            QStringLiteral("The server wants credentials (%1) before it says anything about %2.")
                .arg(headerText(headerValue(
                         x.ex.response.head.headers, x.status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate")),
                    m(x.method)));
    }
}

void verification(Context &x)
{
    for (Suggestion &s : x.d.suggestions) {
        if (s.id == QLatin1String("method-override")) {
            const Check *plain = x.check(QStringLiteral("plain-post"));
            if (!plain) {
                s.verification
                    = QStringLiteral("not tried: it sends POST requests; use --try-override to try every variant");
                continue;
            }
            QStringList honoured, refused, same;
            for (const Check &c : x.checks) {
                if (!c.id.startsWith(QLatin1String("override:")))
                    continue;
                const QString variant = c.id.mid(9);
                if (sameAnswer(c.exchange, plain->exchange))
                    same << variant;
                else if (!isRefusal(c.exchange))
                    honoured << variant;
                else
                    refused << variant;
            }
            if (!honoured.isEmpty()) {
                s.verified = true;
                s.verification
                    = QStringLiteral("honoured: %1 made the POST act differently from a plain POST and succeed")
                          .arg(honoured.join(QLatin1String(", ")));
                s.title = QStringLiteral("Retry as POST with %1: %2").arg(honoured.first(), m(x.method));
                if (honoured.first() != QLatin1String("_method") && s.request) {
                    s.request->headers.removeIf(
                        [](const Header &h) { return headerNameEquals(h.name, "X-HTTP-Method-Override"); });
                    s.request->headers.append({ honoured.first().toLatin1(), x.method });
                }
            } else if (!refused.isEmpty()) {
                s.verified = false;
                s.verification
                    = QStringLiteral("not honoured: %1 got a refusal").arg(refused.join(QLatin1String(", ")));
            } else {
                s.verification = QStringLiteral("inconclusive: every variant was answered exactly like a plain POST");
            }
            continue;
        }
        const Check *c = x.check(QStringLiteral("verify:") + s.id);
        if (!c) {
            if (s.request && s.needsConsent)
                s.verification = QStringLiteral("not tried: %1 could change the server; run the command to try it")
                                     .arg(m(s.request->method));
            else if (s.request)
                s.verification = QStringLiteral("not tried (passive mode)");
            continue;
        }
        const Exchange &e = c->exchange;
        if (s.id == QLatin1String("send-options")) {
            s.verified
                = e.response.received && e.response.head.status < 300 && hasHeader(e.response.head.headers, "Allow");
        } else if (s.id == QLatin1String("bypass-or-fix-proxy")) {
            const Classification cc = Classifier::classify(e);
            s.verified = cc.answeredBy != Party::Proxy && !isRefusal(e);
        } else {
            s.verified = e.response.received && !isRefusal(e) && e.response.head.status != 411;
        }
        s.verification = QStringLiteral("%1 → %2").arg(m(c->request.method), statusText(e));
    }
}

QString summarize(const Context &x)
{
    const Diagnosis &d = x.d;
    const QString who = d.classification.answeredBy == Party::Proxy
        ? (d.classification.proxy.isEmpty() ? QStringLiteral("a proxy") : d.classification.proxy)
        : (d.classification.serverHint
                ? d.classification.serverHint->name
                : (d.classification.server.isEmpty() ? QStringLiteral("the server") : d.classification.server));
    const QString meth = m(x.method);
    switch (d.classification.verdict) {
    case Verdict::Supported: return QStringLiteral("%1 accepted %2 (%3).").arg(who, meth).arg(x.status);
    case Verdict::Ignored:
        return QStringLiteral("%1 answered %2 as if it were GET: the verb was ignored, not supported.").arg(who, meth);
    case Verdict::NotAllowed:
        return QStringLiteral("%1 knows %2 but this resource refuses it (405)%3.")
            .arg(
                who, meth, d.scope == Scope::Server ? QStringLiteral("; it refuses it on other paths too") : QString());
    case Verdict::NotImplemented:
        return d.scope == Scope::Resource ? QStringLiteral(
                   "%1 says it does not implement %2 (501), but only for this resource: a stub, really a 405.")
                                                .arg(who, meth)
                                          : QStringLiteral("%1 does not implement %2 at all (501).").arg(who, meth);
    case Verdict::BadRequest:
        return QStringLiteral("%1 rejected the request as malformed (400)%2.")
            .arg(who,
                d.finding(QStringLiteral("method-case")) ? QStringLiteral(", most likely for the lower-case verb")
                                                         : QString());
    case Verdict::Forbidden:
        return QStringLiteral("%1 forbids this request (403): an access rule, not a statement about %2.")
            .arg(who, meth);
    case Verdict::NotFound:
        return QStringLiteral("%1 did not find the resource (404); the method was probably never looked at.").arg(who);
    case Verdict::AuthRequired: return QStringLiteral("%1 wants credentials first (%2).").arg(who).arg(x.status);
    case Verdict::LengthRequired:
        return QStringLiteral("%1 needs a Content-Length before it reads %2 (411).").arg(who, meth);
    case Verdict::ProxyError:
        return QStringLiteral("%1 failed to get an answer from the server behind it (%2).").arg(who).arg(x.status);
    case Verdict::ServerError:
        return QStringLiteral("%1 failed while handling %2 (%3): a server error, not method support.")
            .arg(who, meth)
            .arg(x.status);
    case Verdict::TransportError: return QStringLiteral("No HTTP answer: %1.").arg(x.ex.error.message);
    case Verdict::Other: break;
    }
    return QStringLiteral("%1 answered %2 with %3.").arg(who, meth).arg(x.status);
}
} // namespace

const QList<QByteArray> &Diagnoser::overrideHeaders()
{
    static const QList<QByteArray> headers { "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override" };
    return headers;
}

bool Diagnoser::isSafeMethod(const QByteArray &method)
{
    const MethodLookup lookup = Knowledge::instance().method(method);
    return lookup.info && !lookup.caseInsensitive && lookup.info->safe.value_or(false);
}

QByteArray Diagnoser::correctedMethod(const QByteArray &method, bool *caseOnly)
{
    if (caseOnly)
        *caseOnly = false;
    const Knowledge &k = Knowledge::instance();
    const MethodLookup exact = k.method(method);
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
    static const QList<QByteArray> common { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };
    QByteArray best;
    int bestDistance = 3;
    for (const MethodInfo &info : k.methods()) {
        if (!info.registered)
            continue;
        const int dist = editDistance(QString::fromLatin1(upper), QString::fromLatin1(info.name));
        const int limit = info.name.size() <= 4 ? 1 : 2;
        if (dist > limit)
            continue;
        if (dist < bestDistance || (dist == bestDistance && common.contains(info.name) && !common.contains(best))) {
            best = info.name;
            bestDistance = dist;
        }
    }
    return best;
}

QByteArray Diagnoser::bestAlternative(const QByteArray &method, const QList<QByteArray> &allow)
{
    static const QHash<QByteArray, QList<QByteArray>> preferences {
        { "PATCH", { "PUT", "POST" } },
        { "PUT", { "PATCH", "POST" } },
        { "POST", { "PUT", "PATCH" } },
        { "DELETE", { "POST" } },
        { "QUERY", { "POST", "GET" } },
        { "PROPFIND", { "GET" } },
    };
    for (const QByteArray &pref : preferences.value(method.toUpper()))
        if (allow.contains(pref))
            return pref;
    for (const QByteArray &a : allow)
        if (a != "HEAD" && a != "OPTIONS" && a != "TRACE" && a != method)
            return a;
    return {};
}

Diagnosis Diagnoser::diagnose(const RequestSpec &spec, const Exchange &exchange, const QList<Check> &checks)
{
    Diagnosis d;
    d.exchange = exchange;
    d.checks = checks;
    d.classification = Classifier::classify(exchange);
    // After followed redirects the final hop's method is what the answer is about (303 → GET).
    const QByteArray method
        = exchange.response.received && !exchange.request.method.isEmpty() ? exchange.request.method : spec.method;
    Context x { spec, exchange, checks, d, d.classification, method, exchange.response.head.status };

    if (const QString problem = checkMethod(spec.method); !problem.isEmpty()) {
        d.classification.verdict = Verdict::TransportError;
        x.find(QStringLiteral("method-invalid-token"), QStringLiteral("error"),
            QStringLiteral("The method is not a valid token"),
            problem + QStringLiteral(". It cannot be sent: no conforming server could parse it."));
        methodNameFindings(x);
        d.summary = QStringLiteral("\"%1\" cannot be sent as a method.").arg(escapeBytes(spec.method));
        return d;
    }
    if (!exchange.response.received) {
        d.summary = summarize(x);
        return d;
    }
    ignoredFrom(x);
    scopeFrom(x);
    methodNameFindings(x);
    allowFindings(x);
    notImplementedFindings(x);
    lookalikeFindings(x);
    reasonFindings(x);
    proxyRewriteFinding(x);
    suggestions(x);
    verification(x);
    d.summary = summarize(x);
    return d;
}

} // namespace verbscope::diagnosis
