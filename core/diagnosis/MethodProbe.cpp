// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/MethodProbe.h"

#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/Knowledge.h"
#include "core/http/Call.h"
#include "core/http/Engine.h"
#include "core/http/HttpSyntax.h"

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

bool sameAnswer(const Exchange &a, const Exchange &b)
{
    return a.response.received && b.response.received && a.response.head.status == b.response.head.status
        && headerValue(a.response.head.headers, "Content-Type") == headerValue(b.response.head.headers, "Content-Type")
        && QCryptographicHash::hash(a.response.body, QCryptographicHash::Sha256)
        == QCryptographicHash::hash(b.response.body, QCryptographicHash::Sha256);
}
} // namespace

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

// Unsafe and unknown methods go to the impossible probe path unless --unsafe; a GET there is the
// baseline that tells an ignored verb from a supported one on that path.
void MethodProbe::start(const QStringList &urls, const Options &options)
{
    m_options = options;
    m_servers.clear();
    m_queue.clear();
    m_finished = false;
    for (const QString &url : urls) {
        ServerProbe server;
        server.url = url;
        const QString probeUrl = probePathFor(url);
        bool needsBaseline = false;
        for (const QByteArray &method : options.methods) {
            ProbeCell cell;
            cell.method = method;
            cell.probePath = !options.unsafe && !Diagnoser::isSafeMethod(method);
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
            cell.request = s;
            server.cells.append(cell);
        }
        if (needsBaseline) {
            server.baseline.method = "GET";
            server.baseline.target = probeUrl;
            server.baseline.probePath = true;
            RequestSpec s = options.base;
            s.method = "GET";
            s.url = probeUrl;
            s.hasBody = false;
            s.body.clear();
            s.bodyFile.clear();
            s.options.redirects = RedirectMode::Off;
            s.options.outputFile.clear();
            server.baseline.request = s;
            m_queue.append({ int(m_servers.size()), -1 });
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

void MethodProbe::launch(int server, int cell)
{
    ProbeCell &c = cell < 0 ? m_servers[server].baseline : m_servers[server].cells[cell];
    const QString key = hostKey(m_servers.at(server).url);
    ++m_inFlight[key];
    ++m_outstanding;
    Call *call = m_engine->send(c.request);
    call->setParent(this);
    connect(call, &Call::finished, this, [this, call, server, cell, key] {
        ProbeCell &done = cell < 0 ? m_servers[server].baseline : m_servers[server].cells[cell];
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

// Ignored verbs can only be told once GET's answer (on the same target) is in.
void MethodProbe::finishIfDone()
{
    if (m_finished || m_outstanding > 0 || !m_queue.isEmpty())
        return;
    for (ServerProbe &s : m_servers) {
        // Ignored verbs: a 2xx identical to GET on the same target.
        const ProbeCell *realGet = nullptr;
        for (const ProbeCell &c : s.cells)
            if (c.method == "GET" && !c.probePath)
                realGet = &c;
        for (ProbeCell &c : s.cells) {
            if (c.method == "GET" || c.method == "HEAD" || c.classification.verdict != Verdict::Supported)
                continue;
            const ProbeCell *base = c.probePath ? (s.baseline.done ? &s.baseline : nullptr) : realGet;
            if (base && sameAnswer(c.exchange, base->exchange))
                c.classification.verdict = Verdict::Ignored;
        }
        s.summary = summarize(s);
    }
    m_finished = true;
    Q_EMIT finished();
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
        const int status = cell.exchange.response.received ? cell.exchange.response.head.status : 0;
        const Verdict verdict = cell.classification.verdict;
        if (verdict == Verdict::NotAllowed || verdict == Verdict::NotImplemented || verdict == Verdict::BadRequest)
            summary.refused << cell.method;
        else if (verdict == Verdict::Supported
            || (cell.probePath && knowledge.diagnosis().probePastDispatch.contains(status)))
            summary.supported << cell.method; // on the probe path, "not there" means the method got past dispatch
        else
            summary.inconclusive << cell.method;
        collectProblems(cell, problems);
        // The probe's own token decides; without it, the first method the knowledge base does not know.
        if (cell.method == unknownToken() || (summary.unknownVerb.isEmpty() && !knowledge.method(cell.method).info))
            summary.unknownVerb = unknownVerbOutcome(cell);
    }
    summary.findings = problemFindings(problems, options);
    return summary;
}

} // namespace verbscope::diagnosis
