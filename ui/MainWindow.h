// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/RequestTab.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;
class QTimer;

namespace verbscope {
class AppServices;
}

namespace verbscope::http {
struct RequestSpec;
} // namespace verbscope::http

namespace verbscope::ui {

class CookiesDialog;
class MatrixView;
class CompareView;
class HistoryPanel;
class CollectionsPanel;
class CollectionTabs;

// The desktop app's window: request tabs (restored on restart), a sidebar reserved for
// history and collections, menus with the usual shortcuts, and the built-in demo server,
// which a first run opens so every 405/501 behaviour can be tried at once. The engine, history,
// demo server and settings belong to `services`, which must outlive the window.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(AppServices &services, QWidget *parent = nullptr);
    ~MainWindow() override;

    RequestTab *currentTab() const;
    RequestTab *tab(int index) const;
    int tabCount() const;
    RequestTab *newTab();
    void closeTab(int index);
    void duplicateTab(int index);
    void openRequest(const http::RequestSpec &spec, bool sendNow);

    // Opens `url` in the current tab when it is empty, else in a new one.
    void openUrl(const QString &url);
    void send();
    void cancel();
    // Opens (or focuses) a tab on the demo server's index and sends it.
    void openDemo();
    // The demo server's URL for `path`, starting the server on a free loopback port if needed.
    QString demoUrl(const QString &path = QStringLiteral("/"));
    // How every tab asks before sending what the user did not type (tests answer it).
    void setConfirm(RequestTab::Confirm confirm);
    // The method matrix window (Tools ▸ Method Matrix), created on first use; with `urls`
    // it is filled in with them and probes them at once (safe mode).
    MatrixView *openMatrix(const QStringList &urls = {});
    // Tools ▸ Cookies: the jar of the current tab's environment; one dialog, reopened on the jar in use.
    CookiesDialog *openCookies();
    void saveTabs();

    CollectionsPanel *collectionsPanel() const { return m_collections; }
    CollectionTabs *collectionTabs() const { return m_bound; }
    // Shows a folder of .http files (or a file's folder) in the Collections sidebar.
    void openCollection(const QString &path);
    // Ctrl+S: a bound tab goes back into its file; otherwise (or `chooseFile`) asks where.
    bool saveCurrentTab(bool chooseFile);
    // Whether the last session ended without a clean exit (its drafts are offered back).
    bool recoveredFromCrash() const { return m_crashed; }

    HistoryPanel *historyPanel() const { return m_history; }
    // Opens a recorded exchange in a new tab, its answer shown as it was.
    void openHistoryEntry(qint64 id);
    // Opens a window comparing two recorded exchanges, or one against the current tab's.
    CompareView *compareHistoryEntries(qint64 left, qint64 right);
    CompareView *compareWithCurrentTab(qint64 id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void restoreTabs();
    RequestTab *addTab(const QJsonObject &state);
    void updateTabTitle(RequestTab *tab);
    void scheduleSave();
    QString demoBase() const;
    QList<QByteArray> secretValues() const;
    void record(const diagnosis::Diagnosis &diagnosis);

    AppServices &m_services;
    QTabWidget *m_tabs;
    QLabel *m_demoStatus;
    QTimer *m_saveTimer;
    RequestTab::Confirm m_confirm;
    bool m_restoring = false;
    bool m_closing = false; // the next save is the last one of a clean exit
    bool m_crashed = false;
    CollectionsPanel *m_collections = nullptr;
    CollectionTabs *m_bound = nullptr;
    HistoryPanel *m_history;
};

} // namespace verbscope::ui
