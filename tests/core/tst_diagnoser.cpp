// SPDX-License-Identifier: GPL-3.0-or-later
// Every diagnosis rule, table-driven, against scripted servers through the real engine and checks.
#include "core/diagnosis/ActiveChecks.h"
#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/Knowledge.h"
#include "core/http/Engine.h"
#include "core/http/QtFraming.h"
#include "tests/support/FakeServer.h"

#include <QSignalSpy>
#include <QTest>

using namespace verbscope::diagnosis;
using namespace verbscope::http;
using namespace verbscope::test;

namespace {
using Headers = QList<QPair<QByteArray, QByteArray>>;

FakeResponse resp(int status, const QByteArray &reason, const Headers &headers = {}, const QByteArray &body = {})
{
    return FakeResponse::http(status, reason, headers, body);
}

bool isProbePath(const FakeRequest &r)
{
    return r.target.contains(".verbscope-check-");
}

// Servers for each scenario: the responder decides from method and target.
FakeServer::Responder scenarioServer(const QString &name)
{
    if (name == QLatin1String("405-allow"))
        return [](const FakeRequest &r) {
            if (isProbePath(r))
                return resp(404, "Not Found");
            if (r.method == "GET" || r.method == "PUT")
                return resp(200, "OK", {}, "item");
            if (r.method == "OPTIONS")
                return resp(204, "No Content", { { "Allow", "GET, HEAD, PUT, OPTIONS" } });
            return resp(405, "Method Not Allowed", { { "Allow", "GET, HEAD, PUT, OPTIONS" } });
        };
    if (name == QLatin1String("nginx-405"))
        return [](const FakeRequest &r) {
            if (r.method == "GET")
                return resp(200, "OK", { { "Server", "nginx/1.22.1" } }, "page");
            return resp(405, "Not Allowed", { { "Server", "nginx/1.22.1" }, { "Content-Type", "text/html" } },
                "<html>\r\n<head><title>405 Not Allowed</title></head>\r\n<body>\r\n<center><h1>405 Not "
                "Allowed</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n");
        };
    if (name == QLatin1String("bare-cr"))
        return [](const FakeRequest &) {
            return FakeResponse::bytes(
                QByteArray("HTTP/1.1 405 No\r\rContent-Length: 4\r\nAllow: GET\r\nX-N: a\0b\r\n\r\n", 60), true);
        };
    if (name == QLatin1String("405-empty-allow"))
        return [](const FakeRequest &) { return resp(405, "Method Not Allowed", { { "Allow", "" } }); };
    if (name == QLatin1String("405-inconsistent"))
        return [](const FakeRequest &r) {
            if (r.method == "OPTIONS")
                return resp(200, "OK", { { "Allow", "GET, HEAD, PATCH, OPTIONS" } });
            return resp(405, "Method Not Allowed", { { "Allow", "GET, HEAD" } });
        };
    if (name == QLatin1String("405-lists-method"))
        return [](const FakeRequest &) { return resp(405, "Method Not Allowed", { { "Allow", "GET, PATCH" } }); };
    if (name == QLatin1String("501-server-wide"))
        return [](const FakeRequest &r) {
            if (r.method == "GET")
                return resp(200, "OK");
            return resp(501, "Not Implemented");
        };
    if (name == QLatin1String("501-stub"))
        return [](const FakeRequest &r) {
            if (isProbePath(r))
                return resp(404, "Not Found");
            if (r.method == "GET")
                return resp(200, "OK");
            return resp(501, "Not Implemented");
        };
    if (name == QLatin1String("501-to-get"))
        return [](const FakeRequest &) { return resp(501, "Not Implemented", { { "Cache-Control", "no-store" } }); };
    if (name == QLatin1String("proxy-501"))
        return [](const FakeRequest &r) {
            if (r.method == "OPTIONS")
                return resp(200, "OK",
                    { { "Allow", "GET, HEAD, OPTIONS, PROPFIND" }, { "Server", "Apache/2.4.62" },
                        { "Via", "1.1 cache1 (squid/5.7)" } });
            return resp(501, "Not Implemented",
                { { "Server", "squid/5.7" }, { "X-Squid-Error", "ERR_UNSUP_REQ 0" },
                    { "Via", "1.1 cache1 (squid/5.7)" } },
                "<p>Unsupported Request Method and Protocol</p>");
        };
    if (name == QLatin1String("lower-case-400"))
        return [](const FakeRequest &r) {
            if (r.method == "GET")
                return resp(200, "OK", {}, "fine");
            return resp(400, "Bad Request");
        };
    if (name == QLatin1String("typo-501"))
        return [](const FakeRequest &r) {
            if (r.method == "GET")
                return resp(200, "OK");
            return resp(501, "Not Implemented", { { "Allow", "GET, HEAD, POST" } });
        };
    if (name == QLatin1String("forbidden"))
        return [](const FakeRequest &r) {
            if (r.method == "GET")
                return resp(200, "OK", {}, "doc");
            return resp(403, "Forbidden");
        };
    if (name == QLatin1String("not-found"))
        return [](const FakeRequest &) { return resp(404, "Not Found"); };
    if (name == QLatin1String("length-required"))
        return [](const FakeRequest &r) {
            if (!r.head.toLower().contains("content-length:"))
                return resp(411, "Length Required");
            return resp(201, "Created");
        };
    if (name == QLatin1String("ignored"))
        return [](const FakeRequest &) {
            return resp(200, "OK", { { "Content-Type", "text/html" } }, "<h1>home</h1>");
        };
    if (name == QLatin1String("reason-rewritten"))
        return [](const FakeRequest &) {
            return resp(405, "Method Not Allowed",
                { { "Server", "nginx/1.22.1" }, { "Via", "1.1 cache1 (squid/5.7)" } },
                "<hr><center>nginx/1.22.1</center>");
        };
    if (name == QLatin1String("python-501"))
        return [](const FakeRequest &r) {
            if (r.method == "GET")
                return resp(200, "OK");
            return resp(
                501, "Unsupported method ('" + r.method + "')", { { "Server", "SimpleHTTP/0.6 Python/3.11.2" } });
        };
    if (name == QLatin1String("proxy-502"))
        return [](const FakeRequest &) { return resp(502, "Bad Gateway", { { "Via", "1.1 edge" } }); };
    return [](const FakeRequest &) { return resp(200, "OK"); };
}

Diagnosis run(FakeServer &server, const QByteArray &method, const QString &path = QStringLiteral("/items/1"),
    ActiveChecks::Options options = {}, bool withBody = false)
{
    RequestSpec spec;
    spec.method = method;
    spec.url = server.url(path);
    spec.options.transport = TransportKind::Wire;
    spec.options.useEnvironmentProxy = false;
    spec.options.idleTimeoutMs = 5000;
    if (withBody) {
        spec.body = "{\"a\":1}";
        spec.hasBody = true;
    }
    Engine engine;
    ActiveChecks checks(&engine);
    QSignalSpy done(&checks, &ActiveChecks::finished);
    checks.start(spec, options);
    if (!checks.isFinished())
        done.wait(20000);
    return checks.diagnosis();
}

QStringList ids(const Diagnosis &d)
{
    QStringList out;
    for (const Finding &f : d.findings)
        out << f.id;
    return out;
}

// Every finding the diagnoser reports has its severity in diagnosis.json (unknown ids would fall back to info).
bool inKnowledge(const QString &findingId)
{
    for (const FindingRule &rule : Knowledge::instance().diagnosis().findings)
        if (rule.id == findingId)
            return true;
    return false;
}

QStringList suggestionIds(const Diagnosis &d)
{
    QStringList out;
    for (const Suggestion &s : d.suggestions)
        out << s.id;
    return out;
}
} // namespace

class tst_Diagnoser final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rules_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<QString>("answeredBy");
        QTest::addColumn<QStringList>("findings");
        QTest::addColumn<QStringList>("suggestions");
        auto L = [](std::initializer_list<const char *> items) {
            QStringList out;
            for (const char *i : items)
                out << QString::fromLatin1(i);
            return out;
        };
        QTest::newRow("405 with Allow, resource-level")
            << QStringLiteral("405-allow") << QByteArray("PATCH") << QStringLiteral("not-allowed")
            << QStringLiteral("resource") << QStringLiteral("origin") << L({})
            << L({ "use-allowed-method", "method-override", "upgrade-or-enable" });
        QTest::newRow("nginx 405 without Allow")
            << QStringLiteral("nginx-405") << QByteArray("POST") << QStringLiteral("not-allowed")
            << QStringLiteral("server") << QStringLiteral("origin") << L({ "allow-missing", "reason-nonstandard" })
            << L({ "upgrade-or-enable", "add-allow-header" });
        QTest::newRow("405 with empty Allow")
            << QStringLiteral("405-empty-allow") << QByteArray("DELETE") << QStringLiteral("not-allowed")
            << QStringLiteral("server") << QStringLiteral("origin") << L({ "allow-empty" }) << L({ "method-override" });
        QTest::newRow("405 Allow disagrees with OPTIONS")
            << QStringLiteral("405-inconsistent") << QByteArray("PATCH") << QStringLiteral("not-allowed")
            << QStringLiteral("server") << QStringLiteral("origin") << L({ "allow-inconsistent" })
            << L({ "use-allowed-method" });
        QTest::newRow("405 whose Allow lists the method")
            << QStringLiteral("405-lists-method") << QByteArray("PATCH") << QStringLiteral("not-allowed")
            << QStringLiteral("server") << QStringLiteral("origin") << L({ "allow-lists-method" })
            << L({ "method-override" });
        QTest::newRow("501 server-wide") << QStringLiteral("501-server-wide") << QByteArray("PROPFIND")
                                         << QStringLiteral("not-implemented") << QStringLiteral("server")
                                         << QStringLiteral("origin") << L({ "not-implemented-cacheable" })
                                         << L({ "server-side-501-hygiene", "upgrade-or-enable" });
        QTest::newRow("501 stub on one resource")
            << QStringLiteral("501-stub") << QByteArray("PATCH") << QStringLiteral("not-implemented")
            << QStringLiteral("resource") << QStringLiteral("origin") << L({ "not-implemented-cacheable" })
            << L({ "server-side-501-hygiene" });
        QTest::newRow("501 to GET") << QStringLiteral("501-to-get") << QByteArray("GET")
                                    << QStringLiteral("not-implemented") << QStringLiteral("server")
                                    << QStringLiteral("origin") << L({ "get-head-not-implemented" })
                                    << L({ "upgrade-or-enable" });
        QTest::newRow("501 from a proxy")
            << QStringLiteral("proxy-501") << QByteArray("PROPFIND") << QStringLiteral("not-implemented")
            << QStringLiteral("server") << QStringLiteral("proxy") << L({ "proxy-answered" })
            << L({ "bypass-or-fix-proxy" });
        QTest::newRow("400 for lower-case get")
            << QStringLiteral("lower-case-400") << QByteArray("get") << QStringLiteral("bad-request")
            << QStringLiteral("server") << QStringLiteral("origin") << L({ "method-case" }) << L({ "fix-method-name" });
        QTest::newRow("typo GETT") << QStringLiteral("typo-501") << QByteArray("GETT")
                                   << QStringLiteral("not-implemented") << QStringLiteral("server")
                                   << QStringLiteral("origin") << L({ "method-typo" })
                                   << L({ "fix-method-name", "use-allowed-method" });
        QTest::newRow("403 from an access rule")
            << QStringLiteral("forbidden") << QByteArray("DELETE") << QStringLiteral("forbidden")
            << QStringLiteral("server") << QStringLiteral("origin") << L({ "forbidden-not-method" }) << L({});
        QTest::newRow("404 before routing")
            << QStringLiteral("not-found") << QByteArray("PATCH") << QStringLiteral("not-found")
            << QStringLiteral("unknown") << QStringLiteral("origin") << L({ "checked-before-routing" }) << L({});
        QTest::newRow("411 for a body-less POST")
            << QStringLiteral("length-required") << QByteArray("POST") << QStringLiteral("length-required")
            << QStringLiteral("unknown") << QStringLiteral("origin") << L({}) << L({ "send-content-length" });
        QTest::newRow("200 that ignored the verb")
            << QStringLiteral("ignored") << QByteArray("FROBNICATE") << QStringLiteral("ignored")
            << QStringLiteral("unknown") << QStringLiteral("origin") << L({ "method-ignored" }) << L({});
        QTest::newRow("proxy rewrote nginx's reason")
            << QStringLiteral("reason-rewritten") << QByteArray("PUT") << QStringLiteral("not-allowed")
            << QStringLiteral("server") << QStringLiteral("origin") << L({ "allow-missing", "reason-rewritten" })
            << L({});
        QTest::newRow("502 from a gateway")
            << QStringLiteral("proxy-502") << QByteArray("PATCH") << QStringLiteral("proxy-error")
            << QStringLiteral("unknown") << QStringLiteral("proxy") << L({ "proxy-answered" })
            << L({ "bypass-or-fix-proxy" });
    }
    void rules()
    {
        QFETCH(QString, scenario);
        QFETCH(QByteArray, method);
        QFETCH(QString, verdict);
        QFETCH(QString, scope);
        QFETCH(QString, answeredBy);
        QFETCH(QStringList, findings);
        QFETCH(QStringList, suggestions);
        FakeServer server(scenarioServer(scenario));
        const Diagnosis d = run(server, method);
        const QString got
            = QStringLiteral("verdict=%1 scope=%2 by=%3 findings=%4 suggestions=%5")
                  .arg(verdictId(d.classification.verdict), scopeId(d.scope), partyId(d.classification.answeredBy),
                      ids(d).join(QLatin1Char(',')), suggestionIds(d).join(QLatin1Char(',')));
        QVERIFY2(verdictId(d.classification.verdict) == verdict, qPrintable(got));
        QVERIFY2(scopeId(d.scope) == scope, qPrintable(got));
        QVERIFY2(partyId(d.classification.answeredBy) == answeredBy, qPrintable(got));
        for (const QString &f : findings)
            QVERIFY2(d.finding(f), qPrintable(QStringLiteral("missing finding %1; %2").arg(f, got)));
        for (const QString &s : suggestions)
            QVERIFY2(d.suggestion(s), qPrintable(QStringLiteral("missing suggestion %1; %2").arg(s, got)));
        for (const Finding &f : d.findings) {
            QVERIFY2(!f.detail.isEmpty() && !f.title.isEmpty(), qPrintable(f.id));
            QVERIFY2(inKnowledge(f.id), qPrintable(f.id));
        }
        QVERIFY(!d.summary.isEmpty());
    }

    // Who answered, from one scripted answer (passive): the party, the product, a phrase of the
    // attribution and the finding it brings. `proxied` sends the request to the fake server as a
    // forward proxy (absolute-form), so a proxy is configured.
    void attribution_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("proxied");
        QTest::addColumn<QString>("answeredBy");
        QTest::addColumn<QString>("product"); // servers.json id of serverHint, or empty
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("attribution");
        QTest::addColumn<QString>("finding");
        const QByteArray nginx405
            = "<html>\r\n<head><title>405 Not Allowed</title></head>\r\n<body>\r\n<center><h1>405 "
              "Not Allowed</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";
        QTest::newRow("no Server, no proxy: the origin")
            << 200 << QByteArray("OK") << Headers {} << QByteArray("hi") << false << QStringLiteral("origin")
            << QString() << QStringLiteral("supported") << QStringLiteral("answered; it did not name itself")
            << QString();
        QTest::newRow("proxy configured, no Via, no marker: unknown")
            << 405 << QByteArray("Method Not Allowed") << Headers {} << QByteArray() << true
            << QStringLiteral("unknown") << QString() << QStringLiteral("not-allowed")
            << QStringLiteral("a proxy is configured") << QString();
        QTest::newRow("403 through an unsigned Via: unknown")
            << 403 << QByteArray("Forbidden") << Headers { { "Via", "1.1 edge" } } << QByteArray() << false
            << QStringLiteral("unknown") << QString() << QStringLiteral("forbidden")
            << QStringLiteral("came through 1.1 edge") << QString();
        QTest::newRow("unknown Server without proxy: the origin")
            << 501 << QByteArray("Not Implemented") << Headers { { "Server", "Frob/1.0" } } << QByteArray() << false
            << QStringLiteral("origin") << QString() << QStringLiteral("not-implemented")
            << QStringLiteral("Server: Frob/1.0 is not a product") << QString();
        QTest::newRow("Varnish purged by itself (200)")
            << 200 << QByteArray("Purged") << Headers { { "Server", "Varnish" }, { "X-Varnish", "32770" } }
            << QByteArray("<h1>Error 200 Purged</h1>\n<h3>Guru Meditation:</h3>\n<p>XID: 32770</p>\n<hr>\n"
                          "<p>Varnish cache server</p>")
            << false << QStringLiteral("proxy") << QStringLiteral("varnish") << QStringLiteral("supported")
            << QStringLiteral("its own error page") << QStringLiteral("proxy-answered");
        QTest::newRow("nginx's own 502: a gateway")
            << 502 << QByteArray("Bad Gateway") << Headers { { "Server", "nginx/1.22.1" } }
            << QByteArray("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
                          "Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n")
            << false << QStringLiteral("proxy") << QStringLiteral("nginx") << QStringLiteral("proxy-error")
            << QStringLiteral("as a gateway: the server behind it did not answer") << QStringLiteral("proxy-answered");
        QTest::newRow("nginx's 405 page under another Server")
            << 405 << QByteArray("Not Allowed") << Headers { { "Server", "edge-cache" } } << nginx405 << false
            << QStringLiteral("origin") << QStringLiteral("nginx") << QStringLiteral("not-allowed")
            << QStringLiteral("relayed under Server: edge-cache") << QStringLiteral("relayed-error-page");
        QTest::newRow("HAProxy 503, no Server")
            << 503 << QByteArray("Service Unavailable") << Headers { { "content-type", "text/html" } }
            << QByteArray("<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this "
                          "request.\n</body></html>\n")
            << false << QStringLiteral("proxy") << QStringLiteral("haproxy") << QStringLiteral("proxy-error")
            << QStringLiteral("HAProxy answered by itself") << QStringLiteral("proxy-answered");
        QTest::newRow("Traffic Server's 502")
            << 502 << QByteArray("Connection refused") << Headers { { "Server", "ATS/9.2.9" } }
            << QByteArray("<HTML>\n<BODY>\n<H1>Could Not Connect</H1>\n<HR>\n\n<FONT FACE=\"Helvetica,Arial\"><B>\n"
                          "Description: Could not connect to the requested server host.\n</B></FONT>\n")
            << false << QStringLiteral("proxy") << QStringLiteral("trafficserver") << QStringLiteral("proxy-error")
            << QStringLiteral("Apache Traffic Server answered by itself") << QStringLiteral("proxy-answered");
    }
    void attribution()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        QFETCH(Headers, headers);
        QFETCH(QByteArray, body);
        QFETCH(bool, proxied);
        QFETCH(QString, answeredBy);
        QFETCH(QString, product);
        QFETCH(QString, verdict);
        QFETCH(QString, attribution);
        QFETCH(QString, finding);
        FakeServer server([&](const FakeRequest &) { return resp(status, reason, headers, body); });
        RequestSpec spec;
        spec.method = "DELETE";
        spec.url = proxied ? QStringLiteral("http://origin.invalid/items/1") : server.url(QStringLiteral("/items/1"));
        spec.options.transport = TransportKind::Wire;
        spec.options.useEnvironmentProxy = false;
        if (proxied)
            spec.options.proxy = server.url().chopped(1);
        Engine engine;
        const Exchange exchange = engine.execute(spec);
        const Diagnosis d = Diagnoser::diagnose(spec, exchange);
        const Classification &c = d.classification;
        const QString got = QStringLiteral("by=%1 product=%2 verdict=%3 findings=%4 attribution=%5 summary=%6")
                                .arg(partyId(c.answeredBy), c.serverHint ? c.serverHint->id : QString(),
                                    verdictId(c.verdict), ids(d).join(QLatin1Char(',')), c.attribution, d.summary);
        QVERIFY2(partyId(c.answeredBy) == answeredBy, qPrintable(got));
        QVERIFY2((c.serverHint ? c.serverHint->id : QString()) == product, qPrintable(got));
        QVERIFY2(verdictId(c.verdict) == verdict, qPrintable(got));
        QVERIFY2(c.attribution.contains(attribution), qPrintable(got));
        if (!finding.isEmpty())
            QVERIFY2(d.finding(finding), qPrintable(got));
        if (c.answeredBy == Party::Origin && !c.serverHint && c.server.isEmpty())
            QVERIFY2(d.summary.contains(QStringLiteral("(it did not name itself)")), qPrintable(got));
    }

    void allowedMethodIsTheClosestOne()
    {
        FakeServer server(scenarioServer(QStringLiteral("405-allow")));
        const Diagnosis d = run(server, "PATCH");
        const Suggestion *s = d.suggestion(QStringLiteral("use-allowed-method"));
        QVERIFY(s && s->request);
        QCOMPARE(s->request->method, QByteArray("PUT"));
        QVERIFY(s->needsConsent); // PUT could change the server
        QVERIFY(!s->verified.has_value()); // so it was not sent unasked
        for (const FakeRequest &r : server.requests())
            QVERIFY2(r.method != "PUT" && r.method != "POST", r.head.constData());
    }

    void safeFixIsVerified()
    {
        FakeServer server(scenarioServer(QStringLiteral("lower-case-400")));
        const Diagnosis d = run(server, "get");
        const Suggestion *s = d.suggestion(QStringLiteral("fix-method-name"));
        QVERIFY(s && s->request);
        QCOMPARE(s->request->method, QByteArray("GET"));
        QVERIFY(s->verified.has_value());
        QVERIFY(*s->verified);
        QVERIFY(d.check(QStringLiteral("verify:fix-method-name")));
    }

    void evidenceChecksAreRecorded()
    {
        FakeServer server(scenarioServer(QStringLiteral("405-allow")));
        const Diagnosis d = run(server, "PATCH");
        const Check *options = d.check(QStringLiteral("options"));
        const Check *random = d.check(QStringLiteral("random-path"));
        QVERIFY(options && random);
        QCOMPARE(options->exchange.response.head.status, 204);
        QCOMPARE(random->exchange.response.head.status, 404);
        QCOMPARE(random->request.method, QByteArray("PATCH"));
        QVERIFY(random->request.url.contains(QLatin1String("/items/.verbscope-check-")));
        // The unsafe method went to the real path once (the user's request) and to the probe path once.
        int patches = 0;
        for (const FakeRequest &r : server.requests())
            patches += r.method == "PATCH" && !isProbePath(r) ? 1 : 0;
        QCOMPARE(patches, 1);
    }

    void passiveSendsOnlyTheRequest()
    {
        FakeServer server(scenarioServer(QStringLiteral("405-allow")));
        ActiveChecks::Options passive;
        passive.passive = true;
        const Diagnosis d = run(server, "PATCH", QStringLiteral("/items/1"), passive);
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(d.checks.isEmpty());
        QCOMPARE(verdictId(d.classification.verdict), QStringLiteral("not-allowed"));
        QCOMPARE(scopeId(d.scope), QStringLiteral("resource")); // by definition of 405
    }

    void overrideNeedsConsent()
    {
        FakeServer server(scenarioServer(QStringLiteral("405-allow")));
        const Diagnosis d = run(server, "DELETE");
        for (const FakeRequest &r : server.requests())
            QVERIFY2(r.method != "POST", "no POST without consent");
        const Suggestion *s = d.suggestion(QStringLiteral("method-override"));
        QVERIFY(s);
        QVERIFY(!s->verified.has_value());
        QVERIFY(s->verification.contains(QLatin1String("--try-override")));
    }

    void override_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<int>("verified"); // 1 true, 0 false, -1 inconclusive
        QTest::newRow("honoured") << QStringLiteral("honour") << 1;
        QTest::newRow("ignored: same as plain POST") << QStringLiteral("ignore") << -1;
        QTest::newRow("refused") << QStringLiteral("refuse") << 0;
    }
    void override()
    {
        QFETCH(QString, behaviour);
        QFETCH(int, verified);
        FakeServer server([behaviour](const FakeRequest &r) {
            const bool overridden = r.head.contains("X-HTTP-Method-Override: PATCH") || r.body == "_method=PATCH";
            if (r.method == "POST" && overridden && behaviour == QLatin1String("honour"))
                return resp(200, "OK", {}, "{\"patched\":true}");
            if (r.method == "POST" && overridden && behaviour == QLatin1String("refuse"))
                return resp(405, "Method Not Allowed", { { "Allow", "GET, POST" } });
            if (r.method == "POST")
                return resp(201, "Created", {}, "{\"created\":true}");
            if (r.method == "GET")
                return resp(200, "OK");
            return resp(405, "Method Not Allowed", { { "Allow", "GET, POST" } });
        });
        ActiveChecks::Options consent;
        consent.tryOverride = true;
        const Diagnosis d = run(server, "PATCH", QStringLiteral("/items/1"), consent, true);
        const Suggestion *s = d.suggestion(QStringLiteral("method-override"));
        QVERIFY(s);
        QVERIFY(d.check(QStringLiteral("plain-post")));
        QVERIFY(d.check(QStringLiteral("override:X-HTTP-Method-Override")));
        QVERIFY(d.check(QStringLiteral("override:_method")));
        if (verified < 0)
            QVERIFY2(!s->verified.has_value(), qPrintable(s->verification));
        else
            QVERIFY2(s->verified.has_value() && *s->verified == (verified == 1), qPrintable(s->verification));
    }

    void transportErrorIsAVerdict()
    {
        quint16 port;
        {
            FakeServer s(scenarioServer(QString()));
            port = s.port();
        }
        RequestSpec spec;
        spec.method = "PATCH";
        spec.url = QStringLiteral("http://127.0.0.1:%1/").arg(port);
        spec.options.useEnvironmentProxy = false;
        Engine engine;
        ActiveChecks checks(&engine);
        QSignalSpy done(&checks, &ActiveChecks::finished);
        checks.start(spec, {});
        QVERIFY(checks.isFinished() || done.wait(10000));
        QCOMPARE(verdictId(checks.diagnosis().classification.verdict), QStringLiteral("transport-error"));
        QVERIFY(checks.diagnosis().checks.isEmpty());
    }

    // An answer the Qt transport could not frame: verdict inconclusive, the one finding, the resend over
    // the wire transport offered but not made, and no check sent (the server saw the user's request only).
    void qtUnframedIsInconclusive_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("wireError"); // what the resend over the wire shows
        QTest::newRow("405 chunked not last") << QByteArray("PATCH")
                                              << QByteArray("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\n"
                                                            "Transfer-Encoding: chunked, deflate\r\n\r\nraw")
                                              << QStringLiteral("does not end with chunked") << QString();
        QTest::newRow("200 two Content-Lengths")
            << QByteArray("GET") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nWorld")
            << QStringLiteral("conflicting Content-Length values 3 and 5")
            << QStringLiteral("conflicting Content-Length values 3 and 5");
        QTest::newRow("200 invalid chunk size")
            << QByteArray("OPTIONS")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nWorld\r\n0\r\n\r\n")
            << QStringLiteral("chunk size it cannot parse") << QStringLiteral("invalid chunk size line \"zz\"");
    }
    void qtUnframedIsInconclusive()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, response);
        QFETCH(QString, reason);
        QFETCH(QString, wireError);
        FakeServer server([&](const FakeRequest &) { return FakeResponse::bytes(response, true); });
        RequestSpec spec;
        spec.method = method;
        spec.url = server.url(QStringLiteral("/items/1"));
        spec.options.useEnvironmentProxy = false;
        spec.options.idleTimeoutMs = 5000; // Qt would otherwise wait for the idle timeout on some
        Engine engine;
        ActiveChecks checks(&engine);
        QSignalSpy done(&checks, &ActiveChecks::finished);
        checks.start(spec, {});
        QVERIFY(checks.isFinished() || done.wait(20000));
        const Diagnosis &d = checks.diagnosis();
        QCOMPARE(d.exchange.fidelity, Fidelity::Qt);
        QCOMPARE(verdictId(d.classification.verdict), QStringLiteral("inconclusive"));
        QCOMPARE(ids(d), QStringList { QStringLiteral("qt-unframed") });
        QVERIFY(inKnowledge(QStringLiteral("qt-unframed")));
        QVERIFY2(d.findings.first().detail.contains(reason), qPrintable(d.findings.first().detail));
        QVERIFY2(d.summary.startsWith(QLatin1String("No conclusion")), qPrintable(d.summary));
        QVERIFY(d.checks.isEmpty());
        QCOMPARE(server.requests().size(), 1);

        QCOMPARE(suggestionIds(d), QStringList { QStringLiteral("resend-over-wire") });
        const Suggestion &resend = d.suggestions.first();
        QVERIFY(resend.request);
        QCOMPARE(resend.request->options.transport, TransportKind::Wire);
        QCOMPARE(resend.request->method, method);
        QCOMPARE(resend.request->url, spec.url);
        QCOMPARE(resend.needsConsent, !Diagnoser::isSafeMethod(method));
        QVERIFY(!resend.verified.has_value());

        // Sent when asked, once, the wire transport shows what Qt could not.
        const Exchange wire = engine.execute(*resend.request);
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(wire.fidelity, Fidelity::Wire);
        const QString said = wire.error.message + QLatin1Char('\n') + wire.warnings.join(QLatin1Char('\n'));
        QVERIFY2(said.contains(wireError.isEmpty() ? reason : wireError), qPrintable(said));
        const Diagnosis again = Diagnoser::diagnose(*resend.request, wire);
        QVERIFY(verdictId(again.classification.verdict) != QLatin1String("inconclusive"));
        QVERIFY(!again.suggestion(QStringLiteral("resend-over-wire")));
    }

    // The marker is the Qt transport's own: the same words in a wire exchange conclude nothing away.
    void qtUnframedOnlyForQtExchanges()
    {
        Exchange qt;
        qt.fidelity = Fidelity::Qt;
        qt.request.method = "PATCH";
        qt.response.received = true;
        qt.response.head.status = 405;
        qt.warnings << QtFraming::warning(QStringLiteral("a reason"));
        RequestSpec spec;
        spec.method = "PATCH";
        spec.url = QStringLiteral("http://127.0.0.1:1/x");
        QCOMPARE(Diagnoser::diagnose(spec, qt).classification.verdict, Verdict::Inconclusive);
        Exchange wire = qt;
        wire.fidelity = Fidelity::Wire;
        QCOMPARE(Diagnoser::diagnose(spec, wire).classification.verdict, Verdict::NotAllowed);
        qt.warnings = { QStringLiteral("the Qt transport could not frame this answer: no end") };
        QCOMPARE(Diagnoser::diagnose(spec, qt).classification.verdict, Verdict::NotAllowed);
    }

    // Severity and server-specific sentences come from diagnosis.json; what users read must not change.
    void findingWording_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("finding");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<QString>("text"); // in the detail or the evidence
        QTest::newRow("nginx never sends Allow")
            << QStringLiteral("nginx-405") << QByteArray("POST") << QStringLiteral("allow-missing")
            << QStringLiteral("error")
            << QStringLiteral(
                   "Without it a client cannot tell which method to use. nginx never adds Allow to its own 405.");
        QTest::newRow("nginx's phrase") << QStringLiteral("nginx-405") << QByteArray("POST")
                                        << QStringLiteral("reason-nonstandard") << QStringLiteral("info")
                                        << QStringLiteral(
                                               "identify who answered. \"Not Allowed\" is nginx's own phrase.");
        QTest::newRow("python names the method")
            << QStringLiteral("python-501") << QByteArray("PATCH") << QStringLiteral("reason-nonstandard")
            << QStringLiteral("info")
            << QStringLiteral(
                   "identify who answered. It names the method, as Python's http.server does (\"Unsupported method "
                   "('PATCH')\").");
        QTest::newRow("refused lower-case verb")
            << QStringLiteral("lower-case-400") << QByteArray("get") << QStringLiteral("method-case")
            << QStringLiteral("warning") << QStringLiteral("none of that is portable.");
        QTest::newRow("accepted lower-case verb")
            << QStringLiteral("ignored") << QByteArray("get") << QStringLiteral("method-case") << QStringLiteral("info")
            << QStringLiteral("request line: get …");
        QTest::newRow("ignored DELETE changed nothing")
            << QStringLiteral("ignored") << QByteArray("DELETE") << QStringLiteral("method-ignored")
            << QStringLiteral("warning") << QStringLiteral("never looked at the method: nothing was changed.");
        QTest::newRow("ignored unknown verb did nothing")
            << QStringLiteral("ignored") << QByteArray("FROBNICATE") << QStringLiteral("method-ignored")
            << QStringLiteral("warning")
            << QStringLiteral("(FROBNICATE is not a registered method): nothing was done.");
        QTest::newRow("squid signs its error")
            << QStringLiteral("proxy-501") << QByteArray("PROPFIND") << QStringLiteral("proxy-answered")
            << QStringLiteral("warning") << QStringLiteral("X-Squid-Error: ERR_UNSUP_REQ 0");
        QTest::newRow("bare CR in the status line")
            << QStringLiteral("bare-cr") << QByteArray("PATCH") << QStringLiteral("forbidden-bytes-in-head")
            << QStringLiteral("error")
            << QStringLiteral("reason phrase of the 405, byte 3 is CR (0x0D): \"No\\r\\rContent-Length: 4\"");
        QTest::newRow("NUL in a header value")
            << QStringLiteral("bare-cr") << QByteArray("PATCH") << QStringLiteral("forbidden-bytes-in-head")
            << QStringLiteral("error") << QStringLiteral("header \"X-N\", byte 2 is NUL (0x00): \"a\\x00b\"");
        QTest::newRow("typo") << QStringLiteral("typo-501") << QByteArray("GETT") << QStringLiteral("method-typo")
                              << QStringLiteral("warning")
                              << QStringLiteral("GETT is not a registered method and differs from GET");
    }
    void findingWording()
    {
        QFETCH(QString, scenario);
        QFETCH(QByteArray, method);
        QFETCH(QString, finding);
        QFETCH(QString, severity);
        QFETCH(QString, text);
        FakeServer server(scenarioServer(scenario));
        const Diagnosis d = run(server, method);
        const Finding *found = d.finding(finding);
        QVERIFY2(found, qPrintable(ids(d).join(QLatin1Char(','))));
        QCOMPARE(severityId(found->severity), severity);
        const QString shown = found->detail + QLatin1Char('\n') + found->evidence.join(QLatin1Char('\n'));
        QVERIFY2(shown.contains(text), qPrintable(shown));
    }

    void severityIds()
    {
        QCOMPARE(severityId(Severity::Error), QStringLiteral("error"));
        QCOMPARE(severityId(Severity::Warning), QStringLiteral("warning"));
        QCOMPARE(severityId(Severity::Info), QStringLiteral("info"));
        for (Severity severity : { Severity::Error, Severity::Warning, Severity::Info })
            QCOMPARE(severityFromId(severityId(severity)), std::optional<Severity>(severity));
        QVERIFY(!severityFromId(u"Error"));
        QVERIFY(!severityFromId(u""));
    }

    void bestAlternative_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QList<QByteArray>>("allow");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("PATCH prefers PUT")
            << QByteArray("PATCH") << QList<QByteArray> { "GET", "POST", "PUT" } << QByteArray("PUT");
        QTest::newRow("PATCH then POST") << QByteArray("PATCH") << QList<QByteArray> { "GET", "HEAD", "POST" }
                                         << QByteArray("POST");
        QTest::newRow("lower-case patch")
            << QByteArray("patch") << QList<QByteArray> { "GET", "PUT" } << QByteArray("PUT");
        QTest::newRow("QUERY falls back to GET")
            << QByteArray("QUERY") << QList<QByteArray> { "HEAD", "GET" } << QByteArray("GET");
        QTest::newRow("no preference: first real one")
            << QByteArray("MKCOL") << QList<QByteArray> { "OPTIONS", "HEAD", "GET", "POST" } << QByteArray("GET");
        QTest::newRow("never HEAD, OPTIONS or TRACE")
            << QByteArray("DELETE") << QList<QByteArray> { "HEAD", "OPTIONS", "TRACE" } << QByteArray();
        QTest::newRow("never the method itself")
            << QByteArray("FOO") << QList<QByteArray> { "FOO", "GET" } << QByteArray("GET");
    }
    void bestAlternative()
    {
        QFETCH(QByteArray, method);
        QFETCH(QList<QByteArray>, allow);
        QFETCH(QByteArray, expected);
        QCOMPARE(Diagnoser::bestAlternative(method, allow), expected);
    }

    void correctedMethod_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<bool>("caseOnly");
        QTest::newRow("get") << QByteArray("get") << QByteArray("GET") << true;
        QTest::newRow("Patch") << QByteArray("Patch") << QByteArray("PATCH") << true;
        QTest::newRow("GETT") << QByteArray("GETT") << QByteArray("GET") << false;
        QTest::newRow("PSOT") << QByteArray("PSOT") << QByteArray("POST") << false;
        QTest::newRow("PTACH") << QByteArray("PTACH") << QByteArray("PATCH") << false;
        QTest::newRow("PROPFIN") << QByteArray("PROPFIN") << QByteArray("PROPFIND") << false;
        QTest::newRow("DELET") << QByteArray("DELET") << QByteArray("DELETE") << false;
        QTest::newRow("GET is fine") << QByteArray("GET") << QByteArray() << false;
        QTest::newRow("unrelated") << QByteArray("FROBNICATE") << QByteArray() << false;
        QTest::newRow("PURGE is known") << QByteArray("PURGE") << QByteArray() << false;
    }
    void correctedMethod()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QFETCH(bool, caseOnly);
        bool gotCaseOnly = false;
        QCOMPARE(Diagnoser::correctedMethod(input, &gotCaseOnly), expected);
        QCOMPARE(gotCaseOnly, caseOnly);
    }
};

QTEST_GUILESS_MAIN(tst_Diagnoser)
#include "tst_diagnoser.moc"
