// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/Settings.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using verbscope::Settings;

class tst_Settings final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsWhenUnset()
    {
        QTemporaryDir dir;
        const Settings s(dir.filePath(QStringLiteral("s.ini")));
        QVERIFY(s.historyEnabled());
        QVERIFY(s.historyMaskSecrets());
        QCOMPARE(s.historyMaxEntries(), 100000);
        QCOMPARE(s.historyMaxAgeDays(), 365);
    }

    void storesTypedValues()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            Settings s(file);
            s.setValue(Settings::Key::HistoryMaxEntries, 500);
            s.setValue(Settings::Key::HistoryMaskSecrets, false);
        }
        Settings s(file);
        QCOMPARE(s.historyMaxEntries(), 500);
        QVERIFY(!s.historyMaskSecrets());
        s.reset(Settings::Key::HistoryMaxEntries);
        QCOMPARE(s.historyMaxEntries(), 100000);
    }

    void badValueFallsBackToDefault()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[history]\nmaxEntries=ten\nmaxAgeDays=7\n");
        f.close();
        const Settings s(file);
        QCOMPARE(s.historyMaxEntries(), 100000);
        QCOMPARE(s.historyMaxAgeDays(), 7);
    }

    void dataDirKeepsTestsAwayFromUserSettings()
    {
        QTemporaryDir dir;
        const QByteArray old = qgetenv("VERBSCOPE_DATA_DIR");
        qputenv("VERBSCOPE_DATA_DIR", dir.path().toUtf8());
        {
            Settings s;
            s.setValue(Settings::Key::HistoryMaxAgeDays, 3);
        }
        QVERIFY(QFile::exists(QDir(dir.path()).filePath(QStringLiteral("verbscope.ini"))));
        QCOMPARE(Settings().historyMaxAgeDays(), 3);
        qputenv("VERBSCOPE_DATA_DIR", old);
    }

    void everyKeyHasANameAndDefault()
    {
        for (Settings::Key k : { Settings::Key::HistoryEnabled, Settings::Key::HistoryMaxEntries,
                 Settings::Key::HistoryMaxAgeDays, Settings::Key::HistoryMaskSecrets }) {
            QVERIFY(!Settings::keyName(k).isEmpty());
            QVERIFY(Settings::defaultValue(k).isValid());
        }
    }
};

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
