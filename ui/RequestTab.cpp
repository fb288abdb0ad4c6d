// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/RequestTab.h"

#include "ui/Prompt.h"

#include "core/AppServices.h"
#include "core/collections/codegen/CodeGenerator.h"
#include "core/diagnosis/ActiveChecks.h"
#include "core/diagnosis/Diagnoser.h"
#include "core/http/Call.h"
#include "core/http/CookieJarStore.h"
#include "core/http/Engine.h"
#include "core/http/RequestText.h"
#include "ui/BodyView.h"
#include "ui/DiagnosisPanel.h"
#include "ui/RequestEditor.h"
#include "ui/ResponseView.h"

#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QSplitter>
#include <QUrl>
#include <QUuid>
#include <QVBoxLayout>

// One Call or one ActiveChecks runs at a time (isBusy). The exchange is reported once, through
// exchangeDiagnosed() after any checks, so MainWindow records it with its diagnosis and evidence.
namespace verbscope::ui {

using namespace verbscope::http;
using diagnosis::ActiveChecks;
using diagnosis::Diagnoser;

namespace {
constexpr qint64 RawBodyKept = 4LL * 1024 * 1024; // the Raw tab shows 64 KiB; the file has the rest
} // namespace

RequestTab::RequestTab(AppServices &services, QWidget *parent)
    : QWidget(parent)
    , m_engine(&services.engine())
    , m_cookieJars(&services.cookieJars())
    , m_bodyDir(services.bodyDir())
    , m_editor(new RequestEditor(this))
    , m_response(new ResponseView(this))
    , m_panel(new DiagnosisPanel(this))
    , m_confirm(Prompt::yesNo)
{
    setObjectName(QStringLiteral("requestTab"));
    auto *outer = new QSplitter(Qt::Horizontal, this);
    outer->setObjectName(QStringLiteral("tabSplitter"));
    auto *left = new QSplitter(Qt::Vertical, outer);
    left->addWidget(m_editor);
    left->addWidget(m_response);
    left->setStretchFactor(0, 1);
    left->setStretchFactor(1, 3);
    left->setSizes({ 250, 550 });
    outer->addWidget(left);
    outer->addWidget(m_panel);
    outer->setStretchFactor(0, 3);
    outer->setStretchFactor(1, 2);
    outer->setSizes({ 800, 480 });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(outer);

    connect(m_editor, &RequestEditor::sendRequested, this, &RequestTab::send);
    connect(m_editor, &RequestEditor::cancelRequested, this, &RequestTab::cancel);
    connect(m_editor, &RequestEditor::edited, this, &RequestTab::titleChanged);
    // A pasted curl command with several URLs or --next: the other requests open in new tabs.
    connect(m_editor, &RequestEditor::curlPasted, this, [this](const QList<http::RequestSpec> &others) {
        for (const http::RequestSpec &spec : others)
            Q_EMIT openRequest(spec, false);
        Q_EMIT statusMessage(tr("Pasted curl command: %n more request(s) opened in new tabs", "", int(others.size())));
    });
    connect(m_response, &ResponseView::backRequested, this, [this] { showCheck(-1); });
    connect(m_panel, &DiagnosisPanel::checkActivated, this, &RequestTab::showCheck);
    connect(m_panel, &DiagnosisPanel::suggestionTriggered, this, &RequestTab::triggerSuggestion);
    connect(m_panel, &DiagnosisPanel::copyCurlRequested, this, &RequestTab::copyAsCurl);
    connect(m_panel, &DiagnosisPanel::runChecksRequested, this, [this] {
        if (!isBusy() && m_primary.response.received)
            runChecks(false);
    });
    m_cleanState = m_editor->saveState();
}

RequestTab::~RequestTab()
{
    // Nothing may call back into a half-destroyed tab.
    if (m_checks)
        m_checks->disconnect();
    if (m_call) {
        m_call->disconnect();
        m_call->cancel();
        m_call->deleteLater();
    }
    if (!m_bodyFile.isEmpty())
        QFile::remove(m_bodyFile);
}

bool RequestTab::isBusy() const
{
    return m_busy;
}

void RequestTab::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    m_editor->setBusy(busy);
    Q_EMIT busyChanged(busy);
}

// A free request is named by its path, cut from the left: the end of a path is what tells two
// requests to the same server apart.
QString RequestTab::title() const
{
    if (!m_binding.isEmpty()) // a collection request is known by its name
        return m_editor->method() + QLatin1Char(' ') + m_binding.value(QStringLiteral("name")).toString();
    const QUrl url(m_editor->url().trimmed(), QUrl::TolerantMode);
    QString where = url.path();
    if (where.isEmpty() || where == QLatin1String("/"))
        where = url.host().isEmpty() ? tr("new request") : url.host() + url.path();
    else if (where.size() > 28)
        where = QStringLiteral("…") + where.right(27);
    return m_editor->method() + QLatin1Char(' ') + where;
}

// A bound tab compares with what was last saved to its file; a free tab, which has no file, with
// its state at the last send (the tab title's dot).
bool RequestTab::isModified() const
{
    if (!m_binding.isEmpty())
        return m_editor->saveState() != m_binding.value(QStringLiteral("saved")).toObject();
    return m_editor->saveState() != m_cleanState;
}

QJsonObject RequestTab::saveState() const
{
    QJsonObject state = m_editor->saveState();
    if (!m_binding.isEmpty())
        state.insert(QStringLiteral("binding"), m_binding);
    return state;
}

void RequestTab::restoreState(const QJsonObject &state)
{
    m_binding = state.value(QStringLiteral("binding")).toObject();
    m_editor->restoreState(state);
    m_cleanState = m_editor->saveState();
    Q_EMIT titleChanged();
}

void RequestTab::setBinding(const QJsonObject &binding)
{
    m_binding = binding;
    Q_EMIT titleChanged();
}

// Checks cost extra requests, so they start on their own only when there is something to explain:
// a successful GET, HEAD or OPTIONS needs none.
bool RequestTab::wantsChecks(const RequestSpec &spec, const Exchange &ex)
{
    if (!ex.response.received)
        return false;
    const int status = ex.response.head.status;
    const bool plainRead = spec.method == "GET" || spec.method == "HEAD" || spec.method == "OPTIONS";
    return !(plainRead && status >= 200 && status < 400);
}

// The spec goes through the same preparation as the Send button's check (setPrepare), so what is
// sent is what was validated. The previous body file is removed only once the new send is set up.
void RequestTab::send()
{
    if (isBusy() || !m_editor->problem().isEmpty())
        return;
    if (m_consent && !m_consent(m_editor->templateSpec())) {
        Q_EMIT statusMessage(tr("Not sent: not allowed to read local files or the environment"));
        return;
    }
    if (!m_beforeSend) {
        sendNow();
        return;
    }
    const int id = ++m_sendId;
    setBusy(true);
    QPointer<RequestTab> self(this);
    QObject *pending = m_beforeSend(m_editor->templateSpec(), [self, id](bool send) {
        if (!self || self->m_sendId != id)
            return;
        ++self->m_sendId; // once
        self->m_pending = nullptr;
        self->setBusy(false);
        if (send)
            self->sendNow();
    });
    if (m_sendId != id)
        return; // `go` ran already
    m_pending = pending;
    if (!pending)
        setBusy(false); // stopped before sending
}

// What Send does once prompts and dependencies are done.
void RequestTab::sendNow()
{
    if (isBusy())
        return;
    RequestSpec prepared;
    if (const QStringList problems = sendableSpec(&prepared); !problems.isEmpty()) {
        m_editor->showProblems(problems);
        Q_EMIT statusMessage(tr("Not sent: %1").arg(problems.constFirst()));
        return;
    }
    m_spec = prepared;
    RequestSpec spec = m_spec;
    // Every body streams to a file: memory stays flat whatever the size, and the body view
    // reads only what it shows.
    QDir().mkpath(m_bodyDir);
    const QString previous = m_bodyFile;
    m_bodyFile = QDir(m_bodyDir).filePath(QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral(".body"));
    spec.options.outputFile = m_bodyFile;
    spec.options.maxRawBodyKept = RawBodyKept;
    spec.options.cookieJar = m_cookieJars->jar(m_cookieEnvironment);
    m_response->showSending(tr("%1 %2").arg(QString::fromLatin1(spec.method), spec.url));
    if (!previous.isEmpty())
        QFile::remove(previous);
    m_panel->clear();
    m_panel->setProgress(tr("waiting for the answer"));
    m_cleanState = m_editor->saveState();
    Q_EMIT titleChanged();
    setBusy(true);
    m_recordPending = m_spec.options.keepInHistory; // `# @no-log` keeps it out of the history
    Q_EMIT statusMessage(tr("Sending %1 %2…").arg(QString::fromLatin1(spec.method), spec.url));

    m_call = m_engine->send(spec);
    m_progressClock.start();
    connect(m_call, &Call::headReceived, m_response, &ResponseView::showHead);
    connect(m_call, &Call::bodyProgress, this, [this](qint64 bytes) {
        if (m_progressClock.elapsed() < 100)
            return; // a label update per network chunk would keep the event loop busy
        m_progressClock.restart();
        m_response->showProgress(bytes);
    });
    connect(m_call, &Call::finished, this, &RequestTab::callFinished);
}

// A canceled call still ends in callFinished() (with a Canceled error); checks are torn down here.
void RequestTab::cancel()
{
    if (m_pending) {
        ++m_sendId;
        m_pending->deleteLater();
        m_pending = nullptr;
        setBusy(false);
        Q_EMIT statusMessage(tr("Send canceled"));
        return;
    }
    if (m_call) {
        m_call->cancel();
        return;
    }
    if (m_checks) {
        m_checks->disconnect(); // its last signals must not reach a panel showing newer results
        m_checks->cancel();
        m_checks->deleteLater();
        m_checks = nullptr;
        m_panel->setProgress(QString());
        m_panel->setDiagnosis(m_diagnosis, false);
        setBusy(false);
        if (std::exchange(m_recordPending, false))
            Q_EMIT exchangeDiagnosed(m_diagnosis);
        Q_EMIT statusMessage(tr("Checks canceled"));
    }
}

std::shared_ptr<http::CookieJar> RequestTab::cookieJar() const
{
    return m_cookieJars->jar(m_cookieEnvironment);
}

// The answer is diagnosed at once, so the panel has a verdict to show while checks still run.
void RequestTab::callFinished()
{
    Call *call = m_call;
    m_call = nullptr;
    m_primary = call->takeExchange();
    call->deleteLater();
    if (QString error; !m_cookieJars->save(m_cookieEnvironment, &error))
        Q_EMIT statusMessage(tr("Cookies not saved: %1").arg(error));
    Response &r = m_primary.response;
    // Small bodies also go to memory, where the diagnosis compares and fingerprints them.
    if (!r.bodyFile.isEmpty() && r.decodedSize <= BodyView::PrettyThreshold) {
        QFile f(r.bodyFile);
        if (f.open(QIODevice::ReadOnly))
            r.body = f.readAll();
    }
    m_response->showExchange(m_primary);
    if (m_afterResponse) {
        collections::RunStep step;
        step.spec = m_spec;
        step.exchange = m_primary;
        step.sent = true;
        m_afterResponse(step);
        m_response->showTests(step);
    }
    m_diagnosis = Diagnoser::diagnose(m_spec, m_primary);
    m_panel->setProgress(QString());
    m_panel->setDiagnosis(m_diagnosis, false);
    if (m_primary.error.isError())
        Q_EMIT statusMessage(tr("%1 error: %2").arg(errorKindName(m_primary.error.kind), m_primary.error.message));
    else
        Q_EMIT statusMessage(tr("%1 %2 → %3").arg(QString::fromLatin1(m_spec.method), m_spec.url).arg(r.head.status));
    if (wantsChecks(m_spec, m_primary)) {
        runChecks(false);
    } else {
        setBusy(false);
        if (std::exchange(m_recordPending, false))
            Q_EMIT exchangeDiagnosed(m_diagnosis);
    }
}

void RequestTab::runChecks(bool tryOverride)
{
    setBusy(true);
    m_checks = new ActiveChecks(m_engine, this);
    connect(m_checks, &ActiveChecks::progress, m_panel, &DiagnosisPanel::setProgress);
    connect(m_checks, &ActiveChecks::finished, this, [this, tryOverride] { checksFinished(tryOverride); });
    m_checks->resume(m_spec, m_primary, { false, tryOverride });
}

void RequestTab::checksFinished(bool tryOverride)
{
    ActiveChecks *checks = m_checks;
    m_checks = nullptr;
    m_diagnosis = checks->diagnosis();
    checks->deleteLater();
    m_panel->setProgress(QString());
    m_panel->setDiagnosis(m_diagnosis, true);
    setBusy(false);
    if (std::exchange(m_recordPending, false))
        Q_EMIT exchangeDiagnosed(m_diagnosis);
    if (tryOverride) {
        const diagnosis::Suggestion *s = m_diagnosis.suggestion(QStringLiteral("method-override"));
        Q_EMIT statusMessage(
            s ? tr("Method override: %1").arg(s->verification) : tr("Method override: nothing to try"));
    } else {
        Q_EMIT statusMessage(tr("Diagnosis done: %1 checks").arg(m_diagnosis.checks.size()));
    }
}

void RequestTab::showRecorded(const RequestSpec &spec, const Exchange &exchange, const QString &context)
{
    if (isBusy())
        return;
    m_spec = spec;
    m_primary = exchange;
    m_response->showExchange(m_primary, context);
    m_diagnosis = Diagnoser::diagnose(m_spec, m_primary);
    m_panel->setDiagnosis(m_diagnosis, false);
}

void RequestTab::showReopened(const diagnosis::Diagnosis &diagnosis, bool checksRan)
{
    if (isBusy())
        return;
    m_spec = diagnosis.request;
    m_primary = diagnosis.exchange;
    m_diagnosis = diagnosis;
    m_response->showExchange(m_primary);
    m_panel->setDiagnosis(m_diagnosis, checksRan);
}

void RequestTab::showCheck(int index)
{
    if (index < 0 || index >= m_diagnosis.checks.size()) {
        m_response->showExchange(m_primary);
        return;
    }
    const diagnosis::Check &c = m_diagnosis.checks.at(index);
    m_response->showExchange(c.exchange,
        tr("Showing check \"%1\": %2 %3 — %4")
            .arg(c.id, QString::fromLatin1(c.request.method), c.request.url, c.purpose));
}

// The method-override check sends POSTs, which can change data, so it asks first (m_confirm, which
// tests replace); fixing the verb only edits the request and sends nothing.
void RequestTab::triggerSuggestion(const QString &id)
{
    const diagnosis::Suggestion *s = m_diagnosis.suggestion(id);
    if (!s || isBusy())
        return;
    if (id == QLatin1String("method-override")) {
        const QString method = QString::fromLatin1(m_spec.method);
        QStringList sends { tr("a plain POST (to compare with)") };
        for (const QByteArray &h : Diagnoser::overrideHeaders())
            sends << tr("POST with %1: %2").arg(QString::fromLatin1(h), method);
        sends << tr("POST with the form body _method=%1").arg(method);
        const QString text = tr("To find out whether the server honours a method override, VerbScope will send %1 "
                                "requests to\n\n%2\n\n• %3\n\n"
                                "A POST can change data on the server. Send them?")
                                 .arg(sends.size())
                                 .arg(m_spec.url, sends.join(QStringLiteral("\n• ")));
        if (!m_confirm(this, tr("Send POST requests to %1?").arg(QUrl(m_spec.url).host()), text)) {
            Q_EMIT statusMessage(tr("Method override not tried: nothing was sent"));
            return;
        }
        m_panel->setSuggestionBusy(id, tr("Trying…"));
        runChecks(true);
        return;
    }
    if (!s->request)
        return;
    if (id == QLatin1String("fix-method-name")) {
        m_editor->setMethod(QString::fromLatin1(s->request->method));
        Q_EMIT statusMessage(tr("Method set to %1: press Send to try it").arg(QString::fromLatin1(s->request->method)));
        return;
    }
    // A request that could change the server opens for review; a safe one is sent at once.
    Q_EMIT openRequest(*s->request, !s->needsConsent);
}

void RequestTab::setPrepare(Prepare prepare)
{
    m_prepare = std::move(prepare);
    // The Send button follows what the pipeline says, not the editor's simpler check.
    m_editor->setValidator([this](const RequestSpec &edited) {
        RequestSpec ignored;
        return m_prepare(edited, &ignored);
    });
}

// A tab opened from a collection has a Prepare (CollectionTabs) that resolves {{variables}} and
// directives as `run` does; a free tab sends what the editor holds.
QStringList RequestTab::sendableSpec(RequestSpec *out) const
{
    if (!m_prepare) {
        *out = m_editor->spec();
        return {};
    }
    return m_prepare(m_editor->templateSpec(), out);
}

void RequestTab::copyAsCurl()
{
    RequestSpec spec;
    if (const QStringList problems = sendableSpec(&spec); !problems.isEmpty()) {
        Q_EMIT statusMessage(tr("Not copied: %1").arg(problems.constFirst()));
        return;
    }
    QGuiApplication::clipboard()->setText(curlCommandLine(spec));
    Q_EMIT statusMessage(tr("Copied the curl command line"));
}

void RequestTab::copyAsCommand()
{
    RequestSpec spec;
    if (const QStringList problems = sendableSpec(&spec); !problems.isEmpty()) {
        Q_EMIT statusMessage(tr("Not copied: %1").arg(problems.constFirst()));
        return;
    }
    QGuiApplication::clipboard()->setText(sendCommandLine(spec));
    Q_EMIT statusMessage(tr("Copied the verbscope-cli command line"));
}

void RequestTab::copyAs(const QString &targetId)
{
    const codegen::CodeGenerator *generator = codegen::CodeGenerator::byId(targetId);
    RequestSpec spec;
    if (const QStringList problems = sendableSpec(&spec); !generator || !problems.isEmpty()) {
        Q_EMIT statusMessage(tr("Not copied: %1").arg(generator ? problems.constFirst() : targetId));
        return;
    }
    QStringList notes;
    QGuiApplication::clipboard()->setText(generator->generate(spec, &notes));
    // What the target cannot send as typed is in the snippet; the status bar says the first.
    const QString label = QString(generator->label()).remove(QLatin1Char('&'));
    Q_EMIT statusMessage(
        notes.isEmpty() ? tr("Copied as %1").arg(label) : tr("Copied as %1 (%2)").arg(label, notes.constFirst()));
}

} // namespace verbscope::ui
