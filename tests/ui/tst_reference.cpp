// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "core/diagnosis/Knowledge.h"
#include "tests/support/FakeServer.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/MainWindow.h"
#include "ui/ReferenceDialog.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/ResponseView.h"
#include "ui/TabStore.h"
#include "ui/models/ReferenceModel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QTest>
#include <QTextBrowser>

using namespace verbscope;
using verbscope::ui::ReferenceDialog;
using verbscope::ui::ReferenceModel;

namespace {
using verbscope::test::child;

QStringList topics(QListView *list)
{
    QStringList out;
    for (int i = 0; i < list->model()->rowCount(); ++i)
        out << list->model()->index(i, 0).data(ReferenceModel::TopicRole).toString();
    return out;
}

QString detail(QWidget *root)
{
    return child<QTextBrowser>(root, "referenceDetail")->toPlainText();
}
} // namespace

class tst_Reference final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelCoversTheKnowledgeBase()
    {
        ReferenceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const diagnosis::Knowledge &k = diagnosis::Knowledge::instance();
        QCOMPARE(model.rowCount(), int(k.statuses().size() + k.unregisteredStatuses().size() + k.methods().size()));
        const int r405 = model.rowOf(QStringLiteral("405"));
        QVERIFY(r405 >= 0);
        QCOMPARE(model.index(r405).data().toString(), QStringLiteral("405  Method Not Allowed"));
        QCOMPARE(model.index(r405).data(ReferenceModel::KindRole).toInt(), int(ReferenceModel::Kind::Status));
        QVERIFY(model.rowOf(QStringLiteral("404")) < r405); // codes in order
        const int propfind = model.rowOf(QStringLiteral("propfind")); // case-insensitive fallback
        QVERIFY(propfind > r405);
        QCOMPARE(model.index(propfind).data(ReferenceModel::TopicRole).toString(), QStringLiteral("PROPFIND"));
        QCOMPARE(model.rowOf(QStringLiteral("299")), -1);
    }

    void searchNarrowsAndShowsTheBestMatch()
    {
        ReferenceDialog dialog;
        dialog.show();
        auto *list = child<QListView>(&dialog, "referenceList");
        auto *search = child<QLineEdit>(&dialog, "referenceSearch");
        const int all = list->model()->rowCount();
        QTest::keyClicks(search, QStringLiteral("teapot"));
        QTRY_VERIFY(list->model()->rowCount() < all);
        QVERIFY2(topics(list).contains(QStringLiteral("418")), qPrintable(topics(list).join(QLatin1Char(' '))));
        QCOMPARE(dialog.currentTopic(), QStringLiteral("418"));
        QVERIFY(detail(&dialog).contains(QLatin1String("418")));

        // An exact code wins over codes that only mention it.
        search->clear();
        QTest::keyClicks(search, QStringLiteral("501"));
        QCOMPARE(dialog.currentTopic(), QStringLiteral("501"));
        QVERIFY2(detail(&dialog).contains(QLatin1String("501 Not Implemented")), qPrintable(detail(&dialog)));
        QVERIFY(detail(&dialog).contains(QLatin1String("Meaning")));

        search->clear();
        QTest::keyClicks(search, QStringLiteral("no such thing anywhere"));
        QCOMPARE(list->model()->rowCount(), 0);
    }

    void methodsOnly()
    {
        ReferenceDialog dialog;
        child<QComboBox>(&dialog, "referenceKind")->setCurrentIndex(2);
        auto *list = child<QListView>(&dialog, "referenceList");
        const QStringList shown = topics(list);
        QVERIFY(shown.contains(QStringLiteral("PATCH")));
        QVERIFY(!shown.contains(QStringLiteral("405")));
        QTest::keyClicks(child<QLineEdit>(&dialog, "referenceSearch"), QStringLiteral("PATCH"));
        QCOMPARE(dialog.currentTopic(), QStringLiteral("PATCH"));
        const QString text = detail(&dialog);
        QVERIFY2(text.contains(QLatin1String("Registered with IANA")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Idempotent")));
    }

    void unknownCodeGetsItsClass()
    {
        ReferenceDialog dialog;
        dialog.showTopic(QStringLiteral("299"));
        QCOMPARE(dialog.currentTopic(), QStringLiteral("299"));
        QVERIFY(detail(&dialog).contains(QLatin1String("not registered")));
        QVERIFY(detail(&dialog).contains(QLatin1String("200")));
    }

    void helpMenuOpensOneReference()
    {
        QFile::remove(ui::TabStore::defaultPath());
        verbscope::AppServices services;
        ui::MainWindow w(services);
        child<QAction>(&w, "referenceAction")->trigger();
        auto *dialog = w.findChild<ReferenceDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        child<QAction>(&w, "referenceAction")->trigger();
        QCOMPARE(w.findChildren<ReferenceDialog *>().size(), 1);
    }

    void explainsTheStatusOfAResponse()
    {
        test::FakeServer server(
            [](const test::FakeRequest &) { return test::FakeResponse::http(501, "Not Implemented", {}); });
        QFile::remove(ui::TabStore::defaultPath());
        verbscope::AppServices services;
        ui::MainWindow w(services);
        w.setConfirm([](QWidget *, const QString &, const QString &) { return false; });
        w.show();
        ui::RequestTab *tab = w.newTab();
        auto *explain = child<QPushButton>(tab->response(), "explainStatusButton");
        QVERIFY(explain->isHidden()); // no response, nothing to explain
        tab->editor()->setMethod(QStringLiteral("PROPFIND"));
        tab->editor()->setUrl(server.url(QStringLiteral("/dav/")));
        tab->send();
        QTRY_VERIFY_WITH_TIMEOUT(
            child<QLabel>(tab->response(), "statusBadge")->text().startsWith(QLatin1String("501")), 30000);
        QVERIFY(!explain->isHidden());
        QTest::mouseClick(explain, Qt::LeftButton);
        auto *dialog = w.findChild<ReferenceDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->currentTopic(), QStringLiteral("501"));
        QVERIFY(detail(dialog).startsWith(QLatin1String("501 Not Implemented")));
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 30000);
    }
};

QTEST_MAIN(tst_Reference)
#include "tst_reference.moc"
