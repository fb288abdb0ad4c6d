// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Classifier.h"

#include "core/diagnosis/Knowledge.h"
#include "core/http/Exchange.h"
#include "core/http/ExchangeJson.h"
#include "core/http/HttpSyntax.h"

namespace verbscope::diagnosis {

using namespace verbscope::http;

namespace {
bool isProxyKind(const ServerHint *hint)
{
    return hint && (hint->kind == QLatin1String("proxy") || hint->kind == QLatin1String("cdn"));
}

// Its own error page is a proxy's signature; its name in a header may only mean it passed the answer on.
bool hasBodyEvidence(const ServerMatch &match)
{
    for (const QString &line : match.evidence)
        if (line.startsWith(QLatin1String("body matches")))
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
                QString::fromLatin1(hint.errorHeader), escapeBytes(headerValue(headers, hint.errorHeader)));
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

Verdict Classifier::verdict(const Exchange &exchange)
{
    if (!exchange.response.received)
        return Verdict::TransportError;
    const int status = exchange.response.head.status;
    const Verdict byOrigin = verdictForStatus(status, Party::Origin);
    if (byOrigin == verdictForStatus(status, Party::Proxy) && byOrigin == verdictForStatus(status, Party::Unknown))
        return byOrigin;
    return classify(exchange).verdict;
}

namespace {
// The best origin and the best proxy or CDN that reach the knowledge base's minimum score.
struct Candidates {
    const ServerMatch *origin = nullptr;
    const ServerMatch *proxy = nullptr;
};

Candidates strongestCandidates(const QList<ServerMatch> &matches)
{
    Candidates candidates;
    for (const ServerMatch &match : matches) {
        if (match.score < Knowledge::MinimumScore)
            continue;
        if (isProxyKind(match.hint)) {
            if (!candidates.proxy)
                candidates.proxy = &match;
        } else if (!candidates.origin) {
            candidates.origin = &match;
        }
    }
    return candidates;
}

// A proxy made this answer itself when it signs the error (X-Squid-Error, its own error page, its
// Server name on an error with no origin in sight) or on gateway failures.
bool proxyMadeAnswer(int status, const Candidates &candidates, bool signedByProxy, bool throughProxy)
{
    bool proxyMade = signedByProxy || status == 407;
    // CDNs put their Server name on everything they pass through, so for them only their own
    // error page or a 5xx counts; a forward or reverse proxy's name on an error with no origin does.
    if (candidates.proxy && status >= 400) {
        const bool cdn = candidates.proxy->hint->kind == QLatin1String("cdn");
        proxyMade = proxyMade || hasBodyEvidence(*candidates.proxy) || (!candidates.origin && (!cdn || status >= 500));
    }
    if (!candidates.origin && throughProxy && Knowledge::instance().diagnosis().gatewayFailure.contains(status))
        proxyMade = true;
    return proxyMade;
}

// Several Allow fields are one list (RFC 9110 §5.3); a 405 without any is worth its own evidence line.
void readAllow(const ResponseHead &head, Classification &classification)
{
    const QList<QByteArray> allowValues = headerValues(head.headers, "Allow");
    if (!allowValues.isEmpty()) {
        QByteArray joined;
        for (const QByteArray &value : allowValues)
            joined += (joined.isEmpty() ? QByteArray() : QByteArray(", ")) + value;
        classification.allow = parseAllow(joined);
        classification.allowState = classification.allow.isEmpty() ? AllowState::Empty : AllowState::Present;
        classification.evidence << QStringLiteral("Allow: %1").arg(escapeBytes(joined));
    } else if (head.status == 405) {
        classification.allowState = AllowState::Absent;
        classification.evidence << QStringLiteral("no Allow header");
    }
}
} // namespace

// Who answered matters as much as the status: a proxy's 501 says nothing about the origin.
Classification Classifier::classify(const Exchange &exchange)
{
    Classification classification;
    if (!exchange.response.received) {
        classification.verdict = Verdict::TransportError;
        if (exchange.error.isError())
            classification.evidence << QStringLiteral("no HTTP answer: %1 (%2)")
                                           .arg(exchange.error.message, errorKindName(exchange.error.kind));
        return classification;
    }
    const ResponseHead &head = exchange.response.head;
    const int status = head.status;
    classification.evidence
        << QStringLiteral("status line: HTTP/%1 %2 %3").arg(head.httpVersion).arg(status).arg(escapeBytes(head.reason));
    classification.server = headerText(headerValue(head.headers, "Server"));
    for (const QByteArray &via : headerValues(head.headers, "Via"))
        classification.via << headerText(via);

    const QList<ServerMatch> matches = Knowledge::instance().identifyServers(head.headers, exchange.response.body);
    const Candidates candidates = strongestCandidates(matches);
    const QStringList errorSignatures = proxyErrorSignatures(head.headers);
    const bool throughProxy = !classification.via.isEmpty() || !exchange.request.proxy.isEmpty();
    const bool proxyMade = proxyMadeAnswer(status, candidates, !errorSignatures.isEmpty(), throughProxy);

    if (candidates.proxy) {
        classification.proxyHint = candidates.proxy->hint;
        classification.proxy = candidates.proxy->hint->name;
        classification.evidence << candidates.proxy->evidence;
    } else if (!classification.via.isEmpty()) {
        classification.proxy = classification.via.join(QLatin1String(", "));
        classification.evidence << QStringLiteral("Via: %1").arg(classification.proxy);
    } else if (!exchange.request.proxy.isEmpty()) {
        classification.proxy = exchange.request.proxy;
    }
    classification.evidence << errorSignatures;

    if (proxyMade) {
        classification.answeredBy = Party::Proxy;
        classification.serverHint = candidates.proxy ? candidates.proxy->hint : nullptr;
    } else if (candidates.origin) {
        classification.answeredBy = Party::Origin;
        classification.serverHint = candidates.origin->hint;
        for (const QString &line : candidates.origin->evidence)
            if (!classification.evidence.contains(line))
                classification.evidence << line;
    } else if (!classification.server.isEmpty() || throughProxy) {
        // An unrecognised server that answered normally: the origin, as far as can be told.
        classification.answeredBy = Party::Origin;
        if (!classification.server.isEmpty())
            classification.evidence << QStringLiteral("Server: %1").arg(classification.server);
    }
    readAllow(head, classification);
    classification.verdict = verdictForStatus(status, classification.answeredBy);
    return classification;
}

} // namespace verbscope::diagnosis
