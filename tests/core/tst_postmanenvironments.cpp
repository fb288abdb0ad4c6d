// SPDX-License-Identifier: GPL-3.0-or-later
// Postman environment files both ways: PostmanExporter::environmentFiles (one file per
// environment, secrets as `type: secret`, REDACTED unless asked), PostmanImporter::importEnvironment
// (secrets to the private file), and the CLI: `export --to postman -o FILE` writes them next to
// FILE, `import` reads those next to the collection and those given after it.
#include "core/collections/Collection.h"
#include "core/collections/exporters/PostmanExporter.h"
#include "core/collections/importers/PostmanImporter.h"

#include <QDir>
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

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Two environments, a public $shared value (a collection variable in Postman) and private values
// of both an environment and $shared.
struct Fixture {
    QTemporaryDir dir;
    Fixture()
    {
        writeFile(dir.filePath(QStringLiteral("api.http")), "### Me\nGET {{base}}/me\nX-Key: {{apiKey}}\n");
        writeFile(dir.filePath(QStringLiteral("http-client.env.json")),
            R"({"$shared": {"agent": "vs"}, "dev": {"base": "http://127.0.0.1:1", "apiKey": "placeholder"}, )"
            R"("prod eu": {"base": "https://api.example.test"}})");
        writeFile(dir.filePath(QStringLiteral("http-client.private.env.json")),
            R"({"$shared": {"token": "T-SHARED"}, "dev": {"apiKey": "K-DEV"}})");
    }
};

// key → {type, value} of a Postman environment file.
QMap<QString, QPair<QString, QString>> values(const QByteArray &json)
{
    QMap<QString, QPair<QString, QString>> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).object().value(QStringLiteral("values")).toArray()) {
        const QJsonObject o = v.toObject();
        out.insert(o.value(QStringLiteral("key")).toString(),
            { o.value(QStringLiteral("type")).toString(), o.value(QStringLiteral("value")).toString() });
    }
    return out;
}

int cli(const QStringList &args, QByteArray *err = nullptr)
{
    QProcess p;
    p.start(qEnvironmentVariable("VERBSCOPE_CLI"), args);
    if (!p.waitForFinished(60000))
        return -1;
    if (err)
        *err = p.readAllStandardError();
    return p.exitCode();
}
} // namespace

class tst_PostmanEnvironments final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneFilePerEnvironmentWithSecretsRedacted()
    {
        Fixture f;
        QStringList warnings;
        const auto files = PostmanExporter::environmentFiles(Collection::load(f.dir.path()), {}, warnings);
        QCOMPARE(files.size(), 2);
        QCOMPARE(files.at(0).fileName, QStringLiteral("dev.postman_environment.json"));
        QCOMPARE(files.at(1).fileName, QStringLiteral("prod eu.postman_environment.json"));
        const QJsonObject dev = QJsonDocument::fromJson(files.at(0).data).object();
        QCOMPARE(dev.value(QStringLiteral("name")).toString(), QStringLiteral("dev"));
        QCOMPARE(dev.value(QStringLiteral("_postman_variable_scope")).toString(), QStringLiteral("environment"));
        const auto v = values(files.at(0).data);
        QCOMPARE(v.value(QStringLiteral("base")),
            qMakePair(QStringLiteral("default"), QStringLiteral("http://127.0.0.1:1")));
        // The private value wins over the public placeholder, as `run` resolves it; never in clear.
        QCOMPARE(v.value(QStringLiteral("apiKey")), qMakePair(QStringLiteral("secret"), QStringLiteral("REDACTED")));
        QCOMPARE(v.value(QStringLiteral("token")), qMakePair(QStringLiteral("secret"), QStringLiteral("REDACTED")));
        QVERIFY(!v.contains(QStringLiteral("agent"))); // a collection variable, not repeated here
        QVERIFY(!files.at(0).data.contains("K-DEV"));
        QVERIFY(!files.at(1).data.contains("T-SHARED"));
        QVERIFY(warnings.join(QLatin1Char('\n')).contains(QStringLiteral("REDACTED")));
        // The same collection exports the same bytes (a stable id, no timestamp).
        QStringList again;
        QCOMPARE(
            PostmanExporter::environmentFiles(Collection::load(f.dir.path()), {}, again).at(0).data, files.at(0).data);
    }

    void includeSecretsKeepsTheValues()
    {
        Fixture f;
        QStringList warnings;
        ExportOptions o;
        o.includeSecrets = true;
        const auto files = PostmanExporter::environmentFiles(Collection::load(f.dir.path()), o, warnings);
        QCOMPARE(values(files.at(0).data).value(QStringLiteral("apiKey")).second, QStringLiteral("K-DEV"));
        QCOMPARE(values(files.at(1).data).value(QStringLiteral("token")).second, QStringLiteral("T-SHARED"));
    }

    void importSplitsSecretsFromPublicValues()
    {
        ImportResult r;
        QString error;
        QVERIFY(PostmanImporter::importEnvironment(
            R"({"id": "x", "name": "Staging", "values": [ )"
            R"({"key": "host", "value": "https://staging.test", "type": "default", "enabled": true}, )"
            R"({"key": "port", "value": 8443, "enabled": true}, )"
            R"({"key": "password", "value": "s3cret", "type": "secret", "enabled": true}, )"
            R"({"key": "old", "value": "x", "enabled": false}], )"
            R"("_postman_variable_scope": "environment"})",
            QStringLiteral("staging.postman_environment.json"), r, &error));
        QCOMPARE(r.environments.value(QStringLiteral("Staging")),
            (VariableMap { { QStringLiteral("host"), QStringLiteral("https://staging.test") },
                { QStringLiteral("port"), QStringLiteral("8443") } }));
        QCOMPARE(r.privateEnvironments.value(QStringLiteral("Staging")),
            (VariableMap { { QStringLiteral("password"), QStringLiteral("s3cret") } }));
        QStringList lines;
        for (const ImportIssue &i : std::as_const(r.issues))
            lines << i.toString();
        const QString issues = lines.join(QLatin1Char('\n'));
        QVERIFY2(issues.contains(QStringLiteral("variable old: disabled")), qPrintable(issues));
        QVERIFY2(issues.contains(QStringLiteral("http-client.private.env.json")), qPrintable(issues));
    }

    void importRefusesWhatIsNotAnEnvironment()
    {
        ImportResult r;
        QString error;
        QVERIFY(!PostmanImporter::importEnvironment("{\n  \"values\": [1,\n}", QStringLiteral("bad.json"), r, &error));
        QVERIFY2(error.startsWith(QStringLiteral("bad.json: ")) && error.contains(QStringLiteral("line 3, column 2")),
            qPrintable(error));
        QVERIFY(
            !PostmanImporter::importEnvironment(R"({"name": "g", "values": [], "_postman_variable_scope": "globals"})",
                QStringLiteral("g.json"), r, &error));
        QVERIFY(error.contains(QStringLiteral("not a Postman environment")));
        QVERIFY(
            !PostmanImporter::importEnvironment(R"({"info": {}, "item": []})", QStringLiteral("c.json"), r, &error));
        QVERIFY(r.environments.isEmpty() && r.privateEnvironments.isEmpty());
    }

    // export --to postman -o FILE --include-secrets, then import FILE: the environments and the
    // secrets' places come back as they were.
    void cliRoundTripKeepsEnvironmentsAndSecrets()
    {
        Fixture f;
        QTemporaryDir out, back;
        const QString coll = out.filePath(QStringLiteral("api.postman_collection.json"));
        QByteArray err;
        QCOMPARE(cli({ QStringLiteral("export"), f.dir.path(), QStringLiteral("--to"), QStringLiteral("postman"),
                         QStringLiteral("--include-secrets"), QStringLiteral("-o"), coll },
                     &err),
            0);
        QVERIFY2(err.contains("dev.postman_environment.json"), err.constData());
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("prod eu.postman_environment.json"))));
        QCOMPARE(QFile::permissions(out.filePath(QStringLiteral("dev.postman_environment.json"))) & 0x0777,
            QFileDevice::ReadUser | QFileDevice::WriteUser);
        QCOMPARE(cli({ QStringLiteral("import"), coll, QStringLiteral("--into"), back.path() }, &err), 0);
        const EnvironmentMap pub
            = Environments::parse(readFile(back.filePath(QStringLiteral("http-client.env.json"))), nullptr);
        const EnvironmentMap priv
            = Environments::parse(readFile(back.filePath(QStringLiteral("http-client.private.env.json"))), nullptr);
        QCOMPARE(pub.value(QStringLiteral("dev")).value(QStringLiteral("base")), QStringLiteral("http://127.0.0.1:1"));
        QCOMPARE(pub.value(QStringLiteral("prod eu")).value(QStringLiteral("base")),
            QStringLiteral("https://api.example.test"));
        QCOMPARE(priv.value(QStringLiteral("dev")).value(QStringLiteral("apiKey")), QStringLiteral("K-DEV"));
        QCOMPARE(priv.value(QStringLiteral("dev")).value(QStringLiteral("token")), QStringLiteral("T-SHARED"));
        QVERIFY(!readFile(back.filePath(QStringLiteral("http-client.env.json"))).contains("K-DEV"));
    }

    void cliImportTakesEnvironmentFilesGivenAfterTheCollection()
    {
        QTemporaryDir a, b, into;
        const QString coll = a.filePath(QStringLiteral("c.json"));
        writeFile(coll,
            "{\"info\": {\"name\": \"c\", \"schema\": "
            "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"}, \"item\": [{\"name\": \"r\", "
            "\"request\": {\"method\": \"GET\", \"url\": \"{{host}}/x\"}}]}");
        const QString env = b.filePath(QStringLiteral("elsewhere.json"));
        writeFile(env, "{\"name\": \"qa\", \"values\": [{\"key\": \"host\", \"value\": \"http://127.0.0.1:2\"}]}");
        QCOMPARE(cli({ QStringLiteral("import"), coll, env, QStringLiteral("--into"), into.path() }), 0);
        QCOMPARE(Environments::parse(readFile(into.filePath(QStringLiteral("http-client.env.json"))), nullptr)
                     .value(QStringLiteral("qa"))
                     .value(QStringLiteral("host")),
            QStringLiteral("http://127.0.0.1:2"));
        // A broken environment file stops the import, naming it; nothing is written.
        QTemporaryDir into2;
        writeFile(env, "{\"name\": \"qa\", \"values\": [");
        QByteArray err;
        QCOMPARE(cli({ QStringLiteral("import"), coll, env, QStringLiteral("--into"), into2.path() }, &err), 2);
        QVERIFY2(err.contains("elsewhere.json: "), err.constData());
        QVERIFY(QDir(into2.path()).isEmpty());
        // Environment files belong to Postman collections only.
        const QString har = a.filePath(QStringLiteral("x.har"));
        writeFile(har, R"({"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": []}})");
        QCOMPARE(cli({ QStringLiteral("import"), har, env, QStringLiteral("--into"), into2.path() }, &err), 2);
        QVERIFY2(err.contains("Postman collection only"), err.constData());
    }

    void cliExportKeepsAnotherFileOfTheSameName()
    {
        Fixture f;
        QTemporaryDir out;
        const QString mine = out.filePath(QStringLiteral("dev.postman_environment.json"));
        writeFile(mine, "my notes\n");
        QByteArray err;
        QCOMPARE(cli({ QStringLiteral("export"), f.dir.path(), QStringLiteral("--to"), QStringLiteral("postman"),
                         QStringLiteral("-o"), out.filePath(QStringLiteral("c.json")) },
                     &err),
            1);
        QVERIFY2(err.contains("not the Postman environment dev; not replaced"), err.constData());
        QCOMPARE(readFile(mine), QByteArray("my notes\n"));
        // The same environment exported before is replaced (here: redacted, then with the secrets).
        QFile::remove(mine);
        const QStringList args { QStringLiteral("export"), f.dir.path(), QStringLiteral("--to"),
            QStringLiteral("postman"), QStringLiteral("-o"), out.filePath(QStringLiteral("c.json")) };
        QCOMPARE(cli(args), 0);
        QVERIFY(readFile(mine).contains("REDACTED"));
        QCOMPARE(cli(args + QStringList { QStringLiteral("--include-secrets") }), 0);
        QVERIFY(readFile(mine).contains("K-DEV"));
    }
};

QTEST_GUILESS_MAIN(tst_PostmanEnvironments)
#include "tst_postmanenvironments.moc"
