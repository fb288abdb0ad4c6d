// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Call.h"
#include "core/http/CookieJar.h"
#include "core/http/Engine.h"
#include "core/http/ExchangeText.h"
#include "core/http/Gzip.h"
#include "tests/support/ExchangeBuilder.h"
#include "tests/support/FakeServer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace verbscope::http;
using namespace verbscope::test;

namespace {
FakeResponse ok(const QByteArray &body = "ok")
{
    return FakeResponse::http(200, "OK", { { "Content-Type", "text/plain" } }, body);
}
} // namespace

class tst_Engine final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The request-as-sent record must be byte-identical to what the server received.
    void sentRecordMatchesWire_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("hasBody");
        QTest::addColumn<QList<Header>>("headers");
        QTest::newRow("GET with a body") << QByteArray("GET") << QByteArray("{\"q\":1}") << true
                                         << QList<Header> { { "Content-Type", "application/json" } };
        QTest::newRow("PROPFIND with XML")
            << QByteArray("PROPFIND")
            << QByteArray("<?xml version=\"1.0\"?><propfind xmlns=\"DAV:\"><allprop/></propfind>") << true
            << QList<Header> { { "Depth", "1" }, { "Content-Type", "application/xml" } };
        QTest::newRow("custom FOO") << QByteArray("FOO") << QByteArray() << false << QList<Header> {};
        QTest::newRow("lower-case get kept")
            << QByteArray("get") << QByteArray() << false << QList<Header> { { "x-lower", "v" } };
        QTest::newRow("DELETE empty body") << QByteArray("DELETE") << QByteArray() << true << QList<Header> {};
        QTest::newRow("user overrides defaults") << QByteArray("POST") << QByteArray("a=1") << true
                                                 << QList<Header> { { "User-Agent", "custom/1" },
                                                        { "Accept-Encoding", "identity" }, { "Connection", "close" } };
    }
    void sentRecordMatchesWire()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, body);
        QFETCH(bool, hasBody);
        QFETCH(QList<Header>, headers);
        FakeServer server([](const FakeRequest &) { return ok(); });
        RequestSpec s = requestSpec(server.url(QStringLiteral("/echo?x=1")), method);
        s.headers = headers;
        s.body = body;
        s.hasBody = hasBody;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(server.requests().size(), 1);
        const FakeRequest got = server.requests().constFirst();
        QCOMPARE(QString::fromLatin1(formatRequestHead(ex.request)), QString::fromLatin1(got.head));
        QCOMPARE(got.body, body);
        QCOMPARE(ex.request.method, method);
        QCOMPARE(ex.request.bodySize, qint64(body.size()));
        QCOMPARE(ex.response.head.status, 200);
        QCOMPARE(ex.response.body, QByteArray("ok"));
        QCOMPARE(ex.fidelity, Fidelity::Qt);
        QCOMPARE(ex.response.head.httpVersion, QStringLiteral("1.x"));
    }

    // HEAD announces a length it does not send: the exchange must end at once, not at the timeout.
    void headWithContentLengthEndsAtOnce()
    {
        FakeServer server(
            [](const FakeRequest &) { return FakeResponse::bytes("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"); });
        RequestSpec s = requestSpec(server.url(), "HEAD");
        s.options.idleTimeoutMs = 60000;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.head.status, 200);
        QCOMPARE(ex.response.rawSize, qint64(0));
        QVERIFY(server.requests().constFirst().head.startsWith("HEAD / HTTP/1.1\r\n"));
        QCOMPARE(QString::fromLatin1(formatRequestHead(ex.request)),
            QString::fromLatin1(server.requests().constFirst().head));
    }

    void bodyFromFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("body.bin"));
        QByteArray content(300000, 'z');
        content[5] = '\0';
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        FakeServer server([](const FakeRequest &) { return ok(); });
        RequestSpec s = requestSpec(server.url(), "PUT");
        s.bodyFile = path;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(server.requests().constFirst().body, content);
        QCOMPARE(headerValue(ex.request.headers, "Content-Length"), QByteArray::number(content.size()));
    }

    void duplicateRequestHeadersAreJoinedWithWarning()
    {
        FakeServer server([](const FakeRequest &) { return ok(); });
        RequestSpec s = requestSpec(server.url());
        s.headers = { { "X-Dup", "1" }, { "X-Dup", "2" } };
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY(server.requests().constFirst().head.contains("X-Dup: 1, 2\r\n"));
        QCOMPARE(headerValues(ex.request.headers, "X-Dup"), QList<QByteArray> { "1, 2" });
        QVERIFY(ex.warnings.join(QLatin1Char(' ')).contains(QLatin1String("X-Dup")));
    }

    void credentialsInUrlBecomeOneExplicitRequest()
    {
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::http(401, "Unauthorized", { { "WWW-Authenticate", "Basic realm=\"x\"" } });
        });
        RequestSpec s = requestSpec(QStringLiteral("http://user:p%40ss@127.0.0.1:%1/").arg(server.port()));
        Engine engine;
        const Exchange ex = engine.execute(s);
        QCOMPARE(server.requests().size(), 1); // no hidden challenge round-trip
        QVERIFY(server.requests().constFirst().head.contains(
            QByteArray("Authorization: Basic ").append(QByteArray("user:p@ss").toBase64())));
        QCOMPARE(ex.response.head.status, 401);
        QVERIFY(!ex.error.isError()); // an HTTP status is never an error
        QVERIFY(!ex.request.url.contains(QLatin1String("user")));
    }

    void statusIsNeverAnError_data()
    {
        QTest::addColumn<int>("status");
        for (int code : { 400, 403, 404, 405, 411, 418, 500, 501, 502, 599, 299, 199 + 0 })
            QTest::addRow("%d", code) << code;
    }
    void statusIsNeverAnError()
    {
        QFETCH(int, status);
        FakeServer server(
            [status](const FakeRequest &) { return FakeResponse::http(status, "Whatever Reason", {}, "b"); });
        Engine engine;
        const Exchange ex = engine.execute(requestSpec(server.url(), "BREW"));
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.head.status, status);
        QCOMPARE(ex.response.head.reason, QByteArray("Whatever Reason"));
    }

    void redirects_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("expectedMethod");
        QTest::addColumn<bool>("bodyKept");
        const QList<QByteArray> methods { "GET", "HEAD", "POST", "PUT", "PATCH", "FOO" };
        for (int code : { 301, 302, 303, 307, 308 }) {
            for (const QByteArray &m : methods) {
                QByteArray expected = m;
                if (code == 303 && m != "HEAD")
                    expected = "GET";
                if ((code == 301 || code == 302) && m == "POST")
                    expected = "GET";
                const bool hasBody = m == "POST" || m == "PUT" || m == "PATCH" || m == "FOO";
                QTest::addRow("%d %s", code, m.constData()) << code << m << expected << (hasBody && expected == m);
            }
        }
    }
    void redirects()
    {
        QFETCH(int, code);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, expectedMethod);
        QFETCH(bool, bodyKept);
        FakeServer server([code](const FakeRequest &r) {
            if (r.target.startsWith("/start"))
                return FakeResponse::http(code, "Moved", { { "Location", "/hop2" } });
            if (r.target == "/hop2")
                return FakeResponse::http(code, "Moved Again", { { "Location", "/final" } });
            return ok("final");
        });
        RequestSpec s = requestSpec(server.url(QStringLiteral("/start")), method);
        const bool hasBody = method == "POST" || method == "PUT" || method == "PATCH" || method == "FOO";
        if (hasBody) {
            s.body = "payload";
            s.hasBody = true;
            s.headers = { { "Content-Type", "text/plain" } };
        }
        s.options.redirects = RedirectMode::Follow;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(ex.redirects.size(), 2);
        QCOMPARE(ex.redirects.at(0).request.method, method);
        QCOMPARE(ex.redirects.at(0).response.head.status, code);
        QCOMPARE(ex.redirects.at(1).request.method, expectedMethod);
        QCOMPARE(ex.request.method, expectedMethod);
        QCOMPARE(server.requests().at(1).method, expectedMethod);
        QCOMPARE(server.requests().at(2).method, expectedMethod);
        QCOMPARE(server.requests().at(2).body, bodyKept ? QByteArray("payload") : QByteArray());
        QCOMPARE(server.requests().at(2).head.contains("Content-Type:"), bodyKept);
        QCOMPARE(ex.response.head.status, 200);
        if (method != "HEAD")
            QCOMPARE(ex.response.body, QByteArray("final"));
        QVERIFY(ex.request.url.endsWith(QLatin1String("/final")));
    }

    void noCookieJarAcrossHopsOrRequests()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.target == "/login")
                return FakeResponse::http(
                    302, "Found", { { "Set-Cookie", "session=abc; Path=/" }, { "Location", "/home" } });
            return ok();
        });
        RequestSpec s = requestSpec(server.url(QStringLiteral("/login")));
        s.options.redirects = RedirectMode::Follow;
        Engine engine;
        engine.execute(s);
        engine.execute(requestSpec(server.url(QStringLiteral("/again"))));
        QCOMPARE(server.requests().size(), 3);
        for (const FakeRequest &r : server.requests())
            QVERIFY2(!r.head.contains("Cookie:"), r.head.constData());
    }

    // A cookie set by a redirect hop goes to the next hop, on both transports; the record shows it.
    void cookieJarAcrossRedirects_data()
    {
        QTest::addColumn<TransportKind>("transport");
        QTest::newRow("wire") << TransportKind::Wire;
        QTest::newRow("qt") << TransportKind::Qt;
    }
    void cookieJarAcrossRedirects()
    {
        QFETCH(TransportKind, transport);
        FakeServer server([](const FakeRequest &r) {
            if (r.target == "/login")
                return FakeResponse::http(302, "Found",
                    { { "Set-Cookie", "session=abc; Path=/" }, { "Set-Cookie", "bad=1; Domain=example.com" },
                        { "Location", "/home" } });
            return ok();
        });
        auto jar = std::make_shared<CookieJar>();
        RequestSpec s = requestSpec(server.url(QStringLiteral("/login")));
        s.options.redirects = RedirectMode::Follow;
        s.options.transport = transport;
        s.options.cookieJar = jar;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(server.requests().size(), 2);
        QVERIFY(!server.requests().at(0).head.contains("Cookie:"));
        QVERIFY2(server.requests().at(1).head.contains("\r\nCookie: session=abc\r\n"),
            server.requests().at(1).head.constData());
        QCOMPARE(headerValue(ex.request.headers, "Cookie"), QByteArray("session=abc"));
        QCOMPARE(ex.redirects.size(), 1);
        QCOMPARE(ex.redirects.at(0).cookieNotes,
            (QStringList { QStringLiteral("stored session for 127.0.0.1 / (host-only, session)"),
                QStringLiteral("refused bad: Domain=example.com does not match 127.0.0.1") }));
        QCOMPARE(ex.cookieNotes, QStringList { QStringLiteral("sent session from the jar") });
        QCOMPARE(jar->cookies().size(), 1);

        // The jar lives on across requests; @no-cookie-jar neither sends nor stores.
        RequestSpec off = requestSpec(server.url(QStringLiteral("/login")));
        off.options.transport = transport;
        off.options.cookieJar = jar;
        off.options.useCookieJar = false;
        jar->clear();
        jar->setCookie(QUrl(server.url()), "kept=1", QDateTime::currentDateTimeUtc());
        const Exchange offEx = engine.execute(off);
        QVERIFY(!server.requests().constLast().head.contains("Cookie:"));
        QCOMPARE(offEx.cookieNotes, QStringList { QStringLiteral("cookie jar not used (@no-cookie-jar)") });
        QCOMPARE(jar->cookies().size(), 1); // session was not stored
        engine.execute(requestSpec(server.url(QStringLiteral("/again"))));
        QVERIFY(!server.requests().constLast().head.contains("Cookie:")); // no jar, no cookie
    }

    // The request's own Cookie header is kept and wins over the jar's cookie of the same name.
    void ownCookieHeaderWins()
    {
        FakeServer server([](const FakeRequest &) { return ok(); });
        auto jar = std::make_shared<CookieJar>();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        jar->setCookie(QUrl(server.url()), "a=jar", now);
        jar->setCookie(QUrl(server.url()), "b=jar", now);
        RequestSpec s = requestSpec(server.url(QStringLiteral("/x")));
        s.headers = { { "Cookie", "a=mine" } };
        s.options.transport = TransportKind::Wire;
        s.options.cookieJar = jar;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY2(server.requests().at(0).head.contains("\r\nCookie: a=mine; b=jar\r\n"),
            server.requests().at(0).head.constData());
        QCOMPARE(ex.cookieNotes,
            (QStringList { QStringLiteral("not sent from the jar: a (the request's own Cookie header sets it)"),
                QStringLiteral("sent b from the jar") }));
    }

    void redirectsOffByDefault()
    {
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::http(302, "Found", { { "Location", "/elsewhere" } });
        });
        Engine engine;
        const Exchange ex = engine.execute(requestSpec(server.url(), "PUT"));
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(ex.response.head.status, 302);
        QVERIFY(ex.redirects.isEmpty());
    }

    void redirectLoopHitsTheLimit()
    {
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::http(302, "Found", { { "Location", "/loop" } });
        });
        RequestSpec s = requestSpec(server.url(QStringLiteral("/loop")));
        s.options.redirects = RedirectMode::Follow;
        s.options.maxRedirects = 5;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QCOMPARE(ex.error.kind, ErrorKind::TooManyRedirects);
        QCOMPARE(server.requests().size(), 6);
        QCOMPARE(ex.redirects.size(), 5);
        QCOMPARE(ex.response.head.status, 302); // the last answer is kept
    }

    void redirectWithoutLocationStops()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::http(302, "Found", {}); });
        RequestSpec s = requestSpec(server.url());
        s.options.redirects = RedirectMode::Follow;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY(!ex.error.isError());
        QCOMPARE(ex.response.head.status, 302);
        QVERIFY(ex.warnings.join(QLatin1Char(' ')).contains(QLatin1String("no Location")));
    }

    void idleTimeoutIsNotAnAbort()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::silence(); });
        RequestSpec s = requestSpec(server.url());
        s.options.idleTimeoutMs = 300;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QCOMPARE(ex.error.kind, ErrorKind::Timeout);
        QVERIFY2(ex.error.message.contains(QLatin1String("300 ms")), qPrintable(ex.error.message));
    }

    void cancelIsNotATimeout()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::silence(); });
        Engine engine;
        Call *call = engine.send(requestSpec(server.url()));
        QSignalSpy done(call, &Call::finished);
        QTimer::singleShot(100, call, &Call::cancel);
        QVERIFY(done.wait(5000));
        QCOMPARE(call->exchange().error.kind, ErrorKind::Canceled);
        delete call;
    }

    void totalDeadlineStopsADripFeed()
    {
        // One byte every 100 ms never trips an inactivity timer; the total deadline must.
        FakeServer server([](const FakeRequest &) {
            FakeResponse r;
            r.chunks.append({ 0, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" });
            for (int i = 0; i < 100; ++i)
                r.chunks.append({ 100, "x" });
            return r;
        });
        RequestSpec s = requestSpec(server.url());
        s.options.totalTimeoutMs = 600;
        Engine engine;
        const Exchange ex = engine.execute(s);
        QCOMPARE(ex.error.kind, ErrorKind::Timeout);
        QVERIFY2(ex.error.message.contains(QLatin1String("total deadline")), qPrintable(ex.error.message));
        QCOMPARE(ex.response.head.status, 200); // what arrived is kept
        QVERIFY(ex.response.rawSize > 0 && ex.response.rawSize < 100);
    }

    void refusedConnection()
    {
        quint16 port;
        {
            FakeServer server([](const FakeRequest &) { return ok(); });
            port = server.port();
        }
        Engine engine;
        const Exchange ex = engine.execute(requestSpec(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
        QCOMPARE(ex.error.kind, ErrorKind::Refused);
        QVERIFY(!ex.response.received);
    }

    void invalidSpecIsRefusedBeforeSending()
    {
        FakeServer server([](const FakeRequest &) { return ok(); });
        RequestSpec s = requestSpec(server.url(), "A\r\nX-Inj: 1");
        Engine engine;
        const Exchange ex = engine.execute(s);
        QCOMPARE(ex.error.kind, ErrorKind::InvalidRequest);
        QVERIFY(ex.error.message.contains(QLatin1String("CR (0x0D)")));
        QTest::qWait(50);
        QCOMPARE(server.connectionCount(), 0);
    }

    void gzipBodyIsDecodedAndRawKept()
    {
        const QByteArray plain = QByteArray("{\"hello\":\"world\"}").repeated(500);
        const QByteArray packed = Gzip::compress(plain);
        FakeServer server([packed](const FakeRequest &) {
            return FakeResponse::http(
                200, "OK", { { "Content-Encoding", "gzip" }, { "Content-Type", "application/json" } }, packed);
        });
        Engine engine;
        const Exchange ex = engine.execute(requestSpec(server.url()));
        QVERIFY(server.requests().constFirst().head.contains("Accept-Encoding: gzip, deflate, br, zstd\r\n"));
        QCOMPARE(ex.response.rawBody, packed);
        QCOMPARE(ex.response.body, plain);
        QCOMPARE(ex.response.rawSize, qint64(packed.size()));
        QCOMPARE(ex.response.decodedSize, qint64(plain.size()));
        QVERIFY(ex.response.decodeError.isEmpty());
    }

    void invalidGzipKeepsTheRawBody()
    {
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::http(200, "OK", { { "Content-Encoding", "gzip" } }, "definitely not gzip");
        });
        Engine engine;
        const Exchange ex = engine.execute(requestSpec(server.url()));
        QVERIFY(!ex.error.isError());
        QCOMPARE(ex.response.rawBody, QByteArray("definitely not gzip"));
        QVERIFY(ex.response.decodeError.contains(QLatin1String("gzip data is invalid")));
        QVERIFY(!ex.warnings.isEmpty());
    }

    // When the guard stops decoding and the raw bytes are no longer all kept, the decoded start
    // stays alone, in memory and in the -o file: raw bytes appended to it would be neither.
    void stoppedDecodingNeverMixesDecodedAndRaw_data()
    {
        QTest::addColumn<bool>("toFile");
        QTest::newRow("memory") << false;
        QTest::newRow("-o file") << true;
    }
    void stoppedDecodingNeverMixesDecodedAndRaw()
    {
        QFETCH(bool, toFile);
        // Blocks of 1 KiB of noise and 150 KiB of zeros: a ratio of about 130, and half a MiB of
        // gzip arriving in many reads, so bytes keep coming after the guard trips.
        QByteArray plain;
        quint32 x = 1;
        while (plain.size() < (64 << 20)) {
            for (int i = 0; i < 1024; ++i) {
                x = x * 1664525u + 1013904223u;
                plain += char(x >> 24);
            }
            plain += QByteArray(150 << 10, '\0');
        }
        const QByteArray packed = Gzip::compress(plain);
        QVERIFY(plain.size() / packed.size() > 100);
        FakeServer server([packed](const FakeRequest &) {
            return FakeResponse::http(200, "OK", { { "Content-Encoding", "gzip" } }, packed);
        });
        QTemporaryDir dir;
        RequestSpec spec = requestSpec(server.url());
        spec.options.maxDecodedSize = 4 << 20;
        spec.options.maxRawBodyKept = 1024; // gone before the 4 MiB are passed
        if (toFile)
            spec.options.outputFile = dir.filePath(QStringLiteral("out"));
        Engine engine;
        const Exchange ex = engine.execute(spec);
        QVERIFY(!ex.error.isError());
        QVERIFY(ex.response.decodeStopped);
        QVERIFY(ex.response.outputIncomplete);
        QByteArray delivered = ex.response.body;
        if (toFile) {
            QFile f(spec.options.outputFile);
            QVERIFY(f.open(QIODevice::ReadOnly));
            delivered = f.readAll();
        }
        QCOMPARE(delivered.size(), ex.response.decodedSize);
        QVERIFY(delivered.size() < plain.size());
        QVERIFY(plain.startsWith(delivered)); // only decoded bytes, no gzip after them
    }

    void largeBodyStreamsToFile()
    {
        QByteArray big(8 << 20, 'a');
        for (qsizetype i = 0; i < big.size(); i += 4096)
            big[i] = char('0' + (i / 4096) % 10);
        FakeServer server([big](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, big); });
        QTemporaryDir dir;
        RequestSpec s = requestSpec(server.url());
        s.options.outputFile = dir.filePath(QStringLiteral("out.bin"));
        Engine engine;
        const Exchange ex = engine.execute(s);
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QVERIFY(ex.response.body.isEmpty());
        QCOMPARE(ex.response.bodyFile, s.options.outputFile);
        QFile f(s.options.outputFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), big);
    }

    void timingsAreOrdered()
    {
        FakeServer server([](const FakeRequest &) {
            FakeResponse r;
            r.chunks = { { 50, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n" }, { 50, "ok" } };
            return r;
        });
        Engine engine;
        const Exchange ex = engine.execute(requestSpec(server.url()));
        QVERIFY(ex.timings.sent && ex.timings.firstByte && ex.timings.total);
        QVERIFY(*ex.timings.sent <= *ex.timings.firstByte);
        QVERIFY(*ex.timings.firstByte <= *ex.timings.total);
        QVERIFY(!ex.timings.dns); // an IP literal needs no lookup
    }
};

QTEST_GUILESS_MAIN(tst_Engine)
#include "tst_engine.moc"
