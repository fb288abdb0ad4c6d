// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/TimeSpec.h"

#include <QTest>

using verbscope::history::TimeSpec;

class tst_TimeSpec final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime now(QDate(2026, 5, 10), QTime(12, 0), Qt::UTC);
        QTest::newRow("seconds") << QStringLiteral("90s") << now.addSecs(-90);
        QTest::newRow("minutes") << QStringLiteral("15m") << now.addSecs(-900);
        QTest::newRow("hours") << QStringLiteral("2h") << now.addSecs(-7200);
        QTest::newRow("days") << QStringLiteral("3d") << now.addDays(-3);
        QTest::newRow("weeks") << QStringLiteral("1W") << now.addDays(-7);
        QTest::newRow("utc") << QStringLiteral("2026-05-01T10:30:00Z")
                             << QDateTime(QDate(2026, 5, 1), QTime(10, 30), Qt::UTC);
        QTest::newRow("offset") << QStringLiteral("2026-05-01T10:30:00+02:00")
                                << QDateTime(QDate(2026, 5, 1), QTime(8, 30), Qt::UTC);
        QTest::newRow("local") << QStringLiteral("2026-05-01T10:30") << QDateTime(QDate(2026, 5, 1), QTime(10, 30));
        QTest::newRow("date") << QStringLiteral("2026-05-01") << QDate(2026, 5, 1).startOfDay();
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime now(QDate(2026, 5, 10), QTime(12, 0), Qt::UTC);
        QString error;
        const QDateTime got = TimeSpec::parse(text, now, &error);
        QVERIFY2(got.isValid(), qPrintable(error));
        QCOMPARE(got.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("word") << QStringLiteral("yesterday") << QStringLiteral("not a date");
        QTest::newRow("unit") << QStringLiteral("3y") << QStringLiteral("\"3y\": unknown unit \"y\"");
        QTest::newRow("empty") << QString() << QStringLiteral("not a date");
        QTest::newRow("bad date") << QStringLiteral("2026-13-01") << QStringLiteral("not a date");
        QTest::newRow("too old") << QStringLiteral("999999w") << QStringLiteral("too long");
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!TimeSpec::parse(text, QDateTime::currentDateTimeUtc(), &error).isValid());
        QVERIFY2(error.contains(says), qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(tst_TimeSpec)
#include "tst_timespec.moc"
