// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "core/demo/DemoServer.h"
#include "core/diagnosis/MethodProbe.h"
#include "core/diagnosis/ProbeReport.h"
#include "core/history/HistoryStore.h"
#include "core/http/Engine.h"
#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"
#include "tests/support/FakeServer.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/DiagnosisPanel.h"
#include "ui/MainWindow.h"
#include "ui/MatrixView.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/ResponseView.h"
#include "ui/TabStore.h"
#include "ui/Theme.h"
#include "ui/models/MatrixModel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace verbscope;
using verbscope::ui::MatrixModel;
using verbscope::ui::MatrixView;

namespace {
using verbscope::test::child;

// The cell of `method` in column `server`.
QModelIndex cellOf(const MatrixModel *model, int server, const QByteArray &method)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->headerData(row, Qt::Vertical).toString() == QString::fromLatin1(method))
            return model->index(row, server);
    return {};
}

// What the user does: URLs typed one per line, then Probe.
void typeAndRun(MatrixView *view, const QStringList &urls)
{
    auto *edit = child<QPlainTextEdit>(view, "matrixUrls");
    edit->clear();
    for (qsizetype i = 0; i < urls.size(); ++i) {
        if (i > 0)
            QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClicks(edit, urls.at(i));
    }
    QTest::mouseClick(child<QPushButton>(view, "matrixRun"), Qt::LeftButton);
}
} // namespace

class tst_MatrixView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_demo = new demo::DemoServer(this);
        QVERIFY(m_demo->listen(0));
        m_services = std::make_unique<AppServices>();
    }

    void fillsCellsLiveAndColoursThemByVerdict()
    {
        MatrixView view(*m_services);
        view.show();
        MatrixModel *model = view.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        QSignalSpy finished(&view, &MatrixView::finished);
        const QString nginxLike = m_demo->url(QStringLiteral("/static/page.html"));
        const QString pythonLike = m_demo->url(QStringLiteral("/legacy/"));
        typeAndRun(&view, { nginxLike, pythonLike });

        QCOMPARE(model->columnCount(), 2);
        const int methods = int(diagnosis::MethodProbe::defaultMethods().size());
        QCOMPARE(model->rowCount(), methods + 1); // the summary row
        QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), nginxLike);
        QVERIFY(!child<QPushButton>(&view, "matrixRun")->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        // Cells arrived one by one before the end, not all at once.
        QVERIFY(changed.size() >= 2 * methods);

        const QModelIndex nginxOptions = cellOf(model, 0, "OPTIONS");
        QCOMPARE(nginxOptions.data(MatrixModel::StatusRole).toInt(), 405);
        QCOMPARE(nginxOptions.data(MatrixModel::VerdictRole).toString(), QStringLiteral("not-allowed"));
        QVERIFY(nginxOptions.data(Qt::DisplayRole).toString().startsWith(QLatin1String("405")));
        const QString tip = nginxOptions.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("Status: 405 Not Allowed")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("Allow: (absent)")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("Answered by: ")), qPrintable(tip));

        const QModelIndex pythonOptions = cellOf(model, 1, "OPTIONS");
        QCOMPARE(pythonOptions.data(MatrixModel::StatusRole).toInt(), 501);
        QCOMPARE(pythonOptions.data(MatrixModel::VerdictRole).toString(), QStringLiteral("not-implemented"));
        const QModelIndex get = cellOf(model, 0, "GET");
        QCOMPARE(get.data(MatrixModel::VerdictRole).toString(), QStringLiteral("supported"));
        // Three verdicts, three colours.
        const QColor c405 = nginxOptions.data(Qt::BackgroundRole).value<QBrush>().color();
        const QColor c501 = pythonOptions.data(Qt::BackgroundRole).value<QBrush>().color();
        const QColor c200 = get.data(Qt::BackgroundRole).value<QBrush>().color();
        QVERIFY(c405.isValid() && c501.isValid() && c200.isValid());
        QVERIFY(c405 != c501 && c405 != c200 && c501 != c200);

        // Safe mode: PUT went to a path that cannot exist, and says so.
        const diagnosis::ProbeCell *put = model->cell(cellOf(model, 0, "PUT"));
        QVERIFY(put);
        QVERIFY(put->probePath);
        QVERIFY(put->target.contains(QLatin1String("/.verbscope-probe-")));
        QVERIFY(cellOf(model, 0, "PUT").data().toString().endsWith(QLatin1String(" *")));

        const int summary = model->rowCount() - 1;
        QVERIFY(model->isSummaryRow(summary));
        QCOMPARE(model->headerData(summary, Qt::Vertical).toString(), QStringLiteral("Summary"));
        QVERIFY2(model->index(summary, 0).data().toString().contains(QStringLiteral("unknown verb → 405")),
            qPrintable(model->index(summary, 0).data().toString()));
        QVERIFY(model->index(summary, 1).data().toString().contains(QStringLiteral("unknown verb → 501")));
        QVERIFY(model->index(summary, 0).data(Qt::ToolTipRole).toString().contains(QLatin1String("allow-missing")));
        QVERIFY(child<QPushButton>(&view, "matrixRun")->isEnabled());
    }

    void customVerbList()
    {
        MatrixView view(*m_services);
        QSignalSpy finished(&view, &MatrixView::finished);
        child<QComboBox>(&view, "matrixVerbSet")->setCurrentIndex(1);
        QVERIFY(child<QLineEdit>(&view, "matrixMethods")->isEnabled());
        QTest::keyClicks(child<QLineEdit>(&view, "matrixMethods"), QStringLiteral("GET,PURGE"));
        typeAndRun(&view, { m_demo->url(QStringLiteral("/static/page.html")) });
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(view.model()->rowCount(), 3);
        QCOMPARE(view.model()->headerData(1, Qt::Vertical).toString(), QStringLiteral("PURGE"));
    }

    void invalidInputSendsNothing()
    {
        MatrixView view(*m_services);
        view.setMethods(QStringLiteral("GET,BAD VERB"));
        typeAndRun(&view, { m_demo->url() });
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(!view.isRunning());
        QVERIFY2(child<QLabel>(&view, "matrixStatus")->text().contains(QLatin1String("entry 2")),
            qPrintable(child<QLabel>(&view, "matrixStatus")->text()));

        view.setMethods({});
        typeAndRun(&view, {});
        QVERIFY(child<QLabel>(&view, "matrixStatus")->text().contains(QLatin1String("at least one URL")));
        QCOMPARE(view.model()->rowCount(), 0);
    }

    void unsafeModeAsksAndRefusalSendsNothing()
    {
        test::FakeServer server([](const test::FakeRequest &) {
            return test::FakeResponse::http(405, "Method Not Allowed", { { "Allow", "GET" } });
        });
        MatrixView view(*m_services);
        QStringList asked;
        view.setConfirm([&asked](QWidget *, const QString &title, const QString &text) {
            asked << title + QLatin1Char('\n') + text;
            return false;
        });
        child<QComboBox>(&view, "matrixMode")->setCurrentIndex(int(diagnosis::ProbeMode::Unsafe));
        typeAndRun(&view, { server.url(QStringLiteral("/items/1")) });
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().contains(server.url(QStringLiteral("/items/1"))), qPrintable(asked.first()));
        QVERIFY(asked.first().contains(QLatin1String("DELETE")));
        QVERIFY(!view.isRunning());
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(child<QLabel>(&view, "matrixStatus")->text().contains(QLatin1String("nothing was sent")));
        QCOMPARE(server.connectionCount(), 0);
        QVERIFY(server.requests().isEmpty());
    }

    void unsafeModeConfirmedSendsToTheRealUrl()
    {
        test::FakeServer server([](const test::FakeRequest &) {
            return test::FakeResponse::http(405, "Method Not Allowed", { { "Allow", "GET" } });
        });
        MatrixView view(*m_services);
        int asked = 0;
        view.setConfirm([&asked](QWidget *, const QString &, const QString &) { return ++asked > 0; });
        QSignalSpy finished(&view, &MatrixView::finished);
        view.setMethods(QStringLiteral("GET,DELETE"));
        child<QComboBox>(&view, "matrixMode")->setCurrentIndex(int(diagnosis::ProbeMode::Unsafe));
        typeAndRun(&view, { server.url(QStringLiteral("/items/1")) });
        QCOMPARE(asked, 1);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QStringList seen;
        for (const test::FakeRequest &r : server.requests())
            seen << QString::fromLatin1(r.method + ' ' + r.target);
        seen.sort();
        QCOMPARE(seen, (QStringList { QStringLiteral("DELETE /items/1"), QStringLiteral("GET /items/1") }));
        // Safe mode again: DELETE goes below the URL, and nobody is asked.
        child<QComboBox>(&view, "matrixMode")->setCurrentIndex(int(diagnosis::ProbeMode::Safe));
        QTest::mouseClick(child<QPushButton>(&view, "matrixRun"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30000);
        QCOMPARE(asked, 1);
        const QByteArray lastDelete = [&server] {
            QByteArray target;
            for (const test::FakeRequest &r : server.requests())
                if (r.method == "DELETE")
                    target = r.target;
            return target;
        }();
        QVERIFY2(lastDelete.startsWith("/items/1/.verbscope-probe-"), lastDelete.constData());
    }

    // Issue 17: the legend explains every colour and mark, and a server that answers 404 on every
    // path it does not have is not summed up as supporting what it never accepted.
    void legendAndSummaryWithoutUnevidencedSupport()
    {
        test::FakeServer server([](const test::FakeRequest &r) {
            if ((r.method == "GET" || r.method == "HEAD") && r.target == "/static/a.txt")
                return test::FakeResponse::http(200, "OK", { { "Content-Type", "text/plain" } }, "a");
            if (r.method == "GET" || r.method == "HEAD")
                return test::FakeResponse::http(404, "Not Found", { { "Content-Type", "text/plain" } }, "none");
            if (r.target == "/static/a.txt")
                return test::FakeResponse::http(405, "Method Not Allowed", { { "Allow", "GET, HEAD" } });
            return test::FakeResponse::http(404, "Not Found", { { "Content-Type", "text/plain" } }, "none");
        });
        MatrixView view(*m_services);
        view.show();
        auto *legend = child<QWidget>(&view, "matrixLegend");
        QVERIFY(legend->isVisible());
        for (const char *role :
            { "legend-verdict-supported", "legend-verdict-not-allowed", "legend-verdict-not-implemented",
                "legend-verdict-other", "legend-verdict-ignored", "legend-verdict-transport-error" })
            QVERIFY2(!child<QLabel>(legend, role)->text().isEmpty(), role);
        QCOMPARE(child<QLabel>(legend, "legend-verdict-other")->text(), QStringLiteral("inconclusive (?)"));
        const QString marks = child<QLabel>(legend, "matrixLegendMarks")->text();
        for (const char *mark : { "* sent to a path below the URL", "? inconclusive", "! a guarded request" })
            QVERIFY2(marks.contains(QLatin1String(mark)), mark);

        QSignalSpy finished(&view, &MatrixView::finished);
        typeAndRun(&view, { server.url(QStringLiteral("/static/a.txt")) });
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        MatrixModel *model = view.model();
        const QString summary = model->index(model->rowCount() - 1, 0).data().toString();
        QVERIFY2(summary.startsWith(QStringLiteral("safe · ")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String(" 2 supported, ")), qPrintable(summary)); // GET, HEAD
        const int risky = int(diagnosis::MethodProbe::riskyMethods(diagnosis::MethodProbe::defaultMethods()).size());
        QVERIFY2(summary.contains(QStringLiteral(", %1 inconclusive").arg(risky)), qPrintable(summary));
        const QModelIndex put = cellOf(model, 0, "PUT");
        QCOMPARE(put.data(MatrixModel::SupportRole).toString(), QStringLiteral("inconclusive"));
        QCOMPARE(put.data(MatrixModel::ModeRole).toString(), QStringLiteral("safe"));
        QCOMPARE(put.data().toString(), QStringLiteral("404 Not Found ? *"));
        const QString tip = put.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("Inconclusive: 404 on a random child path in safe mode")), qPrintable(tip));
        QVERIFY(tip.contains(QLatin1String("a guarded probe would decide")));
        QVERIFY(tip.contains(QLatin1String("Mode: safe")));
        QCOMPARE(
            put.data(Qt::BackgroundRole).value<QBrush>().color(), ui::Theme::background(ui::Theme::Role::VerdictOther));
        QVERIFY(put.data(Qt::BackgroundRole).value<QBrush>().color()
            != cellOf(model, 0, "GET").data(Qt::BackgroundRole).value<QBrush>().color());
        const QString summaryTip = model->index(model->rowCount() - 1, 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(summaryTip.contains(QStringLiteral("GET, HEAD — 200 on the URL")), qPrintable(summaryTip));
    }

    // Guarded mode names the methods, the URLs and the residual risk before sending; no sends nothing,
    // yes sends each method once with the failing If-Match, and a 412 is shown as evidence.
    void guardedModeAsksThenSendsOnce()
    {
        test::FakeServer server([](const test::FakeRequest &r) {
            if (r.method == "GET" || r.method == "HEAD")
                return test::FakeResponse::http(200, "OK", { { "Content-Type", "text/plain" } }, "page");
            return test::FakeResponse::http(412, "Precondition Failed", {});
        });
        MatrixView view(*m_services);
        QStringList asked;
        bool answer = false;
        view.setConfirm([&](QWidget *, const QString &title, const QString &text) {
            asked << title + QLatin1Char('\n') + text;
            return answer;
        });
        view.setMethods(QStringLiteral("GET,PUT,DELETE"));
        child<QComboBox>(&view, "matrixMode")->setCurrentIndex(int(diagnosis::ProbeMode::Guarded));
        const QStringList urls { server.url(QStringLiteral("/a")), server.url(QStringLiteral("/b")) };
        typeAndRun(&view, urls);
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().startsWith(QLatin1String("Send guarded requests to the real URLs?")),
            qPrintable(asked.first()));
        QVERIFY(asked.first().contains(QStringLiteral("sends PUT, DELETE to:\n\n%1\n%2").arg(urls.at(0), urls.at(1))));
        QVERIFY(asked.first().contains(QLatin1String("If-Match")));
        QVERIFY(asked.first().contains(QLatin1String("Residual risk")));
        QVERIFY(child<QLabel>(&view, "matrixStatus")->text().contains(QLatin1String("nothing was sent")));
        QCOMPARE(server.connectionCount(), 0);

        answer = true;
        QSignalSpy finished(&view, &MatrixView::finished);
        QTest::mouseClick(child<QPushButton>(&view, "matrixRun"), Qt::LeftButton);
        QCOMPARE(asked.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QMap<QByteArray, int> puts;
        for (const test::FakeRequest &r : server.requests())
            if (r.method == "PUT") {
                puts[r.target] += 1;
                QVERIFY2(r.head.contains("If-Match: \"verbscope-guard-"), r.head.constData());
                QVERIFY(r.head.contains("Content-Length: 0\r\n"));
                QVERIFY(r.body.isEmpty());
            }
        QCOMPARE(puts, (QMap<QByteArray, int> { { "/a", 1 }, { "/b", 1 } }));
        const QModelIndex put = cellOf(view.model(), 0, "PUT");
        QCOMPARE(put.data(MatrixModel::ModeRole).toString(), QStringLiteral("guarded"));
        QCOMPARE(put.data(MatrixModel::SupportRole).toString(), QStringLiteral("supported"));
        QVERIFY(put.data(Qt::ToolTipRole).toString().contains(QLatin1String("Supported: 412 to a guarded request")));
        QVERIFY(put.data(Qt::ToolTipRole).toString().contains(QLatin1String("Mode: guarded")));
        QCOMPARE(put.data(Qt::BackgroundRole).value<QBrush>().color(),
            ui::Theme::background(ui::Theme::Role::VerdictSupported));
        const QString summary = view.model()->index(view.model()->rowCount() - 1, 0).data().toString();
        QVERIFY2(summary.startsWith(QStringLiteral("guarded · ")), qPrintable(summary));
        QVERIFY(summary.contains(QLatin1String(" 3 supported, ")));
    }

    void activatingACellShowsItsExchange()
    {
        MatrixView view(*m_services);
        view.show();
        QSignalSpy finished(&view, &MatrixView::finished);
        QSignalSpy activated(&view, &MatrixView::cellActivated);
        QSignalSpy opened(&view, &MatrixView::openExchange);
        typeAndRun(&view, { m_demo->url(QStringLiteral("/legacy/")) });
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        auto *table = child<QTableView>(&view, "matrixTable");
        const QModelIndex put = cellOf(view.model(), 0, "PUT");
        table->scrollTo(put);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(put).center());
        QTRY_VERIFY(!activated.isEmpty());
        QCOMPARE(activated.last().at(0).toInt(), 0);
        QCOMPARE(activated.last().at(1).toInt(), put.row());
        auto *response = child<ui::ResponseView>(&view, "matrixResponse");
        QVERIFY(child<QLabel>(response, "statusBadge")->text().startsWith(QLatin1String("501")));
        QVERIFY(child<QLabel>(&view, "matrixDetailTitle")->text().contains(QLatin1String("PUT")));

        // The summary row is not an exchange.
        const int before = int(activated.size());
        table->setCurrentIndex(view.model()->index(view.model()->rowCount() - 1, 0));
        QCOMPARE(int(activated.size()), before);

        table->setCurrentIndex(put);
        QTest::mouseClick(child<QPushButton>(&view, "matrixOpenInTab"), Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        const auto spec = opened.first().at(0).value<http::RequestSpec>();
        QCOMPARE(spec.method, QByteArray("PUT"));
        QCOMPARE(opened.first().at(1).value<http::Exchange>().response.head.status, 501);
    }

    void exportsTheCliFormats()
    {
        QTemporaryDir dir;
        MatrixView view(*m_services);
        QSignalSpy finished(&view, &MatrixView::finished);
        QString chosen;
        view.setChooseFile([&](QWidget *, const QString &suggested, const QString &) {
            chosen = dir.filePath(suggested);
            return chosen;
        });
        view.setMethods(QStringLiteral("GET,OPTIONS,PUT"));
        const QString url = m_demo->url(QStringLiteral("/static/page.html"));
        typeAndRun(&view, { url });
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        const QList<diagnosis::ServerProbe> &servers = view.model()->probe()->servers();

        child<QAction>(&view, "exportCsvAction")->trigger();
        QVERIFY(chosen.endsWith(QLatin1String(".csv")));
        QFile csv(chosen);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray csvText = csv.readAll();
        QCOMPARE(csvText, diagnosis::ProbeReport::toCsv(servers));
        const QList<QByteArray> lines = csvText.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0),
            QByteArray("url,method,target,status,reason,verdict,allow,answeredBy,ms,mode,support,evidence"));
        const QByteArray u = url.toUtf8();
        QVERIFY(lines.at(2).startsWith(QByteArray(u + ",OPTIONS," + u + ",405,Not Allowed,not-allowed,")));

        child<QAction>(&view, "exportJsonAction")->trigger();
        QFile json(chosen);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("verbscope.probe/1"));
        const QJsonObject first = doc.value(QStringLiteral("servers")).toArray().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("url")).toString(), url);
        QCOMPARE(first.value(QStringLiteral("results")).toArray().size(), 3);

        child<QAction>(&view, "exportMarkdownAction")->trigger();
        QVERIFY(chosen.endsWith(QLatin1String(".md")));
        QFile md(chosen);
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QByteArray mdText = md.readAll();
        QCOMPARE(mdText, diagnosis::ProbeReport::toMarkdown(servers));
        QVERIFY(mdText.startsWith(QByteArray("| method | " + u + " |\n|---|---|\n| `GET` | 200 OK |")));
    }

    void recordsTheProbeInTheHistory()
    {
        // The data directory may hold earlier runs' entries: this run's URL is its own.
        const QString marker = QUuid::createUuid().toString(QUuid::Id128);
        const QString url = m_demo->url(QStringLiteral("/legacy/?run=") + marker);
        MatrixView view(*m_services);
        QSignalSpy finished(&view, &MatrixView::finished);
        view.setMethods(QStringLiteral("GET,OPTIONS"));
        typeAndRun(&view, { url });
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY2(child<QLabel>(&view, "matrixStatus")->text().contains(QLatin1String("recorded in the history")),
            qPrintable(child<QLabel>(&view, "matrixStatus")->text()));
        history::HistoryStore store;
        QVERIFY(store.open(history::HistoryStore::defaultPath()).ok);
        history::HistoryFilter filter;
        filter.limit = 0;
        QStringList probed;
        for (const history::HistoryEntry &e : store.list(filter))
            if (e.source == QLatin1String("probe") && e.url.contains(marker))
                probed << QString::fromLatin1(e.method);
        probed.sort();
        QCOMPARE(probed, (QStringList { QStringLiteral("GET"), QStringLiteral("OPTIONS") }));
    }

    void mainWindowOpensTheMatrix()
    {
        QFile::remove(ui::TabStore::defaultPath());
        verbscope::AppServices services;
        ui::MainWindow w(services);
        w.show();
        QVERIFY(!w.findChild<MatrixView *>());
        child<QAction>(&w, "methodMatrixAction")->trigger();
        auto *matrix = w.findChild<MatrixView *>();
        QVERIFY(matrix);
        QTRY_VERIFY(matrix->isVisible());
        QVERIFY(matrix->isWindow());
        matrix->close();

        // "Probe all methods" in a tab's diagnosis: the matrix on that URL, probing at once.
        ui::RequestTab *tab = w.newTab();
        const QString url = m_demo->url(QStringLiteral("/static/page.html"));
        tab->editor()->setUrl(url);
        QSignalSpy finished(matrix, &MatrixView::finished);
        auto *probeAll = child<QPushButton>(tab, "probeAll");
        QVERIFY(probeAll->isEnabled());
        probeAll->click();
        QCOMPARE(w.findChildren<MatrixView *>().size(), 1);
        QCOMPARE(matrix->urls(), QStringList { url });
        QVERIFY(matrix->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        const QModelIndex options = cellOf(matrix->model(), 0, "OPTIONS");
        QCOMPARE(options.data(MatrixModel::StatusRole).toInt(), 405);

        // A cell opened in a tab: its request in the editor, its answer and diagnosis shown.
        const int tabs = w.tabCount();
        child<QTableView>(matrix, "matrixTable")->setCurrentIndex(options);
        QTest::mouseClick(child<QPushButton>(matrix, "matrixOpenInTab"), Qt::LeftButton);
        QCOMPARE(w.tabCount(), tabs + 1);
        ui::RequestTab *opened = w.currentTab();
        QCOMPARE(opened->editor()->method(), QStringLiteral("OPTIONS"));
        QCOMPARE(opened->editor()->url(), url);
        QVERIFY(child<QLabel>(opened->response(), "statusBadge")->text().startsWith(QLatin1String("405")));
    }

private:
    demo::DemoServer *m_demo = nullptr;
    std::unique_ptr<AppServices> m_services;
};

QTEST_MAIN(tst_MatrixView)
#include "tst_matrixview.moc"
