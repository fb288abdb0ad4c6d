// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/FakeServer.h"
#include "ui/MainWindow.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace verbscope::test;

class tst_MainWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sendCustomVerbAndShowHeadersAsReceived()
    {
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::bytes("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\nX-Trace: a\r\nContent-Length: 3\r\n\r\nno!");
        });
        verbscope::ui::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *method = w.findChild<QComboBox *>(QStringLiteral("methodBox"));
        auto *url = w.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
        auto *send = w.findChild<QPushButton *>(QStringLiteral("sendButton"));
        auto *badge = w.findChild<QLabel *>(QStringLiteral("statusBadge"));
        auto *headers = w.findChild<QTableWidget *>(QStringLiteral("responseHeaders"));
        QVERIFY(method && url && send && badge && headers);
        method->lineEdit()->clear();
        QTest::keyClicks(method->lineEdit(), QStringLiteral("PURGE"));
        url->clear();
        QTest::keyClicks(url, server.url(QStringLiteral("/thing")));
        QVERIFY(send->isEnabled());
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(badge->text(), QStringLiteral("405 Method Not Allowed"), 10000);
        QCOMPARE(server.requests().constFirst().method, QByteArray("PURGE"));
        QCOMPARE(headers->rowCount(), 3);
        QCOMPARE(headers->item(0, 0)->text(), QStringLiteral("Allow"));
        QCOMPARE(headers->item(0, 1)->text(), QStringLiteral("GET"));
    }

    void invalidVerbDisablesSendAndSaysWhy()
    {
        verbscope::ui::MainWindow w;
        w.show();
        auto *method = w.findChild<QComboBox *>(QStringLiteral("methodBox"));
        auto *url = w.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
        auto *send = w.findChild<QPushButton *>(QStringLiteral("sendButton"));
        auto *error = w.findChild<QLabel *>(QStringLiteral("inputError"));
        QTest::keyClicks(url, QStringLiteral("http://127.0.0.1:9/"));
        method->lineEdit()->clear();
        QTest::keyClicks(method->lineEdit(), QStringLiteral("GE T"));
        QVERIFY(!send->isEnabled());
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QLatin1String("character 3, space")), qPrintable(error->text()));
        method->lineEdit()->clear();
        QTest::keyClicks(method->lineEdit(), QStringLiteral("GET"));
        QVERIFY(send->isEnabled());
        QVERIFY(!error->isVisible());
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
