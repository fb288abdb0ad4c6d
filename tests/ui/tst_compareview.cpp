// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "core/history/HistoryStore.h"
#include "tests/support/ExchangeBuilder.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/CompareView.h"
#include "ui/HistoryPanel.h"
#include "ui/MainWindow.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/TabStore.h"
#include "ui/models/HistoryModel.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace verbscope;
using ui::CompareView;

namespace {
using verbscope::test::child;

// The row of `name` in the aligned header table, -1 when it is not shown.
int headerRow(CompareView *view, const QString &name)
{
    auto *table = child<QTableWidget>(view, "compareHeaders");
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0)->text().compare(name, Qt::CaseInsensitive) == 0)
            return r;
    return -1;
}

QString cell(CompareView *view, int row, int column)
{
    return child<QTableWidget>(view, "compareHeaders")->item(row, column)->text();
}

QString changeOf(CompareView *view, int row)
{
    return child<QTableWidget>(view, "compareHeaders")->item(row, 0)->data(Qt::UserRole).toString();
}

bool highlighted(CompareView *view, int row)
{
    return child<QTableWidget>(view, "compareHeaders")->item(row, 1)->background().style() != Qt::NoBrush;
}

http::Exchange answer(int status, const QByteArray &reason, const http::HeaderList &headers, const QByteArray &body)
{
    return test::exchange().status(status).reason(reason).headers(headers).body(body);
}

void sendFrom(ui::RequestTab *tab, const QString &method, const QString &url)
{
    tab->editor()->setMethod(method);
    tab->editor()->setUrl(url);
    tab->send();
}
} // namespace

class tst_CompareView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QFile::remove(ui::TabStore::defaultPath());
        for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
            QFile::remove(history::HistoryStore::defaultPath() + suffix);
    }

    void twoHistoryEntriesFromTheDemoServer()
    {
        verbscope::AppServices services;
        ui::MainWindow w(services);
        w.setConfirm([](QWidget *, const QString &, const QString &) { return false; });
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(!w.currentTab()->isBusy(), 20000);
        ui::RequestTab *a = w.newTab();
        sendFrom(a, QStringLiteral("PATCH"), w.demoUrl(QStringLiteral("/api/items/1")));
        QTRY_VERIFY_WITH_TIMEOUT(!a->isBusy(), 20000);
        ui::RequestTab *b = w.newTab();
        sendFrom(b, QStringLiteral("PATCH"), w.demoUrl(QStringLiteral("/override/items/1")));
        QTRY_VERIFY_WITH_TIMEOUT(!b->isBusy(), 20000);

        ui::HistoryPanel *panel = w.historyPanel();
        QTRY_COMPARE(panel->model()->rowCount(), 3);
        auto *list = child<QListView>(panel, "historyList");
        auto *compare = child<QToolButton>(panel, "historyCompareButton");
        list->selectionModel()->select(panel->model()->index(0, 0), QItemSelectionModel::Select);
        QVERIFY(!compare->isEnabled()); // two are needed
        list->selectionModel()->select(panel->model()->index(1, 0), QItemSelectionModel::Select);
        QVERIFY(compare->isEnabled());
        QTest::mouseClick(compare, Qt::LeftButton);
        CompareView *view = w.findChild<CompareView *>(QStringLiteral("compareView"));
        QVERIFY(view);
        QTRY_VERIFY(view->isVisible());

        // The older exchange is on the left.
        QVERIFY(child<QLabel>(view, "compareLeftTitle")->text().contains(QLatin1String("/api/items/1")));
        QVERIFY(child<QLabel>(view, "compareRightTitle")->text().contains(QLatin1String("/override/items/1")));
        QVERIFY(child<QLabel>(view, "compareLeftStatus")->text().contains(QLatin1String("405")));

        const int allow = headerRow(view, QStringLiteral("Allow"));
        QVERIFY(allow >= 0);
        QCOMPARE(changeOf(view, allow), QStringLiteral("changed"));
        QVERIFY(highlighted(view, allow));
        QVERIFY2(cell(view, allow, 1).contains(QLatin1String("PUT")), qPrintable(cell(view, allow, 1)));
        QVERIFY2(cell(view, allow, 2).contains(QLatin1String("POST")), qPrintable(cell(view, allow, 2)));
        const int server = headerRow(view, QStringLiteral("Content-Type"));
        if (server >= 0 && cell(view, server, 1) == cell(view, server, 2))
            QVERIFY(!highlighted(view, server));

        // Date changes on every answer: hidden until asked for.
        QCOMPARE(headerRow(view, QStringLiteral("Date")), -1);
        QVERIFY(child<QLabel>(view, "compareSummary")->text().contains(QLatin1String("volatile")));
        QTest::mouseClick(child<QCheckBox>(view, "compareVolatileToggle"), Qt::LeftButton);
        QVERIFY(headerRow(view, QStringLiteral("Date")) >= 0);
        QTest::mouseClick(child<QCheckBox>(view, "compareVolatileToggle"), Qt::LeftButton);
        QCOMPARE(headerRow(view, QStringLiteral("Date")), -1);

        QTest::mouseClick(child<QPushButton>(view, "compareSwapButton"), Qt::LeftButton);
        QVERIFY(child<QLabel>(view, "compareLeftTitle")->text().contains(QLatin1String("/override/items/1")));
        const int swapped = headerRow(view, QStringLiteral("Allow"));
        QVERIFY(cell(view, swapped, 1).contains(QLatin1String("POST")));
        QVERIFY(cell(view, swapped, 2).contains(QLatin1String("PUT")));

        const QString md = view->markdown();
        QVERIFY2(md.contains(QLatin1String("| Allow | changed |")), qPrintable(md));
        QVERIFY(md.contains(QLatin1String("/override/items/1")));
        QVERIFY(md.indexOf(QLatin1String("/override/items/1")) < md.indexOf(QLatin1String("/api/items/1")));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("comparison.md"));
        QVERIFY(view->exportMarkdown(file));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), md);
    }

    void historyEntryAgainstTheCurrentTab()
    {
        verbscope::AppServices services;
        ui::MainWindow w(services);
        w.setConfirm([](QWidget *, const QString &, const QString &) { return false; });
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(!w.currentTab()->isBusy(), 20000);
        ui::RequestTab *tab = w.newTab();
        sendFrom(tab, QStringLiteral("PATCH"), w.demoUrl(QStringLiteral("/stub/export")));
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        ui::HistoryPanel *panel = w.historyPanel();
        QTRY_COMPARE(panel->model()->rowCount(), 2);
        auto *list = child<QListView>(panel, "historyList");
        list->selectionModel()->select(panel->model()->index(1, 0), QItemSelectionModel::Select); // GET /
        list->findChild<QAction *>(QStringLiteral("historyCompareWithTabAction"))->trigger();
        CompareView *view = w.findChild<CompareView *>(QStringLiteral("compareView"));
        QVERIFY(view);
        QVERIFY(child<QLabel>(view, "compareRightTitle")->text().startsWith(QLatin1String("Current tab: PATCH")));
        QVERIFY(child<QLabel>(view, "compareRightStatus")->text().contains(QLatin1String("501")));
        QVERIFY(child<QLabel>(view, "compareLeftStatus")->text().contains(QLatin1String("200")));
        QVERIFY(child<QLabel>(view, "compareLeftStatus")->property("differs").toBool());
        QVERIFY(view->result().body.changed);
    }

    void bodiesByJsonPathAndByLine()
    {
        CompareView view;
        view.show();
        // Two Allow lines and one merged line mean the same thing.
        view.setSides({ QStringLiteral("left"),
                          answer(405, "Method Not Allowed", { { "Allow", "GET" }, { "Allow", "HEAD" } },
                              R"({"id": 1, "tags": ["a"], "owner": {"name": "x"}})") },
            { QStringLiteral("right"),
                answer(405, "Method Not Allowed", { { "Allow", "GET, HEAD" }, { "X-New", "1" } },
                    R"({"id": 1, "tags": ["a", "b"], "owner": {"name": "y"}})") });
        const int allow = headerRow(&view, QStringLiteral("Allow"));
        QCOMPARE(cell(&view, allow, 1), QStringLiteral("GET\nHEAD"));
        QCOMPARE(changeOf(&view, allow), QString());
        QVERIFY(!highlighted(&view, allow));
        const int added = headerRow(&view, QStringLiteral("X-New"));
        QCOMPARE(changeOf(&view, added), QStringLiteral("added"));
        QVERIFY(highlighted(&view, added));
        QVERIFY(!child<QLabel>(&view, "compareLeftStatus")->property("differs").toBool());

        auto *body = child<QStackedWidget>(&view, "compareBody");
        auto *json = child<QTableWidget>(&view, "compareJson");
        QCOMPARE(body->currentWidget(), json);
        QStringList paths;
        for (int r = 0; r < json->rowCount(); ++r)
            paths << json->item(r, 0)->text() + QLatin1Char(' ') + json->item(r, 1)->text();
        QVERIFY2(paths.contains(QLatin1String("$.tags[1] added")), qPrintable(paths.join(QLatin1Char('|'))));
        QVERIFY(paths.contains(QLatin1String("$.owner.name changed")));

        view.setSides({ QStringLiteral("left"), answer(200, "OK", {}, "one\ntwo\nthree\n") },
            { QStringLiteral("right"), answer(404, "Not Found", {}, "one\n2\nthree\n") });
        auto *text = child<QPlainTextEdit>(&view, "compareText");
        QCOMPARE(body->currentWidget(), text);
        const QString lines = text->toPlainText();
        QVERIFY2(lines.contains(QLatin1String("- two\n+ 2")), qPrintable(lines));
        QVERIFY(child<QLabel>(&view, "compareRightStatus")->property("differs").toBool());
        QVERIFY(view.markdown().contains(QLatin1String("```diff\n")));

        view.setSides({ QStringLiteral("a"), answer(200, "OK", {}, "same") },
            { QStringLiteral("b"), answer(200, "OK", {}, "same") });
        QCOMPARE(body->currentWidget(), child<QLabel>(&view, "compareBodyNote"));
        QVERIFY(child<QLabel>(&view, "compareSummary")->text().contains(QLatin1String("No differences")));
    }

    // The reason phrase and header values from a server are shown in the control-byte notation.
    void controlBytesInTheNotation()
    {
        CompareView view;
        view.show();
        view.setSides({ QStringLiteral("left"), answer(200, "OK\r\rX: \x1b[31m", { { "X-A", "a\tb\x1b" } }, "x") },
            { QStringLiteral("right"), answer(200, "OK", { { "X-A", "a" } }, "x") });
        QCOMPARE(
            child<QLabel>(&view, "compareLeftStatus")->text(), QStringLiteral("HTTP/1.1 200 OK\\r\\rX: \\x1b[31m"));
        QCOMPARE(cell(&view, headerRow(&view, QStringLiteral("X-A")), 1), QStringLiteral("a\\tb\\x1b"));
    }
};

QTEST_MAIN(tst_CompareView)
#include "tst_compareview.moc"
