// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/RunData.h"

#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;

namespace {
using Pair = std::pair<const char *, const char *>;
VariableMap row(std::initializer_list<Pair> values)
{
    VariableMap m;
    for (const Pair &kv : values)
        m.insert(QString::fromUtf8(kv.first), QString::fromUtf8(kv.second));
    return m;
}
} // namespace

class TstRunData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvRows_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QList<VariableMap>>("rows");
        QTest::newRow("lf") << QByteArray("id,name\n1,alice\n2,bob\n")
                            << QList<VariableMap> { row({ { "id", "1" }, { "name", "alice" } }),
                                   row({ { "id", "2" }, { "name", "bob" } }) };
        QTest::newRow("crlf, no final newline") << QByteArray("id,name\r\n1,alice\r\n2,bob")
                                                << QList<VariableMap> { row({ { "id", "1" }, { "name", "alice" } }),
                                                       row({ { "id", "2" }, { "name", "bob" } }) };
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBFid\n7\n") << QList<VariableMap> { row({ { "id", "7" } }) };
        QTest::newRow("quoted comma, doubled quote, newline")
            << QByteArray("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\r\nline2\"\r\n")
            << QList<VariableMap> { row({ { "a", "x, y" }, { "b", "say \"hi\"" }, { "c", "line1\r\nline2" } }) };
        QTest::newRow("empty fields and blank lines")
            << QByteArray("a,b\n\n,\n\"\",z\n\n")
            << QList<VariableMap> { row({ { "a", "" }, { "b", "" } }), row({ { "a", "" }, { "b", "z" } }) };
        QTest::newRow("utf-8") << QByteArray("name\nJos\xC3\xA9\n")
                               << QList<VariableMap> { row({ { "name", "Jos\xC3\xA9" } }) };
        QTest::newRow("header only") << QByteArray("a,b\n") << QList<VariableMap> {};
    }
    void csvRows()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QList<VariableMap>, rows);
        const RunDataResult r = RunData::parseCsv(csv, QStringLiteral("data.csv"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.rows, rows);
    }

    void csvErrors_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("error");
        QTest::newRow("unterminated") << QByteArray("a,b\n1,2\n3,4\n5,x\"y\n6,\"open\n")
                                      << QStringLiteral("data.csv:4:4: quote inside an unquoted field (quote the whole "
                                                        "field and double the quote)");
        QTest::newRow("unterminated quote")
            << QByteArray("a,b\n1,2\n3,4\n5,\"open\n") << QStringLiteral("data.csv:4:3: unterminated quoted field");
        QTest::newRow("after closing quote") << QByteArray("a\n\"x\"y\n")
                                             << QStringLiteral("data.csv:2:4: text after a closing quote (a quote "
                                                               "inside a quoted field is written twice: \"\")");
        QTest::newRow("too many fields") << QByteArray("a,b,c\n1,2,3\n1,2,3\n1,2,3,4\n")
                                         << QStringLiteral("data.csv:4: row 3 has 4 fields, the header has 3");
        QTest::newRow("too few fields, after a multi-line field")
            << QByteArray("a,b\n\"1\n2\",x\ny\n") << QStringLiteral("data.csv:4: row 2 has 1 fields, the header has 2");
        QTest::newRow("empty") << QByteArray("\n\n") << QStringLiteral("data.csv: no header row");
        QTest::newRow("unnamed column") << QByteArray("a,,c\n1,2,3\n")
                                        << QStringLiteral("data.csv:1: column 2 of the header has no name");
        QTest::newRow("duplicate column") << QByteArray("a,b,a\n")
                                          << QStringLiteral("data.csv:1: column \"a\" appears "
                                                            "twice in the header");
        QTest::newRow("invalid utf-8") << QByteArray("a\n\xFF\n") << QStringLiteral("data.csv: not valid UTF-8");
    }
    void csvErrors()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, error);
        const RunDataResult r = RunData::parseCsv(csv, QStringLiteral("data.csv"));
        QCOMPARE(r.error, error);
        QVERIFY(r.rows.isEmpty());
    }

    void jsonRows()
    {
        const RunDataResult r
            = RunData::parseJson("[{\"id\": 1, \"name\": \"alice\", \"admin\": true, \"ratio\": 0.5, \"note\": null},"
                                 " {\"id\": 12345678901, \"name\": \"b\\\"ob\"}]",
                QStringLiteral("data.json"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows.at(0).value(QStringLiteral("id")), QStringLiteral("1"));
        QCOMPARE(r.rows.at(0).value(QStringLiteral("admin")), QStringLiteral("true"));
        QCOMPARE(r.rows.at(0).value(QStringLiteral("ratio")), QStringLiteral("0.5"));
        QVERIFY(r.rows.at(0).contains(QStringLiteral("note")));
        QCOMPARE(r.rows.at(0).value(QStringLiteral("note")), QString());
        QCOMPARE(r.rows.at(1).value(QStringLiteral("id")), QStringLiteral("12345678901"));
        QCOMPARE(r.rows.at(1).value(QStringLiteral("name")), QStringLiteral("b\"ob"));
    }

    void jsonErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not an object") << QByteArray(R"([{"a": 1}, 2])")
                                       << QStringLiteral("data.json: element 2 is not an object");
        QTest::newRow("not an array") << QByteArray(R"({"a": 1})")
                                      << QStringLiteral("data.json: expected an array of objects, one per iteration");
        QTest::newRow("nested value") << QByteArray("[{\"a\": 1},\n {\"b\": [1]}]")
                                      << QStringLiteral("data.json: element 2, \"b\": expected a string, number, "
                                                        "boolean or null, not an array");
        QTest::newRow("syntax") << QByteArray("[\n  {\"a\": 1,}\n]") << QStringLiteral("data.json:2:");
    }
    void jsonErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const RunDataResult r = RunData::parseJson(json, QStringLiteral("data.json"));
        QVERIFY2(r.error.startsWith(error), qPrintable(r.error));
        QVERIFY(r.rows.isEmpty());
    }

    // load() picks the format by extension and names the file as shown.
    void loadByExtension()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const QByteArray &bytes) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        write(QStringLiteral("rows.json"), R"([{"x": "1"}])");
        write(QStringLiteral("rows.csv"), "x\n2\n");
        QCOMPARE(RunData::load(dir.filePath(QStringLiteral("rows.json"))).rows.value(0).value(QStringLiteral("x")),
            QStringLiteral("1"));
        QCOMPARE(RunData::load(dir.filePath(QStringLiteral("rows.csv"))).rows.value(0).value(QStringLiteral("x")),
            QStringLiteral("2"));
        const RunDataResult missing
            = RunData::load(dir.filePath(QStringLiteral("none.csv")), QStringLiteral("none.csv"));
        QVERIFY2(missing.error.startsWith(QStringLiteral("none.csv: ")), qPrintable(missing.error));
    }
};

QTEST_APPLESS_MAIN(TstRunData)
#include "tst_rundata.moc"
