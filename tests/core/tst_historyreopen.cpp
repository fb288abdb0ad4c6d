// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/Diagnoser.h"
#include "core/history/HistoryRecorder.h"
#include "core/history/HistoryReopen.h"
#include "core/history/HistoryRows.h"
#include "core/history/HistoryStore.h"
#include "core/history/SecretMasker.h"
#include "core/http/QtTransport.h"
#include "tests/support/ExchangeBuilder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope;
using namespace verbscope::history;
using namespace verbscope::http;

namespace {
// What the Qt transport sent for `spec`: Host first, the user's headers, its defaults, the length.
Exchange sentByQt(const RequestSpec &spec, int status, const QByteArray &responseBody = {})
{
    test::ExchangeBuilder b = test::exchange().request(spec.method, spec.url).requestHeader("Host", "api.test:8080");
    for (const Header &h : spec.headers)
        b.requestHeader(h.name, h.value);
    for (const Header &h : QtTransport::defaultHeaders())
        b.requestHeader(h.name, h.value);
    if (spec.hasBody)
        b.requestHeader("Content-Length", QByteArray::number(spec.body.size())).requestBody(spec.body);
    b.status(status).header("Server", "demo").header("Content-Type", "application/json").body(responseBody);
    if (status == 405)
        b.header("Allow", "GET, HEAD, PUT");
    return b.timings(0.5, 1.25, 2.125);
}

RequestSpec written()
{
    RequestSpec spec;
    spec.method = "PATCH";
    spec.url = QStringLiteral("http://api.test:8080/items/1");
    spec.headers = { { "X-Trace", "reopen-1" }, { "X-Bytes", "caf\xe9" }, { "Content-Type", "application/json" } };
    spec.body = R"({"name":"renamed"})";
    spec.hasBody = true;
    spec.options.transport = TransportKind::Qt;
    spec.options.redirects = RedirectMode::Follow;
    spec.options.totalTimeoutMs = 4321;
    spec.options.proxy = QStringLiteral("http://user:hunter2@proxy.test:3128");
    return spec;
}

// Rewrites a stored row's exchange_json the way an older VerbScope wrote it.
void rewriteStoredJson(const QString &path, qint64 id, const std::function<void(QJsonObject &)> &change)
{
    const QString name = QStringLiteral("rewrite");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT exchange_json FROM exchanges WHERE id = %1").arg(id)) && q.next());
        QJsonObject json = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        change(json);
        QSqlQuery u(db);
        u.prepare(QStringLiteral("UPDATE exchanges SET exchange_json = ? WHERE id = ?"));
        u.addBindValue(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
        u.addBindValue(id);
        QVERIFY(u.exec());
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}
} // namespace

class tst_HistoryReopen final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The request comes back as written: no Host, Accept-Encoding, User-Agent… from the transport,
    // its body even when the one recorded as sent was cut, its options, its bytes.
    void requestComesBackAsWritten()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        const RequestSpec spec = written();
        Exchange sent = sentByQt(spec, 405, R"({"error":"Method Not Allowed"})");
        sent.request.body = spec.body.left(4); // as the transport keeps a long body: cut
        const diagnosis::Diagnosis d = diagnosis::Diagnoser::diagnose(spec, sent);
        const qint64 id = store.add(d, QStringLiteral("gui"));
        QVERIFY2(id > 0, qPrintable(store.lastError()));

        const std::optional<ReopenedEntry> r = HistoryReopen::load(store, id);
        QVERIFY(r);
        QVERIFY(r->requestWritten);
        const RequestSpec &back = r->diagnosis.request;
        QCOMPARE(back.method, spec.method);
        QCOMPARE(back.url, spec.url);
        QCOMPARE(back.headers, spec.headers);
        QCOMPARE(back.body, spec.body);
        QCOMPARE(back.hasBody, true);
        QCOMPARE(back.options.redirects, RedirectMode::Follow);
        QCOMPARE(back.options.totalTimeoutMs, 4321);
        QCOMPARE(back.options.proxy, QStringLiteral("http://user:****@proxy.test:3128")); // masked like the rest
        // The exchange is still the one sent, the transport's headers included (less the Latin-1
        // value, which verbscope.exchange/1 reads back as UTF-8: ExchangeJson.h).
        const auto textOnly = [](HeaderList headers) {
            headers.removeIf([](const Header &h) { return h.name == "X-Bytes"; });
            return headers;
        };
        QCOMPARE(textOnly(r->diagnosis.exchange.request.headers), textOnly(sent.request.headers));
        QVERIFY(hasHeader(r->diagnosis.exchange.request.headers, "Accept-Encoding"));
        QCOMPARE(r->diagnosis.exchange.response.body, sent.response.body);
    }

    void writtenRequestIsMasked()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        RequestSpec spec = written();
        spec.headers << Header { "Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9SECRETTOKEN9876" };
        spec.body = R"({"password":"correct-horse"})";
        Exchange sent = sentByQt(spec, 405);
        sent.request.body = spec.body.left(4); // the written body is then kept on its own: masked too
        diagnosis::Diagnosis d = diagnosis::Diagnoser::diagnose(spec, sent);
        SecretMasker::maskValues(d, { "correct-horse" });
        const qint64 id = store.add(d, QStringLiteral("gui"));
        const RequestSpec back = HistoryReopen::load(store, id)->diagnosis.request;
        QCOMPARE(headerValue(back.headers, "Authorization"), QByteArray("Bearer ****9876"));
        QCOMPARE(back.body, QByteArray(R"({"password":"****"})"));
    }

    // A command's entry waits in a pending file (HistorySpool) with the written body beside the
    // sent one: four bodies, which the reader must take in, not set aside as damaged.
    void pendingEntriesKeepTheWrittenRequest()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        const RequestSpec spec = written();
        Exchange sent = sentByQt(spec, 405, R"({"error":"Method Not Allowed"})");
        sent.request.body = spec.body.left(4);
        sent.response.rawBody = "gzipped";
        sent.response.contentEncoding = "gzip";
        {
            HistoryRecorder recorder(QStringLiteral("diagnose"), path, HistoryRecorder::Mode::Deferred);
            recorder.record(diagnosis::Diagnoser::diagnose(spec, sent));
            recorder.flush();
            const QStringList messages = recorder.takeMessages();
            QVERIFY2(messages.isEmpty(), qPrintable(messages.join(QLatin1Char('\n'))));
        }
        HistoryStore store;
        const HistoryStore::OpenResult opened = store.open(path);
        QVERIFY(opened.ok);
        QVERIFY2(opened.notice.isEmpty(), qPrintable(opened.notice));
        const QList<HistoryEntry> entries = store.list(HistoryFilter {});
        QCOMPARE(entries.size(), 1);
        const std::optional<ReopenedEntry> r = HistoryReopen::load(store, entries.first().id);
        QCOMPARE(r->diagnosis.request.body, spec.body);
        QCOMPARE(r->diagnosis.exchange.response.rawBody, QByteArray("gzipped"));
    }

    // A body read from a file was written as the file's name: it comes back as that, not as the
    // bytes the transport recorded.
    void bodyFromAFileStaysAFile()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        RequestSpec spec = written();
        spec.body.clear();
        spec.bodyFile = QStringLiteral("/data/upload.json");
        Exchange sent = sentByQt(written(), 405);
        sent.fidelity = Fidelity::Wire; // the wire transport records the bytes it read
        const qint64 id = store.add(diagnosis::Diagnoser::diagnose(spec, sent), QStringLiteral("gui"));
        const RequestSpec back = HistoryReopen::load(store, id)->diagnosis.request;
        QCOMPARE(back.bodyFile, spec.bodyFile);
        QVERIFY(back.body.isEmpty());
        QVERIFY(back.hasBody);
        QCOMPARE(store.record(id)->exchange.request.body, sent.request.body);
    }

    // The stored verdict, findings, suggestions (their verified state too) and checks, not a new
    // diagnosis that has none of the evidence.
    void storedDiagnosisAndChecksComeBack()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        const RequestSpec spec = written();
        const Exchange primary = sentByQt(spec, 405, R"({"error":"Method Not Allowed"})");
        RequestSpec options = spec;
        options.method = "OPTIONS";
        options.headers = {};
        options.hasBody = false;
        options.body.clear();
        RequestSpec random = spec;
        random.url = QStringLiteral("http://api.test:8080/items/.verbscope-check-0123456789abcdef");
        const Exchange optionsAnswer = test::exchange()
                                           .request("OPTIONS", spec.url)
                                           .requestHeader("Host", "api.test:8080")
                                           .status(204)
                                           .header("Allow", "GET, HEAD, PUT");
        const QList<diagnosis::Check> checks {
            { QStringLiteral("options"), QStringLiteral("OPTIONS on the URL"), options, optionsAnswer },
            { QStringLiteral("random-path"), QStringLiteral("a path that cannot exist"), random,
                sentByQt(random, 404, R"({"error":"Not Found"})") },
        };
        diagnosis::Diagnosis d = diagnosis::Diagnoser::diagnose(spec, primary, checks);
        QVERIFY(!d.suggestions.isEmpty());
        d.suggestions[0].verified = true; // as a verification check would have said
        d.suggestions[0].verification = QStringLiteral("tried: 200 OK");
        if (!d.suggestions[0].request)
            d.suggestions[0].request = spec;
        d.suggestions[0].request->options.proxy.clear(); // a proxy bypass: options the document lacks
        d.suggestions[0].request->options.useEnvironmentProxy = false;
        const qint64 id = store.add(d, QStringLiteral("gui"));
        QVERIFY2(id > 0, qPrintable(store.lastError()));

        const std::optional<ReopenedEntry> r = HistoryReopen::load(store, id);
        QVERIFY(r);
        QVERIFY(r->checksRan);
        const diagnosis::Diagnosis &back = r->diagnosis;
        QCOMPARE(back.classification.verdict, d.classification.verdict);
        QCOMPARE(back.classification.answeredBy, d.classification.answeredBy);
        QCOMPARE(back.classification.allow, d.classification.allow);
        QCOMPARE(back.classification.allowState, d.classification.allowState);
        QCOMPARE(back.classification.evidence, d.classification.evidence);
        QCOMPARE(back.classification.server, d.classification.server);
        QCOMPARE(back.scope, d.scope);
        QCOMPARE(back.summary, d.summary);
        QCOMPARE(back.findings.size(), d.findings.size());
        for (qsizetype i = 0; i < d.findings.size(); ++i) {
            QCOMPARE(back.findings[i].id, d.findings[i].id);
            QCOMPARE(back.findings[i].severity, d.findings[i].severity);
            QCOMPARE(back.findings[i].title, d.findings[i].title);
            QCOMPARE(back.findings[i].detail, d.findings[i].detail);
            QCOMPARE(back.findings[i].evidence, d.findings[i].evidence);
        }
        QCOMPARE(back.suggestions.size(), d.suggestions.size());
        for (qsizetype i = 0; i < d.suggestions.size(); ++i) {
            QCOMPARE(back.suggestions[i].id, d.suggestions[i].id);
            QCOMPARE(back.suggestions[i].title, d.suggestions[i].title);
            QCOMPARE(back.suggestions[i].detail, d.suggestions[i].detail);
            QCOMPARE(back.suggestions[i].verified, d.suggestions[i].verified);
            QCOMPARE(back.suggestions[i].verification, d.suggestions[i].verification);
            QCOMPARE(back.suggestions[i].needsConsent, d.suggestions[i].needsConsent);
            QCOMPARE(back.suggestions[i].request.has_value(), d.suggestions[i].request.has_value());
            if (d.suggestions[i].request) {
                QCOMPARE(back.suggestions[i].request->method, d.suggestions[i].request->method);
                QCOMPARE(back.suggestions[i].request->headers, d.suggestions[i].request->headers);
                QCOMPARE(back.suggestions[i].request->body, d.suggestions[i].request->body);
                QCOMPARE(back.suggestions[i].request->options.proxy, d.suggestions[i].request->options.proxy);
                QCOMPARE(back.suggestions[i].request->options.useEnvironmentProxy,
                    d.suggestions[i].request->options.useEnvironmentProxy);
            }
        }
        QCOMPARE(back.checks.size(), 2);
        for (qsizetype i = 0; i < checks.size(); ++i) {
            QCOMPARE(back.checks[i].id, checks[i].id);
            QCOMPARE(back.checks[i].purpose, checks[i].purpose);
            QCOMPARE(back.checks[i].request.method, checks[i].request.method);
            QCOMPARE(back.checks[i].request.url, checks[i].request.url);
            QCOMPARE(back.checks[i].request.headers, checks[i].request.headers);
            QCOMPARE(back.checks[i].exchange.response.head.status, checks[i].exchange.response.head.status);
            QCOMPARE(back.checks[i].exchange.response.head.headers, checks[i].exchange.response.head.headers);
            QCOMPARE(back.checks[i].exchange.response.body, checks[i].exchange.response.body);
        }
        // The history's own copies of the suggestion requests stay out of the exported document.
        const QJsonArray exported = store.diagnosisDocument(id)->value(QStringLiteral("suggestions")).toArray();
        for (const QJsonValue &s : exported)
            QVERIFY(!s.toObject().contains(QLatin1String(HistoryRows::WrittenRequestKey)));
    }

    // A plain `send` keeps no diagnosis: the reopened entry gets the exchange's own, no checks.
    void entryWithoutDiagnosisIsDiagnosedOnItsOwn()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        const Exchange sent = sentByQt(written(), 405);
        const qint64 id = store.add(sent, QStringLiteral("send"));
        const std::optional<ReopenedEntry> r = HistoryReopen::load(store, id);
        QVERIFY(r);
        QVERIFY(!r->requestWritten);
        QVERIFY(!r->checksRan);
        QCOMPARE(r->diagnosis.classification.verdict, diagnosis::Verdict::NotAllowed);
        QVERIFY(r->diagnosis.checks.isEmpty());
        QVERIFY(!HistoryReopen::load(store, id + 100));
    }

    // Entries recorded without the request as written (older ones, a plain `send`): what the
    // transport adds on its own is left out, what the user could have written stays.
    void requestFromSent_data()
    {
        QTest::addColumn<bool>("wire");
        QTest::addColumn<HeaderList>("sent");
        QTest::addColumn<HeaderList>("kept");
        const HeaderList user { { "X-Trace", "1" }, { "Content-Type", "application/json" } };
        HeaderList qt { { "Host", "api.test:8080" } };
        qt += user;
        qt += QtTransport::defaultHeaders();
        qt.append(Header { "Content-Length", "18" });
        QTest::newRow("qt defaults") << false << qt << user;
        HeaderList olderVersion = qt;
        olderVersion.replace(olderVersion.size() - 2, Header { "User-Agent", "VerbScope/0.1.0" });
        QTest::newRow("an older version's User-Agent") << false << olderVersion << user;
        const HeaderList chosen { { "Host", "other.test" }, { "Accept-Encoding", "identity" },
            { "User-Agent", "curl/8.5.0" }, { "Connection", "close" }, { "Content-Length", "5" } };
        QTest::newRow("values the user chose") << false << chosen << chosen;
        HeaderList wire { { "Host", "api.test:8080" }, { "User-Agent", "VerbScope/1.0" } };
        wire += user;
        wire.append(Header { "Content-Length", "18" });
        HeaderList wireKept { { "User-Agent", "VerbScope/1.0" } };
        wireKept += user;
        QTest::newRow("wire adds no defaults") << true << wire << wireKept;
    }

    void requestFromSent()
    {
        QFETCH(bool, wire);
        QFETCH(HeaderList, sent);
        QFETCH(HeaderList, kept);
        Exchange ex = test::exchange().request("PATCH", QStringLiteral("http://api.test:8080/items/1"));
        if (wire)
            ex.fidelity = Fidelity::Wire;
        ex.request.headers = sent;
        ex.request.body = R"({"name":"renamed"})";
        ex.request.bodySize = ex.request.body.size();
        const RequestSpec spec = HistoryReopen::requestFromSent(ex);
        QCOMPARE(spec.headers, kept);
        QCOMPARE(spec.body, ex.request.body);
        QVERIFY(spec.hasBody);
        QCOMPARE(spec.options.transport, wire ? TransportKind::Wire : TransportKind::Qt);
    }

    // The desktop app streams every body to a file of its tab, deleted when the tab sends again
    // or closes: the history keeps the bytes, not the file's name.
    void streamedBodyIsCopiedIntoTheHistory()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        const QByteArray body(157, 'b');
        const QString file = dir.filePath(QStringLiteral("tab.body"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(body);
        }
        Exchange ex = sentByQt(written(), 405);
        ex.response.body.clear();
        ex.response.rawBody.clear();
        ex.response.bodyFile = file;
        ex.response.rawSize = ex.response.decodedSize = body.size();
        const qint64 id = store.add(ex, QStringLiteral("gui"));
        QVERIFY(QFile::remove(file));
        const Response back = store.record(id)->exchange.response;
        QCOMPARE(back.body, body);
        QVERIFY(back.bodyFile.isEmpty());
        QVERIFY(back.bodyNotKept.isEmpty());
    }

    // Past the history's limit the first part is kept, marked as such (bodyTruncated).
    void streamedBodyOverTheLimitIsCut()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        const QString file = dir.filePath(QStringLiteral("download.body"));
        const QByteArray body = QByteArray(HistoryRows::StreamedBodyKept, 'a') + QByteArray(1000, 'z');
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(body), body.size());
        }
        Exchange ex = sentByQt(written(), 200);
        ex.response.bodyFile = file;
        ex.response.rawSize = ex.response.decodedSize = body.size();
        const qint64 id = store.add(ex, QStringLiteral("gui"));
        const Response back = store.record(id)->exchange.response;
        QCOMPARE(back.body, body.first(HistoryRows::StreamedBodyKept));
        QVERIFY(back.bodyTruncated);
        QCOMPARE(back.decodedSize, body.size());
        QVERIFY(back.bodyFile.isEmpty());
        QVERIFY(back.bodyNotKept.isEmpty());
    }

    void streamedBodyThatCannotBeReadSaysSo()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("history.sqlite"))).ok);
        Exchange ex = sentByQt(written(), 200);
        ex.response.bodyFile = dir.filePath(QStringLiteral("gone.body"));
        ex.response.rawSize = ex.response.decodedSize = 157;
        const qint64 id = store.add(ex, QStringLiteral("gui"));
        const Response back = store.record(id)->exchange.response;
        QVERIFY(back.body.isEmpty());
        QVERIFY(back.bodyFile.isEmpty());
        QVERIFY2(
            back.bodyNotKept.startsWith(QLatin1String("body not kept: the file it was streamed to could not be read")),
            qPrintable(back.bodyNotKept));
    }

    // Rows an older VerbScope wrote name the tab's body file: the stored bytes win over it, and
    // a file that is gone is said, never shown as an empty body.
    void olderRowsNamingATabFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        qint64 withBody = 0;
        qint64 withoutBody = 0;
        {
            HistoryStore store;
            QVERIFY(store.open(path).ok);
            withBody = store.add(sentByQt(written(), 405, R"({"error":"Method Not Allowed"})"), QStringLiteral("gui"));
            Exchange large = sentByQt(written(), 200);
            large.response.rawSize = large.response.decodedSize = 3 * 1024 * 1024;
            withoutBody = store.add(large, QStringLiteral("gui"));
        }
        const QString gone = dir.filePath(QStringLiteral("gone/3359555b.body"));
        for (qint64 id : { withBody, withoutBody })
            rewriteStoredJson(path, id, [&gone](QJsonObject &json) {
                QJsonObject response = json.value(QStringLiteral("response")).toObject();
                response.insert(QStringLiteral("bodyFile"), gone);
                json.insert(QStringLiteral("response"), response);
            });
        HistoryStore store;
        QVERIFY(store.open(path).ok);
        const Response kept = store.record(withBody)->exchange.response;
        QCOMPARE(kept.body, QByteArray(R"({"error":"Method Not Allowed"})"));
        QVERIFY(kept.bodyFile.isEmpty());
        const Response lost = store.record(withoutBody)->exchange.response;
        QVERIFY(lost.body.isEmpty());
        QVERIFY(lost.bodyFile.isEmpty());
        QVERIFY2(lost.bodyNotKept.contains(QLatin1String("which is gone")), qPrintable(lost.bodyNotKept));
        QVERIFY(!HistoryReopen::load(store, withoutBody)->requestWritten); // and no written request: the fallback
    }
};

QTEST_GUILESS_MAIN(tst_HistoryReopen)
#include "tst_historyreopen.moc"
