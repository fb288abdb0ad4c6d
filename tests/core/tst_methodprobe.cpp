// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/MethodProbe.h"
#include "core/diagnosis/ProbeReport.h"
#include "core/http/Engine.h"
#include "tests/support/FakeServer.h"
#include "tests/support/ServerFixtures.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace verbscope::diagnosis;
using namespace verbscope::http;
using namespace verbscope::test;

namespace {
QList<ServerProbe> probe(const QStringList &urls, MethodProbe::Options options = {})
{
    options.base.options.transport = TransportKind::Wire;
    options.base.options.useEnvironmentProxy = false;
    options.base.options.idleTimeoutMs = 5000;
    Engine engine;
    MethodProbe p(&engine);
    QSignalSpy done(&p, &MethodProbe::finished);
    p.start(urls, options);
    if (!p.isFinished())
        done.wait(30000);
    return p.servers();
}

const ProbeCell *cell(const ServerProbe &s, const QByteArray &method)
{
    for (const ProbeCell &c : s.cells)
        if (c.method == method)
            return &c;
    return nullptr;
}

FakeResponse resp(int status, const QByteArray &reason, const QList<QPair<QByteArray, QByteArray>> &h = {},
    const QByteArray &body = {})
{
    return FakeResponse::http(status, reason, h, body);
}

int curlStatus(const QByteArray &method, const QString &url)
{
    QProcess curl;
    curl.start(QStringLiteral("curl"),
        { QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
            QStringLiteral("%{http_code}"), QStringLiteral("-X"), QString::fromLatin1(method),
            QStringLiteral("--max-time"), QStringLiteral("10"), url });
    curl.waitForFinished(15000);
    return curl.readAllStandardOutput().toInt();
}
} // namespace

class tst_MethodProbe final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void methodList()
    {
        QStringList errors;
        QCOMPARE(
            MethodProbe::parseMethodList(QStringLiteral("GET,PUT"), &errors), (QList<QByteArray> { "GET", "PUT" }));
        const QList<QByteArray> extended = MethodProbe::parseMethodList(QStringLiteral("+LIST,PURGE"), &errors);
        QVERIFY(errors.isEmpty());
        QCOMPARE(extended.size(), MethodProbe::defaultMethods().size() + 2);
        QCOMPARE(extended.last(), QByteArray("PURGE"));
        MethodProbe::parseMethodList(QStringLiteral("GET,BA D"), &errors);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(
            errors.first().contains(QLatin1String("entry 2")) && errors.first().contains(QLatin1String("character 3")),
            qPrintable(errors.first()));
    }

    void defaultSetIsTheDocumentedOne()
    {
        const QList<QByteArray> m = MethodProbe::defaultMethods();
        for (const char *x : { "GET", "HEAD", "OPTIONS", "TRACE", "POST", "PUT", "PATCH", "DELETE", "QUERY", "PROPFIND",
                 "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "get" })
            QVERIFY2(m.contains(QByteArray(x)), x);
        QVERIFY(m.contains(MethodProbe::unknownToken()));
    }

    // The fake server records every request: no unsafe verb may reach the real path by default.
    void unsafeVerbsNeverReachTheRealPath()
    {
        FakeServer server([](const FakeRequest &) { return resp(200, "OK"); });
        const QList<ServerProbe> result = probe({ server.url(QStringLiteral("/api/items/1")) });
        QCOMPARE(result.size(), 1);
        int real = 0;
        for (const FakeRequest &r : server.requests()) {
            const bool onProbePath = r.target.contains("/.verbscope-probe-");
            if (!onProbePath) {
                ++real;
                QVERIFY2(Diagnoser::isSafeMethod(r.method), r.head.constData());
                QCOMPARE(r.target, QByteArray("/api/items/1"));
            } else {
                QVERIFY(r.target.startsWith("/api/items/1/.verbscope-probe-"));
                QVERIFY(r.target.endsWith("/x"));
            }
        }
        QVERIFY(real >= 5); // GET HEAD OPTIONS TRACE QUERY PROPFIND
        for (const ProbeCell &c : result.first().cells)
            QCOMPARE(c.probePath, !Diagnoser::isSafeMethod(c.method));
    }

    void unsafeModeUsesTheRealPath()
    {
        FakeServer server([](const FakeRequest &) { return resp(200, "OK"); });
        MethodProbe::Options options;
        options.unsafe = true;
        probe({ server.url(QStringLiteral("/x")) }, options);
        for (const FakeRequest &r : server.requests())
            QCOMPARE(r.target, QByteArray("/x"));
        QCOMPARE(server.requests().size(), MethodProbe::defaultMethods().size());
    }

    void concurrencyIsBoundedPerHost_data()
    {
        QTest::addColumn<int>("perHost");
        QTest::newRow("1") << 1;
        QTest::newRow("4") << 4;
    }
    void concurrencyIsBoundedPerHost()
    {
        QFETCH(int, perHost);
        FakeServer server([](const FakeRequest &) {
            FakeResponse r = resp(200, "OK");
            r.chunks.first().delayMs = 20; // keep requests in flight long enough to overlap
            return r;
        });
        MethodProbe::Options options;
        options.perHost = perHost;
        probe({ server.url() }, options);
        QVERIFY2(server.connectionCount() <= perHost, qPrintable(QString::number(server.connectionCount())));
        QVERIFY(server.connectionCount() >= 1);
    }

    void unknownVerbTreatment_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<QString>("expected");
        QTest::newRow("501") << QStringLiteral("501") << QStringLiteral("501");
        QTest::newRow("405") << QStringLiteral("405") << QStringLiteral("405");
        QTest::newRow("400") << QStringLiteral("400") << QStringLiteral("400");
        QTest::newRow("ignored") << QStringLiteral("ignore") << QStringLiteral("ignored-200");
    }
    void unknownVerbTreatment()
    {
        QFETCH(QString, behaviour);
        QFETCH(QString, expected);
        FakeServer server([behaviour](const FakeRequest &r) {
            const bool known = r.method == "GET" || r.method == "HEAD";
            if (known || behaviour == QLatin1String("ignore"))
                return resp(200, "OK", { { "Content-Type", "text/plain" } }, "same page");
            if (behaviour == QLatin1String("501"))
                return resp(501, "Not Implemented");
            if (behaviour == QLatin1String("405"))
                return resp(405, "Method Not Allowed", { { "Allow", "GET, HEAD" } });
            return resp(400, "Bad Request");
        });
        const QList<ServerProbe> result = probe({ server.url() });
        QCOMPARE(result.first().summary.unknownVerb, expected);
        if (behaviour == QLatin1String("ignore"))
            QCOMPARE(cell(result.first(), MethodProbe::unknownToken())->classification.verdict, Verdict::Ignored);
    }

    void specFindings()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.method == "GET")
                return resp(501, "Not Implemented");
            if (r.method == "PUT")
                return resp(405, "Method Not Allowed");
            if (r.method == "OPTIONS")
                return resp(200, "OK", { { "Allow", "GET, HEAD, OPTIONS, PATCH" } });
            return resp(405, "Method Not Allowed", { { "Allow", "GET, HEAD" } });
        });
        MethodProbe::Options options;
        options.unsafe = true;
        const ServerSummary s = probe({ server.url() }, options).first().summary;
        QStringList ids;
        for (const Finding &f : s.findings)
            ids << f.id;
        QVERIFY2(ids.contains(QStringLiteral("allow-missing")), qPrintable(ids.join(QLatin1Char(','))));
        QVERIFY(ids.contains(QStringLiteral("get-head-not-implemented")));
        QVERIFY(ids.contains(QStringLiteral("allow-inconsistent")));
        QVERIFY(s.refused.contains("GET"));
    }

    // Every cell must match what curl sees for the same method and target.
    void realServersMatchCurl()
    {
        NginxFixture nginx;
        VERBSCOPE_START_FIXTURE(nginx);
        PythonHttpFixture python;
        VERBSCOPE_START_FIXTURE(python);
        const QList<ServerProbe> result
            = probe({ nginx.url(QStringLiteral("/index.html")), python.url(QStringLiteral("/index.html")) });
        QCOMPARE(result.size(), 2);
        for (const ServerProbe &s : result) {
            for (const ProbeCell &c : s.cells) {
                QVERIFY2(c.exchange.response.received, qPrintable(c.exchange.error.message));
                QCOMPARE(c.exchange.response.head.status, curlStatus(c.method, c.target));
            }
        }
        const ServerProbe &n = result.at(0);
        QVERIFY(n.summary.server.startsWith(QLatin1String("nginx")));
        QCOMPARE(cell(n, "GET")->exchange.response.head.status, 200);
        QCOMPARE(cell(n, "get")->exchange.response.head.status, 400);
        const ServerProbe &py = result.at(1);
        QCOMPARE(py.summary.unknownVerb, QStringLiteral("501"));
        QCOMPARE(cell(py, "PROPFIND")->exchange.response.head.reason, QByteArray("Unsupported method ('PROPFIND')"));
        QCOMPARE(cell(py, "GET")->exchange.response.head.httpVersion, QStringLiteral("1.0"));
        QVERIFY(py.summary.supported.contains("GET"));
    }

    void throughTheProxy()
    {
        PythonHttpFixture python;
        VERBSCOPE_START_FIXTURE(python);
        ProxyFixture proxy;
        VERBSCOPE_START_FIXTURE(proxy);
        MethodProbe::Options options;
        options.methods = { "GET", "PROPFIND" };
        options.base.options.proxy = proxy.url().chopped(1);
        const QList<ServerProbe> result = probe({ python.url() }, options);
        QVERIFY(result.first().summary.via.join(QLatin1Char(' ')).contains(QLatin1String(ProxyFixture::ViaName)));
        QCOMPARE(cell(result.first(), "PROPFIND")->exchange.response.head.status, 501);
        QCOMPARE(cell(result.first(), "PROPFIND")->classification.answeredBy, Party::Origin);
    }

    void cliJsonAndUnsafeConfirmation()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.method == "GET" || r.method == "HEAD")
                return resp(200, "OK");
            return resp(405, "Method Not Allowed", { { "Allow", "GET, HEAD" } });
        });
        QProcess p;
        p.start(qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("probe"), QStringLiteral("--json"), QStringLiteral("--methods"),
                QStringLiteral("GET,PUT,FOO"), server.url() });
        QDeadlineTimer deadline(20000);
        while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(5);
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject doc = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("verbscope.probe/1"));
        const QJsonObject s = doc.value(QStringLiteral("servers")).toArray().first().toObject();
        QCOMPARE(s.value(QStringLiteral("url")).toString(), server.url());
        const QJsonArray results = s.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 3);
        const QJsonObject put = results.at(1).toObject();
        QCOMPARE(put.value(QStringLiteral("method")).toString(), QStringLiteral("PUT"));
        QCOMPARE(put.value(QStringLiteral("status")).toInt(), 405);
        QCOMPARE(put.value(QStringLiteral("verdict")).toString(), QStringLiteral("not-allowed"));
        QCOMPARE(put.value(QStringLiteral("allow")).toString(), QStringLiteral("GET, HEAD"));
        QVERIFY(put.value(QStringLiteral("target")).toString().contains(QLatin1String(".verbscope-probe-")));
        for (const char *key : { "method", "target", "status", "reason", "verdict", "allow", "answeredBy", "ms" })
            QVERIFY2(put.contains(QLatin1String(key)), key);
        QCOMPARE(s.value(QStringLiteral("summary")).toObject().value(QStringLiteral("unknownVerb")).toString(),
            QStringLiteral("405"));

        // --unsafe without --yes asks; an empty answer sends nothing.
        const int before = server.requests().size();
        QProcess unsafe;
        unsafe.start(qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("probe"), QStringLiteral("--unsafe"), server.url() });
        unsafe.closeWriteChannel();
        QDeadlineTimer d2(20000);
        while (unsafe.state() != QProcess::NotRunning && !d2.hasExpired())
            QTest::qWait(5);
        QCOMPARE(unsafe.exitCode(), 2);
        QVERIFY(unsafe.readAllStandardError().contains("Continue?"));
        QCOMPARE(server.requests().size(), before);
    }

    void outputsHaveEveryCell()
    {
        FakeServer server([](const FakeRequest &) { return resp(405, "Method Not Allowed", { { "Allow", "GET" } }); });
        MethodProbe::Options options;
        options.methods = { "GET", "PATCH" };
        const QList<ServerProbe> result = probe({ server.url(), server.url(QStringLiteral("/b")) }, options);
        const QByteArray csv = verbscope::diagnosis::ProbeReport::toCsv(result);
        QCOMPARE(csv.count('\n'), 1 + 4);
        QVERIFY(csv.startsWith("url,method,target,status,reason,verdict,allow,answeredBy,ms\n"));
        const QByteArray md = verbscope::diagnosis::ProbeReport::toMarkdown(result);
        QVERIFY(md.contains("| `PATCH` |"));
        QVERIFY(md.contains("405 Method Not Allowed *"));
        const QByteArray text = verbscope::diagnosis::ProbeReport::toText(result, false);
        QVERIFY(text.contains("unknown verb: not probed"));
    }

    // A bare CR or an ESC in a reason phrase: the matrix shows the notation, CSV quotes the field.
    void controlBytesInOutputs()
    {
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::bytes("HTTP/1.1 405 No\r\r\x1b[2J\r\nContent-Length: 0\r\n\r\n");
        });
        MethodProbe::Options options;
        options.methods = { "GET" };
        const QList<ServerProbe> result = probe({ server.url() }, options);
        const QByteArray text = verbscope::diagnosis::ProbeReport::toText(result, false);
        QVERIFY2(text.contains("405 No\\r\\r\\x1b[2J"), text.constData());
        QVERIFY(!text.contains('\x1b') && !text.contains('\r'));
        const QByteArray csv = verbscope::diagnosis::ProbeReport::toCsv(result);
        QVERIFY2(csv.contains(",\"No\r\r\x1b[2J\","), csv.constData()); // data: as received, but quoted
    }
};

QTEST_GUILESS_MAIN(tst_MethodProbe)
#include "tst_methodprobe.moc"
