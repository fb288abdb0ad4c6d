// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/ResponseParser.h"

#include <QtTest>

using namespace verbscope::http;

namespace {

// Everything the parser reported for one input, fed whole or one byte at a time.
struct Result {
    QList<ResponseHead> informational;
    std::optional<ResponseHead> head;
    QByteArray body;
    bool complete = false;
    ErrorKind errorKind = ErrorKind::None;
    QString error;
    int eventsAfterEnd = 0;
};

void collect(Result &r, const QList<ParseEvent> &events)
{
    for (const ParseEvent &e : events) {
        if (r.complete || r.errorKind != ErrorKind::None) {
            ++r.eventsAfterEnd;
            continue;
        }
        switch (e.type) {
        case ParseEvent::Type::Informational: r.informational << e.head; break;
        case ParseEvent::Type::Head: r.head = e.head; break;
        case ParseEvent::Type::Body: r.body += e.data; break;
        case ParseEvent::Type::Complete: r.complete = true; break;
        case ParseEvent::Type::Error:
            r.errorKind = e.errorKind;
            r.error = e.message;
            break;
        }
    }
}

Result parse(ResponseParser &p, const QByteArray &input, bool byteByByte, bool close = false)
{
    Result r;
    if (byteByByte) {
        for (qsizetype i = 0; i < input.size(); ++i)
            collect(r, p.feed(QByteArrayView(input).sliced(i, 1)));
    } else {
        collect(r, p.feed(input));
    }
    if (close)
        collect(r, p.finish());
    return r;
}

// As WireJob reads: whenever the parser offers direct room, up to `step` body bytes go around
// feed() (bodyDelivered), everything else through feed(), `step` bytes at a time.
Result parseDirect(ResponseParser &p, const QByteArray &input, qsizetype step, bool close, qint64 *direct)
{
    Result r;
    qsizetype i = 0;
    while (i < input.size()) {
        const qint64 room = p.directBodyRoom();
        const qsizetype n = std::min<qsizetype>(step, input.size() - i);
        if (room > 0) {
            const qsizetype take = qsizetype(std::min<qint64>(room, n));
            r.body += input.mid(i, take);
            *direct += take;
            collect(r, p.bodyDelivered(take));
            i += take;
        } else {
            collect(r, p.feed(QByteArrayView(input).sliced(i, n)));
            i += n;
        }
    }
    if (close)
        collect(r, p.finish());
    return r;
}

} // namespace

class tst_ResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactHead_data();
    void exactHead();
    void reasonAndVersionExact();
    void closeDelimited();
    void lfOnly();
    void duplicateAndEmptyHeaders();
    void obsFold();
    void obsFoldWithoutField();
    void bareCrAndNulInHead();
    void headerWithoutColon();
    void garbageStatusLine_data();
    void garbageStatusLine();
    void contentLength_data();
    void contentLength();
    void chunkedWithTrailers();
    void invalidChunkSize_data();
    void invalidChunkSize();
    void truncated_data();
    void truncated();
    void noBody_data();
    void noBody();
    void excessBytes_data();
    void excessBytes();
    void informational();
    void tooManyInformational();
    void lineLimitWithoutNewline();
    void hugeHeaderLine();
    void headerCountLimit();
    void headerSectionLimit();
    void keepAlive_data();
    void keepAlive();
    void transferEncodingAndLength();
    void transferEncodingNotChunked();
    void closedBeforeAnything();
    void connectTunnel();
    void directBodyMatchesFeed_data();
    void directBodyMatchesFeed();
};

void tst_ResponseParser::exactHead_data()
{
    QTest::addColumn<bool>("byteByByte");
    QTest::newRow("whole") << false;
    QTest::newRow("byte by byte") << true;
}

void tst_ResponseParser::exactHead()
{
    QFETCH(bool, byteByByte);
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n";
    ResponseParser p;
    const Result r = parse(p, head + "hello", byteByByte);
    QVERIFY(r.head);
    QCOMPARE(r.head->status, 200);
    QCOMPARE(r.head->reason, QByteArray("OK"));
    QCOMPARE(r.head->httpVersion, QStringLiteral("1.1"));
    QCOMPARE(r.head->rawHead, head);
    QCOMPARE(r.head->headers, (HeaderList { { "Content-Type", "text/plain" }, { "Content-Length", "5" } }));
    QCOMPARE(r.body, QByteArray("hello"));
    QVERIFY(r.complete);
    QVERIFY(p.isComplete());
    QVERIFY(p.keepAlive());
    QCOMPARE(p.framing(), ResponseParser::Framing::ContentLength);
    QVERIFY(p.warnings().isEmpty());
}

void tst_ResponseParser::reasonAndVersionExact()
{
    ResponseParser p;
    Result r = parse(p, "HTTP/1.0 404 Not  Found, Really \xe2\x9c\x93 \r\nContent-Length: 0\r\n\r\n", false);
    QVERIFY(r.complete);
    QCOMPARE(r.head->httpVersion, QStringLiteral("1.0"));
    QCOMPARE(r.head->reason, QByteArray("Not  Found, Really \xe2\x9c\x93 "));

    ResponseParser noReason;
    r = parse(noReason, "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", false);
    QVERIFY(r.complete);
    QCOMPARE(r.head->status, 200);
    QVERIFY(r.head->reason.isEmpty());
    QVERIFY(noReason.warnings().join(QLatin1Char('\n')).contains(QLatin1String("no reason phrase")));

    ResponseParser emptyReason;
    r = parse(emptyReason, "HTTP/1.1 599 \r\nContent-Length: 0\r\n\r\n", false);
    QVERIFY(r.complete);
    QCOMPARE(r.head->status, 599);
    QVERIFY(r.head->reason.isEmpty());
    QVERIFY(emptyReason.warnings().isEmpty());
}

void tst_ResponseParser::closeDelimited()
{
    ResponseParser p;
    Result r = parse(p, "HTTP/1.0 200 OK\r\nServer: old\r\n\r\nfirst part ", false);
    QVERIFY(r.head);
    QVERIFY(!r.complete);
    QCOMPARE(p.framing(), ResponseParser::Framing::Close);
    collect(r, p.feed("and the rest"));
    collect(r, p.finish());
    QVERIFY(r.complete);
    QCOMPARE(r.body, QByteArray("first part and the rest"));
    QVERIFY(!p.keepAlive());
}

void tst_ResponseParser::lfOnly()
{
    ResponseParser p;
    const QByteArray head = "HTTP/1.1 200 OK\nX-A: 1\nContent-Length: 2\n\n";
    const Result r = parse(p, head + "ok", true);
    QVERIFY(r.complete);
    QCOMPARE(r.head->rawHead, head);
    QCOMPARE(r.head->headers, (HeaderList { { "X-A", "1" }, { "Content-Length", "2" } }));
    QCOMPARE(r.body, QByteArray("ok"));
    QVERIFY(p.warnings().join(QLatin1Char('\n')).contains(QLatin1String("bare LF")));
}

void tst_ResponseParser::duplicateAndEmptyHeaders()
{
    ResponseParser p;
    const Result r = parse(p,
        "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-Empty:\r\nset-cookie: b=2\r\nX-Blank:   \r\n"
        "X-Spaces:  padded value \t\r\nContent-Length: 0\r\n\r\n",
        false);
    QVERIFY(r.complete);
    const HeaderList expected { { "Set-Cookie", "a=1" }, { "X-Empty", "" }, { "set-cookie", "b=2" }, { "X-Blank", "" },
        { "X-Spaces", "padded value" }, { "Content-Length", "0" } };
    QCOMPARE(r.head->headers, expected);
}

void tst_ResponseParser::obsFold()
{
    ResponseParser p;
    const QByteArray head
        = "HTTP/1.1 200 OK\r\nX-Fold: first\r\n  second\r\n\tthird\r\nX-Next: n\r\nContent-Length: 0\r\n\r\n";
    const Result r = parse(p, head, true);
    QVERIFY(r.complete);
    QCOMPARE(r.head->rawHead, head);
    QCOMPARE(r.head->headers,
        (HeaderList { { "X-Fold", "first second third" }, { "X-Next", "n" }, { "Content-Length", "0" } }));
    QVERIFY(p.warnings().join(QLatin1Char('\n')).contains(QLatin1String("X-Fold")));
}

// A bare CR inside the status line hides it on a terminal; the parser keeps the bytes and says
// which byte of which line it is.
void tst_ResponseParser::bareCrAndNulInHead()
{
    ResponseParser p;
    const Result r
        = parse(p, QByteArray("HTTP/1.1 200 OK\r\rContent-Length: 4\r\nX-N: a\0b\r\n\r\nbody", 52), true, true);
    QVERIFY(r.complete);
    QCOMPARE(r.head->reason, QByteArray("OK\r\rContent-Length: 4"));
    QCOMPARE(r.head->headers, (HeaderList { { "X-N", QByteArray("a\0b", 3) } }));
    QCOMPARE(r.body, QByteArray("body"));
    const QString warnings = p.warnings().join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(QLatin1String("the status line holds CR (0x0D) at byte 16")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QLatin1String("header line 2 holds NUL (0x00) at byte 7")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QLatin1String("\"HTTP/1.1 200 OK\\r\\rContent-Length: 4\"")), qPrintable(warnings));

    // Many such lines: the first three are named, the rest counted.
    ResponseParser many;
    QByteArray head = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 10; ++i)
        head += "X-" + QByteArray::number(i) + ": a\rb\r\n";
    parse(many, head + "Content-Length: 0\r\n\r\n", false);
    const QStringList w = many.warnings();
    QCOMPARE(w.filter(QStringLiteral("holds CR (0x0D)")).size(), 3);
    QVERIFY2(
        w.contains(QStringLiteral("7 more head lines hold a bare CR or a NUL")), qPrintable(w.join(QLatin1Char('\n'))));
}

void tst_ResponseParser::obsFoldWithoutField()
{
    ResponseParser p;
    const Result r = parse(p, "HTTP/1.1 200 OK\r\n  continued\r\n\r\n", false);
    QCOMPARE(r.errorKind, ErrorKind::Protocol);
    QVERIFY2(r.error.contains(QLatin1String("whitespace")), qPrintable(r.error));
}

void tst_ResponseParser::headerWithoutColon()
{
    ResponseParser p;
    const Result r
        = parse(p, "HTTP/1.1 200 OK\r\nX-Good: 1\r\nThis line has no colon\r\nContent-Length: 0\r\n\r\n", false);
    QVERIFY(!r.head);
    QCOMPARE(r.errorKind, ErrorKind::Protocol);
    QVERIFY2(r.error.contains(QLatin1String("line 3 has no colon")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QLatin1String("This line has no colon")), qPrintable(r.error));
    QVERIFY(p.hasError());
}

void tst_ResponseParser::garbageStatusLine_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("not http") << QByteArray("garbage\r\n\r\n");
    QTest::newRow("html") << QByteArray("<html><body>hello</body></html>\r\n");
    QTest::newRow("lower-case") << QByteArray("http/1.1 200 OK\r\n\r\n");
    QTest::newRow("bad version") << QByteArray("HTTP/x.y 200 OK\r\n\r\n");
    QTest::newRow("http/2 text") << QByteArray("HTTP/2.0 200 OK\r\n\r\n");
    QTest::newRow("bad code") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
    QTest::newRow("short code") << QByteArray("HTTP/1.1 20 OK\r\n\r\n");
    QTest::newRow("long code") << QByteArray("HTTP/1.1 2000 OK\r\n\r\n");
    QTest::newRow("no code") << QByteArray("HTTP/1.1\r\n\r\n");
    QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\n", 10);
}

void tst_ResponseParser::garbageStatusLine()
{
    QFETCH(QByteArray, input);
    ResponseParser p;
    const Result r = parse(p, input, false);
    QVERIFY(!r.head);
    QCOMPARE(r.errorKind, ErrorKind::Protocol);
    QVERIFY2(r.error.contains(QLatin1String("status line")), qPrintable(r.error));
}

void tst_ResponseParser::contentLength_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("message");
    QTest::newRow("same twice") << QByteArray("Content-Length: 3\r\nContent-Length: 3\r\n") << true
                                << QStringLiteral("2 times");
    QTest::newRow("list of same") << QByteArray("Content-Length: 3, 3\r\n") << true << QStringLiteral("2 times");
    QTest::newRow("conflicting") << QByteArray("Content-Length: 3\r\nContent-Length: 4\r\n") << false
                                 << QStringLiteral("conflicting Content-Length values 3 and 4");
    QTest::newRow("conflicting list") << QByteArray("Content-Length: 3, 5\r\n") << false
                                      << QStringLiteral("conflicting");
    QTest::newRow("negative") << QByteArray("Content-Length: -1\r\n") << false
                              << QStringLiteral("negative Content-Length -1");
    QTest::newRow("not a number") << QByteArray("Content-Length: abc\r\n") << false
                                  << QStringLiteral("invalid Content-Length");
    QTest::newRow("plus sign") << QByteArray("Content-Length: +3\r\n") << false
                               << QStringLiteral("invalid Content-Length");
    QTest::newRow("empty") << QByteArray("Content-Length:\r\n") << false << QStringLiteral("invalid Content-Length");
    QTest::newRow("too large") << QByteArray("Content-Length: 99999999999999999999999\r\n") << false
                               << QStringLiteral("too large");
}

void tst_ResponseParser::contentLength()
{
    QFETCH(QByteArray, fields);
    QFETCH(bool, ok);
    QFETCH(QString, message);
    ResponseParser p;
    const Result r = parse(p, "HTTP/1.1 200 OK\r\n" + fields + "\r\nabc", false);
    QVERIFY(r.head); // the head is delivered even when the body cannot be framed
    if (ok) {
        QVERIFY(r.complete);
        QCOMPARE(r.body, QByteArray("abc"));
        QVERIFY2(
            p.warnings().join(QLatin1Char('\n')).contains(message), qPrintable(p.warnings().join(QLatin1Char('\n'))));
    } else {
        QCOMPARE(r.errorKind, ErrorKind::Protocol);
        QVERIFY2(r.error.contains(message), qPrintable(r.error));
        QVERIFY(r.body.isEmpty());
    }
}

void tst_ResponseParser::chunkedWithTrailers()
{
    for (const bool byteByByte : { false, true }) {
        ResponseParser p;
        const QByteArray trailers = "X-Checksum: abc\r\nX-Empty:\r\n\r\n";
        const Result r = parse(p,
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            "5;name=value\r\nhello\r\n"
            "A \r\n, chunked!\r\n"
            "0\r\n"
                + trailers,
            byteByByte);
        QVERIFY(r.complete);
        QCOMPARE(r.body, QByteArray("hello, chunked!"));
        QCOMPARE(p.framing(), ResponseParser::Framing::Chunked);
        QCOMPARE(p.trailers(), (HeaderList { { "X-Checksum", "abc" }, { "X-Empty", "" } }));
        QCOMPARE(p.rawTrailers(), trailers);
        QVERIFY(p.keepAlive());
    }
}

void tst_ResponseParser::invalidChunkSize_data()
{
    QTest::addColumn<QByteArray>("chunks");
    QTest::addColumn<QString>("message");
    QTest::newRow("not hex") << QByteArray("zz\r\nhello\r\n0\r\n\r\n")
                             << QStringLiteral("invalid chunk size line \"zz\"");
    QTest::newRow("negative") << QByteArray("-5\r\nhello\r\n0\r\n\r\n") << QStringLiteral("invalid chunk size");
    QTest::newRow("empty") << QByteArray("\r\nhello\r\n0\r\n\r\n") << QStringLiteral("invalid chunk size");
    QTest::newRow("huge") << QByteArray("ffffffffffffffffff\r\n") << QStringLiteral("invalid chunk size");
    QTest::newRow("no line end after data")
        << QByteArray("5\r\nhelloXX\r\n0\r\n\r\n") << QStringLiteral("not followed by a line end");
}

void tst_ResponseParser::invalidChunkSize()
{
    QFETCH(QByteArray, chunks);
    QFETCH(QString, message);
    ResponseParser p;
    const Result r = parse(p, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks, false);
    QVERIFY(r.head);
    QCOMPARE(r.errorKind, ErrorKind::Protocol);
    QVERIFY2(r.error.contains(message), qPrintable(r.error));
}

void tst_ResponseParser::truncated_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("fixed length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << QByteArray("abc")
                                  << QStringLiteral("after 3 of the 10 body bytes");
    QTest::newRow("chunked, inside a chunk")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\nabc") << QByteArray("abc")
        << QStringLiteral("inside the chunked body after 3");
    QTest::newRow("chunked, no last chunk")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n") << QByteArray("abc")
        << QStringLiteral("no last chunk");
    QTest::newRow("chunked, in trailers")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n")
        << QByteArray("abc") << QStringLiteral("trailer section");
    QTest::newRow("head") << QByteArray("HTTP/1.1 200 OK\r\nContent-Le") << QByteArray()
                          << QStringLiteral("middle of the response head");
    QTest::newRow("after 100") << QByteArray("HTTP/1.1 100 Continue\r\n\r\n") << QByteArray()
                               << QStringLiteral("after 1 informational");
}

void tst_ResponseParser::truncated()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    ResponseParser p;
    const Result r = parse(p, input, false, true);
    QCOMPARE(r.errorKind, ErrorKind::Closed);
    QVERIFY2(r.error.contains(message), qPrintable(r.error));
    QCOMPARE(r.body, body); // what arrived is kept
    QVERIFY(!r.complete);
}

void tst_ResponseParser::noBody_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("statusLine");
    QTest::newRow("HEAD") << QByteArray("HEAD") << QByteArray("HTTP/1.1 200 OK");
    QTest::newRow("204") << QByteArray("DELETE") << QByteArray("HTTP/1.1 204 No Content");
    QTest::newRow("304") << QByteArray("GET") << QByteArray("HTTP/1.1 304 Not Modified");
}

void tst_ResponseParser::noBody()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, statusLine);
    ResponseParser p;
    p.setRequestMethod(method);
    const Result r = parse(p, statusLine + "\r\nContent-Length: 1234\r\nTransfer-Encoding: chunked\r\n\r\n", false);
    QVERIFY(r.complete);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(p.framing(), ResponseParser::Framing::None);
    QVERIFY(p.keepAlive());

    // "head" is not HEAD: methods are case-sensitive, so a body is expected.
    ResponseParser lower;
    lower.setRequestMethod("head");
    const Result l = parse(lower, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false);
    QVERIFY(l.complete);
    QCOMPARE(l.body, QByteArray("ok"));
}

void tst_ResponseParser::excessBytes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("excess");
    QTest::addColumn<QString>("message");
    QTest::newRow("longer than Content-Length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdefgh") << QByteArray("abc") << 5
        << QStringLiteral("announced by Content-Length");
    QTest::newRow("204 with a body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\nsurprise") << QByteArray() << 8
                                     << QStringLiteral("a 204 response has no body");
    QTest::newRow("after last chunk") << QByteArray(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\nzz")
                                      << QByteArray("x") << 2 << QStringLiteral("after the last chunk");
}

void tst_ResponseParser::excessBytes()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, body);
    QFETCH(int, excess);
    QFETCH(QString, message);
    ResponseParser p;
    Result r = parse(p, input, false);
    QVERIFY(r.complete);
    QCOMPARE(r.body, body);
    QCOMPARE(p.excessBytes(), qint64(excess));
    const QString warnings = p.warnings().join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(message) && warnings.contains(QLatin1String("not reused")), qPrintable(warnings));
    QVERIFY(!p.keepAlive());
    collect(r, p.feed("more later"));
    QCOMPARE(p.excessBytes(), qint64(excess + 10));
    QCOMPARE(r.eventsAfterEnd, 0);
}

void tst_ResponseParser::informational()
{
    for (const bool byteByByte : { false, true }) {
        ResponseParser p;
        const QByteArray first = "HTTP/1.1 100 Continue\r\n\r\n";
        const QByteArray second
            = "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\nLink: </app.js>; rel=preload\r\n\r\n";
        const QByteArray final = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n";
        const Result r = parse(p, first + second + final + "done", byteByByte);
        QVERIFY(r.complete);
        QCOMPARE(r.informational.size(), 2);
        QCOMPARE(r.informational[0].status, 100);
        QCOMPARE(r.informational[0].rawHead, first);
        QCOMPARE(r.informational[1].status, 103);
        QCOMPARE(r.informational[1].reason, QByteArray("Early Hints"));
        QCOMPARE(headerValues(r.informational[1].headers, "Link").size(), 2);
        QCOMPARE(r.head->status, 200);
        QCOMPARE(r.head->rawHead, final);
        QCOMPARE(r.body, QByteArray("done"));
    }
}

void tst_ResponseParser::tooManyInformational()
{
    ResponseParser p;
    QByteArray input;
    for (int i = 0; i < 150; ++i)
        input += "HTTP/1.1 100 Continue\r\n\r\n";
    const Result r = parse(p, input, false);
    QCOMPARE(r.informational.size(), 100);
    QCOMPARE(r.errorKind, ErrorKind::Protocol);
    QVERIFY2(r.error.contains(QLatin1String("more than 100 informational")), qPrintable(r.error));
}

void tst_ResponseParser::lineLimitWithoutNewline()
{
    // The limit trips while the line is still arriving: no newline is needed to stop buffering.
    ResponseParser p;
    Result r = parse(p, "HTTP/1.1 200 OK\r\nX-Big: ", false);
    const QByteArray block(16 * 1024, 'a');
    int fed = 0;
    while (r.errorKind == ErrorKind::None && fed < 100) {
        collect(r, p.feed(block));
        ++fed;
    }
    QCOMPARE(r.errorKind, ErrorKind::Protocol);
    QVERIFY2(fed <= 5, "the line limit did not stop a line without newline early");
    QVERIFY2(r.error.contains(QLatin1String("line length limit of 65536 bytes (64 KiB)")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QLatin1String("header line 2")), qPrintable(r.error));
}

void tst_ResponseParser::hugeHeaderLine()
{
    ResponseParser p;
    const Result r = parse(p, "HTTP/1.1 200 OK\r\nX-Huge: " + QByteArray(10 * 1024 * 1024, 'x') + "\r\n\r\n", false);
    QCOMPARE(r.errorKind, ErrorKind::Protocol);
    QVERIFY2(r.error.contains(QLatin1String("line length limit")), qPrintable(r.error));
}

void tst_ResponseParser::headerCountLimit()
{
    QByteArray input = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 10000; ++i)
        input += "X-H" + QByteArray::number(i) + ": v\r\n";
    input += "\r\n";
    ResponseParser p;
    const Result r = parse(p, input, false);
    QCOMPARE(r.errorKind, ErrorKind::Protocol);
    QVERIFY2(r.error.contains(QLatin1String("more than 1000 header fields")), qPrintable(r.error));

    // Exactly at the limit is fine.
    QByteArray atLimit = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 999; ++i)
        atLimit += "X-H: v\r\n";
    atLimit += "Content-Length: 0\r\n\r\n";
    ResponseParser ok;
    const Result r2 = parse(ok, atLimit, false);
    QVERIFY(r2.complete);
    QCOMPARE(r2.head->headers.size(), 1000);
}

void tst_ResponseParser::headerSectionLimit()
{
    QByteArray input = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 100; ++i)
        input += "X-Part: " + QByteArray(20 * 1024, 'p') + "\r\n";
    input += "\r\n";
    ResponseParser p;
    const Result r = parse(p, input, false);
    QCOMPARE(r.errorKind, ErrorKind::Protocol);
    QVERIFY2(
        r.error.contains(QLatin1String("header section size limit of 1048576 bytes (1 MiB)")), qPrintable(r.error));

    ParserLimits small;
    small.maxHeadBytes = 100;
    ResponseParser custom(small);
    const Result r2 = parse(custom, "HTTP/1.1 200 OK\r\nX-A: " + QByteArray(100, 'a') + "\r\n\r\n", true);
    QVERIFY2(r2.error.contains(QLatin1String("limit of 100 bytes")), qPrintable(r2.error));
}

void tst_ResponseParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n")
                               << false;
    QTest::newRow("1.1 close in list") << QByteArray(
        "HTTP/1.1 200 OK\r\nConnection: x-foo, close\r\nContent-Length: 0\r\n\r\n")
                                       << false;
    QTest::newRow("1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive") << QByteArray(
        "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")
                                    << true;
}

void tst_ResponseParser::keepAlive()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, keepAlive);
    ResponseParser p;
    const Result r = parse(p, input, false);
    QVERIFY(r.complete);
    QCOMPARE(p.keepAlive(), keepAlive);
}

void tst_ResponseParser::transferEncodingAndLength()
{
    ResponseParser p;
    const Result r = parse(
        p, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", false);
    QVERIFY(r.complete);
    QCOMPARE(r.body, QByteArray("ok"));
    QVERIFY(!p.keepAlive());
    QVERIFY(p.warnings().join(QLatin1Char('\n')).contains(QLatin1String("both Transfer-Encoding and Content-Length")));
}

void tst_ResponseParser::transferEncodingNotChunked()
{
    ResponseParser p;
    Result r = parse(p, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nraw", false, true);
    QVERIFY(r.complete);
    QCOMPARE(r.body, QByteArray("raw"));
    QCOMPARE(p.framing(), ResponseParser::Framing::Close);
}

void tst_ResponseParser::closedBeforeAnything()
{
    ResponseParser p;
    const Result r = parse(p, {}, false, true);
    QCOMPARE(r.errorKind, ErrorKind::Closed);
    QVERIFY(!p.receivedAnything());
}

void tst_ResponseParser::connectTunnel()
{
    ResponseParser p;
    p.setRequestMethod("CONNECT");
    const Result r = parse(p, "HTTP/1.1 200 Connection established\r\n\r\n", false);
    QVERIFY(r.complete);
    QCOMPARE(r.head->reason, QByteArray("Connection established"));
}

void tst_ResponseParser::directBodyMatchesFeed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("close");
    QByteArray big(100'000, 'x');
    for (int i = 0; i < big.size(); ++i)
        big[i] = char('a' + i % 26);
    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + big
        + "HTTP/1.1 excess") << false;
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "5\r\nhello\r\n186a0;ext=1\r\n"
        + big + "\r\n0\r\nX-Trailer: t\r\n\r\n")
                             << false;
    QTest::newRow("close-delimited") << QByteArray("HTTP/1.0 200 OK\r\n\r\n" + big) << true;
    QTest::newRow("cut short") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + big) << true;
    QTest::newRow("bad chunk end") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                 "3\r\nabcXY\r\n0\r\n\r\n")
                                   << false;
    QTest::newRow("informational, then 204")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n") << false;
}

// The zero-copy path must see exactly what feed() sees: same body, same end, same errors.
void tst_ResponseParser::directBodyMatchesFeed()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, close);
    ResponseParser reference;
    const Result expected = parse(reference, input, false, close);
    for (const qsizetype step : { qsizetype(1), qsizetype(7), qsizetype(4096), qsizetype(1 << 20) }) {
        ResponseParser p;
        qint64 direct = 0;
        const Result got = parseDirect(p, input, step, close, &direct);
        QCOMPARE(got.body, expected.body);
        QCOMPARE(got.complete, expected.complete);
        QCOMPARE(got.errorKind, expected.errorKind);
        QCOMPARE(got.error, expected.error);
        QCOMPARE(got.eventsAfterEnd, 0);
        QCOMPARE(p.bodyBytes(), reference.bodyBytes());
        QCOMPARE(p.excessBytes(), reference.excessBytes());
        QCOMPARE(p.trailers().size(), reference.trailers().size());
        QCOMPARE(p.isComplete(), reference.isComplete());
        QVERIFY(p.isComplete() || p.hasError());
        QCOMPARE(p.directBodyRoom(), qint64(0)); // nothing more may bypass the parser
        if (expected.body.size() > 1000 && step <= 4096) // a bigger step feeds the head and body at once
            QVERIFY2(direct > expected.body.size() / 2, "most of a large body should go the direct way");
    }
}

QTEST_APPLESS_MAIN(tst_ResponseParser)
#include "tst_responseparser.moc"
