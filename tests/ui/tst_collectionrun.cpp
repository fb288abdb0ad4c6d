// SPDX-License-Identifier: GPL-3.0-or-later
// A `.http` request sent from the app as `run` sends it: a reference to a named request sends that
// request first (once per window), `??` assertions fill the response's Tests tab, and `# @prompt`
// asks for its value. Everything goes to a loopback FakeServer.
#include "core/AppServices.h"
#include "core/collections/CollectionRunner.h"
#include "core/history/HistoryStore.h"
#include "tests/support/FakeServer.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/CollectionTabs.h"
#include "ui/MainWindow.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/ResponseView.h"
#include "ui/TestsView.h"

#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeWidget>

using namespace verbscope;
using namespace verbscope::test;
using namespace verbscope::ui;

namespace {
// /login answers a token; /me answers 200 only with it; /broken fails.
FakeResponse api(const FakeRequest &r)
{
    if (r.target == "/login")
        return FakeResponse::http(200, "OK", { { "Content-Type", "application/json" } }, "{\"token\":\"t0k3n\"}");
    if (r.target.startsWith("/who"))
        return FakeResponse::http(200, "OK", { { "Content-Type", "text/plain" } }, "you");
    if (r.target == "/broken")
        return FakeResponse::http(500, "Internal Server Error", { { "Content-Type", "text/plain" } }, "down");
    const bool authorised = r.head.contains("Authorization: Bearer t0k3n\r\n");
    return authorised ? FakeResponse::http(200, "OK", { { "Content-Type", "application/json" } }, "{\"id\":7}")
                      : FakeResponse::http(401, "Unauthorized", { { "Content-Type", "text/plain" } }, "no");
}

QList<QByteArray> targets(const FakeServer &server)
{
    QList<QByteArray> out;
    for (const FakeRequest &r : server.requests())
        out << r.target;
    return out;
}

QTabWidget *responseTabs(RequestTab *tab)
{
    return tab->response()->findChild<QTabWidget *>(QStringLiteral("responseTabs"));
}

QString testsTitle(RequestTab *tab)
{
    QTabWidget *tabs = responseTabs(tab);
    return tabs->tabText(tabs->indexOf(tab->response()->tests()));
}
} // namespace

class tst_CollectionRun final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { startWithoutTabs(); }

    void referenceSendsTheNamedRequestFirst()
    {
        FakeServer server(api);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("api.http"));
        writeFile(file,
            QStringLiteral("# @name login\nPOST %1\n\n###\n# @name me\nGET %2\nAuthorization: Bearer "
                           "{{login.response.body.$.token}}\n\n?? status == 200\n?? body $.id == 7\n")
                .arg(server.url(QStringLiteral("/login")), server.url(QStringLiteral("/me")))
                .toUtf8());
        AppServices services;
        MainWindow w(services);
        w.show();
        w.openCollection(dir.path());
        RequestTab *tab = w.collectionTabs()->open(file, 1);
        QVERIFY(tab);
        // The reference is not a reason to disable Send: Send sends login first.
        QVERIFY2(tab->editor()->problem().isEmpty(), qPrintable(tab->editor()->problem()));
        const qint64 recordedBefore = services.historyStore().count({});
        tab->send();
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 2, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QCOMPARE(targets(server), (QList<QByteArray> { "/login", "/me" }));
        QVERIFY(server.requests().at(1).head.contains("Authorization: Bearer t0k3n\r\n"));
        QCOMPARE(testsTitle(tab), QStringLiteral("Tests 2/2"));
        // Each exchange is in the history, the dependency's too.
        QTRY_COMPARE_WITH_TIMEOUT(services.historyStore().count({}), recordedBefore + 2, 20000);

        // The window remembers login's answer: the next send does not log in again.
        tab->send();
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 3, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QCOMPARE(server.requests().at(2).target, QByteArray("/me"));
        QVERIFY(w.collectionTabs()->session()->answer(file, QStringLiteral("me")));
    }

    void failedDependencyStopsTheSend()
    {
        FakeServer server(api);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("api.http"));
        writeFile(file,
            QStringLiteral(
                "# @name login\nPOST %1\n\n###\nGET %2\nAuthorization: Bearer {{login.response.body.$.token}}\n")
                .arg(server.url(QStringLiteral("/broken")), server.url(QStringLiteral("/me")))
                .toUtf8());
        AppServices services;
        MainWindow w(services);
        w.show();
        w.openCollection(dir.path());
        RequestTab *tab = w.collectionTabs()->open(file, 1);
        QVERIFY(tab);
        tab->send();
        QTRY_VERIFY_WITH_TIMEOUT(w.statusBar()->currentMessage().startsWith(QStringLiteral("Not sent: login")), 20000);
        QVERIFY(!tab->isBusy());
        QCOMPARE(targets(server), QList<QByteArray> { "/broken" });
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("500")),
            qPrintable(w.statusBar()->currentMessage()));
    }

    void failingAssertionShowsInTheTestsTab()
    {
        FakeServer server(api);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("api.http"));
        writeFile(file,
            QStringLiteral("GET %1\n\n?? status == 200\n?? status == 201\n")
                .arg(server.url(QStringLiteral("/login")))
                .toUtf8());
        AppServices services;
        MainWindow w(services);
        w.show();
        w.openCollection(dir.path());
        RequestTab *tab = w.collectionTabs()->open(file, 0);
        QVERIFY(tab);
        QCOMPARE(testsTitle(tab), QStringLiteral("Tests"));
        tab->send();
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(testsTitle(tab), QStringLiteral("Tests 1/2"), 20000);
        auto *list = child<QTreeWidget>(tab, "testsList");
        QVERIFY(list);
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("✔ passed"));
        QTreeWidgetItem *failed = list->topLevelItem(1);
        QCOMPARE(failed->text(0), QStringLiteral("✘ failed"));
        QCOMPARE(failed->text(1), QStringLiteral("status == 201"));
        QVERIFY2(failed->text(2).contains(QStringLiteral("200")), qPrintable(failed->text(2)));
        QCOMPARE(failed->text(3), QStringLiteral("api.http:4"));
        QVERIFY(child<QWidget>(tab, "testsEmpty")->isHidden());
        // The request as its file holds it, assertions included, in the editor's .http tab.
        auto *source = child<QPlainTextEdit>(tab, "httpSource");
        QVERIFY(source && source->toPlainText().contains(QStringLiteral("?? status == 201")));
        const QTextBlock assertion = source->document()->find(QStringLiteral("?? status == 201")).block();
        QVERIFY(!assertion.layout()->formats().isEmpty());
        // View ▸ Response Tests (Ctrl+Shift+T) brings the tab forward.
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QTest::keyClick(&w, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(responseTabs(tab)->currentWidget(), tab->response()->tests());
    }

    void promptAsksAndSendsTheValue()
    {
        FakeServer server(api);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("api.http"));
        writeFile(file,
            QStringLiteral(
                "# @prompt user Your user name\n# @prompt password\nGET %1?u={{user}}\nX-Pass: {{password}}\n")
                .arg(server.url(QStringLiteral("/who")))
                .toUtf8());
        QList<Prompt::Input> asked;
        QHash<QString, std::optional<QString>> answers { { QStringLiteral("user"), QStringLiteral("ada") },
            { QStringLiteral("password"), QStringLiteral("pw1") } };
        Prompt::setInputHandler([&](QWidget *, const Prompt::Input &input) {
            asked << input;
            return answers.value(input.title.section(QLatin1Char(' '), -1));
        });
        AppServices services;
        MainWindow w(services);
        w.show();
        w.openCollection(dir.path());
        RequestTab *tab = w.collectionTabs()->open(file, 0);
        QVERIFY(tab);
        QVERIFY2(tab->editor()->problem().isEmpty(), qPrintable(tab->editor()->problem()));
        tab->send();
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, 20000);
        QCOMPARE(server.requests().at(0).target, QByteArray("/who?u=ada"));
        QVERIFY(server.requests().at(0).head.contains("X-Pass: pw1\r\n"));
        QCOMPARE(asked.size(), 2);
        QCOMPARE(asked.at(0).label, QStringLiteral("Your user name"));
        QVERIFY(!asked.at(0).masked);
        QVERIFY(asked.at(1).masked); // a password is not shown as it is typed
        QVERIFY(asked.at(0).note.contains(QStringLiteral("remembers")));
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);

        // The next send offers the remembered value; Cancel sends nothing.
        answers.insert(QStringLiteral("user"), std::nullopt);
        tab->send();
        QCOMPARE(asked.size(), 3);
        QCOMPARE(asked.at(2).value, QStringLiteral("ada"));
        QVERIFY(!tab->isBusy());
        QTest::qWait(0);
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("no value given for user")));
        Prompt::setInputHandler({});
    }
};

QTEST_MAIN(tst_CollectionRun)
#include "tst_collectionrun.moc"
