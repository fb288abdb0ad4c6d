// SPDX-License-Identifier: GPL-3.0-or-later
// Exports: Postman v2.1 valid against the schema (ajv), HAR 1.2 structure, curl lines that
// import back to the same requests, redaction of secrets, warnings for what cannot be said.
#include "core/collections/Collection.h"
#include "core/collections/exporters/Exporter.h"
#include "core/collections/importers/CurlImporter.h"
#include "core/collections/importers/HarImporter.h"
#include "tests/core/history/HarValidator.h"
#include "tests/support/NpmTools.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;

namespace {
void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
}

struct Fixture {
    QTemporaryDir dir;
    Fixture()
    {
        QDir(dir.path()).mkpath(QStringLiteral("sub"));
        QFile api(
            qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/collections/export-api.http"));
        if (!api.open(QIODevice::ReadOnly))
            qFatal("missing tests/data/collections/export-api.http");
        writeFile(dir.filePath(QStringLiteral("api.http")), api.readAll());
        writeFile(dir.filePath(QStringLiteral("sub/more.http")),
            "@base = http://127.0.0.1:8080\n\n### Other\nLIST {{base}}/more\n");
        writeFile(dir.filePath(QStringLiteral("payload.json")), "{\"a\": 1}");
        writeFile(dir.filePath(QStringLiteral("http-client.env.json")),
            R"({"$shared": {"agent": "vs"}, "dev": {"apiKey": "public-placeholder"}})");
        writeFile(
            dir.filePath(QStringLiteral("http-client.private.env.json")), R"({"dev": {"apiKey": "PRIVATE-KEY-123"}})");
    }
    Collection load() const { return Collection::load(dir.path()); }
};

QString jsonOf(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(v.toObject()).toJson());
}
} // namespace

class tst_Exporters final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void postmanStructureAndSecrets()
    {
        Fixture f;
        const Collection c = f.load();
        QVERIFY(c.issues().isEmpty()); // its response handler is run now, so not reported
        const ExportResult r = Exporter::exportCollection(c, Exporter::Format::Postman, {});
        const QString text = QString::fromUtf8(r.data);
        QVERIFY(!text.contains(QStringLiteral("PRIVATE-KEY-123")));
        QVERIFY(!text.contains(QStringLiteral("literal-secret-token")));
        QVERIFY(!text.contains(QStringLiteral("file-level-secret")));
        QVERIFY(text.contains(QStringLiteral("{{apiKey}}"))); // a reference is not a secret
        const QJsonObject o = QJsonDocument::fromJson(r.data).object();
        QCOMPARE(o.value(QStringLiteral("info")).toObject().value(QStringLiteral("schema")).toString(),
            QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/collection.json"));
        const QJsonArray folders = o.value(QStringLiteral("item")).toArray();
        QCOMPARE(folders.size(), 2);
        QCOMPARE(folders.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("api"));
        QCOMPARE(folders.at(1).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("sub"));
        const QJsonArray items = folders.at(0).toObject().value(QStringLiteral("item")).toArray();
        QCOMPARE(items.size(), 5);
        const QJsonObject list = items.at(0).toObject().value(QStringLiteral("request")).toObject();
        const QJsonArray headers = list.value(QStringLiteral("header")).toArray();
        QCOMPARE(headers.at(0).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("REDACTED"));
        QCOMPARE(headers.last().toObject().value(QStringLiteral("disabled")).toBool(), true);
        const QJsonObject url = list.value(QStringLiteral("url")).toObject();
        QCOMPARE(url.value(QStringLiteral("raw")).toString(), QStringLiteral("{{base}}/items?page=1"));
        QCOMPARE(url.value(QStringLiteral("host")).toArray().first().toString(), QStringLiteral("{{base}}"));
        QCOMPARE(
            url.value(QStringLiteral("query")).toArray().first().toObject().value(QStringLiteral("key")).toString(),
            QStringLiteral("page"));
        const QJsonObject purge = items.at(1).toObject();
        QCOMPARE(purge.value(QStringLiteral("request")).toObject().value(QStringLiteral("method")).toString(),
            QStringLiteral("PURGE"));
        QCOMPARE(purge.value(QStringLiteral("protocolProfileBehavior"))
                     .toObject()
                     .value(QStringLiteral("followRedirects"))
                     .toBool(true),
            false);
        QCOMPARE(items.at(2)
                     .toObject()
                     .value(QStringLiteral("request"))
                     .toObject()
                     .value(QStringLiteral("method"))
                     .toString(),
            QStringLiteral("propfind"));
        const QJsonObject upload = items.at(3)
                                       .toObject()
                                       .value(QStringLiteral("request"))
                                       .toObject()
                                       .value(QStringLiteral("body"))
                                       .toObject();
        QCOMPARE(upload.value(QStringLiteral("mode")).toString(), QStringLiteral("file"));
        // What Postman cannot say is said.
        const QString warnings = r.warnings.join(QLatin1Char('\n'));
        QVERIFY2(
            warnings.contains(QStringLiteral("directive @timeout has no Postman equivalent")), qPrintable(warnings));
        // `> {% … %}` handlers become Postman test events (tst_postmanroundtrip has the details).
        QVERIFY(text.contains(QStringLiteral("client.test(\\\"x\\\", function() {});")));
        QVERIFY(!warnings.contains(QStringLiteral("handler")));
        QVERIFY(warnings.contains(QStringLiteral("environments (dev)")));
        QVERIFY(warnings.contains(QStringLiteral("REDACTED")));

        ExportOptions keep;
        keep.includeSecrets = true;
        const QString kept = QString::fromUtf8(Exporter::exportCollection(c, Exporter::Format::Postman, keep).data);
        QVERIFY(kept.contains(QStringLiteral("literal-secret-token")));
        QVERIFY(!kept.contains(QStringLiteral("PRIVATE-KEY-123"))); // the private file never travels
    }

    void postmanIsValidAgainstTheSchema()
    {
        const QString missing = verbscope::test::missingNpmTools(
            { QStringLiteral("ajv/package.json"), QStringLiteral("ajv-formats/package.json") });
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        Fixture f;
        const QString out = f.dir.filePath(QStringLiteral("postman.json"));
        writeFile(out, Exporter::exportCollection(f.load(), Exporter::Format::Postman, {}).data);
        const QString schema = qEnvironmentVariable("VERBSCOPE_SOURCE_DIR")
            + QStringLiteral("/tests/data/postman-collection-v2.1.schema.json");
        const QString script = QStringLiteral(
            "const Ajv = require('ajv'); const addFormats = require('ajv-formats'); const fs = require('fs');"
            "const ajv = new Ajv({allErrors: true, strict: false}); addFormats(ajv);"
            "const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[1], 'utf8')));"
            "const bad = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));"
            "if (!validate(bad)) { console.log(JSON.stringify(validate.errors)); process.exit(1); }"
            "const broken = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')); delete broken.info.schema;"
            "if (validate(broken)) { console.log('schema accepted a collection without info.schema'); process.exit(2); "
            "}"
            "console.log('valid');");
        QProcess node;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NODE_PATH"), verbscope::test::npmToolsDir() + QStringLiteral("/node_modules"));
        node.setProcessEnvironment(env);
        node.setProcessChannelMode(QProcess::MergedChannels);
        node.start(QStringLiteral("node"), { QStringLiteral("-e"), script, schema, out });
        QVERIFY(node.waitForFinished(60000));
        const QByteArray said = node.readAll();
        QVERIFY2(node.exitCode() == 0, said.constData());
        QVERIFY(said.contains("valid"));
    }

    void harHasTheRequiredStructure()
    {
        Fixture f;
        ExportOptions o;
        o.environment = QStringLiteral("dev");
        const ExportResult r = Exporter::exportCollection(f.load(), Exporter::Format::Har, o);
        QVERIFY(!r.data.contains("PRIVATE-KEY-123")); // a private value resolved into a header is redacted
        QVERIFY(!r.data.contains("literal-secret-token"));
        const QJsonObject log = QJsonDocument::fromJson(r.data).object().value(QStringLiteral("log")).toObject();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
        QVERIFY(log.value(QStringLiteral("creator")).toObject().contains(QStringLiteral("name")));
        QVERIFY(log.value(QStringLiteral("creator")).toObject().contains(QStringLiteral("version")));
        const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 6);
        for (const QJsonValue &v : entries) {
            const QJsonObject e = v.toObject();
            for (const char *key : { "startedDateTime", "time", "request", "response", "cache", "timings" })
                QVERIFY2(e.contains(QLatin1String(key)), key);
            const QJsonObject req = e.value(QStringLiteral("request")).toObject();
            for (const char *key :
                { "method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize" })
                QVERIFY2(req.contains(QLatin1String(key)), qPrintable(QLatin1String(key) + jsonOf(req)));
            QVERIFY(req.value(QStringLiteral("url")).toString().startsWith(QStringLiteral("http://127.0.0.1:8080/")));
            const QJsonObject resp = e.value(QStringLiteral("response")).toObject();
            for (const char *key : { "status", "statusText", "httpVersion", "cookies", "headers", "content",
                     "redirectURL", "headersSize", "bodySize" })
                QVERIFY2(resp.contains(QLatin1String(key)), key);
            QVERIFY(resp.value(QStringLiteral("content")).toObject().contains(QStringLiteral("mimeType")));
            const QJsonObject t = e.value(QStringLiteral("timings")).toObject();
            for (const char *key : { "send", "wait", "receive" })
                QVERIFY2(t.contains(QLatin1String(key)), key);
        }
        const QJsonObject first = entries.at(0).toObject().value(QStringLiteral("request")).toObject();
        QCOMPARE(first.value(QStringLiteral("queryString"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
            QStringLiteral("page"));
        QString apiKey;
        for (const QJsonValue &h : first.value(QStringLiteral("headers")).toArray())
            if (h.toObject().value(QStringLiteral("name")).toString() == QLatin1String("X-Api-Key"))
                apiKey = h.toObject().value(QStringLiteral("value")).toString();
        QCOMPARE(apiKey, QStringLiteral("REDACTED"));
        const QJsonObject upload = entries.at(3).toObject().value(QStringLiteral("request")).toObject();
        QCOMPARE(upload.value(QStringLiteral("postData")).toObject().value(QStringLiteral("text")).toString(),
            QStringLiteral("{\"a\": 1}"));
    }

    // The collection export is written by the same http::HarWriter as history exports: the full
    // HAR 1.2 structure, and an unsent request's empty answer has an empty mimeType.
    void harIsValidAndWrittenLikeHistoryExports()
    {
        Fixture f;
        const ExportResult r = Exporter::exportCollection(f.load(), Exporter::Format::Har, {});
        const QJsonObject har = QJsonDocument::fromJson(r.data).object();
        const QStringList problems = verbscope::test::harProblems(har);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        for (const QJsonValue &v : har[QStringLiteral("log")][QStringLiteral("entries")].toArray()) {
            const QJsonObject resp = v[QStringLiteral("response")].toObject();
            QCOMPARE(resp[QStringLiteral("status")].toInt(), 0);
            QCOMPARE(resp[QStringLiteral("content")][QStringLiteral("mimeType")].toString(), QString());
            QCOMPARE(v[QStringLiteral("timings")][QStringLiteral("dns")].toDouble(), -1.0);
            QVERIFY(v[QStringLiteral("comment")].toString().contains(QLatin1String(".http: ")));
        }
    }

    void harExportImportsBack()
    {
        Fixture f;
        ExportOptions o;
        o.includeSecrets = true;
        o.environment = QStringLiteral("dev");
        const ExportResult r = Exporter::exportCollection(f.load(), Exporter::Format::Har, o);
        const ImportResult back = HarImporter::import(r.data, QStringLiteral("x"));
        QVERIFY2(back.error.isEmpty(), qPrintable(back.error));
        const QList<HttpRequest> &q = back.files.first().file.requests;
        QCOMPARE(q.size(), 6);
        QCOMPARE(q.at(0).method, QStringLiteral("GET"));
        QCOMPARE(q.at(0).target, QStringLiteral("http://127.0.0.1:8080/items?page=1"));
        QCOMPARE(q.at(2).method, QStringLiteral("propfind"));
        QCOMPARE(q.at(3).body, QStringLiteral("{\"a\": 1}"));
    }

    // Files written before the writers were merged: the collection exporter's "x-unknown"
    // placeholder and three timings, the history writer's postData without text.
    void harWrittenBeforeStillImports()
    {
        const QByteArray old
            = R"({"log": {"version": "1.2", "creator": {"name": "VerbScope", "version": "0.9"},)"
              R"("entries": [)"
              R"({"startedDateTime": "2026-01-01T00:00:00.000Z", "time": 0,)"
              R"("request": {"method": "PUT", "url": "http://h.test/a?x=1", "httpVersion": "HTTP/1.1", "cookies": [],)"
              R"("headers": [{"name": "Content-Type", "value": "text/plain"}], "queryString": [],)"
              R"("headersSize": -1, "bodySize": 2, "postData": {"mimeType": "text/plain", "text": "hi"}},)"
              R"("response": {"status": 0, "statusText": "", "httpVersion": "", "cookies": [], "headers": [],)"
              R"("content": {"size": 0, "mimeType": "x-unknown"}, "redirectURL": "",)"
              R"("headersSize": -1, "bodySize": -1},)"
              R"("cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}, "comment": "api.http: put"},)"
              R"({"startedDateTime": "2026-01-01T00:00:01.000Z", "time": 3,)"
              R"("request": {"method": "POST", "url": "http://h.test/bin", "httpVersion": "HTTP/1.1", "cookies": [],)"
              R"("headers": [], "queryString": [], "headersSize": -1, "bodySize": 3,)"
              R"("postData": {"mimeType": "application/octet-stream"}},)"
              R"("response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "cookies": [],)"
              R"("headers": [], "content": {"size": 0, "mimeType": ""}, "redirectURL": "",)"
              R"("headersSize": -1, "bodySize": 0},)"
              R"("cache": {}, "timings": {"blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 1,)"
              R"("wait": 1, "receive": 1}}]}})";
        const ImportResult back = HarImporter::import(old, QStringLiteral("old"));
        QVERIFY2(back.error.isEmpty(), qPrintable(back.error));
        const QList<HttpRequest> &q = back.files.first().file.requests;
        QCOMPARE(q.size(), 2);
        QCOMPARE(q.at(0).method, QStringLiteral("PUT"));
        QCOMPARE(q.at(0).body, QStringLiteral("hi"));
        QCOMPARE(q.at(1).target, QStringLiteral("http://h.test/bin"));
        QVERIFY(!q.at(1).hasBody);
    }

    // A title with a CR, a header value with CRLF (a .http file cannot hold one, a resolved
    // variable can): the curl lines show them as escapes, and read back as one command each.
    void curlExportShowsControlBytes()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("t.http")),
            "### a\rcurl http://127.0.0.1:1/hidden\nGET http://127.0.0.1:1/x\nX: {{v}}\n");
        writeFile(dir.filePath(QStringLiteral("http-client.env.json")), "{\"dev\": {\"v\": \"a\\r\\nY: b\"}}");
        ExportOptions o;
        o.environment = QStringLiteral("dev");
        const ExportResult r = Exporter::exportCollection(Collection::load(dir.path()), Exporter::Format::Curl, o);
        const QString text = QString::fromUtf8(r.data);
        QVERIFY2(!text.contains(QLatin1Char('\r')), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("# a\\rcurl http://127.0.0.1:1/hidden\n")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("-H $'X: a\\r\\nY: b'")), qPrintable(text));
        const ImportResult back = CurlImporter::import(text, QStringLiteral("x"));
        QCOMPARE(back.files.first().file.requests.size(), 1);
        QCOMPARE(back.files.first().file.requests.constFirst().headers.constFirst().value, QStringLiteral("a\r\nY: b"));
    }

    void curlLinesImportBackToTheSameRequests()
    {
        Fixture f;
        ExportOptions o;
        o.includeSecrets = true;
        o.environment = QStringLiteral("dev");
        const ExportResult r = Exporter::exportCollection(f.load(), Exporter::Format::Curl, o);
        const QString text = QString::fromUtf8(r.data);
        QVERIFY(text.contains(
            QStringLiteral("curl -L -H 'Authorization: Bearer literal-secret-token' -H 'X-Api-Key: PRIVATE-KEY-123'")));
        QVERIFY(text.contains(QStringLiteral("curl -X PURGE --max-time 3 http://127.0.0.1:8080/cache")));
        QVERIFY(text.contains(QStringLiteral("-X propfind")));
        const ImportResult back = CurlImporter::import(text, QStringLiteral("x"));
        const QList<HttpRequest> &q = back.files.first().file.requests;
        QCOMPARE(q.size(), 6);
        QStringList methods;
        for (const HttpRequest &x : q)
            methods << x.method;
        QCOMPARE(methods,
            (QStringList { QStringLiteral("GET"), QStringLiteral("PURGE"), QStringLiteral("propfind"),
                QStringLiteral("POST"), QStringLiteral("GET"), QStringLiteral("LIST") }));
        QCOMPARE(q.at(0).target, QStringLiteral("http://127.0.0.1:8080/items?page=1"));
        QCOMPARE(q.at(2).body, QStringLiteral("<propfind xmlns=\"DAV:\"/>"));
        QVERIFY(q.at(1).hasDirective(QStringLiteral("no-redirect")));
        QVERIFY(!q.at(0).hasDirective(QStringLiteral("no-redirect")));
        QVERIFY(q.at(3).body.startsWith(QStringLiteral("< ") + f.dir.path()));

        const QString redacted
            = QString::fromUtf8(Exporter::exportCollection(f.load(), Exporter::Format::Curl, {}).data);
        QVERIFY(!redacted.contains(QStringLiteral("literal-secret-token")));
        QVERIFY(redacted.contains(QStringLiteral("'Cookie: REDACTED'")));
        QVERIFY(Exporter::exportCollection(f.load(), Exporter::Format::Curl, {})
                    .warnings.join(QLatin1Char(' '))
                    .contains(QStringLiteral("apiKey")));
    }

    void unreadableDirectiveIsWarnedAbout()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("t.http")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("### Slow\n# @timeout soon\nGET http://127.0.0.1:1/slow\n");
        f.close();
        const ExportResult r = Exporter::exportCollection(Collection::load(dir.path()), Exporter::Format::Curl, {});
        QVERIFY2(
            r.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("t.http:3: @timeout \"soon\": not a duration")),
            qPrintable(r.warnings.join(QLatin1Char('\n'))));
        QVERIFY(!QString::fromUtf8(r.data).contains(QStringLiteral("--max-time")));
    }

    void httpExportMergesAndRedacts()
    {
        Fixture f;
        const ExportResult r = Exporter::exportCollection(f.load(), Exporter::Format::Http, {});
        const QString text = QString::fromUtf8(r.data);
        QVERIFY(text.contains(QStringLiteral("@apiToken = REDACTED")));
        QVERIFY(text.contains(QStringLiteral("Authorization: REDACTED")));
        QVERIFY(text.contains(QStringLiteral("LIST {{base}}/more")));
        QVERIFY(r.warnings.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("\"propfind\" is read by it as part of the URL")));
    }

    // A URL's password and secret query values are secrets in every format; {{references}}
    // stay; --include-secrets keeps them all (docs/robustness.md, "Secrets").
    void urlSecretsAreRedacted_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("curl") << int(Exporter::Format::Curl);
        QTest::newRow("har") << int(Exporter::Format::Har);
        QTest::newRow("postman") << int(Exporter::Format::Postman);
        QTest::newRow("http") << int(Exporter::Format::Http);
    }
    void urlSecretsAreRedacted()
    {
        QFETCH(int, format);
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("s.http")),
            "@key = {{apiKey}}\n### Signed\n"
            "GET http://u:PASSW0RD@127.0.0.1:8080/x?api_key=APIK3Y&X-Amz-Signature=S1G&code=C0DE&page=2\n"
            "### Ref\nGET http://127.0.0.1:8080/y?token={{key}}\n");
        const Collection c = Collection::load(dir.path());
        const auto f = static_cast<Exporter::Format>(format);
        const ExportResult r = Exporter::exportCollection(c, f, {});
        const QString text = QString::fromUtf8(r.data);
        for (const char *secret : { "PASSW0RD", "APIK3Y", "S1G", "C0DE" })
            QVERIFY2(!text.contains(QLatin1String(secret)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("page=2")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("REDACTED")), qPrintable(text));
        QVERIFY(r.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("replaced by REDACTED")));
        if (f == Exporter::Format::Http)
            QVERIFY2(text.contains(QStringLiteral("?token={{key}}")), qPrintable(text));
        ExportOptions keep;
        keep.includeSecrets = true;
        const QString kept = QString::fromUtf8(Exporter::exportCollection(c, f, keep).data);
        for (const char *secret : { "PASSW0RD", "APIK3Y", "S1G", "C0DE" })
            QVERIFY2(kept.contains(QLatin1String(secret)), qPrintable(kept));
    }

    void secretHeaderNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        QTest::newRow("authorization") << QStringLiteral("authorization") << true;
        QTest::newRow("proxy") << QStringLiteral("Proxy-Authorization") << true;
        QTest::newRow("cookie") << QStringLiteral("Cookie") << true;
        QTest::newRow("x-api-key") << QStringLiteral("X-Api-Key") << true;
        QTest::newRow("apikey") << QStringLiteral("apikey") << true;
        QTest::newRow("token") << QStringLiteral("X-Auth-Token") << true;
        QTest::newRow("subscription key") << QStringLiteral("Ocp-Apim-Subscription-Key") << true;
        QTest::newRow("functions key") << QStringLiteral("X-Functions-Key") << true;
        QTest::newRow("hub signature") << QStringLiteral("X-Hub-Signature-256") << true;
        QTest::newRow("accept") << QStringLiteral("Accept") << false;
        QTest::newRow("depth") << QStringLiteral("Depth") << false;
    }

    void secretHeaderNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(Exporter::isSecretHeader(name), secret);
    }

    void exportCommandWritesAFile()
    {
        Fixture f;
        const QString out = f.dir.filePath(QStringLiteral("out.json"));
        QProcess p;
        p.start(qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("export"), f.dir.path(), QStringLiteral("--to"), QStringLiteral("postman"),
                QStringLiteral("-o"), out });
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardError().contains("warning: "));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(file.readAll()).isObject());
        // With the secrets in it, the output is owner-only.
        const QString secret = f.dir.filePath(QStringLiteral("secret.json"));
        const auto exportWithSecrets = [&] {
            p.start(qEnvironmentVariable("VERBSCOPE_CLI"),
                { QStringLiteral("export"), f.dir.path(), QStringLiteral("--to"), QStringLiteral("postman"),
                    QStringLiteral("--include-secrets"), QStringLiteral("-o"), secret });
            return p.waitForFinished(30000) && p.exitCode() == 0;
        };
        QVERIFY(exportWithSecrets());
        QCOMPARE(QFile::permissions(secret) & 0x0777, QFileDevice::ReadUser | QFileDevice::WriteUser);
        // Replacing an existing world-readable file makes it owner-only too.
        QVERIFY(QFile::setPermissions(secret, QFile::permissions(secret) | QFileDevice::ReadOther));
        QVERIFY(exportWithSecrets());
        QCOMPARE(QFile::permissions(secret) & 0x0777, QFileDevice::ReadUser | QFileDevice::WriteUser);
        p.start(qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("export"), f.dir.path(), QStringLiteral("--to"), QStringLiteral("yaml") });
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_Exporters)
#include "tst_exporters.moc"
