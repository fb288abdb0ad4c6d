// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/MethodProbe.h"

#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/Knowledge.h"
#include "core/http/Call.h"
#include "core/http/Engine.h"
#include "core/http/HttpSyntax.h"
#include "core/http/QtFraming.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUrl>

namespace verbscope::diagnosis {

using namespace verbscope::http;

namespace {
QString hostKey(const QString &url)
{
    const QUrl u(url);
    return u.host() + QLatin1Char(':') + QString::number(u.port(u.scheme() == QLatin1String("https") ? 443 : 80));
}

// Two levels below the URL, so a WebDAV PUT or MKCOL there fails with 409 instead of creating anything.
QString probePathFor(const QString &url)
{
    QUrl u(url, QUrl::TolerantMode);
    QString path = u.path(QUrl::FullyEncoded);
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    path += QStringLiteral(".verbscope-probe-%1/x")
                .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    u.setPath(path, QUrl::TolerantMode);
    u.setQuery(QString());
    u.setFragment(QString());
    return u.toString(QUrl::FullyEncoded);
}

// A quoted entity tag no server can have issued, so If-Match fails (RFC 9110 §13.1.1).
QByteArray randomEntityTag()
{
    return "\"verbscope-guard-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16) + '"';
}

// Only our precondition: the user's own conditional headers could make it match. Connection: close
// because nginx closes the connection after its 412 while announcing keep-alive, and the next
// request on it would fail (it is never re-sent).
void setGuard(RequestSpec &s, const QByteArray &tag)
{
    static const QList<QByteArray> dropped { "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since",
        "If-Range", "Content-Length", "Transfer-Encoding", "Connection" };
    s.headers.removeIf([](const Header &h) {
        return std::any_of(
            dropped.begin(), dropped.end(), [&h](const QByteArray &n) { return headerNameEquals(h.name, n); });
    });
    s.headers.append({ "If-Match", tag });
    s.headers.append(Header { "Connection", "close" });
}

// The real URL with a guard and no body (Content-Length: 0): a server that ignores the guard
// would store a body.
RequestSpec guarded(RequestSpec s, const QByteArray &tag)
{
    setGuard(s, tag);
    s.hasBody = true;
    s.body.clear();
    s.bodyFile.clear();
    return s;
}

bool sameAnswer(const Exchange &a, const Exchange &b)
{
    return a.response.received && b.response.received && a.response.head.status == b.response.head.status
        && headerValue(a.response.head.headers, "Content-Type") == headerValue(b.response.head.headers, "Content-Type")
        && QCryptographicHash::hash(a.response.body, QCryptographicHash::Sha256)
        == QCryptographicHash::hash(b.response.body, QCryptographicHash::Sha256);
}
} // namespace

QString probeModeId(ProbeMode mode)
{
    switch (mode) {
    case ProbeMode::Safe: return QStringLiteral("safe");
    case ProbeMode::Guarded: return QStringLiteral("guarded");
    case ProbeMode::Unsafe: return QStringLiteral("unsafe");
    }
    return {};
}

bool parseProbeMode(QStringView id, ProbeMode *mode)
{
    for (const ProbeMode m : { ProbeMode::Safe, ProbeMode::Guarded, ProbeMode::Unsafe })
        if (id == probeModeId(m)) {
            *mode = m;
            return true;
        }
    return false;
}

QString supportId(Support support)
{
    switch (support) {
    case Support::Pending: return QStringLiteral("pending");
    case Support::Supported: return QStringLiteral("supported");
    case Support::Refused: return QStringLiteral("refused");
    case Support::Inconclusive: return QStringLiteral("inconclusive");
    }
    return {};
}

MethodProbe::MethodProbe(Engine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{ }

MethodProbe::~MethodProbe() = default;

QList<QByteArray> MethodProbe::defaultMethods()
{
    return Knowledge::instance().diagnosis().probeMethods;
}

QByteArray MethodProbe::unknownToken()
{
    return Knowledge::instance().diagnosis().probeUnknownToken;
}

QList<QByteArray> MethodProbe::riskyMethods(const QList<QByteArray> &methods)
{
    QList<QByteArray> out;
    for (const QByteArray &m : methods)
        if (!Diagnoser::isSafeMethod(m))
            out << m;
    return out;
}

QList<QByteArray> MethodProbe::parseMethodList(const QString &spec, QStringList *errors)
{
    QString text = spec.trimmed();
    const bool extend = text.startsWith(QLatin1Char('+'));
    if (extend)
        text.remove(0, 1);
    QList<QByteArray> methods = extend ? defaultMethods() : QList<QByteArray> {};
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QByteArray m = parts.at(i).trimmed().toUtf8();
        if (const QString problem = checkMethod(m); !problem.isEmpty()) {
            if (errors)
                *errors << QStringLiteral("--methods entry %1: %2").arg(i + 1).arg(problem);
            continue;
        }
        if (!methods.contains(m))
            methods.append(m);
    }
    if (methods.isEmpty() && errors && errors->isEmpty())
        *errors << QStringLiteral("--methods \"%1\" names no method").arg(spec);
    return methods;
}

// Safe mode sends unsafe and unknown methods to the impossible probe path (with a GET there as the
// baseline that tells an ignored verb from a supported one); guarded mode sends them to the URL
// with a failing If-Match (with a GET carrying the same If-Match as its baseline). Each cell is
// one request, sent once.
void MethodProbe::start(const QStringList &urls, const Options &options)
{
    m_options = options;
    m_servers.clear();
    m_queue.clear();
    m_finished = false;
    for (const QString &url : urls) {
        ServerProbe server;
        server.url = url;
        server.mode = options.mode;
        const QString probeUrl = probePathFor(url);
        const QByteArray tag = randomEntityTag();
        bool needsBaseline = false;
        bool needsGuardBaseline = false;
        for (const QByteArray &method : options.methods) {
            ProbeCell cell;
            cell.method = method;
            const bool risky = !Diagnoser::isSafeMethod(method);
            cell.mode = risky ? options.mode : ProbeMode::Safe;
            cell.probePath = cell.mode == ProbeMode::Safe && risky;
            cell.target = cell.probePath ? probeUrl : url;
            needsBaseline = needsBaseline || cell.probePath;
            RequestSpec s = options.base;
            s.method = method;
            s.url = cell.target;
            s.options.redirects = RedirectMode::Off;
            s.options.outputFile.clear();
            s.options.maxBodyInMemory = 1 << 20;
            if (method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "TRACE") {
                s.hasBody = false;
                s.body.clear();
                s.bodyFile.clear();
            }
            if (cell.mode == ProbeMode::Guarded) {
                s = guarded(s, tag);
                cell.guardTag = tag;
                needsGuardBaseline = true;
            }
            cell.request = s;
            server.cells.append(cell);
        }
        const auto baselineGet = [&options](const QString &target) {
            ProbeCell b;
            b.method = "GET";
            b.target = target;
            RequestSpec s = options.base;
            s.method = "GET";
            s.url = target;
            s.hasBody = false;
            s.body.clear();
            s.bodyFile.clear();
            s.options.redirects = RedirectMode::Off;
            s.options.outputFile.clear();
            s.options.maxBodyInMemory = 1 << 20;
            b.request = s;
            return b;
        };
        if (needsBaseline) {
            server.baseline = baselineGet(probeUrl);
            server.baseline.probePath = true;
            m_queue.append({ int(m_servers.size()), BaselineCell });
        }
        if (needsGuardBaseline) {
            server.guardBaseline = baselineGet(url);
            setGuard(server.guardBaseline.request, tag);
            server.guardBaseline.guardTag = tag;
            m_queue.append({ int(m_servers.size()), GuardBaselineCell });
        }
        for (int i = 0; i < server.cells.size(); ++i)
            m_queue.append({ int(m_servers.size()), i });
        m_servers.append(server);
    }
    pump();
    finishIfDone();
}

void MethodProbe::cancel()
{
    m_queue.clear();
    for (Call *call : findChildren<Call *>())
        call->cancel();
}

// Launches queued cells while their host has room, so one slow server does not hold up the others.
void MethodProbe::pump()
{
    for (qsizetype i = 0; i < m_queue.size();) {
        const auto [server, cell] = m_queue.at(i);
        const QString key = hostKey(m_servers.at(server).url);
        if (m_inFlight.value(key) >= std::max(1, m_options.perHost)) {
            ++i;
            continue;
        }
        m_queue.removeAt(i);
        launch(server, cell);
    }
}

ProbeCell &MethodProbe::slot(int server, int cell)
{
    ServerProbe &s = m_servers[server];
    return cell == BaselineCell ? s.baseline : cell == GuardBaselineCell ? s.guardBaseline : s.cells[cell];
}

void MethodProbe::launch(int server, int cell)
{
    ProbeCell &c = slot(server, cell);
    const QString key = hostKey(m_servers.at(server).url);
    ++m_inFlight[key];
    ++m_outstanding;
    Call *call = m_engine->send(c.request);
    call->setParent(this);
    connect(call, &Call::finished, this, [this, call, server, cell, key] {
        ProbeCell &done = slot(server, cell);
        done.exchange = call->takeExchange();
        done.classification = Classifier::classify(done.exchange);
        done.done = true;
        call->deleteLater();
        --m_inFlight[key];
        --m_outstanding;
        if (cell >= 0)
            Q_EMIT cellFinished(server, cell);
        pump();
        finishIfDone();
    });
}

// Evidence can only be weighed once every answer is in: ignored verbs need GET's answer, and
// listings come from OPTIONS and the Allow headers of other cells.
void MethodProbe::finishIfDone()
{
    if (m_finished || m_outstanding > 0 || !m_queue.isEmpty())
        return;
    for (ServerProbe &s : m_servers) {
        assess(s);
        s.summary = summarize(s);
    }
    m_finished = true;
    Q_EMIT finished();
}

namespace {
// What the server's other answers say about the URL: its OPTIONS listing and any Allow header
// received from the URL itself (Allow on the probe path describes a resource that does not exist).
struct Listings {
    QList<QByteArray> byOptions;
    QList<QByteArray> inAllow;
    const ProbeCell *plainGet = nullptr;
};

Listings listingsOf(const ServerProbe &probe)
{
    Listings l;
    for (const ProbeCell &c : probe.cells) {
        if (!c.done || c.probePath || !c.exchange.response.received)
            continue;
        if (c.method == "GET" && c.mode != ProbeMode::Guarded)
            l.plainGet = &c;
        const int status = c.exchange.response.head.status;
        const QList<QByteArray> allow = parseAllow(headerValues(c.exchange.response.head.headers, "Allow").join(", "));
        if (c.method == "OPTIONS" && status >= 200 && status < 300)
            l.byOptions += allow;
        else
            l.inAllow += allow;
    }
    return l;
}

// Why an answer that neither proves nor refuses the method says nothing, and what would decide it.
QString inconclusiveReason(const ProbeCell &c)
{
    const http::Response &r = c.exchange.response;
    if (!r.received)
        return QStringLiteral("no answer (%1): nothing was learnt; probe again when the server answers")
            .arg(errorKindName(c.exchange.error.kind));
    if (c.classification.verdict == Verdict::Inconclusive)
        return QStringLiteral("the Qt transport could not frame the answer (%1): probe again over the wire transport")
            .arg(QtFraming::untrustedReason(c.exchange));
    const int status = r.head.status;
    const QString code = QString::number(status);
    if (c.classification.verdict == Verdict::Ignored)
        return QStringLiteral("%1 exactly like GET: the server did not look at the method, so it neither accepts "
                              "nor refuses it")
            .arg(code);
    if (status == 401 || status == 407)
        return QStringLiteral("%1: authentication was required before the method was judged; probe with credentials")
            .arg(code);
    if (c.probePath) {
        const QString what = status == 404 || status == 410
            ? QStringLiteral(
                "the path does not exist, so the server never said whether it accepts the method at the URL")
            : status == 400
            ? QStringLiteral("the server rejected the request there, which may be about the path or the "
                             "body rather than the method")
            : status == 403 ? QStringLiteral("access to that path was refused, which says nothing about the method")
                            : QStringLiteral("that answer says nothing about the method at the URL");
        return QStringLiteral("%1 on a random child path in safe mode: %2; a guarded probe would decide")
            .arg(code, what);
    }
    if (status == 400 && c.mode == ProbeMode::Guarded)
        return QStringLiteral("400 to a guarded request: the server rejected it, which may be about the empty body "
                              "rather than the method; only an unsafe probe with a real body would decide");
    if (status == 412 && c.mode == ProbeMode::Guarded)
        return QStringLiteral("412 exactly like a GET with the same If-Match: the server may check preconditions "
                              "before it looks at the method; only an unsafe probe would decide");
    if (status == 404 || status == 410)
        return QStringLiteral("%1 on the URL: the resource does not exist").arg(code);
    if (status == 403)
        return QStringLiteral("403 on the URL: access was refused, which says nothing about the method");
    if (status >= 500)
        return QStringLiteral("%1: the server or a proxy failed before saying anything about the method").arg(code);
    return QStringLiteral("%1 on the URL: says nothing about the method").arg(code);
}

void setSupport(ProbeCell &c, Support support, const QString &evidence)
{
    c.support = support;
    c.evidence = evidence;
}

// The rules of docs/cli.md ("Evidence"), first match wins: what the URL itself answered, then the
// server's listings, then what the probe path says.
void assessCell(ProbeCell &c, const Listings &listings, const ProbeCell *guardBaseline)
{
    c.guardIgnored = false;
    if (!c.done) {
        setSupport(c, Support::Pending, {});
        return;
    }
    const bool got = c.exchange.response.received;
    const int status = got ? c.exchange.response.head.status : 0;
    const QString code = QString::number(status);
    const Verdict verdict = c.classification.verdict;
    const bool guarded = c.mode == ProbeMode::Guarded;
    if (verdict == Verdict::Inconclusive) // nothing is read from an answer the transport could not frame
        return setSupport(c, Support::Inconclusive, inconclusiveReason(c));
    if (verdict == Verdict::NotImplemented) // server-wide by definition (RFC 9110 §15.6.2), wherever it was sent
        return setSupport(c, Support::Refused,
            QStringLiteral("501%1: the server does not implement the method")
                .arg(c.probePath ? QStringLiteral(" on a path below the URL") : QString()));
    if (!c.probePath && got) {
        if (verdict == Verdict::BadRequest && guarded) // perhaps the empty body, not the method
            return setSupport(c, Support::Inconclusive, inconclusiveReason(c));
        if (verdict == Verdict::NotAllowed || verdict == Verdict::BadRequest)
            return setSupport(c, Support::Refused, QStringLiteral("%1 on the URL").arg(code));
        if (verdict == Verdict::Ignored)
            return setSupport(c, Support::Inconclusive, inconclusiveReason(c));
        if (guarded && status >= 200 && status < 300) {
            c.guardIgnored = true;
            return setSupport(c, Support::Supported,
                QStringLiteral("%1 to a guarded request: the server ignored the failing If-Match, so it would "
                               "have performed the method (and may have)")
                    .arg(code));
        }
        if (status >= 200 && status < 400)
            return setSupport(c, Support::Supported, QStringLiteral("%1 on the URL").arg(code));
        if (guarded && status == 412) {
            if (guardBaseline && guardBaseline->done && sameAnswer(c.exchange, guardBaseline->exchange))
                return setSupport(c, Support::Inconclusive, inconclusiveReason(c));
            return setSupport(c, Support::Supported,
                QStringLiteral("412 to a guarded request: the handler checked the precondition and did nothing"));
        }
        if (guarded && (status == 409 || status == 422))
            return setSupport(
                c, Support::Supported, QStringLiteral("%1 to a guarded request: the handler ran its checks").arg(code));
    }
    if (listings.byOptions.contains(c.method))
        return setSupport(c, Support::Supported, QStringLiteral("listed by OPTIONS on the URL"));
    if (listings.inAllow.contains(c.method))
        return setSupport(c, Support::Supported, QStringLiteral("listed in Allow by the URL"));
    if (c.probePath && got) {
        if (verdict == Verdict::NotAllowed)
            return setSupport(c, Support::Refused, QStringLiteral("405 on a path below the URL"));
        if (verdict != Verdict::Ignored
            && ((status >= 200 && status < 300)
                || Knowledge::instance().diagnosis().probePastDispatch.contains(status)))
            return setSupport(c, Support::Supported,
                QStringLiteral("%1 on a path below the URL: the handler got past method dispatch and ran its checks")
                    .arg(code));
    }
    setSupport(c, Support::Inconclusive, inconclusiveReason(c));
}
} // namespace

// Ignored verbs first (a 2xx identical to GET on the same target), then each cell's evidence.
void MethodProbe::assess(ServerProbe &probe)
{
    const Listings listings = listingsOf(probe);
    for (ProbeCell &c : probe.cells) {
        if (!c.done || c.method == "GET" || c.method == "HEAD" || c.classification.verdict != Verdict::Supported)
            continue;
        const ProbeCell *base = c.probePath ? (probe.baseline.done ? &probe.baseline : nullptr) : listings.plainGet;
        if (base && sameAnswer(c.exchange, base->exchange))
            c.classification.verdict = Verdict::Ignored;
    }
    const ProbeCell *guardBaseline = probe.guardBaseline.done ? &probe.guardBaseline : nullptr;
    for (ProbeCell &c : probe.cells)
        assessCell(c, listings, guardBaseline);
}

namespace {
// How the server treated a verb it cannot know: "no answer", "ignored-200", "accepted" or the status.
QString unknownVerbOutcome(const ProbeCell &cell)
{
    if (!cell.exchange.response.received)
        return QStringLiteral("no answer");
    if (cell.classification.verdict == Verdict::Ignored)
        return QStringLiteral("ignored-200");
    if (cell.classification.verdict == Verdict::Supported)
        return QStringLiteral("accepted");
    return QString::number(cell.exchange.response.head.status);
}

QString methodNames(const QList<QByteArray> &methods)
{
    QStringList names;
    for (const QByteArray &method : methods)
        names << QString::fromLatin1(method);
    return names.join(QLatin1String(", "));
}

QList<QByteArray> sortedAllow(const ProbeCell &cell)
{
    QList<QByteArray> allow = parseAllow(headerValue(cell.exchange.response.head.headers, "Allow"));
    std::sort(allow.begin(), allow.end());
    return allow;
}

// RFC 9110 violations gathered across all methods, so each is reported once per server.
struct SpecProblems {
    QList<QByteArray> allowMissing; // 405 without Allow
    QList<QByteArray> getHead501;
    QList<QList<QByteArray>> allowSets; // distinct sorted Allow lists of the real URL's 405s
};

void collectProblems(const ProbeCell &cell, SpecProblems &problems)
{
    const int status = cell.exchange.response.received ? cell.exchange.response.head.status : 0;
    const bool hasAllow = hasHeader(cell.exchange.response.head.headers, "Allow");
    if (status == 405 && !hasAllow)
        problems.allowMissing << cell.method;
    if (status == 501 && (cell.method == "GET" || cell.method == "HEAD"))
        problems.getHead501 << cell.method;
    if (status == 405 && !cell.probePath && hasAllow && !problems.allowSets.contains(sortedAllow(cell)))
        problems.allowSets << sortedAllow(cell);
}

QList<Finding> problemFindings(SpecProblems problems, const ProbeCell *options)
{
    const Knowledge &knowledge = Knowledge::instance();
    QList<Finding> findings;
    if (!problems.allowMissing.isEmpty())
        findings.append({ QStringLiteral("allow-missing"), knowledge.findingSeverity(QStringLiteral("allow-missing")),
            QStringLiteral("405 without Allow"),
            QStringLiteral("405 answers to %1 carry no Allow header (RFC 9110 §15.5.6 requires it).")
                .arg(methodNames(problems.allowMissing)),
            {} });
    if (!problems.getHead501.isEmpty())
        findings.append({ QStringLiteral("get-head-not-implemented"),
            knowledge.findingSeverity(QStringLiteral("get-head-not-implemented")), QStringLiteral("501 to GET or HEAD"),
            QStringLiteral("%1 answered 501; general-purpose servers must support GET and HEAD (RFC 9110 §9.1).")
                .arg(methodNames(problems.getHead501)),
            {} });
    // OPTIONS only counts against the 405s: on its own it cannot disagree with anything.
    if (options && !options->probePath && options->exchange.response.received
        && hasHeader(options->exchange.response.head.headers, "Allow") && !problems.allowSets.isEmpty()
        && !problems.allowSets.contains(sortedAllow(*options)))
        problems.allowSets << sortedAllow(*options);
    if (problems.allowSets.size() > 1)
        findings.append(
            { QStringLiteral("allow-inconsistent"), knowledge.findingSeverity(QStringLiteral("allow-inconsistent")),
                QStringLiteral("Allow differs between answers"),
                QStringLiteral("The server listed %1 different Allow sets across its 405s and OPTIONS.")
                    .arg(problems.allowSets.size()),
                {} });
    return findings;
}
} // namespace

ServerSummary MethodProbe::summarize(const ServerProbe &probe)
{
    const Knowledge &knowledge = Knowledge::instance();
    ServerSummary summary;
    const ProbeCell *get = nullptr;
    const ProbeCell *options = nullptr;
    for (const ProbeCell &cell : probe.cells) {
        if (cell.method == "GET" && !cell.probePath)
            get = &cell;
        if (cell.method == "OPTIONS")
            options = &cell;
    }
    const ProbeCell *identity = get ? get : (probe.cells.isEmpty() ? nullptr : &probe.cells.constFirst());
    if (identity && identity->exchange.response.received) {
        summary.server = QString::fromLatin1(headerValue(identity->exchange.response.head.headers, "Server"));
        for (const QByteArray &via : headerValues(identity->exchange.response.head.headers, "Via"))
            summary.via << QString::fromLatin1(via);
    }
    SpecProblems problems;
    for (const ProbeCell &cell : probe.cells) {
        // Only evidence counts: a 404 on the probe path proves nothing (issue 17).
        if (cell.support == Support::Supported)
            summary.supported << cell.method;
        else if (cell.support == Support::Refused)
            summary.refused << cell.method;
        else
            summary.inconclusive << cell.method;
        if (cell.guardIgnored)
            summary.guardIgnored << cell.method;
        collectProblems(cell, problems);
        // The probe's own token decides; without it, the first method the knowledge base does not know.
        if (cell.method == unknownToken() || (summary.unknownVerb.isEmpty() && !knowledge.method(cell.method).info))
            summary.unknownVerb = unknownVerbOutcome(cell);
    }
    summary.findings = problemFindings(problems, options);
    if (!summary.guardIgnored.isEmpty())
        summary.findings.append({ QStringLiteral("precondition-ignored"),
            knowledge.findingSeverity(QStringLiteral("precondition-ignored")), QStringLiteral("If-Match ignored"),
            QStringLiteral("%1 answered 2xx to a request whose If-Match could not match: the server does not "
                           "honour preconditions (RFC 9110 §13.1.1 says it must not perform the method) and would "
                           "have performed them, with an empty body. Check the resource.")
                .arg(methodNames(summary.guardIgnored)),
            {} });
    return summary;
}

} // namespace verbscope::diagnosis
