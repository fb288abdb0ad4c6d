// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/CollectionRunner.h"

#include "core/collections/Assertions.h"
#include "core/collections/CollectionTrust.h"
#include "core/collections/HandlerBlocks.h"
#include "core/collections/RequestReferences.h"
#include "core/diagnosis/Classifier.h"
#include "core/http/Call.h"
#include "core/http/CookieJar.h"
#include "core/http/Engine.h"
#include "core/http/Secrets.h"
#include "core/scripting/ScriptEngine.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace verbscope::collections {

namespace {
constexpr const char *NotSentYet = "has not been sent yet";
} // namespace

void RunSession::remember(const QString &path, const QString &name, Answer answer)
{
    m_answers.insert(path + QLatin1Char('|') + name, std::move(answer));
}

const RunSession::Answer *RunSession::answer(const QString &path, const QString &name) const
{
    const auto it = m_answers.constFind(path + QLatin1Char('|') + name);
    return it == m_answers.constEnd() ? nullptr : &*it;
}

RunSession::RunSession() = default;
RunSession::~RunSession() = default;

scripting::ScriptEngine &RunSession::scripts()
{
    if (!m_scripts) {
        m_scripts = std::make_unique<scripting::ScriptEngine>();
        m_scripts->setEnvironment(m_environment);
    }
    return *m_scripts;
}

std::shared_ptr<http::CookieJar> RunSession::cookieJar()
{
    if (!m_cookieJar)
        m_cookieJar = std::make_shared<http::CookieJar>();
    return m_cookieJar;
}

void RunSession::setEnvironment(const VariableMap &environment)
{
    m_environment = environment;
    if (m_scripts)
        m_scripts->setEnvironment(environment);
}

VariableMap RunSession::globals() const
{
    return m_scripts ? m_scripts->globals() : VariableMap();
}

namespace {
// A handler file or a `>>` target: relative to the .http file. An imported file that is not trusted
// reaches nothing outside its folder (CollectionTrust), as with `< file` bodies.
QString localPath(const RunFile &file, const QString &written, QString *refusal)
{
    const QString path = QDir::cleanPath(QFileInfo(file.path).absoluteDir().absoluteFilePath(written.trimmed()));
    const CollectionTrust::Origin origin = CollectionTrust::originOf(file.path);
    if (origin.needsConsent() && !path.startsWith(QDir::cleanPath(origin.markerDir) + QLatin1Char('/')))
        *refusal = QStringLiteral("%1 is outside the imported collection's folder %2 (trust it with run --trust, or "
                                  "Allow in the app)")
                       .arg(path, origin.markerDir);
    return path;
}

QString shownPath(const RunFile &file, const QString &written)
{
    const QString dir = QFileInfo(file.relativePath).path();
    return QDir::cleanPath(dir == QLatin1String(".") ? written.trimmed() : dir + QLatin1Char('/') + written.trimmed());
}

// The script's text: the block itself, or the file it names.
bool scriptSource(const RunFile &file, const HandlerBlock &block, scripting::ScriptSource *source, QString *error)
{
    if (block.kind == HandlerBlock::Kind::Script) {
        *source = { block.text, file.relativePath, block.line };
        return true;
    }
    QString refusal;
    const QString path = localPath(file, block.text, &refusal);
    if (!refusal.isEmpty()) {
        *error = QStringLiteral("%1:%2: script file not read: %3").arg(file.relativePath).arg(block.line).arg(refusal);
        return false;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1:%2: cannot read script file %3: %4")
                     .arg(file.relativePath)
                     .arg(block.line)
                     .arg(path, f.errorString());
        return false;
    }
    *source = { QString::fromUtf8(f.readAll()), shownPath(file, block.text), 1 };
    return true;
}

void record(const scripting::ScriptOutcome &outcome, const scripting::ScriptSource &source, RunStep &step)
{
    for (const scripting::ScriptTest &t : outcome.tests)
        step.tests.append({ RunTest::Kind::ScriptTest, t.name, source.file, t.line, t.passed, t.message });
    if (!outcome.ok())
        step.tests.append({ RunTest::Kind::ScriptError, outcome.error, source.file,
            outcome.errorLine ? outcome.errorLine : source.line, false, outcome.error });
    step.log += outcome.log;
}

scripting::ScriptRequest scriptRequestOf(const http::RequestSpec &spec)
{
    return { QString::fromUtf8(spec.method), spec.url, spec.headers, spec.body };
}

// `>> out.json` writes a new file (out-1.json… when it exists, as httpyac does); `>>! out.json`
// replaces it. The decoded body, whole, or nothing.
void saveResponse(const RunFile &file, const HandlerBlock &block, RunStep &step)
{
    const bool overwrite = block.kind == HandlerBlock::Kind::SaveResponseOverwrite;
    const QString where = QStringLiteral("%1:%2").arg(file.relativePath).arg(block.line);
    const http::Response &response = step.exchange.response;
    if (!response.received) {
        step.problems << QStringLiteral("%1: response not saved: no answer").arg(where);
        return;
    }
    if (response.bodyTruncated || response.decodeStopped) {
        step.problems << QStringLiteral("%1: response not saved: the body was not kept whole (%2 of %3 bytes)")
                             .arg(where)
                             .arg(response.body.size())
                             .arg(response.decodedSize);
        return;
    }
    QString refusal;
    QString path = localPath(file, block.text, &refusal);
    if (!refusal.isEmpty()) {
        step.problems << QStringLiteral("%1: response not saved: %2").arg(where, refusal);
        return;
    }
    if (!overwrite && QFileInfo::exists(path)) {
        const QFileInfo info(path);
        const QString suffix = info.completeSuffix().isEmpty() ? QString() : QLatin1Char('.') + info.completeSuffix();
        for (int n = 1;; ++n) {
            const QString candidate
                = info.dir().filePath(info.baseName() + QLatin1Char('-') + QString::number(n) + suffix);
            if (!QFileInfo::exists(candidate)) {
                path = candidate;
                break;
            }
        }
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile out(path);
    if (QFileInfo(path).isSymLink() || !out.open(QIODevice::WriteOnly)
        || out.write(response.body) != response.body.size() || !out.commit()) {
        step.problems << QStringLiteral("%1: response not saved to %2: %3")
                             .arg(where, path,
                                 QFileInfo(path).isSymLink() ? QStringLiteral("it is a symbolic link")
                                                             : out.errorString());
        return;
    }
    step.notes << QStringLiteral("saved the response body to %1 (%2 bytes)").arg(path).arg(response.body.size());
}
} // namespace

bool RunSession::beforeRequest(const RunFile &file, const HttpRequest &request, VariableMap &variables, RunStep &step)
{
    if (request.preRequestScripts.isEmpty())
        return true;
    const HandlerParse parse = HandlerBlocks::ofPreRequest(request, file.relativePath);
    http::RequestSpec written;
    written.method = request.method.toUtf8();
    written.url = request.target;
    for (const HeaderLine &h : request.headers)
        written.headers.append({ h.name.toUtf8(), h.value.toUtf8() });
    written.body = request.body.toUtf8();
    for (const HandlerBlock &block : parse.blocks) {
        scripting::ScriptSource source;
        QString error;
        if (!scriptSource(file, block, &source, &error)) {
            step.problems << error;
            return false;
        }
        scripting::ScriptRequest seen = scriptRequestOf(written);
        seen.name = request.title.isEmpty() ? request.displayName() : request.title; // pm.info.requestName
        const scripting::ScriptOutcome outcome = scripts().runPreRequest(source, seen, variables);
        record(outcome, source, step);
        if (!outcome.ok()) {
            step.problems << QStringLiteral("%1:%2: pre-request script failed: %3")
                                 .arg(source.file)
                                 .arg(outcome.errorLine ? outcome.errorLine : source.line)
                                 .arg(outcome.error);
            return false;
        }
    }
    return true;
}

void RunSession::afterResponse(const RunFile &file, const HttpRequest &request, RunStep &step)
{
    const http::Exchange &ex = step.exchange;
    // What the jar sent, stored and refused, hop by hop: said, never only done.
    for (const http::Hop &hop : ex.redirects)
        for (const QString &n : hop.cookieNotes)
            step.notes << QStringLiteral("cookies (%1): %2").arg(hop.request.url, n);
    for (const QString &n : ex.cookieNotes)
        step.notes << QStringLiteral("cookies: %1").arg(n);
    step.verdict = diagnosis::verdictId(diagnosis::Classifier::verdict(ex));
    const HandlerParse parse = HandlerBlocks::ofHandlers(request, file.relativePath);
    VariableMap variables; // request.variables.set in handlers: seen by later handlers of this request
    scripting::ScriptRequest sent = scriptRequestOf(step.spec);
    sent.name = request.title.isEmpty() ? request.displayName() : request.title; // pm.info.requestName
    bool tested = false;
    for (const HandlerBlock &block : parse.blocks) {
        switch (block.kind) {
        case HandlerBlock::Kind::Script:
        case HandlerBlock::Kind::ScriptFile: {
            scripting::ScriptSource source;
            QString error;
            if (!scriptSource(file, block, &source, &error)) {
                step.tests.append({ RunTest::Kind::ScriptError, error, file.relativePath, block.line, false, error });
                tested = true;
                break;
            }
            record(scripts().runResponseHandler(source, sent, ex, variables), source, step);
            tested = true;
            break;
        }
        case HandlerBlock::Kind::Assertion: {
            const Assertion a = Assertions::parse(block.text, block.line);
            VariableMap scope = globals();
            scope.insert(variables);
            const ScriptContext js { a.subject == Assertion::Subject::JavaScript ? &scripts() : nullptr, sent, scope };
            for (const AssertionResult &r : Assertions::evaluate({ a }, step.spec, ex, js))
                step.tests.append({ RunTest::Kind::Assertion, r.text, file.relativePath, r.line, r.passed, r.message });
            tested = true;
            break;
        }
        case HandlerBlock::Kind::SaveResponse:
        case HandlerBlock::Kind::SaveResponseOverwrite: saveResponse(file, block, step); break;
        case HandlerBlock::Kind::ResponseReference: break; // the JetBrains IDE's comparison; kept, not run
        }
    }
    // With tests they decide, whatever the status: `?? status == 405` pins a refusal.
    step.passed = !ex.error.isError() && ex.response.received && (tested || ex.response.head.status < 400);
    for (const RunTest &t : std::as_const(step.tests))
        step.passed = step.passed && t.passed;
    if (!request.name.isEmpty())
        remember(file.path, request.name, { step.spec, step.exchange });
}

std::function<bool(const QString &, QString *, QString *)> RunSession::referenceLookup(const RunFile &file) const
{
    QSet<QString> names;
    for (const HttpRequest &r : file.file.requests)
        names.insert(r.name);
    return [this, names, path = file.path](const QString &variable, QString *value, QString *reason) {
        const std::optional<RequestReference> ref = RequestReference::parse(variable);
        if (ref->httpyacForm && !names.contains(ref->name))
            return false; // {{api.base}}: a variable that happens to have a dot
        const Answer *a = answer(path, ref->name);
        if (!a) {
            *reason = QStringLiteral("%1 %2").arg(ref->name, QLatin1String(NotSentYet));
            return false;
        }
        *value = ref->valueIn(a->sent, a->exchange, reason);
        return reason->isEmpty();
    };
}

struct CollectionRunner::Job {
    int file = 0;
    int request = 0;
    int pass = 0;
    bool dependency = false;
    QStringList chain; // the requests waiting for this one, outermost first
};

namespace {
QString keyOf(int file, int request)
{
    return QString::number(file) + QLatin1Char('|') + QString::number(request);
}

// `{{ login.response.body.$.token }}` (and httpyac's `{{login.token}}`) anywhere in a text: the
// request names among `names` it refers to.
QStringList referencedNames(const QString &text, const QSet<QString> &names)
{
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_-]+)[.\\[]"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        if (const QString n = it.next().captured(1); names.contains(n))
            out << n;
    return out;
}

QString textOf(const HttpRequest &r)
{
    QString text = r.target + QLatin1Char('\n') + r.body;
    for (const HeaderLine &h : r.headers)
        text += QLatin1Char('\n') + h.name + QLatin1Char(':') + h.value;
    for (const FileVariable &v : r.variables)
        text += QLatin1Char('\n') + v.value;
    return text;
}

// A script can set any variable (`client.global.set`, `request.variables.set`): with one in the
// file, a name nothing else defines is not an error before the run.
bool hasScripts(const HttpRequest &r)
{
    if (!r.preRequestScripts.isEmpty())
        return true;
    for (const QString &line : r.handlers.split(QLatin1Char('\n')))
        if (line.startsWith(QLatin1String("> ")) || line.startsWith(QLatin1String("?? js")))
            return true;
    return false;
}
} // namespace

CollectionRunner::CollectionRunner(RunPlan plan, std::shared_ptr<RunSession> session, QObject *parent)
    : QObject(parent)
    , m_plan(std::move(plan))
    , m_session(session ? std::move(session) : std::make_shared<RunSession>())
    , m_engine(std::make_unique<http::Engine>())
{
    if (m_plan.parallel < 1)
        m_plan.parallel = 1;
    m_session->setEnvironment(m_plan.context.environment);
    // Values from outside the file can refer to a request too (an environment's `{{login.token}}`).
    QString outside;
    QList<VariableMap> sources = m_plan.iterations;
    sources << m_plan.context.environment << m_plan.overrides;
    for (const VariableMap &values : std::as_const(sources))
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            outside += it.value() + QLatin1Char('\n');
    for (int f = 0; f < m_plan.files.size(); ++f) {
        const HttpFile &file = m_plan.files.at(f).file;
        QString fileText = outside;
        for (const FileVariable &v : file.variables)
            fileText += v.value + QLatin1Char('\n');
        QSet<QString> names;
        for (const HttpRequest &r : file.requests)
            if (!r.name.isEmpty())
                names.insert(r.name);
        const bool fileRefers = !referencedNames(fileText, names).isEmpty();
        QSet<QString> referenced;
        bool scripts = false;
        for (const HttpRequest &r : file.requests) {
            for (const QString &n : referencedNames(textOf(r), names))
                referenced.insert(n);
            scripts = scripts || hasScripts(r);
        }
        if (scripts)
            m_scripted.insert(f);
        QSet<QString> defined;
        for (const FileVariable &v : file.variables)
            defined.insert(v.name);
        for (const HttpRequest &r : file.requests)
            for (const FileVariable &v : r.variables)
                defined.insert(v.name);
        m_fileDefined.append(defined);
        for (int k = 0; k < file.requests.size(); ++k) {
            const HttpRequest &r = file.requests.at(k);
            if (fileRefers || hasScripts(r) || !referencedNames(textOf(r), names).isEmpty()
                || (!r.name.isEmpty() && referenced.contains(r.name)))
                m_ordered.insert(keyOf(f, k));
        }
    }
    const int passes = m_plan.iterations.isEmpty() ? 1 : int(m_plan.iterations.size());
    for (int pass = 0; pass < passes; ++pass)
        for (int f = 0; f < m_plan.files.size(); ++f) {
            const RunFile &file = m_plan.files.at(f);
            for (int k = 0; k < file.file.requests.size(); ++k)
                if (!m_plan.selected || m_plan.selected(file, file.file.requests.at(k)))
                    m_queue.append({ f, k, pass, false, {} });
        }
}

CollectionRunner::~CollectionRunner() = default;

// Whether a request of the file has the reference's name. An unknown REST Client reference is an
// error that names it; httpyac's `{{a.b}}` form is then an ordinary variable with a dot (no reason).
bool CollectionRunner::names(int file, const RequestReference &ref, QString *reason) const
{
    if (indexOfName(file, ref.name) >= 0)
        return true;
    if (!ref.httpyacForm)
        *reason = QStringLiteral("no request in this file is named %1 (# @name %1)").arg(ref.name);
    return false;
}

bool CollectionRunner::isOrdered(int file, int request) const
{
    return m_ordered.contains(keyOf(file, request));
}

qsizetype CollectionRunner::indexOfName(int file, const QString &name) const
{
    const QList<HttpRequest> &requests = m_plan.files.at(file).file.requests;
    for (qsizetype k = 0; k < requests.size(); ++k)
        if (requests.at(k).name == name)
            return k;
    return -1;
}

RequestContext CollectionRunner::contextFor(const Job &job, const VariableMap *variables) const
{
    RequestContext context = m_plan.context;
    context.resolve.shownPath = m_plan.files.at(job.file).relativePath;
    context.resolve.variables = variables;
    return context;
}

// Environment, the --data row, then the file's variables up to this request, then --var. Requests
// in file order advance one map per file (linear in the file); a dependency computes its own.
VariableMap CollectionRunner::variablesFor(const Job &job)
{
    const HttpFile &file = m_plan.files.at(job.file).file;
    VariableMap base = m_plan.context.environment;
    if (!m_plan.iterations.isEmpty())
        base.insert(m_plan.iterations.at(job.pass));
    VariableMap vars;
    if (job.dependency) {
        vars = RequestResolver::variablesFor(file, job.request, base);
    } else {
        if (m_running.size() != m_plan.files.size()) {
            m_running = QList<VariableMap>(m_plan.files.size());
            m_runningAt = QList<int>(m_plan.files.size(), -2);
        }
        VariableMap &running = m_running[job.file];
        int &at = m_runningAt[job.file];
        if (at == -2 || at > job.request) {
            running = base;
            RequestResolver::advance(file, -1, running);
            at = -1;
        }
        while (at < job.request)
            RequestResolver::advance(file, ++at, running);
        vars = running;
    }
    vars.insert(m_plan.overrides);
    return vars;
}

// The requests this one refers to that have not answered yet, found by resolving it without
// reading files; references to names the file does not have are problems.
QStringList CollectionRunner::neededNames(const Job &job, const VariableMap &variables, QStringList *problems) const
{
    const RunFile &file = m_plan.files.at(job.file);
    RequestContext context = contextFor(job, &variables);
    context.resolve.readFiles = false;
    QStringList needed;
    context.resolve.reference = [&](const QString &variable, QString *value, QString *reason) {
        const std::optional<RequestReference> ref = RequestReference::parse(variable);
        if (const RunSession::Answer *a = m_session->answer(file.path, ref->name)) {
            *value = ref->valueIn(a->sent, a->exchange, reason);
            return reason->isEmpty();
        }
        if (!names(job.file, *ref, reason))
            return false;
        if (!needed.contains(ref->name))
            needed << ref->name;
        *reason = QLatin1String(NotSentYet);
        return false;
    };
    const ResolvedRequest dry
        = RequestResolver::resolve(file.file, job.request, file.path, m_plan.context.environment, context.resolve);
    Q_UNUSED(dry)
    const QString self = file.file.requests.at(job.request).name;
    for (const QString &n : std::as_const(needed))
        if (n == self || job.chain.contains(n)) {
            QStringList cycle = job.chain.mid(job.chain.indexOf(n));
            if (n == self && !job.chain.contains(n))
                cycle.clear();
            *problems << QStringLiteral("%1:%2: reference cycle: %3")
                             .arg(file.relativePath)
                             .arg(file.file.requests.at(job.request).line)
                             .arg((QStringList(cycle) << self << n).join(QStringLiteral(" -> ")));
        }
    return needed;
}

QStringList CollectionRunner::validate() const
{
    QStringList problems;
    QList<VariableMap> running(m_plan.files.size());
    QList<int> at(m_plan.files.size(), -2);
    for (const Job &job : m_queue) {
        if (job.pass > 0)
            break;
        const RunFile &file = m_plan.files.at(job.file);
        VariableMap &vars = running[job.file];
        if (at[job.file] == -2) {
            vars = m_plan.context.environment;
            if (!m_plan.iterations.isEmpty())
                vars.insert(m_plan.iterations.constFirst());
            RequestResolver::advance(file.file, -1, vars);
            at[job.file] = -1;
        }
        while (at[job.file] < job.request)
            RequestResolver::advance(file.file, ++at[job.file], vars);
        VariableMap withOverrides = vars;
        withOverrides.insert(m_plan.overrides);
        RequestContext context = contextFor(job, &withOverrides);
        // An answer comes later: a placeholder stands for it, so the rest is still checked.
        context.resolve.reference = [&](const QString &variable, QString *value, QString *reason) {
            const std::optional<RequestReference> ref = RequestReference::parse(variable);
            if (!names(job.file, *ref, reason))
                return false;
            *value = QStringLiteral("reference");
            return true;
        };
        const PreparedRequest prepared = RequestPipeline::prepare(file.file, job.request, file.path, context);
        QStringList mine = prepared.problems;
        if (!m_scripted.isEmpty()) // a global set by a script of any file
            for (UnresolvedVariable u : prepared.resolved.unresolved) {
                u.file = file.relativePath;
                if (u.reason.isEmpty() && !VariableResolver::isDynamic(u.name))
                    mine.removeAll(u.toString());
            }
        problems += mine;
    }
    problems.removeDuplicates();
    return problems;
}

void CollectionRunner::start()
{
    if (m_started)
        return;
    m_started = true;
    pump();
}

void CollectionRunner::exec()
{
    QEventLoop loop;
    connect(this, &CollectionRunner::finished, &loop, &QEventLoop::quit);
    start();
    if (!m_finished)
        loop.exec();
}

void CollectionRunner::pump()
{
    if (m_finished)
        return;
    while (!m_queue.isEmpty() && !m_bailed && m_inFlight < m_plan.parallel) {
        const Job &next = m_queue.constFirst();
        const bool ordered = isOrdered(next.file, next.request);
        // A chained or scripted request runs alone, and a new --data pass starts on a quiet run.
        if (m_inFlight > 0 && (ordered || m_orderedInFlight || next.pass != m_pass))
            break;
        startJob(m_queue.takeFirst());
    }
    while (m_nextToReport < m_steps.size() && m_stepDone.at(m_nextToReport))
        Q_EMIT stepFinished(m_nextToReport++);
    if (m_inFlight == 0 && (m_queue.isEmpty() || m_bailed) && m_nextToReport == m_steps.size()) {
        for (const Job &j : std::as_const(m_queue))
            m_notRun += j.dependency ? 0 : 1;
        m_queue.clear();
        m_finished = true;
        Q_EMIT finished();
    }
}

bool CollectionRunner::startJob(Job job)
{
    if (job.pass != m_pass) {
        if (job.pass > 0)
            m_session->forgetAnswers(); // each --data row runs the chain afresh
        m_pass = job.pass;
        m_sentThisPass.clear();
        m_running.clear();
    }
    const QString key = keyOf(job.file, job.request);
    if (m_sentThisPass.contains(key))
        return false; // it ran earlier in this pass, as a dependency: once
    const RunFile &file = m_plan.files.at(job.file);
    const HttpRequest &r = file.file.requests.at(job.request);
    VariableMap vars = variablesFor(job);
    QStringList problems;
    // Only a request whose text (or the variables it may read) refers to another needs the scan:
    // it resolves the whole request once more, which a plain run of many requests need not pay.
    const QStringList needed
        = isOrdered(job.file, job.request) || !m_scripted.isEmpty() ? neededNames(job, vars, &problems) : QStringList();
    QList<Job> first;
    for (const QString &n : needed) {
        const int at = int(indexOfName(job.file, n));
        // One that was tried in this pass and gave no answer is not tried again: the reference
        // then fails with what became of it.
        if (!m_sentThisPass.contains(keyOf(job.file, at)))
            first.append({ job.file, at, job.pass, true, QStringList(job.chain) << r.name });
    }
    if (problems.isEmpty() && !first.isEmpty()) {
        first.append(job);
        m_queue = first + m_queue;
        return false;
    }
    m_sentThisPass.insert(key);

    RunStep step;
    step.file = file.relativePath;
    step.path = file.path;
    step.requestIndex = job.request;
    step.line = r.line;
    step.name = http::redactText(r.displayName());
    step.iteration = m_plan.iterations.isEmpty() ? -1 : job.pass;
    step.dependency = job.dependency;
    // client.global values are variables: over the environment, under the file's own `@x = y`.
    const VariableMap globals = m_session->globals();
    for (auto it = globals.cbegin(); it != globals.cend(); ++it)
        if (!m_fileDefined.at(job.file).contains(it.key()) && !m_plan.overrides.contains(it.key()))
            vars.insert(it.key(), it.value());
    if (problems.isEmpty()) {
        VariableMap scriptVariables;
        if (!m_session->beforeRequest(file, r, scriptVariables, step)) {
            problems += step.problems;
            step.problems.clear();
        }
        scriptVariables.insert(m_plan.overrides); // --var still wins
        vars.insert(scriptVariables);
    }
    if (problems.isEmpty()) {
        RequestContext context = contextFor(job, &vars);
        // Built once per file: it holds the file's request names.
        if (m_lookups.size() != m_plan.files.size())
            m_lookups = QList<std::function<bool(const QString &, QString *, QString *)>>(m_plan.files.size());
        if (!m_lookups[job.file])
            m_lookups[job.file] = m_session->referenceLookup(file);
        const auto &lookup = m_lookups.at(job.file);
        context.resolve.reference = [&](const QString &variable, QString *value, QString *reason) {
            if (lookup(variable, value, reason))
                return true;
            // A dependency that was not sent says why, so the message leads to the cause.
            const QString name = RequestReference::parse(variable)->name;
            for (const RunStep &s : std::as_const(m_steps))
                if (s.path == file.path && file.file.requests.at(s.requestIndex).name == name && !s.problems.isEmpty())
                    *reason = QStringLiteral("%1 was not sent: %2").arg(name, s.problems.constFirst());
            return false;
        };
        PreparedRequest prepared = RequestPipeline::prepare(file.file, job.request, file.path, context);
        problems += prepared.problems;
        step.spec = std::move(prepared.spec);
        if (step.spec.options.useCookieJar)
            step.spec.options.cookieJar = m_session->cookieJar();
        if (m_plan.maxBodyInMemory > 0) {
            step.spec.options.maxBodyInMemory = m_plan.maxBodyInMemory;
            step.spec.options.maxRawBodyKept = m_plan.maxBodyInMemory;
        }
    }
    const qsizetype index = m_steps.size();
    step.problems = problems;
    m_steps.append(step);
    m_stepDone.append(false);
    if (!problems.isEmpty()) {
        finishStep(index);
        return true;
    }
    ++m_inFlight;
    m_orderedInFlight = isOrdered(job.file, job.request);
    http::Call *call = m_engine->send(m_steps.at(index).spec);
    auto done = [this, index, call] {
        m_steps[index].exchange = call->takeExchange();
        m_steps[index].sent = true;
        call->deleteLater();
        --m_inFlight;
        m_orderedInFlight = false;
        finishStep(index);
        pump();
    };
    if (call->isFinished())
        QMetaObject::invokeMethod(this, done, Qt::QueuedConnection);
    else
        connect(call, &http::Call::finished, this, done);
    return true;
}

void CollectionRunner::finishStep(qsizetype index)
{
    RunStep &step = m_steps[index];
    const RunFile *file = nullptr;
    for (const RunFile &f : std::as_const(m_plan.files))
        if (f.path == step.path)
            file = &f;
    const HttpRequest &r = file->file.requests.at(step.requestIndex);
    if (step.sent)
        m_session->afterResponse(*file, r, step);
    step.passed = step.passed && step.problems.isEmpty();
    m_bailed = m_bailed || (m_plan.bail && !step.passed);
    m_stepDone[index] = true;
}

RunSummary CollectionRunner::summary() const
{
    RunSummary s;
    s.notRun = m_notRun;
    for (const RunStep &step : m_steps)
        (step.passed ? s.passed : s.failed) += 1;
    return s;
}

} // namespace verbscope::collections
