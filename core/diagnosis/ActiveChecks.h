// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnosis/Diagnosis.h"

#include <QObject>
#include <QPointer>

namespace verbscope::http {
class Call;
class Engine;
} // namespace verbscope::http

namespace verbscope::diagnosis {

// Sends the user's request, then gathers evidence with extra requests, each recorded as a
// Check: OPTIONS on the URL, the same method on a path that cannot exist (server-wide versus
// resource-level), GET on the URL (to recognise an ignored verb), then verifies the safe
// suggestions. A POST the user did not type is only sent with consent (tryOverride).
class ActiveChecks final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActiveChecks)
public:
    struct Options {
        bool passive = false; // the user's request only
        bool tryOverride = false; // consent to POSTs with each override variant and a plain POST
    };

    explicit ActiveChecks(http::Engine *engine, QObject *parent = nullptr);
    ~ActiveChecks() override;

    void start(const http::RequestSpec &spec, Options options);
    // The same, around a primary exchange that was already made (the GUI sends the user's
    // request itself, streaming its body to disk): nothing is sent twice. May emit finished()
    // before returning when there is nothing to check.
    void resume(const http::RequestSpec &spec, const http::Exchange &primary, Options options);
    void cancel();
    bool isFinished() const { return m_stage == Stage::Done; }
    const Diagnosis &diagnosis() const { return m_diagnosis; }

    // A sibling of the URL's last segment that cannot exist: /a/b → /a/.verbscope-check-<hex>.
    static QString impossibleSibling(const QString &url);

Q_SIGNALS:
    void progress(const QString &what);
    void finished();

private:
    enum class Stage { Idle, Primary, Evidence, Verification, Done };
    void primaryDone();
    void planEvidence();
    void planVerification();
    void runNext();
    void stageDone();
    http::RequestSpec checkSpec(const QByteArray &method, const QString &url) const;

    http::Engine *m_engine;
    QPointer<http::Call> m_call;
    http::RequestSpec m_spec;
    Options m_options;
    Stage m_stage = Stage::Idle;
    http::Exchange m_primary;
    QList<Check> m_pending;
    QList<Check> m_done;
    Diagnosis m_diagnosis;
};

} // namespace verbscope::diagnosis
