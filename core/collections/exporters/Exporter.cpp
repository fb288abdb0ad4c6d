// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/exporters/Exporter.h"

#include "core/collections/HttpFileWriter.h"
#include "core/collections/exporters/CurlExporter.h"
#include "core/collections/exporters/HarExporter.h"
#include "core/collections/exporters/InsomniaExporter.h"
#include "core/collections/exporters/PostmanExporter.h"
#include "core/http/Secrets.h"

#include <QRegularExpression>

namespace verbscope::collections {

bool Exporter::parseFormat(const QString &name, Format *format)
{
    const QString n = name.toLower();
    if (n == QLatin1String("postman"))
        *format = Format::Postman;
    else if (n == QLatin1String("har"))
        *format = Format::Har;
    else if (n == QLatin1String("curl"))
        *format = Format::Curl;
    else if (n == QLatin1String("http"))
        *format = Format::Http;
    else if (n == QLatin1String("insomnia"))
        *format = Format::Insomnia;
    else
        return false;
    return true;
}

bool Exporter::isSecretHeader(const QString &name)
{
    return http::isSecretHeaderName(QStringView(name));
}

QSet<QString> Exporter::secretVariables(const Collection &collection)
{
    QSet<QString> names = collection.environments().secretNames();
    auto consider = [&](const QString &n) {
        if (http::isSecretName(n))
            names.insert(n);
    };
    for (const VariableMap &m : collection.environments().publicEnvironments())
        for (auto it = m.begin(); it != m.end(); ++it)
            consider(it.key());
    for (const CollectionFile &f : collection.files()) {
        for (const FileVariable &v : f.parsed.file.variables)
            consider(v.name);
        for (const HttpRequest &r : f.parsed.file.requests)
            for (const FileVariable &v : r.variables)
                consider(v.name);
    }
    return names;
}

QString Exporter::headerValue(const QString &name, const QString &value, const ExportOptions &options)
{
    if (options.includeSecrets || !isSecretHeader(name))
        return value;
    static const QRegularExpression refsOnly(
        QStringLiteral("^\\s*(?:(?:Bearer|Basic|Digest|Token|Bot)\\s+)?(?:\\{\\{[^{}]+\\}\\}\\s*)+$"),
        QRegularExpression::CaseInsensitiveOption);
    if (refsOnly.match(value).hasMatch())
        return value;
    return QString::fromLatin1(Redacted);
}

QString Exporter::url(const QString &url, const ExportOptions &options)
{
    return options.includeSecrets ? url : http::redactUrl(url, QString::fromLatin1(Redacted));
}

QList<Exporter::Resolved> Exporter::resolveAll(
    const Collection &collection, const ExportOptions &options, QStringList &warnings)
{
    QList<Resolved> all;
    const VariableMap env = collection.environments().variables(options.environment);
    RequestContext context;
    context.environment = env;
    context.environmentVerifiesTls = collection.environments().verifiesTls(options.environment);
    if (!options.includeSecrets)
        context.resolve.redacted = secretVariables(collection);
    QSet<QString> unresolved;
    bool redacted = false;
    for (const CollectionFile &f : collection.files()) {
        const HttpFile &file = f.parsed.file;
        for (qsizetype i = 0; i < file.requests.size(); ++i) {
            Resolved r;
            r.file = f.relativePath;
            r.request = &file.requests.at(i);
            context.resolve.shownPath = f.relativePath;
            const PreparedRequest prepared = RequestPipeline::prepare(file, i, f.path, context);
            r.resolved = prepared.resolved;
            r.options = prepared.spec.options;
            // A directive that cannot be read (`@timeout soon`) is left out of the export: say so.
            warnings += prepared.directiveProblems;
            for (const UnresolvedVariable &u : r.resolved.unresolved)
                unresolved.insert(u.name);
            const QString url = Exporter::url(r.resolved.url, options);
            redacted = redacted || url != r.resolved.url;
            r.resolved.url = url;
            for (HeaderLine &h : r.resolved.headers) {
                const QString v = headerValue(h.name, h.value, options);
                redacted = redacted || v != h.value;
                h.value = v;
            }
            all.append(r);
        }
    }
    if (redacted)
        warnings << QStringLiteral("secret values were replaced by REDACTED (use --include-secrets to keep them)");
    if (!unresolved.isEmpty()) {
        QStringList names = unresolved.values();
        names.sort();
        warnings << QStringLiteral("unresolved variables left as {{name}}: %1%2")
                        .arg(names.join(QStringLiteral(", ")),
                            options.environment.isEmpty() ? QStringLiteral(" (choose an environment with --env)")
                                                          : QString());
    }
    return all;
}

namespace {
QByteArray writeHttp(const Collection &collection, const ExportOptions &options, QStringList &warnings, QString &error)
{
    // All files in one: file variables merged (later files win, conflicts reported).
    HttpFile out;
    const QSet<QString> secrets = options.includeSecrets ? QSet<QString>() : Exporter::secretVariables(collection);
    QMap<QString, QString> seen;
    bool redacted = false;
    auto redactVar = [&](FileVariable v) {
        if (secrets.contains(v.name)) {
            v.value = QString::fromLatin1(Exporter::Redacted);
            redacted = true;
        }
        return v;
    };
    for (const CollectionFile &f : collection.files()) {
        for (const FileVariable &v : f.parsed.file.variables) {
            if (seen.contains(v.name) && seen.value(v.name) != v.value)
                warnings << QStringLiteral(
                    "%1: file variable @%2 differs from another file's; one file holds one value")
                                .arg(f.relativePath, v.name);
            seen.insert(v.name, v.value);
        }
    }
    for (auto it = seen.begin(); it != seen.end(); ++it)
        out.variables.append(redactVar({ it.key(), it.value(), 0 }));
    for (const CollectionFile &f : collection.files()) {
        for (HttpRequest r : f.parsed.file.requests) {
            for (HeaderLine &h : r.headers) {
                const QString v = Exporter::headerValue(h.name, h.value, options);
                redacted = redacted || v != h.value;
                h.value = v;
            }
            const QString target = Exporter::url(r.target, options);
            redacted = redacted || target != r.target;
            r.target = target;
            for (FileVariable &v : r.variables)
                v = redactVar(v);
            if (collection.files().size() > 1 && r.title.isEmpty())
                r.title = f.relativePath;
            out.requests.append(r);
        }
    }
    if (redacted)
        warnings << QStringLiteral("secret values were replaced by REDACTED (use --include-secrets to keep them)");
    warnings += HttpFileWriter::httpyacCaveats(out);
    const HttpFileWriter::Written written = HttpFileWriter::writeVerified(out);
    warnings += written.warnings;
    error = written.error;
    return error.isEmpty() ? written.text.toUtf8() : QByteArray();
}
} // namespace

ExportResult Exporter::exportCollection(const Collection &collection, Format format, const ExportOptions &options)
{
    ExportResult r;
    switch (format) {
    case Format::Postman: r.data = PostmanExporter::write(collection, options, r.warnings); break;
    case Format::Har: r.data = HarExporter::write(collection, options, r.warnings); break;
    case Format::Curl: r.data = CurlExporter::write(collection, options, r.warnings); break;
    case Format::Http: r.data = writeHttp(collection, options, r.warnings, r.error); break;
    case Format::Insomnia: r.data = InsomniaExporter::write(collection, options, r.warnings); break;
    }
    r.warnings.removeDuplicates();
    return r;
}

} // namespace verbscope::collections
