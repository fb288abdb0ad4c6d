// SPDX-License-Identifier: GPL-3.0-or-later
// One request pipeline: every request of the parity collection (tests/data/collections/parity,
// every construct of the .http format that changes what is sent) goes to a recording server
// twice, once through `verbscope-cli run` and once through the app's collection tabs, and the
// bytes on the wire must be the same.
#include "core/AppServices.h"
#include "core/collections/Collection.h"
#include "core/collections/RequestPipeline.h"
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/CollectionTabs.h"
#include "ui/MainWindow.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"

#include <QComboBox>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope;
using namespace verbscope::test;
using namespace verbscope::ui;

namespace {
// The fixture folder copied, with an environment that points {{host}} at `server`.
bool prepareCollection(const QTemporaryDir &dir, const FakeServer &server)
{
    const QString source
        = qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/collections/parity");
    QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString to = dir.filePath(QDir(source).relativeFilePath(from));
        if (!QDir().mkpath(QFileInfo(to).absolutePath()) || !QFile::copy(from, to))
            return false;
    }
    writeFile(dir.filePath(QStringLiteral("http-client.env.json")),
        QStringLiteral("{\"parity\": {\"host\": \"127.0.0.1:%1\", \"user\": \"alice\"}}").arg(server.port()).toUtf8());
    writeFile(dir.filePath(QStringLiteral("http-client.private.env.json")), "{\"parity\": {\"password\": \"s3cret\"}}");
    return true;
}

FakeResponse ok(const FakeRequest &)
{
    return FakeResponse::http(200, "OK", { { "Content-Type", "text/plain" } }, "ok");
}
} // namespace

class tst_PipelineParity final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cliAndAppSendTheSameBytes()
    {
        FakeServer server(ok);
        QTemporaryDir dir;
        QVERIFY(prepareCollection(dir, server));
        const collections::Collection collection = collections::Collection::load(dir.path());
        QVERIFY(collection.errors().isEmpty());
        int total = 0;
        for (const collections::CollectionFile &f : collection.files())
            total += int(f.parsed.file.requests.size());
        QVERIFY(total >= 15);

        // The CLI: the whole collection, in file order.
        const CliResult run
            = runCli({ QStringLiteral("run"), dir.path(), QStringLiteral("--env"), QStringLiteral("parity") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<FakeRequest> fromCli = server.requests();
        QCOMPARE(fromCli.size(), total);

        // The app: each request opened from the collection in a tab and sent with Send.
        AppServices services;
        MainWindow w(services);
        w.setConfirm([](QWidget *, const QString &, const QString &) { return true; });
        w.show();
        w.openCollection(dir.path());
        auto *combo = w.findChild<QComboBox *>(QStringLiteral("environmentCombo"));
        QVERIFY(combo && combo->findData(QStringLiteral("parity")) >= 0);
        combo->setCurrentIndex(combo->findData(QStringLiteral("parity")));
        int k = 0;
        for (const collections::CollectionFile &f : collection.files()) {
            for (int i = 0; i < f.parsed.file.requests.size(); ++i, ++k) {
                const QString name = f.relativePath + QLatin1Char(':') + f.parsed.file.requests.at(i).displayName();
                RequestTab *tab = w.collectionTabs()->open(f.path, i);
                QVERIFY2(tab, qPrintable(name));
                const qsizetype before = server.requests().size();
                QVERIFY2(tab->editor()->problem().isEmpty(),
                    qPrintable(name + QStringLiteral(": ") + tab->editor()->problem()));
                http::RequestSpec prepared;
                const QStringList problems = tab->sendableSpec(&prepared);
                QVERIFY2(
                    problems.isEmpty(), qPrintable(name + QStringLiteral(": ") + problems.join(QLatin1Char('\n'))));
                // What the bytes cannot show, the options must agree too: those `run` uses (its
                // defaults, no flags) against those the tab would send with.
                collections::RequestContext runContext;
                runContext.environment = collection.environments().variables(QStringLiteral("parity"));
                const http::RequestOptions expected
                    = collections::RequestPipeline::prepare(f.parsed.file, i, f.path, runContext).spec.options;
                QCOMPARE(prepared.options.redirects, expected.redirects);
                QCOMPARE(prepared.options.verifyTls, expected.verifyTls);
                QCOMPARE(prepared.options.idleTimeoutMs, expected.idleTimeoutMs);
                QCOMPARE(prepared.options.totalTimeoutMs, expected.totalTimeoutMs);
                QCOMPARE(prepared.options.maxRedirects, expected.maxRedirects);
                QVERIFY(prepared.options.transport == expected.transport);
                tab->send();
                QTRY_VERIFY2_WITH_TIMEOUT(server.requests().size() > before, qPrintable(name), 20000);
                // The diagnosis may send evidence requests after it: only the first is the request.
                QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
                const QByteArray app = server.requests().at(before).raw;
                const QByteArray cli = fromCli.at(k).raw;
                QVERIFY2(app == cli,
                    qPrintable(QStringLiteral("%1\n--- run sent:\n%2\n--- the app sent:\n%3")
                                   .arg(name, QString::fromUtf8(cli), QString::fromUtf8(app))));
            }
        }
        QCOMPARE(k, total);
    }
};

QTEST_MAIN(tst_PipelineParity)
#include "tst_pipelineparity.moc"
