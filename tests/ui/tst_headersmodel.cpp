// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/HeadersModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using verbscope::ui::HeadersModel;

class tst_HeadersModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsDuplicatesOrderAndCase()
    {
        HeadersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setHeaders({ { "Set-Cookie", "a=1" }, { "x-lower", "1" }, { "set-cookie", "b=2" }, { "X-Empty", "" } });
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.index(0, HeadersModel::Name).data().toString(), QStringLiteral("Set-Cookie"));
        QCOMPARE(model.index(2, HeadersModel::Name).data().toString(), QStringLiteral("set-cookie"));
        QCOMPARE(model.index(2, HeadersModel::Value).data().toString(), QStringLiteral("b=2"));
        QCOMPARE(model.index(3, HeadersModel::Value).data().toString(), QString());
        QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 1);
        QCOMPARE(model.headerData(HeadersModel::Value, Qt::Horizontal).toString(), QStringLiteral("Value"));
        model.setHeaders({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 2);
    }

    void escapesControlBytes()
    {
        HeadersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHeaders({ { "X-Odd", QByteArray("a\tb\x01", 4) } });
        QCOMPARE(model.index(0, HeadersModel::Value).data().toString(), QStringLiteral("a\\tb\\x01"));
    }
};

QTEST_MAIN(tst_HeadersModel)
#include "tst_headersmodel.moc"
