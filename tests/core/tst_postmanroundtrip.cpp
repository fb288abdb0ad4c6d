// SPDX-License-Identifier: GPL-3.0-or-later
// `.http` → Postman 2.1 → `.http` gives back the same bytes for a file of everything Postman can
// hold: @name (references use it), directives, titles, comments, variables, pre-request scripts and
// handlers as events, verbatim.
#include "core/collections/Collection.h"
#include "core/collections/exporters/Exporter.h"
#include "core/collections/importers/Importer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;

namespace {
QString fixtureDir()
{
    return qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/collections/postman-roundtrip");
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

ExportResult exportFixture()
{
    ExportOptions options;
    options.includeSecrets = true;
    return Exporter::exportCollection(Collection::load(fixtureDir()), Exporter::Format::Postman, options);
}

QJsonObject itemNamed(const QJsonArray &items, const QString &name)
{
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("name")).toString() == name)
            return o;
        if (o.contains(QStringLiteral("item"))) {
            const QJsonObject inner = itemNamed(o.value(QStringLiteral("item")).toArray(), name);
            if (!inner.isEmpty())
                return inner;
        }
    }
    return {};
}
} // namespace

class tst_PostmanRoundTrip final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void byteIdentical()
    {
        const ExportResult exported = exportFixture();
        QVERIFY2(exported.error.isEmpty(), qPrintable(exported.error));
        ImportResult back = Importer::import(exported.data, QStringLiteral("exported.json"));
        QVERIFY2(back.error.isEmpty(), qPrintable(back.error));
        QTemporaryDir dir;
        QStringList errors;
        Importer::writeTo(back, dir.path(), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const QByteArray before = readAll(fixtureDir() + QStringLiteral("/api.http"));
        const QByteArray after = readAll(dir.filePath(QStringLiteral("api.http")));
        QCOMPARE(QString::fromUtf8(after), QString::fromUtf8(before));
    }

    // Scripts become Postman events, verbatim, one per block; @name and other directives stay in
    // the description where the importer finds them; no warning about a lost handler.
    void scriptsBecomeEvents()
    {
        const ExportResult exported = exportFixture();
        const QJsonObject root = QJsonDocument::fromJson(exported.data).object();
        const QJsonObject signin = itemNamed(root.value(QStringLiteral("item")).toArray(), QStringLiteral("Sign in"));
        QVERIFY(!signin.isEmpty());
        const QJsonArray events = signin.value(QStringLiteral("event")).toArray();
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0)[QStringLiteral("listen")].toString(), QStringLiteral("prerequest"));
        QCOMPARE(events.at(0)[QStringLiteral("script")][QStringLiteral("exec")].toArray(),
            QJsonArray { QStringLiteral("pm.variables.set(\"requestedAt\", \"now\");") });
        QCOMPARE(events.at(1)[QStringLiteral("listen")].toString(), QStringLiteral("test"));
        QCOMPARE(events.at(1)[QStringLiteral("script")][QStringLiteral("exec")].toArray().first().toString(),
            QStringLiteral("pm.test(\"Status code is 200\", function () {"));
        const QString description = signin[QStringLiteral("request")][QStringLiteral("description")].toString();
        QCOMPARE(description, QStringLiteral("verbscope: @name signin\nverbscope: @timeout 10"));
        const QJsonObject list = itemNamed(root.value(QStringLiteral("item")).toArray(), QStringLiteral("List users"));
        QCOMPARE(
            list[QStringLiteral("protocolProfileBehavior")][QStringLiteral("followRedirects")].toBool(true), false);
        QCOMPARE(list.value(QStringLiteral("event")).toArray().size(), 2);
        for (const QString &w : exported.warnings)
            QVERIFY2(!w.contains(QLatin1String("handler")), qPrintable(w));
    }

    // What Postman cannot run is said, and the handlers are not half-converted.
    void otherHandlersAreReported()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("a.http")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("### One\nGET http://127.0.0.1:1/\n\n> {%\nclient.log(1);\n%}\n>> ./out.json\n");
        f.close();
        ExportOptions options;
        const ExportResult exported
            = Exporter::exportCollection(Collection::load(dir.path()), Exporter::Format::Postman, options);
        QVERIFY(!exported.data.contains("\"event\""));
        QVERIFY2(exported.warnings.join(QLatin1Char('\n')).contains(QLatin1String("a.http: One: handlers other than")),
            qPrintable(exported.warnings.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(tst_PostmanRoundTrip)
#include "tst_postmanroundtrip.moc"
