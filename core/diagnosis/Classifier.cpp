// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Classifier.h"

#include "core/diagnosis/Knowledge.h"
#include "core/http/Exchange.h"
#include "core/http/ExchangeJson.h"

namespace verbscope::diagnosis {

using namespace verbscope::http;

namespace {
bool isProxyKind(const ServerHint *h)
{
    return h && (h->kind == QLatin1String("proxy") || h->kind == QLatin1String("cdn"));
}

bool hasBodyEvidence(const ServerMatch &m)
{
    for (const QString &e : m.evidence)
        if (e.startsWith(QLatin1String("body matches")))
            return true;
    return false;
}

// "X-Squid-Error: ERR_ACCESS_DENIED 0" for each header a proxy puts only on answers it made itself
// (servers.json errorHeader).
QStringList proxyErrorSignatures(const HeaderList &headers)
{
    QStringList signatures;
    for (const ServerHint &hint : Knowledge::instance().servers())
        if (!hint.errorHeader.isEmpty() && hasHeader(headers, hint.errorHeader))
            signatures << QStringLiteral("%1: %2").arg(
                QString::fromLatin1(hint.errorHeader), headerText(headerValue(headers, hint.errorHeader)));
    return signatures;
}

// The status alone decides, except for gateway errors: whose failure they are depends on who answered.
Verdict verdictForStatus(int status, Party answeredBy)
{
    switch (status) {
    case 400: return Verdict::BadRequest;
    case 401:
    case 407: return Verdict::AuthRequired;
    case 403: return Verdict::Forbidden;
    case 404:
    case 410: return Verdict::NotFound;
    case 405: return Verdict::NotAllowed;
    case 411: return Verdict::LengthRequired;
    case 501: return Verdict::NotImplemented;
    case 502:
    case 503:
    case 504: return answeredBy == Party::Proxy ? Verdict::ProxyError : Verdict::ServerError;
    default: break;
    }
    if (status >= 200 && status < 300)
        return Verdict::Supported;
    if (status >= 500)
        return answeredBy == Party::Proxy ? Verdict::ProxyError : Verdict::ServerError;
    return Verdict::Other;
}
} // namespace

Verdict Classifier::verdict(const Exchange &ex)
{
    if (!ex.response.received)
        return Verdict::TransportError;
    const int status = ex.response.head.status;
    const Verdict byOrigin = verdictForStatus(status, Party::Origin);
    if (byOrigin == verdictForStatus(status, Party::Proxy) && byOrigin == verdictForStatus(status, Party::Unknown))
        return byOrigin;
    return classify(ex).verdict;
}

Classification Classifier::classify(const Exchange &ex)
{
    Classification c;
    if (!ex.response.received) {
        c.verdict = Verdict::TransportError;
        if (ex.error.isError())
            c.evidence << QStringLiteral("no HTTP answer: %1 (%2)").arg(ex.error.message, errorKindName(ex.error.kind));
        return c;
    }
    const ResponseHead &head = ex.response.head;
    const int status = head.status;
    c.evidence
        << QStringLiteral("status line: HTTP/%1 %2 %3").arg(head.httpVersion).arg(status).arg(headerText(head.reason));
    c.server = headerText(headerValue(head.headers, "Server"));
    for (const QByteArray &v : headerValues(head.headers, "Via"))
        c.via << headerText(v);

    const QList<ServerMatch> matches = Knowledge::instance().identifyServers(head.headers, ex.response.body);
    const ServerMatch *origin = nullptr;
    const ServerMatch *proxy = nullptr;
    for (const ServerMatch &m : matches) {
        if (m.score < Knowledge::MinimumScore)
            continue;
        if (isProxyKind(m.hint)) {
            if (!proxy)
                proxy = &m;
        } else if (!origin) {
            origin = &m;
        }
    }
    const QStringList errorSignatures = proxyErrorSignatures(head.headers);
    const bool throughProxy = !c.via.isEmpty() || !ex.request.proxy.isEmpty();
    // A proxy made this answer itself when it signs the error (X-Squid-Error, its own error
    // page, its Server name on an error with no origin in sight) or on gateway failures.
    bool proxyMade = !errorSignatures.isEmpty() || status == 407;
    // CDNs put their Server name on everything they pass through, so for them only their own
    // error page or a 5xx counts; a forward or reverse proxy's name on an error with no origin does.
    if (proxy && status >= 400) {
        const bool cdn = proxy->hint->kind == QLatin1String("cdn");
        proxyMade = proxyMade || hasBodyEvidence(*proxy) || (!origin && (!cdn || status >= 500));
    }
    if (!origin && throughProxy && (status == 502 || status == 503 || status == 504))
        proxyMade = true;

    if (proxy) {
        c.proxyHint = proxy->hint;
        c.proxy = proxy->hint->name;
        for (const QString &e : proxy->evidence)
            c.evidence << e;
    } else if (!c.via.isEmpty()) {
        c.proxy = c.via.join(QLatin1String(", "));
    } else if (!ex.request.proxy.isEmpty()) {
        c.proxy = ex.request.proxy;
    }
    if (!c.via.isEmpty() && !proxy)
        c.evidence << QStringLiteral("Via: %1").arg(c.via.join(QLatin1String(", ")));
    c.evidence << errorSignatures;

    if (proxyMade) {
        c.answeredBy = Party::Proxy;
        c.serverHint = proxy ? proxy->hint : nullptr;
    } else if (origin) {
        c.answeredBy = Party::Origin;
        c.serverHint = origin->hint;
        for (const QString &e : origin->evidence)
            if (!c.evidence.contains(e))
                c.evidence << e;
    } else if (!c.server.isEmpty() || throughProxy) {
        // An unrecognised server that answered normally: the origin, as far as can be told.
        c.answeredBy = Party::Origin;
        if (!c.server.isEmpty())
            c.evidence << QStringLiteral("Server: %1").arg(c.server);
    }

    const QList<QByteArray> allowValues = headerValues(head.headers, "Allow");
    if (!allowValues.isEmpty()) {
        QByteArray joined;
        for (const QByteArray &v : allowValues)
            joined += (joined.isEmpty() ? QByteArray() : QByteArray(", ")) + v;
        c.allow = parseAllow(joined);
        c.allowState = c.allow.isEmpty() ? AllowState::Empty : AllowState::Present;
        c.evidence << QStringLiteral("Allow: %1").arg(headerText(joined));
    } else if (status == 405) {
        c.allowState = AllowState::Absent;
        c.evidence << QStringLiteral("no Allow header");
    }
    c.verdict = verdictForStatus(status, c.answeredBy);
    return c;
}

} // namespace verbscope::diagnosis
