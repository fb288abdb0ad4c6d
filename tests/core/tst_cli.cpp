// SPDX-License-Identifier: GPL-3.0-or-later
// verbscope-cli as a user runs it: a real process, real exit codes, real output.
#include "core/demo/DemoServer.h"
#include "core/http/Gzip.h"
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::test;

namespace {
using Result = CliResult;

// An export as servers send them: one line repeated, which gzip shrinks about 300 times.
QByteArray csvOf(qsizetype size)
{
    const QByteArray line = "2026-12-07,order-12345,customer-678,EUR,19.99,shipped,warehouse-3,express\n";
    return line.repeated(size / line.size());
}

FakeServer::Responder gzipped(const QByteArray &gz)
{
    return [gz](const FakeRequest &) {
        return FakeResponse::http(200, "OK", { { "Content-Type", "text/csv" }, { "Content-Encoding", "gzip" } }, gz);
    };
}

QByteArray contentsOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// verbscope-cli with stdout sent to `stdoutFile` (a file, as `> out` gives) and extra environment.
Result runCliTo(const QStringList &arguments, const QString &stdoutFile, const QList<QPair<QString, QString>> &env = {})
{
    ProgramRun run(qEnvironmentVariable("VERBSCOPE_CLI"), arguments);
    run.standardOutputFile = stdoutFile;
    for (const auto &[name, value] : env)
        run.environment.insert(name, value);
    return runProgram(run);
}
} // namespace

class tst_Cli final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("VERBSCOPE_CLI").isEmpty(), "VERBSCOPE_CLI must point to verbscope-cli");
    }

    void version()
    {
        const Result r = runCli({ QStringLiteral("--version") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("verbscope-cli "));
    }

    void sendPrintsLikeCurlInclude()
    {
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::bytes(
                "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 4\r\n\r\nnope");
        });
        const Result r
            = runCli({ QStringLiteral("send"), QStringLiteral("-X"), QStringLiteral("PATCH"), server.url() });
        QCOMPARE(r.exitCode, 0); // an HTTP answer arrived, whatever its status
        // The wire transport (the default) prints the version as received.
        QVERIFY2(r.out.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), r.out.constData());
        QVERIFY(r.out.contains("Allow: GET, HEAD\r\n"));
        QVERIFY(r.out.endsWith("\r\n\r\nnope"));
        QCOMPARE(server.requests().constFirst().method, QByteArray("PATCH"));
    }

    void headersInOrderAndDataFile()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}); });
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("b.xml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<propfind/>\n");
        f.close();
        const Result r
            = runCli({ QStringLiteral("send"), QStringLiteral("-X"), QStringLiteral("PROPFIND"), QStringLiteral("-H"),
                QStringLiteral("Depth: 1"), QStringLiteral("-H"), QStringLiteral("X-B: 2"), QStringLiteral("-H"),
                QStringLiteral("X-A: 1"), QStringLiteral("-d"), QLatin1Char('@') + f.fileName(), server.url() });
        QCOMPARE(r.exitCode, 0);
        const FakeRequest req = server.requests().constFirst();
        QVERIFY(req.head.startsWith("PROPFIND / HTTP/1.1\r\n"));
        QVERIFY(req.head.indexOf("Depth: 1") < req.head.indexOf("X-B: 2"));
        QVERIFY(req.head.indexOf("X-B: 2") < req.head.indexOf("X-A: 1"));
        QCOMPARE(req.body, QByteArray("<propfind/>\n"));
    }

    void dataImpliesPost()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}); });
        const Result r = runCli({ QStringLiteral("send"), QStringLiteral("-d"), QStringLiteral("a=1"), server.url() });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(server.requests().constFirst().method, QByteArray("POST"));
        QCOMPARE(server.requests().constFirst().body, QByteArray("a=1"));
    }

    // A URL pasted with a space or a character RFC 3986 never allows is sent percent-encoded, with
    // a warning naming the URL sent, instead of being refused.
    void sendPercentEncodesUnsafeUrlCharacters_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("warning");
        QTest::newRow("space") << QStringLiteral("/a b") << QByteArray("/a%20b")
                               << QByteArray("warning: spaces were percent-encoded: http://127.0.0.1:");
        QTest::newRow("query") << QStringLiteral("/s?q=a b&x={1}") << QByteArray("/s?q=a%20b&x=%7B1%7D")
                               << QByteArray("warning: spaces and { } were percent-encoded: ");
        QTest::newRow("every character") << QStringLiteral("/|{}\"<>^\\`") << QByteArray("/%7C%7B%7D%22%3C%3E%5E%5C%60")
                                         << QByteArray("warning: | { } \" < > ^ \\ ` were percent-encoded: ");
        QTest::newRow("one character") << QStringLiteral("/a|b") << QByteArray("/a%7Cb")
                                       << QByteArray("warning: | was percent-encoded: ");
        QTest::newRow("already encoded") << QStringLiteral("/a%20b") << QByteArray("/a%20b") << QByteArray();
    }
    void sendPercentEncodesUnsafeUrlCharacters()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, warning);
        FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}); });
        const Result r = runCli({ QStringLiteral("send"), QStringLiteral("--no-history"),
            QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(path) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().constFirst().target, target);
        if (warning.isEmpty())
            QVERIFY2(!r.err.contains("percent-encoded"), r.err.constData());
        else
            QVERIFY2(r.err.contains(warning) && r.err.contains(target), r.err.constData());
    }

    void usageErrorsNameTheProblem_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("bad method") << QStringList { QStringLiteral("-X"), QStringLiteral("GE(T") }
                                    << QByteArray("character 3, '(' (0x28)");
        QTest::newRow("bad header name") << QStringList { QStringLiteral("-H"), QStringLiteral("Bad Name: x") }
                                         << QByteArray("header 1: header name \"Bad Name\": character 4, space");
        QTest::newRow("header without colon") << QStringList { QStringLiteral("-H"), QStringLiteral("NoColon") }
                                              << QByteArray("expected \"Name: value\"");
        QTest::newRow("bad timeout") << QStringList { QStringLiteral("--timeout"), QStringLiteral("soon") }
                                     << QByteArray("--timeout \"soon\"");
        QTest::newRow("missing data file") << QStringList { QStringLiteral("-d"), QStringLiteral("@/nonexistent/file") }
                                           << QByteArray("does not exist");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("--frobnicate") } << QByteArray("frobnicate");
        QTest::newRow("bad max-time") << QStringList { QStringLiteral("--max-time"), QStringLiteral("0") }
                                      << QByteArray("--max-time \"0\": must be greater than 0");
        QTest::newRow("huge timeout") << QStringList { QStringLiteral("--timeout"), QStringLiteral("99999999999") }
                                      << QByteArray("--timeout \"99999999999\": too long (at most 1w)");
        QTest::newRow("bad max-redirs") << QStringList { QStringLiteral("--max-redirs"), QStringLiteral("-1") }
                                        << QByteArray("--max-redirs \"-1\": expected a whole number, 0 or more");
        QTest::newRow("http2 on the wire") << QStringList { QStringLiteral("--http2"), QStringLiteral("--wire") }
                                           << QByteArray("--http2 cannot be combined with --wire");
        QTest::newRow("bad max-decoded-size")
            << QStringList { QStringLiteral("--max-decoded-size"), QStringLiteral("12X") }
            << QByteArray("--max-decoded-size \"12X\": expected a size greater than 0, in bytes or with a unit: "
                          "512K, 64M, 2G, 1T (powers of 1024)");
        QTest::newRow("zero max-decoded-size") << QStringList { QStringLiteral("--max-decoded-size"),
            QStringLiteral("0") } << QByteArray("--max-decoded-size \"0\": expected a size greater than 0");
        QTest::newRow("-o - with --json") << QStringList { QStringLiteral("--json"), QStringLiteral("-o"),
            QStringLiteral("-") } << QByteArray("-o - would mix the body into the output of --json");
    }
    void usageErrorsNameTheProblem()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}); });
        const Result r = runCli(QStringList { QStringLiteral("send") } + args + QStringList { server.url() });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QCOMPARE(server.connectionCount(), 0);
    }

    // No secret is ever printed in an error message (docs/robustness.md, "Secrets").
    void secretsNeverInErrorMessages_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("exitCode");
        const QString pw = QStringLiteral("s3cr3tpw");
        QTest::newRow("invalid url") << QStringList { QStringLiteral("http://user:%1@127.0.0.1:99999/x").arg(pw) }
                                     << QByteArray("http://user:****@127.0.0.1:99999/x") << 2;
        QTest::newRow("not http") << QStringList { QStringLiteral("ftp://user:%1@127.0.0.1/x").arg(pw) }
                                  << QByteArray("ftp://user:****@127.0.0.1/x") << 2;
        QTest::newRow("header without colon") << QStringList { QStringLiteral("-H"),
            QStringLiteral("Authorization Bearer %1").arg(pw), QStringLiteral("http://127.0.0.1:9/") }
                                              << QByteArray("-H \"Authorization \xe2\x80\xa6\"") << 2;
        QTest::newRow("cookie with = instead of colon") << QStringList { QStringLiteral("-H"),
            QStringLiteral("Cookie=%1").arg(pw), QStringLiteral("http://127.0.0.1:9/") }
                                                        << QByteArray("-H \"Cookie \xe2\x80\xa6\"") << 2;
        QTest::newRow("api key with ; instead of colon") << QStringList { QStringLiteral("-H"),
            QStringLiteral("X-Functions-Key;%1").arg(pw), QStringLiteral("http://127.0.0.1:9/") }
                                                         << QByteArray("-H \"X-Functions-Key \xe2\x80\xa6\"") << 2;
        QTest::newRow("token query in an invalid url")
            << QStringList { QStringLiteral("http://127.0.0.1:99999/x?code=%1").arg(pw) }
            << QByteArray("http://127.0.0.1:99999/x?code=****") << 2;
        QTest::newRow("bad proxy scheme") << QStringList { QStringLiteral("--proxy"),
            QStringLiteral("ftp://u:%1@127.0.0.1:1").arg(pw), QStringLiteral("http://127.0.0.1:9/") }
                                          << QByteArray("ftp://u:****@127.0.0.1:1") << 2;
    }
    void secretsNeverInErrorMessages()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        QFETCH(int, exitCode);
        const Result r = runCli(QStringList { QStringLiteral("send") } + args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY2(!r.err.contains("s3cr3tpw") && !r.out.contains("s3cr3tpw"), r.err.constData());
    }

    void proxyPasswordNeverShown()
    {
        quint16 port;
        {
            FakeServer s([](const FakeRequest &) { return FakeResponse::hangUp(); });
            port = s.port();
        }
        const QString proxy = QStringLiteral("http://u:s3cr3tpw@127.0.0.1:%1").arg(port);
        for (const bool wire : { false, true }) {
            QStringList args { QStringLiteral("send"), QStringLiteral("-v"), QStringLiteral("--json"),
                QStringLiteral("--proxy"), proxy, QStringLiteral("http://127.0.0.1:9/x") };
            if (wire)
                args.insert(1, QStringLiteral("--wire"));
            const Result r = runCli(args);
            QCOMPARE(r.exitCode, 3);
            QVERIFY2(!r.err.contains("s3cr3tpw") && !r.out.contains("s3cr3tpw"), r.err.constData());
        }
    }

    void redirectLimitMessageHidesPassword()
    {
        quint16 port = 0;
        FakeServer server([&port](const FakeRequest &) {
            return FakeResponse::http(
                302, "Found", { { "Location", "http://u:s3cr3tpw@127.0.0.1:" + QByteArray::number(port) + "/again" } });
        });
        port = server.port();
        const Result r = runCli({ QStringLiteral("send"), QStringLiteral("-L"), QStringLiteral("--max-redirs"),
            QStringLiteral("1"), server.url(QStringLiteral("/start")) });
        QVERIFY2(r.err.contains("more than 1 redirects"), r.err.constData());
        QVERIFY2(r.err.contains("u:****@127.0.0.1"), r.err.constData());
        QVERIFY2(!r.err.contains("s3cr3tpw"), r.err.constData());
    }

    void transportErrorExitsThree()
    {
        quint16 port;
        {
            FakeServer s([](const FakeRequest &) { return FakeResponse::hangUp(); });
            port = s.port();
        }
        const Result r = runCli({ QStringLiteral("send"), QStringLiteral("http://127.0.0.1:%1/").arg(port) });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("refused"), r.err.constData());
    }

    void jsonFormat()
    {
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::bytes("HTTP/1.1 501 Not Implemented\r\nContent-Length: 2\r\nX-Bin: 1\r\n\r\nno");
        });
        const Result r = runCli({ QStringLiteral("send"), QStringLiteral("--json"), QStringLiteral("-X"),
            QStringLiteral("QUERY"), QStringLiteral("-d"), QStringLiteral("q"), server.url(QStringLiteral("/x")) });
        QCOMPARE(r.exitCode, 0);
        QJsonParseError err {};
        const QJsonObject doc = QJsonDocument::fromJson(r.out, &err).object();
        QCOMPARE(err.error, QJsonParseError::NoError);
        QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("verbscope.exchange/1"));
        QCOMPARE(doc.value(QStringLiteral("fidelity")).toString(), QStringLiteral("wire"));
        const QJsonObject req = doc.value(QStringLiteral("request")).toObject();
        QCOMPARE(req.value(QStringLiteral("method")).toString(), QStringLiteral("QUERY"));
        QCOMPARE(req.value(QStringLiteral("bodySize")).toInt(), 1);
        QCOMPARE(req.value(QStringLiteral("headers")).toArray().first().toArray().first().toString(),
            QStringLiteral("Host"));
        const QJsonObject resp = doc.value(QStringLiteral("response")).toObject();
        QCOMPARE(resp.value(QStringLiteral("status")).toInt(), 501);
        QCOMPARE(resp.value(QStringLiteral("reason")).toString(), QStringLiteral("Not Implemented"));
        QCOMPARE(resp.value(QStringLiteral("body")).toString(), QStringLiteral("no"));
        QCOMPARE(resp.value(QStringLiteral("bodySize")).toInt(), 2);
        QVERIFY(doc.value(QStringLiteral("error")).isNull());
        QVERIFY(doc.value(QStringLiteral("timings")).toObject().contains(QStringLiteral("firstByte")));
        QVERIFY(doc.value(QStringLiteral("hops")).isArray());
    }

    void binaryBodyGoesToFileWithO()
    {
        const QByteArray bin("\x00\x01\x02\xff", 4);
        FakeServer server([bin](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, bin); });
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("o.bin"));
        const Result r = runCli({ QStringLiteral("send"), QStringLiteral("-o"), out, server.url() });
        QCOMPARE(r.exitCode, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), bin);
        QVERIFY(r.err.contains("4 bytes written"));
    }

    void verboseShowsRequestAsSent()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}); });
        const Result r = runCli({ QStringLiteral("send"), QStringLiteral("-v"), QStringLiteral("-X"),
            QStringLiteral("get"), server.url() });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("> get / HTTP/1.1"), r.err.constData());
        QVERIFY(!r.err.contains("> User-Agent:")); // the wire transport sends what was asked for
        QVERIFY(r.err.contains("< HTTP/1.1 200 OK"));
        QVERIFY(r.err.contains("* fidelity: wire"));
        QCOMPARE(server.requests().constFirst().method, QByteArray("get"));

        // --qt: Qt's view, with the headers it adds.
        const Result qt = runCli({ QStringLiteral("send"), QStringLiteral("-v"), QStringLiteral("--qt"),
            QStringLiteral("-X"), QStringLiteral("get"), server.url() });
        QCOMPARE(qt.exitCode, 0);
        QVERIFY2(qt.err.contains("> get / HTTP/1.1"), qt.err.constData());
        QVERIFY(qt.err.contains("> User-Agent: VerbScope/"));
        QVERIFY(qt.err.contains("< HTTP/1.x 200 OK"));
        QVERIFY(qt.err.contains("* fidelity: qt"));

        const Result both
            = runCli({ QStringLiteral("send"), QStringLiteral("--qt"), QStringLiteral("--wire"), server.url() });
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(both.err.contains("--qt and --wire"), both.err.constData());
    }

    // Issue 18: a 40 MiB CSV served gzip (ratio about 300) tripped the bomb guard, and -o got 0
    // bytes, -b nothing, exit 0. Under the default limits it is a download like any other.
    void compressibleDownloadIsDecodedWhole()
    {
        const QByteArray csv = csvOf(40 << 20);
        const QByteArray gz = verbscope::http::Gzip::compress(csv);
        QVERIFY2(csv.size() / gz.size() > 200, qPrintable(QString::number(csv.size() / gz.size())));
        FakeServer server(gzipped(gz));
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("orders.csv"));
        const Result file = runCli({ QStringLiteral("send"), QStringLiteral("-o"), out, server.url() });
        QCOMPARE(file.exitCode, 0);
        QVERIFY2(!file.err.contains("decoding stopped"), file.err.constData());
        QVERIFY(contentsOf(out) == csv);

        const Result body = runCli({ QStringLiteral("send"), QStringLiteral("-b"), server.url() });
        QCOMPARE(body.exitCode, 0);
        QCOMPARE(body.out.size(), csv.size());
        QVERIFY(body.out == csv);
    }

    // When the guard does stop decoding (here a small --max-decoded-size), the bytes that arrived
    // are what the user gets: the gzip stream, whole, never a decoded start; exit 1 and why.
    void decodedSizeLimitKeepsTheRawBody()
    {
        const QByteArray csv = csvOf(40 << 20);
        const QByteArray gz = verbscope::http::Gzip::compress(csv);
        FakeServer server(gzipped(gz));
        QTemporaryDir dir;
        const QStringList limit { QStringLiteral("--max-decoded-size"), QStringLiteral("1M") };

        const QString out = dir.filePath(QStringLiteral("orders.csv.gz"));
        const Result file = runCli(
            QStringList { QStringLiteral("send"), QStringLiteral("-o"), out } + limit + QStringList { server.url() });
        QCOMPARE(file.exitCode, 1);
        QVERIFY(contentsOf(out) == gz);
        QByteArray back;
        QVERIFY(verbscope::http::Gzip::decompress(contentsOf(out), back));
        QVERIFY(back == csv);
        QVERIFY2(file.err.contains(QStringLiteral("\"%1\" holds the body as received, still gzip-encoded (%2 bytes), "
                                                  "not the decoded body")
                                       .arg(out)
                                       .arg(gz.size())
                                       .toUtf8()),
            file.err.constData());
        QVERIFY2(file.err.contains("raise the limit with --max-decoded-size SIZE"), file.err.constData());
        QVERIFY2(file.err.contains("decoded-size limit of 1048576 bytes"), file.err.constData());

        // -b into a redirected stdout, which can be rewound like a file.
        const QString redirected = dir.filePath(QStringLiteral("stdout"));
        const Result body = runCliTo(
            QStringList { QStringLiteral("send"), QStringLiteral("-b") } + limit + QStringList { server.url() },
            redirected);
        QCOMPARE(body.exitCode, 1);
        QVERIFY(contentsOf(redirected) == gz);
        QVERIFY2(
            body.err.contains("standard output holds the body as received, still gzip-encoded"), body.err.constData());

        // --json says so in fields, with the raw bytes as the body.
        const Result json = runCli(
            QStringList { QStringLiteral("send"), QStringLiteral("--json") } + limit + QStringList { server.url() });
        QCOMPARE(json.exitCode, 1);
        const QJsonObject resp
            = QJsonDocument::fromJson(json.out).object().value(QStringLiteral("response")).toObject();
        QVERIFY(resp.value(QStringLiteral("decodeStopped")).toBool());
        QVERIFY(resp.value(QStringLiteral("decodeError")).toString().contains(QLatin1String("decompression bomb")));
        QVERIFY(QByteArray::fromBase64(resp.value(QStringLiteral("bodyBase64")).toString().toLatin1()) == gz);
        QVERIFY2(json.err.contains("the JSON's body holds the body as received"), json.err.constData());
    }

    // Issue 18: a 1 GiB body to stdout stopped at 256 MiB with exit 0. Streamed, it has no limit:
    // 300 MiB from the demo server's /large, past the 256 MiB that memory may hold.
    void bodyToStdoutHasNoSizeLimit()
    {
        verbscope::demo::DemoServer demo;
        QVERIFY(demo.listen(0));
        QTemporaryDir dir;
        const QString redirected = dir.filePath(QStringLiteral("stdout"));
        const Result r = runCliTo({ QStringLiteral("send"), QStringLiteral("-b"), QStringLiteral("--no-history"),
                                      QStringLiteral("http://127.0.0.1:%1/large?mb=300").arg(demo.port()) },
            redirected);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QFileInfo(redirected).size(), 300LL << 20);
        QVERIFY2(!r.err.contains("truncated"), r.err.constData());
    }

    // Where the body must be held (--json), the limit stays; reaching it is exit 1, said precisely.
    void bodyOverTheMemoryLimit()
    {
        const QByteArray body = QByteArray("0123456789abcdef").repeated(3 << 16); // 3 MiB
        FakeServer server([body](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, body); });
        QTemporaryDir dir;
        const QList<QPair<QString, QString>> oneMiB { { QStringLiteral("VERBSCOPE_MAX_BODY_IN_MEMORY"),
            QStringLiteral("1M") } };
        const Result piped = runCliTo({ QStringLiteral("send"), QStringLiteral("-b"), server.url() },
            dir.filePath(QStringLiteral("piped")), oneMiB);
        QCOMPARE(piped.exitCode, 0); // streamed: the limit is not for it
        QVERIFY(contentsOf(dir.filePath(QStringLiteral("piped"))) == body);

        const QString jsonFile = dir.filePath(QStringLiteral("json"));
        const Result json
            = runCliTo({ QStringLiteral("send"), QStringLiteral("--json"), server.url() }, jsonFile, oneMiB);
        QCOMPARE(json.exitCode, 1);
        const QJsonObject resp
            = QJsonDocument::fromJson(contentsOf(jsonFile)).object().value(QStringLiteral("response")).toObject();
        QVERIFY(resp.value(QStringLiteral("bodyTruncated")).toBool());
        QCOMPARE(resp.value(QStringLiteral("body")).toString().size(), 1 << 20);
        QCOMPARE(resp.value(QStringLiteral("decodedSize")).toInteger(), body.size());
        QVERIFY2(json.err.contains(QStringLiteral("the JSON's body holds only the first 1048576 of the %1 bytes of "
                                                  "the body (the in-memory limit, \"bodyTruncated\": true); use -o "
                                                  "FILE for the whole body")
                                       .arg(body.size())
                                       .toUtf8()),
            json.err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
