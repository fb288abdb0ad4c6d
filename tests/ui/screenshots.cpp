// SPDX-License-Identifier: GPL-3.0-or-later
// Regenerates docs/screenshots: drives the real window against the demo server and grabs it,
// once per theme (the dark set is named *-dark.png).
//   xvfb-run -a -s '-screen 0 1400x900x24' build/dev/tests/ui/verbscope-screenshots docs/screenshots light
//   xvfb-run -a -s '-screen 0 1400x900x24' build/dev/tests/ui/verbscope-screenshots docs/screenshots dark
#include "core/AppServices.h"
#include "core/diagnosis/MethodProbe.h"
#include "core/http/CookieJar.h"
#include "core/http/CookieJarStore.h"
#include "ui/CollectionTabs.h"
#include "ui/CollectionsPanel.h"
#include "ui/CompareView.h"
#include "ui/CookiesDialog.h"
#include "ui/HistoryPanel.h"
#include "ui/MainWindow.h"
#include "ui/MatrixView.h"
#include "ui/ReferenceDialog.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/ResponseView.h"
#include "ui/Theme.h"
#include "ui/models/HistoryModel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QListView>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTreeView>

#include <cstdio>

using verbscope::ui::MainWindow;
using verbscope::ui::MatrixView;
using verbscope::ui::ReferenceDialog;
using verbscope::ui::RequestTab;

namespace {
bool waitUntil(const std::function<bool()> &done, int ms = 30000)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return done();
}

void settle()
{
    waitUntil([] { return false; }, 400); // let layouts and repaints finish
}

RequestTab *sendIn(
    MainWindow &w, const QString &method, const QString &url, const std::function<void(RequestTab *)> &setup = {})
{
    RequestTab *tab = w.newTab();
    tab->editor()->setMethod(method);
    tab->editor()->setUrl(url);
    if (setup)
        setup(tab);
    tab->send();
    waitUntil([tab] { return !tab->isBusy(); });
    return tab;
}

QString g_suffix; // "-dark" for the dark set

bool save(QWidget &w, const QString &dir, const char *name)
{
    settle();
    QString file = QLatin1String(name);
    file.insert(file.lastIndexOf(QLatin1Char('.')), g_suffix);
    const QString path = QDir(dir).filePath(file);
    const bool ok = w.grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

// The method matrix of the demo's nginx-like, Python-like and strict routes, a 405 cell open;
// then the reference, opened from that cell's "Explain".
bool shootMatrixAndReference(MainWindow &w, const QString &out)
{
    MatrixView *matrix = w.openMatrix({ w.demoUrl(QStringLiteral("/static/page.html")),
        w.demoUrl(QStringLiteral("/legacy/")), w.demoUrl(QStringLiteral("/api/items/1")) });
    matrix->resize(1300, 1000);
    waitUntil([matrix] { return !matrix->isRunning(); });
    auto *table = matrix->findChild<QTableView *>(QStringLiteral("matrixTable"));
    for (int row = 0; row < table->model()->rowCount(); ++row)
        if (table->model()->headerData(row, Qt::Vertical).toString() == QLatin1String("DELETE"))
            table->setCurrentIndex(table->model()->index(row, 0));
    bool ok = save(*matrix, out, "method-matrix.png");
    matrix->findChild<QPushButton *>(QStringLiteral("explainStatusButton"))->click();
    auto *reference = w.findChild<ReferenceDialog *>();
    ok &= reference != nullptr;
    if (reference) {
        reference->resize(1000, 700);
        ok &= save(*reference, out, "reference.png");
        reference->close();
    }
    // Guarded mode: the legend under the mode menu, the demo's API ignoring If-Match (!).
    matrix->setUrls({ w.demoUrl(QStringLiteral("/static/page.html")), w.demoUrl(QStringLiteral("/api/items/1")) });
    matrix->setConfirm([](QWidget *, const QString &, const QString &) { return true; });
    matrix->setMode(verbscope::diagnosis::ProbeMode::Guarded);
    ok &= matrix->run();
    waitUntil([matrix] { return !matrix->isRunning(); });
    ok &= save(*matrix, out, "matrix-legend.png");
    matrix->close();
    return ok;
}

// The History sidebar with two 405s selected, then their comparison (Allow differs).
bool shootHistoryAndCompare(MainWindow &w, const QString &out)
{
    sendIn(w, QStringLiteral("PATCH"), w.demoUrl(QStringLiteral("/api/items/1")));
    verbscope::ui::HistoryPanel *panel = w.historyPanel();
    auto *list = panel->findChild<QListView *>(QStringLiteral("historyList"));
    const QString wanted[]
        = { w.demoUrl(QStringLiteral("/api/items/1")), w.demoUrl(QStringLiteral("/override/items/1")) };
    list->clearSelection();
    for (const QString &url : wanted) {
        for (int row = 0; row < list->model()->rowCount(); ++row) {
            const QModelIndex i = list->model()->index(row, 0);
            if (i.data(verbscope::ui::HistoryModel::UrlRole).toString() == url) {
                list->selectionModel()->select(i, QItemSelectionModel::Select);
                break;
            }
        }
    }
    auto *dock = w.findChild<QWidget *>(QStringLiteral("sidebarDock"));
    const int width = dock->minimumWidth();
    dock->setMinimumWidth(330);
    bool ok = save(w, out, "history.png");
    dock->setMinimumWidth(width);
    panel->compareSelected();
    auto *view = w.findChild<verbscope::ui::CompareView *>(QStringLiteral("compareView"));
    ok &= view != nullptr;
    if (view) {
        view->resize(1100, 720);
        ok &= save(*view, out, "compare.png");
        view->close();
    }
    return ok;
}
// The Collections sidebar on a folder of .http files with two environments, a request of it
// open in a tab with its {{variables}} resolved against the demo server.
bool shootCollections(MainWindow &w, const QString &out)
{
    const QDir dir(QDir(qEnvironmentVariable("VERBSCOPE_DATA_DIR")).filePath(QStringLiteral("shop-api")));
    dir.mkpath(QStringLiteral("admin"));
    const QString host = w.demoUrl(QStringLiteral("/")).chopped(1);
    const auto write = [&dir](const QString &name, const QString &text) {
        QFile f(dir.filePath(name));
        return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) >= 0;
    };
    bool ok = write(QStringLiteral("http-client.env.json"),
        QStringLiteral(R"({"dev": {"host": "%1", "item": "1"}, "staging": {"host": "%1", "item": "2"}})").arg(host));
    ok &= write(QStringLiteral("items.http"),
        QStringLiteral("@api = {{host}}/api\n\n### List items\nGET {{api}}/items\nAccept: application/json\n\n"
                       "### Update item\n# @name update-item\nPATCH {{api}}/items/{{item}}\n"
                       "Content-Type: application/json\n\n{\"name\": \"lamp\"}\n\n"
                       "### Remove item\nDELETE {{api}}/items/{{item}}\n"));
    ok &= write(QStringLiteral("admin/webdav.http"),
        QStringLiteral("### Properties\nPROPFIND {{host}}/dav/\nDepth: 1\n\n### Legacy form\nPOST {{host}}/legacy/\n"));
    w.openCollection(dir.path());
    auto *panel = w.collectionsPanel();
    panel->setActiveEnvironment(QStringLiteral("dev"));
    panel->findChild<QTreeView *>(QStringLiteral("collectionTree"))->expandAll();
    RequestTab *tab = w.collectionTabs()->open(dir.filePath(QStringLiteral("items.http")), 1);
    ok &= tab != nullptr;
    if (tab) {
        tab->send();
        waitUntil([tab] { return !tab->isBusy(); });
    }
    w.findChild<QWidget *>(QStringLiteral("sidebarDock"))->setMinimumWidth(330);
    return ok & save(w, out, "collections.png");
}

// A curl command as documentation writes it, pasted into a new tab's URL field: the request, and
// the notice of what was not carried over.
bool shootCurlPaste(MainWindow &w, const QString &out)
{
    RequestTab *tab = w.newTab();
    auto *editor = tab->findChild<verbscope::ui::RequestEditor *>();
    const bool ok = editor
        && editor->pasteCurl(QStringLiteral("curl -sS -X POST %1 \\\n  -H 'Accept: application/json' \\\n"
                                            "  -x http://proxy.local:3128 --retry 3 \\\n"
                                            "  --json '{\"name\": \"lamp\"}' --compressed\n")
                                 .arg(w.demoUrl(QStringLiteral("/api/items"))));
    settle();
    return ok & save(w, out, "curl-paste.png");
}

// A chained request with assertions: the dependency sent first, the Tests tab after the answer
// and the request's .http text, highlighted, in the editor.
bool shootTests(MainWindow &w, const QString &out)
{
    const QDir dir(QDir(qEnvironmentVariable("VERBSCOPE_DATA_DIR")).filePath(QStringLiteral("shop-api")));
    QFile f(dir.filePath(QStringLiteral("tests.http")));
    const bool written = f.open(QIODevice::WriteOnly)
        && f.write("### Read the item\n# @name item\nGET {{host}}/api/items/1\nAccept: application/json\n\n"
                   "?? status == 200\n\n"
                   "### Update it\n# @prompt reason Why the item changes\n"
                   "PUT {{host}}/api/items/{{item.response.body.$.id}}\n"
                   "// the item's id comes from the answer above\nContent-Type: application/json\n\n"
                   "{\"name\": \"lamp\", \"reason\": \"{{reason}}\"}\n\n"
                   "> {%\n  client.test(\"updated\", function() {\n    client.assert(response.body.updated);\n"
                   "  });\n%}\n>> ./last-update.json\n?? status == 200\n?? body $.updated == true\n"
                   "?? header content-type includes json\n?? body $.name == lamp\n")
            >= 0;
    f.close();
    verbscope::ui::Prompt::setInputHandler([](QWidget *, const verbscope::ui::Prompt::Input &) {
        return std::optional<QString>(QStringLiteral("spring sale"));
    });
    RequestTab *tab = w.collectionTabs()->open(dir.filePath(QStringLiteral("tests.http")), 1);
    if (!written || !tab)
        return false;
    tab->send();
    waitUntil([tab] { return !tab->isBusy(); });
    verbscope::ui::Prompt::setInputHandler({});
    tab->response()->showTestsTab();
    auto *editorTabs = tab->editor()->findChild<QTabWidget *>(QStringLiteral("requestTabs"));
    editorTabs->setCurrentWidget(tab->editor()->findChild<QWidget *>(QStringLiteral("httpSource")));
    return save(w, out, "tests-tab.png");
}
} // namespace

// Tools ▸ Cookies with the jar a login to the demo would leave: host-only and domain cookies,
// a session one and dated ones, every flag.
bool shootCookies(verbscope::AppServices &services, MainWindow &w, const QString &out)
{
    const auto jar = services.cookieJars().jar(QString());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QUrl demo(w.demoUrl(QStringLiteral("/login")));
    jar->setCookie(demo, "session=5f2b9c0e41d7; Path=/; HttpOnly; SameSite=Lax", now);
    jar->setCookie(demo, "csrftoken=Zq81xLw0; Path=/; Max-Age=86400; SameSite=Strict", now);
    jar->setCookie(demo, "theme=dark; Path=/; Max-Age=31536000", now);
    jar->setCookie(demo, "cart=3; Path=/shop; Max-Age=3600; Secure", now);
    const QUrl app(QStringLiteral("https://app.example.com/"));
    jar->setCookie(app, "lang=en; Domain=example.com; Path=/; Expires=Fri, 01 Jan 2027 00:00:00 GMT", now);
    jar->setCookie(app, "__Host-id=a1b2c3; Path=/; Secure; HttpOnly; SameSite=None", now);
    verbscope::ui::CookiesDialog dialog(services.cookieJars(), QString(), &w);
    dialog.resize(980, 340);
    dialog.show();
    const bool ok = save(dialog, out, "cookies.png");
    dialog.close();
    return ok;
}

int main(int argc, char *argv[])
{
    QTemporaryDir data;
    qputenv("VERBSCOPE_DATA_DIR", data.path().toLocal8Bit()); // a first run, whatever the user has
    QApplication app(argc, argv);
    const QString out = app.arguments().value(1, QStringLiteral("."));
    const bool dark = app.arguments().value(2) == QLatin1String("dark");
    g_suffix = dark ? QStringLiteral("-dark") : QString();
    verbscope::ui::Theme::apply(
        dark ? verbscope::Settings::Appearance::Dark : verbscope::Settings::Appearance::Light, 0);
    verbscope::AppServices services;
    MainWindow w(services);
    w.setConfirm([](QWidget *, const QString &, const QString &) { return true; });
    w.resize(1400, 900);
    w.show();
    waitUntil([&w] { return w.currentTab() && !w.currentTab()->isBusy(); });

    bool ok = true;
    RequestTab *tab = sendIn(w, QStringLiteral("PATCH"), w.demoUrl(QStringLiteral("/override/items/1")));
    if (auto *b = tab->findChild<QPushButton *>(QStringLiteral("suggestionButton-method-override")))
        b->click();
    waitUntil([tab] { return !tab->isBusy(); });
    ok &= save(w, out, "main-window.png");

    tab = sendIn(w, QStringLiteral("PROPFIND"), w.demoUrl(QStringLiteral("/proxy/items/1")),
        [](RequestTab *t) { t->findChild<QComboBox *>(QStringLiteral("optTransport"))->setCurrentIndex(1); });
    tab->findChild<QTabWidget *>(QStringLiteral("responseTabs"))->setCurrentIndex(2);
    ok &= save(w, out, "raw-exchange-501-proxy.png");

    // nginx's 405 without Allow: the findings with their severities, and the HTML body.
    tab = sendIn(w, QStringLiteral("DELETE"), w.demoUrl(QStringLiteral("/static/page.html")));
    ok &= save(*tab, out, "diagnosis-findings.png");

    tab = sendIn(w, QStringLiteral("PUT"), w.demoUrl(QStringLiteral("/redirect/303?n=2")),
        [](RequestTab *t) { t->findChild<QCheckBox *>(QStringLiteral("optFollow"))->setChecked(true); });
    tab->findChild<QTabWidget *>(QStringLiteral("responseTabs"))->setCurrentIndex(3);
    ok &= save(w, out, "timing-redirects.png");
    ok &= shootHistoryAndCompare(w, out);
    ok &= shootMatrixAndReference(w, out);
    ok &= shootCollections(w, out);
    ok &= shootCurlPaste(w, out);
    ok &= shootCookies(services, w, out);
    ok &= shootTests(w, out);
    return ok ? 0 : 1;
}
