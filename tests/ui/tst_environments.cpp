// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "core/demo/DemoServer.h"
#include "core/history/HistoryStore.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/CollectionTabs.h"
#include "ui/CollectionsPanel.h"
#include "ui/EnvironmentDialog.h"
#include "ui/HistoryPanel.h"
#include "ui/MainWindow.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace verbscope::test;
using verbscope::demo::DemoServer;
using verbscope::ui::CollectionTabs;
using verbscope::ui::EnvironmentDialog;
using verbscope::ui::MainWindow;
using verbscope::ui::RequestTab;

namespace {
const QString Secret = QStringLiteral("s3cret-Value-8472");

void chooseEnvironment(MainWindow &w, const QString &name)
{
    auto *combo = w.findChild<QComboBox *>(QStringLiteral("environmentCombo"));
    QVERIFY(combo);
    const int i = combo->findData(name);
    QVERIFY2(i >= 0, qPrintable(name));
    combo->setCurrentIndex(i);
}

QStringList targets(const QSignalSpy &spy)
{
    QStringList out;
    for (const QList<QVariant> &args : spy)
        out << QString::fromLatin1(args.at(1).toByteArray());
    return out;
}
} // namespace

class tst_Environments final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        startWithoutTabs();
        QDir(root()).removeRecursively();
        QDir().mkpath(root());
    }

    void switchingTheEnvironmentChangesWhatIsSent()
    {
        DemoServer demo;
        QVERIFY(demo.listen(0));
        const QString base = demo.url(QStringLiteral("/")).chopped(1);
        QSignalSpy handled(&demo, &DemoServer::requestHandled);
        writeFile(path("http-client.env.json"),
            QStringLiteral("{\"dev\": {\"host\": \"%1\", \"where\": \"/static/page.html\"},"
                           " \"prod\": {\"host\": \"%1\", \"where\": \"/api/items/1\"}}")
                .arg(base)
                .toUtf8());
        writeFile(path("api.http"), "### Thing\nGET {{host}}{{where}}\n");
        verbscope::AppServices services;
        MainWindow w(services);
        w.setConfirm([](QWidget *, const QString &, const QString &) { return true; });
        w.show();
        w.openCollection(root());
        chooseEnvironment(w, QStringLiteral("dev"));
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 0);
        QVERIFY(tab);
        auto *send = tab->findChild<QPushButton *>(QStringLiteral("sendButton"));
        QVERIFY(send->isEnabled());
        // The URL field shows the template; hovering it shows what is sent.
        QCOMPARE(tab->editor()->url(), QStringLiteral("{{host}}{{where}}"));
        QCOMPARE(tab->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->toolTip(),
            QStringLiteral("Resolved: %1/static/page.html").arg(base));
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(targets(handled).contains(QStringLiteral("/static/page.html")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QVERIFY(!targets(handled).contains(QStringLiteral("/api/items/1")));

        chooseEnvironment(w, QStringLiteral("prod"));
        QCOMPARE(tab->editor()->spec().url, base + QStringLiteral("/api/items/1"));
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(targets(handled).contains(QStringLiteral("/api/items/1")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        QVERIFY(!tab->isModified()); // the template did not change
    }

    // A secret variable's value never reaches the history, wherever the request put it.
    void secretValuesAreMaskedInHistory()
    {
        DemoServer demo;
        QVERIFY(demo.listen(0));
        const QString base = demo.url(QStringLiteral("/")).chopped(1);
        writeFile(path("http-client.env.json"), QStringLiteral("{\"dev\": {\"host\": \"%1\"}}").arg(base).toUtf8());
        writeFile(
            path("http-client.private.env.json"), QStringLiteral("{\"dev\": {\"code\": \"%1\"}}").arg(Secret).toUtf8());
        writeFile(path("api.http"), "GET {{host}}/static/page.html?q={{code}}\nX-Custom: pre-{{code}}\n");
        verbscope::AppServices services;
        MainWindow w(services);
        w.setConfirm([](QWidget *, const QString &, const QString &) { return true; });
        w.show();
        w.openCollection(root());
        chooseEnvironment(w, QStringLiteral("dev"));
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 0);
        QVERIFY(tab);
        QVERIFY(tab->editor()->spec().url.contains(Secret)); // sent as it is
        tab->send();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
        verbscope::history::HistoryFilter all;
        const QList<verbscope::history::HistoryEntry> entries = w.historyPanel()->store()->list(all);
        QVERIFY(!entries.isEmpty());
        const auto record = w.historyPanel()->store()->record(entries.first().id);
        QVERIFY(record);
        const verbscope::http::Exchange &ex = record->exchange;
        QVERIFY2(ex.request.url.endsWith(QLatin1String("?q=****")), qPrintable(ex.request.url));
        bool masked = false;
        for (const auto &h : ex.request.headers) {
            QVERIFY2(!h.value.contains(Secret.toUtf8()), h.value.constData());
            masked = masked || h.value == "pre-****";
        }
        QVERIFY(masked);
        QVERIFY(!ex.request.rawHead.contains(Secret.toUtf8()));
        QVERIFY(!entries.first().url.contains(Secret));
    }

    // A damaged environment file is shown as such and never saved over.
    void unreadableEnvironmentFileIsNeverSavedOver()
    {
        const QByteArray damaged = "{\"dev\": {\"host\": \"http://127.0.0.1:9\"";
        writeFile(path("http-client.env.json"), damaged);
        writeFile(path("api.http"), "GET {{host}}/x\n");
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        w.openCollection(root());
        w.findChild<QToolButton *>(QStringLiteral("editEnvironmentsButton"))->click();
        auto *dialog = w.findChild<EnvironmentDialog *>();
        QVERIFY(dialog);
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("environmentError"));
        QVERIFY2(error->text().contains(QLatin1String("http-client.env.json")), qPrintable(error->text()));
        QVERIFY2(error->text().contains(QLatin1String("Saving is off")), qPrintable(error->text()));
        QPushButton *save = dialog->findChild<QDialogButtonBox *>(QStringLiteral("environmentButtons"))
                                ->button(QDialogButtonBox::Save);
        QVERIFY(!save->isEnabled());
        dialog->addVariable(QStringLiteral("other"), QStringLiteral("1"), false);
        QVERIFY(!dialog->save());
        QCOMPARE(readAll(path("http-client.env.json")), damaged);
    }

    void unresolvedVariablesBlockSending()
    {
        writeFile(path("http-client.env.json"), "{\"dev\": {\"host\": \"http://127.0.0.1:9\"}}");
        writeFile(path("api.http"), "GET {{host}}/items/{{itemId}}\n");
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        w.openCollection(root());
        chooseEnvironment(w, QStringLiteral("dev"));
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 0);
        auto *error = tab->findChild<QLabel *>(QStringLiteral("inputError"));
        auto *send = tab->findChild<QPushButton *>(QStringLiteral("sendButton"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QLatin1String("{{itemId}}")), qPrintable(error->text()));
        QVERIFY(!error->text().contains(QLatin1String("{{host}}")));
        QVERIFY(!send->isEnabled());
        QVERIFY(send->toolTip().contains(QLatin1String("{{itemId}}")));
        // Without an environment the host is missing too.
        chooseEnvironment(w, QString());
        QVERIFY2(error->text().contains(QLatin1String("{{host}}")), qPrintable(error->text()));
        // Defining it in the file makes the request sendable.
        typeInto(tab->findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("http://127.0.0.1:9/items/7"));
        QVERIFY(send->isEnabled());
    }

    void environmentFileEditedElsewhereAppliesAtOnce()
    {
        writeFile(path("http-client.env.json"), "{\"dev\": {\"host\": \"http://127.0.0.1:9\"}}");
        writeFile(path("api.http"), "GET {{host}}/x\n");
        verbscope::AppServices services;
        MainWindow w(services);
        w.openCollection(root());
        chooseEnvironment(w, QStringLiteral("dev"));
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 0);
        QVERIFY(tab);
        QCOMPARE(tab->editor()->spec().url, QStringLiteral("http://127.0.0.1:9/x"));
        writeFile(path("http-client.env.json"), "{\"dev\": {\"host\": \"http://127.0.0.1:8\"}}");
        QTRY_COMPARE(tab->editor()->spec().url, QStringLiteral("http://127.0.0.1:8/x"));
        QVERIFY(!tab->isModified());
    }

    void secretsAreMaskedAndPrivate()
    {
        writeFile(path("api.http"), "GET {{host}}/me\nAuthorization: Bearer {{token}}\n");
        verbscope::AppServices services;
        MainWindow w(services);
        w.show();
        w.openCollection(root());
        w.findChild<QToolButton *>(QStringLiteral("editEnvironmentsButton"))->click();
        auto *dialog = w.findChild<EnvironmentDialog *>();
        QVERIFY(dialog);
        dialog->setEnvironment(QStringLiteral("dev"));
        dialog->addVariable(QStringLiteral("host"), QStringLiteral("http://127.0.0.1:9"), false);
        dialog->addVariable(QStringLiteral("token"), Secret, true);
        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("variablesTable"));
        QCOMPARE(table->rowCount(), 2);
        for (int r = 0; r < table->rowCount(); ++r)
            for (int c = 0; c < table->columnCount(); ++c)
                QVERIFY(!table->item(r, c)->text().contains(Secret));
        QCOMPARE(table->item(1, 1)->text(), QString::fromUtf8(EnvironmentDialog::Mask));
        // Editing the secret happens in a password field.
        table->editItem(table->item(1, 1));
        auto *editor = table->findChild<QLineEdit *>(QStringLiteral("variableValueEditor"));
        QVERIFY(editor);
        QCOMPARE(editor->echoMode(), QLineEdit::Password);
        table->closePersistentEditor(table->item(1, 1));
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("environmentButtons"))
            ->button(QDialogButtonBox::Save)
            ->click();
        const QByteArray publicFile = readAll(path("http-client.env.json"));
        const QByteArray privateFile = readAll(path("http-client.private.env.json"));
        QVERIFY2(publicFile.contains("127.0.0.1:9") && !publicFile.contains(Secret.toUtf8()), publicFile.constData());
        QVERIFY2(privateFile.contains(Secret.toUtf8()), privateFile.constData());
        QCOMPARE(QFile::permissions(path("http-client.private.env.json"))
                & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
            QFileDevice::Permissions {});

        chooseEnvironment(w, QStringLiteral("dev"));
        RequestTab *tab = w.collectionTabs()->open(path("api.http"), 0);
        QVERIFY(tab);
        // What is sent carries the secret; what is shown on hover does not.
        bool sent = false;
        for (const auto &h : tab->editor()->spec().headers)
            sent = sent || h.value == "Bearer " + Secret.toUtf8();
        QVERIFY(sent);
        auto *tabs = tab->findChild<QTabWidget *>(QStringLiteral("requestTabs"));
        const QString headersTip = tabs->tabToolTip(1);
        QVERIFY2(headersTip.contains(QLatin1String("Bearer REDACTED")), qPrintable(headersTip));
        QVERIFY(!headersTip.contains(Secret));
        QVERIFY(!tab->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->toolTip().contains(Secret));
        // Nor does the saved session.
        w.saveTabs();
        QVERIFY(!readAll(verbscope::ui::TabStore::defaultPath()).contains(Secret.toUtf8()));
    }

private:
    QString root() const { return m_base.path() + QStringLiteral("/env"); }
    QString path(const char *relative) const { return QDir(root()).filePath(QString::fromUtf8(relative)); }
    QTemporaryDir m_base;
};

QTEST_MAIN(tst_Environments)
#include "tst_environments.moc"
