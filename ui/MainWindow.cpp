// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "Version.h"
#include "core/demo/DemoServer.h"
#include "core/http/Engine.h"
#include "ui/RequestEditor.h"
#include "ui/TabStore.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace verbscope::ui {

namespace {
QWidget *placeholder(const QString &name, const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setMargin(8);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    return label;
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_engine(new http::Engine(this))
    , m_bodies(new QTemporaryDir(QDir::tempPath() + QStringLiteral("/verbscope-bodies-XXXXXX")))
    , m_tabs(new QTabWidget(this))
    , m_demoStatus(new QLabel(this))
    , m_saveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("VerbScope"));
    resize(1360, 860);

    m_tabs->setObjectName(QStringLiteral("requestTabWidget"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    auto *plus = new QToolButton(m_tabs);
    plus->setObjectName(QStringLiteral("newTabButton"));
    plus->setText(QStringLiteral("+"));
    plus->setToolTip(tr("New tab (Ctrl+T)"));
    plus->setAutoRaise(true);
    m_tabs->setCornerWidget(plus, Qt::TopRightCorner);
    setCentralWidget(m_tabs);

    auto *dock = new QDockWidget(tr("Library"), this);
    dock->setObjectName(QStringLiteral("sidebarDock"));
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    auto *sidebar = new QTabWidget(dock);
    sidebar->setObjectName(QStringLiteral("sidebarTabs"));
    sidebar->addTab(
        placeholder(QStringLiteral("historyPlaceholder"),
            tr("History: every exchange you send, searchable and comparable. Coming with the history view."), sidebar),
        tr("History"));
    sidebar->addTab(
        placeholder(QStringLiteral("collectionsPlaceholder"),
            tr("Collections: folders of .http files with environments. Coming with the collection tree."), sidebar),
        tr("Collections"));
    dock->setWidget(sidebar);
    dock->setMinimumWidth(180);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({ dock }, { 210 }, Qt::Horizontal);

    m_demoStatus->setObjectName(QStringLiteral("demoStatus"));
    statusBar()->addPermanentWidget(m_demoStatus);
    statusBar()->showMessage(tr("Ready"));

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(500);
    connect(m_saveTimer, &QTimer::timeout, this, &MainWindow::saveTabs);
    connect(plus, &QToolButton::clicked, this, &MainWindow::newTab);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::scheduleSave);
    connect(m_tabs->tabBar(), &QTabBar::tabMoved, this, &MainWindow::scheduleSave);
    m_tabs->tabBar()->setContextMenuPolicy(Qt::ActionsContextMenu);

    buildMenus();
    restoreTabs();
}

MainWindow::~MainWindow()
{
    saveTabs();
    // Tabs go first: their calls use the engine, and their bodies live in m_bodies.
    while (m_tabs->count() > 0)
        delete m_tabs->widget(0);
    delete m_bodies;
}

void MainWindow::buildMenus()
{
    auto *file = menuBar()->addMenu(tr("&File"));
    auto *newTabAction = file->addAction(tr("&New Tab"), this, &MainWindow::newTab);
    newTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    auto *duplicate = file->addAction(tr("&Duplicate Tab"), this, [this] { duplicateTab(m_tabs->currentIndex()); });
    duplicate->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    auto *close = file->addAction(tr("&Close Tab"), this, [this] { closeTab(m_tabs->currentIndex()); });
    close->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    m_tabs->tabBar()->addActions({ newTabAction, duplicate, close });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    auto *request = menuBar()->addMenu(tr("&Request"));
    auto *send = request->addAction(tr("&Send"), this, &MainWindow::send);
    send->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    auto *cancel = request->addAction(tr("&Cancel"), this, &MainWindow::cancel);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    auto *focusUrl = request->addAction(tr("Focus &URL"), this, [this] {
        if (RequestTab *t = currentTab())
            t->editor()->focusUrl();
    });
    focusUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    request->addSeparator();
    auto *curl = request->addAction(tr("Copy as &curl"), this, [this] {
        if (RequestTab *t = currentTab())
            t->copyAsCurl();
    });
    curl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    request->addAction(tr("Copy as verbscope-&cli"), this, [this] {
        if (RequestTab *t = currentTab())
            t->copyAsCommand();
    });

    auto *view = menuBar()->addMenu(tr("&View"));
    auto *dock = findChild<QDockWidget *>(QStringLiteral("sidebarDock"));
    QAction *toggle = dock->toggleViewAction();
    toggle->setText(tr("&Sidebar"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    view->addAction(toggle);

    auto *help = menuBar()->addMenu(tr("&Help"));
    auto *demoAction = help->addAction(tr("Open &Demo Server"), this, &MainWindow::openDemo);
    demoAction->setObjectName(QStringLiteral("openDemoAction"));
    help->addSeparator();
    help->addAction(tr("&About VerbScope"), this, [this] {
        QMessageBox::about(this, tr("About VerbScope"),
            tr("<b>VerbScope %1</b><br>Find out why an HTTP method fails: 501 versus 405, and the look-alikes."
               "<br>GPL-3.0-or-later")
                .arg(QStringLiteral(VERBSCOPE_VERSION)));
    });
}

RequestTab *MainWindow::currentTab() const
{
    return qobject_cast<RequestTab *>(m_tabs->currentWidget());
}

RequestTab *MainWindow::tab(int index) const
{
    return qobject_cast<RequestTab *>(m_tabs->widget(index));
}

int MainWindow::tabCount() const
{
    return m_tabs->count();
}

RequestTab *MainWindow::addTab(const QJsonObject &state)
{
    auto *t = new RequestTab(m_engine, m_bodies->path(), m_tabs);
    if (m_confirm)
        t->setConfirm(m_confirm);
    if (!state.isEmpty())
        t->restoreState(state);
    const int index = m_tabs->addTab(t, QString());
    updateTabTitle(t);
    connect(t, &RequestTab::titleChanged, this, [this, t] {
        updateTabTitle(t);
        scheduleSave();
    });
    connect(t, &RequestTab::busyChanged, this, [this, t] { updateTabTitle(t); });
    connect(t, &RequestTab::statusMessage, this, [this](const QString &m) { statusBar()->showMessage(m, 15000); });
    connect(t, &RequestTab::openRequest, this, &MainWindow::openRequest);
    m_tabs->setCurrentIndex(index);
    return t;
}

RequestTab *MainWindow::newTab()
{
    RequestTab *t = addTab({});
    t->editor()->focusUrl();
    scheduleSave();
    return t;
}

void MainWindow::closeTab(int index)
{
    RequestTab *t = tab(index);
    if (!t)
        return;
    m_tabs->removeTab(index);
    t->deleteLater();
    if (m_tabs->count() == 0)
        newTab(); // an empty window has nowhere to type
    scheduleSave();
}

void MainWindow::duplicateTab(int index)
{
    if (RequestTab *t = tab(index)) {
        RequestTab *copy = addTab(t->saveState());
        m_tabs->tabBar()->moveTab(m_tabs->indexOf(copy), index + 1);
        scheduleSave();
    }
}

void MainWindow::openRequest(const http::RequestSpec &spec, bool sendNow)
{
    RequestTab *t = addTab({});
    t->editor()->setSpec(spec);
    scheduleSave();
    if (sendNow)
        t->send();
    else
        statusBar()->showMessage(
            tr("Opened %1 %2 for review: press Send when ready").arg(QString::fromLatin1(spec.method), spec.url),
            15000);
}

void MainWindow::updateTabTitle(RequestTab *t)
{
    const int index = m_tabs->indexOf(t);
    if (index < 0)
        return;
    QString title = t->title();
    if (t->isBusy())
        title.prepend(QStringLiteral("⏳ "));
    if (t->isModified())
        title += QStringLiteral(" •");
    m_tabs->setTabText(index, title);
    m_tabs->setTabToolTip(
        index, t->isModified() ? tr("%1\nChanged since it was last sent").arg(t->editor()->url()) : t->editor()->url());
}

void MainWindow::openUrl(const QString &url)
{
    RequestTab *t = currentTab();
    if (!t || !t->editor()->url().trimmed().isEmpty())
        t = newTab();
    t->editor()->setUrl(url);
}

void MainWindow::send()
{
    if (RequestTab *t = currentTab())
        t->send();
}

void MainWindow::cancel()
{
    if (RequestTab *t = currentTab())
        t->cancel();
}

void MainWindow::setConfirm(RequestTab::Confirm confirm)
{
    m_confirm = std::move(confirm);
    for (int i = 0; i < m_tabs->count(); ++i)
        tab(i)->setConfirm(m_confirm);
}

QString MainWindow::demoBase() const
{
    return m_demo && m_demo->isListening() ? m_demo->url(QStringLiteral("/")).chopped(1) : QString();
}

QString MainWindow::demoUrl(const QString &path)
{
    if (!m_demo) {
        m_demo = new demo::DemoServer(this);
        if (!m_demo->listen(0)) {
            statusBar()->showMessage(tr("The demo server could not start: %1").arg(m_demo->errorString()));
            return {};
        }
        m_demoStatus->setText(tr("Demo server: %1").arg(m_demo->url(QStringLiteral("/"))));
        m_demoStatus->setToolTip(tr("The built-in demo server (Help ▸ Open Demo Server), on loopback only"));
    }
    return m_demo->url(path);
}

void MainWindow::openDemo()
{
    const QString url = demoUrl();
    if (url.isEmpty())
        return;
    for (int i = 0; i < m_tabs->count(); ++i) {
        RequestTab *t = tab(i);
        if (t->editor()->url() == url && t->editor()->method() == QLatin1String("GET")) {
            m_tabs->setCurrentIndex(i);
            t->send();
            return;
        }
    }
    RequestTab *t = currentTab();
    // Reuse an untouched empty tab rather than leave it behind.
    if (!t || !t->editor()->url().isEmpty())
        t = addTab({});
    t->editor()->setMethod(QStringLiteral("GET"));
    t->editor()->setUrl(url);
    t->send();
    statusBar()->showMessage(tr("The demo server's index lists every route: try the verb it suggests on each."), 15000);
}

void MainWindow::restoreTabs()
{
    const TabStore::State state = TabStore().load();
    m_restoring = true;
    for (QJsonObject t : state.tabs) {
        // The demo server gets a new port each run: its tabs keep their path, not the old port.
        const QJsonValue demoPath = t.value(QStringLiteral("demoPath"));
        if (demoPath.isString())
            t.insert(QStringLiteral("url"), demoUrl(demoPath.toString()));
        addTab(t);
    }
    m_restoring = false;
    if (m_tabs->count() > 0)
        m_tabs->setCurrentIndex(state.current);
    if (!state.exists)
        openDemo(); // a first run shows every behaviour without any setup
    if (m_tabs->count() == 0)
        newTab();
}

void MainWindow::scheduleSave()
{
    if (!m_restoring)
        m_saveTimer->start();
}

void MainWindow::saveTabs()
{
    m_saveTimer->stop();
    TabStore::State state;
    const QString base = demoBase();
    for (int i = 0; i < m_tabs->count(); ++i) {
        QJsonObject t = tab(i)->saveState();
        const QString url = t.value(QStringLiteral("url")).toString();
        if (!base.isEmpty() && url.startsWith(base + QLatin1Char('/')))
            t.insert(QStringLiteral("demoPath"), url.mid(base.size()));
        state.tabs.append(t);
    }
    state.current = m_tabs->currentIndex();
    if (!TabStore().save(state))
        statusBar()->showMessage(tr("Could not save the open tabs to %1").arg(TabStore::defaultPath()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveTabs();
    QMainWindow::closeEvent(event);
}

} // namespace verbscope::ui
