// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "core/Settings.h"
#include "core/demo/DemoServer.h"
#include "core/history/HistoryRecorder.h"
#include "core/history/HistoryStore.h"
#include "core/http/Engine.h"
#include "core/http/Exchange.h"
#include "tests/support/ExchangeBuilder.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using verbscope::AppServices;
using verbscope::Settings;
using Key = verbscope::Settings::Key;

namespace {
verbscope::http::Exchange exchange()
{
    return verbscope::test::exchange()
        .startedAt(QDateTime::currentDateTimeUtc())
        .request("PATCH", QStringLiteral("http://a.test/items/1"))
        .status(405);
}
} // namespace

class tst_AppServices final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        for (Key k : { Key::HistoryEnabled, Key::HistoryMaxEntries, Key::HistoryMaskSecrets })
            Settings().reset(k);
    }

    void createsAndDestroysCleanly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QString bodyDir;
        quint16 demoPort = 0;
        {
            AppServices services(AppServices::Options { path });
            QVERIFY(services.historyOpened().ok);
            QVERIFY(services.historyStore().isOpen());
            QCOMPARE(services.historyStore().path(), path);
            bodyDir = services.bodyDir();
            QVERIFY(QDir(bodyDir).exists());
            QFile body(QDir(bodyDir).filePath(QStringLiteral("x.body")));
            QVERIFY(body.open(QIODevice::WriteOnly));
            body.write("a large body");
            body.close();

            QVERIFY(services.recorder());
            QVERIFY(services.recorder()->record(exchange()).has_value());
            QCOMPARE(services.historyStore().count({}), 1);
            QVERIFY(!QSqlDatabase::connectionNames().isEmpty());

            QVERIFY(!services.demoServer()); // started on first use only
            verbscope::demo::DemoServer *demo = services.startDemo();
            QVERIFY(demo && demo->isListening());
            QCOMPARE(services.startDemo(), demo);
            demoPort = quint16(QUrl(demo->url()).port());
            QVERIFY(demoPort > 0);
        }
        QVERIFY2(!QDir(bodyDir).exists(), qPrintable(bodyDir)); // the body folder went with them
        QVERIFY2(QSqlDatabase::connectionNames().isEmpty(),
            qPrintable(QSqlDatabase::connectionNames().join(QLatin1Char(' ')))); // every connection closed
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal"))); // SQLite's last close checkpoints
        QTcpServer again; // the demo port is free again
        QVERIFY(again.listen(QHostAddress::LocalHost, demoPort));

        // What was recorded is in the file for the next start.
        verbscope::history::HistoryStore store;
        QVERIFY(store.open(path).ok);
        QCOMPARE(store.count({}), 1);
    }

    void recorderFollowsTheHistorySettings()
    {
        QTemporaryDir dir;
        AppServices services(AppServices::Options { dir.filePath(QStringLiteral("h.sqlite")) });
        QVERIFY(services.recorder());
        services.settings().setValue(Key::HistoryEnabled, false);
        QVERIFY(!services.recorder());
        services.settings().setValue(Key::HistoryEnabled, true);
        QVERIFY(services.recorder());
        // Through another facade on the same file, as code that makes its own Settings does.
        Settings().setValue(Key::HistoryEnabled, false);
        QVERIFY(!services.recorder());
        Settings().reset(Key::HistoryEnabled);
        QVERIFY(services.recorder());
    }
};

QTEST_GUILESS_MAIN(tst_AppServices)
#include "tst_appservices.moc"
