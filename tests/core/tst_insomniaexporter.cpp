// SPDX-License-Identifier: GPL-3.0-or-later
// Insomnia v4 export: .http → Insomnia → .http is byte-identical for what Insomnia can hold, and
// what it cannot is warned about.
#include "core/collections/Collection.h"
#include "core/collections/exporters/Exporter.h"
#include "core/collections/importers/Importer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;

namespace {
QString roundtripDir()
{
    return qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/collections/insomnia/roundtrip");
}

QByteArray read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

ExportResult exportInsomnia(const QString &dir, bool secrets, QStringList *warnings = nullptr)
{
    ExportOptions options;
    options.includeSecrets = secrets;
    ExportResult r = Exporter::exportCollection(Collection::load(dir), Exporter::Format::Insomnia, options);
    if (warnings)
        *warnings = r.warnings;
    return r;
}

QJsonObject resource(const QByteArray &json, const QString &type, const QString &name)
{
    for (const QJsonValue &v : QJsonDocument::fromJson(json).object().value(QStringLiteral("resources")).toArray())
        if (v[QStringLiteral("_type")].toString() == type && v[QStringLiteral("name")].toString() == name)
            return v.toObject();
    return {};
}
} // namespace

class tst_InsomniaExporter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every file of the fixture, and both environment files, come back byte for byte.
    void roundTripIsByteIdentical()
    {
        QStringList warnings;
        const ExportResult exported = exportInsomnia(roundtripDir(), true, &warnings);
        QVERIFY(exported.error.isEmpty());
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        ImportResult imported = Importer::import(exported.data, QStringLiteral("shop.json"));
        QVERIFY2(imported.error.isEmpty(), qPrintable(imported.error));
        QCOMPARE(imported.format, QStringLiteral("insomnia 4"));
        QVERIFY(imported.issues.isEmpty());
        QTemporaryDir out;
        QStringList errors;
        Importer::writeTo(imported, out.path(), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        int compared = 0;
        for (QDirIterator it(roundtripDir(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            const QString path = it.next();
            const QString relative = QDir(roundtripDir()).relativeFilePath(path);
            QCOMPARE(read(QDir(out.path()).filePath(relative)), read(path));
            ++compared;
        }
        QCOMPARE(compared, 5);
    }

    void referencesBecomeResponseTags()
    {
        const QByteArray json = exportInsomnia(roundtripDir(), false).data;
        const QJsonObject me = resource(json, QStringLiteral("request"), QStringLiteral("Who am I"));
        const QJsonObject login = resource(json, QStringLiteral("request"), QStringLiteral("Sign in"));
        const QString id = login.value(QStringLiteral("_id")).toString();
        QString auth, etag;
        for (const QJsonValue &h : me.value(QStringLiteral("headers")).toArray()) {
            if (h[QStringLiteral("name")].toString() == QLatin1String("Authorization"))
                auth = h[QStringLiteral("value")].toString();
            if (h[QStringLiteral("name")].toString() == QLatin1String("If-None-Match"))
                etag = h[QStringLiteral("value")].toString();
        }
        QCOMPARE(
            auth, QStringLiteral("Bearer {% response 'body', '%1', 'b64::JC50b2tlbg==::46b', 'never', 60 %}").arg(id));
        QCOMPARE(etag, QStringLiteral("{% response 'header', '%1', 'b64::RVRhZw==::46b', 'never', 60 %}").arg(id));
        QCOMPARE(me.value(QStringLiteral("url")).toString(), QStringLiteral("{{ _.base }}/me?expand=orders"));
        QCOMPARE(login.value(QStringLiteral("settingFollowRedirects")).toString(), QStringLiteral("off"));
    }

    // Without --include-secrets the private values are REDACTED, their names kept.
    void privateValuesAreRedacted()
    {
        QStringList warnings;
        const QByteArray json = exportInsomnia(roundtripDir(), false, &warnings).data;
        QVERIFY(!json.contains("hunter2"));
        QVERIFY(!json.contains("k-123"));
        const QJsonObject staging = resource(json, QStringLiteral("environment"), QStringLiteral("staging"));
        QVERIFY(staging.contains(QStringLiteral("data")));
        bool found = false;
        for (const QJsonValue &v : QJsonDocument::fromJson(json).object().value(QStringLiteral("resources")).toArray())
            if (v[QStringLiteral("isPrivate")].toBool()
                && v[QStringLiteral("name")].toString() == QLatin1String("staging"))
                found = v[QStringLiteral("data")][QStringLiteral("password")].toString() == QLatin1String("REDACTED");
        QVERIFY(found);
        QVERIFY(warnings.join(QLatin1Char('\n')).contains(QStringLiteral("REDACTED")));
    }

    // What Insomnia cannot hold is named: file variables, directives, handlers, another @name.
    void whatInsomniaCannotHoldIsWarned()
    {
        QTemporaryDir dir;
        QFile f(QDir(dir.path()).filePath(QStringLiteral("a.http")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("@host = http://127.0.0.1:1\n\n### Get it\n# @name other\n# @timeout 5\nGET {{host}}/\n\n> {%\n"
                "client.test('x', function() {});\n%}\n");
        f.close();
        QStringList warnings;
        exportInsomnia(dir.path(), false, &warnings);
        const QString all = warnings.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("a.http: file variables have no place in Insomnia")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("@timeout has no Insomnia equivalent")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("response handlers and assertions are not exported")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("@name other is not made of the title \"Get it\"")), qPrintable(all));
    }
};

QTEST_APPLESS_MAIN(tst_InsomniaExporter)
#include "tst_insomniaexporter.moc"
