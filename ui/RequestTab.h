// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/RunStep.h"
#include "core/diagnosis/Diagnosis.h"
#include "ui/Prompt.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

#include <functional>

namespace verbscope {
class AppServices;
}

namespace verbscope::http {
class Call;
class CookieJarStore;
class Engine;
} // namespace verbscope::http

namespace verbscope::diagnosis {
class ActiveChecks;
}

namespace verbscope::ui {

class DiagnosisPanel;
class RequestEditor;
class ResponseView;

// One request tab: the editor, the response and the diagnosis of it. Sends through the services'
// engine without blocking (the body streams to a file in their body folder), then diagnoses the
// answer and runs the suggestions the user clicks.
class RequestTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestTab)
public:
    // Asks the user before VerbScope sends something they did not type; true = go ahead.
    using Confirm = Prompt::Confirm;

    explicit RequestTab(AppServices &services, QWidget *parent = nullptr);
    ~RequestTab() override;

    RequestEditor *editor() const { return m_editor; }
    ResponseView *response() const { return m_response; }
    DiagnosisPanel *diagnosisPanel() const { return m_panel; }
    const diagnosis::Diagnosis &diagnosis() const { return m_diagnosis; }
    // The last answer shown: the one sent from this tab or a recorded one.
    const http::Exchange &exchange() const { return m_primary; }
    // Shows an exchange from the history as if it had just been sent (no checks are run).
    void showRecorded(const http::RequestSpec &spec, const http::Exchange &exchange, const QString &context);
    // Shows a history entry as it was recorded: the stored diagnosis and checks, not a new one.
    // `checksRan`: the checks were run then, so they are not offered again.
    void showReopened(const diagnosis::Diagnosis &diagnosis, bool checksRan);

    void send();
    void cancel();
    bool isBusy() const;
    QString title() const;
    bool isModified() const;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void copyAsCurl();
    void copyAsCommand();
    // "Copy as" a code target (core/collections/codegen), by its `export --to` id.
    void copyAs(const QString &targetId);
    // A tab bound to a `.http` request sends what the request pipeline makes of the editor's
    // request (collections::RequestPipeline, as `verbscope-cli run` does): given the edited
    // request (variables unresolved), it fills `out` or returns why it cannot be sent.
    using Prepare = std::function<QStringList(const http::RequestSpec &edited, http::RequestSpec *out)>;
    void setPrepare(Prepare prepare);
    // Asked before each send, before anything is prepared: false stops it (an imported request
    // that would read local files or the environment, and the user said no; CollectionTabs).
    using Consent = std::function<bool(const http::RequestSpec &edited)>;
    void setConsent(Consent consent) { m_consent = std::move(consent); }
    // The environment whose cookie jar this tab's sends use and fill ("" for a plain tab).
    void setCookieEnvironment(const QString &environment) { m_cookieEnvironment = environment; }
    QString cookieEnvironment() const { return m_cookieEnvironment; }
    // That environment's jar: what the requests sent before this one (CollectionTabs) use too.
    std::shared_ptr<http::CookieJar> cookieJar() const;
    // Runs before each send, after consent (CollectionTabs: `# @prompt` questions, then the
    // requests it refers to, sent first). It calls `go(true)` to send, now or later, or
    // `go(false)` (or nothing, when it returns null) when the send is off; what it returns, if
    // anything, is deleted by Cancel.
    using BeforeSend = std::function<QObject *(const http::RequestSpec &edited, std::function<void(bool)> go)>;
    void setBeforeSend(BeforeSend before) { m_beforeSend = std::move(before); }
    // Runs once the answer is in (`??` assertions, scripts): `step` has spec and exchange; its
    // tests and log go to the response's Tests tab.
    using AfterResponse = std::function<void(collections::RunStep &step)>;
    void setAfterResponse(AfterResponse after) { m_afterResponse = std::move(after); }
    // What Send would send now, or the reasons it cannot be sent.
    QStringList sendableSpec(http::RequestSpec *out) const;

    QJsonObject saveState() const;
    void restoreState(const QJsonObject &state);
    // The collection request this tab edits (file, request, what was saved; see
    // CollectionTabs), empty when unbound. A bound tab is modified when it differs from its file.
    QJsonObject binding() const { return m_binding; }
    void setBinding(const QJsonObject &binding);

    // Evidence requests are worth their cost when the answer needs explaining: anything but a
    // 2xx/3xx to GET, HEAD or OPTIONS (docs/desktop.md).
    static bool wantsChecks(const http::RequestSpec &spec, const http::Exchange &exchange);

Q_SIGNALS:
    void titleChanged();
    void busyChanged(bool busy);
    void statusMessage(const QString &message);
    void openRequest(const http::RequestSpec &spec, bool sendNow);
    // A send from this tab is done, checks included: what the history records.
    void exchangeDiagnosed(const diagnosis::Diagnosis &diagnosis);

private:
    void sendNow();
    void callFinished();
    void runChecks(bool tryOverride);
    void checksFinished(bool tryOverride);
    void setBusy(bool busy);
    void triggerSuggestion(const QString &id);
    void showCheck(int index);

    http::Engine *m_engine;
    http::CookieJarStore *m_cookieJars;
    QString m_cookieEnvironment;
    QString m_bodyDir;
    RequestEditor *m_editor;
    ResponseView *m_response;
    DiagnosisPanel *m_panel;
    QPointer<http::Call> m_call;
    QPointer<diagnosis::ActiveChecks> m_checks;
    http::RequestSpec m_spec; // what was sent last
    http::Exchange m_primary;
    diagnosis::Diagnosis m_diagnosis;
    QString m_bodyFile;
    QJsonObject m_cleanState;
    QJsonObject m_binding;
    Confirm m_confirm;
    Prepare m_prepare;
    Consent m_consent;
    BeforeSend m_beforeSend;
    AfterResponse m_afterResponse;
    QPointer<QObject> m_pending; // what BeforeSend started
    int m_sendId = 0; // a `go` from an earlier, cancelled send is ignored
    QElapsedTimer m_progressClock;
    bool m_busy = false;
    bool m_recordPending = false; // the next finished diagnosis is a new send's
};

} // namespace verbscope::ui
