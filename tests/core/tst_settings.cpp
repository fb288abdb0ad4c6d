// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/Settings.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using verbscope::Settings;
using Key = verbscope::Settings::Key;

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

    void brokenFileIsKeptNotRewritten()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        // Qt reads what it can of this and, on the next write, would drop the rest.
        const QByteArray broken = QByteArray("[history]\nmaxAgeDays=7\n") + QByteArray("\0\1\xff", 3)
            + QByteArray("[[[\n==\n[requests]\ntimeoutSeconds=9\n");
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(broken);
        }
        {
            Settings s(file);
            QVERIFY(!s.isWritable());
            QVERIFY2(s.notice().contains(QLatin1String("broken syntax at line 3")), qPrintable(s.notice()));
            QVERIFY2(s.notice().contains(file), qPrintable(s.notice()));
            QCOMPARE(s.historyMaxAgeDays(), 7); // what can be read is used
            s.setValue(Settings::Key::HistoryMaxAgeDays, 1);
            s.sync();
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), broken); // untouched
        const QStringList copies = QDir(dir.path()).entryList({ QStringLiteral("s.ini.unreadable-*") });
        QCOMPARE(copies.size(), 1);
        QFile copy(QDir(dir.path()).filePath(copies.first()));
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), broken);
        // A second start does not pile up copies.
        QVERIFY(!Settings(file).isWritable());
        QCOMPARE(QDir(dir.path()).entryList({ QStringLiteral("s.ini.unreadable-*") }).size(), 1);
    }

    // An open quote (or a trailing backslash) makes Qt read the following lines as part of the
    // value, so "enabled=false" below it was lost and history recorded against the user's wish.
    void valueRunningOnIsBrokenAndHistoryOff_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::newRow("unterminated quote")
            << QByteArray("[requests]\nproxyUrl=\"http://proxy:3128\n[history]\nenabled=false\n") << 2;
        QTest::newRow("escaped quote does not close")
            << QByteArray("[requests]\nproxyUrl=\"a\\\"\n[history]\nenabled=false\n") << 2;
        QTest::newRow("trailing backslash") << QByteArray("[requests]\nproxyUrl=x\\\n[history]\nenabled=false\n") << 2;
        QTest::newRow("no history section at all") << QByteArray("[requests]\nproxyUrl=\"x\n") << 2;
    }
    void valueRunningOnIsBrokenAndHistoryOff()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        if (content.contains("enabled=false")) { // the premise: Qt's reader loses that line
            const QSettings raw(file, QSettings::IniFormat);
            QVERIFY(raw.value(QStringLiteral("history/enabled")).toString() != QLatin1String("false"));
        }
        const Settings s(file);
        QVERIFY(!s.isWritable());
        QVERIFY2(s.notice().contains(QStringLiteral("broken syntax at line %1").arg(line)), qPrintable(s.notice()));
        QVERIFY2(s.notice().contains(QLatin1String("history recording is off")), qPrintable(s.notice()));
        QVERIFY(!s.historyEnabled());
        QVERIFY(!s.value(Key::HistoryEnabled).toBool());
        QVERIFY(s.historyMaskSecrets());
    }

    void balancedQuotesAreFine()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[requests]\nproxyUrl=\"http://a\\\"b\"\n[history]\nenabled=true\n");
        }
        const Settings s(file);
        QVERIFY2(s.isWritable(), qPrintable(s.notice()));
        QVERIFY(s.historyEnabled());
    }

    void fileIsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            Settings s(file);
            s.setValue(Settings::Key::HistoryMaxAgeDays, 3);
        }
        QCOMPARE(QFile::permissions(file) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void changedOncePerChangedKey()
    {
        QTemporaryDir dir;
        Settings s(dir.filePath(QStringLiteral("s.ini")));
        QSignalSpy spy(&s, &Settings::changed);
        s.setValue(Key::HistoryMaxEntries, 500);
        s.setValue(Key::FontSize, 14);
        QCOMPARE(spy.size(), 2);
        QCOMPARE(spy.at(0).at(0).value<Key>(), Key::HistoryMaxEntries);
        QCOMPARE(spy.at(1).at(0).value<Key>(), Key::FontSize);

        // The same value again, or the default written out, changes nothing.
        spy.clear();
        s.setValue(Key::HistoryMaxEntries, 500);
        s.setValue(Key::HistoryMaxEntries, QStringLiteral("500")); // typed: the same number
        s.setValue(Key::TlsVerify, true);
        s.reset(Key::HistoryMaxAgeDays);
        QCOMPARE(spy.size(), 0);

        s.reset(Key::HistoryMaxEntries);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<Key>(), Key::HistoryMaxEntries);
        QCOMPARE(s.historyMaxEntries(), 100000);
    }

    void changeThroughOneFacadeReachesTheOthers()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        Settings app(file);
        Settings elsewhere(dir.filePath(QStringLiteral("other.ini")));
        QSignalSpy spy(&app, &Settings::changed);
        QSignalSpy other(&elsewhere, &Settings::changed);
        Settings(file).setValue(Key::HistoryEnabled, false); // a short-lived facade, as callers write
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<Key>(), Key::HistoryEnabled);
        QVERIFY(!app.historyEnabled());
        QCOMPARE(other.size(), 0); // another file is another set of settings
    }

    void unwritableFacadeSignalsNothing()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[history]\nmaxAgeDays=7\n[[[\n");
        }
        Settings s(file);
        QVERIFY(!s.isWritable());
        QSignalSpy spy(&s, &Settings::changed);
        s.setValue(Key::HistoryMaxAgeDays, 1);
        s.reset(Key::HistoryMaxAgeDays);
        QCOMPARE(spy.size(), 0);
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
