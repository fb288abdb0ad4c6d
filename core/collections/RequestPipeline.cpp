// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/RequestPipeline.h"

#include "core/Duration.h"

namespace verbscope::collections {

using namespace verbscope::http;

namespace {
const QString NoRedirect = QStringLiteral("no-redirect");
const QString Insecure = QStringLiteral("insecure");
const QString Timeout = QStringLiteral("timeout");
const QString ConnectionTimeout = QStringLiteral("connection-timeout");
const QString NoLog = QStringLiteral("no-log");
const QString NoCookieJar = QStringLiteral("no-cookie-jar");
const QString NoAutoEncoding = QStringLiteral("no-auto-encoding");
} // namespace

RequestOptions RequestContext::defaultOptions()
{
    RequestOptions o;
    o.redirects = RedirectMode::Follow;
    o.transport = TransportKind::Wire; // exact bytes, and about 4x less work per request than QNAM
    return o;
}

void RequestPipeline::applyDirectives(
    const HttpRequest &request, RequestOptions &options, QStringList *problems, const QString &where)
{
    if (request.hasDirective(NoRedirect))
        options.redirects = RedirectMode::Off;
    if (request.hasDirective(Insecure))
        options.verifyTls = false;
    if (request.hasDirective(NoLog))
        options.keepInHistory = false;
    if (request.hasDirective(NoAutoEncoding))
        options.encodeUrl = false;
    if (request.hasDirective(NoCookieJar))
        options.useCookieJar = false;
    if (request.hasDirective(ConnectionTimeout)) {
        const Duration::Result d = Duration::parse(request.directive(ConnectionTimeout));
        if (d.ms)
            options.connectTimeoutMs = int(*d.ms);
        else if (problems)
            *problems << QStringLiteral("%1:%2: @connection-timeout %3").arg(where).arg(request.line).arg(d.error);
    }
    if (request.hasDirective(Timeout)) {
        // `# @timeout 10` is seconds (JetBrains); `500ms`, `2m` as httpyac writes them. The ceiling
        // is --timeout's and the Options page's (a week): one rule everywhere.
        const Duration::Result d = Duration::parse(request.directive(Timeout));
        if (d.ms)
            options.idleTimeoutMs = int(*d.ms);
        else if (problems)
            *problems << QStringLiteral("%1:%2: @timeout %3").arg(where).arg(request.line).arg(d.error);
    }
}

void RequestPipeline::writeDirectives(const RequestOptions &options, HttpRequest &request)
{
    const RequestOptions defaults = RequestContext::defaultOptions();
    QList<Directive> kept;
    qsizetype at = -1; // where the first option directive stood, so a save does not reorder them
    for (const Directive &d : std::as_const(request.directives)) {
        if (d.name == NoRedirect || d.name == Insecure || d.name == Timeout) {
            if (at < 0)
                at = kept.size();
            continue;
        }
        kept.append(d);
    }
    QList<Directive> wanted;
    if (options.redirects == RedirectMode::Off)
        wanted.append({ NoRedirect, {} });
    if (!options.verifyTls)
        wanted.append({ Insecure, {} });
    // A timeout directive that still says the same thing is kept as written ("10" stays "10", and
    // "30" stays although it is the default); one that does not parse is kept untouched, so the
    // pipeline reports it in the app as in `run` instead of a save silently dropping it (until the
    // user sets a timeout on the Options page).
    const QString previous = request.directive(Timeout);
    const Duration::Result parsed = Duration::parse(previous);
    const bool unchanged = parsed.ms ? *parsed.ms == options.idleTimeoutMs
                                     : options.idleTimeoutMs == defaults.idleTimeoutMs; // what the tab showed
    if (request.hasDirective(Timeout) && unchanged)
        wanted.append({ Timeout, previous });
    else if (options.idleTimeoutMs != defaults.idleTimeoutMs)
        wanted.append({ Timeout, Duration::format(options.idleTimeoutMs) });
    if (at < 0)
        at = kept.size();
    for (qsizetype i = 0; i < wanted.size(); ++i)
        kept.insert(at + i, wanted.at(i));
    request.directives = kept;
}

PreparedRequest RequestPipeline::prepare(
    const HttpFile &file, qsizetype index, const QString &filePath, const RequestContext &context)
{
    const HttpRequest &r = file.requests.at(index);
    const QString shown = context.resolve.shownPath.isEmpty() ? filePath : context.resolve.shownPath;
    PreparedRequest out;
    out.name = r.displayName();
    out.line = r.line;
    out.resolved = RequestResolver::resolve(file, index, filePath, context.environment, context.resolve);
    const ResolvedRequest &rr = out.resolved;
    for (UnresolvedVariable u : rr.unresolved) {
        u.file = shown;
        out.problems << u.toString();
    }
    out.problems += rr.errors;

    RequestSpec &s = out.spec;
    s.method = rr.method.toUtf8();
    s.url = rr.url;
    for (const HeaderLine &h : rr.headers)
        s.headers.append({ h.name.toUtf8(), h.value.toUtf8() });
    s.hasBody = rr.hasBody;
    s.body = rr.body;
    s.bodyFile = rr.bodyFile;
    s.options = context.base;
    if (!context.environmentVerifiesTls)
        s.options.verifyTls = false;
    applyDirectives(r, s.options, &out.directiveProblems, shown);
    out.problems += out.directiveProblems;
    // A spec with {{placeholders}} left is invalid for that reason alone: say that, not "bad URL".
    if (rr.unresolved.isEmpty())
        for (const QString &e : validate(s))
            out.problems << QStringLiteral("%1:%2: %3: %4").arg(shown).arg(r.line).arg(out.name, e);
    return out;
}

} // namespace verbscope::collections
