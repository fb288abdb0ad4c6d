// SPDX-License-Identifier: GPL-3.0-or-later
// HAR 1.2 import as browsers and tools write it (HTTP/2 pseudo-headers, cookies arrays, params
// and text, base64 bodies, WebSocket and data: entries, bare request objects), and `.http` → HAR →
// `.http` byte-identical for a file of everything HAR can hold.
#include "core/collections/Collection.h"
#include "core/collections/exporters/Exporter.h"
#include "core/collections/importers/Importer.h"
#include "tests/support/ImportChecks.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;
using namespace verbscope::test;

namespace {
QString dataDir()
{
    return qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/collections/");
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

ImportResult importFixture(const QString &name)
{
    return Importer::import(readAll(dataDir() + QStringLiteral("har/") + name), name);
}

QStringList headers(const HttpRequest &r)
{
    QStringList out;
    for (const HeaderLine &h : r.headers)
        out << h.name + QStringLiteral(": ") + h.value;
    return out;
}
} // namespace

class tst_HarImporter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripIsByteIdentical()
    {
        ExportOptions options;
        const ExportResult exported = Exporter::exportCollection(
            Collection::load(dataDir() + QStringLiteral("har-roundtrip")), Exporter::Format::Har, options);
        QVERIFY2(exported.error.isEmpty(), qPrintable(exported.error));
        ImportResult back = Importer::import(exported.data, QStringLiteral("api.har"));
        QVERIFY2(back.error.isEmpty(), qPrintable(back.error));
        QCOMPARE(back.leftOut, 0);
        QTemporaryDir dir;
        QStringList errors;
        Importer::writeTo(back, dir.path(), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(QString::fromUtf8(readAll(dir.filePath(QStringLiteral("api.http")))),
            QString::fromUtf8(readAll(dataDir() + QStringLiteral("har-roundtrip/api.http"))));
    }

    // Chrome, HTTP/2: pseudo-headers and content-length dropped and said so; the Cookie header sent
    // once, not again from the cookies array; WebSocket and data: entries left out and counted.
    void chromeHttp2()
    {
        const ImportResult r = importFixture(QStringLiteral("chrome-h2.har"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.files.size(), 1);
        const QList<HttpRequest> &q = r.files.first().file.requests;
        QCOMPARE(q.size(), 2);
        QCOMPARE(q.at(0).method, QStringLiteral("POST"));
        QCOMPARE(q.at(0).target, QStringLiteral("https://127.0.0.1:8443/api/orders?draft=1"));
        QCOMPARE(headers(q.at(0)),
            QStringList({ QStringLiteral("accept: application/json"), QStringLiteral("content-type: application/json"),
                QStringLiteral("cookie: sid=s1; theme=dark"), QStringLiteral("x-request-id: 7f3a") }));
        QCOMPARE(q.at(0).body, QStringLiteral("{\"item\":\"pen\",\"qty\":2}"));
        QVERIFY(q.at(0).hasDirective(QStringLiteral("no-redirect")));
        QCOMPARE(q.at(1).target, QStringLiteral("https://127.0.0.1:8443/static/app.js"));
        QCOMPARE(r.leftOut, 2);
        const QString all = issues(r);
        QVERIFY2(
            all.contains(QStringLiteral("entries 1: header :authority: an HTTP/2 pseudo-header")), qPrintable(all));
        QVERIFY2(hasIssue(r, QStringLiteral("entries 1: header :path")), qPrintable(all));
        QVERIFY2(hasIssue(r, QStringLiteral("entries 1: cookies array: the Cookie header holds the same cookies")),
            qPrintable(all));
        QVERIFY2(hasIssue(r, QStringLiteral("entries 1,2: HTTP version http/2.0")), qPrintable(all));
        QVERIFY2(hasIssue(r, QStringLiteral("entries 2: served from the browser's cache")), qPrintable(all));
        QVERIFY2(
            hasIssue(r, QStringLiteral("entry 3: wss://127.0.0.1:8443/live: a WebSocket connection")), qPrintable(all));
        QVERIFY2(
            hasIssue(r, QStringLiteral("entry 4: data:image/png;base64,iVBORw0KGgo=: a data: URL")), qPrintable(all));
    }

    // Firefox: postData.text is the body as sent (params ignored and said so), the entry comment
    // kept, the Cookie header made from the cookies array when there is none; a base64 body decoded
    // when it is text and left out (counted) when it is not.
    void firefoxFormAndBase64()
    {
        const ImportResult r = importFixture(QStringLiteral("firefox-form.har"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        const QList<HttpRequest> &q = r.files.first().file.requests;
        QCOMPARE(q.size(), 2);
        QCOMPARE(q.at(0).body, QStringLiteral("qty=2&note=a+b&x=%21"));
        QCOMPARE(q.at(0).comments, QStringList { QStringLiteral("checkout form, second try") });
        QCOMPARE(headers(q.at(0)),
            QStringList({ QStringLiteral("Content-Type: application/x-www-form-urlencoded"),
                QStringLiteral("Cookie: cart=c9") }));
        QCOMPARE(q.at(1).method, QStringLiteral("PATCH"));
        QCOMPARE(q.at(1).body, QString::fromUtf8("h\xc3\xa9llo world"));
        QCOMPARE(r.leftOut, 1);
        const QString all = issues(r);
        QVERIFY2(hasIssue(r, QStringLiteral("entries 1: postData.params: postData.text is the body")), qPrintable(all));
        QVERIFY2(hasIssue(r, QStringLiteral("entry 2: base64 body of 5 bytes: not text")), qPrintable(all));
        QVERIFY2(hasIssue(r, QStringLiteral("entries 3: base64 postData: decoded")), qPrintable(all));
    }

    void bareObjects_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QStringList>("requests");
        QTest::addColumn<int>("leftOut");
        QTest::newRow("request") << QStringLiteral("bare-request.json")
                                 << QStringLiteral("one HAR request object without the log")
                                 << QStringList { QStringLiteral("POST http://127.0.0.1:8080/graphql") } << 0;
        QTest::newRow("entries array") << QStringLiteral("bare-entries.json")
                                       << QStringLiteral("an array of 3 HAR entries without the log")
                                       << QStringList { QStringLiteral("GET http://127.0.0.1:8080/a"),
                                              QStringLiteral("DELETE http://127.0.0.1:8080/b/2") }
                                       << 1;
        QTest::newRow("entries object") << QStringLiteral("bare-log-entries.json")
                                        << QStringLiteral("{\"entries\": …} without the log")
                                        << QStringList { QStringLiteral("HEAD http://127.0.0.1:8080/ping") } << 0;
    }

    // Bare request objects some tools export: detected, imported, and the report says what was found.
    void bareObjects()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, shape);
        QFETCH(QStringList, requests);
        QFETCH(int, leftOut);
        const QByteArray content = readAll(dataDir() + QStringLiteral("har/") + fixture);
        QCOMPARE(Importer::detect(content, fixture), Importer::Format::Har);
        const ImportResult r = Importer::import(content, fixture);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QStringList got;
        for (const HttpRequest &q : r.files.first().file.requests)
            got << q.method + QLatin1Char(' ') + q.target;
        QCOMPARE(got, requests);
        QCOMPARE(r.leftOut, leftOut);
        QVERIFY2(hasIssue(r, QStringLiteral("input: ") + shape + QStringLiteral(": imported as the entries")),
            qPrintable(issues(r)));
    }

    void notHar()
    {
        const ImportResult r
            = Importer::import(QByteArray("[{\"a\": 1}]"), QStringLiteral("x.json"), Importer::Format::Har);
        QCOMPARE(r.error, QStringLiteral("no log.entries, HAR entries or HAR request objects: not a HAR file"));
    }
};

QTEST_APPLESS_MAIN(tst_HarImporter)
#include "tst_harimporter.moc"
