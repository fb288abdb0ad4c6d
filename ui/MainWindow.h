// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/RequestTab.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;
class QTemporaryDir;
class QTimer;

namespace verbscope::http {
class Engine;
struct RequestSpec;
} // namespace verbscope::http

namespace verbscope::demo {
class DemoServer;
}

namespace verbscope::ui {

// The desktop app's window: request tabs (restored on restart), a sidebar reserved for
// history and collections, menus with the usual shortcuts, and the built-in demo server,
// which a first run opens so every 405/501 behaviour can be tried at once.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
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
    void saveTabs();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void restoreTabs();
    RequestTab *addTab(const QJsonObject &state);
    void updateTabTitle(RequestTab *tab);
    void scheduleSave();
    QString demoBase() const;

    http::Engine *m_engine;
    demo::DemoServer *m_demo = nullptr;
    QTemporaryDir *m_bodies;
    QTabWidget *m_tabs;
    QLabel *m_demoStatus;
    QTimer *m_saveTimer;
    RequestTab::Confirm m_confirm;
    bool m_restoring = false;
};

} // namespace verbscope::ui
