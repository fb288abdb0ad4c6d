// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/Environments.h"

#include <QObject>

#include <functional>
#include <memory>

class QFileSystemWatcher;
class QTabWidget;
class QTimer;

namespace verbscope::collections {
class RunSession;
}
namespace verbscope::diagnosis {
struct Diagnosis;
}

namespace verbscope::ui {

class RequestTab;

// Ties request tabs to requests of `.http` files: opens a request in a tab, saves it back
// (atomic, and never over a change made by someone else without asking), re-reads it when
// another editor changes the file, resolves its {{variables}} with the active environment,
// and asks before unsaved work is lost: on close, on quit, and after a crash (drafts).
class CollectionTabs final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionTabs)
public:
    using NewTab = std::function<RequestTab *()>;
    CollectionTabs(QTabWidget *tabs, NewTab newTab, QObject *parent = nullptr);
    ~CollectionTabs() override;

    // Where environment files are looked up for requests opened from now on.
    void setRoot(const QString &dir) { m_root = dir; }
    void setEnvironment(const QString &name);
    QString environment() const { return m_environment; }

    // Focuses the tab already bound to the request, else opens one.
    RequestTab *open(const QString &file, int index);
    // Starts watching a tab restored from the last session and resolves its variables.
    void track(RequestTab *tab);
    static bool isBound(const RequestTab *tab);
    // The window's run session, shared by its bound tabs: answers of named requests (for
    // {{login.response.body.$.token}}) and, in `prompted`, the values given to `# @prompt`.
    const std::shared_ptr<collections::RunSession> &session() const { return m_session; }
    const collections::VariableMap &prompted() const { return *m_prompted; }
    static bool hasUnsavedChanges(const RequestTab *tab);

    // Ctrl+S: writes a bound tab back into its file. False when not saved.
    bool save(RequestTab *tab);
    // "Save to collection": appends the tab's request to `file` (created if new) and binds it.
    bool saveAs(RequestTab *tab, const QString &file, const QString &name);
    // Save / Discard / Cancel for a modified bound tab; true when it may close.
    bool confirmClose(RequestTab *tab);
    bool confirmQuit();
    // After a crash: each bound tab that differs from its file is offered back (Prompt id
    // "draftPrompt"); "Discard" loads the request from the file again.
    void offerDrafts();
    void pathMoved(const QString &from, const QString &to);
    // Re-reads the bound files that changed on disk (the watcher calls it).
    void checkFiles(const QStringList &paths);

Q_SIGNALS:
    void message(const QString &text);
    // A request sent before a tab's own because the tab referred to it: the history records it.
    void dependencyDiagnosed(const diagnosis::Diagnosis &diagnosis);

private:
    QList<RequestTab *> boundTabs() const;
    bool load(RequestTab *tab, const QString &file, int index, bool keepEdits);
    void applyVariables(RequestTab *tab);
    void watch(const QString &file);
    QString rootFor(const QString &file) const;
    bool askPrompts(RequestTab *tab, const QStringList &prompts);

    QTabWidget *m_tabs;
    NewTab m_newTab;
    QFileSystemWatcher *m_watcher;
    QTimer *m_checkTimer;
    QStringList m_changed;
    QString m_root;
    QString m_environment;
    std::shared_ptr<collections::RunSession> m_session;
    std::shared_ptr<collections::VariableMap> m_prompted;
};

} // namespace verbscope::ui
