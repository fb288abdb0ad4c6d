// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "core/http/RequestSpec.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/CollectionTabs.h"
#include "ui/CollectionsPanel.h"
#include "ui/ExportDialog.h"
#include "ui/ImportDialog.h"
#include "ui/MainWindow.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/models/CollectionModel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include "core/collections/Collection.h"
#include "core/collections/CollectionTrust.h"
#include "core/collections/importers/Importer.h"
#include "tests/support/FakeServer.h"
#include "ui/Prompt.h"

#include <QScopeGuard>

using namespace verbscope::test;
using verbscope::collections::CollectionTrust;
using verbscope::collections::Importer;
using verbscope::collections::ImportResult;
using verbscope::ui::CollectionModel;
using verbscope::ui::CollectionsPanel;
using verbscope::ui::CollectionTabs;
using verbscope::ui::MainWindow;
using verbscope::ui::Prompt;
using verbscope::ui::RequestTab;

namespace {
// Odd spacing and comments on purpose: a save must leave the other requests byte for byte.
const QByteArray ApiHttp = "# file comment\n"
                           "@base = http://127.0.0.1:9\n"
                           "\n"
                           "### List users\n"
                           "GET {{base}}/users   \n"
                           "Accept:   application/json\n"
                           "\n"
                           "\n"
                           "### Create user\n"
                           "# @name create\n"
                           "POST {{base}}/users\n"
                           "Content-Type: application/json\n"
                           "\n"
                           "{\"name\": \"ann\"}\n"
                           "\n"
                           "###   Delete user\n"
                           "DELETE {{base}}/users/1\n"
                           "X-Trace:    keep  this spacing\n";

const QByteArray PostmanJson
    = "{\"info\": {\"name\": \"Shop\", \"schema\": "
      "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
      " \"item\": [\n"
      "  {\"name\": \"List\", \"request\": {\"method\": \"GET\", \"url\": \"{{host}}/items\"}},\n"
      "  {\"name\": \"Script\", \"event\": [{\"listen\": \"test\", \"script\": {\"exec\": [\"pm.test(1)\"]}}],\n"
      "   \"request\": {\"method\": \"PURGE\", \"url\": \"{{host}}/cache\"}}]}\n";

QString segment(const QByteArray &text, const QByteArray &from, const QByteArray &to)
{
    const qsizetype a = text.indexOf(from);
    const qsizetype b = to.isEmpty() ? text.size() : text.indexOf(to);
    return a < 0 || b < 0 ? QString() : QString::fromUtf8(text.mid(a, b - a));
}

QTreeView *tree(QWidget *w)
{
    return w->findChild<QTreeView *>(QStringLiteral("collectionTree"));
}
} // namespace

class tst_CollectionsPanel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        startWithoutTabs();
        QVERIFY(m_base.isValid());
        QDir(root()).removeRecursively();
        QDir().mkpath(root());
        writeFile(path("api.http"), ApiHttp);
        writeFile(path("admin/tools.http"), "GET http://127.0.0.1:9/health\n");
        writeFile(path("broken.http"), "### ok\nGET http://127.0.0.1:9/\nnot a header line\n");
    }

    void modelIsATree()
    {
        CollectionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCollection(verbscope::collections::Collection::load(root()));
        // admin/, api.http, broken.http at the top; requests under files.
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex api = model.indexForPath(path("api.http"));
        QVERIFY(api.isValid());
        QCOMPARE(model.rowCount(api), 3);
        QCOMPARE(model.index(1, 0, api).data().toString(), QStringLiteral("POST create"));
        QCOMPARE(model.index(1, 0, api).data(CollectionModel::RequestIndexRole).toInt(), 1);
        const QModelIndex tools = model.indexForPath(path("admin/tools.http"));
        QCOMPARE(tools.parent().data().toString(), QStringLiteral("admin"));
        QCOMPARE(model.parent(model.index(0, 0, tools)), tools);
        const QStringList issues
            = model.indexForPath(path("broken.http")).data(CollectionModel::IssuesRole).toStringList();
        QVERIFY2(!issues.isEmpty() && issues.constFirst().contains(QLatin1String("broken.http:3")),
            qPrintable(issues.join(QLatin1Char('|'))));
        model.setCollection(verbscope::collections::Collection::load(path("admin")));
        QCOMPARE(model.rowCount(), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void parseErrorsShownWithFileAndLine()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.openCollection(root());
        auto *issues = w.findChild<QListWidget *>(QStringLiteral("collectionIssues"));
        QVERIFY(issues);
        QVERIFY(issues->count() > 0);
        QVERIFY2(
            issues->item(0)->text().contains(QLatin1String("broken.http:3:")), qPrintable(issues->item(0)->text()));
    }

    void doubleClickOpensABoundTab()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openCollection(root());
        QTreeView *view = tree(&w);
        auto *model = w.collectionsPanel()->model();
        const QModelIndex create = model->indexForPath(path("api.http"), 1);
        QVERIFY(create.isValid());
        QTRY_VERIFY(view->isVisible());
        view->expand(create.parent());
        view->scrollTo(create);
        QTRY_COMPARE(view->indexAt(view->visualRect(create).center()), create);
        const QRect rect = view->visualRect(create);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(view->currentIndex(), create);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_VERIFY(CollectionTabs::isBound(w.currentTab()));
        RequestTab *tab = w.currentTab();
        QCOMPARE(tab->editor()->method(), QStringLiteral("POST"));
        QCOMPARE(tab->editor()->url(), QStringLiteral("{{base}}/users"));
        QVERIFY(!tab->isModified());
        // The file variable resolves: what would be sent goes to 127.0.0.1:9.
        QCOMPARE(tab->editor()->spec().url, QStringLiteral("http://127.0.0.1:9/users"));
        // A second double-click focuses the same tab.
        const int tabs = w.tabCount();
        w.newTab();
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE(w.currentTab(), tab);
        QCOMPARE(w.tabCount(), tabs + 1);
    }

    void saveLeavesOtherRequestsByteIdentical()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.openCollection(root());
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 1);
        QVERIFY(tab);
        typeInto(tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("{{base}}/people"));
        QVERIFY(tab->isModified());
        auto *save = w.findChild<QAction *>(QStringLiteral("saveToCollectionAction"));
        QCOMPARE(save->shortcut(), QKeySequence(QKeySequence::Save));
        save->trigger();
        QVERIFY(!tab->isModified());
        const QByteArray after = readAll(path("api.http"));
        QVERIFY2(after.contains("POST {{base}}/people\n"), after.constData());
        QVERIFY(after.contains("# @name create\n"));
        QVERIFY(after.contains("{\"name\": \"ann\"}"));
        QCOMPARE(segment(after, "", "### Create user"), segment(ApiHttp, "", "### Create user"));
        QCOMPARE(segment(after, "###   Delete user", ""), segment(ApiHttp, "###   Delete user", ""));
        // Saving again without a change writes the same bytes.
        save->trigger();
        QCOMPARE(readAll(path("api.http")), after);
    }

    // A body line "###" would make the saved file hold another request (and `run` send it): the
    // save is refused with the reason, and the file keeps its bytes. So is a header value with a
    // line break, and a new request saved with one.
    void saveRefusesAValueThatWouldSplitTheRequest()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.openCollection(root());
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 1);
        QVERIFY(tab);
        QSignalSpy messages(w.collectionTabs(), &CollectionTabs::message);
        verbscope::http::RequestSpec spec = tab->editor()->templateSpec();
        spec.body = "{}\n###\nDELETE http://127.0.0.1:9/users";
        tab->editor()->setSpec(spec);
        QVERIFY(!w.collectionTabs()->save(tab));
        QCOMPARE(readAll(path("api.http")), ApiHttp);
        QVERIFY2(messages.constLast().constFirst().toString().contains(
                     QStringLiteral("body line 2 \"###\" would start a new request")),
            qPrintable(messages.constLast().constFirst().toString()));

        RequestTab *fresh = w.newTab();
        verbscope::http::RequestSpec header = fresh->editor()->templateSpec();
        header.url = QStringLiteral("http://127.0.0.1:9/new");
        header.headers.append(verbscope::http::Header { "X", "a\r\nDELETE http://127.0.0.1:9/users" });
        fresh->editor()->setSpec(header);
        QVERIFY(!w.collectionTabs()->saveAs(fresh, path("admin/tools.http"), QStringLiteral("New")));
        QCOMPARE(readAll(path("admin/tools.http")), QByteArray("GET http://127.0.0.1:9/health\n"));
        QVERIFY2(messages.constLast().constFirst().toString().contains(QStringLiteral("has a line break")),
            qPrintable(messages.constLast().constFirst().toString()));
    }

    void saveToCollectionBindsANewTab()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.openCollection(root());
        RequestTab *tab = w.newTab();
        typeInto(tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("http://127.0.0.1:9/new"));
        QVERIFY(w.collectionTabs()->saveAs(tab, path("admin/tools.http"), QStringLiteral("Brand new")));
        QVERIFY(CollectionTabs::isBound(tab));
        const QByteArray text = readAll(path("admin/tools.http"));
        QVERIFY(text.startsWith("GET http://127.0.0.1:9/health\n"));
        // A new tab does not follow redirects (as curl); the saved request says so, so that `run`
        // sends what the tab sent.
        QVERIFY2(text.contains("### Brand new\n# @no-redirect\nGET http://127.0.0.1:9/new"), text.constData());
        QTRY_VERIFY(w.collectionsPanel()->model()->indexForPath(path("admin/tools.http"), 1).isValid());
    }

    void externalChangeReloadsAnUnmodifiedTab()
    {
        verbscope::AppServices services;
        MainWindow w(services);
        w.openCollection(root());
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 2);
        QVERIFY(tab);
        QByteArray text = ApiHttp;
        text.replace("DELETE {{base}}/users/1", "DELETE {{base}}/users/42");
        writeFile(path("api.http"), text); // another editor
        QTRY_COMPARE(tab->editor()->url(), QStringLiteral("{{base}}/users/42"));
        QVERIFY(!tab->isModified());
        // The tree follows too.
        QTRY_VERIFY(w.collectionsPanel()
                        ->model()
                        ->indexForPath(path("api.http"), 2)
                        .data()
                        .toString()
                        .contains(QLatin1String("DELETE")));
    }

    void externalChangeToAModifiedTabAsks_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::newRow("keep mine") << QStringLiteral("keepMineButton");
        QTest::newRow("reload") << QStringLiteral("reloadButton");
    }

    void externalChangeToAModifiedTabAsks()
    {
        QFETCH(QString, answer);
        PromptAnswers prompts;
        prompts.answers.insert(QStringLiteral("reloadPrompt"), answer);
        verbscope::AppServices services;
        MainWindow w(services);
        w.openCollection(root());
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 2);
        typeInto(tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("{{base}}/mine"));
        QByteArray text = ApiHttp;
        text.replace("DELETE {{base}}/users/1", "DELETE {{base}}/theirs");
        writeFile(path("api.http"), text);
        QTRY_VERIFY(prompts.asked.contains(QStringLiteral("reloadPrompt")));
        if (answer == QLatin1String("reloadButton")) {
            QCOMPARE(tab->editor()->url(), QStringLiteral("{{base}}/theirs"));
            QVERIFY(!tab->isModified());
            return;
        }
        QCOMPARE(tab->editor()->url(), QStringLiteral("{{base}}/mine"));
        QVERIFY(tab->isModified());
        QCOMPARE(readAll(path("api.http")), text); // nothing written without a save
        // The user chose theirs as the base: the save replaces it without a second question.
        QVERIFY(w.collectionTabs()->save(tab));
        QVERIFY(!prompts.asked.contains(QStringLiteral("conflictPrompt")));
        QVERIFY(readAll(path("api.http")).contains("DELETE {{base}}/mine"));
    }

    void saveOverAnUnseenChangeAsks_data()
    {
        QTest::addColumn<bool>("overwrite");
        QTest::newRow("cancel") << false;
        QTest::newRow("overwrite") << true;
    }

    void saveOverAnUnseenChangeAsks()
    {
        QFETCH(bool, overwrite);
        PromptAnswers prompts;
        if (overwrite)
            prompts.answers.insert(QStringLiteral("conflictPrompt"), QStringLiteral("overwriteButton"));
        verbscope::AppServices services;
        MainWindow w(services);
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 0);
        typeInto(tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("{{base}}/mine"));
        QByteArray theirs = ApiHttp;
        theirs.replace("GET {{base}}/users   ", "GET {{base}}/theirs");
        writeFile(path("api.http"), theirs);
        // Saved before the watcher reports it: the store's stamp check is what catches it.
        QCOMPARE(w.collectionTabs()->save(tab), overwrite);
        QCOMPARE(prompts.asked.count(QStringLiteral("conflictPrompt")), 1);
        const QByteArray now = readAll(path("api.http"));
        QCOMPARE(now.contains("GET {{base}}/mine"), overwrite);
        QCOMPARE(now.contains("GET {{base}}/theirs"), !overwrite);
    }

    void closingAModifiedBoundTabAsks()
    {
        PromptAnswers prompts;
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 0);
        const int count = w.tabCount();
        typeInto(tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("{{base}}/edited"));
        w.closeTab(w.tabCount() - 1);
        QCOMPARE(prompts.asked, QStringList { QStringLiteral("unsavedPrompt") });
        QCOMPARE(w.tabCount(), count); // Cancel
        prompts.answers.insert(QStringLiteral("unsavedPrompt"), QStringLiteral("saveButton"));
        const QPointer<RequestTab> closing = tab;
        w.closeTab(w.tabCount() - 1);
        QTRY_VERIFY(closing.isNull());
        QVERIFY(readAll(path("api.http")).contains("GET {{base}}/edited"));
        // Quitting asks too.
        RequestTab *again = w.collectionTabs()->open(path("api.http"), 2);
        typeInto(again->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("{{base}}/x"));
        prompts.asked.clear();
        prompts.answers.insert(QStringLiteral("unsavedPrompt"), QStringLiteral("cancelButton"));
        QVERIFY(!w.close());
        QCOMPARE(prompts.asked, QStringList { QStringLiteral("unsavedPrompt") });
        prompts.answers.insert(QStringLiteral("unsavedPrompt"), QStringLiteral("discardButton"));
        QVERIFY(w.close());
        QVERIFY(!readAll(path("api.http")).contains("{{base}}/x"));
    }

    void createRenameMoveDelete()
    {
        PromptAnswers prompts;
        CollectionsPanel panel;
        QVERIFY(panel.openPath(root()));
        CollectionModel *model = panel.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(panel.createFolder(root(), QStringLiteral("empty")));
        QVERIFY(model->indexForPath(path("empty")).isValid());
        QVERIFY(panel.createFile(path("empty"), QStringLiteral("first")));
        QVERIFY(model->indexForPath(path("empty/first.http"), 0).isValid());
        QVERIFY(panel.createRequest(path("empty/first.http")));
        QVERIFY(model->indexForPath(path("empty/first.http"), 1).isValid());
        QVERIFY(panel.renameItem(model->indexForPath(path("empty/first.http"), 1), QStringLiteral("Second one")));
        QVERIFY(readAll(path("empty/first.http")).contains("### Second one\n"));
        // A pasted line break in a new name is a space: no separator, no request line of its own.
        QVERIFY(panel.renameItem(model->indexForPath(path("empty/first.http"), 1),
            QStringLiteral("Third\n###\nDELETE http://127.0.0.1:9/x")));
        QVERIFY(readAll(path("empty/first.http")).contains("### Third ### DELETE http://127.0.0.1:9/x\n"));
        QVERIFY(!readAll(path("empty/first.http")).contains("\nDELETE"));
        QVERIFY(panel.renameItem(model->indexForPath(path("empty/first.http"), 1), QStringLiteral("Second one")));
        QVERIFY(panel.renameItem(model->indexForPath(path("empty/first.http")), QStringLiteral("renamed.http")));
        QVERIFY(QFile::exists(path("empty/renamed.http")));
        // A request moves from file to file; the rest of the source stays as it was.
        QVERIFY(panel.moveItem(model->indexForPath(path("api.http"), 2), path("empty/renamed.http")));
        QVERIFY(readAll(path("empty/renamed.http")).contains("DELETE {{base}}/users/1"));
        QVERIFY(!readAll(path("api.http")).contains("DELETE"));
        QVERIFY(readAll(path("api.http")).startsWith(ApiHttp.left(ApiHttp.indexOf("###   Delete user"))));
        QVERIFY(panel.moveItem(model->indexForPath(path("empty/renamed.http")), path("admin")));
        QVERIFY(QFile::exists(path("admin/renamed.http")));
        // Deleting asks first; Cancel keeps everything.
        QVERIFY(!panel.removeItem(model->indexForPath(path("admin"))));
        QCOMPARE(prompts.asked.constLast(), QStringLiteral("deletePrompt"));
        QVERIFY(QFile::exists(path("admin/renamed.http")));
        prompts.answers.insert(QStringLiteral("deletePrompt"), QStringLiteral("deleteButton"));
        QVERIFY(panel.removeItem(model->indexForPath(path("api.http"), 0)));
        QVERIFY(!readAll(path("api.http")).contains("### List users"));
        QVERIFY(readAll(path("api.http")).contains("### Create user"));
        QVERIFY(panel.removeItem(model->indexForPath(path("admin"))));
        QVERIFY(!QFile::exists(path("admin")));
        QVERIFY(!model->indexForPath(path("admin")).isValid());
    }

    void recentFoldersAreRemembered()
    {
        {
            CollectionsPanel panel;
            QVERIFY(panel.openPath(path("admin")));
            QVERIFY(panel.openPath(root()));
        }
        CollectionsPanel panel;
        auto *open = panel.findChild<QToolButton *>(QStringLiteral("openCollectionButton"));
        const QList<QAction *> recent = open->menu()->actions();
        QVERIFY(recent.size() >= 2);
        QCOMPARE(recent.at(0)->text(), QDir::toNativeSeparators(root()));
        QCOMPARE(recent.at(1)->text(), QDir::toNativeSeparators(path("admin")));
        recent.at(1)->trigger();
        QCOMPARE(panel.root(), path("admin"));
    }

    void importPostmanShowsTheReport()
    {
        writeFile(path("../import-me.json"), PostmanJson);
        CollectionsPanel panel;
        panel.openPath(root());
        panel.findChild<QToolButton *>(QStringLiteral("importCollectionButton"))->click();
        auto *dialog = panel.findChild<verbscope::ui::ImportDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->findChild<QLineEdit *>(QStringLiteral("importFileEdit"))->setText(path("../import-me.json"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("runImportButton")), Qt::LeftButton);
        const QString report = dialog->findChild<QPlainTextEdit *>(QStringLiteral("importReport"))->toPlainText();
        QVERIFY2(report.contains(QLatin1String("Imported 2 request(s)")), qPrintable(report));
        QVERIFY(QFile::exists(path("Shop.http")));
        QFile written(path("Shop.http"));
        QVERIFY(written.open(QIODevice::ReadOnly));
        // The test script is carried over verbatim as a response handler.
        QVERIFY2(written.readAll().contains("PURGE {{host}}/cache\n\n> {%\npm.test(1)\n%}"), qPrintable(report));
        QTRY_VERIFY(panel.model()->indexForPath(path("Shop.http"), 1).isValid());
        QFile::remove(path("../import-me.json"));
    }

    void exportToCurl()
    {
        writeFile(path("http-client.env.json"), "{\"dev\": {\"host\": \"http://127.0.0.1:9\"}}");
        CollectionsPanel panel;
        panel.openPath(path("admin"));
        panel.findChild<QToolButton *>(QStringLiteral("exportCollectionButton"))->click();
        auto *dialog = panel.findChild<verbscope::ui::ExportDialog *>();
        QVERIFY(dialog);
        auto *format = dialog->findChild<QComboBox *>(QStringLiteral("exportFormatCombo"));
        format->setCurrentIndex(format->findData(QStringLiteral("curl")));
        const QString out = path("../out.sh");
        dialog->findChild<QLineEdit *>(QStringLiteral("exportFileEdit"))->setText(out);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("runExportButton")), Qt::LeftButton);
        const QByteArray curl = readAll(out);
        QVERIFY2(curl.contains("curl") && curl.contains("http://127.0.0.1:9/health"), curl.constData());
        QVERIFY(dialog->findChild<QPlainTextEdit *>(QStringLiteral("exportReport"))->toPlainText().contains(out));
        QFile::remove(out);
    }

    // Issue 18: an imported request's `< file` from outside its folder was sent with no warning.
    // The first send asks; "Cancel" sends nothing, "Allow" sends and is remembered for the folder.
    void importedRequestAsksBeforeSendingALocalFile()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, "ok"); });
        writeFile(path("../secret.txt"), "local-secret");
        ImportResult imported
            = Importer::import(QStringLiteral("### Upload\nPOST %1\nContent-Type: text/plain\n\n< %2\n")
                                   .arg(server.url(QStringLiteral("/up")), path("../secret.txt"))
                                   .toUtf8(),
                QStringLiteral("shared.http"));
        QStringList errors;
        Importer::writeTo(imported, path("imported"), &errors);
        QVERIFY(errors.isEmpty());
        // The checks that follow a POST send OPTIONS and GET: only the POST carries the body.
        auto posts = [&server] {
            QList<FakeRequest> out;
            for (const FakeRequest &r : server.requests())
                if (r.method == "POST")
                    out << r;
            return out;
        };
        QStringList asked;
        QString answer = QStringLiteral("cancelTrustButton");
        Prompt::setHandler(
            [&](QWidget *, const QString &id, const QString &, const QString &text, const QList<Prompt::Choice> &) {
                asked << id + QLatin1Char('|') + text;
                return answer;
            });
        auto restore = qScopeGuard([] { Prompt::setHandler({}); });
        verbscope::AppServices services;
        MainWindow w(services);
        w.openCollection(root());
        RequestTab *tab = w.collectionTabs()->open(path("imported/shared.http"), 0);
        QVERIFY(tab);
        tab->send();
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().startsWith(QLatin1String("trustPrompt|\"Upload\" was imported into")),
            qPrintable(asked.first()));
        QVERIFY2(asked.first().contains(QStringLiteral("shared.http:5: reads %1").arg(path("../secret.txt"))),
            qPrintable(asked.first()));
        QVERIFY(!tab->isBusy()); // no call was started
        QCOMPARE(server.requests().size(), 0);

        answer = QStringLiteral("allowButton");
        tab->send();
        QCOMPARE(asked.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QCOMPARE(posts().size(), 1);
        QCOMPARE(posts().at(0).body, QByteArray("local-secret"));
        QVERIFY(!CollectionTrust::originOf(path("imported/shared.http")).needsConsent()); // `run` trusts it too
        tab->send(); // remembered: not asked again
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QCOMPARE(asked.size(), 2);
        QCOMPARE(posts().size(), 2);
    }

private:
    QString root() const { return m_base.path() + QStringLiteral("/c"); }
    QString path(const char *relative) const
    {
        return QDir::cleanPath(QDir(root()).filePath(QString::fromUtf8(relative)));
    }
    QTemporaryDir m_base;
};

QTEST_MAIN(tst_CollectionsPanel)
#include "tst_collectionspanel.moc"
