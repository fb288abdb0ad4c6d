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
#include <QMap>
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

MethodProbe::Options guardedOptions(const QList<QByteArray> &methods = MethodProbe::defaultMethods())
{
    MethodProbe::Options options;
    options.mode = ProbeMode::Guarded;
    options.methods = methods;
    return options;
}

QByteArray headerOf(const FakeRequest &r, const QByteArray &name)
{
    for (const QByteArray &line : r.head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// A static server behind try_files: every method on a missing path is a 404, so the safe mode's
// probe path cannot tell anything apart (issue 17: "13 supported" for nginx).
QString tryFilesConfig()
{
    return QStringLiteral("location / { try_files $uri =404; }");
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
        options.mode = ProbeMode::Unsafe;
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
        options.mode = ProbeMode::Unsafe;
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

    // Issue 17: nginx answers 404 on the random child path for every method; that is not support.
    void safeModeNeverClaimsSupportFromTheProbePath()
    {
        NginxFixture nginx(tryFilesConfig());
        VERBSCOPE_START_FIXTURE(nginx);
        const ServerProbe s = probe({ nginx.url(QStringLiteral("/index.html")) }).first();
        for (const char *m : { "POST", "PUT", "PATCH", "DELETE", "MKCOL", "LOCK", "VERBSCOPEPROBE" }) {
            const ProbeCell *c = cell(s, m);
            QVERIFY2(c && c->probePath, m);
            QCOMPARE(c->exchange.response.head.status, 404);
            QCOMPARE(c->mode, ProbeMode::Safe);
            QCOMPARE(c->support, Support::Inconclusive);
            QVERIFY2(c->evidence.startsWith(QLatin1String("404 on a random child path in safe mode")), m);
            QVERIFY(c->evidence.contains(QLatin1String("a guarded probe would decide")));
            QVERIFY(s.summary.inconclusive.contains(m));
        }
        QCOMPARE(s.summary.supported, (QList<QByteArray> { "GET", "HEAD" }));
        QCOMPARE(cell(s, "GET")->evidence, QStringLiteral("200 on the URL"));
        QCOMPARE(cell(s, "OPTIONS")->support, Support::Refused);
        QCOMPARE(cell(s, "OPTIONS")->evidence, QStringLiteral("405 on the URL"));
        const QByteArray text = ProbeReport::toText({ s }, false);
        QVERIFY2(text.contains("    supported: GET, HEAD\n"), text.constData());
        QVERIFY(text.contains("404 on a random child path in safe mode: the path does not exist"));
        QVERIFY(text.contains("404 Not Found ? *"));
    }

    // The same nginx in guarded mode: the real URL refuses the methods (405), each sent once.
    void guardedModeOnNginxRefusesOnTheRealUrl()
    {
        NginxFixture nginx(tryFilesConfig());
        VERBSCOPE_START_FIXTURE(nginx);
        const QString url = nginx.url(QStringLiteral("/index.html"));
        const ServerProbe s = probe({ url }, guardedOptions()).first();
        for (const char *m : { "POST", "PUT", "PATCH", "DELETE", "MKCOL", "LOCK", "VERBSCOPEPROBE" }) {
            const ProbeCell *c = cell(s, m);
            QVERIFY2(c && !c->probePath, m);
            QCOMPARE(c->target, url);
            QCOMPARE(c->mode, ProbeMode::Guarded);
            QVERIFY2(c->exchange.response.received, qPrintable(c->exchange.error.message));
            QCOMPARE(c->exchange.response.head.status, 405);
            QCOMPARE(c->support, Support::Refused);
            QCOMPARE(c->evidence, QStringLiteral("405 on the URL"));
        }
        QCOMPARE(cell(s, "GET")->mode, ProbeMode::Safe);
        QCOMPARE(s.summary.supported, (QList<QByteArray> { "GET", "HEAD" }));
        // nginx's 400 to "get" is about the verb, but a 400 to a bodiless request may be about the body.
        QCOMPARE(s.summary.inconclusive, QList<QByteArray> { "get" });
        QVERIFY(cell(s, "get")->evidence.startsWith(QLatin1String("400 to a guarded request")));
        QCOMPARE(s.summary.unknownVerb, QStringLiteral("405"));
        // nginx's GET honours If-Match: the baseline that keeps a 412 from counting as support.
        QCOMPARE(s.guardBaseline.exchange.response.head.status, 412);
    }

    // What a guarded request puts on the wire: the real URL, a random If-Match, Content-Length: 0,
    // no body, whatever the user's own headers and body were; and every method exactly once.
    void guardedRequestBytes()
    {
        FakeServer server([](const FakeRequest &) { return resp(405, "Method Not Allowed", { { "Allow", "GET" } }); });
        MethodProbe::Options options = guardedOptions({ "GET", "PUT", "DELETE", "VERBSCOPEPROBE" });
        options.base.headers.append(Header { "If-Match", "*" });
        options.base.headers.append(Header { "X-Kept", "1" });
        options.base.hasBody = true;
        options.base.body = "payload that must not be sent";
        const QString url = server.url(QStringLiteral("/items/1"));
        const ServerProbe s = probe({ url }, options).first();
        QMap<QByteArray, int> sent;
        QByteArray tag;
        for (const FakeRequest &r : server.requests()) {
            QCOMPARE(r.target, QByteArray("/items/1"));
            const bool guard = headerOf(r, "If-Match").startsWith("\"verbscope-guard-");
            sent[r.method + (guard ? " guarded" : "")] += 1;
            if (r.method == "GET" && !guard)
                continue;
            QVERIFY2(guard, r.head.constData());
            QCOMPARE(r.head.count("If-Match:"), 1); // the user's "*" is gone
            QVERIFY(headerOf(r, "If-Match").startsWith("\"verbscope-guard-"));
            QVERIFY(headerOf(r, "If-Match").endsWith('"'));
            QVERIFY(headerOf(r, "If-Match").size() > 20);
            tag = tag.isEmpty() ? headerOf(r, "If-Match") : tag;
            QCOMPARE(headerOf(r, "If-Match"), tag);
            QCOMPARE(headerOf(r, "X-Kept"), QByteArray("1"));
            if (r.method != "GET")
                QCOMPARE(headerOf(r, "Content-Length"), QByteArray("0"));
            QVERIFY(r.body.isEmpty());
            QVERIFY2(r.raw.endsWith("\r\n\r\n"), r.raw.constData());
        }
        const QMap<QByteArray, int> once { { "GET", 1 }, { "GET guarded", 1 }, { "PUT guarded", 1 },
            { "DELETE guarded", 1 }, { "VERBSCOPEPROBE guarded", 1 } };
        QCOMPARE(sent, once);
        QCOMPARE(cell(s, "PUT")->guardTag, tag);
        QCOMPARE(s.summary.refused, (QList<QByteArray> { "GET", "PUT", "DELETE", "VERBSCOPEPROBE" }));

        // The next run draws a new entity tag.
        FakeServer again([](const FakeRequest &) { return resp(405, "Method Not Allowed", { { "Allow", "GET" } }); });
        probe({ again.url() }, guardedOptions({ "PUT" }));
        QCOMPARE(again.requests().size(), 2);
        QVERIFY(headerOf(again.requests().constLast(), "If-Match") != tag);
    }

    // How the answers to guarded requests weigh: a handler that honours If-Match proves support
    // with 412; one that ignores it proves support too, with a warning; a 412 like GET's proves nothing.
    void guardedEvidence_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("support");
        QTest::addColumn<QString>("evidence");
        QTest::addColumn<bool>("flagged");
        QTest::newRow("honours If-Match") << QStringLiteral("honour") << 412 << QStringLiteral("supported")
                                          << QStringLiteral("412 to a guarded request") << false;
        QTest::newRow("ignores it, 204") << QStringLiteral("ignore-204") << 204 << QStringLiteral("supported")
                                         << QStringLiteral("204 to a guarded request: the server ignored") << true;
        QTest::newRow("ignores it, 200") << QStringLiteral("ignore-200") << 200 << QStringLiteral("supported")
                                         << QStringLiteral("200 to a guarded request: the server ignored") << true;
        QTest::newRow("409 from its checks") << QStringLiteral("409") << 409 << QStringLiteral("supported")
                                             << QStringLiteral("409 to a guarded request: the handler ran") << false;
        QTest::newRow("412 like GET's") << QStringLiteral("412-everywhere") << 412 << QStringLiteral("inconclusive")
                                        << QStringLiteral("412 exactly like a GET with the same If-Match") << false;
        QTest::newRow("answered like GET") << QStringLiteral("like-get") << 200 << QStringLiteral("inconclusive")
                                           << QStringLiteral("200 exactly like GET") << false;
        QTest::newRow("404, listed by OPTIONS") << QStringLiteral("404-listed") << 404 << QStringLiteral("supported")
                                                << QStringLiteral("listed by OPTIONS on the URL") << false;
        QTest::newRow("400 to the empty body")
            << QStringLiteral("400") << 400 << QStringLiteral("inconclusive")
            << QStringLiteral("400 to a guarded request: the server rejected it") << false;
        QTest::newRow("403") << QStringLiteral("403") << 403 << QStringLiteral("inconclusive")
                             << QStringLiteral("403 on the URL") << false;
    }
    void guardedEvidence()
    {
        QFETCH(QString, behaviour);
        QFETCH(int, status);
        QFETCH(QString, support);
        QFETCH(QString, evidence);
        QFETCH(bool, flagged);
        FakeServer server([behaviour](const FakeRequest &r) {
            const QByteArray ifMatch = headerOf(r, "If-Match");
            const QList<QPair<QByteArray, QByteArray>> text { { "Content-Type", "text/plain" } };
            if (r.method == "OPTIONS")
                return resp(200, "OK",
                    { { "Allow",
                        behaviour == QLatin1String("404-listed") ? "GET, HEAD, OPTIONS, PUT" : "GET, OPTIONS" } });
            if (r.method == "GET" && (ifMatch.isEmpty() || behaviour != QLatin1String("412-everywhere")))
                return resp(200, "OK", text, "the page");
            if (behaviour == QLatin1String("honour") || behaviour == QLatin1String("412-everywhere"))
                return ifMatch == "\"current\"" ? resp(204, "No Content")
                                                : resp(412, "Precondition Failed", text, "no");
            if (behaviour == QLatin1String("ignore-204"))
                return resp(204, "No Content");
            if (behaviour == QLatin1String("ignore-200"))
                return resp(200, "OK", text, "stored");
            if (behaviour == QLatin1String("like-get"))
                return resp(200, "OK", text, "the page");
            if (behaviour == QLatin1String("409"))
                return resp(409, "Conflict");
            if (behaviour == QLatin1String("403"))
                return resp(403, "Forbidden");
            if (behaviour == QLatin1String("400"))
                return resp(400, "Bad Request", text, "expected a JSON body");
            return resp(404, "Not Found");
        });
        const ServerProbe s
            = probe({ server.url(QStringLiteral("/doc")) }, guardedOptions({ "GET", "OPTIONS", "PUT" })).first();
        const ProbeCell *put = cell(s, "PUT");
        QCOMPARE(put->exchange.response.head.status, status);
        QCOMPARE(put->mode, ProbeMode::Guarded);
        QCOMPARE(supportId(put->support), support);
        QVERIFY2(put->evidence.startsWith(evidence), qPrintable(put->evidence));
        QCOMPARE(put->guardIgnored, flagged);
        QCOMPARE(s.summary.supported.contains("PUT"), support == QLatin1String("supported"));
        QCOMPARE(s.summary.guardIgnored.contains("PUT"), flagged);
        bool warned = false;
        for (const Finding &f : s.summary.findings)
            warned
                = warned || (f.id == QLatin1String("precondition-ignored") && f.detail.contains(QLatin1String("PUT")));
        QCOMPARE(warned, flagged);
        QCOMPARE(ProbeReport::cellText(*put).endsWith(QLatin1String(" !")), flagged);
        QCOMPARE(ProbeReport::cellText(*put).endsWith(QLatin1String(" ?")), support == QLatin1String("inconclusive"));
    }

    // Over the Qt transport, an answer Qt could not frame proves nothing: its 200 is not "supported".
    void qtUnframedCellIsInconclusive()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.method == "GET")
                return FakeResponse::bytes(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunkedchunked\r\n\r\n0\r\n\r\n", true);
            return resp(405, "Method Not Allowed", { { "Allow", "OPTIONS" } });
        });
        MethodProbe::Options options;
        options.methods = { "GET", "OPTIONS" };
        options.base.options.transport = TransportKind::Qt; // probe() would choose the wire transport
        options.base.options.useEnvironmentProxy = false;
        options.base.options.idleTimeoutMs = 5000;
        Engine engine;
        MethodProbe p(&engine);
        QSignalSpy done(&p, &MethodProbe::finished);
        p.start({ server.url(QStringLiteral("/x")) }, options);
        QVERIFY(p.isFinished() || done.wait(30000));
        const ServerProbe s = p.servers().first();
        const ProbeCell *get = cell(s, "GET");
        QCOMPARE(get->exchange.fidelity, Fidelity::Qt);
        QCOMPARE(get->exchange.response.head.status, 200);
        QCOMPARE(supportId(get->support), QStringLiteral("inconclusive"));
        QVERIFY2(get->evidence.contains(QLatin1String("could not frame the answer"))
                && get->evidence.contains(QLatin1String("chunkedchunked")),
            qPrintable(get->evidence));
        QVERIFY(!s.summary.supported.contains("GET"));
    }

    // Every format says how each cell was sent, what it proves and why an inconclusive one is.
    void reportsCarryModeAndEvidence()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.method == "GET")
                return resp(
                    200, "OK", { { "Content-Type", "text/plain" } }, r.target.contains("probe") ? "no" : "page");
            return resp(404, "Not Found");
        });
        MethodProbe::Options options;
        options.methods = { "GET", "PUT" };
        const QList<ServerProbe> result = probe({ server.url(QStringLiteral("/a")) }, options);
        const QString reason = cell(result.first(), "PUT")->evidence;
        QVERIFY(reason.startsWith(QLatin1String("404 on a random child path in safe mode")));

        const QList<QByteArray> csv = ProbeReport::toCsv(result).trimmed().split('\n');
        QCOMPARE(
            csv.at(0), QByteArray("url,method,target,status,reason,verdict,allow,answeredBy,ms,mode,support,evidence"));
        QVERIFY2(csv.at(1).endsWith(",safe,supported,200 on the URL"), csv.at(1).constData());
        QVERIFY2(csv.at(2).endsWith(QByteArray(",safe,inconclusive,\"" + reason.toUtf8().replace('"', "\"\"") + '"')),
            csv.at(2).constData());

        const QJsonObject doc = QJsonDocument::fromJson(ProbeReport::toJson(result)).object();
        const QJsonObject server0 = doc.value(QStringLiteral("servers")).toArray().first().toObject();
        QCOMPARE(server0.value(QStringLiteral("mode")).toString(), QStringLiteral("safe"));
        const QJsonObject put = server0.value(QStringLiteral("results")).toArray().at(1).toObject();
        QCOMPARE(put.value(QStringLiteral("mode")).toString(), QStringLiteral("safe"));
        QCOMPARE(put.value(QStringLiteral("support")).toString(), QStringLiteral("inconclusive"));
        QCOMPARE(put.value(QStringLiteral("evidence")).toString(), reason);
        QCOMPARE(put.value(QStringLiteral("guardIgnored")).toBool(), false);
        const QJsonObject summary = server0.value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("supported")).toArray(), QJsonArray { QStringLiteral("GET") });
        QCOMPARE(summary.value(QStringLiteral("inconclusive")).toArray(), QJsonArray { QStringLiteral("PUT") });

        const QByteArray md = ProbeReport::toMarkdown(result);
        QVERIFY2(md.contains("| `PUT` | 404 Not Found ? * |"), md.constData());
        QVERIFY(md.contains("mode: safe; supported: GET\n"));
        QVERIFY(md.contains(QByteArray("- inconclusive PUT: " + reason.toUtf8())));
        QVERIFY(md.contains("- `?` = inconclusive"));

        const QByteArray text = ProbeReport::toText(result, false);
        QVERIFY(text.contains("    mode: safe"));
        QVERIFY(text.contains(QByteArray("    inconclusive: PUT\n      PUT: " + reason.toUtf8())));
    }

    void cliModes()
    {
        FakeServer server([](const FakeRequest &) { return resp(405, "Method Not Allowed", { { "Allow", "GET" } }); });
        const auto run = [](const QStringList &args, QByteArray *err) {
            QProcess p;
            p.start(qEnvironmentVariable("VERBSCOPE_CLI"), QStringList { QStringLiteral("probe") } + args);
            p.closeWriteChannel();
            QDeadlineTimer deadline(20000);
            while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
                QTest::qWait(5);
            *err = p.readAllStandardError();
            return p.exitCode();
        };
        QByteArray err;
        // Guarded without --yes asks, naming methods, URLs and the risk; no answer sends nothing.
        QCOMPARE(run({ QStringLiteral("--guarded"), QStringLiteral("--methods"), QStringLiteral("GET,PUT,DELETE"),
                         server.url(QStringLiteral("/x")) },
                     &err),
            2);
        QVERIFY2(
            err.contains(QByteArray("--guarded sends PUT, DELETE to:\n  " + server.url(QStringLiteral("/x")).toUtf8())),
            err.constData());
        QVERIFY(err.contains("If-Match"));
        QVERIFY(err.contains("An application that ignores If-Match would perform the method"));
        QVERIFY(err.contains("Continue? [y/N]"));
        QCOMPARE(server.requests().size(), 0);
        QCOMPARE(run({ QStringLiteral("--mode"), QStringLiteral("careful"), server.url() }, &err), 2);
        QVERIFY2(err.contains("--mode \"careful\": expected safe, guarded or unsafe"), err.constData());
        QCOMPARE(run({ QStringLiteral("--guarded"), QStringLiteral("--unsafe"), server.url() }, &err), 2);
        QVERIFY(err.contains("disagree"));
        QCOMPARE(server.requests().size(), 0);
        // --mode guarded --yes sends; the JSON records each cell's mode.
        QProcess p;
        p.start(qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("probe"), QStringLiteral("--no-history"), QStringLiteral("--mode"),
                QStringLiteral("guarded"), QStringLiteral("--yes"), QStringLiteral("--json"),
                QStringLiteral("--methods"), QStringLiteral("GET,PUT"), server.url() });
        QDeadlineTimer deadline(20000);
        while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(5);
        QCOMPARE(p.exitCode(), 0);
        const QJsonArray results = QJsonDocument::fromJson(p.readAllStandardOutput())
                                       .object()
                                       .value(QStringLiteral("servers"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("results"))
                                       .toArray();
        QCOMPARE(results.at(0).toObject().value(QStringLiteral("mode")).toString(), QStringLiteral("safe"));
        QCOMPARE(results.at(1).toObject().value(QStringLiteral("mode")).toString(), QStringLiteral("guarded"));
        QCOMPARE(results.at(1).toObject().value(QStringLiteral("support")).toString(), QStringLiteral("refused"));
    }

    void outputsHaveEveryCell()
    {
        FakeServer server([](const FakeRequest &) { return resp(405, "Method Not Allowed", { { "Allow", "GET" } }); });
        MethodProbe::Options options;
        options.methods = { "GET", "PATCH" };
        const QList<ServerProbe> result = probe({ server.url(), server.url(QStringLiteral("/b")) }, options);
        const QByteArray csv = verbscope::diagnosis::ProbeReport::toCsv(result);
        QCOMPARE(csv.count('\n'), 1 + 4);
        QVERIFY(csv.startsWith("url,method,target,status,reason,verdict,allow,answeredBy,ms,mode,support,evidence\n"));
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
