// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/Importer.h"

#include "core/collections/Collection.h"
#include "core/collections/CollectionTrust.h"
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileStore.h"
#include "core/collections/HttpFileWriter.h"
#include "core/collections/importers/CurlImporter.h"
#include "core/collections/importers/HarImporter.h"
#include "core/collections/importers/ImportHelpers.h"
#include "core/collections/importers/InsomniaImporter.h"
#include "core/collections/importers/PostmanImporter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace verbscope::collections {

bool Importer::parseFormat(const QString &name, Format *format)
{
    static const QList<QPair<QString, Format>> names { { QStringLiteral("auto"), Format::Auto },
        { QStringLiteral("postman"), Format::Postman }, { QStringLiteral("insomnia"), Format::Insomnia },
        { QStringLiteral("har"), Format::Har }, { QStringLiteral("curl"), Format::Curl },
        { QStringLiteral("http"), Format::Http } };
    for (const auto &n : names)
        if (n.first == name.toLower()) {
            *format = n.second;
            return true;
        }
    return false;
}

namespace {
// A HAR entry or request object without the log, as some tools export them.
bool looksLikeHarItem(const QJsonObject &o)
{
    const QJsonObject request = o.value(QStringLiteral("request")).toObject();
    const QJsonObject r = request.isEmpty() ? o : request;
    return r.value(QStringLiteral("url")).isString() && r.value(QStringLiteral("method")).isString()
        && (r.value(QStringLiteral("headers")).isArray() || r.contains(QStringLiteral("httpVersion")));
}
} // namespace

Importer::Format Importer::detect(const QByteArray &content, const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("http") || suffix == QLatin1String("rest"))
        return Format::Http;
    const QJsonDocument doc = QJsonDocument::fromJson(content);
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        if (o.value(QStringLiteral("info")).toObject().contains(QStringLiteral("schema"))
            || (o.contains(QStringLiteral("info")) && o.contains(QStringLiteral("item"))))
            return Format::Postman;
        if (o.value(QStringLiteral("_type")).toString() == QLatin1String("export")
            || o.contains(QStringLiteral("__export_format"))
            || o.value(QStringLiteral("type")).toString().startsWith(QLatin1String("collection.insomnia.rest/")))
            return Format::Insomnia;
        if (o.value(QStringLiteral("log")).toObject().contains(QStringLiteral("entries")) || looksLikeHarItem(o)
            || looksLikeHarItem(o.value(QStringLiteral("entries")).toArray().first().toObject()))
            return Format::Har;
        return Format::Auto;
    }
    if (doc.isArray() && looksLikeHarItem(doc.array().first().toObject()))
        return Format::Har;
    if (InsomniaImporter::looksLikeYamlExport(content))
        return Format::Insomnia;
    static const QRegularExpression curl(QStringLiteral("(^|\\n)\\s*curl(\\.exe)?\\s"));
    if (curl.match(QString::fromUtf8(content)).hasMatch())
        return Format::Curl;
    return Format::Auto;
}

namespace {
ImportResult importAs(const QByteArray &content, const QString &fileName, Importer::Format format);
} // namespace

// The size is checked before anything is parsed (detect() parses JSON already).
ImportResult Importer::import(const QByteArray &content, const QString &fileName, Format format, qint64 maxBytes)
{
    const bool json = format == Format::Postman || format == Format::Insomnia || format == Format::Har
        || (format == Format::Auto && importhelpers::looksLikeJson(content));
    const qint64 limit = maxBytes > 0 ? maxBytes : json ? DefaultMaxJsonBytes : DefaultMaxTextBytes;
    if (content.size() > limit) {
        ImportResult r;
        r.error = Collection::sizeError(
            fileName, content.size(), limit, json ? QStringLiteral("a JSON import") : QStringLiteral("a text import"));
        return r;
    }
    ImportResult r = importAs(content, fileName, format == Format::Auto ? detect(content, fileName) : format);
    r.source = fileName;
    return r;
}

namespace {
ImportResult importAs(const QByteArray &content, const QString &fileName, Importer::Format format)
{
    using Format = Importer::Format;
    const QString base = QFileInfo(fileName).completeBaseName();
    switch (format) {
    case Format::Postman: return PostmanImporter::import(content);
    case Format::Insomnia: return InsomniaImporter::import(content, fileName);
    case Format::Har: return HarImporter::import(content, base);
    case Format::Curl: return CurlImporter::import(QString::fromUtf8(content), base);
    case Format::Http: {
        ImportResult r;
        r.format = QStringLiteral("http");
        const QString text = QString::fromUtf8(content);
        const ParseResult all = HttpFileParser::parse(text, fileName);
        for (const ParseIssue &i : all.issues)
            r.issues.append({ QStringLiteral("%1:%2:%3").arg(QFileInfo(fileName).fileName()).arg(i.line).arg(i.column),
                i.warning ? QStringLiteral("warning") : QStringLiteral("error"), i.message });
        // A request with an error is left out and counted, never written "repaired" without its bad line.
        QList<BrokenRequest> broken;
        const ParseResult parsed = Collection::readablePart(text, QFileInfo(fileName).fileName(), all, &broken);
        for (const BrokenRequest &b : std::as_const(broken))
            r.issues.append({ QStringLiteral("%1:%2").arg(b.file).arg(b.line), b.name,
                QStringLiteral("has an error (above); not imported") });
        r.leftOut += int(broken.size());
        r.files.append({ QFileInfo(fileName).fileName(), parsed.file });
        return r;
    }
    case Format::Auto: break;
    }
    ImportResult r;
    // A file that opens like JSON but does not parse is almost always a damaged export: its
    // syntax error says more than "none of the formats".
    if (importhelpers::looksLikeJson(content)) {
        QJsonParseError pe;
        QJsonDocument::fromJson(content, &pe);
        if (pe.error != QJsonParseError::NoError) {
            r.error = QStringLiteral("%1: %2").arg(fileName, importhelpers::jsonError(content, pe));
            return r;
        }
    }
    // Say what the file is, so a YAML file that is not an Insomnia export is not taken for garbage.
    QString found;
    if (!importhelpers::looksLikeJson(content)) {
        QString yamlError;
        const QJsonValue yaml = InsomniaImporter::yamlToJson(content, fileName, &yamlError);
        if (yaml.isObject() && !yaml.toObject().isEmpty())
            found = QStringLiteral(" (found a YAML mapping with the keys %1)")
                        .arg(QStringList(yaml.toObject().keys().mid(0, 6)).join(QStringLiteral(", ")));
    }
    r.error = QStringLiteral("%1: not a Postman collection, an Insomnia export (JSON or YAML), a HAR file, curl "
                             "commands or a .http file%2 (use --format to say which)")
                  .arg(fileName, found);
    return r;
}
} // namespace

// Also safe on Windows and macOS, where a collection folder is shared: no control or line-break
// characters, no trailing dot or space (Windows drops them, so "a." and "a" would be one file), no
// device name (CON, NUL, COM1…), and short enough for a 255-byte file name with its suffixes.
QString Importer::safeName(const QString &name)
{
    QString s;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029 || u == 0xfeff
            || QStringLiteral("/\\:*?\"<>|").contains(c))
            s += QLatin1Char('_');
        else
            s += c;
    }
    s = s.trimmed();
    while (s.startsWith(QLatin1Char('.')))
        s.remove(0, 1);
    while (s.size() > 1 && s.toUtf8().size() > 120)
        s.chop(s.at(s.size() - 1).isLowSurrogate() ? 2 : 1);
    while (s.endsWith(QLatin1Char('.')) || (!s.isEmpty() && s.at(s.size() - 1).isSpace()))
        s.chop(1);
    static const QRegularExpression device(
        QStringLiteral("^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?$"), QRegularExpression::CaseInsensitiveOption);
    if (device.match(s).hasMatch())
        s.prepend(QLatin1Char('_'));
    return s.isEmpty() ? QStringLiteral("requests") : s;
}

namespace {
// What an import wrote is untrusted until the user says otherwise (CollectionTrust): the marker
// lists it, and the report names each reference `run` will refuse without consent.
void markImported(ImportResult &result, const QString &dir, const QList<QPair<QString, const HttpFile *>> &httpFiles,
    const QStringList &written, QStringList *errors)
{
    if (written.isEmpty())
        return;
    const QDir root(QFileInfo(dir).absoluteFilePath());
    const Environments environments = Environments::load(dir);
    const CollectionTrust::Origin origin { root.absolutePath(), false };
    QList<LocalReference> references;
    for (const auto &[path, file] : httpFiles)
        references += CollectionTrust::scan(
            *file, path, root.relativeFilePath(QFileInfo(path).absoluteFilePath()), environments);
    references = CollectionTrust::needingConsent(origin, references);
    for (const LocalReference &r : std::as_const(references))
        result.needsConsent << QStringLiteral("%1: `run` will need %2")
                                   .arg(r.toString(),
                                       r.kind == LocalReference::Kind::File ? QStringLiteral("--allow-local-files")
                                                                            : QStringLiteral("--allow-env"));
    QStringList files;
    for (const QString &w : written)
        files << root.relativeFilePath(QFileInfo(w).absoluteFilePath());
    QString error;
    if (!CollectionTrust::recordImport(dir, result.source, result.format, files, references, &error))
        errors->append(error);
}
} // namespace

QStringList Importer::writeTo(ImportResult &result, const QString &dir, QStringList *errors)
{
    QStringList written;
    QList<QPair<QString, const HttpFile *>> httpFiles;
    const QDir root(dir);
    QDir().mkpath(dir);
    for (ImportedFile &f : result.files) {
        QString path = root.filePath(f.relativePath);
        // A link (even a dangling one) at the name or on a folder below DIR would send the file
        // elsewhere: refused, not renamed, so the user sees the link.
        if (const QString link = HttpFileStore::symLinkBelow(dir, path); !link.isEmpty()) {
            errors->append(HttpFileStore::symLinkError(link));
            continue;
        }
        for (int n = 2; QFileInfo::exists(path) || QFileInfo(path).isSymLink(); ++n) {
            const QFileInfo fi(root.filePath(f.relativePath));
            path = fi.absolutePath() + QLatin1Char('/') + fi.completeBaseName() + QStringLiteral("-%1.").arg(n)
                + fi.suffix();
        }
        if (path != root.filePath(f.relativePath))
            result.issues.append({ f.relativePath, QStringLiteral("file exists"),
                QStringLiteral("written as %1 instead").arg(root.relativeFilePath(path)) });
        // A file that does not read back as written is not written at all: half right is wrong.
        const HttpFileWriter::Written w = HttpFileWriter::writeVerified(f.file);
        if (!w.error.isEmpty()) {
            errors->append(QStringLiteral("%1: not written: %2").arg(path, w.error));
            continue;
        }
        for (const QString &warning : w.warnings)
            result.issues.append({ f.relativePath,
                w.commented.contains(warning) ? QStringLiteral("written as a comment")
                                              : QStringLiteral("written with a caveat"),
                warning });
        result.commentedOut += int(w.commented.size());
        const HttpFileStore::Saved s = HttpFileStore::save(path, w.text.toUtf8(), FileStamp());
        if (s.status != HttpFileStore::SaveStatus::Saved) {
            errors->append(s.error);
        } else {
            written << path;
            httpFiles.append({ path, &f.file });
        }
    }
    auto mergeEnv = [&](const EnvironmentMap &add, const char *fileName) {
        if (add.isEmpty())
            return;
        const QString path = root.filePath(QString::fromLatin1(fileName));
        if (const QString link = HttpFileStore::symLinkBelow(dir, path); !link.isEmpty()) {
            errors->append(HttpFileStore::symLinkError(link));
            return;
        }
        const HttpFileStore::Loaded old = HttpFileStore::read(path);
        EnvironmentMap merged;
        if (old.stamp.exists) {
            QString error;
            merged = Environments::parse(old.text.toUtf8(), &error);
            if (!error.isEmpty()) {
                errors->append(QStringLiteral("%1: %2; not changed").arg(path, error));
                return;
            }
        }
        for (auto env = add.begin(); env != add.end(); ++env)
            for (auto v = env.value().begin(); v != env.value().end(); ++v) {
                if (merged.value(env.key()).contains(v.key()) && merged.value(env.key()).value(v.key()) != v.value())
                    result.issues.append(
                        { QString::fromLatin1(fileName), QStringLiteral("variable %1 in %2").arg(v.key(), env.key()),
                            QStringLiteral("already set to another value; the imported value replaces it") });
                merged[env.key()].insert(v.key(), v.value());
            }
        const HttpFileStore::Saved s = HttpFileStore::save(path, Environments::toJson(merged), old.stamp);
        if (s.status != HttpFileStore::SaveStatus::Saved)
            errors->append(s.error);
        else
            written << path;
    };
    mergeEnv(result.environments, Environments::PublicFile);
    mergeEnv(result.privateEnvironments, Environments::PrivateFile);
    markImported(result, dir, httpFiles, written, errors);
    return written;
}

} // namespace verbscope::collections
