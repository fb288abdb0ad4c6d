// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/CollectionTrust.h"

#include "core/collections/HttpFileStore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace verbscope::collections {

namespace {
const QString ImportsKey = QStringLiteral("imports");
const QString FilesKey = QStringLiteral("files");
const QString TrustedKey = QStringLiteral("trusted");

struct Marker {
    QString path;
    FileStamp stamp;
    QJsonObject root;
    bool damaged = false;
};

Marker readMarker(const QString &dir)
{
    Marker m;
    m.path = QDir(dir).filePath(QLatin1String(CollectionTrust::MarkerFile));
    const HttpFileStore::Loaded loaded = HttpFileStore::read(m.path);
    m.stamp = loaded.stamp;
    if (!loaded.stamp.exists)
        return m;
    const QJsonDocument doc = QJsonDocument::fromJson(loaded.text.toUtf8());
    m.damaged = !loaded.error.isEmpty() || !doc.isObject() || !doc.object().value(ImportsKey).isArray();
    m.root = doc.object();
    return m;
}

bool writeMarker(const QString &dir, const Marker &m, QString *error)
{
    if (const QString link = HttpFileStore::symLinkBelow(dir, m.path); !link.isEmpty()) {
        *error = HttpFileStore::symLinkError(link);
        return false;
    }
    const HttpFileStore::Saved s
        = HttpFileStore::save(m.path, QJsonDocument(m.root).toJson(QJsonDocument::Indented), m.stamp);
    if (s.status != HttpFileStore::SaveStatus::Saved)
        *error = s.error;
    return s.status == HttpFileStore::SaveStatus::Saved;
}

QString realPath(const QString &path)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(path) : canonical;
}
} // namespace

// A damaged marker fails closed: every file below it needs consent until the user trusts it.
CollectionTrust::Origin CollectionTrust::originOf(const QString &httpFile)
{
    const QString file = QFileInfo(httpFile).absoluteFilePath();
    QDir dir = QFileInfo(file).absoluteDir();
    for (;;) {
        const Marker m = readMarker(dir.absolutePath());
        if (m.damaged)
            return { dir.absolutePath(), false };
        if (m.stamp.exists) {
            const QString relative = dir.relativeFilePath(file);
            bool listed = false;
            bool trusted = true;
            for (const QJsonValue &v : m.root.value(ImportsKey).toArray()) {
                const QJsonObject entry = v.toObject();
                if (!entry.value(FilesKey).toArray().contains(relative))
                    continue;
                listed = true;
                trusted = trusted && entry.value(TrustedKey).toBool();
            }
            if (listed)
                return { dir.absolutePath(), trusted };
        }
        if (!dir.cdUp())
            return {};
    }
}

QList<LocalReference> CollectionTrust::needingConsent(const Origin &origin, const QList<LocalReference> &references)
{
    if (!origin.needsConsent())
        return {};
    const QString root = realPath(origin.markerDir) + QLatin1Char('/');
    QList<LocalReference> out;
    for (const LocalReference &r : references) {
        if (r.kind == LocalReference::Kind::File) {
            const QString path = realPath(r.target);
            // The private environment file holds the user's secrets, wherever it is.
            if (path.startsWith(root) && QFileInfo(path).fileName() != QLatin1String(Environments::PrivateFile))
                continue;
        }
        if (!out.contains(r))
            out.append(r);
    }
    return out;
}

QList<LocalReference> CollectionTrust::scan(
    const HttpFile &file, const QString &path, const QString &shown, const Environments &environments)
{
    ResolveOptions options;
    options.readFiles = false;
    options.shownPath = shown;
    QList<LocalReference> out;
    for (const QString &name : QStringList { QString() } + environments.names()) {
        VariableMap variables = environments.variables(name);
        RequestResolver::advance(file, -1, variables);
        options.variables = &variables;
        for (qsizetype i = 0; i < file.requests.size(); ++i) {
            RequestResolver::advance(file, i, variables);
            for (const LocalReference &r : RequestResolver::resolve(file, i, path, {}, options).references)
                if (!out.contains(r))
                    out.append(r);
        }
    }
    return out;
}

bool CollectionTrust::recordImport(const QString &dir, const QString &source, const QString &format,
    const QStringList &files, const QList<LocalReference> &references, QString *error)
{
    Marker m = readMarker(dir);
    if (m.damaged)
        m.root = {}; // fails closed already; rewritten with this import only
    QJsonArray refs;
    for (const LocalReference &r : references)
        refs.append(r.toString());
    QJsonArray imports = m.root.value(ImportsKey).toArray();
    imports.append(QJsonObject { { QStringLiteral("source"), source }, { QStringLiteral("format"), format },
        { QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
        { FilesKey, QJsonArray::fromStringList(files) }, { QStringLiteral("references"), refs },
        { TrustedKey, false } });
    m.root.insert(QStringLiteral("format"), QStringLiteral("verbscope.imported/1"));
    m.root.insert(QStringLiteral("about"),
        QStringLiteral("Written by a VerbScope import. Requests of these files that read local files outside this "
                       "folder or the process environment are sent only after consent (verbscope-cli run "
                       "--allow-local-files, --allow-env or --trust; a question in the app)."));
    m.root.insert(ImportsKey, imports);
    return writeMarker(dir, m, error);
}

bool CollectionTrust::trust(const QString &markerDir, QString *error)
{
    Marker m = readMarker(markerDir);
    if (!m.stamp.exists)
        return true;
    QJsonArray imports = m.root.value(ImportsKey).toArray();
    if (m.damaged) {
        *error = QStringLiteral("%1: not a VerbScope import marker; remove it to trust the folder").arg(m.path);
        return false;
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    for (qsizetype i = 0; i < imports.size(); ++i) {
        QJsonObject entry = imports.at(i).toObject();
        if (!entry.value(TrustedKey).toBool()) {
            entry.insert(TrustedKey, true);
            entry.insert(QStringLiteral("trustedAt"), now);
        }
        imports[i] = entry;
    }
    m.root.insert(ImportsKey, imports);
    return writeMarker(markerDir, m, error);
}

} // namespace verbscope::collections
