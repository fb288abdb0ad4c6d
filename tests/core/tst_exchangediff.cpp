// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compare/ExchangeDiff.h"
#include "tests/support/ExchangeBuilder.h"

#include <QJsonArray>
#include <QTest>

using namespace verbscope::compare;
using namespace verbscope::http;

namespace {
Exchange answer(int status, const QByteArray &reason, const HeaderList &headers, const QByteArray &body = {})
{
    return verbscope::test::exchange().status(status).reason(reason).headers(headers).body(body);
}
} // namespace

class tst_ExchangeDiff final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void identicalButVolatileIsSame()
    {
        const Exchange a = answer(200, "OK",
            { { "Date", "Mon, 01 Jan 2026 00:00:00 GMT" }, { "X-Request-Id", "a1" }, { "Server", "nginx" } }, "same");
        const Exchange b = answer(200, "OK",
            { { "Date", "Mon, 01 Jan 2026 00:00:09 GMT" }, { "X-Request-Id", "b2" }, { "Server", "nginx" },
                { "Age", "3" } },
            "same");
        const ExchangeDiff::Result r = ExchangeDiff::compare(a, b);
        QVERIFY(r.same);
        QCOMPARE(r.ignoredHeaders, (QList<QByteArray> { "Date", "X-Request-Id", "Age" }));
        ExchangeDiff::Options all;
        all.allHeaders = true;
        const ExchangeDiff::Result strict = ExchangeDiff::compare(a, b, all);
        QVERIFY(!strict.same);
        QCOMPARE(strict.headers.size(), 3);
        QCOMPARE(strict.headers[2].change, ExchangeDiff::Change::Added);
    }

    void statusLine()
    {
        const ExchangeDiff::Result r
            = ExchangeDiff::compare(answer(405, "Method Not Allowed", {}), answer(405, "Not Allowed", {}));
        QVERIFY(r.statusChanged); // the reason phrase matters: it tells servers apart
        QVERIFY(!r.same);
        Exchange qt = answer(405, "Method Not Allowed", {});
        qt.response.head.httpVersion = QStringLiteral("1.x"); // Qt cannot tell 1.0 from 1.1
        QVERIFY(ExchangeDiff::compare(qt, answer(405, "Method Not Allowed", {})).same);
        Exchange two = answer(405, "Method Not Allowed", {});
        two.response.head.httpVersion = QStringLiteral("2");
        QVERIFY(!ExchangeDiff::compare(qt, two).same);
        Exchange none;
        const ExchangeDiff::Result r2 = ExchangeDiff::compare(none, answer(200, "OK", {}));
        QVERIFY(r2.statusChanged);
        QCOMPARE(r2.left.status, 0);
    }

    void headersAreMultiValueAware()
    {
        // Separate field lines and one merged line mean the same (RFC 9110 §5.3).
        const Exchange wire = answer(405, "M",
            { { "Allow", "GET" }, { "Allow", "HEAD" }, { "Vary", "Accept" }, { "Set-Cookie", "a=1" },
                { "Set-Cookie", "b=2" } });
        const Exchange qt
            = answer(405, "M", { { "Allow", "GET, HEAD" }, { "Vary", "Accept" }, { "Set-Cookie", "a=1\nb=2" } });
        QVERIFY(ExchangeDiff::compare(wire, qt).same);

        const Exchange reordered = answer(405, "M",
            { { "Allow", "HEAD, GET" }, { "Vary", "Accept" }, { "Set-Cookie", "a=1" }, { "Set-Cookie", "b=2" } });
        const ExchangeDiff::Result r = ExchangeDiff::compare(wire, reordered);
        QCOMPARE(r.headers.size(), 1);
        QCOMPARE(r.headers[0].name, QByteArray("Allow"));
        QCOMPARE(r.headers[0].change, ExchangeDiff::Change::Reordered);

        const Exchange changed = answer(405, "M",
            { { "allow", "GET, HEAD, PATCH" }, { "Set-Cookie", "a=1" }, { "Set-Cookie", "b=2" }, { "X-New", "1" } });
        const ExchangeDiff::Result c = ExchangeDiff::compare(wire, changed);
        QCOMPARE(c.headers.size(), 3);
        QCOMPARE(c.headers[0].change, ExchangeDiff::Change::Changed); // names compare case-insensitively
        QCOMPARE(c.headers[0].right, (QList<QByteArray> { "GET, HEAD, PATCH" }));
        QCOMPARE(c.headers[1].name, QByteArray("Vary"));
        QCOMPARE(c.headers[1].change, ExchangeDiff::Change::Removed);
        QCOMPARE(c.headers[2].change, ExchangeDiff::Change::Added);
    }

    void markdownReport()
    {
        const Exchange left = answer(405, "Method Not Allowed", { { "Allow", "GET" }, { "Date", "x" } }, "a\nb\n");
        const Exchange right = answer(501, "Not Implemented", { { "Allow", "GET|HEAD" }, { "Date", "y" } }, "a\nc\n");
        const QString md = ExchangeDiff::toMarkdown(
            ExchangeDiff::compare(left, right), QStringLiteral("#1 PATCH /a"), QStringLiteral("#2 PATCH /a"));
        QVERIFY2(md.contains(
                     QLatin1String("| Status | 405 Method Not Allowed (HTTP/1.1) | 501 Not Implemented (HTTP/1.1) |")),
            qPrintable(md));
        QVERIFY2(md.contains(QLatin1String("| Allow | changed | GET | GET\\|HEAD |")), qPrintable(md));
        QVERIFY(md.contains(QLatin1String("Not compared (volatile): Date.")));
        QVERIFY2(md.contains(QLatin1String("```diff\n")) && md.contains(QLatin1String("\n-b\n+c\n")), qPrintable(md));
        QVERIFY(ExchangeDiff::toMarkdown(ExchangeDiff::compare(left, left), {}, {})
                    .contains(QLatin1String("No differences.")));
    }

    // The text and Markdown reports quote server bytes in the control-byte notation.
    void reportsShowControlBytes()
    {
        const ExchangeDiff::Result r = ExchangeDiff::compare(
            answer(200, "OK\r\rX: 1", { { "X-A", "a\x1b[31m" } }), answer(200, "OK", { { "X-A", "b" } }));
        const QString text = ExchangeDiff::toText(r, QStringLiteral("#1"), QStringLiteral("#2"));
        QVERIFY2(text.contains(QLatin1String("200 OK\\r\\rX: 1 (HTTP/1.1)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("~ X-A: a\\x1b[31m → b")), qPrintable(text));
        const QString md = ExchangeDiff::toMarkdown(r, QStringLiteral("#1"), QStringLiteral("#2"));
        // Markdown escapes the notation's backslash once more, so the rendered table reads a\x1b.
        QVERIFY2(md.contains(QLatin1String("| X-A | changed | a\\\\x1b[31m | b |")), qPrintable(md));
        QVERIFY(!text.contains(QChar(0x1b)) && !md.contains(QChar(0x1b)) && !text.contains(QLatin1Char('\r')));
    }

    void textBodyLineDiff()
    {
        QByteArray left;
        for (int i = 1; i <= 12; ++i)
            left += "l" + QByteArray::number(i) + '\n';
        QByteArray right = left;
        right.replace("l4\n", "L4\n");
        right += "l13\n";
        const ExchangeDiff::Result r = ExchangeDiff::compare(answer(200, "OK", {}, left), answer(200, "OK", {}, right));
        QCOMPARE(r.body.kind, ExchangeDiff::BodyKind::Text);
        QVERIFY(r.body.changed);
        QStringList ops;
        for (const ExchangeDiff::LineOp &l : r.body.lines)
            ops << QString(QLatin1Char(l.op)) + l.text;
        QCOMPARE(ops,
            (QStringList { QStringLiteral("@@@ -2 +2 @@"), QStringLiteral(" l2"), QStringLiteral(" l3"),
                QStringLiteral("-l4"), QStringLiteral("+L4"), QStringLiteral(" l5"), QStringLiteral(" l6"),
                QStringLiteral("@@@ -11 +11 @@"), QStringLiteral(" l11"), QStringLiteral(" l12"),
                QStringLiteral("+l13") }));
        const ExchangeDiff::LineOp &minus = r.body.lines[3];
        QCOMPARE(minus.leftLine, 4);
        QCOMPARE(minus.rightLine, 0);
        const QString text = ExchangeDiff::toText(r, QStringLiteral("#1"), QStringLiteral("#2"));
        QVERIFY2(text.contains(QLatin1String("  - l4\n  + L4\n")), qPrintable(text));
    }

    void jsonBodyByPath()
    {
        const QByteArray left
            = R"({"id": 1, "tags": ["a", "b"], "owner": {"name": "x", "mail": "m"}, "odd key": true})";
        const QByteArray right
            = R"({"tags": ["a", "c", "d"], "owner": {"name": "y"}, "id": 1, "odd key": "true", "new": null})";
        const ExchangeDiff::Result r = ExchangeDiff::compare(answer(200, "OK", {}, left), answer(200, "OK", {}, right));
        QCOMPARE(r.body.kind, ExchangeDiff::BodyKind::Json);
        QStringList paths;
        for (const ExchangeDiff::JsonChange &c : r.body.json)
            paths << c.path + QLatin1Char(' ') + ExchangeDiff::changeName(c.change);
        QCOMPARE(paths,
            (QStringList { QStringLiteral("$.new added"), QStringLiteral("$[\"odd key\"] changed"),
                QStringLiteral("$.owner.mail removed"), QStringLiteral("$.owner.name changed"),
                QStringLiteral("$.tags[1] changed"), QStringLiteral("$.tags[2] added") }));
        // Same value, other spelling: bytes differ, JSON does not.
        const ExchangeDiff::Result spacing = ExchangeDiff::compare(
            answer(200, "OK", {}, "{\"a\":1,\"b\":2}"), answer(200, "OK", {}, "{ \"b\": 2, \"a\": 1 }"));
        QVERIFY(spacing.body.changed);
        QVERIFY(spacing.body.json.isEmpty());
        QVERIFY(!spacing.body.note.isEmpty());
    }

    void binaryBodyBySizeAndHash()
    {
        const ExchangeDiff::Result r = ExchangeDiff::compare(
            answer(200, "OK", {}, QByteArray("\x00\x01\x02", 3)), answer(200, "OK", {}, QByteArray("\x00\x01", 2)));
        QCOMPARE(r.body.kind, ExchangeDiff::BodyKind::Binary);
        QCOMPARE(r.body.left.size, 3);
        QCOMPARE(r.body.right.size, 2);
        QCOMPARE(r.body.left.sha256, QByteArray("ae4b3280e56e2faf83f414a6e3dabe9d5fbe18976544c05fed121accb85b53fc"));
        QVERIFY(r.body.lines.isEmpty());
    }

    void jsonDocument()
    {
        const ExchangeDiff::Result r
            = ExchangeDiff::compare(answer(405, "Method Not Allowed", { { "Allow", "GET" } }, "a\n"),
                answer(200, "OK", { { "Allow", "GET, PATCH" } }, "b\n"));
        const QJsonObject j = ExchangeDiff::toJson(r, { { QStringLiteral("id"), 1 } }, { { QStringLiteral("id"), 2 } });
        QCOMPARE(j[QStringLiteral("format")].toString(), QStringLiteral("verbscope.diff/1"));
        QCOMPARE(j[QStringLiteral("same")].toBool(), false);
        QCOMPARE(j[QStringLiteral("left")][QStringLiteral("id")].toInt(), 1);
        QCOMPARE(j[QStringLiteral("status")][QStringLiteral("left")][QStringLiteral("status")].toInt(), 405);
        QCOMPARE(j[QStringLiteral("status")][QStringLiteral("changed")].toBool(), true);
        QCOMPARE(j[QStringLiteral("headers")][0][QStringLiteral("change")].toString(), QStringLiteral("changed"));
        QCOMPARE(j[QStringLiteral("body")][QStringLiteral("kind")].toString(), QStringLiteral("text"));
        QCOMPARE(j[QStringLiteral("body")][QStringLiteral("lines")].toArray().size(), 2);
        QCOMPARE(j[QStringLiteral("body")][QStringLiteral("lines")][0][QStringLiteral("op")].toString(),
            QStringLiteral("-"));
    }

    void hugeTextFallsBackToANote()
    {
        QByteArray a;
        QByteArray b;
        for (int i = 0; i < 3000; ++i) {
            a += QByteArray::number(i) + "a\n";
            b += QByteArray::number(i) + "b\n";
        }
        ExchangeDiff::Options o;
        o.maxLineDiffCells = 1'000'000;
        const ExchangeDiff::Result r = ExchangeDiff::compare(answer(200, "OK", {}, a), answer(200, "OK", {}, b), o);
        QVERIFY(r.body.changed);
        QVERIFY(r.body.lines.isEmpty());
        QVERIFY(r.body.note.contains(QLatin1String("too many")));
    }
};

QTEST_APPLESS_MAIN(tst_ExchangeDiff)
#include "tst_exchangediff.moc"
