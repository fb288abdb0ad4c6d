// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/TestsView.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QTest>
#include <QTreeWidget>

using namespace verbscope::collections;
using namespace verbscope::ui;

class tst_TestsView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyStateSaysHowToAddTests()
    {
        TestsView view;
        view.show();
        QCOMPARE(view.title(), QStringLiteral("Tests"));
        auto *empty = view.findChild<QLabel *>(QStringLiteral("testsEmpty"));
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QStringLiteral("?? status == 200")));
        QVERIFY(empty->text().contains(QStringLiteral("client.test")));
    }

    void testsLogAndProblemsAreListed()
    {
        TestsView view;
        view.show();
        RunStep step;
        step.tests.append(
            { RunTest::Kind::Assertion, QStringLiteral("status == 200"), QStringLiteral("a.http"), 4, true, {} });
        step.tests.append({ RunTest::Kind::ScriptTest, QStringLiteral("has id"), QStringLiteral("a.http"), 9, false,
            QStringLiteral("expected an id") });
        step.log << QStringLiteral("token is abc");
        view.showStep(step);
        QCOMPARE(view.title(), QStringLiteral("Tests 1/2"));
        auto *list = view.findChild<QTreeWidget *>(QStringLiteral("testsList"));
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("✘ failed"));
        QCOMPARE(list->topLevelItem(1)->text(2), QStringLiteral("expected an id"));
        QCOMPARE(list->topLevelItem(1)->text(3), QStringLiteral("a.http:9"));
        QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("testsLog"))->toPlainText(),
            QStringLiteral("token is abc"));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("testsEmpty"))->isHidden());
        // A new answer replaces what was shown.
        view.showStep(RunStep {});
        QCOMPARE(view.title(), QStringLiteral("Tests"));
        QCOMPARE(list->topLevelItemCount(), 0);
    }
};

QTEST_MAIN(tst_TestsView)
#include "tst_testsview.moc"
