// SPDX-License-Identifier: GPL-3.0-or-later
// Insomnia v4 (JSON and YAML) and v5 (YAML) into .http: folders, environments, auth, bodies,
// template tags, and what is reported instead of carried over.
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileWriter.h"
#include "core/collections/importers/Importer.h"
#include "core/collections/importers/InsomniaImporter.h"
#include "tests/support/CliRunner.h"
#include "tests/support/ImportChecks.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;
using namespace verbscope::test;

namespace {
ImportResult v5()
{
    return Importer::import(fixture(QStringLiteral("insomnia/shop-v5.yaml")), QStringLiteral("shop-v5.yaml"));
}

ImportResult v4yaml()
{
    return Importer::import(fixture(QStringLiteral("insomnia/notes-v4.yaml")), QStringLiteral("notes-v4.yaml"));
}
} // namespace

class tst_InsomniaImporter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detectsYamlExports()
    {
        QCOMPARE(Importer::detect(fixture(QStringLiteral("insomnia/shop-v5.yaml")), QStringLiteral("x.yaml")),
            Importer::Format::Insomnia);
        QCOMPARE(Importer::detect(fixture(QStringLiteral("insomnia/notes-v4.yaml")), QStringLiteral("x.yaml")),
            Importer::Format::Insomnia);
        QCOMPARE(v5().format, QStringLiteral("insomnia 5"));
        // v5 is YAML, but JSON is YAML too: the same document as JSON is read the same way.
        const QByteArray json = "{\"type\": \"collection.insomnia.rest/5.0\", \"name\": \"J\", \"collection\": "
                                "[{\"name\": \"R\", \"url\": \"http://h/\", \"method\": \"GET\"}]}";
        QCOMPARE(Importer::detect(json, QStringLiteral("x.json")), Importer::Format::Insomnia);
        QCOMPARE(Importer::import(json, QStringLiteral("x.json")).requestCount(), 1);
        QCOMPARE(v4yaml().format, QStringLiteral("insomnia 4"));
    }

    // Neither v4 nor v5: the error says what was found, not "not JSON".
    void notAnExportSaysWhatItFound_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("spec") << QByteArray("type: spec.insomnia.rest/5.0\nname: x\n")
                              << QStringLiteral("x.yaml: not an Insomnia export: found a YAML mapping with type: "
                                                "spec.insomnia.rest/5.0");
        QTest::newRow("other mapping") << QByteArray("openapi: 3.0.0\ninfo:\n  title: t\n")
                                       << QStringLiteral(
                                              "x.yaml: not an Insomnia export: found a YAML mapping with the keys "
                                              "info, openapi");
        QTest::newRow("list") << QByteArray("- a\n- b\n")
                              << QStringLiteral("x.yaml: not an Insomnia export: the YAML document is a list");
        QTest::newRow("broken yaml") << QByteArray("_type: export\nresources:\n  - a: [1, 2\n")
                                     << QStringLiteral("x.yaml:4:1: not YAML: ");
        QByteArray laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (char c = 'b'; c <= 'j'; ++c)
            laughs += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [*" + QByteArray(1, char(c - 1)) + ", *"
                + QByteArray(1, char(c - 1)) + ", *" + QByteArray(1, char(c - 1)) + ", *" + QByteArray(1, char(c - 1))
                + ", *" + QByteArray(1, char(c - 1)) + ", *" + QByteArray(1, char(c - 1)) + ", *"
                + QByteArray(1, char(c - 1)) + ", *" + QByteArray(1, char(c - 1)) + ", *" + QByteArray(1, char(c - 1))
                + ", *" + QByteArray(1, char(c - 1)) + "]\n";
        QTest::newRow("alias bomb") << laughs << QStringLiteral("x.yaml:");
        QTest::newRow("json object") << QByteArray("{\"info\": {}}")
                                     << QStringLiteral("x.yaml: not an Insomnia export: found a JSON object with the "
                                                       "keys info");
    }

    void notAnExportSaysWhatItFound()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const ImportResult r = Importer::import(content, QStringLiteral("x.yaml"), Importer::Format::Insomnia);
        QVERIFY2(r.error.startsWith(expected), qPrintable(r.error));
        if (QByteArray(QTest::currentDataTag()) == "alias bomb")
            QVERIFY2(
                r.error.contains(QStringLiteral("not YAML: aliases expand to too many nodes")), qPrintable(r.error));
        QVERIFY(r.files.isEmpty());
    }

    // Auto-detection on a YAML file that is not an export names what it found.
    void unknownYamlIsNamed()
    {
        const ImportResult r = Importer::import("name: x\nversion: 2\n", QStringLiteral("x.yaml"));
        QVERIFY2(
            r.error.contains(QStringLiteral("found a YAML mapping with the keys name, version")), qPrintable(r.error));
    }

    void v5FoldersAndRequests()
    {
        const ImportResult r = v5();
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QStringList paths;
        for (const ImportedFile &f : r.files)
            paths << f.relativePath;
        QCOMPARE(paths, (QStringList { QStringLiteral("Orders.http"), QStringLiteral("Shop API.http") }));
        QCOMPARE(r.requestCount(), 6);
        const HttpRequest *login = find(r, QStringLiteral("Shop API.http"), QStringLiteral("Sign in"));
        QVERIFY(login);
        QCOMPARE(login->method, QStringLiteral("POST"));
        QCOMPARE(login->target, QStringLiteral("{{base_url}}/auth/login"));
        QCOMPARE(login->body, QStringLiteral("{\"user\": \"{{user}}\", \"password\": \"{{password}}\"}"));
        QVERIFY(login->comments.contains(QStringLiteral("Returns a token")));
        QVERIFY(hasIssue(r, QStringLiteral("Live feed: websocket_request: not an HTTP request")));
        QVERIFY(hasIssue(r, QStringLiteral("cookie jar: 1 cookie(s)")));
    }

    void queryAndHeadersDisabledKeptAsComments()
    {
        const ImportResult r = v5();
        const HttpRequest *me = find(r, QStringLiteral("Shop API.http"), QStringLiteral("Who am I"));
        QVERIFY(me);
        QCOMPARE(me->target, QStringLiteral("{{base_url}}/me?expand=orders"));
        QVERIFY(me->comments.contains(QStringLiteral("disabled query: verbose=true")));
        QVERIFY(me->comments.contains(QStringLiteral("disabled: X-Debug: 1")));
        QVERIFY(header(*me, QStringLiteral("X-Debug")).isEmpty());
        QVERIFY(me->hasDirective(QStringLiteral("no-redirect")));
        QVERIFY2(hasIssue(r, QStringLiteral("Shop API/Who am I: afterResponseScript: Insomnia scripts are not")),
            qPrintable(issues(r)));
    }

    // {% response 'body', id, 'b64::…::46b' %} → {{name.response.body.$.token}}, the target named.
    void responseTagBecomesRequestReference()
    {
        const ImportResult r = v5();
        const HttpRequest *me = find(r, QStringLiteral("Shop API.http"), QStringLiteral("Who am I"));
        QVERIFY(me);
        QCOMPARE(
            header(*me, QStringLiteral("Authorization")), QStringLiteral("Bearer {{Sign_in.response.body.$.token}}"));
        QCOMPARE(find(r, QStringLiteral("Shop API.http"), QStringLiteral("Sign in"))->name, QStringLiteral("Sign_in"));
        QCOMPARE(header(*me, QStringLiteral("X-Request-Id")), QStringLiteral("{{$uuid}}"));

        const ImportResult v4 = v4yaml();
        const HttpRequest *get = find(v4, QStringLiteral("Notes.http"), QStringLiteral("Get note"));
        QVERIFY(get);
        QCOMPARE(get->target, QStringLiteral("{{host}}/notes/{{Create_note.response.body.$.id}}"));
        QCOMPARE(
            header(*get, QStringLiteral("If-None-Match")), QStringLiteral("{{Create_note.response.headers.ETag}}"));
    }

    // What cannot be a reference or a dynamic variable is kept as written and reported by name.
    void inexpressibleTagsAreReported()
    {
        const ImportResult r = v4yaml();
        const HttpRequest *get = find(r, QStringLiteral("Notes.http"), QStringLiteral("Get note"));
        QVERIFY(get);
        QCOMPARE(header(*get, QStringLiteral("X-Sent-At")), QStringLiteral("{% now 'millis' %}"));
        QVERIFY2(
            hasIssue(r, QStringLiteral("Notes/Get note: {% now 'millis' %}: now 'millis' has no dynamic variable")),
            qPrintable(issues(r)));
        QVERIFY2(hasIssue(r,
                     QStringLiteral("Notes API/Ping: {% response 'body', 'req_note_create', 'b64::JC5pZA==::46b', "
                                    "'never', 60 %}: refers to request \"Create note\" in Notes.http")),
            qPrintable(issues(r)));
        QVERIFY(hasIssue(r, QStringLiteral("folder Notes: folder variables (page_size): not carried over")));
    }

    void nowAndTimestampTags_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("expected");
        QTest::newRow("iso") << QStringLiteral("{% now 'iso-8601' %}") << QStringLiteral("{{$isoTimestamp}}");
        QTest::newRow("unix") << QStringLiteral("{% now 'unix' %}") << QStringLiteral("{{$timestamp}}");
        QTest::newRow("custom") << QStringLiteral("{% now 'custom', 'YYYY-MM-DD' %}")
                                << QStringLiteral("{{$datetime \"YYYY-MM-DD\"}}");
        QTest::newRow("uuid") << QStringLiteral("{% uuid 'v4' %}") << QStringLiteral("{{$uuid}}");
        QTest::newRow("var") << QStringLiteral("{{ _.host }}") << QStringLiteral("{{host}}");
        QTest::newRow("base64 kept") << QStringLiteral("{% base64 'encode', 'normal', 'x' %}")
                                     << QStringLiteral("{% base64 'encode', 'normal', 'x' %}");
    }

    void nowAndTimestampTags()
    {
        QFETCH(QString, tag);
        QFETCH(QString, expected);
        const QByteArray yaml = "type: collection.insomnia.rest/5.0\nname: T\ncollection:\n  - name: R\n    url: "
                                "http://h/\n    method: GET\n    headers:\n      - name: X\n        value: \""
            + tag.toUtf8() + "\"\n";
        const ImportResult r = Importer::import(yaml, QStringLiteral("t.yaml"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        const HttpRequest *req = find(r, QStringLiteral("T.http"), QStringLiteral("R"));
        QVERIFY(req);
        QCOMPARE(header(*req, QStringLiteral("X")), expected);
        QCOMPARE(hasIssue(r, QStringLiteral("template tag")), expected == tag);
    }

    // Folder auth and headers reach the requests below; a secret in clear moves to the private file once.
    void folderAuthAndSecrets()
    {
        const ImportResult r = v5();
        const HttpRequest *list = find(r, QStringLiteral("Orders.http"), QStringLiteral("List orders"));
        QVERIFY(list);
        QCOMPARE(header(*list, QStringLiteral("Authorization")), QStringLiteral("Bearer {{Orders_token}}"));
        QCOMPARE(header(*list, QStringLiteral("Accept")), QStringLiteral("application/json"));
        QCOMPARE(list->target, QStringLiteral("{{base_url}}/orders?since={{$isoTimestamp}}"));
        const VariableMap priv = r.privateEnvironments.value(QStringLiteral("$shared"));
        QCOMPARE(priv.value(QStringLiteral("Orders_token")), QStringLiteral("s3cr3t-folder-token"));
        QCOMPARE(issues(r).count(QStringLiteral("as {{Orders_token}}")), 1);
        QVERIFY(!issues(r).contains(QStringLiteral("s3cr3t")));
        // The request's own basic auth wins over the folder's bearer.
        const HttpRequest *create = find(r, QStringLiteral("Orders.http"), QStringLiteral("Create order"));
        QVERIFY(create);
        QCOMPARE(header(*create, QStringLiteral("Authorization")), QStringLiteral("Basic clerk {{clerk_password}}"));
        // Digest is kept as settings, its password in the private file.
        const HttpRequest *graph = find(r, QStringLiteral("Orders.http"), QStringLiteral("Order graph"));
        QVERIFY(graph);
        QVERIFY(header(*graph, QStringLiteral("Authorization")).isEmpty());
        QCOMPARE(priv.value(QStringLiteral("Order_graph_auth_digest_password")), QStringLiteral("digest-pass"));
        QVERIFY(hasIssue(r, QStringLiteral("Orders/Order graph: digest authentication")));
        // API key of v4 YAML, also moved.
        const ImportResult v4 = v4yaml();
        const HttpRequest *note = find(v4, QStringLiteral("Notes.http"), QStringLiteral("Create note"));
        QCOMPARE(header(*note, QStringLiteral("X-Api-Key")), QStringLiteral("{{Create_note_apikey}}"));
        QCOMPARE(v4.privateEnvironments.value(QStringLiteral("$shared")).value(QStringLiteral("Create_note_apikey")),
            QStringLiteral("k-12345"));
        QVERIFY(hasIssue(v4,
            QStringLiteral("Notes/Create note: API key: moved to http-client.private.env.json ($shared) as "
                           "{{Create_note_apikey}}")));
    }

    void environmentsBaseSubAndPrivate()
    {
        const ImportResult r = v5();
        QCOMPARE(r.environments.value(QStringLiteral("$shared")).value(QStringLiteral("base_url")),
            QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(r.environments.value(QStringLiteral("staging")).value(QStringLiteral("retries")), QStringLiteral("3"));
        QCOMPARE(r.privateEnvironments.value(QStringLiteral("secrets")).value(QStringLiteral("password")),
            QStringLiteral("hunter2"));
        QVERIFY(!r.environments.contains(QStringLiteral("secrets")));
        const ImportResult v4 = v4yaml();
        QCOMPARE(v4.environments.value(QStringLiteral("prod")).value(QStringLiteral("host")),
            QStringLiteral("https://notes.test"));
        QCOMPARE(v4.environments.value(QStringLiteral("$shared")).value(QStringLiteral("host")),
            QStringLiteral("http://127.0.0.1:9090"));
    }

    void bodies()
    {
        const ImportResult r = v5();
        const HttpRequest *create = find(r, QStringLiteral("Orders.http"), QStringLiteral("Create order"));
        QCOMPARE(create->body, QStringLiteral("item=book%20%26%20pen"));
        QVERIFY(create->comments.contains(QStringLiteral("disabled field: coupon=FREE")));
        const HttpRequest *upload = find(r, QStringLiteral("Orders.http"), QStringLiteral("Upload orders"));
        QVERIFY(upload->body.contains(QStringLiteral("\n< ./orders.csv\n")));
        QVERIFY(header(*upload, QStringLiteral("Content-Type")).startsWith(QStringLiteral("multipart/form-data")));
        const HttpRequest *graph = find(r, QStringLiteral("Orders.http"), QStringLiteral("Order graph"));
        QVERIFY(graph->body.contains(QStringLiteral("\"query\": \"{ orders { id } }\"")));
        QCOMPARE(header(*graph, QStringLiteral("Content-Type")), QStringLiteral("application/json"));
        const HttpRequest *note = find(v4yaml(), QStringLiteral("Notes.http"), QStringLiteral("Create note"));
        QVERIFY(note);
    }

    // v4 JSON and v4 YAML of the same export give the same files.
    void v4JsonAndYamlAgree()
    {
        const QByteArray yaml = "_type: export\n__export_format: 4\nresources:\n"
                                "  - {_id: wrk_1, _type: workspace, name: W}\n"
                                "  - {_id: req_1, _type: request, parentId: wrk_1, name: A, method: GET, url: "
                                "'http://h/a', headers: [{name: X, value: '1'}]}\n";
        const QByteArray json = "{\"_type\": \"export\", \"__export_format\": 4, \"resources\": ["
                                "{\"_id\": \"wrk_1\", \"_type\": \"workspace\", \"name\": \"W\"},"
                                "{\"_id\": \"req_1\", \"_type\": \"request\", \"parentId\": \"wrk_1\", \"name\": "
                                "\"A\", \"method\": \"GET\", \"url\": \"http://h/a\", \"headers\": [{\"name\": "
                                "\"X\", \"value\": \"1\"}]}]}";
        const ImportResult a = Importer::import(yaml, QStringLiteral("w.yaml"));
        const ImportResult b = Importer::import(json, QStringLiteral("w.json"));
        QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
        QCOMPARE(a.files.size(), 1);
        QCOMPARE(b.files.size(), 1);
        QCOMPARE(HttpFileWriter::write(a.files.first().file), HttpFileWriter::write(b.files.first().file));
    }

    // Every written file parses back without an error.
    void writtenFilesReadBack()
    {
        for (const ImportResult &r : { v5(), v4yaml() })
            for (const ImportedFile &f : r.files) {
                const HttpFileWriter::Written w = HttpFileWriter::writeVerified(f.file);
                QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
                const ParseResult p = HttpFileParser::parse(w.text, f.relativePath);
                for (const ParseIssue &i : p.issues)
                    QVERIFY2(i.warning, qPrintable(i.toString()));
                QCOMPARE(p.file.requests.size(), f.file.requests.size());
            }
    }

    // `import` says how many requests were left out (the WebSocket one) and fails; the report
    // names each secret's new place.
    void importCommandCountsWhatWasLeftOut()
    {
        QTemporaryDir dir;
        const auto r = verbscope::test::runCli({ QStringLiteral("import"),
            qEnvironmentVariable("VERBSCOPE_SOURCE_DIR")
                + QStringLiteral("/tests/data/collections/insomnia/shop-v5.yaml"),
            QStringLiteral("--into"), dir.path() });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("1 request(s) of the source were not carried over"), r.err.constData());
        QVERIFY(r.out.contains("Imported 6 request(s)"));
        QVERIFY(r.out.contains("Live feed: websocket_request: not an HTTP request"));
        QVERIFY(r.out.contains("moved to http-client.private.env.json ($shared) as {{Orders_token}}"));
        QVERIFY(QFileInfo::exists(QDir(dir.path()).filePath(QStringLiteral("Orders.http"))));
        QFile priv(QDir(dir.path()).filePath(QStringLiteral("http-client.private.env.json")));
        QVERIFY(priv.open(QIODevice::ReadOnly));
        QVERIFY(priv.readAll().contains("s3cr3t-folder-token"));
        QFile orders(QDir(dir.path()).filePath(QStringLiteral("Orders.http")));
        QVERIFY(orders.open(QIODevice::ReadOnly));
        QVERIFY(!orders.readAll().contains("s3cr3t"));
    }

    // Constructs of real Insomnia 10/11 files: a bare multipart Content-Type (Insomnia adds the
    // boundary when it sends), a Windows file path, a request without a URL, a folded body.
    void realWorldV5Constructs()
    {
        const ImportResult r
            = Importer::import(fixture(QStringLiteral("insomnia/contest-v5.yaml")), QStringLiteral("contest.yaml"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.requestCount(), 3);
        const HttpRequest *send = find(r, QStringLiteral("judge.http"), QStringLiteral("send submission"));
        QVERIFY(send);
        QCOMPARE(header(*send, QStringLiteral("Content-Type")),
            QStringLiteral("multipart/form-data; boundary=VerbScopeFormBoundary"));
        QVERIFY2(send->body.contains(QStringLiteral("\n< C:\\Users\\Judge\\contest\\solution.zip\n")),
            qPrintable(send->body));
        QVERIFY2(hasIssue(r,
                     QStringLiteral("judge/send submission: file C:\\Users\\Judge\\contest\\solution.zip: a "
                                    "Windows path")),
            qPrintable(issues(r)));
        const HttpRequest *del = find(r, QStringLiteral("judge.http"), QStringLiteral("delete submission"));
        QVERIFY(del);
        QCOMPARE(del->target, QStringLiteral("{{url}}"));
        QVERIFY(hasIssue(r, QStringLiteral("judge/delete submission: URL: empty")));
        const HttpRequest *start = find(r, QStringLiteral("judge.http"), QStringLiteral("start run"));
        QVERIFY(start);
        QCOMPARE(start->method, QStringLiteral("GET"));
        // Folded (>-) with tab-indented lines: the same text PyYAML reads.
        QCOMPARE(start->body,
            QStringLiteral("{\n\t\"task_id\": \"7d1c0e52\",\n\t\"images\": [{\"name\": \"python:3.9-slim\"}]\n}"));
    }
};

QTEST_GUILESS_MAIN(tst_InsomniaImporter)
#include "tst_insomniaimporter.moc"
