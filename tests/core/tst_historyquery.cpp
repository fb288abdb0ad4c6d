// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryQuery.h"
#include "core/history/HistoryStore.h"

#include <QTest>

using namespace verbscope::history;

Q_DECLARE_METATYPE(verbscope::history::HistoryFilter)

class tst_HistoryQuery final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every word is quoted: text FTS5 would read as syntax must match literally, never fail.
    void ftsQuery_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("query");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("blank") << QStringLiteral("   ") << QString();
        QTest::newRow("word") << QStringLiteral("allow") << QStringLiteral("\"allow\"");
        QTest::newRow("words") << QStringLiteral("a b") << QStringLiteral("\"a\" \"b\"");
        QTest::newRow("extra spaces") << QStringLiteral("  a \t b  ") << QStringLiteral("\"a\" \"b\"");
        QTest::newRow("hyphen") << QStringLiteral("x-request-id") << QStringLiteral("\"x-request-id\"");
        QTest::newRow("parenthesis") << QStringLiteral("f(x)") << QStringLiteral("\"f(x)\"");
        QTest::newRow("prefix") << QStringLiteral("wal*") << QStringLiteral("\"wal\"*");
        QTest::newRow("lone star") << QStringLiteral("*") << QStringLiteral("\"*\"");
        QTest::newRow("star inside") << QStringLiteral("a*b") << QStringLiteral("\"a*b\"");
        QTest::newRow("column") << QStringLiteral("url:page") << QStringLiteral("url:\"page\"");
        QTest::newRow("column upper case") << QStringLiteral("METHOD:get") << QStringLiteral("method:\"get\"");
        QTest::newRow("header alias") << QStringLiteral("header:allow") << QStringLiteral("headers:\"allow\"");
        QTest::newRow("column prefix") << QStringLiteral("host:api*") << QStringLiteral("host:\"api\"*");
        QTest::newRow("column phrase") << QStringLiteral("body:\"a b\"") << QStringLiteral("body:\"a b\"");
        QTest::newRow("column without word") << QStringLiteral("url:") << QStringLiteral("\"url:\"");
        QTest::newRow("column, space, word") << QStringLiteral("url: a") << QStringLiteral("\"url:\" \"a\"");
        QTest::newRow("unknown column") << QStringLiteral("foo:bar") << QStringLiteral("\"foo:bar\"");
        QTest::newRow("leading colon") << QStringLiteral(":bar") << QStringLiteral("\":bar\"");
        QTest::newRow("url with port") << QStringLiteral("api.test:8080") << QStringLiteral("\"api.test:8080\"");
        QTest::newRow("phrase") << QStringLiteral("\"a b\" c") << QStringLiteral("\"a b\" \"c\"");
        QTest::newRow("unclosed phrase") << QStringLiteral("\"a b") << QStringLiteral("\"a b\"");
        QTest::newRow("empty phrase") << QStringLiteral("\"\" a") << QStringLiteral("\"a\"");
        QTest::newRow("phrase keeps star") << QStringLiteral("\"wal*\"") << QStringLiteral("\"wal*\"");
        QTest::newRow("quote inside") << QStringLiteral("a\"b") << QStringLiteral("\"a\" \"b\"");
        QTest::newRow("or") << QStringLiteral("a OR b") << QStringLiteral("\"a\" OR \"b\"");
        QTest::newRow("and not") << QStringLiteral("a AND b NOT c") << QStringLiteral("\"a\" AND \"b\" NOT \"c\"");
        QTest::newRow("lower-case or is a word") << QStringLiteral("a or b") << QStringLiteral("\"a\" \"or\" \"b\"");
        QTest::newRow("dangling or") << QStringLiteral("OR a OR") << QStringLiteral("\"OR\" \"a\" \"OR\"");
        QTest::newRow("only operators") << QStringLiteral("OR AND NOT") << QStringLiteral("\"OR\" \"AND\" \"NOT\"");
        QTest::newRow("operator alone") << QStringLiteral("AND") << QStringLiteral("\"AND\"");
        QTest::newRow("operator twice") << QStringLiteral("OR OR") << QStringLiteral("\"OR\" \"OR\"");
        QTest::newRow("operators in a row") << QStringLiteral("a OR OR b") << QStringLiteral("\"a\" \"OR\" OR \"b\"");
        QTest::newRow("and before not") << QStringLiteral("a AND NOT b") << QStringLiteral("\"a\" \"AND\" NOT \"b\"");
        QTest::newRow("lone quote") << QStringLiteral("\"") << QStringLiteral("\"\"\"\"");
        QTest::newRow("empty phrase alone") << QStringLiteral(" \"\" ") << QStringLiteral("\"\"\"\"\"\"");
        QTest::newRow("column phrase after colon") << QStringLiteral("url:\"a b\"") << QStringLiteral("url:\"a b\"");
        QTest::newRow("quoted operator") << QStringLiteral("\"OR\"") << QStringLiteral("\"OR\"");
        QTest::newRow("unbalanced syntax")
            << QStringLiteral("\"unbalanced ( * :") << QStringLiteral("\"unbalanced ( * :\"");
        QTest::newRow("non-ASCII") << QStringLiteral("café") << QStringLiteral("\"café\"");
    }
    void ftsQuery()
    {
        QFETCH(QString, text);
        QFETCH(QString, query);
        QCOMPARE(HistoryQuery::ftsQuery(text), query);
        QCOMPARE(HistoryStore::ftsQuery(text), query); // the facade keeps its public name
    }

    void whereDefault()
    {
        const HistoryQuery::Where w = HistoryQuery::where(HistoryFilter {});
        QCOMPARE(w.sql(), QStringLiteral(" FROM exchanges e WHERE e.parent_id IS NULL"));
        QCOMPARE(w.order, QStringLiteral("e.id DESC"));
        QVERIFY(w.values.isEmpty());

        HistoryFilter all;
        all.includeChecks = true;
        QCOMPARE(HistoryQuery::where(all).sql(), QStringLiteral(" FROM exchanges e"));
    }

    // The full-text match drives the order (FTS5 rowid), and the user's text is only ever bound.
    void whereText()
    {
        HistoryFilter f;
        f.text = QStringLiteral("x'; DROP TABLE exchanges; --");
        const HistoryQuery::Where w = HistoryQuery::where(f);
        QCOMPARE(w.from, QStringLiteral("exchanges_fts f JOIN exchanges e ON e.id = f.rowid"));
        QCOMPARE(w.order, QStringLiteral("f.rowid DESC"));
        QCOMPARE(w.conditions.first(), QStringLiteral("exchanges_fts MATCH ?"));
        QVERIFY(!w.sql().contains(QLatin1String("DROP")));
        QCOMPARE(w.values.first().toString(), HistoryQuery::ftsQuery(f.text));
    }

    void whereConditions_data()
    {
        QTest::addColumn<HistoryFilter>("filter");
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QVariantList>("values");
        HistoryFilter f;
        f.method = "PATCH";
        QTest::newRow("method") << f << QStringLiteral("e.method = ?") << QVariantList { QStringLiteral("PATCH") };
        f = {};
        f.status = 405;
        f.statusClass = 2; // an exact code wins
        QTest::newRow("status") << f << QStringLiteral("e.status = ?") << QVariantList { 405 };
        f = {};
        f.statusClass = 4;
        QTest::newRow("class") << f << QStringLiteral("e.status BETWEEN ? AND ?") << QVariantList { 400, 499 };
        f = {};
        f.host = QStringLiteral("API.Test");
        QTest::newRow("host") << f << QStringLiteral("e.host = ?") << QVariantList { QStringLiteral("api.test") };
        f = {};
        f.since = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
        QTest::newRow("since") << f << QStringLiteral("e.started_at >= ?") << QVariantList { qint64(1000) };
        f = {};
        f.until = QDateTime::fromMSecsSinceEpoch(2000, Qt::UTC);
        QTest::newRow("until") << f << QStringLiteral("e.started_at <= ?") << QVariantList { qint64(2000) };
        f = {};
        f.verdict = QStringLiteral("method-not-allowed");
        QTest::newRow("verdict") << f << QStringLiteral("e.verdict = ?")
                                 << QVariantList { QStringLiteral("method-not-allowed") };
        f = {};
        f.ids = { 3, 5 };
        QTest::newRow("ids") << f << QStringLiteral("e.id IN (?,?)") << QVariantList { qint64(3), qint64(5) };
        f = {};
        f.excludeIds = { 7 };
        QTest::newRow("excluded ids") << f << QStringLiteral("e.id NOT IN (?)") << QVariantList { qint64(7) };
    }
    void whereConditions()
    {
        QFETCH(HistoryFilter, filter);
        QFETCH(QString, condition);
        QFETCH(QVariantList, values);
        const HistoryQuery::Where w = HistoryQuery::where(filter);
        QCOMPARE(w.conditions, (QStringList { QStringLiteral("e.parent_id IS NULL"), condition }));
        QCOMPARE(w.values.size(), values.size());
        for (qsizetype i = 0; i < values.size(); ++i)
            QCOMPARE(w.values.at(i).toString(), values.at(i).toString());
    }

    void setStatus_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("statusClass");
        QTest::newRow("code") << QStringLiteral("405") << true << 405 << 0;
        QTest::newRow("class") << QStringLiteral("4xx") << true << 0 << 4;
        QTest::newRow("class upper case") << QStringLiteral(" 5XX ") << true << 0 << 5;
        QTest::newRow("too small") << QStringLiteral("99") << false << 0 << 0;
        QTest::newRow("too large") << QStringLiteral("1000") << false << 0 << 0;
        QTest::newRow("class 6") << QStringLiteral("6xx") << false << 0 << 0;
        QTest::newRow("half class") << QStringLiteral("4x") << false << 0 << 0;
    }
    void setStatus()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(int, status);
        QFETCH(int, statusClass);
        HistoryFilter f;
        QString error;
        QCOMPARE(f.setStatus(text, &error), ok);
        QCOMPARE(f.status, status);
        QCOMPARE(f.statusClass, statusClass);
        QCOMPARE(error.isEmpty(), ok);
    }
};

QTEST_APPLESS_MAIN(tst_HistoryQuery)
#include "tst_historyquery.moc"
