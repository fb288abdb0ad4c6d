// SPDX-License-Identifier: GPL-3.0-or-later
// The wire transport against hostile and broken servers, and the Qt transport beside it where
// the comparison says something. Every scenario must end in a faithful record or a clear error.
#include "core/http/Engine.h"
#include "core/http/Exchange.h"
#include "core/http/QtFraming.h"
#include "core/http/WireTransport.h"
#include "tests/support/Certificates.h"
#include "tests/support/CliRunner.h"
#include "tests/support/ExchangeBuilder.h"
#include "tests/support/FakeServer.h"
#include "tests/support/ServerFixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

using namespace verbscope::http;
using namespace verbscope::test;

namespace {

RequestSpec makeSpec(const QString &url, TransportKind kind, const QByteArray &method = "GET")
{
    RequestSpec s = requestSpec(url, method, 5000);
    s.options.transport = kind;
    return s;
}

void addTransportColumn()
{
    QTest::addColumn<TransportKind>("kind");
}

QString joined(const QStringList &list)
{
    return list.join(QLatin1Char('\n'));
}

// gzip of `size` zero bytes, compressed block by block so the test itself stays small.
QByteArray gzipZeros(qint64 size)
{
    z_stream zs {};
    deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY);
    const QByteArray block(1 << 20, '\0');
    QByteArray out;
    char buf[1 << 16];
    for (qint64 done = 0; done < size; done += block.size()) {
        const bool last = done + block.size() >= size;
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(block.constData()));
        zs.avail_in = uInt(block.size());
        do {
            zs.next_out = reinterpret_cast<Bytef *>(buf);
            zs.avail_out = sizeof buf;
            deflate(&zs, last ? Z_FINISH : Z_NO_FLUSH);
            out.append(buf, qsizetype(sizeof buf - zs.avail_out));
        } while (zs.avail_out == 0);
    }
    deflateEnd(&zs);
    return out;
}

// Records what a transport reports when driven without the engine.
class Recorder final : public HopObserver
{
public:
    QList<ResponseHead> informational;
    std::optional<ResponseHead> head;
    QByteArray body;
    std::optional<Hop> hop;
    void hopInformational(const ResponseHead &h) override { informational << h; }
    void hopHead(const ResponseHead &h) override { head = h; }
    bool hopBody(QByteArrayView raw) override
    {
        body.append(raw);
        return true;
    }
    void hopFinished(Hop h) override { hop = std::move(h); }
};

} // namespace

Q_DECLARE_METATYPE(verbscope::http::TransportKind)

class tst_WireTransport final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_certDir;
    CertificateFiles m_selfSigned;
    CertificateFiles m_expired;
    CertificateFiles m_wrongHost;
    CertificateFiles m_unknownIssuer; // a leaf signed by a CA the client does not trust

private Q_SLOTS:
    void initTestCase();

    // What goes out
    void requestBytesExact_data();
    void requestBytesExact();
    void hostAndContentLengthOnlyWhenAbsent();
    void targetWithForbiddenByteRefused();
    void requestTargetAsTyped_data();
    void requestTargetAsTyped();

    // What comes back
    void pythonHttpServerShowsHttp10AndReason();
    void duplicateAndEmptyHeadersExact_data();
    void duplicateAndEmptyHeadersExact();
    void garbageStatusLine_data();
    void garbageStatusLine();
    void http10WithoutLength();
    void lfOnlyLineEnds();
    void obsFold();
    void headerWithoutColon();
    void contentLengthProblems_data();
    void contentLengthProblems();
    void invalidChunkSizeKeepsWhatArrived();
    void hostileFraming_data();
    void hostileFraming();
    void qtAbortLeavesTheNextRequestClean();
    void chunkedTrailers();
    void truncatedBodies_data();
    void truncatedBodies();
    void tenMegabyteHeader_data();
    void tenMegabyteHeader();
    void tenThousandHeaders_data();
    void tenThousandHeaders();
    void continueThenOk_data();
    void continueThenOk();
    void earlyHintsThenOk_data();
    void earlyHintsThenOk();
    void noContentWithBody();
    void bodyLongerThanContentLength();
    void bodyLongerThanContentLengthInPieces();
    void headHasNoBody();

    // Sending once, timeouts
    void closeBeforeAnyResponse_data();
    void closeBeforeAnyResponse();
    void closeOnReusedConnectionIsNotResent_data();
    void closeOnReusedConnectionIsNotResent();
    void stallBeforeHeaders_data();
    void stallBeforeHeaders();
    void connectTimeoutGivesWayToIdleOnceConnected();
    void stallMidBody_data();
    void stallMidBody();
    void oneByteEveryHalfSecond_data();
    void oneByteEveryHalfSecond();
    void refused();
    void totalDeadline();
    void bodyFromFileStreamed();
    void largeBodies_data();
    void largeBodies();

    // Content coding and redirects (engine on top of the wire transport)
    void gzipBomb_data();
    void gzipBomb();
    void invalidCoding_data();
    void invalidCoding();
    void redirectLoop();
    void redirectWithoutLocation();

    // Connections
    void keepAliveReuse();
    void connectionCloseAndHttp10NotReused_data();
    void connectionCloseAndHttp10NotReused();
    void idleConnectionClosedByServerIsReplaced();
    void timingsMeasured();

    // TLS
    void tlsCertificateProblems_data();
    void tlsCertificateProblems();
    void tlsInsecureAcceptsAndRecords_data();
    void tlsInsecureAcceptsAndRecords();
    void insecureConnectionNotReusedForVerifiedRequest();

    // Proxies
    void httpProxyAbsoluteForm();
    void proxyCredentialsAreSentAndHidden();
    void connectRefusedByProxy();
    void connectTunnelThroughRealProxy();

    // CLI
    void cliRawIsByteExact();
    void cliJsonHasRawHeads();
    void cliDiagnoseOffersTheWireTransport();
};

void tst_WireTransport::initTestCase()
{
    QVERIFY(m_certDir.isValid());
    Certificates make(m_certDir.path());
    m_selfSigned = make.selfSigned(QStringLiteral("self"));
    m_expired = make.expired(QStringLiteral("expired"));
    m_wrongHost = make.wrongHost(QStringLiteral("wrong"));
    m_unknownIssuer = make.signedBy(make.authority(QStringLiteral("ca")), QStringLiteral("leaf"));
    QVERIFY2(!m_selfSigned.isNull() && !m_expired.isNull() && !m_wrongHost.isNull() && !m_unknownIssuer.isNull(),
        qPrintable(make.error()));
    QVERIFY(QSslCertificate(m_expired.certificate).expiryDate() < QDateTime::currentDateTimeUtc());
}

// ---------------------------------------------------------------------------------------------

void tst_WireTransport::requestBytesExact_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("hasBody");
    QTest::newRow("GET with a body") << QByteArray("GET") << QStringLiteral("/search")
                                     << HeaderList { { "Content-Type", "application/json" } } << QByteArray("{\"q\":1}")
                                     << true;
    QTest::newRow("PROPFIND with XML")
        << QByteArray("PROPFIND") << QStringLiteral("/dav/")
        << HeaderList { { "Depth", "1" }, { "Content-Type", "application/xml; charset=utf-8" } }
        << QByteArray("<?xml version=\"1.0\"?>\n<propfind xmlns=\"DAV:\"><allprop/></propfind>\n") << true;
    QTest::newRow("FOO") << QByteArray("FOO") << QStringLiteral("/") << HeaderList {} << QByteArray() << false;
    QTest::newRow("lower-case get") << QByteArray("get") << QStringLiteral("/x") << HeaderList { { "accept", "*/*" } }
                                    << QByteArray() << false;
    QTest::newRow("duplicate headers") << QByteArray("GET") << QStringLiteral("/")
                                       << HeaderList { { "X-Dup", "one" }, { "x-dup", "two" }, { "X-DUP", "" },
                                              { "Cookie", "a=1" }, { "Cookie", "b=2" } }
                                       << QByteArray() << false;
    QTest::newRow("dot segments and bad escape")
        << QByteArray("GET") << QStringLiteral("/a/../b/%zz") << HeaderList {} << QByteArray() << false;
    QTest::newRow("empty body") << QByteArray("POST") << QStringLiteral("/e") << HeaderList {} << QByteArray() << true;
}

void tst_WireTransport::requestBytesExact()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, hasBody);
    FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, "ok"); });
    RequestSpec spec = makeSpec(server.url(path), TransportKind::Wire, method);
    spec.headers = headers;
    spec.body = body;
    spec.hasBody = hasBody;
    Engine engine;
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.fidelity, Fidelity::Wire);
    QCOMPARE(server.requests().size(), 1);
    const FakeRequest got = server.requests().first();
    QCOMPARE(got.head, ex.request.rawHead);
    QCOMPARE(got.raw, ex.request.rawHead + body);
    QCOMPARE(got.method, method);
    QCOMPARE(got.target, path.toLatin1());
    QCOMPARE(ex.request.target, path.toLatin1());
    QVERIFY(
        ex.request.rawHead.startsWith(QByteArray(method + ' ' + path.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1:")));
    // Headers in wire order: Host, the user's exactly, Content-Length when there is a body.
    HeaderList expected { { "Host", "127.0.0.1:" + QByteArray::number(server.port()) } };
    expected += headers;
    if (hasBody)
        expected.append({ "Content-Length", QByteArray::number(body.size()) });
    QCOMPARE(ex.request.headers, expected);
    QByteArray head = method + ' ' + path.toLatin1() + " HTTP/1.1\r\n";
    for (const Header &h : expected)
        head += h.name + ": " + h.value + "\r\n";
    QCOMPARE(ex.request.rawHead, head + "\r\n");
    QCOMPARE(ex.response.body, QByteArray("ok"));
}

void tst_WireTransport::hostAndContentLengthOnlyWhenAbsent()
{
    FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}); });
    RequestSpec spec = makeSpec(server.url(QStringLiteral("/h")), TransportKind::Wire, "POST");
    spec.headers = { { "X-First", "1" }, { "host", "virtual.example" }, { "content-length", "3" } };
    spec.body = "abc";
    spec.hasBody = true;
    Engine engine;
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(server.requests().first().raw,
        QByteArray("POST /h HTTP/1.1\r\nX-First: 1\r\nhost: virtual.example\r\ncontent-length: 3\r\n\r\nabc"));
    QCOMPARE(ex.request.headers, spec.headers);
}

void tst_WireTransport::targetWithForbiddenByteRefused()
{
    // The engine validates first; the transport checks again on its own (driven directly here).
    FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}); });
    WireTransport transport;
    Recorder recorder;
    HopRequest req;
    req.method = "GET";
    req.urlText = server.url(QStringLiteral("/a\r\nX-Injected: 1"));
    req.url = QUrl(server.url());
    req.options.idleTimeoutMs = 2000;
    transport.start(req, &recorder);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.hop.has_value(), 5000);
    QCOMPARE(recorder.hop->error.kind, ErrorKind::InvalidRequest);
    const int pos = int(req.urlText.indexOf(QLatin1Char('\r'))) + 1;
    QVERIFY2(recorder.hop->error.message.contains(QStringLiteral("character %1 is CR").arg(pos)),
        qPrintable(recorder.hop->error.message));
    QTest::qWait(50);
    QCOMPARE(server.connectionCount(), 0);
}

void tst_WireTransport::requestTargetAsTyped_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("absolute");
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("root") << QStringLiteral("http://h:1") << false << QByteArray("/");
    QTest::newRow("query only") << QStringLiteral("http://h:1?x=1") << false << QByteArray("/?x=1");
    QTest::newRow("fragment dropped") << QStringLiteral("http://h/p?q#frag") << false << QByteArray("/p?q");
    QTest::newRow("dots and escapes kept")
        << QStringLiteral("http://h/a/./../b/%zz%2F?%%") << false << QByteArray("/a/./../b/%zz%2F?%%");
    QTest::newRow("space encoded") << QStringLiteral("http://h/a b") << false << QByteArray("/a%20b");
    QTest::newRow("utf-8 encoded") << QStringLiteral("http://h/\u00e9") << false << QByteArray("/%C3%A9");
    QTest::newRow("absolute") << QStringLiteral("http://h:8/a/../b?q#f") << true << QByteArray("http://h:8/a/../b?q");
    QTest::newRow("absolute root") << QStringLiteral("http://h:8") << true << QByteArray("http://h:8/");
    QTest::newRow("absolute without credentials")
        << QStringLiteral("http://u:p@h/x") << true << QByteArray("http://h/x");
}

void tst_WireTransport::requestTargetAsTyped()
{
    QFETCH(QString, url);
    QFETCH(bool, absolute);
    QFETCH(QByteArray, target);
    QCOMPARE(WireTransport::requestTarget(url, absolute), target);
}

// ---------------------------------------------------------------------------------------------

void tst_WireTransport::pythonHttpServerShowsHttp10AndReason()
{
    PythonHttpFixture python;
    VERBSCOPE_START_FIXTURE(python);
    Engine engine;
    Exchange ex = engine.execute(makeSpec(python.url(), TransportKind::Wire));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.head.status, 200);
    QCOMPARE(ex.response.head.httpVersion, QStringLiteral("1.0"));
    QCOMPARE(ex.response.head.reason, QByteArray("OK"));
    QVERIFY(ex.response.head.rawHead.startsWith("HTTP/1.0 200 OK\r\n"));
    QVERIFY(ex.response.body.contains("VerbScope python fixture"));

    ex = engine.execute(makeSpec(python.url(), TransportKind::Wire, "FOO"));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.head.status, 501);
    QCOMPARE(ex.response.head.httpVersion, QStringLiteral("1.0"));
    QCOMPARE(ex.response.head.reason, QByteArray("Unsupported method ('FOO')"));

    // The Qt transport cannot tell the version.
    ex = engine.execute(makeSpec(python.url(), TransportKind::Qt, "FOO"));
    QCOMPARE(ex.response.head.status, 501);
    QCOMPARE(ex.response.head.httpVersion, QStringLiteral("1.x"));
}

void tst_WireTransport::duplicateAndEmptyHeadersExact_data()
{
    addTransportColumn();
    QTest::newRow("wire") << TransportKind::Wire;
    QTest::newRow("qt") << TransportKind::Qt;
}

void tst_WireTransport::duplicateAndEmptyHeadersExact()
{
    QFETCH(TransportKind, kind);
    const QByteArray head = "HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nX-Empty:\r\nset-cookie: b=2\r\n"
                            "X-Other: x\r\nSet-Cookie: c=3\r\nX-Blank: \r\nContent-Length: 2\r\n\r\n";
    FakeServer server([&](const FakeRequest &) { return FakeResponse::bytes(head + "ok"); });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), kind));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    if (kind == TransportKind::Wire) {
        const HeaderList expected { { "Set-Cookie", "a=1; Path=/" }, { "X-Empty", "" }, { "set-cookie", "b=2" },
            { "X-Other", "x" }, { "Set-Cookie", "c=3" }, { "X-Blank", "" }, { "Content-Length", "2" } };
        QCOMPARE(ex.response.head.headers, expected);
        QCOMPARE(ex.response.head.rawHead, head);
        QCOMPARE(ex.fidelity, Fidelity::Wire);
    } else {
        // Observed: Qt merges the cookies into one field and drops the empty ones.
        QCOMPARE(headerValues(ex.response.head.headers, "Set-Cookie").size(), 1);
        QVERIFY(!hasHeader(ex.response.head.headers, "X-Empty"));
        QVERIFY(!hasHeader(ex.response.head.headers, "X-Blank"));
        QCOMPARE(ex.fidelity, Fidelity::Qt);
    }
}

void tst_WireTransport::garbageStatusLine_data()
{
    addTransportColumn();
    QTest::addColumn<int>("expectedRequests");
    QTest::newRow("wire") << TransportKind::Wire << 1;
    QTest::newRow("qt") << TransportKind::Qt << 4; // observed: Qt re-sends three times
}

void tst_WireTransport::garbageStatusLine()
{
    QFETCH(TransportKind, kind);
    QFETCH(int, expectedRequests);
    FakeServer server([](const FakeRequest &) { return FakeResponse::bytes("SPEAK FRIEND AND ENTER\r\n\r\n", true); });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), kind, "POST");
    spec.body = "once";
    spec.hasBody = true;
    const Exchange ex = engine.execute(spec);
    QVERIFY(ex.error.isError());
    QCOMPARE(server.requests().size(), expectedRequests);
    if (kind == TransportKind::Wire) {
        QCOMPARE(ex.error.kind, ErrorKind::Protocol);
        QVERIFY2(ex.error.message.contains(QLatin1String("status line"))
                && ex.error.message.contains(QLatin1String("SPEAK FRIEND")),
            qPrintable(ex.error.message));
        QVERIFY(!ex.response.received);
    } else {
        QVERIFY2(joined(ex.warnings).contains(QLatin1String("more than once")), qPrintable(joined(ex.warnings)));
    }
}

void tst_WireTransport::http10WithoutLength()
{
    FakeServer server([](const FakeRequest &) {
        return FakeResponse::bytes("HTTP/1.0 200 Fine Thanks\r\nServer: ancient\r\n\r\nbody until close", true);
    });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.head.httpVersion, QStringLiteral("1.0"));
    QCOMPARE(ex.response.head.reason, QByteArray("Fine Thanks"));
    QCOMPARE(ex.response.body, QByteArray("body until close"));
    QCOMPARE(qobject_cast<WireTransport *>(engine.transport(TransportKind::Wire))->idleCount(), 0);
}

void tst_WireTransport::lfOnlyLineEnds()
{
    const QByteArray head = "HTTP/1.1 200 OK\nX-A: 1\nContent-Length: 3\n\n";
    FakeServer server([&](const FakeRequest &) { return FakeResponse::bytes(head + "abc"); });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.head.rawHead, head);
    QCOMPARE(ex.response.head.headers, (HeaderList { { "X-A", "1" }, { "Content-Length", "3" } }));
    QCOMPARE(ex.response.body, QByteArray("abc"));
    QVERIFY2(joined(ex.warnings).contains(QLatin1String("bare LF")), qPrintable(joined(ex.warnings)));
}

void tst_WireTransport::obsFold()
{
    const QByteArray head = "HTTP/1.1 200 OK\r\nX-Folded: one\r\n two\r\n\tthree\r\nContent-Length: 0\r\n\r\n";
    FakeServer server([&](const FakeRequest &) { return FakeResponse::bytes(head); });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.head.rawHead, head);
    QCOMPARE(headerValue(ex.response.head.headers, "X-Folded"), QByteArray("one two three"));
    QVERIFY(joined(ex.warnings).contains(QLatin1String("folded")));
}

void tst_WireTransport::headerWithoutColon()
{
    FakeServer server([](const FakeRequest &) {
        return FakeResponse::bytes("HTTP/1.1 200 OK\r\nX-Ok: 1\r\nNoColonHere\r\nContent-Length: 0\r\n\r\n");
    });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QCOMPARE(ex.error.kind, ErrorKind::Protocol);
    QVERIFY2(
        ex.error.message.contains(QLatin1String("no colon")) && ex.error.message.contains(QLatin1String("NoColonHere")),
        qPrintable(ex.error.message));
    QCOMPARE(server.requests().size(), 1);
}

void tst_WireTransport::contentLengthProblems_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("message");
    QTest::newRow("duplicate, same") << QByteArray("Content-Length: 4\r\nContent-Length: 4\r\n") << true
                                     << QStringLiteral("2 times");
    QTest::newRow("conflicting") << QByteArray("Content-Length: 4\r\nContent-Length: 40\r\n") << false
                                 << QStringLiteral("conflicting Content-Length values 4 and 40");
    QTest::newRow("negative") << QByteArray("Content-Length: -4\r\n") << false
                              << QStringLiteral("negative Content-Length -4");
    QTest::newRow("garbage") << QByteArray("Content-Length: four\r\n") << false
                             << QStringLiteral("invalid Content-Length");
}

void tst_WireTransport::contentLengthProblems()
{
    QFETCH(QByteArray, fields);
    QFETCH(bool, ok);
    QFETCH(QString, message);
    FakeServer server([&](const FakeRequest &) {
        return FakeResponse::bytes("HTTP/1.1 200 OK\r\nX-Before: 1\r\n" + fields + "\r\nbody");
    });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QVERIFY(ex.response.received); // the head is kept either way
    QCOMPARE(headerValue(ex.response.head.headers, "X-Before"), QByteArray("1"));
    if (ok) {
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.body, QByteArray("body"));
        QVERIFY2(joined(ex.warnings).contains(message), qPrintable(joined(ex.warnings)));
    } else {
        QCOMPARE(ex.error.kind, ErrorKind::Protocol);
        QVERIFY2(ex.error.message.contains(message), qPrintable(ex.error.message));
    }
}

void tst_WireTransport::invalidChunkSizeKeepsWhatArrived()
{
    FakeServer server([](const FakeRequest &) {
        return FakeResponse::bytes(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nnot-hex\r\nmore\r\n0\r\n\r\n");
    });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QCOMPARE(ex.error.kind, ErrorKind::Protocol);
    QVERIFY2(
        ex.error.message.contains(QLatin1String("invalid chunk size line \"not-hex\"")), qPrintable(ex.error.message));
    QVERIFY(ex.response.received);
    QCOMPARE(ex.response.rawBody, QByteArray("hello"));
}

// Framings from the response cases of the public llhttp/http-parser suites and RFC 9112 §6–7, over
// both transports. The wire transport names the problem or keeps the exact bytes; where Qt would
// lose the body, wait for the idle timeout or report an empty success, its record says it could not
// frame the answer ("untrusted"). `text` must appear in the error or a warning.
void tst_WireTransport::hostileFraming_data()
{
    addTransportColumn();
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("error"); // ErrorKind
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("untrusted");
    struct Expect {
        ErrorKind error;
        QByteArray body;
        QString text;
        bool untrusted = false;
    };
    const auto row = [](const char *name, const QByteArray &response, const Expect &wire, const Expect &qt) {
        for (const auto &[kind, e] : { std::pair { TransportKind::Wire, wire }, std::pair { TransportKind::Qt, qt } })
            QTest::addRow("%s %s", name, kind == TransportKind::Wire ? "wire" : "qt")
                << kind << response << int(e.error) << e.body << e.text << e.untrusted;
    };
    const auto none = ErrorKind::None;
    const auto protocol = ErrorKind::Protocol;
    const QByteArray ok = "HTTP/1.1 200 OK\r\n";
    const QByteArray chunkedWorld = "5\r\nWorld\r\n0\r\n\r\n";

    row("chunked not last", ok + "Transfer-Encoding: chunked, deflate\r\n\r\nraw until close",
        { none, "raw until close", QStringLiteral("\"chunked, deflate\" does not end with chunked") },
        { protocol, {}, QStringLiteral("\"chunked, deflate\" does not end with chunked"), true });
    row("two fields, chunked first", ok + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\nraw",
        { none, "raw", QStringLiteral("\"chunked, identity\" does not end with chunked") },
        { protocol, {}, QStringLiteral("\"chunked, identity\" does not end with chunked"), true });
    row("chunked twice", ok + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedWorld,
        { none, "World", QStringLiteral("lists chunked 2 times") },
        { none, "World", QStringLiteral("lists chunked 2 times") });
    row("chunkedchunked", ok + "Transfer-Encoding: chunkedchunked\r\n\r\n" + chunkedWorld,
        { none, chunkedWorld, QStringLiteral("\"chunkedchunked\" does not end with chunked") },
        { protocol, {}, QStringLiteral("\"chunkedchunked\" does not name the chunked coding"), true });
    // Unfolded, the value is "chunked": both read the chunked body; only the wire sees the fold.
    row("obs-fold before chunked", ok + "Transfer-Encoding:\r\n chunked\r\n\r\n" + chunkedWorld,
        { none, "World", QStringLiteral("folded") }, { none, "World", QString() });
    row("obs-fold after chunked", ok + "Transfer-Encoding: chunked\r\n abc\r\n\r\n" + chunkedWorld,
        { none, chunkedWorld, QStringLiteral("\"chunked abc\" does not end with chunked") },
        { protocol, {}, QStringLiteral("\"chunked abc\" does not name the chunked coding"), true });
    // Observed without the warning: 200, an empty body and no error.
    row("chunk size zz", ok + "Transfer-Encoding: chunked\r\n\r\nzz\r\nWorld\r\n0\r\n\r\n",
        { protocol, {}, QStringLiteral("invalid chunk size line \"zz\"") },
        { none, {}, QStringLiteral("chunk size it cannot parse"), true });
    row("chunk size overflow", ok + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nWorld\r\n0\r\n\r\n",
        { protocol, {}, QStringLiteral("invalid chunk size line \"ffffffffffffffffff\"") },
        { none, {}, QStringLiteral("chunk size it cannot parse"), true });
    // Observed blind spot: after a valid chunk Qt ends at "zz" and leaves no trace in its API.
    row("chunk size zz after data", ok + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nWorld\r\n0\r\n\r\n",
        { protocol, "hello", QStringLiteral("invalid chunk size line \"zz\"") }, { none, "hello", QString() });
    row("Content-Length and chunked", ok + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedWorld,
        { none, "World", QStringLiteral("both Transfer-Encoding and Content-Length") },
        { none, "World", QStringLiteral("both Transfer-Encoding and Content-Length") });
    row("Content-Length and gzip", ok + "Transfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\nWorld",
        { none, "World", QStringLiteral("\"gzip\" does not end with chunked") },
        { protocol, {}, QStringLiteral("\"gzip\" overrides Content-Length"), true });
    row("two Content-Lengths", ok + "Content-Length: 3\r\nContent-Length: 5\r\n\r\nWorld",
        { protocol, {}, QStringLiteral("conflicting Content-Length values 3 and 5") },
        { protocol, {}, QStringLiteral("conflicting Content-Length values 3 and 5"), true });
    row("Content-Length not a number", ok + "Content-Length: four\r\n\r\nWorld",
        { protocol, {}, QStringLiteral("invalid Content-Length \"four\"") },
        { protocol, {}, QStringLiteral("Content-Length \"four\" is not a valid length"), true });
    // Both report the cut, in the same words.
    row("shorter than Content-Length", ok + "Content-Length: 100\r\n\r\nWorld",
        { ErrorKind::Closed, "World", QStringLiteral("after 5 of the 100 body bytes") },
        { ErrorKind::Closed, "World", QStringLiteral("after 5 of the 100 body bytes") });
}

void tst_WireTransport::hostileFraming()
{
    QFETCH(TransportKind, kind);
    QFETCH(QByteArray, response);
    QFETCH(int, error);
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    QFETCH(bool, untrusted);
    FakeServer server([&](const FakeRequest &) { return FakeResponse::bytes(response, true); });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), kind)); // 5 s idle timeout: a hang fails as Timeout
    const QString said = ex.error.message + QLatin1Char('\n') + joined(ex.warnings);
    QVERIFY(ex.response.received);
    QCOMPARE(ex.response.head.status, 200);
    QVERIFY2(int(ex.error.kind) == error, qPrintable(errorKindName(ex.error.kind) + QLatin1Char(' ') + said));
    QCOMPARE(ex.response.rawBody, body);
    QVERIFY2(said.contains(text), qPrintable(said));
    const QString reason = QtFraming::untrustedReason(ex);
    QVERIFY2(reason.isEmpty() != untrusted, qPrintable(said));
    if (untrusted) {
        QVERIFY2(reason.contains(text), qPrintable(reason));
        QVERIFY(joined(ex.warnings).contains(QLatin1String("the wire transport shows the bytes")));
    }
    QCOMPARE(server.requests().size(), 1);
}

// The Qt transport stops reading an answer it cannot frame by aborting the reply; the next request
// through the same manager must still get its own clean answer.
void tst_WireTransport::qtAbortLeavesTheNextRequestClean()
{
    FakeServer server([](const FakeRequest &r) {
        if (r.target == "/two")
            return FakeResponse::bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nWorld");
        return FakeResponse::http(200, "OK", {}, "next");
    });
    Engine engine;
    const Exchange first = engine.execute(makeSpec(server.url(QStringLiteral("/two")), TransportKind::Qt));
    QVERIFY(!QtFraming::untrustedReason(first).isEmpty());
    const Exchange next = engine.execute(makeSpec(server.url(QStringLiteral("/next")), TransportKind::Qt));
    QVERIFY2(!next.error.isError(), qPrintable(next.error.message));
    QCOMPARE(next.response.body, QByteArray("next"));
    QVERIFY(QtFraming::untrustedReason(next).isEmpty());
}

void tst_WireTransport::chunkedTrailers()
{
    FakeServer server([](const FakeRequest &) {
        return FakeResponse::bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n"
                                   "3\r\nabc\r\n3;ext\r\ndef\r\n0\r\nX-Sum: 42\r\n\r\n");
    });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.body, QByteArray("abcdef"));
    QCOMPARE(ex.response.trailers, (HeaderList { { "X-Sum", "42" } }));
    QCOMPARE(ex.response.rawTrailers, QByteArray("X-Sum: 42\r\n\r\n"));
}

void tst_WireTransport::truncatedBodies_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QByteArray>("kept");
    QTest::addColumn<QString>("message");
    QTest::newRow("fixed length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")
                                  << QByteArray("partial") << QStringLiteral("after 7 of the 100 body bytes");
    QTest::newRow("chunked") << QByteArray(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nfirs\r\n10\r\nsecond")
                             << QByteArray("firssecond")
                             << QStringLiteral("inside the chunked body after 10 body bytes");
}

void tst_WireTransport::truncatedBodies()
{
    QFETCH(QByteArray, response);
    QFETCH(QByteArray, kept);
    QFETCH(QString, message);
    FakeServer server([&](const FakeRequest &) { return FakeResponse::bytes(response, true); });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QCOMPARE(ex.error.kind, ErrorKind::Closed);
    QVERIFY2(ex.error.message.contains(message), qPrintable(ex.error.message));
    QVERIFY(ex.response.received);
    QCOMPARE(ex.response.rawBody, kept);
    QCOMPARE(server.requests().size(), 1);
}

void tst_WireTransport::tenMegabyteHeader_data()
{
    addTransportColumn();
    QTest::newRow("wire") << TransportKind::Wire;
    QTest::newRow("qt") << TransportKind::Qt;
}

void tst_WireTransport::tenMegabyteHeader()
{
    QFETCH(TransportKind, kind);
    const QByteArray response
        = "HTTP/1.1 200 OK\r\nX-Huge: " + QByteArray(10 * 1024 * 1024, 'h') + "\r\nContent-Length: 2\r\n\r\nok";
    FakeServer server([&](const FakeRequest &) { return FakeResponse::bytes(response); });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), kind);
    spec.options.idleTimeoutMs = 1000;
    const Exchange ex = engine.execute(spec);
    if (kind == TransportKind::Wire) {
        QCOMPARE(ex.error.kind, ErrorKind::Protocol);
        QVERIFY2(ex.error.message.contains(QLatin1String("line length limit of 65536 bytes (64 KiB)")),
            qPrintable(ex.error.message));
        QCOMPARE(server.requests().size(), 1);
    } else {
        // Observed: Qt never reports a status or an error of its own; only the idle timeout ends it.
        QCOMPARE(ex.error.kind, ErrorKind::Timeout);
        QVERIFY(!ex.response.received);
        QCOMPARE(server.requests().size(), 1);
    }
}

void tst_WireTransport::tenThousandHeaders_data()
{
    addTransportColumn();
    QTest::newRow("wire") << TransportKind::Wire;
    QTest::newRow("qt") << TransportKind::Qt;
}

void tst_WireTransport::tenThousandHeaders()
{
    QFETCH(TransportKind, kind);
    QByteArray response = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 10000; ++i)
        response += "X-Header-" + QByteArray::number(i) + ": value\r\n";
    response += "Content-Length: 2\r\n\r\nok";
    FakeServer server([&](const FakeRequest &) { return FakeResponse::bytes(response); });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), kind);
    // Long enough for Qt to parse 10,000 fields under AddressSanitizer before the idle timer
    // can fire (1 s was not).
    spec.options.idleTimeoutMs = 5000;
    const Exchange ex = engine.execute(spec);
    if (kind == TransportKind::Wire) {
        QCOMPARE(ex.error.kind, ErrorKind::Protocol);
        QVERIFY2(
            ex.error.message.contains(QLatin1String("more than 1000 header fields")), qPrintable(ex.error.message));
    } else {
        // Observed: Qt drops every header, Content-Length included, shows status 200 and the body,
        // then waits for a close that never comes: a timeout after a complete response.
        QCOMPARE(ex.error.kind, ErrorKind::Timeout);
        QCOMPARE(ex.response.head.status, 200);
        QVERIFY(ex.response.head.headers.isEmpty());
        QCOMPARE(ex.response.body, QByteArray("ok"));
        QVERIFY(joined(ex.warnings).contains(QLatin1String("no response headers")));
    }
}

void tst_WireTransport::continueThenOk_data()
{
    addTransportColumn();
    QTest::newRow("wire") << TransportKind::Wire;
    QTest::newRow("qt") << TransportKind::Qt;
}

void tst_WireTransport::continueThenOk()
{
    QFETCH(TransportKind, kind);
    FakeServer server([](const FakeRequest &) {
        return FakeResponse::bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone");
    });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), kind, "PUT");
    spec.headers = { { "Expect", "100-continue" } };
    spec.body = "data";
    spec.hasBody = true;
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    if (kind == TransportKind::Qt) {
        // Observed: Qt swallows the 100 and shows only the final response.
        QCOMPARE(ex.response.head.status, 200);
        QVERIFY(ex.response.informational.isEmpty());
        return;
    }
    QCOMPARE(ex.response.informational.size(), 1);
    QCOMPARE(ex.response.informational.first().status, 100);
    QCOMPARE(ex.response.informational.first().rawHead, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
    QCOMPARE(ex.response.head.status, 200);
    QCOMPARE(ex.response.body, QByteArray("done"));
}

void tst_WireTransport::earlyHintsThenOk_data()
{
    addTransportColumn();
    QTest::newRow("wire") << TransportKind::Wire;
    QTest::newRow("qt") << TransportKind::Qt;
}

void tst_WireTransport::earlyHintsThenOk()
{
    QFETCH(TransportKind, kind);
    FakeServer server([](const FakeRequest &) {
        return FakeResponse::bytes("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                                   "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal");
    });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), kind));
    if (kind == TransportKind::Wire) {
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.informational.size(), 1);
        QCOMPARE(ex.response.informational.first().status, 103);
        QCOMPARE(headerValue(ex.response.informational.first().headers, "Link"), QByteArray("</a.css>; rel=preload"));
        QCOMPARE(ex.response.head.status, 200);
        QCOMPARE(ex.response.body, QByteArray("final"));
    } else {
        // Observed: Qt finishes with the 103 as if it were the answer; the warning says so.
        QCOMPARE(ex.response.head.status, 103);
        QVERIFY2(joined(ex.warnings).contains(QLatin1String("informational 103")), qPrintable(joined(ex.warnings)));
    }
}

void tst_WireTransport::noContentWithBody()
{
    FakeServer server([](const FakeRequest &r) {
        if (r.target == "/204")
            return FakeResponse::bytes("HTTP/1.1 204 No Content\r\n\r\nthis should not be here");
        return FakeResponse::http(200, "OK", {}, "next");
    });
    Engine engine;
    Exchange ex = engine.execute(makeSpec(server.url(QStringLiteral("/204")), TransportKind::Wire, "DELETE"));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.head.status, 204);
    QVERIFY(ex.response.body.isEmpty());
    QVERIFY2(joined(ex.warnings).contains(QLatin1String("23 extra bytes"))
            && joined(ex.warnings).contains(QLatin1String("204")),
        qPrintable(joined(ex.warnings)));
    ex = engine.execute(makeSpec(server.url(QStringLiteral("/next")), TransportKind::Wire));
    QCOMPARE(ex.response.body, QByteArray("next"));
    QCOMPARE(server.connectionCount(), 2); // the polluted connection was not reused
}

void tst_WireTransport::bodyLongerThanContentLength()
{
    FakeServer server([](const FakeRequest &r) {
        if (r.target == "/long")
            return FakeResponse::bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA");
        return FakeResponse::http(200, "OK", {}, "next");
    });
    Engine engine;
    Exchange ex = engine.execute(makeSpec(server.url(QStringLiteral("/long")), TransportKind::Wire));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.body, QByteArray("hello"));
    QVERIFY2(joined(ex.warnings).contains(QLatin1String("5 extra bytes"))
            && joined(ex.warnings).contains(QLatin1String("EXTRA")),
        qPrintable(joined(ex.warnings)));
    ex = engine.execute(makeSpec(server.url(QStringLiteral("/next")), TransportKind::Wire));
    QCOMPARE(ex.response.body, QByteArray("next"));
    QCOMPARE(server.connectionCount(), 2);
}

// The body arrives after the head, so it goes the direct way (ResponseParser::bodyDelivered);
// the extra bytes must still be seen and named, and the connection not reused.
void tst_WireTransport::bodyLongerThanContentLengthInPieces()
{
    FakeServer server([](const FakeRequest &r) {
        if (r.target == "/long")
            return FakeResponse { { { 0, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n" }, { 100, "helloEXTRA" } },
                false, false };
        return FakeResponse::http(200, "OK", {}, "next");
    });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(QStringLiteral("/long")), TransportKind::Wire));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.body, QByteArray("hello"));
    QVERIFY2(joined(ex.warnings).contains(QLatin1String("5 extra bytes"))
            && joined(ex.warnings).contains(QLatin1String("EXTRA")),
        qPrintable(joined(ex.warnings)));
    const Exchange next = engine.execute(makeSpec(server.url(QStringLiteral("/next")), TransportKind::Wire));
    QCOMPARE(next.response.body, QByteArray("next"));
    QCOMPARE(server.connectionCount(), 2);
}

void tst_WireTransport::headHasNoBody()
{
    FakeServer server(
        [](const FakeRequest &) { return FakeResponse::bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"); });
    Engine engine;
    for (int i = 0; i < 3; ++i) {
        const Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire, "HEAD"));
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.rawSize, 0);
    }
    QCOMPARE(server.connectionCount(), 1);
}

// ---------------------------------------------------------------------------------------------

void tst_WireTransport::closeBeforeAnyResponse_data()
{
    addTransportColumn();
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("expectedRequests");
    QTest::newRow("wire GET") << TransportKind::Wire << QByteArray("GET") << 1;
    QTest::newRow("wire POST") << TransportKind::Wire << QByteArray("POST") << 1;
    // Observed on Qt 6.4.2: one silent re-send, POST included.
    QTest::newRow("qt GET") << TransportKind::Qt << QByteArray("GET") << 2;
    QTest::newRow("qt POST") << TransportKind::Qt << QByteArray("POST") << 2;
}

void tst_WireTransport::closeBeforeAnyResponse()
{
    QFETCH(TransportKind, kind);
    QFETCH(QByteArray, method);
    QFETCH(int, expectedRequests);
    FakeServer server([](const FakeRequest &) { return FakeResponse::hangUp(); });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), kind, method);
    if (method == "POST") {
        spec.body = "pay once";
        spec.hasBody = true;
    }
    const Exchange ex = engine.execute(spec);
    QCOMPARE(ex.error.kind, ErrorKind::Closed);
    QCOMPARE(server.requests().size(), expectedRequests);
    if (kind == TransportKind::Wire) {
        QCOMPARE(ex.error.message,
            QStringLiteral("the server closed the connection before answering; "
                           "the request was sent once and not repeated"));
        QCOMPARE(server.connectionCount(), 1);
    } else {
        QVERIFY2(joined(ex.warnings).contains(QLatin1String("more than once")), qPrintable(joined(ex.warnings)));
    }
}

void tst_WireTransport::closeOnReusedConnectionIsNotResent_data()
{
    addTransportColumn();
    QTest::addColumn<int>("expectedRequests");
    QTest::newRow("wire") << TransportKind::Wire << 2;
    QTest::newRow("qt") << TransportKind::Qt << 3; // observed: Qt re-sends the second request on a new connection
}

void tst_WireTransport::closeOnReusedConnectionIsNotResent()
{
    QFETCH(TransportKind, kind);
    QFETCH(int, expectedRequests);
    int n = 0;
    FakeServer server([&](const FakeRequest &) {
        return n++ == 0 ? FakeResponse::http(200, "OK", {}, "first") : FakeResponse::hangUp();
    });
    Engine engine;
    Exchange ex = engine.execute(makeSpec(server.url(), kind));
    QCOMPARE(ex.response.body, QByteArray("first"));
    RequestSpec spec = makeSpec(server.url(), kind, "PATCH");
    spec.body = "{\"n\":1}";
    spec.hasBody = true;
    ex = engine.execute(spec);
    QCOMPARE(ex.error.kind, ErrorKind::Closed);
    QCOMPARE(server.requests().size(), expectedRequests);
    if (kind == TransportKind::Wire) {
        QVERIFY2(ex.error.message.contains(QLatin1String("sent once and not repeated"))
                && ex.error.message.contains(QLatin1String("reused keep-alive connection")),
            qPrintable(ex.error.message));
        QCOMPARE(server.connectionCount(), 1);
    }
}

void tst_WireTransport::stallBeforeHeaders_data()
{
    addTransportColumn();
    QTest::newRow("wire") << TransportKind::Wire;
    QTest::newRow("qt") << TransportKind::Qt;
}

void tst_WireTransport::stallBeforeHeaders()
{
    QFETCH(TransportKind, kind);
    FakeServer server([](const FakeRequest &) { return FakeResponse::silence(); });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), kind);
    spec.options.idleTimeoutMs = 400;
    const Exchange ex = engine.execute(spec);
    QCOMPARE(ex.error.kind, ErrorKind::Timeout);
    QVERIFY(!ex.response.received);
    QCOMPARE(server.requests().size(), 1);
    if (kind == TransportKind::Wire)
        QCOMPARE(ex.error.message, QStringLiteral("no response for 400 ms after the request was sent (idle timeout)"));
}

// `# @connection-timeout` limits connecting alone: once connected, the idle timeout is back.
void tst_WireTransport::connectTimeoutGivesWayToIdleOnceConnected()
{
    FakeServer server([](const FakeRequest &) { return FakeResponse::silence(); });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), TransportKind::Wire);
    spec.options.idleTimeoutMs = 300;
    spec.options.connectTimeoutMs = 120'000;
    const Exchange ex = engine.execute(spec);
    QCOMPARE(ex.error.kind, ErrorKind::Timeout);
    QCOMPARE(ex.error.message, QStringLiteral("no response for 300 ms after the request was sent (idle timeout)"));
}

void tst_WireTransport::stallMidBody_data()
{
    addTransportColumn();
    QTest::newRow("wire") << TransportKind::Wire;
    QTest::newRow("qt") << TransportKind::Qt;
}

void tst_WireTransport::stallMidBody()
{
    QFETCH(TransportKind, kind);
    FakeServer server([](const FakeRequest &) {
        FakeResponse r = FakeResponse::bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nthe first part");
        r.stall = true;
        return r;
    });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), kind);
    spec.options.idleTimeoutMs = 400;
    const Exchange ex = engine.execute(spec);
    QCOMPARE(ex.error.kind, ErrorKind::Timeout);
    QVERIFY(ex.response.received);
    QCOMPARE(ex.response.head.status, 200);
    if (kind == TransportKind::Wire) {
        QCOMPARE(ex.response.rawBody, QByteArray("the first part"));
        QVERIFY2(ex.error.message.contains(QLatin1String("after 14 body bytes")), qPrintable(ex.error.message));
    }
}

void tst_WireTransport::oneByteEveryHalfSecond_data()
{
    addTransportColumn();
    QTest::newRow("wire") << TransportKind::Wire;
    QTest::newRow("qt") << TransportKind::Qt;
}

void tst_WireTransport::oneByteEveryHalfSecond()
{
    QFETCH(TransportKind, kind);
    FakeServer server([](const FakeRequest &) {
        FakeResponse r = FakeResponse::bytes("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n");
        for (const char c : QByteArray("drip!!"))
            r.chunks.append(FakeResponse::Chunk { 500, QByteArray(1, c) });
        return r;
    });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), kind);
    spec.options.idleTimeoutMs = 2500; // inactivity: each byte restarts it
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.body, QByteArray("drip!!"));
}

void tst_WireTransport::refused()
{
    const quint16 port = freePort();
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(QStringLiteral("http://127.0.0.1:%1/").arg(port), TransportKind::Wire));
    QCOMPARE(ex.error.kind, ErrorKind::Refused);
    QVERIFY2(ex.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(ex.error.message));
}

void tst_WireTransport::totalDeadline()
{
    FakeServer server([](const FakeRequest &) {
        FakeResponse r = FakeResponse::bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        for (int i = 0; i < 50; ++i)
            r.chunks.append(FakeResponse::Chunk { 100, QByteArray("x") });
        return r;
    });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), TransportKind::Wire);
    spec.options.totalTimeoutMs = 600; // the body keeps trickling, so only the total deadline can end it
    const Exchange ex = engine.execute(spec);
    QCOMPARE(ex.error.kind, ErrorKind::Timeout);
    QVERIFY2(ex.error.message.contains(QLatin1String("total deadline of 600 ms")), qPrintable(ex.error.message));
    QVERIFY(ex.response.received);
    QVERIFY(ex.response.rawSize < 50);
}

void tst_WireTransport::bodyFromFileStreamed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("body.bin"));
    QByteArray content;
    for (int i = 0; i < 300000; ++i)
        content += char(i * 7);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    FakeServer server(
        [](const FakeRequest &r) { return FakeResponse::http(200, "OK", {}, QByteArray::number(r.body.size())); });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(QStringLiteral("/upload")), TransportKind::Wire, "PUT");
    spec.bodyFile = path;
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.body, QByteArray::number(content.size()));
    QCOMPARE(server.requests().first().raw, ex.request.rawHead + content);
    QCOMPARE(ex.request.bodySize, content.size());
    QCOMPARE(headerValue(ex.request.headers, "Content-Length"), QByteArray::number(content.size()));
}

void tst_WireTransport::largeBodies_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::newRow("content-length") << false;
    QTest::newRow("chunked") << true;
}

void tst_WireTransport::largeBodies()
{
    QFETCH(bool, chunked);
    QByteArray body(8 * 1024 * 1024, 'b');
    for (qsizetype i = 0; i < body.size(); i += 4099)
        body[i] = char('a' + i % 26);
    QByteArray response;
    if (chunked) {
        response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (qsizetype i = 0; i < body.size(); i += 100000) {
            const QByteArray part = body.mid(i, 100000);
            response += QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n";
        }
        response += "0\r\n\r\n";
    } else {
        response = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    FakeServer server([&](const FakeRequest &) { return FakeResponse::bytes(response); });
    Engine engine;
    for (int i = 0; i < 2; ++i) {
        const Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.rawSize, body.size());
        QVERIFY(ex.response.body == body);
    }
    QCOMPARE(server.connectionCount(), 1);
}

// ---------------------------------------------------------------------------------------------

void tst_WireTransport::gzipBomb_data()
{
    addTransportColumn();
    QTest::newRow("wire") << TransportKind::Wire;
    QTest::newRow("qt") << TransportKind::Qt;
}

void tst_WireTransport::gzipBomb()
{
    QFETCH(TransportKind, kind);
    static const QByteArray bomb = gzipZeros(200LL * 1024 * 1024);
    FakeServer server([&](const FakeRequest &) {
        return FakeResponse::http(200, "OK", { { "Content-Encoding", "gzip" } }, bomb);
    });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), kind);
    spec.options.maxDecodedSize = 10LL * 1024 * 1024; // the default (1 GiB) would decode 200 MiB
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QVERIFY2(
        ex.response.decodeError.contains(QLatin1String("decompression bomb")), qPrintable(ex.response.decodeError));
    QVERIFY(ex.response.decodeStopped);
    QCOMPARE(ex.response.rawSize, bomb.size());
    QCOMPARE(ex.response.rawBody, bomb); // the raw bytes are kept
    // The body is the bytes as received, not a decoded start of 10 MiB or more.
    QCOMPARE(ex.response.body, bomb);
    QCOMPARE(ex.response.decodedSize, bomb.size());
}

void tst_WireTransport::invalidCoding_data()
{
    addTransportColumn();
    QTest::addColumn<QByteArray>("coding");
    QTest::newRow("wire gzip") << TransportKind::Wire << QByteArray("gzip");
    QTest::newRow("wire br") << TransportKind::Wire << QByteArray("br");
    QTest::newRow("qt gzip") << TransportKind::Qt << QByteArray("gzip");
    QTest::newRow("qt br") << TransportKind::Qt << QByteArray("br");
}

void tst_WireTransport::invalidCoding()
{
    QFETCH(TransportKind, kind);
    QFETCH(QByteArray, coding);
    const QByteArray garbage = "this is not " + coding + " data at all \x01\x02\x03";
    FakeServer server([&](const FakeRequest &) {
        return FakeResponse::http(200, "OK", { { "Content-Encoding", coding } }, garbage);
    });
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), kind));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QVERIFY2(ex.response.decodeError.contains(QString::fromLatin1(coding)), qPrintable(ex.response.decodeError));
    QCOMPARE(ex.response.rawBody, garbage);
    QVERIFY(joined(ex.warnings).contains(ex.response.decodeError));
}

void tst_WireTransport::redirectLoop()
{
    FakeServer server([](const FakeRequest &) {
        return FakeResponse::http(302, "Found", { { "Location", "/loop" } });
    });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(QStringLiteral("/loop")), TransportKind::Wire);
    spec.options.redirects = RedirectMode::Follow;
    spec.options.maxRedirects = 5;
    const Exchange ex = engine.execute(spec);
    QCOMPARE(ex.error.kind, ErrorKind::TooManyRedirects);
    QCOMPARE(server.requests().size(), 6);
    QCOMPARE(ex.redirects.size(), 5);
    QCOMPARE(server.connectionCount(), 1); // every hop on the one keep-alive connection
    for (const Hop &hop : ex.redirects)
        QCOMPARE(hop.request.target, QByteArray("/loop"));
}

void tst_WireTransport::redirectWithoutLocation()
{
    FakeServer server([](const FakeRequest &) { return FakeResponse::http(302, "Found Nowhere", {}, "no location"); });
    Engine engine;
    RequestSpec spec = makeSpec(server.url(), TransportKind::Wire);
    spec.options.redirects = RedirectMode::Follow;
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.head.status, 302);
    QCOMPARE(ex.response.head.reason, QByteArray("Found Nowhere"));
    QCOMPARE(ex.response.body, QByteArray("no location"));
    QCOMPARE(server.requests().size(), 1);
    QVERIFY2(joined(ex.warnings).contains(QLatin1String("no Location")), qPrintable(joined(ex.warnings)));
}

// ---------------------------------------------------------------------------------------------

void tst_WireTransport::keepAliveReuse()
{
    FakeServer server([](const FakeRequest &r) { return FakeResponse::http(200, "OK", {}, r.target); });
    Engine engine;
    for (int i = 0; i < 20; ++i) {
        const QString path = QStringLiteral("/r%1").arg(i);
        const Exchange ex = engine.execute(makeSpec(server.url(path), TransportKind::Wire, i % 2 ? "GET" : "OPTIONS"));
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.body, path.toLatin1());
        if (i > 0)
            QVERIFY(!ex.timings.connect.has_value()); // reused: no connect happened
    }
    QCOMPARE(server.requests().size(), 20);
    QCOMPARE(server.connectionCount(), 1);
}

void tst_WireTransport::connectionCloseAndHttp10NotReused_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<HeaderList>("requestHeaders");
    QTest::newRow("Connection: close") << QByteArray(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
                                       << HeaderList {};
    QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok") << HeaderList {};
    QTest::newRow("request said close") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                                        << HeaderList { { "Connection", "close" } };
}

void tst_WireTransport::connectionCloseAndHttp10NotReused()
{
    QFETCH(QByteArray, response);
    QFETCH(HeaderList, requestHeaders);
    FakeServer server(
        [&](const FakeRequest &) { return FakeResponse::bytes(response); }); // the server itself keeps it open
    Engine engine;
    for (int i = 0; i < 3; ++i) {
        RequestSpec spec = makeSpec(server.url(), TransportKind::Wire);
        spec.headers = requestHeaders;
        const Exchange ex = engine.execute(spec);
        QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
        QCOMPARE(ex.response.body, QByteArray("ok"));
    }
    QCOMPARE(server.connectionCount(), 3);
    QCOMPARE(qobject_cast<WireTransport *>(engine.transport(TransportKind::Wire))->idleCount(), 0);
}

void tst_WireTransport::idleConnectionClosedByServerIsReplaced()
{
    FakeServer server([](const FakeRequest &) {
        FakeResponse r = FakeResponse::http(200, "OK", {}, "ok");
        r.chunks.append(
            FakeResponse::Chunk { 50, QByteArray() }); // then close a moment later, while the connection sits idle
        r.close = true;
        return r;
    });
    Engine engine;
    auto *wire = qobject_cast<WireTransport *>(engine.transport(TransportKind::Wire));
    Exchange ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QTRY_COMPARE_WITH_TIMEOUT(wire->idleCount(), 0, 5000); // noticed and dropped
    ex = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.connectionCount(), 2);
}

void tst_WireTransport::timingsMeasured()
{
    FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, "t"); });
    Engine engine;
    const Exchange ex
        = engine.execute(makeSpec(QStringLiteral("http://localhost:%1/").arg(server.port()), TransportKind::Wire));
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QVERIFY(ex.timings.dns.has_value());
    QVERIFY(ex.timings.connect.has_value());
    QVERIFY(!ex.timings.tls.has_value());
    QVERIFY(ex.timings.sent.has_value());
    QVERIFY(ex.timings.firstByte.has_value());
    QVERIFY(ex.timings.total.has_value());
    QVERIFY(*ex.timings.dns <= *ex.timings.connect);
    QVERIFY(*ex.timings.connect <= *ex.timings.sent);
    QVERIFY(*ex.timings.sent <= *ex.timings.firstByte);
    QCOMPARE(ex.request.headers.first(), (Header { "Host", "localhost:" + QByteArray::number(server.port()) }));
}

// ---------------------------------------------------------------------------------------------

void tst_WireTransport::tlsCertificateProblems_data()
{
    addTransportColumn();
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("expected");
    for (const auto &[kind, name] :
        { std::pair { TransportKind::Wire, "wire" }, std::pair { TransportKind::Qt, "qt" } }) {
        QTest::addRow("%s self-signed", name) << kind << QStringLiteral("self") << QStringLiteral("self-signed");
        QTest::addRow("%s expired", name) << kind << QStringLiteral("expired") << QStringLiteral("expired");
        QTest::addRow("%s wrong host", name)
            << kind << QStringLiteral("wrong") << QStringLiteral("host name did not match");
        QTest::addRow("%s unknown issuer", name) << kind << QStringLiteral("leaf") << QStringLiteral("issuer");
    }
}

void tst_WireTransport::tlsCertificateProblems()
{
    QFETCH(TransportKind, kind);
    QFETCH(QString, which);
    QFETCH(QString, expected);
    const QHash<QString, const CertificateFiles *> byName { { QStringLiteral("self"), &m_selfSigned },
        { QStringLiteral("expired"), &m_expired }, { QStringLiteral("wrong"), &m_wrongHost },
        { QStringLiteral("leaf"), &m_unknownIssuer } };
    const CertificateFiles &c = *byName.value(which);
    FakeServer server(
        [](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, "secret"); }, c.certificate, c.key);
    Engine engine;
    const Exchange ex = engine.execute(makeSpec(server.url(), kind));
    QCOMPARE(ex.error.kind, ErrorKind::Tls);
    QVERIFY2(joined(ex.tls.errors).contains(expected), qPrintable(joined(ex.tls.errors)));
    QVERIFY(!ex.response.received);
    QCOMPARE(server.requests().size(), 0);
    if (kind == TransportKind::Wire) {
        QVERIFY2(ex.error.message.contains(expected) && ex.error.message.contains(QLatin1String("-k")),
            qPrintable(ex.error.message));
        QVERIFY(ex.tls.used);
        QVERIFY(!ex.tls.peerChain.isEmpty());
        if (which == QLatin1String("leaf")) // the record names the authority nobody trusts
            QCOMPARE(ex.tls.peerChain.constFirst().issuer, QStringLiteral("VerbScope Test CA"));
    }
}

void tst_WireTransport::tlsInsecureAcceptsAndRecords_data()
{
    addTransportColumn();
    QTest::newRow("wire") << TransportKind::Wire;
    QTest::newRow("qt") << TransportKind::Qt;
}

void tst_WireTransport::tlsInsecureAcceptsAndRecords()
{
    QFETCH(TransportKind, kind);
    FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, "over tls"); },
        m_selfSigned.certificate, m_selfSigned.key);
    Engine engine;
    RequestSpec spec = makeSpec(server.url(QStringLiteral("/s?x=1")), kind);
    spec.options.verifyTls = false;
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.body, QByteArray("over tls"));
    QVERIFY(ex.tls.used);
    QVERIFY(ex.tls.verificationDisabled);
    QVERIFY(joined(ex.tls.errors).contains(QLatin1String("self-signed")));
    QCOMPARE(ex.tls.alpn, QStringLiteral("http/1.1"));
    QCOMPARE(ex.tls.peerChain.size(), 1);
    QCOMPARE(ex.tls.peerChain.first().subject, QStringLiteral("localhost"));
    QVERIFY(ex.timings.tls.has_value());
    QCOMPARE(server.requests().size(), 1);
    if (kind == TransportKind::Wire) {
        QCOMPARE(server.requests().first().raw, ex.request.rawHead);
        QCOMPARE(ex.request.target, QByteArray("/s?x=1"));
    }
}

void tst_WireTransport::insecureConnectionNotReusedForVerifiedRequest()
{
    FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, "x"); },
        m_selfSigned.certificate, m_selfSigned.key);
    Engine engine;
    RequestSpec insecure = makeSpec(server.url(), TransportKind::Wire);
    insecure.options.verifyTls = false;
    QVERIFY(!engine.execute(insecure).error.isError());
    const Exchange second = engine.execute(insecure);
    QVERIFY(!second.error.isError());
    QCOMPARE(server.connectionCount(), 1); // -k requests share their connection...
    QVERIFY(joined(second.tls.errors).contains(QLatin1String("self-signed"))); // ...and its certificate problems
    QVERIFY(second.tls.verificationDisabled);
    const Exchange verified = engine.execute(makeSpec(server.url(), TransportKind::Wire));
    QCOMPARE(verified.error.kind, ErrorKind::Tls);
    QCOMPARE(server.requests().size(), 2);
}

// ---------------------------------------------------------------------------------------------

void tst_WireTransport::httpProxyAbsoluteForm()
{
    FakeServer proxy([](const FakeRequest &) {
        return FakeResponse::http(200, "From Proxy", { { "Via", "1.1 fake" } }, "proxied");
    });
    Engine engine;
    RequestSpec spec
        = makeSpec(QStringLiteral("http://origin.invalid:8080/a/../b?q=%zz#frag"), TransportKind::Wire, "PATCH");
    spec.options.proxy = proxy.url();
    spec.body = "x";
    spec.hasBody = true;
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(ex.response.head.reason, QByteArray("From Proxy"));
    QCOMPARE(proxy.requests().size(), 1);
    QCOMPARE(proxy.requests().first().raw,
        QByteArray("PATCH http://origin.invalid:8080/a/../b?q=%zz HTTP/1.1\r\nHost: origin.invalid:8080\r\n"
                   "Content-Length: 1\r\n\r\nx"));
    QCOMPARE(ex.request.target, QByteArray("http://origin.invalid:8080/a/../b?q=%zz"));
    QCOMPARE(ex.request.proxy, QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
    QVERIFY(!ex.timings.dns.has_value()); // the proxy is an address: nothing to resolve, origin resolved by the proxy
}

void tst_WireTransport::proxyCredentialsAreSentAndHidden()
{
    FakeServer proxy([](const FakeRequest &r) {
        if (r.method == "CONNECT")
            return FakeResponse::http(407, "Proxy Authentication Required", {});
        return FakeResponse::http(200, "From Proxy", {}, "proxied");
    });
    Engine engine;
    const QString proxyUrl = QStringLiteral("http://al%20ice:pa%3Ass@127.0.0.1:%1").arg(proxy.port());
    RequestSpec plain = makeSpec(QStringLiteral("http://origin.invalid/x"), TransportKind::Wire);
    plain.options.proxy = proxyUrl;
    const Exchange ex = engine.execute(plain);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    // On the wire as curl sends it: Basic base64("al ice:pa:ss").
    QCOMPARE(proxy.requests().first().raw,
        QByteArray("GET http://origin.invalid/x HTTP/1.1\r\nHost: origin.invalid\r\n"
                   "Proxy-Authorization: Basic ")
            + QByteArray("al ice:pa:ss").toBase64() + "\r\n\r\n");
    // In the record: the header, never the credentials.
    QCOMPARE(headerValue(ex.request.headers, "Proxy-Authorization"), QByteArray("Basic ****"));
    QVERIFY(ex.request.rawHead.contains("Proxy-Authorization: Basic ****\r\n"));
    QVERIFY(!ex.request.rawHead.contains(QByteArray("al ice:pa:ss").toBase64()));
    QVERIFY(!ex.request.proxy.contains(QLatin1String("pa%3Ass")) && !ex.request.proxy.contains(QLatin1String("pa:ss")));

    RequestSpec tls = makeSpec(QStringLiteral("https://secure.invalid/"), TransportKind::Wire);
    tls.options.proxy = proxyUrl;
    const Exchange tunnel = engine.execute(tls);
    QCOMPARE(tunnel.error.kind, ErrorKind::Protocol); // the fake proxy refuses the tunnel
    QCOMPARE(proxy.requests().last().raw,
        QByteArray("CONNECT secure.invalid:443 HTTP/1.1\r\nHost: secure.invalid:443\r\nProxy-Authorization: Basic ")
            + QByteArray("al ice:pa:ss").toBase64() + "\r\n\r\n");
    QVERIFY(!tunnel.error.message.contains(QLatin1String("pa:ss")));
}

void tst_WireTransport::connectRefusedByProxy()
{
    FakeServer proxy([](const FakeRequest &) {
        return FakeResponse::http(
            407, "Proxy Authentication Required", { { "Proxy-Authenticate", "Basic realm=\"p\"" } });
    });
    Engine engine;
    RequestSpec spec = makeSpec(QStringLiteral("https://secure.invalid/"), TransportKind::Wire, "DELETE");
    spec.options.proxy = proxy.url();
    const Exchange ex = engine.execute(spec);
    QCOMPARE(ex.error.kind, ErrorKind::Protocol);
    QVERIFY2(ex.error.message.contains(QLatin1String("407 Proxy Authentication Required"))
            && ex.error.message.contains(QLatin1String("request was not sent")),
        qPrintable(ex.error.message));
    QCOMPARE(proxy.requests().size(), 1);
    QCOMPARE(proxy.requests().first().raw,
        QByteArray("CONNECT secure.invalid:443 HTTP/1.1\r\nHost: secure.invalid:443\r\n\r\n"));
    QVERIFY(joined(ex.warnings).contains(QLatin1String("Proxy-Authenticate")));
}

void tst_WireTransport::connectTunnelThroughRealProxy()
{
    ProxyFixture tinyproxy;
    VERBSCOPE_START_FIXTURE(tinyproxy);
    FakeServer origin([](const FakeRequest &) { return FakeResponse::http(200, "Tunnelled", {}, "inside"); },
        m_selfSigned.certificate, m_selfSigned.key);
    Engine engine;
    RequestSpec spec = makeSpec(origin.url(QStringLiteral("/t")), TransportKind::Wire);
    spec.options.proxy = tinyproxy.url();
    spec.options.verifyTls = false;
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message + QLatin1Char('\n') + tinyproxy.log()));
    QCOMPARE(ex.response.head.reason, QByteArray("Tunnelled"));
    QCOMPARE(ex.response.body, QByteArray("inside"));
    QCOMPARE(origin.requests().size(), 1);
    QCOMPARE(origin.requests().first().raw, ex.request.rawHead);
    QCOMPARE(ex.request.target, QByteArray("/t")); // origin form inside the tunnel
    QVERIFY(!ex.request.proxy.isEmpty());
    QVERIFY(ex.tls.used);
}

// ---------------------------------------------------------------------------------------------

void tst_WireTransport::cliRawIsByteExact()
{
    QVERIFY2(!qEnvironmentVariable("VERBSCOPE_CLI").isEmpty(), "VERBSCOPE_CLI must point to verbscope-cli");
    FakeServer server([](const FakeRequest &) {
        return FakeResponse::bytes(
            "HTTP/1.1 200 Okay-ish\r\nX-Empty:\r\nX-Tab:\tv\r\nContent-Length: 6\r\n\r\nab\x01\r\nc");
    });
    const CliResult r = runCli({ QStringLiteral("send"), QStringLiteral("--wire"), QStringLiteral("--raw"),
        QStringLiteral("-X"), QStringLiteral("get"), QStringLiteral("-H"), QStringLiteral("X-A: 1"),
        QStringLiteral("-H"), QStringLiteral("x-a: 2"), server.url(QStringLiteral("/p/../q")) });
    QCOMPARE(r.exitCode, 0);
    const QByteArray expected = "> get /p/../q HTTP/1.1\\r\\n\n"
                                "> Host: 127.0.0.1:"
        + QByteArray::number(server.port())
        + "\\r\\n\n"
          "> X-A: 1\\r\\n\n"
          "> x-a: 2\\r\\n\n"
          "> \\r\\n\n"
          "< HTTP/1.1 200 Okay-ish\\r\\n\n"
          "< X-Empty:\\r\\n\n"
          "< X-Tab:\\tv\\r\\n\n"
          "< Content-Length: 6\\r\\n\n"
          "< \\r\\n\n"
          "< ab\\x01\\r\\n\n"
          "< c\n";
    QCOMPARE(r.out, expected);
    QCOMPARE(server.requests().first().raw,
        "get /p/../q HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.port())
            + "\r\nX-A: 1\r\nx-a: 2\r\n\r\n");
}

void tst_WireTransport::cliJsonHasRawHeads()
{
    QVERIFY2(!qEnvironmentVariable("VERBSCOPE_CLI").isEmpty(), "VERBSCOPE_CLI must point to verbscope-cli");
    FakeServer server([](const FakeRequest &) {
        return FakeResponse::bytes(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 201 Made It\r\nA: 1\r\na: 2\r\nContent-Length: 0\r\n\r\n");
    });
    const CliResult r = runCli({ QStringLiteral("send"), QStringLiteral("--wire"), QStringLiteral("--json"),
        QStringLiteral("-X"), QStringLiteral("PUT"), QStringLiteral("-d"), QStringLiteral("x"), server.url() });
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("fidelity")).toString(), QStringLiteral("wire"));
    const QJsonObject req = o.value(QStringLiteral("request")).toObject();
    QCOMPARE(req.value(QStringLiteral("rawHead")).toString().toLatin1(), server.requests().first().head);
    const QJsonObject resp = o.value(QStringLiteral("response")).toObject();
    QCOMPARE(resp.value(QStringLiteral("rawHead")).toString(),
        QStringLiteral("HTTP/1.0 201 Made It\r\nA: 1\r\na: 2\r\nContent-Length: 0\r\n\r\n"));
    QCOMPARE(resp.value(QStringLiteral("httpVersion")).toString(), QStringLiteral("1.0"));
    QCOMPARE(resp.value(QStringLiteral("headers")).toArray().size(), 3);
    const QJsonArray info = resp.value(QStringLiteral("informational")).toArray();
    QCOMPARE(info.size(), 1);
    QCOMPARE(info.first().toObject().value(QStringLiteral("rawHead")).toString(),
        QStringLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
}

// The CLI's form of the offer: the diagnosis is inconclusive and prints the command that resends over
// the wire transport; it sends nothing more itself.
void tst_WireTransport::cliDiagnoseOffersTheWireTransport()
{
    QVERIFY2(!qEnvironmentVariable("VERBSCOPE_CLI").isEmpty(), "VERBSCOPE_CLI must point to verbscope-cli");
    FakeServer server([](const FakeRequest &) {
        return FakeResponse::bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, deflate\r\n\r\nraw", true);
    });
    const QString url = server.url(QStringLiteral("/d"));
    const CliResult r = runCli(
        { QStringLiteral("diagnose"), QStringLiteral("--qt"), QStringLiteral("--timeout"), QStringLiteral("5s"), url });
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QLatin1String("verdict:     inconclusive")), r.out.constData());
    QVERIFY2(out.contains(QLatin1String("could not frame")), r.out.constData());
    const QStringList tries = out.split(QLatin1Char('\n')).filter(QLatin1String("try: verbscope-cli send --wire"));
    QCOMPARE(tries.size(), 1);
    QVERIFY2(tries.first().endsWith(QLatin1Char(' ') + url), qPrintable(tries.first()));
    QCOMPARE(server.requests().size(), 1);
    // Run as printed, it sends the request once over the wire transport and shows the bytes.
    const CliResult wire = runCli({ QStringLiteral("send"), QStringLiteral("--wire"), QStringLiteral("--noproxy"),
        QStringLiteral("--timeout"), QStringLiteral("5s"), url });
    QCOMPARE(server.requests().size(), 2);
    QVERIFY2(wire.err.contains("does not end with chunked"), wire.err.constData());
}

QTEST_GUILESS_MAIN(tst_WireTransport)
#include "tst_wiretransport.moc"
