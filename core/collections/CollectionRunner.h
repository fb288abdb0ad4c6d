// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/RequestPipeline.h"
#include "core/collections/RunStep.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

namespace verbscope::http {
class CookieJar;
class Engine;
} // namespace verbscope::http
namespace verbscope::scripting {
class ScriptEngine;
}

namespace verbscope::collections {

struct RequestReference;

struct RunFile {
    QString path; // absolute
    QString relativePath; // as messages name it
    HttpFile file;
};

// What a run (the CLI's `run`) or an app window remembers between requests: the answers of named
// requests, for `{{login.response.body.$.token}}`. The script engine's `client.global` and the
// cookie jar join it (issue 20).
class RunSession
{
public:
    RunSession();
    ~RunSession();
    RunSession(const RunSession &) = delete;
    RunSession &operator=(const RunSession &) = delete;

    struct Answer {
        http::RequestSpec sent;
        http::Exchange exchange;
    };
    // By file path and @name: references stay within their file, as in REST Client and httpyac.
    void remember(const QString &path, const QString &name, Answer answer);
    const Answer *answer(const QString &path, const QString &name) const;
    void forgetAnswers() { m_answers.clear(); }

    // The JavaScript engine of the run (created on first use): `client.global` lives as long as it.
    scripting::ScriptEngine &scripts();
    bool hasScriptEngine() const { return m_scripts != nullptr; }
    // The jar every request of the session uses unless it says `# @no-cookie-jar` (the JetBrains
    // client's jar per run); the app sets the environment's persisted jar instead.
    std::shared_ptr<http::CookieJar> cookieJar();
    void setCookieJar(std::shared_ptr<http::CookieJar> jar) { m_cookieJar = std::move(jar); }
    // `request.environment.get`: the selected environment's variables.
    void setEnvironment(const VariableMap &environment);
    // The variables scripts set with client.global.set; {{name}} reads them.
    VariableMap globals() const;

    // Before a request is prepared: its pre-request scripts (`< {% … %}`, `< ./setup.js`). What they
    // set with request.variables.set lands in `variables`; their tests and log go to `step`.
    // False when one failed (the request is then not sent; the reason is in step.problems).
    bool beforeRequest(const RunFile &file, const HttpRequest &request, VariableMap &variables, RunStep &step);
    // What the runner does once a request has answered, for the app's tabs too: its handlers in
    // file order (`> {% … %}` and `> ./file.js` scripts, `??` assertions, `>>`/`>>!` saves), then
    // remembering the answer under the request's @name. `step` has spec and exchange set and `sent`
    // true; its tests, log, notes, problems and passed are filled in.
    void afterResponse(const RunFile &file, const HttpRequest &request, RunStep &step);
    // The reference lookup for RequestContext::resolve.reference: values from remembered answers.
    std::function<bool(const QString &, QString *, QString *)> referenceLookup(const RunFile &file) const;

private:
    QHash<QString, Answer> m_answers;
    std::unique_ptr<scripting::ScriptEngine> m_scripts;
    std::shared_ptr<http::CookieJar> m_cookieJar;
    VariableMap m_environment;
};

struct RunPlan {
    QList<RunFile> files;
    RequestContext context; // the environment and the options of a request without directives
    VariableMap overrides; // --var, over every other variable
    // Which requests run, in file order; unset: all. Dependencies run whatever it says.
    std::function<bool(const RunFile &, const HttpRequest &)> selected;
    QList<VariableMap> iterations; // --data: one pass over the selection per row; empty: one pass
    int parallel = 1; // requests at once; chained and scripted ones run alone
    bool bail = false; // after a failed request, start no more
    qint64 maxBodyInMemory = 0; // > 0: the cap on each kept body (run keeps every exchange)
};

// Runs the requests of `.http` files in order, as the JetBrains client, REST Client and httpyac do:
// request references send the request they name first (once per pass; a cycle is a problem that
// names the chain), `??` assertions decide pass and fail. The CLI's `run` and the app use it.
class CollectionRunner final : public QObject
{
    Q_OBJECT
public:
    CollectionRunner(RunPlan plan, std::shared_ptr<RunSession> session, QObject *parent = nullptr);
    ~CollectionRunner() override;

    // Every selected request checked before anything is sent (variables, body files, directives,
    // references to unknown names); empty when the run may start. A value only a script or an
    // earlier answer can give is not a problem yet.
    QStringList validate() const;
    void start();
    // start() and wait in a local event loop (the CLI).
    void exec();
    bool isFinished() const { return m_finished; }

    // In the order they were started: a dependency before the request that needed it.
    const QList<RunStep> &steps() const { return m_steps; }
    RunSummary summary() const;
    RunSession &session() { return *m_session; }

Q_SIGNALS:
    // Emitted in steps() order, each once.
    void stepFinished(qsizetype index);
    void finished();

private:
    struct Job;
    void pump();
    bool startJob(Job job);
    void finishStep(qsizetype index);
    QStringList neededNames(const Job &job, const VariableMap &variables, QStringList *problems) const;
    VariableMap variablesFor(const Job &job);
    RequestContext contextFor(const Job &job, const VariableMap *variables) const;
    qsizetype indexOfName(int file, const QString &name) const;
    bool names(int file, const RequestReference &ref, QString *reason) const;
    bool isOrdered(int file, int request) const;

    RunPlan m_plan;
    std::shared_ptr<RunSession> m_session;
    std::unique_ptr<http::Engine> m_engine;
    QList<Job> m_queue;
    QList<RunStep> m_steps;
    QList<bool> m_stepDone;
    QSet<QString> m_sentThisPass; // "file|request" sent in the current pass
    QList<VariableMap> m_running; // per file: the variables in force at m_runningAt
    QList<int> m_runningAt;
    QSet<QString> m_ordered; // "file|request" that must run alone: chained or scripted
    QSet<int> m_scripted; // files with a script: a script may define any variable, for any file
    QList<QSet<QString>> m_fileDefined; // per file: the names its `@x = y` lines define
    QList<std::function<bool(const QString &, QString *, QString *)>> m_lookups; // per file: references
    int m_pass = -1;
    int m_inFlight = 0;
    bool m_orderedInFlight = false;
    bool m_bailed = false;
    bool m_started = false;
    bool m_finished = false;
    qsizetype m_nextToReport = 0;
    int m_notRun = 0;
};

} // namespace verbscope::collections
