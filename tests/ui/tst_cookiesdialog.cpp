// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "core/history/HistoryStore.h"
#include "core/http/CookieJar.h"
#include "core/http/CookieJarStore.h"
#include "tests/support/FakeServer.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/CookiesDialog.h"
#include "ui/MainWindow.h"
#include "ui/RequestTab.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace verbscope::test;
using verbscope::ui::CookiesDialog;
using verbscope::ui::MainWindow;
using verbscope::ui::RequestTab;

class tst_CookiesDialog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        startWithoutTabs();
        QDir(QDir(verbscope::history::HistoryStore::dataDir()).filePath(QStringLiteral("cookies"))).removeRecursively();
    }

    // A loopback server sets a cookie; the next send carries it; the dialog shows it and Clear All
    // empties the jar, so the send after that carries none.
    void sendShowClearSend()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.target == "/login")
                return FakeResponse::http(
                    200, "OK", { { "Set-Cookie", "sid=s3cr3t; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600" } }, "in");
            return FakeResponse::http(200, "OK", {}, "ok");
        });
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.newTab();
        const auto send = [&](const char *path) {
            typeInto(child<QLineEdit>(tab, "urlEdit"), server.url(QString::fromLatin1(path)));
            QTest::mouseClick(child<QPushButton>(tab, "sendButton"), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy() && tab->exchange().response.received, 20000);
        };
        send("/login");
        QVERIFY(!server.requests().constLast().head.contains("Cookie:"));
        send("/next");
        QVERIFY2(server.requests().constLast().head.contains("\r\nCookie: sid=s3cr3t\r\n"),
            server.requests().constLast().head.constData());
        QCOMPARE(tab->exchange().cookieNotes, QStringList { QStringLiteral("sent sid from the jar") });
        // The response's Cookies tab says so.
        QVERIFY(
            child<QPlainTextEdit>(tab, "cookieNotes")->toPlainText().contains(QLatin1String("sent sid from the jar")));
        // Persisted, owner-only, in the data dir.
        const QString file = services.cookieJars().fileFor(QString());
        QVERIFY(QFile::exists(file));
        QVERIFY(!(QFile::permissions(file) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));

        auto *action = child<QAction>(&w, "cookiesAction");
        QVERIFY(action);
        QVERIFY(!action->shortcut().isEmpty());
        action->trigger();
        auto *dialog = w.findChild<CookiesDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *table = child<QTableWidget>(dialog, "cookiesTable");
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("127.0.0.1"));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("/"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("sid"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("s3cr3t"));
        QCOMPARE(table->item(0, 6)->text(), QStringLiteral("yes"));
        QCOMPARE(table->item(0, 7)->text(), QStringLiteral("Lax"));
        QTest::mouseClick(child<QPushButton>(dialog, "cookiesClear"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 0);
        dialog->close();

        send("/after");
        QVERIFY2(
            !server.requests().constLast().head.contains("Cookie:"), server.requests().constLast().head.constData());
        verbscope::http::CookieJar onDisk;
        QString error;
        QVERIFY2(onDisk.loadNetscape(file, &error), qPrintable(error));
        QVERIFY(onDisk.isEmpty());
    }

    void deleteRemovesOneCookie()
    {
        verbscope::http::CookieJarStore store(
            QDir(verbscope::history::HistoryStore::dataDir()).filePath(QStringLiteral("cookies")));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        store.jar(QStringLiteral("dev"))->setCookie(QUrl(QStringLiteral("http://h/")), "a=1", now);
        store.jar(QStringLiteral("dev"))->setCookie(QUrl(QStringLiteral("http://h/")), "b=2", now);
        CookiesDialog dialog(store, QStringLiteral("dev"));
        auto *table = child<QTableWidget>(&dialog, "cookiesTable");
        QCOMPARE(table->rowCount(), 2);
        table->selectRow(0);
        QTest::mouseClick(child<QPushButton>(&dialog, "cookiesDelete"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("b"));
        verbscope::http::CookieJarStore reread(
            QDir(verbscope::history::HistoryStore::dataDir()).filePath(QStringLiteral("cookies")));
        QCOMPARE(reread.jar(QStringLiteral("dev"))->cookies().size(), 1);
        QCOMPARE(reread.jar(QString())->cookies().size(), 0); // another environment, another jar
    }
};

QTEST_MAIN(tst_CookiesDialog)
#include "tst_cookiesdialog.moc"
