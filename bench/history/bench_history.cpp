// SPDX-License-Identifier: GPL-3.0-or-later
// Fills a fresh history with N exchanges (default 100,000) shaped like real ones, then times
// what users wait for: opening, the newest page, a full-text search, a filter; prints a table.
// Usage: bench_history [N] [DIR]   (DIR defaults to a temporary folder, removed afterwards)
#include "core/history/HistoryStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace verbscope;
using namespace verbscope::history;

namespace {
const char *const Methods[] = { "GET", "GET", "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "QUERY" };
const int Statuses[] = { 200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 405, 405, 501, 502 };
const char *const Words[]
    = { "users", "orders", "items", "invoices", "search", "dav", "files", "report", "health", "v1", "v2", "admin" };

http::Exchange makeExchange(QRandomGenerator &rng, int i, const QDateTime &start)
{
    http::Exchange ex;
    ex.fidelity = i % 3 ? http::Fidelity::Qt : http::Fidelity::Wire;
    ex.startedAt = start.addMSecs(qint64(i) * 1500);
    ex.request.method = Methods[rng.bounded(int(std::size(Methods)))];
    const QString host = QStringLiteral("api%1.example.test").arg(rng.bounded(20));
    ex.request.url = QStringLiteral("https://%1/%2/%3/%4")
                         .arg(host, QString::fromLatin1(Words[rng.bounded(int(std::size(Words)))]),
                             QString::fromLatin1(Words[rng.bounded(int(std::size(Words)))]))
                         .arg(i);
    ex.request.headers = { { "Host", host.toUtf8() }, { "User-Agent", "VerbScope/0.1.0" }, { "Accept", "*/*" },
        { "Accept-Encoding", "gzip, deflate, br, zstd" }, { "Connection", "keep-alive" },
        { "X-Request-Id", QByteArray::number(rng.generate64(), 16) } };
    if (ex.request.method != "GET") {
        ex.request.body = "{\"name\":\"item " + QByteArray::number(i)
            + "\",\"value\":" + QByteArray::number(rng.bounded(1000)) + "}";
        ex.request.bodySize = ex.request.body.size();
    }
    const int status = Statuses[rng.bounded(int(std::size(Statuses)))];
    ex.response.received = true;
    ex.response.head.status = status;
    ex.response.head.reason = status == 200 ? "OK"
        : status == 405                     ? "Method Not Allowed"
        : status == 501                     ? "Not Implemented"
                                            : "Status";
    ex.response.head.httpVersion = QStringLiteral("1.1");
    ex.response.head.headers
        = { { "Server", i % 2 ? "nginx/1.22.1" : "Apache/2.4.57" }, { "Date", "Tue, 05 May 2026 10:00:00 GMT" },
              { "Content-Type", "application/json" }, { "Cache-Control", "no-store" } };
    if (status == 405)
        ex.response.head.headers.append(http::Header { "Allow", "GET, HEAD, OPTIONS" });
    // Bodies of 200 B to ~2.5 KiB of JSON text: typical API answers.
    QByteArray body = "{\"items\":[";
    const int items = 2 + rng.bounded(30);
    for (int k = 0; k < items; ++k)
        body += (k ? "," : "") + QByteArray("{\"id\":") + QByteArray::number(k) + ",\"word\":\""
            + Words[rng.bounded(int(std::size(Words)))] + "\"}";
    body += "]}";
    ex.response.body = ex.response.rawBody = body;
    ex.response.rawSize = ex.response.decodedSize = body.size();
    ex.response.head.headers.append(http::Header { "Content-Length", QByteArray::number(body.size()) });
    ex.timings.sent = 0.2;
    ex.timings.firstByte = 1.0 + rng.bounded(50);
    ex.timings.total = *ex.timings.firstByte + 0.5;
    return ex;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

// Median of `runs` runs of `f`, in milliseconds.
template<typename F> double timeIt(int runs, F f, qint64 &result)
{
    QList<double> ms;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        result = f();
        ms << double(t.nsecsElapsed()) / 1e6;
    }
    return median(ms);
}

qint64 dirSize(const QString &dir)
{
    qint64 total = 0;
    for (const QFileInfo &fi : QDir(dir).entryInfoList(QDir::Files))
        total += fi.size();
    return total;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100'000;
    QTemporaryDir tmp;
    const QString dir = args.size() > 2 ? args.at(2) : tmp.path();
    const QString path = QDir(dir).filePath(QStringLiteral("history.sqlite"));
    QFile::remove(path);

    QRandomGenerator rng(42);
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-qint64(n) * 2);
    QElapsedTimer fill;
    fill.start();
    {
        HistoryStore store;
        if (!store.open(path).ok)
            return 1;
        // In batches of 1,000 per transaction; the CLI writes one per transaction.
        for (int i = 0; i < n; i += 1000) {
            QList<http::Exchange> batch;
            for (int k = i; k < std::min(n, i + 1000); ++k)
                batch << makeExchange(rng, k, start);
            if (store.addMany(batch, QStringLiteral("bench")).isEmpty()) {
                std::fprintf(stderr, "write failed: %s\n", qPrintable(store.lastError()));
                return 1;
            }
        }
    }
    const double fillS = double(fill.elapsed()) / 1000.0;

    qint64 result = 0;
    const double openMs = timeIt(
        7,
        [&path] {
            HistoryStore s;
            return qint64(s.open(path).ok);
        },
        result);
    HistoryStore store;
    store.open(path);
    // One single write as the CLI does it (own transaction, synchronous=NORMAL).
    QRandomGenerator rng2(7);
    const double addMs = timeIt(
        21, [&] { return store.add(makeExchange(rng2, n, QDateTime::currentDateTimeUtc()), QStringLiteral("bench")); },
        result);

    struct Row {
        const char *what;
        double ms;
        qint64 rows;
    };
    QList<Row> rows;
    HistoryFilter latest;
    latest.limit = 100;
    rows.append({ "list newest 100",
        timeIt(
            21, [&] { return qint64(store.list(latest).size()); }, result),
        result });
    HistoryFilter deep = latest;
    deep.offset = n - 100;
    rows.append({ "list 100 at offset N-100",
        timeIt(
            7, [&] { return qint64(store.list(deep).size()); }, result),
        result });
    HistoryFilter all;
    rows.append({ "count all (virtual list size)",
        timeIt(
            7, [&] { return store.count(all); }, result),
        result });
    HistoryFilter fts;
    fts.text = QStringLiteral("invoices");
    fts.limit = 100;
    rows.append({ "search \"invoices\", first 100",
        timeIt(
            7, [&] { return qint64(store.list(fts).size()); }, result),
        result });
    rows.append({ "search \"invoices\", count",
        timeIt(
            7, [&] { return store.count(fts); }, result),
        result });
    HistoryFilter rare;
    rare.text = QStringLiteral("url:\"item 4242\" OR \"4242\"");
    rare.limit = 100;
    rows.append({ "search a rare term",
        timeIt(
            7, [&] { return qint64(store.list(rare).size()); }, result),
        result });
    HistoryFilter filter;
    filter.method = "PATCH";
    filter.status = 405;
    filter.limit = 100;
    rows.append({ "filter PATCH + 405, first 100",
        timeIt(
            7, [&] { return qint64(store.list(filter).size()); }, result),
        result });
    HistoryFilter host;
    host.host = QStringLiteral("api7.example.test");
    host.statusClass = 4;
    host.limit = 100;
    rows.append({ "filter host + 4xx, first 100",
        timeIt(
            7, [&] { return qint64(store.list(host).size()); }, result),
        result });
    rows.append({ "show one entry (record)",
        timeIt(
            21, [&] { return qint64(store.record(n / 2)->exchange.response.body.size()); }, result),
        result });

    {
        // Size at rest: the WAL folded back into the database, as after the last connection closes.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-size"));
        db.setDatabaseName(path);
        if (db.open())
            QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-size"));
    const qint64 bytes
        = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size() + dirSize(store.bodiesDir());
    std::printf("VerbScope history benchmark: %d exchanges, Qt %s, SQLite via QSQLITE, %s, %s\n", n, qVersion(),
        qPrintable(QSysInfo::prettyProductName()), qPrintable(QSysInfo::currentCpuArchitecture()));
    std::printf("fill (batches of 1,000 per transaction): %.1f s\n\n", fillS);
    std::printf("| operation | median ms | rows |\n|---|---:|---:|\n");
    std::printf("| open (schema check, WAL) | %.2f | - |\n", openMs);
    std::printf("| add one exchange (own transaction) | %.2f | - |\n", addMs);
    for (const Row &r : rows)
        std::printf("| %s | %.2f | %lld |\n", r.what, r.ms, static_cast<long long>(r.rows));
    std::printf("\ndatabase size: %.1f MiB, %.0f bytes per exchange (bodies of 0.2-2.5 KiB, FTS index included)\n",
        double(bytes) / 1048576.0, double(bytes) / double(n + 21));
    return 0;
}
