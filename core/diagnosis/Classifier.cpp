// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Classifier.h"

#include "core/diagnosis/Knowledge.h"
#include "core/http/Exchange.h"
#include "core/http/ExchangeJson.h"
#include "core/http/HttpSyntax.h"
#include "core/http/QtFraming.h"

#include <QUrl>

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
    if (!QtFraming::untrustedReason(exchange).isEmpty())
        return Verdict::Inconclusive;
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
    const ServerMatch *named = nullptr; // an origin named only by a header, displaced by the page's author
};

// Among origins, one whose page is in the body beats one only named in a header: a relay can
// replace Server (nginx's proxy_pass does) but not the page the origin wrote.
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
        } else if (!hasBodyEvidence(*candidates.origin) && hasBodyEvidence(match)) {
            candidates.named = candidates.origin;
            candidates.origin = &match;
        }
    }
    return candidates;
}

// Why a proxy made this answer itself, or empty when nothing says it did: it signs the error
// (X-Squid-Error, its own page on any status: Varnish's "Purged" is a 200), its name on an error
// with no origin in sight, or a gateway failure through a proxy.
QString proxyMadeReason(int status, const Candidates &candidates, const QStringList &errorSignatures, bool throughProxy)
{
    if (!errorSignatures.isEmpty())
        return QStringLiteral("its error header %1").arg(errorSignatures.constFirst());
    if (status == 407)
        return QStringLiteral("407: it wants proxy credentials");
    if (candidates.proxy && hasBodyEvidence(*candidates.proxy))
        return QStringLiteral("its own error page");
    // CDNs put their Server name on everything they pass through, so for them only their own
    // error page or a 5xx counts; a forward or reverse proxy's name on an error with no origin does.
    if (candidates.proxy && status >= 400 && !candidates.origin) {
        const bool cdn = candidates.proxy->hint->kind == QLatin1String("cdn");
        if (!cdn || status >= 500)
            return QStringLiteral("its name on a %1 with no origin server in sight").arg(status);
    }
    if (!candidates.origin && throughProxy && Knowledge::instance().diagnosis().gatewayFailure.contains(status))
        return QStringLiteral("a %1 gateway failure with no origin server in sight").arg(status);
    return {};
}

bool onlyBodyEvidence(const ServerMatch &match)
{
    for (const QString &line : match.evidence)
        if (!line.startsWith(QLatin1String("body matches")))
            return false;
    return !match.evidence.isEmpty();
}

bool hasServerFingerprint(const ServerHint &hint)
{
    for (const Fingerprint &fp : hint.fingerprints)
        if (headerNameEquals(fp.header, "Server"))
            return true;
    return false;
}

// An origin that names itself in Server (nginx, Jetty…) recognised by its page alone while Server
// names something else: the page was relayed and the header replaced on the way.
bool relayedUnderOtherServer(const ServerMatch &origin, const QString &server)
{
    return !server.isEmpty() && origin.hint->kind == QLatin1String("origin") && onlyBodyEvidence(origin)
        && hasServerFingerprint(*origin.hint);
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

// Nothing recognised: the origin unless a proxy was in the path and nothing says which of the two
// spoke. What was ambiguous goes into the attribution.
void attributeUnrecognised(const Exchange &exchange, Classification &classification)
{
    const QString address = Classifier::serverAddress(exchange);
    const int status = exchange.response.head.status;
    const QString named = classification.server.isEmpty()
        ? QStringLiteral("it did not name itself (no Server header, no known error page)")
        : QStringLiteral("Server: %1 is not a product VerbScope knows")
              .arg(escapeBytes(classification.server.toUtf8()));
    if (classification.proxyHint) {
        // A known cache or gateway on an answer it did not sign (a 2xx or 3xx): it relayed the origin's.
        classification.answeredBy = Party::Origin;
        classification.attribution
            = QStringLiteral("The server behind %1 answered and %1 relayed it; the server at %2 did not name itself "
                             "(the headers that name something are %1's).")
                  .arg(classification.proxy, address);
    } else if (!classification.via.isEmpty() && status >= 400) {
        classification.answeredBy = Party::Unknown;
        classification.attribution
            = QStringLiteral("Unknown: the answer came through %1 (Via) and %2, so the proxy or the server behind it "
                             "may have made this %3.")
                  .arg(classification.proxy, named)
                  .arg(status);
    } else if (classification.via.isEmpty() && !exchange.request.proxy.isEmpty()) {
        classification.answeredBy = Party::Unknown;
        classification.attribution
            = QStringLiteral("Unknown: a proxy is configured (%1) but the answer carries no Via and no proxy marker, "
                             "and %2: either could have answered.")
                  .arg(exchange.request.proxy, named);
    } else {
        classification.answeredBy = Party::Origin;
        classification.attribution = classification.via.isEmpty()
            ? QStringLiteral("The server at %1 answered; %2.").arg(address, named)
            : QStringLiteral("The server at %1 answered through %2; %3.").arg(address, classification.proxy, named);
    }
    if (!classification.server.isEmpty())
        classification.evidence << QStringLiteral("Server: %1").arg(escapeBytes(classification.server.toUtf8()));
}
} // namespace

Verdict Classifier::verdictFor(int status, Party answeredBy)
{
    return verdictForStatus(status, answeredBy);
}

QString Classifier::serverAddress(const Exchange &exchange)
{
    const QUrl url(exchange.request.url);
    if (url.host().isEmpty())
        return QStringLiteral("the requested address");
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return QStringLiteral("%1:%2").arg(url.host()).arg(port);
}

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
    QString proxyReason = proxyMadeReason(status, candidates, errorSignatures, throughProxy);
    // nginx's own 502 page: it answered as a gateway, whatever is behind it did not.
    const ServerMatch *gateway = candidates.origin && candidates.origin->hint->gatewayStatus.contains(status)
            && hasBodyEvidence(*candidates.origin)
        ? candidates.origin
        : nullptr;

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

    if (proxyReason.isEmpty() && gateway) {
        classification.proxyHint = gateway->hint;
        classification.proxy = gateway->hint->name;
        classification.evidence << gateway->evidence;
        proxyReason = QStringLiteral("its own %1 page as a gateway: the server behind it did not answer").arg(status);
        classification.answeredBy = Party::Proxy;
        classification.serverHint = gateway->hint;
    } else if (!proxyReason.isEmpty()) {
        classification.answeredBy = Party::Proxy;
        classification.serverHint = candidates.proxy ? candidates.proxy->hint : nullptr;
    } else if (candidates.origin) {
        classification.answeredBy = Party::Origin;
        classification.serverHint = candidates.origin->hint;
        for (const QString &line : candidates.origin->evidence)
            if (!classification.evidence.contains(line))
                classification.evidence << line;
        const QString name = candidates.origin->hint->name;
        if (relayedUnderOtherServer(*candidates.origin, classification.server)) {
            classification.relayedUnder = classification.server;
            if (classification.proxy.isEmpty())
                classification.proxy = candidates.named
                    ? candidates.named->hint->name
                    : QStringLiteral("Server: %1").arg(escapeBytes(classification.server.toUtf8()));
            classification.attribution
                = QStringLiteral("%1 answered (its own page), relayed under Server: %2: something in front of it "
                                 "(or, rarely, its own configuration) replaced the Server header.")
                      .arg(name, escapeBytes(classification.server.toUtf8()));
        } else {
            // Behind a relay the URL's address is the relay's, so it is not the origin's to name.
            classification.attribution = classification.proxy.isEmpty()
                ? QStringLiteral("%1 at %2 answered.").arg(name, Classifier::serverAddress(exchange))
                : QStringLiteral("%1 answered; %2 relayed it.").arg(name, classification.proxy);
        }
    } else {
        attributeUnrecognised(exchange, classification);
    }
    if (classification.answeredBy == Party::Proxy)
        classification.attribution
            = QStringLiteral("%1 answered by itself (%2).")
                  .arg(classification.proxy.isEmpty() ? QStringLiteral("A proxy") : classification.proxy, proxyReason);
    readAllow(head, classification);
    classification.verdict = verdictForStatus(status, classification.answeredBy);
    // The status and headers are Qt's reading of an answer it could not frame: nothing is concluded.
    if (const QString reason = QtFraming::untrustedReason(exchange); !reason.isEmpty()) {
        classification.verdict = Verdict::Inconclusive;
        classification.evidence << QStringLiteral("the Qt transport could not frame the answer: %1").arg(reason);
    }
    return classification;
}

} // namespace verbscope::diagnosis
