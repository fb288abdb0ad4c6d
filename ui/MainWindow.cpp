// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "Version.h"
#include "core/AppServices.h"
#include "core/Settings.h"
#include "core/collections/Environments.h"
#include "core/collections/codegen/CodeGenerator.h"
#include "core/demo/DemoServer.h"
#include "core/history/HistoryRecorder.h"
#include "core/history/HistoryReopen.h"
#include "core/history/HistoryStore.h"
#include "core/http/Secrets.h"
#include "ui/CollectionTabs.h"
#include "ui/CollectionsPanel.h"
#include "ui/CompareView.h"
#include "ui/CookiesDialog.h"
#include "ui/DiagnosisPanel.h"
#include "ui/HistoryPanel.h"
#include "ui/MatrixView.h"
#include "ui/ReferenceDialog.h"
#include "ui/RequestEditor.h"
#include "ui/ResponseView.h"
#include "ui/SettingsDialog.h"
#include "ui/TabStore.h"
#include "ui/Theme.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace verbscope::ui {

namespace {

QString sideLabel(const history::HistoryEntry &e)
{
    return QStringLiteral("#%1 %2 %3 · %4")
        .arg(e.id)
        .arg(QString::fromLatin1(e.method), e.url,
            e.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}
} // namespace

MainWindow::MainWindow(AppServices &services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
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
    m_history = new HistoryPanel(m_services, sidebar);
    sidebar->addTab(m_history, tr("History"));
    connect(m_history, &HistoryPanel::openRequested, this, &MainWindow::openHistoryEntry);
    connect(m_history, &HistoryPanel::compareRequested, this, &MainWindow::compareHistoryEntries);
    connect(m_history, &HistoryPanel::compareWithTabRequested, this, &MainWindow::compareWithCurrentTab);
    m_collections = new CollectionsPanel(sidebar);
    sidebar->addTab(m_collections, tr("Collections"));
    m_bound = new CollectionTabs(
        m_tabs, [this] { return newTab(); }, this);
    m_bound->setEnvironment(m_collections->activeEnvironment());
    connect(m_collections, &CollectionsPanel::requestActivated, m_bound, &CollectionTabs::open);
    connect(m_collections, &CollectionsPanel::environmentChanged, m_bound, &CollectionTabs::setEnvironment);
    connect(m_collections, &CollectionsPanel::pathMoved, m_bound, &CollectionTabs::pathMoved);
    connect(m_collections, &CollectionsPanel::message, this,
        [this](const QString &m) { statusBar()->showMessage(m, 15000); });
    connect(m_bound, &CollectionTabs::message, this, [this](const QString &m) { statusBar()->showMessage(m, 15000); });
    connect(m_bound, &CollectionTabs::dependencyDiagnosed, this, &MainWindow::record);
    dock->setWidget(sidebar);
    dock->setMinimumWidth(180);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({ dock }, { 210 }, Qt::Horizontal);

    m_demoStatus->setObjectName(QStringLiteral("demoStatus"));
    statusBar()->addPermanentWidget(m_demoStatus);
    // A broken settings file is said for as long as it lasts, not only in File ▸ Settings (it
    // turns history off): a permanent warning, which the send messages do not overwrite.
    if (const QString notice = m_services.settings().notice(); !notice.isEmpty()) {
        auto *label = new QLabel(tr("Settings file broken: history is off"), this);
        label->setObjectName(QStringLiteral("settingsNotice"));
        label->setToolTip(notice);
        Theme::setTextRole(label, Theme::Role::TextWarning);
        statusBar()->addPermanentWidget(label);
    }
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
    m_closing = true;
    saveTabs();
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
    auto *openFolder = file->addAction(tr("Open &Collection…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of .http files"));
        if (!dir.isEmpty())
            openCollection(dir);
    });
    openFolder->setObjectName(QStringLiteral("openCollectionAction"));
    auto *save = file->addAction(tr("&Save to Collection"), this, [this] { saveCurrentTab(false); });
    save->setObjectName(QStringLiteral("saveToCollectionAction"));
    save->setShortcut(QKeySequence::Save);
    auto *saveAs = file->addAction(tr("Save to Collection &As…"), this, [this] { saveCurrentTab(true); });
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    auto *settings = file->addAction(tr("Se&ttings…"), this, [this] {
        auto *dialog = findChild<SettingsDialog *>();
        if (!dialog)
            dialog = new SettingsDialog(m_services.settings(), this);
        dialog->load();
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    settings->setObjectName(QStringLiteral("settingsAction"));
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
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
    // Every code target, reachable from the keyboard through the menu's mnemonics (Alt+R, A, …).
    auto *copyAs = request->addMenu(tr("Copy &as"));
    copyAs->setObjectName(QStringLiteral("copyAsMenu"));
    for (const codegen::CodeGenerator *g : codegen::CodeGenerator::all()) {
        const QString id = g->id();
        QAction *a = copyAs->addAction(g->label(), this, [this, id] {
            if (RequestTab *t = currentTab())
                t->copyAs(id);
        });
        a->setObjectName(QStringLiteral("copyAs_") + id);
    }

    auto *view = menuBar()->addMenu(tr("&View"));
    auto *dock = findChild<QDockWidget *>(QStringLiteral("sidebarDock"));
    QAction *toggle = dock->toggleViewAction();
    toggle->setText(tr("&Sidebar"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    view->addAction(toggle);
    auto *tests = view->addAction(tr("Response &Tests"), this, [this] {
        if (RequestTab *t = currentTab())
            t->response()->showTestsTab();
    });
    tests->setObjectName(QStringLiteral("showTestsAction"));
    tests->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));

    auto *tools = menuBar()->addMenu(tr("&Tools"));
    auto *matrix = tools->addAction(tr("&Method Matrix…"), this, [this] { openMatrix(); });
    matrix->setObjectName(QStringLiteral("methodMatrixAction"));
    matrix->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    auto *cookies = tools->addAction(tr("&Cookies…"), this, [this] { openCookies(); });
    cookies->setObjectName(QStringLiteral("cookiesAction"));
    cookies->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));

    auto *help = menuBar()->addMenu(tr("&Help"));
    auto *reference
        = help->addAction(tr("&Reference: Status Codes and Methods"), this, [this] { ReferenceDialog::open(this); });
    reference->setObjectName(QStringLiteral("referenceAction"));
    reference->setShortcut(QKeySequence::HelpContents);
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
    auto *t = new RequestTab(m_services, m_tabs);
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
    connect(t->diagnosisPanel(), &DiagnosisPanel::probeAllRequested, this, [this, t] {
        if (!t->editor()->url().trimmed().isEmpty())
            openMatrix({ t->editor()->url().trimmed() });
    });
    connect(t, &RequestTab::exchangeDiagnosed, this, &MainWindow::record);
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
    if (!t || !m_bound->confirmClose(t))
        return;
    m_tabs->removeTab(m_tabs->indexOf(t));
    t->deleteLater();
    if (m_tabs->count() == 0)
        newTab(); // an empty window has nowhere to type
    scheduleSave();
}

void MainWindow::duplicateTab(int index)
{
    if (RequestTab *t = tab(index)) {
        QJsonObject state = t->saveState();
        state.remove(QStringLiteral("binding")); // one request, one tab: the copy is a scratch copy
        RequestTab *copy = addTab(state);
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
    if (auto *matrix = findChild<MatrixView *>())
        matrix->setConfirm(m_confirm);
}

CookiesDialog *MainWindow::openCookies()
{
    const RequestTab *tab = currentTab();
    const QString environment = tab ? tab->cookieEnvironment() : QString();
    auto *dialog = findChild<CookiesDialog *>();
    if (dialog && dialog->property("environment").toString() != environment) {
        delete dialog;
        dialog = nullptr;
    }
    if (!dialog) {
        dialog = new CookiesDialog(m_services.cookieJars(), environment, this);
        dialog->setProperty("environment", environment);
    }
    dialog->refresh();
    dialog->show();
    dialog->raise();
    return dialog;
}

MatrixView *MainWindow::openMatrix(const QStringList &urls)
{
    auto *matrix = findChild<MatrixView *>();
    if (!matrix) {
        matrix = new MatrixView(m_services, this);
        if (m_confirm)
            matrix->setConfirm(m_confirm);
        connect(matrix, &MatrixView::openExchange, this,
            [this](const http::RequestSpec &spec, const http::Exchange &exchange) {
                RequestTab *t = addTab({});
                t->editor()->setSpec(spec);
                t->showRecorded(spec, exchange,
                    tr("From the method matrix: %1 %2").arg(QString::fromLatin1(spec.method), spec.url));
                scheduleSave();
                raise();
                activateWindow();
            });
        if (urls.isEmpty()) {
            if (RequestTab *t = currentTab(); t && !t->editor()->url().trimmed().isEmpty())
                matrix->setUrls({ t->editor()->url().trimmed() });
        }
    }
    matrix->show();
    matrix->raise();
    matrix->activateWindow();
    if (!urls.isEmpty() && !matrix->isRunning()) {
        matrix->setUrls(urls);
        matrix->setUnsafe(false);
        matrix->run();
    }
    return matrix;
}

QString MainWindow::demoBase() const
{
    const demo::DemoServer *demo = m_services.demoServer();
    return demo && demo->isListening() ? demo->url(QStringLiteral("/")).chopped(1) : QString();
}

QString MainWindow::demoUrl(const QString &path)
{
    QString error;
    demo::DemoServer *demo = m_services.startDemo(&error);
    if (!demo) {
        statusBar()->showMessage(tr("The demo server could not start: %1").arg(error));
        return {};
    }
    if (m_demoStatus->text().isEmpty()) {
        m_demoStatus->setText(tr("Demo server: %1").arg(demo->url(QStringLiteral("/"))));
        m_demoStatus->setToolTip(tr("The built-in demo server (Help ▸ Open Demo Server), on loopback only"));
    }
    return demo->url(path);
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
    if (!state.notice.isEmpty()) {
        // Not modal: the window is usable at once, and the notice stays until read.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Saved tabs"), state.notice, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("tabsNotice"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        QMetaObject::invokeMethod(box, &QDialog::open, Qt::QueuedConnection);
        statusBar()->showMessage(state.notice);
    }
    // Still "running": the last session was killed, and its unsaved edits are drafts to offer back.
    m_crashed = state.exists && state.running;
    m_restoring = true;
    for (QJsonObject t : state.tabs) {
        // The demo server gets a new port each run: its tabs keep their path, not the old port.
        const QJsonValue demoPath = t.value(QStringLiteral("demoPath"));
        if (demoPath.isString())
            t.insert(QStringLiteral("url"), demoUrl(demoPath.toString()));
        m_bound->track(addTab(t));
    }
    m_restoring = false;
    if (m_crashed)
        QMetaObject::invokeMethod(m_bound, &CollectionTabs::offerDrafts, Qt::QueuedConnection);
    if (m_tabs->count() > 0)
        m_tabs->setCurrentIndex(state.current);
    if (!state.exists)
        openDemo(); // a first run shows every behaviour without any setup
    if (m_tabs->count() == 0)
        newTab();
}

void MainWindow::scheduleSave()
{
    // Not restarted by every keystroke: a kill loses at most the last half second of typing.
    if (!m_restoring && !m_saveTimer->isActive())
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
    state.running = !m_closing;
    if (!TabStore().save(state))
        statusBar()->showMessage(tr("Could not save the open tabs to %1").arg(TabStore::defaultPath()));
}

QList<QByteArray> MainWindow::secretValues() const
{
    // The active environment's secrets (the private file's variables, and any with a secret
    // name): masked wherever they appear in what the history keeps.
    QList<QByteArray> values;
    if (!m_collections || m_collections->rootDir().isEmpty())
        return values;
    const collections::Environments environments = collections::Environments::load(m_collections->rootDir());
    const QSet<QString> secret = environments.secretNames();
    const collections::VariableMap variables = environments.variables(m_collections->activeEnvironment());
    for (auto it = variables.begin(); it != variables.end(); ++it)
        if (secret.contains(it.key()) || http::isSecretName(it.key()))
            values << it.value().toUtf8();
    return values;
}

void MainWindow::record(const diagnosis::Diagnosis &diagnosis)
{
    if (diagnosis.exchange.error.kind == http::ErrorKind::InvalidRequest)
        return; // nothing was sent
    history::HistoryRecorder *recorder = m_services.recorder();
    if (!recorder)
        return; // recording is off in the settings
    recorder->setSecretValues(secretValues());
    recorder->record(diagnosis);
    const QStringList messages = recorder->takeMessages();
    if (!messages.isEmpty())
        statusBar()->showMessage(messages.join(QLatin1Char(' ')), 15000);
    m_history->refresh();
    m_history->showMessages(messages);
}

void MainWindow::openHistoryEntry(qint64 id)
{
    const std::optional<history::ReopenedEntry> r = history::HistoryReopen::load(m_services.historyStore(), id);
    if (!r) {
        statusBar()->showMessage(tr("History entry #%1 is gone").arg(id), 15000);
        return;
    }
    RequestTab *t = addTab({});
    t->editor()->setSpec(r->diagnosis.request);
    t->restoreState(t->saveState()); // a reopened entry is not an unsaved change
    t->showReopened(r->diagnosis, r->checksRan);
    scheduleSave();
    QString message = tr("Opened history entry #%1 from %2: press Send to send it again")
                          .arg(id)
                          .arg(QLocale().toString(r->record.entry.startedAt.toLocalTime(), QLocale::ShortFormat));
    if (!r->requestWritten)
        message += tr(" (recorded without the request as written: it was rebuilt from the request as sent, "
                      "without the headers the transport adds)");
    statusBar()->showMessage(message, 15000);
}

CompareView *MainWindow::compareHistoryEntries(qint64 left, qint64 right)
{
    const std::optional<history::HistoryRecord> l = m_services.historyStore().record(left);
    const std::optional<history::HistoryRecord> r = m_services.historyStore().record(right);
    if (!l || !r) {
        statusBar()->showMessage(tr("History entry #%1 is gone").arg(l ? right : left), 15000);
        return nullptr;
    }
    auto *view = new CompareView(this);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->setSides({ sideLabel(l->entry), l->exchange }, { sideLabel(r->entry), r->exchange });
    view->resize(1000, 700);
    view->show();
    return view;
}

CompareView *MainWindow::compareWithCurrentTab(qint64 id)
{
    RequestTab *t = currentTab();
    const std::optional<history::HistoryRecord> r = m_services.historyStore().record(id);
    if (!t || !r || !t->exchange().startedAt.isValid()) {
        statusBar()->showMessage(tr("Send the current tab first: there is nothing to compare yet"), 15000);
        return nullptr;
    }
    auto *view = new CompareView(this);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->setSides({ sideLabel(r->entry), r->exchange },
        { tr("Current tab: %1 %2").arg(QString::fromLatin1(t->exchange().request.method), t->exchange().request.url),
            t->exchange() });
    view->resize(1000, 700);
    view->show();
    return view;
}

void MainWindow::openCollection(const QString &path)
{
    if (m_collections->openPath(path)) {
        m_bound->setRoot(m_collections->rootDir());
        if (auto *sidebar = findChild<QTabWidget *>(QStringLiteral("sidebarTabs")))
            sidebar->setCurrentWidget(m_collections);
    }
}

bool MainWindow::saveCurrentTab(bool chooseFile)
{
    RequestTab *t = currentTab();
    if (!t)
        return false;
    if (CollectionTabs::isBound(t) && !chooseFile)
        return m_bound->save(t);
    const QString dir = m_collections->root().isEmpty() ? QString() : m_collections->rootDir();
    const QString file = QFileDialog::getSaveFileName(this, tr("Save to collection"), dir,
        tr("HTTP files (*.http *.rest)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (file.isEmpty())
        return false;
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Save to collection"), tr("Request name:"), QLineEdit::Normal, t->title(), &ok);
    if (!ok)
        return false;
    const bool saved = m_bound->saveAs(t, file, name);
    if (saved && !m_collections->root().isEmpty())
        m_collections->reload();
    return saved;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_bound->confirmQuit()) {
        event->ignore();
        return;
    }
    m_closing = true;
    saveTabs();
    QMainWindow::closeEvent(event);
}

} // namespace verbscope::ui
