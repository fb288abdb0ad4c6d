// SPDX-License-Identifier: GPL-3.0-or-later
// Regenerates docs/screenshots: drives the real window against the demo server and grabs it.
//   xvfb-run -a -s '-screen 0 1400x900x24' build/ui/tests/ui/verbscope-screenshots docs/screenshots
#include "ui/MainWindow.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using verbscope::ui::MainWindow;
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

bool save(MainWindow &w, const QString &dir, const char *name)
{
    settle();
    const QString path = QDir(dir).filePath(QLatin1String(name));
    const bool ok = w.grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}
} // namespace

int main(int argc, char *argv[])
{
    QTemporaryDir data;
    qputenv("VERBSCOPE_DATA_DIR", data.path().toLocal8Bit()); // a first run, whatever the user has
    QApplication app(argc, argv);
    const QString out = app.arguments().value(1, QStringLiteral("."));
    MainWindow w;
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

    tab = sendIn(w, QStringLiteral("PUT"), w.demoUrl(QStringLiteral("/redirect/303?n=2")),
        [](RequestTab *t) { t->findChild<QCheckBox *>(QStringLiteral("optFollow"))->setChecked(true); });
    tab->findChild<QTabWidget *>(QStringLiteral("responseTabs"))->setCurrentIndex(3);
    ok &= save(w, out, "timing-redirects.png");
    return ok ? 0 : 1;
}
