// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "core/Settings.h"
#include "core/history/HistoryRecorder.h"
#include "core/history/HistoryStore.h"
#include "tests/core/history/HistoryDamage.h"
#include "tests/support/ExchangeBuilder.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/BodyView.h"
#include "ui/CollectionTabs.h"
#include "ui/DiagnosisPanel.h"
#include "ui/HistoryPanel.h"
#include "ui/MainWindow.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/TabStore.h"
#include "ui/models/HistoryModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>

using namespace verbscope;
using history::HistoryFilter;
using history::HistoryStore;
using ui::HistoryModel;
using ui::HistoryPanel;

namespace {
using verbscope::test::child;

http::Exchange makeExchange(const QByteArray &method, const QString &url, int status, const QDateTime &when)
{
    test::ExchangeBuilder ex = test::exchange()
                                   .wire()
                                   .startedAt(when)
                                   .request(method, url)
                                   .requestHeader("Host", QUrl(url).host().toLatin1())
                                   .requestHeader("Accept", "*/*")
                                   .status(status);
    if (status == 405)
        ex.header("Allow", "GET, HEAD");
    return ex;
}

// A history file of its own per test, in the data dir the test harness made; damaged copies
// set aside by an earlier run go too.
QString freshPath()
{
    QDir dir(HistoryStore::dataDir());
    dir.mkpath(QStringLiteral("."));
    const QString name = QLatin1String(QTest::currentTestFunction()) + QStringLiteral(".sqlite");
    const QString path = dir.filePath(name);
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(path + suffix);
    for (const QString &aside : dir.entryList({ name + QStringLiteral(".corrupt-*") }, QDir::Files))
        QFile::remove(dir.filePath(aside));
    return path;
}

// `n` exchanges, one a minute up to now: PATCH/GET alternating, 405/501/200, hosts a and b.
QList<qint64> fill(const QString &path, int n, int batch = 5000)
{
    HistoryStore store;
    if (!store.open(path).ok)
        return {};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<qint64> ids;
    for (int start = 0; start < n; start += batch) {
        QList<http::Exchange> exchanges;
        for (int i = start; i < qMin(n, start + batch); ++i) {
            const int status = i % 3 == 0 ? 405 : i % 3 == 1 ? 501 : 200;
            exchanges << makeExchange(i % 2 ? "PATCH" : "GET",
                QStringLiteral("http://%1.test/items/%2").arg(i % 4 ? QLatin1Char('a') : QLatin1Char('b')).arg(i),
                status, now.addSecs(qint64(i - n) * 60));
        }
        ids += store.addMany(exchanges, QStringLiteral("test"));
    }
    return ids;
}

// What a request tab shows, widget by widget, for comparing an original with its reopened copy.
struct TabView {
    QString badge, body, rawSent, rawReceived, verdict, answeredBy;
    QStringList evidence, suggestionStates;
    bool runChecksOffered = false;
};

TabView viewOf(ui::RequestTab *tab)
{
    TabView v;
    v.badge = child<QLabel>(tab, "statusBadge")->text();
    v.body = child<ui::BodyView>(tab, "bodyView")->text();
    v.rawSent = child<QPlainTextEdit>(tab, "rawSent")->toPlainText();
    v.rawReceived = child<QPlainTextEdit>(tab, "rawReceived")->toPlainText();
    v.verdict = child<QLabel>(tab, "diagnosisVerdict")->text();
    v.answeredBy = child<QLabel>(tab, "diagnosisAnsweredBy")->text();
    auto *evidence = child<QTreeWidget>(tab, "diagnosisEvidence");
    for (int i = 0; i < evidence->topLevelItemCount(); ++i)
        v.evidence << evidence->topLevelItem(i)->text(0);
    for (const diagnosis::Suggestion &s : tab->diagnosis().suggestions)
        if (auto *state = tab->findChild<QLabel *>(QStringLiteral("suggestionState-") + s.id))
            v.suggestionStates << s.id + QLatin1Char('=') + state->text();
    v.runChecksOffered = !child<QPushButton>(tab, "runChecks")->isHidden();
    return v;
}

void compareExchanges(const http::Exchange &got, const http::Exchange &want)
{
    QCOMPARE(got.fidelity, want.fidelity);
    QCOMPARE(got.startedAt, want.startedAt);
    QCOMPARE(got.request.method, want.request.method);
    QCOMPARE(got.request.url, want.request.url);
    QCOMPARE(got.request.headers, want.request.headers); // as sent: the transport's headers too
    QCOMPARE(got.request.body, want.request.body);
    QCOMPARE(got.response.received, want.response.received);
    QCOMPARE(got.response.head.status, want.response.head.status);
    QCOMPARE(got.response.head.reason, want.response.head.reason);
    QCOMPARE(got.response.head.httpVersion, want.response.head.httpVersion);
    QCOMPARE(got.response.head.headers, want.response.head.headers);
    QCOMPARE(got.response.body, want.response.body);
    QCOMPARE(got.response.rawSize, want.response.rawSize);
    QCOMPARE(got.response.decodedSize, want.response.decodedSize);
    QCOMPARE(got.error.kind, want.error.kind);
    QVERIFY(got.timings.total.has_value());
    QVERIFY(qAbs(*got.timings.total - *want.timings.total) < 0.001); // kept to the microsecond
}

void selectRows(QListView *list, const QList<int> &rows)
{
    list->clearSelection();
    for (int r : rows)
        list->selectionModel()->select(list->model()->index(r, 0), QItemSelectionModel::Select);
}
} // namespace

class tst_HistoryPanel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QFile::remove(ui::TabStore::defaultPath());
        for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
            QFile::remove(HistoryStore::defaultPath() + suffix);
        Settings().reset(Settings::Key::HistoryEnabled);
        Settings().reset(Settings::Key::HistoryMaxEntries);
    }

    void modelIsConsistent()
    {
        const QString path = freshPath();
        const QList<qint64> ids = fill(path, 450);
        QCOMPARE(ids.size(), 450);
        HistoryStore store;
        QVERIFY(store.open(path).ok);
        HistoryModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 450);
        QCOMPARE(model.data(model.index(0, 0), HistoryModel::IdRole).toLongLong(), ids.constLast()); // newest first
        QCOMPARE(model.data(model.index(449, 0), HistoryModel::IdRole).toLongLong(), ids.constFirst());
        QVERIFY(model.data(model.index(0, 0)).toString().contains(QLatin1String("/items/449")));

        // New entries come in at the top as inserted rows, not as a reset.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        const qint64 newest
            = store.add(makeExchange("DELETE", QStringLiteral("http://c.test/x"), 405, QDateTime::currentDateTimeUtc()),
                QStringLiteral("test"));
        QVERIFY(newest > 0);
        model.refresh();
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.rowCount(), 451);
        QCOMPARE(model.idAt(0), newest);
        QCOMPARE(model.idAt(1), ids.constLast());

        // Hidden rows leave the list but not the store, and come back.
        model.hide({ 0, 2, 3, 250 });
        QCOMPARE(model.rowCount(), 447);
        QCOMPARE(model.idAt(0), ids.constLast());
        QCOMPARE(store.count(HistoryFilter {}), 451);
        model.unhide();
        QCOMPARE(model.rowCount(), 451);
        QCOMPARE(model.idAt(0), newest);
        model.hide({ 0 });
        QCOMPARE(model.removeHidden(), 1);
        QCOMPARE(store.count(HistoryFilter {}), 450);
        QCOMPARE(model.rowCount(), 450);

        HistoryFilter f;
        f.method = "PATCH";
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 225);
        QCOMPARE(model.data(model.index(0, 0), HistoryModel::MethodRole).toString(), QStringLiteral("PATCH"));
    }

    void hundredThousandEntriesStayLazy()
    {
        const QString path = freshPath();
        QCOMPARE(fill(path, 100'000).size(), 100'000);
        verbscope::AppServices services(verbscope::AppServices::Options { path });
        HistoryPanel panel(services);
        panel.resize(300, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        HistoryModel *model = panel.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *list = child<QListView>(&panel, "historyList");
        QCOMPARE(model->rowCount(), 100'000);
        QVERIFY(child<QLabel>(&panel, "historyCount")->text().contains(QLatin1String("100")));
        QVERIFY(list->uniformItemSizes());
        // Painting and the tester read the first rows only: a page or two, never the table.
        QVERIFY2(model->rowsLoaded() <= 2 * HistoryModel::PageSize, qPrintable(QString::number(model->rowsLoaded())));

        list->scrollToBottom();
        QTRY_VERIFY(list->indexAt(QPoint(4, 4)).row() > 99'900);
        QVERIFY(list->viewport()->rect().contains(list->visualRect(model->index(99'999, 0))));
        QCOMPARE(model->data(model->index(99'999, 0), HistoryModel::UrlRole).toString(),
            QStringLiteral("http://b.test/items/0"));
        QVERIFY2(model->rowsLoaded() <= 5 * HistoryModel::PageSize, qPrintable(QString::number(model->rowsLoaded())));
        QVERIFY(model->cachedPages() <= HistoryModel::MaxPages);
        for (int row = 0; row < 100'000; row += 4'000) // a jump through the whole list
            QVERIFY(model->idAt(row) > 0);
        QVERIFY(model->cachedPages() <= HistoryModel::MaxPages);

        // The full-text search narrows 100,000 rows to the one that matches.
        QTest::keyClicks(child<QLineEdit>(&panel, "historySearch"), QStringLiteral("99998"));
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->data(model->index(0, 0), HistoryModel::UrlRole).toString(),
            QStringLiteral("http://a.test/items/99998"));
    }

    void searchAndFiltersNarrow()
    {
        const QString path = freshPath();
        QCOMPARE(fill(path, 48).size(), 48); // one a minute: the oldest is 48 minutes old
        {
            HistoryStore store;
            QVERIFY(store.open(path).ok);
            QVERIFY(store.add(makeExchange("PUT", QStringLiteral("http://old.test/report"), 501,
                                  QDateTime::currentDateTimeUtc().addDays(-3)),
                QStringLiteral("test")));
        }
        verbscope::AppServices services(verbscope::AppServices::Options { path });
        HistoryPanel panel(services);
        panel.show();
        HistoryModel *model = panel.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 49);

        auto *search = child<QLineEdit>(&panel, "historySearch");
        QTest::keyClicks(search, QStringLiteral("report"));
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->data(model->index(0, 0), HistoryModel::HostRole).toString(), QStringLiteral("old.test"));
        search->clear();
        QTRY_COMPARE(model->rowCount(), 49);

        auto *method = child<QComboBox>(&panel, "historyMethodFilter");
        method->setCurrentText(QStringLiteral("PATCH"));
        QTRY_COMPARE(model->rowCount(), 24);
        auto *status = child<QComboBox>(&panel, "historyStatusFilter");
        status->setCurrentText(QStringLiteral("4xx"));
        QTRY_COMPARE(model->rowCount(), 8); // odd i, i % 3 == 0
        for (int r = 0; r < model->rowCount(); ++r) {
            QCOMPARE(model->data(model->index(r, 0), HistoryModel::StatusRole).toInt(), 405);
            QCOMPARE(model->data(model->index(r, 0), HistoryModel::MethodRole).toString(), QStringLiteral("PATCH"));
        }
        status->setCurrentText(QStringLiteral("nonsense"));
        QTRY_COMPARE(model->rowCount(), 0); // a status that cannot be one matches nothing
        status->setCurrentText(QString());
        method->setCurrentText(QString());
        QTRY_COMPARE(model->rowCount(), 49);

        QTest::keyClicks(child<QLineEdit>(&panel, "historyHostFilter"), QStringLiteral("B.test"));
        QTRY_COMPARE(model->rowCount(), 12);
        child<QLineEdit>(&panel, "historyHostFilter")->clear();
        QTRY_COMPARE(model->rowCount(), 49);

        auto *verdict = child<QComboBox>(&panel, "historyVerdictFilter");
        verdict->setCurrentIndex(verdict->findData(QStringLiteral("not-implemented")));
        QTRY_COMPARE(model->rowCount(), 17); // 16 of the 48, and the old PUT
        verdict->setCurrentIndex(0);
        QTRY_COMPARE(model->rowCount(), 49);

        auto *time = child<QComboBox>(&panel, "historyTimeFilter");
        time->setCurrentIndex(time->findData(QStringLiteral("1d")));
        QTRY_COMPARE(model->rowCount(), 48);
        time->setCurrentIndex(time->findData(QStringLiteral("15m")));
        QTRY_VERIFY(model->rowCount() >= 14 && model->rowCount() <= 16);
        time->setCurrentIndex(0);
        QTRY_COMPARE(model->rowCount(), 49);
    }

    void deleteCanBeUndone()
    {
        const QString path = freshPath();
        const QList<qint64> ids = fill(path, 30);
        verbscope::AppServices services(verbscope::AppServices::Options { path });
        HistoryPanel panel(services);
        panel.show();
        HistoryModel *model = panel.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *list = child<QListView>(&panel, "historyList");
        auto *del = child<QToolButton>(&panel, "historyDeleteButton");
        QVERIFY(!del->isEnabled());
        selectRows(list, { 0, 1, 5 });
        QVERIFY(del->isEnabled());
        QCOMPARE(panel.selectedIds(), (QList<qint64> { ids.at(29), ids.at(28), ids.at(24) }));

        QTest::mouseClick(del, Qt::LeftButton);
        QCOMPARE(model->rowCount(), 27);
        QCOMPARE(model->idAt(0), ids.at(27));
        QTRY_VERIFY(child<QFrame>(&panel, "historyUndoBar")->isVisible());
        QVERIFY(child<QLabel>(&panel, "historyUndoText")->text().contains(QLatin1String("3")));
        QCOMPARE(panel.store()->count(HistoryFilter {}), 30); // nothing is gone yet

        QTest::mouseClick(child<QPushButton>(&panel, "historyUndoButton"), Qt::LeftButton);
        QCOMPARE(model->rowCount(), 30);
        QCOMPARE(model->idAt(0), ids.at(29));
        QVERIFY(!child<QFrame>(&panel, "historyUndoBar")->isVisible());

        // Delete from the keyboard, then let it happen for good.
        selectRows(list, { 1 });
        QApplication::setActiveWindow(&panel);
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(model->rowCount(), 29);
        panel.commitDelete();
        QCOMPARE(panel.store()->count(HistoryFilter {}), 29);
        QVERIFY(!panel.store()->record(ids.at(28)));
        QVERIFY(panel.store()->record(ids.at(29)));
        QCOMPARE(model->rowCount(), 29);
        QCOMPARE(model->idAt(1), ids.at(27));
    }

    void clearAsksFirst()
    {
        const QString path = freshPath();
        fill(path, 20);
        verbscope::AppServices services(verbscope::AppServices::Options { path });
        HistoryPanel panel(services);
        panel.show();
        QStringList asked;
        bool answer = false;
        panel.setConfirm([&](QWidget *, const QString &, const QString &text) {
            asked << text;
            return answer;
        });
        auto *clear = child<QToolButton>(&panel, "historyClearButton");
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.constFirst().contains(QLatin1String("all 20")), qPrintable(asked.constFirst()));
        QCOMPARE(panel.model()->rowCount(), 20);
        QCOMPARE(panel.store()->count(HistoryFilter {}), 20);

        // With a filter, only what is shown goes.
        child<QComboBox>(&panel, "historyMethodFilter")->setCurrentText(QStringLiteral("PATCH"));
        QTRY_COMPARE(panel.model()->rowCount(), 10);
        answer = true;
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(asked.size(), 2);
        QVERIFY2(asked.constLast().contains(QLatin1String("10 entries that match")), qPrintable(asked.constLast()));
        QCOMPARE(panel.model()->rowCount(), 0);
        QCOMPARE(panel.store()->count(HistoryFilter {}), 10);
        QVERIFY(!clear->isEnabled());
        child<QComboBox>(&panel, "historyMethodFilter")->setCurrentText(QString());
        QTRY_COMPARE(panel.model()->rowCount(), 10);
    }

    void sendingRecordsAndReopens()
    {
        verbscope::AppServices services;
        ui::MainWindow w(services);
        w.setConfirm([](QWidget *, const QString &, const QString &) { return false; });
        w.show();
        HistoryPanel *panel = w.historyPanel();
        QVERIFY(panel);
        QCOMPARE(panel->objectName(), QStringLiteral("historyPanel"));
        QVERIFY(!w.findChild<QWidget *>(QStringLiteral("historyPlaceholder")));
        ui::RequestTab *first = w.currentTab(); // the first run sends GET / to the demo server
        QTRY_VERIFY_WITH_TIMEOUT(!first->isBusy(), 20000);
        QTRY_COMPARE(panel->model()->rowCount(), 1);

        ui::RequestTab *tab = w.newTab();
        tab->editor()->setMethod(QStringLiteral("PATCH"));
        tab->editor()->setUrl(w.demoUrl(QStringLiteral("/api/items/1")));
        tab->send();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QTRY_COMPARE(panel->model()->rowCount(), 2); // the checks are kept under it, not beside it
        const QModelIndex top = panel->model()->index(0, 0);
        QCOMPARE(top.data(HistoryModel::MethodRole).toString(), QStringLiteral("PATCH"));
        QCOMPARE(top.data(HistoryModel::StatusRole).toInt(), 405);
        QCOMPARE(top.data(HistoryModel::VerdictRole).toString(), QStringLiteral("not-allowed"));
        const qint64 id = top.data(HistoryModel::IdRole).toLongLong();
        QVERIFY(!panel->store()->record(id)->children.isEmpty());

        // Reopen it: a new tab with the request, and the answer as it was.
        const int tabs = w.tabCount();
        auto *list = child<QListView>(panel, "historyList");
        selectRows(list, { 0 });
        QTest::mouseClick(child<QToolButton>(panel, "historyOpenButton"), Qt::LeftButton);
        QCOMPARE(w.tabCount(), tabs + 1);
        ui::RequestTab *reopened = w.currentTab();
        QCOMPARE(reopened->editor()->method(), QStringLiteral("PATCH"));
        QCOMPARE(reopened->editor()->url(), w.demoUrl(QStringLiteral("/api/items/1")));
        QCOMPARE(child<QLabel>(reopened, "statusBadge")->text(), QStringLiteral("405 Method Not Allowed"));
        QVERIFY(!reopened->isModified());
        QCOMPARE(panel->model()->rowCount(), 2); // reopening sends nothing

        // With recording off in the settings, a send leaves no trace.
        Settings().setValue(Settings::Key::HistoryEnabled, false);
        reopened->send();
        QTRY_VERIFY_WITH_TIMEOUT(!reopened->isBusy(), 20000);
        // Recording happens in the same call that clears the busy state: nothing to wait for.
        QCOMPARE(panel->store()->count(HistoryFilter {}), 2);
        Settings().setValue(Settings::Key::HistoryEnabled, true);
        reopened->send();
        QTRY_VERIFY_WITH_TIMEOUT(!reopened->isBusy(), 20000);
        QTRY_COMPARE(panel->model()->rowCount(), 3);
    }

    // Issue 17: a reopened entry showed "The body is empty (0 bytes)", offered its checks as "not
    // tried", and had the Qt transport's own headers as request headers, which a save then wrote
    // into a .http file. Send, close the tab, reopen: every field must be the original's.
    void reopenedEntryEqualsTheOriginal()
    {
        verbscope::AppServices services;
        ui::MainWindow w(services);
        w.setConfirm([](QWidget *, const QString &, const QString &) { return false; });
        w.show();
        HistoryPanel *panel = w.historyPanel();
        QTRY_VERIFY_WITH_TIMEOUT(!w.currentTab()->isBusy(), 20000); // the first run's demo index
        QTRY_COMPARE(panel->model()->rowCount(), 1);

        ui::RequestTab *tab = w.newTab();
        http::RequestSpec written;
        written.method = "PATCH";
        written.url = w.demoUrl(QStringLiteral("/api/items/1"));
        written.headers = { { "X-Trace", "reopen-1" }, { "Content-Type", "application/json" } };
        written.body = R"({"name":"renamed"})";
        written.hasBody = true;
        tab->editor()->setSpec(written);
        const http::RequestSpec edited = tab->editor()->spec();
        tab->send();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QTRY_COMPARE(panel->model()->rowCount(), 2);
        const http::Exchange exchange = tab->exchange();
        const diagnosis::Diagnosis diagnosis = tab->diagnosis();
        const TabView view = viewOf(tab);
        // What the bug needs: a body, the Qt transport's headers, checks that ran.
        QVERIFY(!exchange.response.body.isEmpty());
        QVERIFY(http::hasHeader(exchange.request.headers, "User-Agent"));
        QVERIFY(http::hasHeader(exchange.request.headers, "Accept-Encoding"));
        QVERIFY(diagnosis.check(QStringLiteral("options")));
        QVERIFY(diagnosis.check(QStringLiteral("random-path")));
        QVERIFY(!view.body.isEmpty());
        QVERIFY(!view.runChecksOffered);

        // Opened later: the tab's own body file is gone with it.
        w.closeTab(w.tabCount() - 1);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        selectRows(child<QListView>(panel, "historyList"), { 0 });
        QTest::mouseClick(child<QToolButton>(panel, "historyOpenButton"), Qt::LeftButton);
        ui::RequestTab *reopened = w.currentTab();
        QVERIFY(reopened != tab);

        // The request as written, not as the transport sent it.
        const http::RequestSpec again = reopened->editor()->spec();
        QCOMPARE(again.method, edited.method);
        QCOMPARE(again.url, edited.url);
        QCOMPARE(again.headers, edited.headers);
        QCOMPARE(again.body, edited.body);
        QCOMPARE(again.hasBody, edited.hasBody);
        QCOMPARE(again.options.transport, edited.options.transport);
        for (const char *added : { "User-Agent", "Accept-Encoding", "Accept-Language", "Connection", "Host" })
            QVERIFY2(!http::hasHeader(again.headers, added), added);
        QVERIFY(!reopened->isModified());

        // The stored exchange, body and all.
        compareExchanges(reopened->exchange(), exchange);
        // The same diagnosis, its checks and their answers included.
        const diagnosis::Diagnosis &d = reopened->diagnosis();
        QCOMPARE(d.classification.verdict, diagnosis.classification.verdict);
        QCOMPARE(d.classification.answeredBy, diagnosis.classification.answeredBy);
        QCOMPARE(d.classification.evidence, diagnosis.classification.evidence);
        QCOMPARE(d.classification.allow, diagnosis.classification.allow);
        QCOMPARE(d.scope, diagnosis.scope);
        QCOMPARE(d.summary, diagnosis.summary);
        QCOMPARE(d.findings.size(), diagnosis.findings.size());
        for (qsizetype i = 0; i < d.findings.size(); ++i) {
            QCOMPARE(d.findings.at(i).id, diagnosis.findings.at(i).id);
            QCOMPARE(d.findings.at(i).severity, diagnosis.findings.at(i).severity);
            QCOMPARE(d.findings.at(i).detail, diagnosis.findings.at(i).detail);
            QCOMPARE(d.findings.at(i).evidence, diagnosis.findings.at(i).evidence);
        }
        QCOMPARE(d.suggestions.size(), diagnosis.suggestions.size());
        for (qsizetype i = 0; i < d.suggestions.size(); ++i) {
            const diagnosis::Suggestion &got = d.suggestions.at(i);
            const diagnosis::Suggestion &want = diagnosis.suggestions.at(i);
            QCOMPARE(got.id, want.id);
            QCOMPARE(got.verified, want.verified);
            QCOMPARE(got.verification, want.verification);
            QCOMPARE(got.request.has_value(), want.request.has_value());
            if (got.request) {
                QCOMPARE(got.request->method, want.request->method);
                QCOMPARE(got.request->headers, want.request->headers);
                QCOMPARE(got.request->options.transport, want.request->options.transport);
            }
        }
        QCOMPARE(d.checks.size(), diagnosis.checks.size());
        for (qsizetype i = 0; i < d.checks.size(); ++i) {
            QCOMPARE(d.checks.at(i).id, diagnosis.checks.at(i).id);
            QCOMPARE(d.checks.at(i).purpose, diagnosis.checks.at(i).purpose);
            QCOMPARE(d.checks.at(i).request.method, diagnosis.checks.at(i).request.method);
            QCOMPARE(d.checks.at(i).request.url, diagnosis.checks.at(i).request.url);
            QCOMPARE(d.checks.at(i).request.headers, diagnosis.checks.at(i).request.headers);
            compareExchanges(d.checks.at(i).exchange, diagnosis.checks.at(i).exchange);
        }

        // And what the widgets show.
        const TabView shown = viewOf(reopened);
        QCOMPARE(shown.badge, view.badge);
        QCOMPARE(shown.body, view.body);
        QCOMPARE(shown.rawSent, view.rawSent);
        QCOMPARE(shown.rawReceived, view.rawReceived);
        QCOMPARE(shown.verdict, view.verdict);
        QCOMPARE(shown.answeredBy, view.answeredBy);
        QCOMPARE(shown.evidence, view.evidence);
        QCOMPARE(shown.suggestionStates, view.suggestionStates);
        QCOMPARE(shown.runChecksOffered, false);

        // Saved into a .http file, it is the request as written.
        const QString file = QDir(HistoryStore::dataDir()).filePath(QStringLiteral("reopened.http"));
        QFile::remove(file);
        QVERIFY(w.collectionTabs()->saveAs(reopened, file, QStringLiteral("reopened")));
        const QByteArray saved = test::readAll(file);
        QVERIFY2(saved.contains("X-Trace: reopen-1"), saved.constData());
        QVERIFY2(saved.contains(R"({"name":"renamed"})"), saved.constData());
        for (const char *added : { "User-Agent", "Accept-Encoding", "Accept-Language", "Connection" })
            QVERIFY2(!saved.contains(added), saved.constData());
    }

    // The same over the wire transport with a gzip answer: the bytes as received and decoded, the
    // raw heads, and the transport chosen in the editor's options all come back.
    void reopenedGzipOverTheWireEqualsTheOriginal()
    {
        test::startWithoutTabs();
        verbscope::AppServices services;
        ui::MainWindow w(services);
        HistoryPanel *panel = w.historyPanel();
        ui::RequestTab *tab = w.newTab();
        http::RequestSpec written;
        written.url = w.demoUrl(QStringLiteral("/gzip"));
        written.headers = { { "Accept-Encoding", "gzip" } };
        written.options.transport = http::TransportKind::Wire;
        tab->editor()->setSpec(written);
        const http::RequestSpec edited = tab->editor()->spec();
        tab->send();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QTRY_COMPARE(panel->model()->rowCount(), 1);
        const http::Exchange exchange = tab->exchange();
        QCOMPARE(exchange.fidelity, http::Fidelity::Wire);
        QCOMPARE(exchange.response.contentEncoding, QByteArray("gzip"));
        QVERIFY(exchange.response.rawBody != exchange.response.body);
        const TabView view = viewOf(tab);
        w.closeTab(w.tabCount() - 1);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);

        w.openHistoryEntry(panel->model()->index(0, 0).data(HistoryModel::IdRole).toLongLong());
        ui::RequestTab *reopened = w.currentTab();
        const http::RequestSpec again = reopened->editor()->spec();
        QCOMPARE(again.headers, edited.headers);
        QCOMPARE(again.options.transport, http::TransportKind::Wire);
        compareExchanges(reopened->exchange(), exchange);
        QCOMPARE(reopened->exchange().request.rawHead, exchange.request.rawHead);
        QCOMPARE(reopened->exchange().response.head.rawHead, exchange.response.head.rawHead);
        QCOMPARE(reopened->exchange().response.rawBody, exchange.response.rawBody);
        QCOMPARE(reopened->exchange().response.contentEncoding, exchange.response.contentEncoding);
        const TabView shown = viewOf(reopened);
        QCOMPARE(shown.body, view.body);
        QCOMPARE(shown.rawSent, view.rawSent);
        QCOMPARE(shown.rawReceived, view.rawReceived);
        QCOMPARE(shown.verdict, view.verdict);
        QCOMPARE(shown.evidence, view.evidence);
        QCOMPARE(shown.runChecksOffered, view.runChecksOffered); // none ran for a 200 to GET
    }

    // A body the history did not keep is said, with why; an empty one is still "empty".
    void bodyNotKeptIsSaidNotShownEmpty()
    {
        test::startWithoutTabs();
        verbscope::AppServices services;
        http::Exchange streamed
            = makeExchange("GET", QStringLiteral("http://a.test/download"), 200, QDateTime::currentDateTimeUtc());
        streamed.response.bodyFile = QDir(HistoryStore::dataDir()).filePath(QStringLiteral("gone.body"));
        streamed.response.rawSize = streamed.response.decodedSize = 157;
        const qint64 notKept = services.historyStore().add(streamed, QStringLiteral("gui"));
        http::Exchange lost
            = makeExchange("GET", QStringLiteral("http://a.test/lost"), 200, QDateTime::currentDateTimeUtc());
        lost.response.rawSize = lost.response.decodedSize = 157;
        const qint64 missing = services.historyStore().add(lost, QStringLiteral("gui"));
        const qint64 empty = services.historyStore().add(
            makeExchange("GET", QStringLiteral("http://a.test/empty"), 200, QDateTime::currentDateTimeUtc()),
            QStringLiteral("gui"));
        ui::MainWindow w(services);
        const auto placeholder = [&w](qint64 id) {
            w.openHistoryEntry(id);
            return child<QPlainTextEdit>(w.currentTab(), "responseBody")->placeholderText();
        };
        QCOMPARE(placeholder(notKept),
            QStringLiteral("body not kept: the file it was streamed to could not be read (No such file or directory)"));
        QCOMPARE(placeholder(missing), QStringLiteral("The body (157 bytes) is not in this record."));
        QCOMPARE(placeholder(empty), QStringLiteral("The body is empty (0 bytes)."));
    }

    void tighterRetentionShrinksTheOpenPanel()
    {
        const QString path = freshPath();
        QCOMPARE(fill(path, 10).size(), 10);
        verbscope::AppServices services(verbscope::AppServices::Options { path });
        HistoryPanel panel(services);
        QCOMPARE(panel.model()->rowCount(), 10);
        services.settings().setValue(Settings::Key::HistoryMaxEntries, 3);
        QTRY_COMPARE(panel.model()->rowCount(), 3);
        QCOMPARE(panel.store()->count(HistoryFilter {}), 3);
    }

    // A broken settings file turns recording off (the user's intent cannot be read): the panel
    // says so, and why, at once.
    void brokenSettingsAreShownAndRecordNothing()
    {
        const QString ini = qEnvironmentVariable("VERBSCOPE_DATA_DIR") + QStringLiteral("/verbscope.ini");
        QDir().mkpath(QFileInfo(ini).absolutePath());
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[requests]\nproxyUrl=\"http://proxy:3128\n[history]\nenabled=true\n");
        f.close();
        {
            verbscope::AppServices services(verbscope::AppServices::Options { freshPath() });
            HistoryPanel panel(services);
            QVERIFY(!services.recorder());
            auto *problem = panel.findChild<QLabel *>(QStringLiteral("historyProblem"));
            QVERIFY(problem);
            QVERIFY2(problem->text().contains(QLatin1String("broken syntax")), qPrintable(problem->text()));
            QVERIFY(problem->text().contains(QLatin1String("history recording is off")));
        }
        QVERIFY(QFile::remove(ini));
        const QDir dir(QFileInfo(ini).absolutePath());
        for (const QString &copy : dir.entryList({ QStringLiteral("verbscope.ini.unreadable-*") }))
            QFile::remove(dir.filePath(copy));
    }

    // The app's own recording runs into a damaged page: what MainWindow::record does with the
    // recorder's messages shows them above the list, and the panel, another store on the same
    // file, follows the new database instead of listing the old one under its new name.
    void damagedDatabaseFoundByRecordingIsSaid()
    {
#ifdef Q_OS_WIN
        QSKIP("Windows cannot rename a file that another connection holds open (the notice then says so)");
#endif
        const QString path = freshPath();
        QCOMPARE(fill(path, 5).size(), 5);
        QVERIFY(test::damageHistoryPage(path, QStringLiteral("exchanges_host")) > 1);
        verbscope::AppServices services(verbscope::AppServices::Options { path });
        HistoryPanel panel(services);
        QCOMPARE(panel.model()->rowCount(), 5); // the newest page does not touch the damaged index
        QVERIFY(services.recorder());
        QVERIFY(services.recorder()->record(
            makeExchange("GET", QStringLiteral("http://gui.test/"), 200, QDateTime::currentDateTimeUtc())));
        const QStringList messages = services.recorder()->takeMessages();
        panel.refresh();
        panel.showMessages(messages);
        auto *problem = child<QLabel>(&panel, "historyProblem");
        QVERIFY2(problem->text().contains(QLatin1String("is damaged"))
                && problem->text().contains(path + QStringLiteral(".corrupt-")),
            qPrintable(problem->text()));
        QVERIFY(!problem->isHidden());
        QCOMPARE(panel.model()->rowCount(), 1);
        QCOMPARE(panel.model()->index(0, 0).data(HistoryModel::IdRole).toLongLong(),
            panel.store()->list(HistoryFilter {}).first().id);
    }

    // What a command left in the pending folder runs into the damaged page when the panel takes
    // it in: the panel says so, and lists the new history with the command's entry in it.
    void damagedDatabaseFoundTakingInCommandsIsSaid()
    {
        const QString path = freshPath();
        QCOMPARE(fill(path, 5).size(), 5);
        QVERIFY(test::damageHistoryPage(path, QStringLiteral("exchanges_host")) > 1);
        verbscope::AppServices services(verbscope::AppServices::Options { path });
        HistoryPanel panel(services);
        QCOMPARE(panel.model()->rowCount(), 5);
        {
            history::HistoryRecorder command(QStringLiteral("send"), path, history::HistoryRecorder::Mode::Deferred);
            command.record(
                makeExchange("GET", QStringLiteral("http://cli.test/"), 200, QDateTime::currentDateTimeUtc()));
        }
        panel.refresh();
        auto *problem = child<QLabel>(&panel, "historyProblem");
        QVERIFY2(problem->text().contains(QLatin1String("is damaged")), qPrintable(problem->text()));
        QVERIFY2(!problem->text().contains(QLatin1String("could not be taken in")), qPrintable(problem->text()));
        QCOMPARE(panel.model()->rowCount(), 1);
        QCOMPARE(panel.store()->list(HistoryFilter {}).first().url, QStringLiteral("http://cli.test/"));
    }

    // The settings dialog applies its keys one by one: both tightened limits apply together. (It
    // does not catch the race AppServices guards against — a second start while a pass still
    // runs — which this machine does not hit; it checks that both limits reach the store.)
    void twoTighterLimitsAtOnceBothApply()
    {
        const QString path = freshPath();
        QCOMPARE(fill(path, 10).size(), 10);
        {
            HistoryStore store;
            QVERIFY(store.open(path).ok);
            const QDateTime old = QDateTime::currentDateTimeUtc().addDays(-3);
            QCOMPARE(store
                         .addMany({ makeExchange("GET", QStringLiteral("http://old.test/1"), 200, old),
                                      makeExchange("GET", QStringLiteral("http://old.test/2"), 200, old) },
                             QStringLiteral("test"))
                         .size(),
                2);
        }
        verbscope::AppServices services(verbscope::AppServices::Options { path });
        HistoryPanel panel(services);
        QCOMPARE(panel.model()->rowCount(), 12);
        services.settings().setValue(Settings::Key::HistoryMaxAgeDays, 1);
        services.settings().setValue(Settings::Key::HistoryMaxEntries, 5);
        QTRY_COMPARE(panel.store()->count(HistoryFilter {}), 5);
        QTRY_COMPARE(panel.model()->rowCount(), 5);
        HistoryFilter old;
        old.host = QStringLiteral("old.test");
        QCOMPARE(panel.store()->count(old), 0);
    }
};

QTEST_MAIN(tst_HistoryPanel)
#include "tst_historypanel.moc"
