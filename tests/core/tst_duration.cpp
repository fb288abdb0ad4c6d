// SPDX-License-Identifier: GPL-3.0-or-later
// The one duration parser: --timeout, --max-time, `# @timeout`, history ages.
#include "core/Duration.h"

#include <QTest>

using verbscope::Duration;

class tst_Duration final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("bare seconds") << QStringLiteral("30") << qint64(30'000);
        QTest::newRow("decimal") << QStringLiteral("2.5") << qint64(2'500);
        QTest::newRow("leading dot") << QStringLiteral(".5") << qint64(500);
        QTest::newRow("ms") << QStringLiteral("500ms") << qint64(500);
        QTest::newRow("s") << QStringLiteral("10s") << qint64(10'000);
        QTest::newRow("m") << QStringLiteral("2m") << qint64(120'000);
        QTest::newRow("min") << QStringLiteral("2min") << qint64(120'000);
        QTest::newRow("h") << QStringLiteral("1h") << qint64(3'600'000);
        QTest::newRow("d") << QStringLiteral("1d") << qint64(86'400'000);
        QTest::newRow("w") << QStringLiteral("1w") << qint64(604'800'000);
        QTest::newRow("upper case") << QStringLiteral("3S") << qint64(3'000);
        QTest::newRow("space before unit") << QStringLiteral(" 5 s ") << qint64(5'000);
    }
    void valid()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const Duration::Result r = Duration::parse(text);
        QVERIFY2(r.ms.has_value(), qPrintable(r.error));
        QCOMPARE(*r.ms, ms);
        QVERIFY(r.error.isEmpty());
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QString() << QStringLiteral("expected a duration");
        QTest::newRow("word") << QStringLiteral("soon") << QStringLiteral("not a duration");
        QTest::newRow("negative") << QStringLiteral("-1") << QStringLiteral("not a duration");
        QTest::newRow("unit") << QStringLiteral("5x") << QStringLiteral("unknown unit \"x\"");
        QTest::newRow("two units") << QStringLiteral("5mss") << QStringLiteral("unknown unit \"mss\"");
        QTest::newRow("zero") << QStringLiteral("0") << QStringLiteral("must be greater than 0");
        QTest::newRow("sub-millisecond") << QStringLiteral("0.0001") << QStringLiteral("shorter than a millisecond");
        QTest::newRow("huge") << QStringLiteral("99999999999") << QStringLiteral("too long (at most 1w)");
        QTest::newRow("two numbers") << QStringLiteral("1 2") << QStringLiteral("not a duration");
    }
    void invalid()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        const Duration::Result r = Duration::parse(text);
        QVERIFY(!r.ms.has_value());
        QVERIFY2(r.error.contains(says), qPrintable(r.error));
        QVERIFY2(r.error.startsWith(QLatin1Char('"') + text + QLatin1Char('"')), qPrintable(r.error));
    }

    void bareUnitAndLimits()
    {
        QCOMPARE(*Duration::parse(QStringLiteral("250"), Duration::Unit::Milliseconds).ms, qint64(250));
        QVERIFY(!Duration::parse(QStringLiteral("8d")).ms); // a timeout over a week is a typo
        QCOMPARE(*Duration::parse(QStringLiteral("2d"), Duration::Unit::Seconds, 365LL * 86'400'000).ms,
            qint64(2 * 86'400'000));
        QCOMPARE(
            *Duration::parse(QStringLiteral("0"), Duration::Unit::Seconds, Duration::MaxTimeoutMs, true).ms, qint64(0));
    }

    void formatRoundTrips_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("ms") << qint64(1'500) << QStringLiteral("1500ms");
        QTest::newRow("s") << qint64(5'000) << QStringLiteral("5s");
        QTest::newRow("m") << qint64(120'000) << QStringLiteral("2m");
        QTest::newRow("h") << qint64(7'200'000) << QStringLiteral("2h");
        QTest::newRow("d") << qint64(86'400'000) << QStringLiteral("1d");
        QTest::newRow("w") << qint64(604'800'000) << QStringLiteral("1w");
    }
    void formatRoundTrips()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(Duration::format(ms), text);
        QCOMPARE(*Duration::parse(text, Duration::Unit::Seconds, 365LL * 86'400'000).ms, ms);
    }
};

QTEST_APPLESS_MAIN(tst_Duration)
#include "tst_duration.moc"
