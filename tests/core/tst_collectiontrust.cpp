// SPDX-License-Identifier: GPL-3.0-or-later
// CollectionTrust: which files an import wrote, which of their references need consent, and
// what the import marker records (docs/collections.md, "Imported collections").
#include "core/collections/CollectionTrust.h"
#include "core/collections/HttpFileParser.h"
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
void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// Imports `text` as a .http file into `dir` the way `import` and the app do.
ImportResult importInto(const QString &dir, const QByteArray &text, QStringList *written = nullptr)
{
    ImportResult r = Importer::import(text, QStringLiteral("shared.http"));
    QStringList errors;
    const QStringList w = Importer::writeTo(r, dir, &errors);
    if (written)
        *written = w;
    if (!errors.isEmpty())
        qWarning("%s", qPrintable(errors.join(QLatin1Char('\n'))));
    return r;
}

LocalReference fileRef(const QString &path)
{
    return { LocalReference::Kind::File, path, QStringLiteral("a.http"), 3 };
}
} // namespace

class tst_CollectionTrust final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importWritesAMarkerListingItsFiles()
    {
        QTemporaryDir dir;
        QStringList written;
        const ImportResult r = importInto(dir.path(),
            "POST http://127.0.0.1:1/\n\n< /etc/hostname\n\n###\nGET http://127.0.0.1:1/{{$processEnv HOME}}\n",
            &written);
        QCOMPARE(written, QStringList { dir.filePath(QStringLiteral("shared.http")) }); // not the marker
        QCOMPARE(r.needsConsent,
            (QStringList { QStringLiteral("shared.http:3: reads /etc/hostname: `run` will need --allow-local-files"),
                QStringLiteral("shared.http:6: reads $processEnv HOME: `run` will need --allow-env") }));
        QFile f(dir.filePath(QLatin1String(CollectionTrust::MarkerFile)));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject entry
            = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("imports")).toArray().at(0).toObject();
        QCOMPARE(entry.value(QStringLiteral("files")).toArray(), QJsonArray { QStringLiteral("shared.http") });
        QCOMPARE(entry.value(QStringLiteral("source")).toString(), QStringLiteral("shared.http"));
        QCOMPARE(entry.value(QStringLiteral("trusted")).toBool(), false);
        QCOMPARE(entry.value(QStringLiteral("references")).toArray().size(), 2);

        const CollectionTrust::Origin origin = CollectionTrust::originOf(dir.filePath(QStringLiteral("shared.http")));
        QVERIFY(origin.needsConsent());
        QCOMPARE(QDir(origin.markerDir), QDir(dir.path()));
    }

    // Files the user wrote, even next to imported ones, are theirs.
    void unlistedFilesAreNotImported()
    {
        QTemporaryDir dir;
        importInto(dir.path(), "GET http://127.0.0.1:1/\n");
        writeFile(dir.filePath(QStringLiteral("own.http")), "GET http://127.0.0.1:1/\n");
        QVERIFY(!CollectionTrust::originOf(dir.filePath(QStringLiteral("own.http"))).needsConsent());
        QTemporaryDir other;
        writeFile(other.filePath(QStringLiteral("a.http")), "GET http://127.0.0.1:1/\n");
        QVERIFY(CollectionTrust::originOf(other.filePath(QStringLiteral("a.http"))).markerDir.isEmpty());
    }

    // A subfolder of the import (Postman folders) is found from below, as `run sub/` would.
    void markerIsFoundFromASubfolder()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("sub/a.http")), "GET http://127.0.0.1:1/\n");
        QString error;
        QVERIFY(CollectionTrust::recordImport(dir.path(), QStringLiteral("x.json"), QStringLiteral("postman 2.1"),
            { QStringLiteral("sub/a.http") }, {}, &error));
        QVERIFY(CollectionTrust::originOf(dir.filePath(QStringLiteral("sub/a.http"))).needsConsent());
    }

    void trustIsRecordedAndLaterImportsAskAgain()
    {
        QTemporaryDir dir;
        importInto(dir.path(), "GET http://127.0.0.1:1/\n");
        QString error;
        QVERIFY(CollectionTrust::trust(dir.path(), &error));
        QVERIFY(!CollectionTrust::originOf(dir.filePath(QStringLiteral("shared.http"))).needsConsent());
        importInto(dir.path(), "GET http://127.0.0.1:1/\n"); // shared-2.http
        QVERIFY(!CollectionTrust::originOf(dir.filePath(QStringLiteral("shared.http"))).needsConsent());
        QVERIFY(CollectionTrust::originOf(dir.filePath(QStringLiteral("shared-2.http"))).needsConsent());
    }

    // A marker that does not parse fails closed: its folder needs consent, and --trust says why not.
    void damagedMarkerFailsClosed()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QLatin1String(CollectionTrust::MarkerFile)), "{ not json");
        writeFile(dir.filePath(QStringLiteral("a.http")), "GET http://127.0.0.1:1/\n");
        QVERIFY(CollectionTrust::originOf(dir.filePath(QStringLiteral("a.http"))).needsConsent());
        QString error;
        QVERIFY(!CollectionTrust::trust(dir.path(), &error));
        QVERIFY2(error.contains(QLatin1String("not a VerbScope import marker")), qPrintable(error));
    }

    void whatNeedsConsent()
    {
        QTemporaryDir outside;
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("data/in.txt")), "in");
        writeFile(outside.filePath(QStringLiteral("secret.txt")), "s");
        QVERIFY(QFile::link(outside.filePath(QStringLiteral("secret.txt")), dir.filePath(QStringLiteral("link.txt"))));
        writeFile(dir.filePath(QLatin1String(Environments::PrivateFile)), "{}");
        const CollectionTrust::Origin origin { dir.path(), false };
        const LocalReference inside = fileRef(dir.filePath(QStringLiteral("data/in.txt")));
        const LocalReference missingInside = fileRef(dir.filePath(QStringLiteral("data/nothing.txt")));
        const LocalReference escape = fileRef(QDir::cleanPath(dir.filePath(QStringLiteral("data/../../x.txt"))));
        const LocalReference absolute = fileRef(outside.filePath(QStringLiteral("secret.txt")));
        const LocalReference link = fileRef(dir.filePath(QStringLiteral("link.txt")));
        const LocalReference privateEnv = fileRef(dir.filePath(QLatin1String(Environments::PrivateFile)));
        const LocalReference env { LocalReference::Kind::ProcessEnv, QStringLiteral("HOME"), QStringLiteral("a.http"),
            4 };
        const QList<LocalReference> all { inside, missingInside, escape, absolute, link, privateEnv, env };
        QCOMPARE(CollectionTrust::needingConsent(origin, all),
            (QList<LocalReference> { escape, absolute, link, privateEnv, env }));
        QVERIFY(CollectionTrust::needingConsent({ dir.path(), true }, all).isEmpty());
        QVERIFY(CollectionTrust::needingConsent({}, all).isEmpty());
    }

    // The import's scan finds references through variables and environments and opens nothing:
    // a `< file` that does not exist yields no "cannot read" error.
    void scanListsReferencesWithoutReading()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.http"));
        const HttpFile file = HttpFileParser::parse(QStringLiteral("@dir = /nowhere\n"
                                                                   "POST http://127.0.0.1:1/\n"
                                                                   "X-Key: {{key}}\n"
                                                                   "\n"
                                                                   "< {{dir}}/body.bin\n"
                                                                   "<@ ../shared.txt\n"),
            path)
                                  .file;
        writeFile(dir.filePath(QLatin1String(Environments::PublicFile)),
            R"({"dev": {"key": "{{$processEnv API_KEY}}"}, "prod": {"key": "fixed"}})");
        const QList<LocalReference> refs
            = CollectionTrust::scan(file, path, QStringLiteral("a.http"), Environments::load(dir.path()));
        QStringList shown;
        for (const LocalReference &r : refs)
            shown << r.toString();
        QCOMPARE(shown,
            (QStringList { QStringLiteral("a.http:5: reads /nowhere/body.bin"),
                QStringLiteral("a.http:6: reads %1")
                    .arg(QDir::cleanPath(dir.filePath(QStringLiteral("../shared.txt")))),
                QStringLiteral("a.http:3: reads $processEnv API_KEY") }));
        ResolveOptions options;
        options.readFiles = false;
        QVERIFY(RequestResolver::resolve(file, 0, path, {}, options).errors.isEmpty());
        QVERIFY(!RequestResolver::resolve(file, 0, path, {}).errors.isEmpty()); // reading does try
    }
};

QTEST_GUILESS_MAIN(tst_CollectionTrust)
#include "tst_collectiontrust.moc"
