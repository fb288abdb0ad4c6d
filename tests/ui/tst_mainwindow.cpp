// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "tests/support/FakeServer.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/BodyView.h"
#include "ui/DiagnosisPanel.h"
#include "ui/MainWindow.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/TabStore.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace verbscope::test;
using verbscope::ui::MainWindow;
using verbscope::ui::RequestTab;

namespace {
using verbscope::test::child;

// Types into a field the way a user does, then closes the completion popup it may have opened.
void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    if (edit->completer() && edit->completer()->popup())
        edit->completer()->popup()->hide();
}

void enterRequest(RequestTab *tab, const QString &method, const QString &url)
{
    typeInto(child<QComboBox>(tab, "methodBox")->lineEdit(), method);
    typeInto(child<QLineEdit>(tab, "urlEdit"), url);
}

QLabel *badge(RequestTab *tab)
{
    return child<QLabel>(tab, "statusBadge");
}

QAbstractItemModel *responseHeaders(RequestTab *tab)
{
    return child<QTableView>(tab, "responseHeaders")->model();
}

QStringList evidenceLines(RequestTab *tab)
{
    QStringList lines;
    auto *tree = child<QTreeWidget>(tab, "diagnosisEvidence");
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        lines << tree->topLevelItem(i)->text(0);
    return lines;
}
} // namespace

class tst_MainWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QFile::remove(verbscope::ui::TabStore::defaultPath()); // every test is a first run
    }

    void firstRunOpensTheDemoIndex()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        QCOMPARE(w.tabCount(), 1);
        RequestTab *tab = w.currentTab();
        QCOMPARE(tab->editor()->url(), w.demoUrl());
        QTRY_COMPARE_WITH_TIMEOUT(badge(tab)->text(), QStringLiteral("200 OK"), 20000);
        QVERIFY(child<QLabel>(&w, "demoStatus")->text().contains(w.demoUrl()));
        QTRY_VERIFY(!tab->isBusy());
        // Help ▸ Open Demo Server focuses that tab again instead of adding one.
        w.newTab();
        QCOMPARE(w.tabCount(), 2);
        w.openDemo();
        QCOMPARE(w.tabCount(), 2);
        QCOMPARE(w.currentTab(), tab);
    }

    void diagnosesA405FromTheDemoServer()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.newTab();
        enterRequest(tab, QStringLiteral("DELETE"), w.demoUrl(QStringLiteral("/static/page.html")));
        auto *send = child<QPushButton>(tab, "sendButton");
        QVERIFY(send->isEnabled());
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(badge(tab)->text(), QStringLiteral("405 Not Allowed"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QVERIFY(!responseHeaders(tab)
                     ->match(responseHeaders(tab)->index(0, 0), Qt::DisplayRole, QStringLiteral("Server"))
                     .isEmpty());
        auto *verdict = child<QLabel>(tab, "diagnosisVerdict");
        QVERIFY2(verdict->text().contains(QLatin1String("405")), qPrintable(verdict->text()));
        QVERIFY(child<QLabel>(tab, "diagnosisAnsweredBy")->text().contains(QLatin1String("not-allowed")));
        // nginx's own 405 carries no Allow header: an RFC 9110 violation, shown as an error finding.
        auto *finding = child<QLabel>(tab, "finding-allow-missing");
        QVERIFY(finding);
        QVERIFY(finding->text().contains(QLatin1String("error")));
        QVERIFY(child<QLabel>(tab, "statusExplanation")->text().contains(QLatin1String("Method Not Allowed")));
        const QStringList evidence = evidenceLines(tab);
        QVERIFY2(evidence.filter(QStringLiteral("Check options: OPTIONS")).size() == 1,
            qPrintable(evidence.join(QLatin1Char('\n'))));
        QVERIFY(evidence.filter(QStringLiteral("Check random-path: DELETE")).size() == 1);
    }

    void clickingACheckOpensItsExchange()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.newTab();
        enterRequest(tab, QStringLiteral("PATCH"), w.demoUrl(QStringLiteral("/api/items/1")));
        QTest::mouseClick(child<QPushButton>(tab, "sendButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(badge(tab)->text(), QStringLiteral("405 Method Not Allowed"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        auto *tree = child<QTreeWidget>(tab, "diagnosisEvidence");
        const auto items = tree->findItems(QStringLiteral("Check options"), Qt::MatchStartsWith);
        QCOMPARE(items.size(), 1);
        tree->scrollToItem(items.first());
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(items.first()).center());
        auto *context = child<QLabel>(tab, "responseContext");
        QTRY_VERIFY(context->isVisible());
        QVERIFY(context->text().contains(QLatin1String("OPTIONS")));
        QVERIFY(badge(tab)->text().startsWith(QLatin1String("2")));
        QTest::mouseClick(child<QPushButton>(tab, "backToPrimary"), Qt::LeftButton);
        QCOMPARE(badge(tab)->text(), QStringLiteral("405 Method Not Allowed"));
        QVERIFY(!context->isVisible());
    }

    void overrideSuggestionAsksThenVerifies()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        QStringList asked;
        bool answer = false;
        w.setConfirm([&](QWidget *, const QString &, const QString &text) {
            asked << text;
            return answer;
        });
        RequestTab *tab = w.newTab();
        const QString url = w.demoUrl(QStringLiteral("/override/items/1"));
        enterRequest(tab, QStringLiteral("PATCH"), url);
        QTest::mouseClick(child<QPushButton>(tab, "sendButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(badge(tab)->text(), QStringLiteral("405 Method Not Allowed"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        auto *state = child<QLabel>(tab, "suggestionState-method-override");
        QVERIFY(state);
        QCOMPARE(state->text(), QStringLiteral("not tried"));
        const qsizetype checksBefore = tab->diagnosis().checks.size();

        // Refused: nothing is sent.
        QTest::mouseClick(child<QPushButton>(tab, "suggestionButton-method-override"), Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked.first().contains(url));
        QVERIFY(asked.first().contains(QLatin1String("X-HTTP-Method-Override: PATCH")));
        QVERIFY(!tab->isBusy());
        QCOMPARE(tab->diagnosis().checks.size(), checksBefore);

        answer = true;
        QTest::mouseClick(child<QPushButton>(tab, "suggestionButton-method-override"), Qt::LeftButton);
        QCOMPARE(asked.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        state = child<QLabel>(tab, "suggestionState-method-override");
        QTRY_COMPARE(state->text(), QStringLiteral("✓ verified"));
        QVERIFY(tab->diagnosis().check(QStringLiteral("override:X-HTTP-Method-Override")));
    }

    void fixTheVerbSuggestionEditsTheMethod()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.newTab();
        enterRequest(tab, QStringLiteral("GETT"), w.demoUrl(QStringLiteral("/strict/item")));
        QTest::mouseClick(child<QPushButton>(tab, "sendButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(badge(tab)->text().startsWith(QLatin1String("405")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        auto *fix = child<QPushButton>(tab, "suggestionButton-fix-method-name");
        QVERIFY(fix);
        QCOMPARE(fix->text(), QStringLiteral("Fix the verb to GET"));
        QTest::mouseClick(fix, Qt::LeftButton);
        QCOMPARE(child<QComboBox>(tab, "methodBox")->currentText(), QStringLiteral("GET"));
    }

    // An answer the Qt transport could not frame: inconclusive, no check sent, and one click on the
    // offer sends the request once more, over the wire transport, in a new tab.
    void resendOverWireSendsOnce()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.method != "GET")
                return FakeResponse::http(204, "No Content", {});
            return FakeResponse::bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, deflate\r\n\r\nraw", true);
        });
        const auto gets = [&server] {
            int n = 0;
            for (const FakeRequest &r : server.requests())
                n += r.method == "GET" ? 1 : 0;
            return n;
        };
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.newTab();
        enterRequest(tab, QStringLiteral("GET"), server.url(QStringLiteral("/framing")));
        QCOMPARE(child<QComboBox>(tab, "optTransport")->currentIndex(), 0); // Qt, the default
        QTest::mouseClick(child<QPushButton>(tab, "sendButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy() && tab->exchange().response.received, 20000);
        QVERIFY(child<QLabel>(tab, "diagnosisAnsweredBy")->text().contains(QLatin1String("inconclusive")));
        QVERIFY(child<QLabel>(tab, "finding-qt-unframed"));
        QCOMPARE(server.requests().size(), 1); // no check was sent
        auto *resend = child<QPushButton>(tab, "suggestionButton-resend-over-wire");
        QVERIFY(resend);
        QCOMPARE(resend->text(), QStringLiteral("Resend over the wire transport"));

        const int tabs = w.tabCount();
        QTest::mouseClick(resend, Qt::LeftButton);
        QCOMPARE(w.tabCount(), tabs + 1);
        RequestTab *wire = w.currentTab();
        QVERIFY(wire != tab);
        QCOMPARE(child<QComboBox>(wire, "optTransport")->currentIndex(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!wire->isBusy() && wire->exchange().response.received, 20000);
        QCOMPARE(wire->exchange().fidelity, verbscope::http::Fidelity::Wire);
        QCOMPARE(wire->exchange().response.rawBody, QByteArray("raw"));
        QCOMPARE(gets(), 2); // the user's request, then the one resend
        QCOMPARE(tab->exchange().fidelity, verbscope::http::Fidelity::Qt); // the first tab keeps Qt's view
    }

    void duplicateResponseHeadersStaySeparateRows()
    {
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::bytes("HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nContent-Type: text/plain\r\n"
                                       "Set-Cookie: b=2; Path=/\r\nContent-Length: 2\r\n\r\nok");
        });
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.newTab();
        enterRequest(tab, QStringLiteral("GET"), server.url(QStringLiteral("/cookies")));
        // Qt merges duplicates; the wire transport shows the fields exactly as received.
        child<QComboBox>(tab, "optTransport")->setCurrentIndex(1);
        QTest::mouseClick(child<QPushButton>(tab, "sendButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(badge(tab)->text(), QStringLiteral("200 OK"), 20000);
        QAbstractItemModel *model = responseHeaders(tab);
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Set-Cookie"));
        QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("a=1; Path=/"));
        QCOMPARE(model->index(2, 0).data().toString(), QStringLiteral("Set-Cookie"));
        QCOMPARE(model->index(2, 1).data().toString(), QStringLiteral("b=2; Path=/"));
        QVERIFY(child<QLabel>(tab, "rawFidelity")->text().contains(QLatin1String("wire")));
        QCOMPARE(server.requests().size(), 1); // a 200 to GET needs no extra checks
    }

    void invalidVerbDisablesSendAndSaysWhy()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.newTab();
        auto *send = child<QPushButton>(tab, "sendButton");
        auto *error = child<QLabel>(tab, "inputError");
        enterRequest(tab, QStringLiteral("GE T"), QStringLiteral("http://127.0.0.1:9/"));
        QVERIFY(!send->isEnabled());
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QLatin1String("character 3, space")), qPrintable(error->text()));
        enterRequest(tab, QStringLiteral("get"), QStringLiteral("http://127.0.0.1:9/"));
        QVERIFY(send->isEnabled()); // lower case is a valid token: sent as typed
        QVERIFY(!error->isVisible());
        QCOMPARE(tab->editor()->spec().method, QByteArray("get"));
    }

    void tabsAreRestoredInANewWindow()
    {
        QString demoPathUrl;
        {
            verbscope::AppServices services;
            MainWindow w(services);
            RequestTab *tab = w.newTab();
            enterRequest(tab, QStringLiteral("PROPFIND"), QStringLiteral("http://127.0.0.1:9/dav/?depth=1&x=y"));
            auto *headers = child<QTableWidget>(tab, "requestHeadersTable");
            headers->item(0, 1)->setText(QStringLiteral("Depth"));
            headers->item(0, 2)->setText(QStringLiteral("1"));
            QVERIFY(tab->isModified());
            QVERIFY(w.tabCount() == 2);
        } // closing saves
        verbscope::AppServices services;
        MainWindow w(services);
        QCOMPARE(w.tabCount(), 2);
        QCOMPARE(w.tab(0)->editor()->url(), w.demoUrl()); // the demo tab follows the server to its new port
        RequestTab *tab = w.tab(1);
        QCOMPARE(w.currentTab(), tab);
        QCOMPARE(tab->editor()->method(), QStringLiteral("PROPFIND"));
        QCOMPARE(tab->editor()->url(), QStringLiteral("http://127.0.0.1:9/dav/?depth=1&x=y"));
        auto *params = child<QTableWidget>(tab, "paramsTable");
        QCOMPARE(params->item(1, 1)->text(), QStringLiteral("x"));
        const auto spec = tab->editor()->spec();
        QCOMPARE(spec.headers.size(), 1);
        QCOMPARE(spec.headers.first().name, QByteArray("Depth"));
        QVERIFY(!tab->isModified());
    }

    // A damaged tabs.json is kept (renamed aside), reported, and never saved over.
    void unreadableTabsFileIsKeptAndReported()
    {
        const QString path = verbscope::ui::TabStore::defaultPath();
        QDir dataDir(QFileInfo(path).absolutePath());
        QVERIFY(dataDir.mkpath(QStringLiteral(".")));
        for (const QString &old : dataDir.entryList({ QStringLiteral("tabs.json.unreadable-*") }, QDir::Files))
            QVERIFY(dataDir.remove(old));
        const QByteArray damaged = "{\"format\": \"verbscope.tabs/1\", \"tabs\": [{\"url\": \"http://127.0.0.1:9/mine";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(damaged);
        }
        {
            verbscope::AppServices services;
            MainWindow w(services);
            w.show();
            QMessageBox *notice = nullptr;
            QTRY_VERIFY((notice = w.findChild<QMessageBox *>(QStringLiteral("tabsNotice"))));
            QTRY_VERIFY(notice->isVisible());
            QVERIFY2(notice->text().contains(QLatin1String("broken JSON")), qPrintable(notice->text()));
            QVERIFY(!notice->isModal() || notice->windowModality() != Qt::ApplicationModal);
            w.saveTabs();
        }
        const QStringList kept = dataDir.entryList({ QStringLiteral("tabs.json.unreadable-*") }, QDir::Files);
        QCOMPARE(kept.size(), 1);
        QFile keptFile(dataDir.filePath(kept.first()));
        QVERIFY(keptFile.open(QIODevice::ReadOnly));
        QCOMPARE(keptFile.readAll(), damaged); // byte for byte what the user had
        // The new session saved its own, readable tabs.json next to it.
        QVERIFY(verbscope::ui::TabStore().load().notice.isEmpty());
    }

    // Request ▸ Copy as ▸ every code target, each reachable by its mnemonic.
    void copyAsEveryTarget()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.currentTab();
        tab->editor()->setMethod(QStringLiteral("purge"));
        tab->editor()->setUrl(QStringLiteral("http://127.0.0.1:9/it's"));
        auto *menu = w.findChild<QMenu *>(QStringLiteral("copyAsMenu"));
        QVERIFY(menu);
        QSet<QChar> mnemonics;
        const QList<QPair<QString, QString>> expected {
            { QStringLiteral("curl"), QStringLiteral("curl -X purge") },
            { QStringLiteral("httpie"), QStringLiteral("HTTPie upper-cases the method") },
            { QStringLiteral("wget"), QStringLiteral("--method=purge") },
            { QStringLiteral("powershell"), QStringLiteral("-CustomMethod 'purge'") },
            { QStringLiteral("python"), QStringLiteral("prepared.method = 'purge'") },
            { QStringLiteral("fetch"), QStringLiteral("method: \"purge\"") },
            { QStringLiteral("node"), QStringLiteral("sends PURGE, not purge") },
            { QStringLiteral("go"), QStringLiteral("http.NewRequest(\"purge\"") },
            { QStringLiteral("qt"), QStringLiteral("QByteArray(\"purge\", 5)") },
        };
        QCOMPARE(menu->actions().size(), expected.size());
        for (const auto &[id, snippet] : expected) {
            auto *action = w.findChild<QAction *>(QStringLiteral("copyAs_") + id);
            QVERIFY2(action, qPrintable(id));
            const qsizetype amp = action->text().indexOf(QLatin1Char('&'));
            QVERIFY(amp >= 0);
            const QChar key = action->text().at(amp + 1).toLower();
            QVERIFY2(!mnemonics.contains(key), qPrintable(action->text()));
            mnemonics.insert(key);
            QGuiApplication::clipboard()->clear();
            action->trigger();
            QVERIFY2(QGuiApplication::clipboard()->text().contains(snippet),
                qPrintable(id + QLatin1Char('\n') + QGuiApplication::clipboard()->text()));
        }
    }

    void tabShortcuts()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        const int before = w.tabCount();
        QTest::keyClick(&w, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(w.tabCount(), before + 1);
        QTest::keyClick(&w, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(w.tabCount(), before + 2);
        QTest::keyClick(&w, Qt::Key_W, Qt::ControlModifier);
        QTRY_COMPARE(w.tabCount(), before + 1);
    }

    void largeBodyStreamsToDiskWithoutPrettyPrinting()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.newTab();
        enterRequest(tab, QStringLiteral("GET"), w.demoUrl(QStringLiteral("/large?mb=100")));
        QTest::mouseClick(child<QPushButton>(tab, "sendButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 240000);
        QCOMPARE(badge(tab)->text(), QStringLiteral("200 OK"));
        auto *body = child<verbscope::ui::BodyView>(tab, "bodyView");
        QCOMPARE(body->size(), 100LL * 1024 * 1024);
        QVERIFY(body->isLarge());
        QVERIFY(child<QFrame>(tab, "largeBodyNotice")->isVisible());
        QCOMPARE(body->mode(), verbscope::ui::BodyView::Mode::Raw);
        QVERIFY(body->text().size() <= verbscope::ui::BodyView::PreviewBytes);
        QVERIFY(child<QPushButton>(tab, "saveBody")->isEnabled());
        QVERIFY(child<QPushButton>(tab, "openBodyExternally")->isEnabled());
    }

    // A broken settings file (history off) stays said in the status bar, whatever is sent.
    void brokenSettingsStayInTheStatusBar()
    {
        const QString ini = qEnvironmentVariable("VERBSCOPE_DATA_DIR") + QStringLiteral("/verbscope.ini");
        QDir().mkpath(QFileInfo(ini).absolutePath());
        const QString saved = QFile::exists(ini) ? QString::fromUtf8(readAll(ini)) : QString();
        writeFile(ini, "[requests]\nproxyUrl=\"http://proxy:3128\n[history]\nenabled=true\n");
        {
            verbscope::AppServices services;
            MainWindow w(services);
            auto *notice = w.findChild<QLabel *>(QStringLiteral("settingsNotice"));
            QVERIFY(notice);
            QVERIFY(notice->text().contains(QLatin1String("history is off")));
            QVERIFY2(
                notice->toolTip().contains(QLatin1String("broken syntax at line 2")), qPrintable(notice->toolTip()));
        }
        if (saved.isEmpty())
            QFile::remove(ini);
        else
            writeFile(ini, saved.toUtf8());
        const QDir dir(QFileInfo(ini).absolutePath());
        for (const QString &copy : dir.entryList({ QStringLiteral("verbscope.ini.unreadable-*") }))
            QFile::remove(dir.filePath(copy));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
