// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "core/Settings.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/CollectionTabs.h"
#include "ui/MainWindow.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/TabStore.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace verbscope::test;
using verbscope::ui::CollectionTabs;
using verbscope::ui::MainWindow;
using verbscope::ui::RequestTab;
using verbscope::ui::TabStore;

namespace {
const QByteArray ApiHttp = "### One\nGET http://127.0.0.1:9/one\n\n### Two\nGET http://127.0.0.1:9/two\n";

QJsonObject tabsJson()
{
    return QJsonDocument::fromJson(readAll(TabStore::defaultPath())).object();
}

bool sessionHolds(const QString &text)
{
    return QString::fromUtf8(readAll(TabStore::defaultPath())).contains(text);
}

RequestTab *tabWithUrl(MainWindow &w, const QString &url)
{
    for (int i = 0; i < w.tabCount(); ++i)
        if (w.tab(i)->editor()->url() == url)
            return w.tab(i);
    return nullptr;
}
} // namespace

class tst_Drafts final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        startWithoutTabs();
        QDir(root()).removeRecursively();
        QDir().mkpath(root());
        writeFile(file(), ApiHttp);
    }

    void everyEditIsSavedSoon()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.collectionTabs()->open(file(), 0);
        QVERIFY(tab);
        QTRY_VERIFY(tabsJson().value(QStringLiteral("running")).toBool());
        typeInto(tab->findChild<QComboBox *>(QStringLiteral("methodBox"))->lineEdit(), QStringLiteral("PROPFIND"));
        QTRY_VERIFY(sessionHolds(QStringLiteral("PROPFIND")));
        typeInto(tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("http://127.0.0.1:9/edited"));
        QTRY_VERIFY(sessionHolds(QStringLiteral("/edited")));
        QCOMPARE(readAll(file()), ApiHttp); // the collection file is not touched
    }

    void cleanExitMarksTheSessionClosed()
    {
        PromptAnswers prompts;
        prompts.answers.insert(QStringLiteral("unsavedPrompt"), QStringLiteral("discardButton"));
        {
            verbscope::AppServices services;
            MainWindow w(services);
            w.show();
            RequestTab *tab = w.collectionTabs()->open(file(), 1);
            typeInto(tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("http://127.0.0.1:9/x"));
            QVERIFY(w.close());
            QCOMPARE(prompts.asked, QStringList { QStringLiteral("unsavedPrompt") });
        }
        QVERIFY(!tabsJson().value(QStringLiteral("running")).toBool());
        QVERIFY(!sessionHolds(QStringLiteral("127.0.0.1:9/x")));
        prompts.asked.clear();
        verbscope::AppServices services;
        MainWindow again(services);
        QVERIFY(!again.recoveredFromCrash());
        QTest::qWait(0);
        QCoreApplication::processEvents();
        QVERIFY(prompts.asked.isEmpty());
        QCOMPARE(readAll(file()), ApiHttp);
    }

    void draftOfferedAfterACrash_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::newRow("restore") << QStringLiteral("restoreDraftButton");
        QTest::newRow("discard") << QStringLiteral("discardDraftButton");
    }

    void draftOfferedAfterACrash()
    {
        QFETCH(QString, answer);
        PromptAnswers prompts;
        prompts.answers.insert(QStringLiteral("draftPrompt"), answer);
        QByteArray snapshot;
        {
            verbscope::AppServices services;
            MainWindow w(services);
            w.show();
            RequestTab *tab = w.collectionTabs()->open(file(), 1);
            typeInto(
                tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("http://127.0.0.1:9/draft"));
            QTRY_VERIFY(sessionHolds(QStringLiteral("/draft")));
            // What a kill at this moment leaves behind: the session file as the running app wrote it.
            snapshot = readAll(TabStore::defaultPath());
        }
        writeFile(TabStore::defaultPath(), snapshot);
        verbscope::AppServices services;
        MainWindow w(services);
        QVERIFY(w.recoveredFromCrash());
        QTRY_COMPARE(prompts.asked, QStringList { QStringLiteral("draftPrompt") });
        QVERIFY(prompts.texts.constFirst().contains(QLatin1String("Two")));
        RequestTab *tab = w.currentTab();
        QVERIFY(CollectionTabs::isBound(tab));
        if (answer == QLatin1String("restoreDraftButton")) {
            QCOMPARE(tab->editor()->url(), QStringLiteral("http://127.0.0.1:9/draft"));
            QVERIFY(tab->isModified());
        } else {
            QCOMPARE(tab->editor()->url(), QStringLiteral("http://127.0.0.1:9/two"));
            QVERIFY(!tab->isModified());
        }
        QCOMPARE(readAll(file()), ApiHttp); // never written without a save
    }

    void realMessageBoxCarriesObjectNames()
    {
        QByteArray snapshot;
        {
            verbscope::AppServices services;
            MainWindow w(services);
            RequestTab *tab = w.collectionTabs()->open(file(), 0);
            typeInto(
                tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("http://127.0.0.1:9/boxed"));
            QTRY_VERIFY(sessionHolds(QStringLiteral("/boxed")));
            snapshot = readAll(TabStore::defaultPath());
        }
        writeFile(TabStore::defaultPath(), snapshot);
        bool clicked = false;
        // The box is modal: it is answered from a timer, the way a user would click it.
        QTimer timer;
        timer.setInterval(20);
        connect(&timer, &QTimer::timeout, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box || box->objectName() != QLatin1String("draftPrompt"))
                return;
            auto *restore = box->findChild<QPushButton *>(QStringLiteral("restoreDraftButton"));
            QVERIFY(box->findChild<QPushButton *>(QStringLiteral("discardDraftButton")));
            if (restore) {
                clicked = true;
                restore->click();
            }
        });
        timer.start();
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        QTRY_VERIFY(clicked);
        QTRY_COMPARE(w.currentTab()->editor()->url(), QStringLiteral("http://127.0.0.1:9/boxed"));
        QVERIFY(w.currentTab()->isModified());
    }

    void killedAppOffersItsDraft()
    {
        // A session that ended with a draft kept (the state the app restores).
        {
            verbscope::AppServices services;
            MainWindow w(services);
            w.show();
            RequestTab *tab = w.collectionTabs()->open(file(), 1);
            typeInto(
                tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("http://127.0.0.1:9/killed"));
        }
        QVERIFY(sessionHolds(QStringLiteral("/killed")));
        QVERIFY(!tabsJson().value(QStringLiteral("running")).toBool());

        // The real app restores it, takes a new edit from its command line, and is killed.
        QProcess app;
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(
            QString::fromUtf8(VERBSCOPE_GUI_BINARY), { QStringLiteral("http://127.0.0.1:9/from-the-command-line") });
        QVERIFY2(app.waitForStarted(), qPrintable(app.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(sessionHolds(QStringLiteral("from-the-command-line"))
                && tabsJson().value(QStringLiteral("running")).toBool(),
            30000);
        app.kill();
        QVERIFY(app.waitForFinished());
        QCOMPARE(app.exitStatus(), QProcess::CrashExit);
        QVERIFY(tabsJson().value(QStringLiteral("running")).toBool());

        PromptAnswers prompts;
        verbscope::AppServices services;
        MainWindow w(services);
        QVERIFY(w.recoveredFromCrash());
        QVERIFY(tabWithUrl(w, QStringLiteral("http://127.0.0.1:9/from-the-command-line")));
        QTRY_COMPARE(prompts.asked, QStringList { QStringLiteral("draftPrompt") });
        RequestTab *draft = tabWithUrl(w, QStringLiteral("http://127.0.0.1:9/killed"));
        QVERIFY(draft);
        QVERIFY(draft->isModified());
        QCOMPARE(readAll(file()), ApiHttp);
        // Saving it is what writes the file.
        QVERIFY(w.collectionTabs()->save(draft));
        QVERIFY(readAll(file()).contains("GET http://127.0.0.1:9/killed"));
        QVERIFY(readAll(file()).startsWith("### One\nGET http://127.0.0.1:9/one\n"));
    }

    void httpFileArgumentOpensTheCollection()
    {
        // What the desktop file's .http association runs: the path is a collection, not a URL.
        QProcess app;
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QString::fromUtf8(VERBSCOPE_GUI_BINARY), { file(), QStringLiteral("--quit-after-show") });
        QVERIFY2(app.waitForFinished(30000), qPrintable(app.errorString()));
        QCOMPARE(app.exitCode(), 0);
        QVERIFY(!sessionHolds(QStringLiteral("api.http")));
        const QStringList recent
            = verbscope::Settings().value(verbscope::Settings::Key::CollectionRecentFolders).toStringList();
        QVERIFY(!recent.isEmpty());
        QCOMPARE(recent.constFirst(), root());
    }

private:
    QString root() const { return m_base.path() + QStringLiteral("/drafts"); }
    QString file() const { return root() + QStringLiteral("/api.http"); }
    QTemporaryDir m_base;
};

QTEST_MAIN(tst_Drafts)
#include "tst_drafts.moc"
