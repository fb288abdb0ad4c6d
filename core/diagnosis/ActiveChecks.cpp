// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/ActiveChecks.h"

#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/Knowledge.h"
#include "core/http/Call.h"
#include "core/http/Engine.h"

#include <QRandomGenerator>
#include <QUrl>

namespace verbscope::diagnosis {

using namespace verbscope::http;

ActiveChecks::ActiveChecks(Engine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{ }

ActiveChecks::~ActiveChecks()
{
    if (m_call)
        m_call->deleteLater();
}

QString ActiveChecks::impossibleSibling(const QString &url)
{
    QUrl u(url, QUrl::TolerantMode);
    QString path = u.path(QUrl::FullyEncoded);
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    path = (slash >= 0 ? path.left(slash + 1) : QStringLiteral("/"))
        + QStringLiteral(".verbscope-check-%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    u.setPath(path, QUrl::TolerantMode);
    u.setQuery(QString());
    u.setFragment(QString());
    return u.toString(QUrl::FullyEncoded);
}

// A check must not follow redirects (the answer is about this URL) or overwrite the user's output
// file, and a body-less method drops the body and its Content-Type.
RequestSpec ActiveChecks::checkSpec(const QByteArray &method, const QString &url) const
{
    RequestSpec s = m_spec;
    s.method = method;
    s.url = url;
    s.options.redirects = RedirectMode::Off;
    s.options.outputFile.clear();
    s.options.maxBodyInMemory = 4 << 20;
    if (method == "GET" || method == "HEAD" || method == "OPTIONS") {
        s.body.clear();
        s.bodyFile.clear();
        s.hasBody = false;
        s.headers.removeIf([](const Header &h) { return headerNameEquals(h.name, "Content-Type"); });
    }
    return s;
}

void ActiveChecks::start(const RequestSpec &spec, Options options)
{
    m_spec = spec;
    m_options = options;
    m_pending.clear();
    m_done.clear();
    m_stage = Stage::Primary;
    Q_EMIT progress(QStringLiteral("%1 %2").arg(QString::fromLatin1(spec.method), spec.url));
    RequestSpec primary = spec;
    primary.options.outputFile.clear();
    m_call = m_engine->send(primary);
    connect(m_call, &Call::finished, this, [this] {
        m_primary = m_call->takeExchange();
        m_call->deleteLater();
        m_call = nullptr;
        primaryDone();
    });
}

void ActiveChecks::resume(const RequestSpec &spec, const Exchange &primary, Options options)
{
    m_spec = spec;
    m_options = options;
    m_pending.clear();
    m_done.clear();
    m_primary = primary;
    primaryDone();
}

void ActiveChecks::primaryDone()
{
    m_diagnosis = Diagnoser::diagnose(m_spec, m_primary);
    // An inconclusive answer (one the transport could not frame) gives checks nothing to build on.
    if (m_options.passive || !m_primary.response.received
        || m_diagnosis.classification.verdict == Verdict::Inconclusive) {
        m_stage = Stage::Done;
        Q_EMIT finished();
        return;
    }
    m_stage = Stage::Evidence;
    planEvidence();
    runNext();
}

void ActiveChecks::cancel()
{
    m_pending.clear();
    if (m_call)
        m_call->cancel();
}

// Only what can change the verdict is asked: random-path for refusals (server-wide or this resource),
// GET when an answer may have ignored the verb or a 403/404 may not be about the method.
void ActiveChecks::planEvidence()
{
    const QByteArray method = m_spec.method;
    const Verdict v = m_diagnosis.classification.verdict;
    if (method != "OPTIONS")
        m_pending.append({ QStringLiteral("options"),
            QStringLiteral("OPTIONS on the URL: which methods does the resource list in Allow?"),
            checkSpec("OPTIONS", m_spec.url), {} });
    const bool refusal = v == Verdict::NotAllowed || v == Verdict::NotImplemented || v == Verdict::BadRequest
        || v == Verdict::Forbidden || v == Verdict::ProxyError;
    // Through a proxy that did not sign the answer, the origin asked directly tells who made it.
    const bool compareDirect
        = !m_primary.request.proxy.isEmpty() && m_diagnosis.classification.answeredBy != Party::Proxy;
    const bool safe = Diagnoser::isSafeMethod(method);
    RequestSpec sibling = checkSpec(method, impossibleSibling(m_spec.url));
    sibling.body = m_spec.body;
    sibling.bodyFile = m_spec.bodyFile;
    sibling.hasBody = m_spec.hasBody;
    if (refusal || (compareDirect && !safe))
        m_pending.append({ QStringLiteral("random-path"),
            QStringLiteral("The same method on a path that cannot exist: refused everywhere (server-wide) or only here "
                           "(this resource)?"),
            sibling, {} });
    if (compareDirect) {
        // An unsafe method only goes to the impossible path, compared with random-path through the proxy.
        RequestSpec direct = safe ? checkSpec(method, m_spec.url) : sibling;
        direct.options.proxy.clear();
        direct.options.useEnvironmentProxy = false;
        m_pending.append({ QStringLiteral("direct"),
            QStringLiteral("The same request without the proxy: does the server behind it answer the same?"), direct,
            {} });
    }
    if (method != "GET" && method != "HEAD"
        && (v == Verdict::Supported || v == Verdict::NotFound || v == Verdict::Forbidden))
        m_pending.append({ QStringLiteral("get"),
            QStringLiteral("GET on the URL: does the resource exist, and was the verb answered like GET?"),
            checkSpec("GET", m_spec.url), {} });
}

// Safe suggestions are tried unasked; the override variants send POSTs, so only with consent.
void ActiveChecks::planVerification()
{
    for (const Suggestion &s : m_diagnosis.suggestions) {
        if (!s.request || s.needsConsent || s.id == QLatin1String("method-override")
            || s.id == QLatin1String("resend-over-wire")) // the user's request a second time: only when asked
            continue;
        RequestSpec r = *s.request;
        r.options.redirects = RedirectMode::Off;
        r.options.outputFile.clear();
        m_pending.append(
            { QStringLiteral("verify:") + s.id, QStringLiteral("Verify the suggestion \"%1\"").arg(s.title), r, {} });
    }
    if (!m_options.tryOverride || !m_diagnosis.suggestion(QStringLiteral("method-override")))
        return;
    RequestSpec plain = checkSpec("POST", m_spec.url);
    m_pending.append({ QStringLiteral("plain-post"),
        QStringLiteral("A plain POST, to compare the override variants with"), plain, {} });
    for (const QByteArray &header : Diagnoser::overrideHeaders()) {
        RequestSpec s = plain;
        s.headers.append(Header { header, m_spec.method });
        m_pending.append({ QStringLiteral("override:") + QString::fromLatin1(header),
            QStringLiteral("POST with %1: %2").arg(QString::fromLatin1(header), QString::fromLatin1(m_spec.method)), s,
            {} });
    }
    const QString field = Knowledge::instance().diagnosis().overrideFormField;
    RequestSpec form = plain;
    form.headers.removeIf([](const Header &h) { return headerNameEquals(h.name, "Content-Type"); });
    form.headers.append(Header { "Content-Type", "application/x-www-form-urlencoded" });
    form.body = field.toLatin1() + '=' + m_spec.method;
    form.bodyFile.clear();
    form.hasBody = true;
    m_pending.append({ QStringLiteral("override:") + field,
        QStringLiteral("POST with a %1=%2 form field").arg(field, QString::fromLatin1(m_spec.method)), form, {} });
}

// One check at a time: the server under test is often a developer's, and order makes logs readable.
void ActiveChecks::runNext()
{
    if (m_pending.isEmpty())
        return stageDone();
    const Check &next = m_pending.constFirst();
    Q_EMIT progress(
        QStringLiteral("check %1: %2 %3").arg(next.id, QString::fromLatin1(next.request.method), next.request.url));
    m_call = m_engine->send(next.request);
    connect(m_call, &Call::finished, this, [this] {
        Check c = m_pending.takeFirst();
        c.exchange = m_call->takeExchange();
        m_call->deleteLater();
        m_call = nullptr;
        m_done.append(c);
        runNext();
    });
}

// Diagnose again after each stage: verification needs the suggestions the evidence produced.
void ActiveChecks::stageDone()
{
    m_diagnosis = Diagnoser::diagnose(m_spec, m_primary, m_done);
    if (m_stage == Stage::Evidence) {
        m_stage = Stage::Verification;
        planVerification();
        if (!m_pending.isEmpty())
            return runNext();
    }
    m_stage = Stage::Done;
    Q_EMIT finished();
}

} // namespace verbscope::diagnosis
