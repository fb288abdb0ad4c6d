// SPDX-License-Identifier: GPL-3.0-or-later
// Postman 2.0/2.1, Insomnia 4, HAR 1.2 and curl into .http: what is carried over, what is
// reported, and that every verb comes back exactly after import → export → import.
#include "core/collections/Collection.h"
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileWriter.h"
#include "core/collections/exporters/Exporter.h"
#include "core/collections/importers/CurlImporter.h"
#include "core/collections/importers/Importer.h"
#include "tests/support/CliRunner.h"
#include "tests/support/ImportChecks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

// Changes the item and the collection of importers' postmanWith() before it is written.
using PostmanEdit = std::function<void(QJsonObject &item, QJsonObject &collection)>;
Q_DECLARE_METATYPE(PostmanEdit)

using namespace verbscope::collections;
using namespace verbscope::test;

namespace {
struct RealWorldCase {
    QString name, text;
    QStringList expected, headers, bodies, issues, variables, absentHeaders;
};
QList<RealWorldCase> realWorldCases()
{
    QFile f(qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/curl/real-world.sh"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(f.fileName()));
    QList<RealWorldCase> cases;
    for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("#=== "))) {
            cases.append({ line.mid(5), {}, {}, {}, {}, {}, {}, {} });
            continue;
        }
        if (cases.isEmpty())
            continue; // the file's own header
        RealWorldCase &c = cases.last();
        const QString rest = line.mid(3);
        if (line.startsWith(QLatin1String("#> ")))
            c.expected << rest;
        else if (line.startsWith(QLatin1String("#h ")))
            c.headers << rest;
        else if (line.startsWith(QLatin1String("#b ")))
            c.bodies << rest;
        else if (line.startsWith(QLatin1String("#! ")))
            c.issues << rest;
        else if (line.startsWith(QLatin1String("#v ")))
            c.variables << rest;
        else if (line.startsWith(QLatin1String("#x ")))
            c.absentHeaders << rest;
        else
            c.text += line + QLatin1Char('\n');
    }
    return cases;
}
// What must survive a trip through another format, in a comparable form.
QStringList signature(const QList<HttpRequest> &requests)
{
    QStringList out;
    for (const HttpRequest &r : requests) {
        QStringList headers;
        for (const HeaderLine &h : r.headers)
            headers << h.name + QStringLiteral(": ") + h.value;
        QStringList comments = r.comments;
        comments.sort();
        out << QStringList { r.method, r.target, headers.join(QLatin1Char('|')),
            r.hasBody ? r.body : QStringLiteral("<none>"), comments.join(QLatin1Char('|')),
            r.hasDirective(QStringLiteral("no-redirect")) ? QStringLiteral("no-redirect") : QString() }
                   .join(QStringLiteral(" ¦ "));
    }
    out.sort();
    return out;
}

QList<HttpRequest> allRequests(const ImportResult &r)
{
    QList<HttpRequest> all;
    for (const ImportedFile &f : r.files)
        all += f.file.requests;
    return all;
}

// An import written to disk and read back as `run` reads it.
struct OnDisk {
    ImportResult result;
    QStringList errors;
    QString text; // every written .http file, concatenated
    QList<HttpRequest> requests;
    bool parseErrors = false;
};

OnDisk importToDisk(const QByteArray &content, const QString &name)
{
    OnDisk d;
    d.result = Importer::import(content, name);
    QTemporaryDir dir;
    for (const QString &path : Importer::writeTo(d.result, dir.path(), &d.errors)) {
        if (!path.endsWith(QLatin1String(".http")))
            continue;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read back %s", qPrintable(path));
        const QString text = QString::fromUtf8(f.readAll());
        d.text += text;
        const ParseResult parsed = HttpFileParser::parse(text, path);
        d.parseErrors = d.parseErrors || parsed.hasErrors();
        d.requests += parsed.file.requests;
    }
    return d;
}

const QString Smuggled = QStringLiteral("POST http://127.0.0.1:1/smuggled");

// No smuggled request, header or method among what `run` would send.
bool smuggled(const OnDisk &d)
{
    for (const HttpRequest &r : d.requests) {
        if (r.target.contains(QLatin1String("smuggled")) || r.method == QLatin1String("DELETE"))
            return true;
        for (const HeaderLine &h : r.headers)
            if (h.name == QLatin1String("Y") || h.value.contains(QLatin1String("smuggled")))
                return true;
    }
    return false;
}

// A Postman 2.1 collection with one folder "Users" holding one request "Create"; `edit` changes it.
QByteArray postmanWith(const PostmanEdit &edit)
{
    QJsonObject request { { QStringLiteral("method"), QStringLiteral("POST") },
        { QStringLiteral("header"),
            QJsonArray { QJsonObject { { QStringLiteral("key"), QStringLiteral("Content-Type") },
                             { QStringLiteral("value"), QStringLiteral("application/json") } },
                QJsonObject { { QStringLiteral("key"), QStringLiteral("X") },
                    { QStringLiteral("value"), QStringLiteral("1") } } } },
        { QStringLiteral("url"), QJsonObject { { QStringLiteral("raw"), QStringLiteral("{{base}}/users") } } },
        { QStringLiteral("body"),
            QJsonObject { { QStringLiteral("mode"), QStringLiteral("raw") },
                { QStringLiteral("raw"), QStringLiteral("{}") } } } };
    QJsonObject item { { QStringLiteral("name"), QStringLiteral("Create") }, { QStringLiteral("request"), request } };
    QJsonObject collection { { QStringLiteral("info"),
                                 QJsonObject { { QStringLiteral("name"), QStringLiteral("c") },
                                     { QStringLiteral("schema"),
                                         QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/") } } },
        { QStringLiteral("variable"),
            QJsonArray { QJsonObject { { QStringLiteral("key"), QStringLiteral("base") },
                { QStringLiteral("value"), QStringLiteral("http://127.0.0.1:1") } } } } };
    edit(item, collection);
    collection.insert(QStringLiteral("item"),
        QJsonArray { QJsonObject {
            { QStringLiteral("name"), QStringLiteral("Users") }, { QStringLiteral("item"), QJsonArray { item } } } });
    return QJsonDocument(collection).toJson();
}

void setIn(QJsonObject &item, const QString &key, const QJsonValue &value)
{
    QJsonObject request = item.value(QStringLiteral("request")).toObject();
    request.insert(key, value);
    item.insert(QStringLiteral("request"), request);
}
} // namespace

class tst_Importers final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detectsFormats()
    {
        QCOMPARE(Importer::detect(fixture(QStringLiteral("postman-v21.json")), QStringLiteral("x.json")),
            Importer::Format::Postman);
        QCOMPARE(Importer::detect(fixture(QStringLiteral("postman-v20.json")), QStringLiteral("x.json")),
            Importer::Format::Postman);
        QCOMPARE(Importer::detect(fixture(QStringLiteral("insomnia-v4.json")), QStringLiteral("x.json")),
            Importer::Format::Insomnia);
        QCOMPARE(
            Importer::detect(fixture(QStringLiteral("session.har")), QStringLiteral("x.har")), Importer::Format::Har);
        QCOMPARE(
            Importer::detect(fixture(QStringLiteral("commands.sh")), QStringLiteral("x.sh")), Importer::Format::Curl);
        QCOMPARE(Importer::detect("GET http://a/\n", QStringLiteral("x.http")), Importer::Format::Http);
        QCOMPARE(Importer::detect("{\"hello\": 1}", QStringLiteral("x.json")), Importer::Format::Auto);
        QVERIFY(!Importer::import("{\"hello\": 1}", QStringLiteral("x.json")).error.isEmpty());
    }

    // A file that opens like JSON but does not parse gets its syntax error, with line and column,
    // whether the format was detected or named.
    void jsonSyntaxErrorIsReported_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        const QByteArray broken = "{\n  \"info\": {\"schema\": \"x\"},\n  \"item\": [1,]\n}";
        QTest::newRow("auto object")
            << broken << QStringLiteral("auto")
            << QStringLiteral("x.json: not JSON: object is missing after a comma at offset 43 (line 3, column 15)");
        QTest::newRow("auto array, BOM") << QByteArray("\xEF\xBB\xBF [\"a\" \"b\"]") << QStringLiteral("auto")
                                         << QStringLiteral("x.json: not JSON: missing value separator at offset 10 "
                                                           "(line 1, column 8)");
        QTest::newRow("postman") << broken << QStringLiteral("postman")
                                 << QStringLiteral(
                                        "not JSON: object is missing after a comma at offset 43 (line 3, column 15)");
        QTest::newRow("insomnia") << QByteArray("{\"é\": tru}") << QStringLiteral("insomnia")
                                  << QStringLiteral("not JSON: illegal value at offset 8 (line 1, column 8)");
        QTest::newRow("har") << QByteArray("{\n\"log\":") << QStringLiteral("har")
                             << QStringLiteral("not JSON: unterminated object at offset 8 (line 2, column 7)");
        QTest::newRow("valid JSON, no format") << QByteArray("{\"hello\": 1}") << QStringLiteral("auto")
                                               << QStringLiteral("x.json: not a Postman collection");
    }

    void jsonSyntaxErrorIsReported()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        Importer::Format f;
        QVERIFY(Importer::parseFormat(format, &f));
        const ImportResult r = Importer::import(content, QStringLiteral("x.json"), f);
        QVERIFY2(r.error.startsWith(expected), qPrintable(r.error));
        QVERIFY(r.files.isEmpty());
    }

    void postman21()
    {
        const ImportResult r
            = Importer::import(fixture(QStringLiteral("postman-v21.json")), QStringLiteral("shop.json"));
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.format, QStringLiteral("postman 2.1"));
        QStringList paths;
        for (const ImportedFile &f : r.files)
            paths << f.relativePath;
        QCOMPARE(paths,
            (QStringList { QStringLiteral("Catalog.http"), QStringLiteral("Catalog/Admin.http"),
                QStringLiteral("Shop API.http") }));
        QCOMPARE(r.requestCount(), 9);

        const HttpRequest *health = find(r, QStringLiteral("Shop API.http"), QStringLiteral("Health"));
        QVERIFY(health);
        QCOMPARE(header(*health, QStringLiteral("Authorization")),
            QStringLiteral("Bearer {{accessToken}}")); // collection auth

        const HttpRequest *list = find(r, QStringLiteral("Catalog.http"), QStringLiteral("List products"));
        QVERIFY(list);
        QCOMPARE(list->method, QStringLiteral("LIST"));
        QCOMPARE(list->name, QStringLiteral("List_products"));
        QVERIFY(list->comments.contains(QStringLiteral("disabled: X-Debug: 1")));
        QVERIFY(list->comments.contains(QStringLiteral("disabled query: size=50")));

        const HttpRequest *purge = find(r, QStringLiteral("Catalog.http"), QStringLiteral("Purge cache"));
        QVERIFY(purge);
        QCOMPARE(purge->method, QStringLiteral("PURGE"));
        QVERIFY(purge->hasDirective(QStringLiteral("no-redirect")));

        const HttpRequest *get = find(r, QStringLiteral("Catalog.http"), QStringLiteral("Get product"));
        QVERIFY(get);
        QCOMPARE(get->target, QStringLiteral("{{baseUrl}}/products/42?api_key={{apiSecret}}"));
        QVERIFY(header(*get, QStringLiteral("Authorization")).isEmpty()); // its own auth replaces the collection's

        const HttpRequest *create = find(r, QStringLiteral("Catalog/Admin.http"), QStringLiteral("Create product"));
        QVERIFY(create);
        // Folder auth; its password goes to the private environment file, named after the folder.
        QCOMPARE(
            header(*create, QStringLiteral("Authorization")), QStringLiteral("Basic admin {{Admin_basic_password}}"));
        QCOMPARE(r.privateEnvironments.value(QStringLiteral("$shared")).value(QStringLiteral("Admin_basic_password")),
            QStringLiteral("hunter2"));
        QVERIFY2(
            hasIssue(r,
                QStringLiteral("Catalog/Admin: basic auth password: secret written to http-client.private.env.json "
                               "as $shared.Admin_basic_password")),
            qPrintable(issues(r)));
        // Collection scripts first, then the request's own, verbatim, as Postman runs them.
        QCOMPARE(create->preRequestScripts, QStringLiteral("< {%\npm.variables.set('ts', Date.now());\n%}"));
        QCOMPARE(create->handlers, QStringLiteral("> {%\npm.test('201', () => pm.response.to.have.status(201));\n%}"));
        QCOMPARE(create->body, QStringLiteral("{\n  \"name\": \"Lamp\",\n  \"price\": 12.5\n}"));

        const HttpRequest *login = find(r, QStringLiteral("Catalog/Admin.http"), QStringLiteral("Login form"));
        QVERIFY(login);
        QVERIFY(header(*login, QStringLiteral("Authorization")).isEmpty()); // noauth
        QCOMPARE(login->body, QStringLiteral("user=a%20b&pass={{password}}"));
        QCOMPARE(header(*login, QStringLiteral("Content-Type")), QStringLiteral("application/x-www-form-urlencoded"));
        QVERIFY(login->comments.contains(QStringLiteral("disabled field: remember=1")));

        const HttpRequest *upload = find(r, QStringLiteral("Catalog/Admin.http"), QStringLiteral("Upload image"));
        QVERIFY(upload);
        QVERIFY(header(*upload, QStringLiteral("Content-Type"))
                    .startsWith(QStringLiteral("multipart/form-data; boundary=")));
        QVERIFY(
            upload->body.contains(QStringLiteral("name=\"image\"; filename=\"lamp.png\"\n\n< ./images/lamp.png\n")));
        QVERIFY(upload->body.contains(QStringLiteral("name=\"title\"\n\nLamp photo\n")));
        QVERIFY(!upload->body.contains(QStringLiteral("draft")));

        const HttpRequest *file = find(r, QStringLiteral("Catalog/Admin.http"), QStringLiteral("Replace from file"));
        QVERIFY(file);
        QCOMPARE(file->method, QStringLiteral("propfind"));
        QCOMPARE(file->bodyFilePath(), QStringLiteral("./body.xml"));

        const HttpRequest *graph = find(r, QStringLiteral("Catalog/Admin.http"), QStringLiteral("Search graph"));
        QVERIFY(graph);
        QVERIFY(graph->body.contains(QStringLiteral("\"query\": \"query { products { id } }\"")));
        QVERIFY(graph->body.contains(QStringLiteral("\"first\": 3")));

        QCOMPARE(r.files.first().file.variables.size(), 1);
        QCOMPARE(r.files.first().file.variables.first().name, QStringLiteral("baseUrl"));
        QCOMPARE(r.privateEnvironments.value(QStringLiteral("$shared")).value(QStringLiteral("apiSecret")),
            QStringLiteral("s3cr3t-value"));
        QVERIFY(hasIssue(r,
            QStringLiteral("collection: secret variable apiSecret: written to http-client.private.env.json as "
                           "$shared.apiSecret")));

        QVERIFY2(hasIssue(r,
                     QStringLiteral("collection: prerequest script: carried over verbatim as a `< {% … %}` pre-request "
                                    "script of each of its 9 request(s)")),
            qPrintable(issues(r)));
        QVERIFY(!hasIssue(r, QStringLiteral("Postman scripts are JavaScript")));
        QVERIFY(hasIssue(r, QStringLiteral("Catalog/List products: 1 saved example response(s)")));
        QVERIFY(hasIssue(r, QStringLiteral("variable oldThing: disabled")));
        QVERIFY(hasIssue(r, QStringLiteral("graphql body")));
    }

    // Scripts: the collection's before the request's, verbatim; one a `.http` file cannot hold (a
    // line with %}) and a disabled one are reported, not changed. Auth `inherit` takes the
    // collection's bearer token, whose literal value goes to the private file.
    void postmanScriptsAndInheritedAuth()
    {
        const auto script = [](const QString &listen, const QStringList &lines, bool disabled = false) {
            QJsonObject e { { QStringLiteral("listen"), listen },
                { QStringLiteral("script"),
                    QJsonObject { { QStringLiteral("exec"), QJsonArray::fromStringList(lines) } } } };
            if (disabled)
                e.insert(QStringLiteral("disabled"), true);
            return e;
        };
        const QByteArray json = postmanWith([&](QJsonObject &item, QJsonObject &collection) {
            collection.insert(QStringLiteral("auth"),
                QJsonObject { { QStringLiteral("type"), QStringLiteral("bearer") },
                    { QStringLiteral("bearer"),
                        QJsonArray { QJsonObject { { QStringLiteral("key"), QStringLiteral("token") },
                            { QStringLiteral("value"), QStringLiteral("tok-1") } } } } });
            collection.insert(QStringLiteral("event"),
                QJsonArray { script(QStringLiteral("test"), { QStringLiteral("pm.test('c', function () {});") }) });
            setIn(item, QStringLiteral("auth"), QJsonObject { { QStringLiteral("type"), QStringLiteral("inherit") } });
            item.insert(QStringLiteral("event"),
                QJsonArray { script(QStringLiteral("test"),
                                 { QStringLiteral("pm.test('r', function () {"), QStringLiteral("});") }),
                    script(QStringLiteral("test"), { QStringLiteral("var s = '%}';") }),
                    script(QStringLiteral("prerequest"), { QStringLiteral("pm.variables.set('a', 1);") }, true) });
        });
        const ImportResult r = Importer::import(json, QStringLiteral("c.json"));
        const HttpRequest *create = find(r, QStringLiteral("Users.http"), QStringLiteral("Create"));
        QVERIFY(create);
        QCOMPARE(create->handlers,
            QStringLiteral("> {%\npm.test('c', function () {});\n%}\n> {%\npm.test('r', function () {\n});\n%}"));
        QVERIFY(create->preRequestScripts.isEmpty());
        QVERIFY2(hasIssue(r,
                     QStringLiteral("Users/Create: test script: its line 1 holds \"%}\", which would end the script "
                                    "block in a .http file; not carried over")),
            qPrintable(issues(r)));
        QVERIFY(hasIssue(r, QStringLiteral("Users/Create: prerequest script: disabled in Postman; not imported")));
        QCOMPARE(header(*create, QStringLiteral("Authorization")), QStringLiteral("Bearer {{bearer_token}}"));
        QCOMPARE(r.privateEnvironments.value(QStringLiteral("$shared")).value(QStringLiteral("bearer_token")),
            QStringLiteral("tok-1"));
        QVERIFY(hasIssue(r,
            QStringLiteral("collection: bearer auth token: secret written to http-client.private.env.json as "
                           "$shared.bearer_token")));
    }

    // Folder variables are scoped to the folder's requests: each gets them as `@x = y`, inner folders
    // after outer ones (so they win); disabled ones and secrets are reported.
    void postmanFolderVariables()
    {
        // Not a raw string: moc reads "//" in one as a comment.
        const QByteArray json
            = "{\"info\": {\"name\": \"c\", \"schema\": "
              "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
              " \"item\": [{\"name\": \"Users\", \"variable\": [{\"key\": \"base\", \"value\": \"/users\"}, {\"key\": "
              "\"off\", \"value\": \"x\", \"disabled\": true},\n"
              "   {\"key\": \"pin\", \"value\": \"1234\", \"type\": \"secret\"}],\n"
              "   \"item\": [{\"name\": \"Admin\", \"variable\": [{\"key\": \"base\", \"value\": \"/admin\"}],\n"
              "     \"item\": [{\"name\": \"Ban\", \"request\": {\"method\": \"POST\", \"url\": "
              "\"http://127.0.0.1:1{{base}}/ban\"}}]},\n"
              "    {\"name\": \"List\", \"request\": {\"method\": \"GET\", \"url\": "
              "\"http://127.0.0.1:1{{base}}\"}}]},\n"
              "  {\"name\": \"Top\", \"request\": {\"method\": \"GET\", \"url\": \"http://127.0.0.1:1/\"}}]}";
        const ImportResult r = Importer::import(json, QStringLiteral("c.json"));
        const HttpRequest *list = find(r, QStringLiteral("Users.http"), QStringLiteral("List"));
        QVERIFY2(list, qPrintable(issues(r)));
        QCOMPARE(list->variables.size(), 1);
        QCOMPARE(list->variables.at(0).name, QStringLiteral("base"));
        QCOMPARE(list->variables.at(0).value, QStringLiteral("/users"));
        const HttpRequest *ban = find(r, QStringLiteral("Users/Admin.http"), QStringLiteral("Ban"));
        QVERIFY2(ban, qPrintable(issues(r)));
        QCOMPARE(ban->variables.size(), 2);
        QCOMPARE(ban->variables.at(1).value, QStringLiteral("/admin")); // the inner folder's, last: it wins
        const HttpRequest *top = find(r, QStringLiteral("c.http"), QStringLiteral("Top"));
        QVERIFY2(top, qPrintable(issues(r)));
        QVERIFY(top->variables.isEmpty());
        QVERIFY2(hasIssue(r, QStringLiteral("Users: variable off: disabled; not imported")), qPrintable(issues(r)));
        QCOMPARE(r.privateEnvironments.value(QStringLiteral("$shared")).value(QStringLiteral("pin")),
            QStringLiteral("1234"));
        QVERIFY2(hasIssue(r,
                     QStringLiteral("Users: folder variables base: written as @name = value lines before each "
                                    "of its 2 request(s)")),
            qPrintable(issues(r)));
    }

    void postman20()
    {
        const ImportResult r
            = Importer::import(fixture(QStringLiteral("postman-v20.json")), QStringLiteral("legacy.json"));
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.format, QStringLiteral("postman 2.0"));
        const HttpRequest *old = find(r, QStringLiteral("Legacy v2.0.http"), QStringLiteral("Old style"));
        QVERIFY(old);
        QCOMPARE(old->method, QStringLiteral("MKCOL"));
        QCOMPARE(header(*old, QStringLiteral("X-Two")), QStringLiteral("2"));
        QCOMPARE(header(*old, QStringLiteral("Authorization")), QStringLiteral("Basic legacy {{basic_password}}"));
        QCOMPARE(r.privateEnvironments.value(QStringLiteral("$shared")).value(QStringLiteral("basic_password")),
            QStringLiteral("pw"));
        QCOMPARE(old->body, QStringLiteral("hello"));
        const HttpRequest *digest = find(r, QStringLiteral("Legacy v2.0.http"), QStringLiteral("Digest thing"));
        QVERIFY(digest);
        QVERIFY(header(*digest, QStringLiteral("Authorization")).isEmpty());
        QCOMPARE(digest->variables.size(), 3);
        QVERIFY(hasIssue(r, QStringLiteral("digest auth")));
        QCOMPARE(r.requestCount(), 3); // the bare URL string is a request too
    }

    void insomnia()
    {
        const ImportResult r
            = Importer::import(fixture(QStringLiteral("insomnia-v4.json")), QStringLiteral("ins.json"));
        QVERIFY(r.error.isEmpty());
        QStringList paths;
        for (const ImportedFile &f : r.files)
            paths << f.relativePath;
        QCOMPARE(paths,
            (QStringList {
                QStringLiteral("Files.http"), QStringLiteral("Files/WebDAV.http"), QStringLiteral("Storage.http") }));
        const HttpRequest *ping = find(r, QStringLiteral("Storage.http"), QStringLiteral("Ping"));
        QVERIFY(ping);
        QCOMPARE(ping->target, QStringLiteral("{{base}}/ping?v=1"));
        QVERIFY(ping->comments.contains(QStringLiteral("disabled query: debug=1")));
        const HttpRequest *upload = find(r, QStringLiteral("Files.http"), QStringLiteral("Upload"));
        QVERIFY(upload);
        QCOMPARE(header(*upload, QStringLiteral("X-Trace")), QStringLiteral("{{$uuid}}"));
        QCOMPARE(header(*upload, QStringLiteral("Authorization")), QStringLiteral("Bearer {{token}}"));
        QVERIFY(upload->comments.contains(QStringLiteral("disabled: X-Old: 1")));
        QVERIFY(upload->body.contains(QStringLiteral("< /tmp/report.pdf")));
        const HttpRequest *dav = find(r, QStringLiteral("Files/WebDAV.http"), QStringLiteral("List folder"));
        QVERIFY(dav);
        QCOMPARE(dav->method, QStringLiteral("PROPFIND"));
        QCOMPARE(header(*dav, QStringLiteral("Authorization")), QStringLiteral("Basic dav {{davPass}}"));
        QCOMPARE(header(*dav, QStringLiteral("Content-Type")), QStringLiteral("application/xml"));
        QVERIFY(dav->hasDirective(QStringLiteral("no-redirect")));
        const HttpRequest *evict = find(r, QStringLiteral("Files/WebDAV.http"), QStringLiteral("Evict"));
        QVERIFY(evict);
        QCOMPARE(evict->method, QStringLiteral("purge"));
        const HttpRequest *login = find(r, QStringLiteral("Files.http"), QStringLiteral("Login"));
        QVERIFY(login);
        QCOMPARE(login->body, QStringLiteral("user=me&pass={{password}}"));

        QCOMPARE(r.environments.value(QStringLiteral("$shared")).value(QStringLiteral("base")),
            QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(r.environments.value(QStringLiteral("dev")).value(QStringLiteral("retries")), QStringLiteral("3"));
        QCOMPARE(r.privateEnvironments.value(QStringLiteral("dev-secrets")).value(QStringLiteral("token")),
            QStringLiteral("tok-123"));
        QVERIFY2(hasIssue(r, QStringLiteral("Stream: grpc_request")), qPrintable(issues(r)));
    }

    // A parentId chain that loops, or names a folder that is not in the export, puts the request
    // at the top level and says so; it never becomes a folder per step of the loop.
    void insomniaFolderCyclesAndMissingParents()
    {
        const QByteArray json
            = "{\"_type\": \"export\", \"__export_format\": 4, \"resources\": ["
              "{\"_id\": \"wrk_1\", \"_type\": \"workspace\", \"name\": \"WS\"},"
              "{\"_id\": \"fld_a\", \"_type\": \"request_group\", \"parentId\": \"fld_b\", \"name\": \"a\"},"
              "{\"_id\": \"fld_b\", \"_type\": \"request_group\", \"parentId\": \"fld_a\", \"name\": \"b\"},"
              "{\"_id\": \"fld_c\", \"_type\": \"request_group\", \"parentId\": \"wrk_1\", \"name\": \"c\"},"
              "{\"_id\": \"fld_d\", \"_type\": \"request_group\", \"parentId\": \"fld_gone\", \"name\": \"d\"},"
              "{\"_id\": \"req_1\", \"_type\": \"request\", \"parentId\": \"fld_a\", \"name\": \"Loop\", \"url\": "
              "\"http://h/1\"},"
              "{\"_id\": \"req_2\", \"_type\": \"request\", \"parentId\": \"fld_missing\", \"name\": \"Orphan\", "
              "\"url\": \"http://h/2\"},"
              "{\"_id\": \"req_3\", \"_type\": \"request\", \"parentId\": \"fld_c\", \"name\": \"Fine\", \"url\": "
              "\"http://h/3\"},"
              "{\"_id\": \"req_4\", \"_type\": \"request\", \"parentId\": \"fld_d\", \"name\": \"Stray\", \"url\": "
              "\"http://h/4\"},"
              "{\"_id\": \"req_5\", \"_type\": \"request\", \"parentId\": \"__WORKSPACE_ID__\", \"name\": \"Top\", "
              "\"url\": \"http://h/5\"}"
              "]}";
        const ImportResult r = Importer::import(json, QStringLiteral("ins.json"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        for (const QString &title : { QStringLiteral("Loop"), QStringLiteral("Orphan"), QStringLiteral("Stray") })
            QVERIFY2(find(r, QStringLiteral("WS.http"), title), qPrintable(title));
        QVERIFY(find(r, QStringLiteral("c.http"), QStringLiteral("Fine")));
        QVERIFY(find(r, QStringLiteral("insomnia.http"), QStringLiteral("Top")));
        QCOMPARE(r.files.size(), 3);
        QVERIFY2(hasIssue(r, QStringLiteral("request Loop: its folder chain loops (a → b → a): put at the top level")),
            qPrintable(issues(r)));
        QVERIFY2(
            hasIssue(r, QStringLiteral("request Orphan: its folder fld_missing does not exist: put at the top level")),
            qPrintable(issues(r)));
        QVERIFY2(hasIssue(r,
                     QStringLiteral("request Stray: its folder chain (d) leads to fld_gone, which does not exist: put "
                                    "at the top level")),
            qPrintable(issues(r)));
        QVERIFY(!hasIssue(r, QStringLiteral("request Fine")));
        QVERIFY(!hasIssue(r, QStringLiteral("request Top")));
    }

    void har()
    {
        const ImportResult r
            = Importer::import(fixture(QStringLiteral("session.har")), QStringLiteral("/x/session.har"));
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.files.size(), 1);
        QCOMPARE(r.files.first().relativePath, QStringLiteral("session.http"));
        const QList<HttpRequest> &q = r.files.first().file.requests;
        QCOMPARE(q.size(), 3);
        QCOMPARE(q.at(0).target, QStringLiteral("http://127.0.0.1:8080/api/items?x=1"));
        QCOMPARE(header(q.at(0), QStringLiteral("Cookie")), QStringLiteral("sid=abc"));
        QVERIFY(header(q.at(0), QStringLiteral(":authority")).isEmpty());
        QVERIFY(header(q.at(0), QStringLiteral("Host")).isEmpty());
        QCOMPARE(q.at(1).method, QStringLiteral("REPORT"));
        QCOMPARE(q.at(1).body, QStringLiteral("<calendar-query/>\n"));
        QVERIFY(header(q.at(1), QStringLiteral("Content-Length")).isEmpty());
        QCOMPARE(q.at(2).body, QStringLiteral("a=1%202&b=%26"));
        QVERIFY2(hasIssue(r, QStringLiteral("entries 1: header :authority")), qPrintable(issues(r)));
        QVERIFY(hasIssue(r, QStringLiteral("entries 2: header content-length")));
        QVERIFY(hasIssue(r, QStringLiteral("HTTP version HTTP/2")));
        QVERIFY(hasIssue(r, QStringLiteral("2 recorded response(s)")));
    }

    void shellWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("quotes") << QStringLiteral("curl 'a b' \"c \\\"d\\\" \\$e\" f\\ g")
                                << QStringList { QStringLiteral("curl"), QStringLiteral("a b"),
                                       QStringLiteral("c \"d\" $e"), QStringLiteral("f g") };
        QTest::newRow("ansi-c") << QStringLiteral("curl $'a\\nb\\t\\x41\\'\\u00e9\\101'")
                                << QStringList { QStringLiteral("curl"),
                                       QString::fromUtf8("a\nb\tA'\xc3\xa9"
                                                         "A") };
        QTest::newRow("continuation") << QStringLiteral("curl \\\n  -X \\\n PUT")
                                      << QStringList { QStringLiteral("curl"), QStringLiteral("-X"),
                                             QStringLiteral("PUT") };
        QTest::newRow("adjacent") << QStringLiteral("curl -H'A: '\"b\"c")
                                  << QStringList { QStringLiteral("curl"), QStringLiteral("-HA: bc") };
        QTest::newRow("comment") << QStringLiteral("curl x # not-a-word")
                                 << QStringList { QStringLiteral("curl"), QStringLiteral("x") };
    }

    void shellWords()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, words);
        QString error;
        const QList<QStringList> c = CurlImporter::splitCommands(text, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.first(), words);
    }

    void unterminatedQuoteIsReported()
    {
        const ImportResult r = CurlImporter::import(QStringLiteral("curl 'http://a/"), QStringLiteral("x"));
        QVERIFY(hasIssue(r, QStringLiteral("unterminated ' quote")));
    }

    // Found by fuzz_curl: an input without a curl command reported an error and still handed
    // back an empty file to write.
    void curlWithoutACommandIsAnErrorAndNoFile_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QString() << QStringLiteral("no curl command found");
        QTest::newRow("other commands") << QStringLiteral("ls -la\necho hi\n")
                                        << QStringLiteral("no curl command found among 2 command(s)");
        QTest::newRow("unterminated quote") << QStringLiteral("'curl") << QStringLiteral("no curl command found");
    }
    void curlWithoutACommandIsAnErrorAndNoFile()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const ImportResult r = CurlImporter::import(text, QStringLiteral("x"));
        QCOMPARE(r.error, error);
        QVERIFY(r.files.isEmpty());
    }

    void curl()
    {
        const ImportResult r = Importer::import(fixture(QStringLiteral("commands.sh")), QStringLiteral("commands.sh"));
        QVERIFY(r.error.isEmpty());
        const QList<HttpRequest> &q = r.files.first().file.requests;
        QCOMPARE(q.size(), 9);
        QCOMPARE(q.at(0).method, QStringLiteral("GET"));
        QCOMPARE(header(q.at(0), QStringLiteral("Cookie")), QStringLiteral("sid=abc; theme=dark"));
        QVERIFY(q.at(0).hasDirective(QStringLiteral("no-redirect"))); // curl does not follow without -L
        // --compressed: the Accept-Encoding curl sends with it.
        QCOMPARE(header(q.at(0), QStringLiteral("Accept-Encoding")), QStringLiteral("deflate, gzip, br, zstd"));

        QCOMPARE(q.at(1).method, QStringLiteral("PURGE"));
        QCOMPARE(q.at(1).target, QStringLiteral("http://127.0.0.1:8080/cache/\"quoted\""));
        QCOMPARE(header(q.at(1), QStringLiteral("X-Reason")), QStringLiteral("stale"));
        QVERIFY(!q.at(1).hasDirective(QStringLiteral("no-redirect"))); // -L inside -sSL
        QVERIFY2(hasIssue(r, QStringLiteral("command 2: -s -S: only change curl's own output")), qPrintable(issues(r)));

        QCOMPARE(q.at(2).method, QStringLiteral("PROPFIND"));
        QCOMPARE(q.at(2).body, QStringLiteral("< ./body.xml"));

        QCOMPARE(q.at(3).method, QStringLiteral("POST"));
        QCOMPARE(header(q.at(3), QStringLiteral("Authorization")), QStringLiteral("Basic YWRtaW46aHVudGVyMg=="));
        QCOMPARE(header(q.at(3), QStringLiteral("User-Agent")), QStringLiteral("VerbScope test"));
        QCOMPARE(header(q.at(3), QStringLiteral("Referer")), QStringLiteral("http://ref.example/"));
        QCOMPARE(header(q.at(3), QStringLiteral("Content-Type")), QStringLiteral("application/x-www-form-urlencoded"));
        QCOMPARE(q.at(3).body, QStringLiteral("name=Lamp&price=12"));

        QCOMPARE(q.at(4).method, QStringLiteral("GET"));
        QCOMPARE(q.at(4).target, QStringLiteral("http://127.0.0.1:8080/search?q=a%20b%26c&page=2"));
        QVERIFY(!q.at(4).hasBody);

        QCOMPARE(q.at(5).method, QStringLiteral("HEAD"));
        QVERIFY(q.at(5).hasDirective(QStringLiteral("insecure")));

        QCOMPARE(q.at(6).method, QStringLiteral("POST"));
        QCOMPARE(q.at(6).target, QStringLiteral("http://127.0.0.1:8080/upload"));
        QVERIFY(
            q.at(6).body.contains(QStringLiteral("filename=\"lamp.png\"\nContent-Type: image/png\n\n< ./lamp.png")));

        QCOMPARE(q.at(7).body, QStringLiteral("line1\nline2\tA's"));
        QCOMPARE(header(q.at(7), QStringLiteral("X-Tab")), QStringLiteral("a\tb"));

        QCOMPARE(q.at(8).target, QStringLiteral("http://list-host.example/things"));
        QCOMPARE(q.at(8).directive(QStringLiteral("timeout")), QStringLiteral("5"));
        QVERIFY(hasIssue(r, QStringLiteral("command 9: --proxy: VerbScope's proxy is the app's setting"))
            || hasIssue(r, QStringLiteral("command 9: -x: VerbScope's proxy is the app's setting")));
        QVERIFY(hasIssue(r, QStringLiteral("cookies from a file")));
    }

    // Each a regression: an option's argument, a redirection or a here-document became a request.
    void curlNeverTakesAnArgumentForAURL_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("issue");
        QTest::newRow("--url-query") << QStringLiteral("curl --url-query a=b --url-query '+c=d e' http://h/x")
                                     << QStringLiteral("http://h/x?a=b&c=d%20e") << QString();
        QTest::newRow("--url-query with -G") << QStringLiteral("curl -G -d q=1 --url-query 'n=a b' 'http://h/x?z'")
                                             << QStringLiteral("http://h/x?z&q=1&n=a%20b") << QString();
        QTest::newRow("--noproxy") << QStringLiteral("curl --noproxy x http://h/") << QStringLiteral("http://h/")
                                   << QStringLiteral("--noproxy: VerbScope's proxy is the app's setting");
        QTest::newRow("--variable") << QStringLiteral("curl --variable x=y http://h/") << QStringLiteral("http://h/")
                                    << QStringLiteral("--variable: controls curl itself");
        QTest::newRow("--etag-compare") << QStringLiteral("curl --etag-compare file http://h/")
                                        << QStringLiteral("http://h/")
                                        << QStringLiteral("--etag-compare: a curl behaviour with no .http directive");
        QTest::newRow("-x in a cluster") << QStringLiteral("curl -sx proxy:3128 http://h/")
                                         << QStringLiteral("http://h/")
                                         << QStringLiteral("-x: VerbScope's proxy is the app's setting");
        QTest::newRow("< file") << QStringLiteral("curl http://h/ < file") << QStringLiteral("http://h/")
                                << QStringLiteral("< file: standard input that curl does not read here");
        QTest::newRow("here-document") << QStringLiteral("curl http://h/ <<EOF\nhttp://not-a-url/\nEOF\n")
                                       << QStringLiteral("http://h/") << QStringLiteral("<<EOF: standard input");
        QTest::newRow("output redirections")
            << QStringLiteral("curl http://h/ >out.json 2>&1") << QStringLiteral("http://h/")
            << QStringLiteral("> out.json 2>&1: only change curl's own output");
        QTest::newRow("curl 8 option") << QStringLiteral("curl --ip-tos CS5 http://h/") << QStringLiteral("http://h/")
                                       << QStringLiteral("--ip-tos: how curl connects");
        QTest::newRow("--") << QStringLiteral("curl -- http://h/") << QStringLiteral("http://h/") << QString();
    }
    void curlNeverTakesAnArgumentForAURL()
    {
        QFETCH(QString, text);
        QFETCH(QString, target);
        QFETCH(QString, issue);
        const ImportResult r = CurlImporter::import(text, QStringLiteral("x"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        const QList<HttpRequest> &q = r.files.first().file.requests;
        QCOMPARE(q.size(), 1);
        QCOMPARE(q.first().target, target);
        QVERIFY(!q.first().hasBody);
        if (!issue.isEmpty())
            QVERIFY2(hasIssue(r, issue), qPrintable(issues(r)));
    }

    // Every option curl has takes its argument (or none) and leaves exactly the one URL.
    void curlEveryOptionKeepsItsArgument_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<bool>("takesArgument");
        for (const CurlImporter::Option &o : CurlImporter::options()) {
            if (o.longName == QLatin1String("url") || o.longName == QLatin1String("next"))
                continue; // these make or split requests on purpose
            QTest::addRow("--%s", qPrintable(o.longName)) << QStringLiteral("--") + o.longName << o.takesArgument;
            if (!o.shortName.isNull())
                QTest::addRow("-%s", qPrintable(QString(o.shortName)))
                    << QStringLiteral("-") + o.shortName << o.takesArgument;
        }
    }
    void curlEveryOptionKeepsItsArgument()
    {
        QFETCH(QString, option);
        QFETCH(bool, takesArgument);
        const QString text
            = QStringLiteral("curl %1 %2 http://h/")
                  .arg(option, takesArgument ? QStringLiteral("http://argument.example/") : QStringLiteral("--silent"));
        const ImportResult r = CurlImporter::import(text, QStringLiteral("x"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error + issues(r)));
        const QList<HttpRequest> &q = r.files.first().file.requests;
        QCOMPARE(q.size(), 1);
        QVERIFY2(q.first().target.startsWith(QLatin1String("http://h/")), qPrintable(q.first().target));
    }

    // The table holds every option of the installed curl's --help all, with the same arity.
    void curlOptionTableCoversCurlHelp()
    {
        QProcess curl;
        curl.start(QStringLiteral("curl"), { QStringLiteral("--help"), QStringLiteral("all") });
        QVERIFY2(curl.waitForFinished(10000), "curl is needed for this test (Debian package curl)");
        QHash<QString, CurlImporter::Option> table;
        for (const CurlImporter::Option &o : CurlImporter::options())
            table.insert(o.longName, o);
        // " -x, --proxy [protocol://]host[:port] Use this proxy", "     --anyauth   Pick any…"
        static const QRegularExpression line(QStringLiteral("^ (?:-(.), )?\\s*--(\\S+)( [<\\[])?"));
        int checked = 0;
        for (const QString &l : QString::fromUtf8(curl.readAllStandardOutput()).split(QLatin1Char('\n'))) {
            const QRegularExpressionMatch m = line.match(l);
            if (!m.hasMatch())
                continue;
            ++checked;
            const QString name = m.captured(2);
            QVERIFY2(table.contains(name), qPrintable(QStringLiteral("--%1 is missing").arg(name)));
            const bool takesArgument = m.capturedLength(3) > 0 && name != QLatin1String("help");
            QVERIFY2(table.value(name).takesArgument == takesArgument, qPrintable(QStringLiteral("--%1").arg(name)));
            QCOMPARE(table.value(name).shortName, m.captured(1).isEmpty() ? QChar() : m.captured(1).at(0));
        }
        QVERIFY(checked > 200);
    }

    void curlNextStartsANewRequest()
    {
        const ImportResult r = CurlImporter::import(
            QStringLiteral("curl -H 'A: 1' http://h/a http://h/b --next -X PUT -d x=1 http://h/c -: -I http://h/d"),
            QStringLiteral("x"));
        const QList<HttpRequest> &q = r.files.first().file.requests;
        QCOMPARE(q.size(), 4);
        QCOMPARE(q.at(0).method, QStringLiteral("GET"));
        QCOMPARE(header(q.at(1), QStringLiteral("A")), QStringLiteral("1"));
        QCOMPARE(q.at(2).method, QStringLiteral("PUT"));
        QCOMPARE(q.at(2).target, QStringLiteral("http://h/c"));
        QVERIFY(header(q.at(2), QStringLiteral("A")).isEmpty()); // options before --next stay there
        QCOMPARE(q.at(2).body, QStringLiteral("x=1"));
        QCOMPARE(q.at(3).method, QStringLiteral("HEAD"));
        QVERIFY(!q.at(3).hasBody);
    }

    // tests/data/curl/real-world.sh: curl lines in the shapes public documentation writes them,
    // each with the requests it must give. No request is invented (each target comes from a URL
    // of the command line), each option dropped is reported by name, and the counts add up.
    void curlRealWorld_data()
    {
        QTest::addColumn<int>("index");
        const QList<RealWorldCase> cases = realWorldCases();
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases.at(i).name)) << i;
    }
    void curlRealWorld()
    {
        QFETCH(int, index);
        const RealWorldCase c = realWorldCases().at(index);
        QVERIFY2(!c.expected.isEmpty(), "a case needs #> lines");
        const ImportResult r = CurlImporter::import(c.text, QStringLiteral("x"));
        const QList<HttpRequest> q = r.files.isEmpty() ? QList<HttpRequest>() : r.files.first().file.requests;
        QStringList got;
        for (const HttpRequest &h : q)
            got << h.method + QLatin1Char(' ') + h.target;
        if (got.isEmpty())
            got << QStringLiteral("none");
        QCOMPARE(got, c.expected);
        // Nothing invented: every target's scheme, host and path were written in the command.
        for (const HttpRequest &h : q) {
            QString base = h.target.section(QLatin1Char('?'), 0, 0).replace(QStringLiteral("%20"), QStringLiteral(" "));
            if (!c.text.contains(base) && base.startsWith(QLatin1String("http://")))
                base = base.mid(7);
            QVERIFY2(c.text.contains(base), qPrintable(h.target));
        }
        const QString all = issues(r);
        for (const QString &i : c.issues)
            QVERIFY2(hasIssue(r, i), qPrintable(i + QStringLiteral("\n") + all));
        if (q.isEmpty())
            return;
        const HttpRequest &first = q.first();
        for (const QString &h : c.headers) {
            const QString name = h.section(QLatin1Char(':'), 0, 0);
            bool present = false;
            for (const HeaderLine &l : first.headers)
                present = present || l.name.compare(name, Qt::CaseInsensitive) == 0;
            QVERIFY2(present, qPrintable(h));
            QCOMPARE(header(first, name), h.section(QLatin1Char(':'), 1).trimmed());
        }
        for (const QString &name : c.absentHeaders)
            for (const HeaderLine &l : first.headers)
                QVERIFY2(l.name.compare(name, Qt::CaseInsensitive) != 0, qPrintable(name));
        for (const QString &b : c.bodies)
            QCOMPARE(first.body, QString(b).replace(QStringLiteral("\\n"), QStringLiteral("\n")));
        QStringList variables;
        for (const FileVariable &v : first.variables)
            variables << v.name + QLatin1Char('=') + v.value;
        for (const QString &v : c.variables)
            QVERIFY2(variables.contains(v), qPrintable(variables.join(u' ')));
        // Every option that is not carried over is reported by the name it was written with.
        QHash<QString, QString> reasons;
        for (const CurlImporter::Option &o : CurlImporter::options()) {
            if (o.reason.isEmpty())
                continue;
            reasons.insert(QStringLiteral("--") + o.longName, o.reason);
            if (!o.shortName.isNull())
                reasons.insert(QStringLiteral("-") + o.shortName, o.reason);
        }
        QStringList reported;
        for (const ImportIssue &i : r.issues)
            reported << i.what.split(QLatin1Char(' '));
        QString error;
        for (const QStringList &words : CurlImporter::splitCommands(c.text, &error)) {
            if (!words.first().endsWith(QLatin1String("curl")) && !words.first().endsWith(QLatin1String("curl.exe")))
                continue;
            for (const QString &w : words) {
                if (w == QLatin1String("--"))
                    break;
                const QString name = w.section(QLatin1Char('='), 0, 0);
                if (reasons.contains(name))
                    QVERIFY2(reported.contains(name), qPrintable(name + QStringLiteral(" not reported\n") + all));
            }
        }
    }
    void curlRealWorldCounts()
    {
        const QList<RealWorldCase> cases = realWorldCases();
        int expected = 0, made = 0, reported = 0;
        for (const RealWorldCase &c : cases) {
            if (c.expected != QStringList { QStringLiteral("none") })
                expected += int(c.expected.size());
            const ImportResult r = CurlImporter::import(c.text, QStringLiteral("x"));
            made += r.requestCount();
            reported += int(r.issues.size());
        }
        qInfo("%d cases, %d requests, %d report lines", int(cases.size()), made, reported);
        QVERIFY(cases.size() >= 100);
        QCOMPARE(made, expected);
        QVERIFY(CurlImporter::optionTableProblem().isEmpty());
    }

    // curl refuses a command with an unknown option: no request, and the error says where it is.
    void curlUnknownOptionRefusesTheCommand_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("issue");
        QTest::newRow("long") << QStringLiteral("curl -H 'A: b' \\\n  --no-such-option http://h/")
                              << QStringLiteral(
                                     "command 1: --no-such-option at line 2, column 3 (offset 19): not a curl option; "
                                     "curl refuses the whole command");
        QTest::newRow("in a cluster") << QStringLiteral(
            "curl -sZ% http://h/") << QStringLiteral("command 1: -% at line 1, column 9 (offset 8): not a curl option");
    }
    void curlUnknownOptionRefusesTheCommand()
    {
        QFETCH(QString, text);
        QFETCH(QString, issue);
        const ImportResult r = CurlImporter::import(text + QStringLiteral("\ncurl http://h/ok"), QStringLiteral("x"));
        QCOMPARE(r.files.first().file.requests.size(), 1); // only the second command
        QCOMPARE(r.files.first().file.requests.first().target, QStringLiteral("http://h/ok"));
        QVERIFY2(hasIssue(r, issue), qPrintable(issues(r)));
        QCOMPARE(r.issues.size(), 1); // nothing else reported about a command that was not made
    }

    // --opt=value is not curl's syntax (curl says the option is unknown); documentation writes it,
    // so it is read as --opt value and reported.
    void curlOptionWithEquals()
    {
        const ImportResult r
            = CurlImporter::import(QStringLiteral("curl --request=PUT http://h/"), QStringLiteral("x"));
        QCOMPARE(r.files.first().file.requests.first().method, QStringLiteral("PUT"));
        QVERIFY2(
            hasIssue(r, QStringLiteral("--request=PUT: curl itself refuses --option=value")), qPrintable(issues(r)));
    }

    // curl refuses a command with an unknown option: its requests are counted as left out, so
    // `import` exits 2; a {{variable}} password stays where it is.
    void curlLeftOutAndVariablePassword()
    {
        const ImportResult r = CurlImporter::import(
            QStringLiteral("curl --no-such-option http://h/a http://h/b\ncurl --digest -u bob:{{pw}} http://h/c"),
            QStringLiteral("x"));
        QCOMPARE(r.leftOut, 2);
        QCOMPARE(r.requestCount(), 1);
        QVERIFY(r.privateEnvironments.isEmpty());
        QVERIFY2(hasIssue(r, QStringLiteral("command 1: --no-such-option at")), qPrintable(issues(r)));
    }

    void curlUserWithAnotherSchemeIsNotBasic_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::newRow("digest") << QStringLiteral("--digest");
        QTest::newRow("ntlm") << QStringLiteral("--ntlm");
        QTest::newRow("ntlm-wb") << QStringLiteral("--ntlm-wb");
        QTest::newRow("negotiate") << QStringLiteral("--negotiate");
        QTest::newRow("anyauth") << QStringLiteral("--anyauth");
        QTest::newRow("aws-sigv4") << QStringLiteral("--aws-sigv4 aws:amz:eu-west-1:s3");
    }
    void curlUserWithAnotherSchemeIsNotBasic()
    {
        QFETCH(QString, scheme);
        for (const QString &text :
            { QStringLiteral("curl -u bob:pw %1 http://h/"), QStringLiteral("curl %1 -u bob:pw http://h/") }) {
            const ImportResult r = CurlImporter::import(text.arg(scheme), QStringLiteral("x"));
            const QList<HttpRequest> &q = r.files.first().file.requests;
            QCOMPARE(q.size(), 1);
            QCOMPARE(q.first().target, QStringLiteral("http://h/"));
            QVERIFY(header(q.first(), QStringLiteral("Authorization")).isEmpty());
            QVERIFY2(
                hasIssue(r, QStringLiteral("-u with ") + scheme.section(QLatin1Char(' '), 0, 0) + QStringLiteral(": ")),
                qPrintable(issues(r)));
            QVERIFY(hasIssue(r, QStringLiteral("the password is not sent")));
            // The scheme and the credentials are kept where the Postman importer keeps them.
            const QString name = scheme.section(QLatin1Char(' '), 0, 0).mid(2);
            const QString kept = name == QLatin1String("aws-sigv4") ? QStringLiteral("awsv4")
                : name == QLatin1String("ntlm-wb")                  ? QStringLiteral("ntlm")
                                                                    : name;
            QStringList variables;
            for (const FileVariable &v : q.first().variables)
                variables << v.name + QLatin1Char('=') + v.value;
            QVERIFY2(
                variables.contains(QStringLiteral("auth_%1_username=bob").arg(kept)), qPrintable(variables.join(u' ')));
            // The password itself is in the private environment file, never in the .http file.
            const QString secret = QStringLiteral("command1_%1_password").arg(kept);
            QVERIFY2(variables.contains(QStringLiteral("auth_%1_password={{%2}}").arg(kept, secret)),
                qPrintable(variables.join(u' ')));
            QCOMPARE(r.privateEnvironments.value(QStringLiteral("$shared")).value(secret), QStringLiteral("pw"));
            QVERIFY2(
                hasIssue(r, QStringLiteral("-u password: moved to http-client.private.env.json as $shared.") + secret),
                qPrintable(issues(r)));
            QVERIFY(variables.contains(QStringLiteral("auth_%1_scheme=%2").arg(kept, name)));
        }
        // --basic after the other scheme wins, as in curl.
        const ImportResult basic = CurlImporter::import(
            QStringLiteral("curl -u bob:pw %1 --basic http://h/").arg(scheme), QStringLiteral("x"));
        QCOMPARE(header(basic.files.first().file.requests.first(), QStringLiteral("Authorization")),
            QStringLiteral("Basic Ym9iOnB3"));
    }

    // `@-` is curl's standard input: a here-document is the body, `< file` the body's file.
    void curlStandardInputBody_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("body");
        QTest::newRow("--data-binary here-document")
            << QStringLiteral("curl --data-binary @- http://h/ <<'EOF'\n{\"a\": 1,\n \"b\": 2}\nEOF\n")
            << QStringLiteral("POST") << QStringLiteral("{\"a\": 1,\n \"b\": 2}\n");
        QTest::newRow("-d strips line breaks") << QStringLiteral("curl -d @- http://h/ <<EOF\na=1\n&b=2\nEOF")
                                               << QStringLiteral("POST") << QStringLiteral("a=1&b=2");
        QTest::newRow("--json here-string")
            << QStringLiteral("curl --json @- http://h/ <<< '{}'") << QStringLiteral("POST") << QStringLiteral("{}\n");
        QTest::newRow("< file") << QStringLiteral("curl --data-binary @- http://h/ < body.json")
                                << QStringLiteral("POST") << QStringLiteral("< ./body.json");
        QTest::newRow("-T -") << QStringLiteral("curl -T - http://h/ < /tmp/up.bin") << QStringLiteral("PUT")
                              << QStringLiteral("< /tmp/up.bin");
    }
    void curlStandardInputBody()
    {
        QFETCH(QString, text);
        QFETCH(QString, method);
        QFETCH(QString, body);
        const ImportResult r = CurlImporter::import(text, QStringLiteral("x"));
        const QList<HttpRequest> &q = r.files.first().file.requests;
        QCOMPARE(q.size(), 1);
        QCOMPARE(q.first().method, method);
        QCOMPARE(q.first().body, body);
        QVERIFY2(!hasIssue(r, QStringLiteral("standard input")), qPrintable(issues(r)));
    }

    void curlFromWindowsCmd()
    {
        const ImportResult r = CurlImporter::import(
            QStringLiteral("curl ^\"http://h/a?x=1^&y=2^\" ^\r\n  -H ^\"Accept: */*^\" ^\r\n  --compressed\r\n"),
            QStringLiteral("x"));
        const QList<HttpRequest> &q = r.files.first().file.requests;
        QCOMPARE(q.size(), 1);
        QCOMPARE(q.first().target, QStringLiteral("http://h/a?x=1&y=2"));
        QCOMPARE(header(q.first(), QStringLiteral("Accept")), QStringLiteral("*/*"));
    }

    void importWritesACollectionThatParsesBack_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("postman 2.1") << QStringLiteral("postman-v21.json");
        QTest::newRow("postman 2.0") << QStringLiteral("postman-v20.json");
        QTest::newRow("insomnia") << QStringLiteral("insomnia-v4.json");
        QTest::newRow("har") << QStringLiteral("session.har");
        QTest::newRow("curl") << QStringLiteral("commands.sh");
    }

    void importWritesACollectionThatParsesBack()
    {
        QFETCH(QString, name);
        ImportResult r = Importer::import(fixture(name), name);
        QTemporaryDir dir;
        QStringList errors;
        const QStringList written = Importer::writeTo(r, dir.path(), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(!written.isEmpty());
        const Collection c = Collection::load(dir.path());
        QVERIFY(c.errors().isEmpty());
        QList<HttpRequest> back;
        for (const CollectionFile &f : c.files()) {
            for (const ParseIssue &i : f.parsed.issues)
                QVERIFY2(i.warning, qPrintable(i.toString()));
            back += f.parsed.file.requests;
        }
        // The HAR body ends with a line break the .http syntax cannot hold: reported at write time.
        QList<HttpRequest> imported = allRequests(r);
        for (HttpRequest &q : imported)
            while (q.body.endsWith(QLatin1Char('\n')))
                q.body.chop(1);
        QCOMPARE(signature(back), signature(imported));
        // Writing again into the same folder never overwrites: a second file, reported.
        ImportResult again = Importer::import(fixture(name), name);
        Importer::writeTo(again, dir.path(), &errors);
        QVERIFY(hasIssue(again, QStringLiteral("file exists")));
    }

    // Issue 18: a 100 MB HAR took 0.8-1.3 GB to import. Inputs above the limit are refused before
    // any parsing, with the file, its size and the limit; a larger limit lets them through.
    void oversizedInputIsRefused()
    {
        const QByteArray har = fixture(QStringLiteral("session.har"));
        ImportResult r = Importer::import(har, QStringLiteral("session.har"), Importer::Format::Auto, har.size() - 1);
        QCOMPARE(r.error,
            QStringLiteral("session.har: %1 MiB, above the limit of %2 MiB for a JSON import")
                .arg(double(har.size()) / 1048576, 0, 'f', 1)
                .arg(double(har.size() - 1) / 1048576, 0, 'g', 6));
        QVERIFY(r.files.isEmpty());
        r = Importer::import(har, QStringLiteral("session.har"), Importer::Format::Auto, har.size());
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        // The defaults: 16 MiB of text, 64 MiB of JSON.
        const QByteArray text = "GET http://a/\n" + QByteArray(Importer::DefaultMaxTextBytes, '#');
        QVERIFY(
            Importer::import(text, QStringLiteral("big.http"))
                .error.startsWith(QLatin1String("big.http: 16.0 MiB, above the limit of 16 MiB for a text import")));
        QVERIFY(Importer::import(text, QStringLiteral("big.http"), Importer::Format::Auto, 2 * text.size())
                    .error.isEmpty());
    }

    // Importing into a folder whose environment file is damaged leaves that file alone.
    void importLeavesAMalformedEnvironmentFileAlone()
    {
        ImportResult r = Importer::import(fixture(QStringLiteral("insomnia-v4.json")), QStringLiteral("ins.json"));
        QVERIFY(!r.environments.isEmpty());
        QTemporaryDir dir;
        const QString env = dir.filePath(QStringLiteral("http-client.env.json"));
        const QByteArray damaged = "{\"dev\": {\"base\": ";
        {
            QFile f(env);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(damaged);
        }
        QStringList errors;
        const QStringList written = Importer::writeTo(r, dir.path(), &errors);
        QVERIFY(!written.isEmpty()); // the requests were still imported
        QVERIFY2(errors.join(QLatin1Char('\n')).contains(QLatin1String("not changed")),
            qPrintable(errors.join(QLatin1Char('\n'))));
        QFile f(env);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), damaged);
    }

    // A link planted in the target folder, dangling or pointing outside, at a file's name or at a
    // folder on its way, must not carry the requests or the secrets elsewhere; the error names it.
    void importNeverWritesThroughASymbolicLink_data()
    {
        QTest::addColumn<QString>("linkName");
        QTest::addColumn<bool>("dangling");
        QTest::addColumn<bool>("linkIsFolder");
        QTest::newRow("dangling .http") << QStringLiteral("api.http") << true << false;
        QTest::newRow(".http to a file outside") << QStringLiteral("api.http") << false << false;
        QTest::newRow("dangling private env") << QStringLiteral("http-client.private.env.json") << true << false;
        QTest::newRow("private env to a file outside")
            << QStringLiteral("http-client.private.env.json") << false << false;
        QTest::newRow("dangling public env") << QStringLiteral("http-client.env.json") << true << false;
        QTest::newRow("folder to a folder outside") << QStringLiteral("admin") << false << true;
        QTest::newRow("dangling folder") << QStringLiteral("admin") << true << true;
    }
    void importNeverWritesThroughASymbolicLink()
    {
        QFETCH(QString, linkName);
        QFETCH(bool, dangling);
        QFETCH(bool, linkIsFolder);
        QTemporaryDir outside;
        QTemporaryDir dir;
        const QString target = outside.filePath(QStringLiteral("target"));
        const QByteArray before = "{}";
        if (!dangling) {
            if (linkIsFolder) {
                QVERIFY(QDir().mkpath(target));
            } else {
                QFile t(target);
                QVERIFY(t.open(QIODevice::WriteOnly));
                t.write(before);
            }
        }
        QVERIFY(QFile::link(target, dir.filePath(linkName)));

        ImportResult r = Importer::import("curl -H 'X-Api-Key: k' http://127.0.0.1:9/a\n", QStringLiteral("api.sh"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        r.files.append({ QStringLiteral("admin/users.http"), r.files.constFirst().file });
        r.environments[QStringLiteral("dev")].insert(QStringLiteral("base"), QStringLiteral("http://127.0.0.1:9"));
        r.privateEnvironments[QStringLiteral("dev")].insert(QStringLiteral("token"), QStringLiteral("s3cret"));
        QCOMPARE(r.files.constFirst().relativePath, QStringLiteral("api.http"));
        QStringList errors;
        const QStringList written = Importer::writeTo(r, dir.path(), &errors);

        const QString expected = QStringLiteral("%1 in %2 is a symbolic link: not written").arg(linkName, dir.path());
        QVERIFY2(errors.contains(expected), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(errors.size(), 1); // the other files are written
        QCOMPARE(written.size(), 3);
        // Nothing arrived on the other side of the link.
        if (dangling) {
            QVERIFY(!QFileInfo::exists(target));
        } else if (linkIsFolder) {
            QVERIFY(QDir(target).isEmpty());
        } else {
            QFile t(target);
            QVERIFY(t.open(QIODevice::ReadOnly));
            QCOMPARE(t.readAll(), before);
        }
        QVERIFY(QFileInfo(dir.filePath(linkName)).isSymLink());
        const QString privateEnv = dir.filePath(QStringLiteral("http-client.private.env.json"));
        if (!QFileInfo(privateEnv).isSymLink())
            QCOMPARE(QFile::permissions(privateEnv) & 0x0777, QFileDevice::ReadUser | QFileDevice::WriteUser);
    }

    // Line breaks in any field of a Postman item never become a request, a header or a method
    // in the written file: the request is commented out (or the value kept harmlessly), the
    // report names the item and the field, and it never says "Everything was carried over".
    void postmanLineBreaksCannotSmuggle_data()
    {
        using Edit = PostmanEdit;
        QTest::addColumn<Edit>("edit");
        QTest::addColumn<int>("requests"); // read back from the written file
        QTest::addColumn<QString>("issue");
        const auto header = [](const QString &key, const QString &value) {
            return QJsonArray { QJsonObject { { QStringLiteral("key"), QStringLiteral("Content-Type") },
                                    { QStringLiteral("value"), QStringLiteral("application/json") } },
                QJsonObject { { QStringLiteral("key"), key }, { QStringLiteral("value"), value } } };
        };
        QTest::newRow("item name") << Edit([](QJsonObject &item, QJsonObject &) {
            item.insert(QStringLiteral("name"), QString(QStringLiteral("Create\n###\n") + Smuggled));
        }) << 1 << QStringLiteral("the title has a line break (LF at character 7)");
        QTest::newRow("method") << Edit([](QJsonObject &item, QJsonObject &) {
            setIn(item, QStringLiteral("method"),
                QStringLiteral("GET http://127.0.0.1:1/ HTTP/1.1\r\nX-Evil: 1\r\n\r\nPOST"));
        }) << 0 << QStringLiteral("Users/Create: method \"GET http");
        QTest::newRow("header name") << Edit([header](QJsonObject &item, QJsonObject &) {
            setIn(item, QStringLiteral("header"),
                header(QString(QStringLiteral("X\n\n") + Smuggled), QStringLiteral("1")));
        }) << 0
                                     << QStringLiteral(
                                            "Users/Create: header 2 \"X\\n\\nPOST http://127.0.0.1:1/smuggled\" has a "
                                            "line break (LF at character 2) in its name");
        QTest::newRow("header value") << Edit([header](QJsonObject &item, QJsonObject &) {
            setIn(item, QStringLiteral("header"), header(QStringLiteral("X"), QStringLiteral("a\r\nY: b")));
        }) << 0 << QStringLiteral("Users/Create: header 2 \"X\" has a line break (CR at character 2) in its value");
        QTest::newRow("url raw") << Edit([](QJsonObject &item, QJsonObject &) {
            setIn(item, QStringLiteral("url"),
                QJsonObject { { QStringLiteral("raw"),
                    QString(QStringLiteral("http://127.0.0.1:1/users\n\n###\n") + Smuggled) } });
        }) << 0 << QStringLiteral("Users/Create: the target has a line break (LF at character 25)");
        QTest::newRow("body raw") << Edit([](QJsonObject &item, QJsonObject &) {
            setIn(item, QStringLiteral("body"),
                QJsonObject { { QStringLiteral("mode"), QStringLiteral("raw") },
                    { QStringLiteral("raw"),
                        QString(QStringLiteral("{}\n###\n") + Smuggled + QStringLiteral("\n\n{}")) } });
        }) << 0 << QStringLiteral("Users/Create: body line 2 \"###\" would start a new request");
        QTest::newRow("variable value") << Edit([](QJsonObject &, QJsonObject &collection) {
            collection.insert(QStringLiteral("variable"),
                QJsonArray { QJsonObject { { QStringLiteral("key"), QStringLiteral("base") },
                    { QStringLiteral("value"), QString(QStringLiteral("http://127.0.0.1:1/\n###\n") + Smuggled) } } });
        }) << 1 << QStringLiteral("variable @base has a line break (LF at character 20) in its value");
        QTest::newRow("description directive") << Edit([](QJsonObject &item, QJsonObject &) {
            setIn(item, QStringLiteral("description"), QStringLiteral("Creates a user.\r\n@insecure"));
        }) << 1 << QStringLiteral("\"@insecure\" would be read as a directive");
    }

    void postmanLineBreaksCannotSmuggle()
    {
        using Edit = PostmanEdit;
        QFETCH(Edit, edit);
        QFETCH(int, requests);
        QFETCH(QString, issue);
        const OnDisk d = importToDisk(postmanWith(edit), QStringLiteral("c.json"));
        QVERIFY2(d.errors.isEmpty(), qPrintable(d.errors.join(QLatin1Char('\n'))));
        QVERIFY2(!d.parseErrors, qPrintable(d.text));
        QCOMPARE(d.requests.size(), requests);
        QVERIFY2(!smuggled(d), qPrintable(d.text));
        for (const HttpRequest &r : d.requests) {
            QCOMPARE(r.method, QStringLiteral("POST"));
            QCOMPARE(r.headers.size(), 2);
            QVERIFY(r.directives.isEmpty());
        }
        QVERIFY2(hasIssue(d.result, issue), qPrintable(issues(d.result)));
        QCOMPARE(d.result.commentedOut > 0, requests == 0 || qstrcmp(QTest::currentDataTag(), "variable value") == 0);
    }

    // A HAR header value with CRLF and a request line after it: the entry is commented out,
    // the clean entry next to it is written, and the report names the entry and the header.
    void harHeaderValueCannotSmuggle()
    {
        const QJsonObject smuggling { { QStringLiteral("method"), QStringLiteral("GET") },
            { QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/a") },
            { QStringLiteral("headers"),
                QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("X") },
                    { QStringLiteral("value"), QString(QStringLiteral("a\r\n\r\n") + Smuggled) } } } } };
        const QJsonObject clean { { QStringLiteral("method"), QStringLiteral("GET") },
            { QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/b") } };
        const QJsonObject har { { QStringLiteral("log"),
            QJsonObject { { QStringLiteral("entries"),
                QJsonArray { QJsonObject { { QStringLiteral("request"), smuggling } },
                    QJsonObject { { QStringLiteral("request"), clean } } } } } } };
        const OnDisk d = importToDisk(QJsonDocument(har).toJson(), QStringLiteral("s.har"));
        QVERIFY(d.errors.isEmpty());
        QVERIFY2(!d.parseErrors, qPrintable(d.text));
        QCOMPARE(d.requests.size(), 1);
        QCOMPARE(d.requests.constFirst().target, QStringLiteral("http://127.0.0.1:1/b"));
        QVERIFY2(!smuggled(d), qPrintable(d.text));
        QVERIFY2(hasIssue(d.result,
                     QStringLiteral("entry 1: header 1 \"X\" has a line break (CR at character 2) in its value")),
            qPrintable(issues(d.result)));
        QVERIFY(
            hasIssue(d.result, QStringLiteral("written as a comment so nothing is sent that the source did not say")));
        QCOMPARE(d.result.commentedOut, 1);
    }

    // A pasted curl -H $'X: a\r\nY: b' is one header with a line break, not two headers.
    void curlHeaderWithCrlfCannotSmuggle()
    {
        const OnDisk d = importToDisk(QByteArrayLiteral("curl -H $'X: a\\r\\nY: b' http://127.0.0.1:1/\n"
                                                        "curl http://127.0.0.1:1/ok\n"),
            QStringLiteral("c.sh"));
        QVERIFY(d.errors.isEmpty());
        QVERIFY2(!d.parseErrors, qPrintable(d.text));
        QCOMPARE(d.requests.size(), 1);
        QCOMPARE(d.requests.constFirst().target, QStringLiteral("http://127.0.0.1:1/ok"));
        QVERIFY2(!smuggled(d), qPrintable(d.text));
        QVERIFY2(hasIssue(d.result,
                     QStringLiteral("command 1: header 1 \"X\" has a line break (CR at character 2) in its value")),
            qPrintable(issues(d.result)));
        // What the source said is in the file, where the user can see it.
        QVERIFY2(d.text.contains(QStringLiteral("#| X: a\n#| Y: b\n")), qPrintable(d.text));
    }

    // An Insomnia request name with a separator and a request line: one request, its title shown
    // on one line; no DELETE.
    void insomniaNameCannotSmuggle()
    {
        const QJsonObject request { { QStringLiteral("_id"), QStringLiteral("req_1") },
            { QStringLiteral("_type"), QStringLiteral("request") },
            { QStringLiteral("parentId"), QStringLiteral("wrk_1") },
            { QStringLiteral("name"), QStringLiteral("x\n###\nDELETE http://127.0.0.1:1/all") },
            { QStringLiteral("method"), QStringLiteral("GET") },
            { QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/x") } };
        const QJsonObject workspace { { QStringLiteral("_id"), QStringLiteral("wrk_1") },
            { QStringLiteral("_type"), QStringLiteral("workspace") }, { QStringLiteral("name"), QStringLiteral("W") } };
        const QJsonObject doc { { QStringLiteral("_type"), QStringLiteral("export") },
            { QStringLiteral("__export_format"), 4 },
            { QStringLiteral("resources"), QJsonArray { workspace, request } } };
        const OnDisk d = importToDisk(QJsonDocument(doc).toJson(), QStringLiteral("i.json"));
        QVERIFY(d.errors.isEmpty());
        QVERIFY2(!d.parseErrors, qPrintable(d.text));
        QCOMPARE(d.requests.size(), 1);
        QCOMPARE(d.requests.constFirst().method, QStringLiteral("GET"));
        QCOMPARE(d.requests.constFirst().title, QStringLiteral("x\\n###\\nDELETE http://127.0.0.1:1/all"));
        QVERIFY2(!smuggled(d), qPrintable(d.text));
        QVERIFY2(hasIssue(d.result, QStringLiteral("the title has a line break (LF at character 2)")),
            qPrintable(issues(d.result)));
        QCOMPARE(d.result.commentedOut, 0);
    }

    // `import` of a request that can only be a comment: the report says so and the exit is 2
    // (the input holds what cannot be a request, as for `send` with a bad header).
    void importCommandFailsWhenARequestIsCommentedOut()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("c.sh"));
        QFile f(input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("curl -H $'X: a\\r\\nY: b' http://127.0.0.1:1/\n");
        f.close();
        const verbscope::test::CliResult r = verbscope::test::runCli(
            { QStringLiteral("import"), input, QStringLiteral("--into"), dir.filePath(QStringLiteral("out")) });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.out.contains("Everything was carried over"));
        QVERIFY2(r.out.contains("command 1: header 1 \"X\" has a line break (CR at character 2) in its value"),
            r.out.constData());
        QVERIFY2(r.err.contains("1 request(s) or variable(s) could not be written as such"), r.err.constData());
    }

    // Folder names become paths: nothing that escapes the folder, breaks a line, or that Windows
    // refuses or merges with another name.
    void safeName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("Users") << QStringLiteral("Users");
        QTest::newRow("parent") << QStringLiteral("../x") << QStringLiteral("_x");
        QTest::newRow("only dots") << QStringLiteral("..") << QStringLiteral("requests");
        QTest::newRow("line break") << QStringLiteral("a\n###\nb") << QStringLiteral("a_###_b");
        QTest::newRow("DEL and C1") << QStringLiteral("a\x7f\u0085b") << QStringLiteral("a__b");
        QTest::newRow("line separator") << QStringLiteral("a\u2028b") << QStringLiteral("a_b");
        QTest::newRow("trailing dot") << QStringLiteral("Users.") << QStringLiteral("Users");
        QTest::newRow("trailing dot space") << QStringLiteral("Users. . ") << QStringLiteral("Users");
        QTest::newRow("device") << QStringLiteral("con") << QStringLiteral("_con");
        QTest::newRow("device with suffix") << QStringLiteral("NUL.txt") << QStringLiteral("_NUL.txt");
        QTest::newRow("not a device") << QStringLiteral("console") << QStringLiteral("console");
        QTest::newRow("long") << QString(300, QLatin1Char('a')) << QString(120, QLatin1Char('a'));
        QTest::newRow("long non-ASCII") << QString(100, QChar(0x65E5)) << QString(40, QChar(0x65E5));
    }

    void safeName()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(Importer::safeName(name), expected);
    }

    void everyVerbSurvivesImportExportImport_data() { importWritesACollectionThatParsesBack_data(); }

    void everyVerbSurvivesImportExportImport()
    {
        QFETCH(QString, name);
        ImportResult first = Importer::import(fixture(name), name);
        QTemporaryDir dir;
        QStringList errors;
        Importer::writeTo(first, dir.path(), &errors);
        QVERIFY(errors.isEmpty());
        ExportOptions options;
        options.includeSecrets = true;
        const ExportResult exported
            = Exporter::exportCollection(Collection::load(dir.path()), Exporter::Format::Postman, options);
        const ImportResult second = Importer::import(exported.data, QStringLiteral("exported.json"));
        QVERIFY(second.error.isEmpty());
        QList<HttpRequest> imported = allRequests(first);
        for (HttpRequest &q : imported)
            while (q.body.endsWith(QLatin1Char('\n')))
                q.body.chop(1);
        QStringList methodsBefore, methodsAfter;
        for (const HttpRequest &q : imported)
            methodsBefore << q.method;
        for (const HttpRequest &q : allRequests(second))
            methodsAfter << q.method;
        methodsBefore.sort();
        methodsAfter.sort();
        QCOMPARE(methodsAfter, methodsBefore); // LIST, PURGE, PROPFIND, propfind, purge, MKCOL, REPORT: exactly
        QCOMPARE(signature(allRequests(second)), signature(imported));
    }

    // A .http file with an error: the broken request is left out and counted, never written
    // without its bad line as if nothing happened.
    void httpFileWithAnErrorIsNotRepaired()
    {
        const QByteArray text
            = "### A\nGET http://127.0.0.1:1/a\n\n### B\nGET http://127.0.0.1:1/b\nBad Header Line\n\n"
              "### C\nGET http://127.0.0.1:1/c\n";
        const ImportResult r = Importer::import(text, QStringLiteral("x.http"));
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.leftOut, 1);
        QCOMPARE(r.requestCount(), 2);
        QVERIFY(!find(r, QStringLiteral("x.http"), QStringLiteral("B")));
        QVERIFY(find(r, QStringLiteral("x.http"), QStringLiteral("C")));
        QVERIFY2(hasIssue(r, QStringLiteral("x.http:4: B: has an error (above); not imported")), qPrintable(issues(r)));
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("x.http")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        const auto cli = verbscope::test::runCli(
            { QStringLiteral("import"), f.fileName(), QStringLiteral("--into"), dir.filePath(QStringLiteral("out")) });
        QCOMPARE(cli.exitCode, 2);
        QVERIFY2(cli.err.contains("1 request(s) of the source were not carried over"), cli.err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_Importers)
#include "tst_importers.moc"
