// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ExportCommand.h"

#include "cli/CliApp.h"
#include "core/collections/codegen/CodeExport.h"
#include "core/collections/exporters/Exporter.h"
#include "core/collections/exporters/PostmanExporter.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

// `export`: loads a collection and hands it to Exporter (core/collections); secrets are redacted
// there unless --include-secrets, never here.
namespace verbscope::cli {

using namespace verbscope::collections;

namespace {
bool hasEnvironmentFiles(const QString &root)
{
    const QDir dir(root);
    return QFileInfo::exists(dir.filePath(QLatin1String(Environments::PublicFile)))
        || QFileInfo::exists(dir.filePath(QLatin1String(Environments::PrivateFile)));
}

// `export --to http -o FILE` writes the environment files next to FILE, so the .http file runs
// there as it did in the collection: the public file as it is, the private one owner-only, its
// values REDACTED unless --include-secrets (the names stay, so the secrets keep their place). An
// existing different file is not replaced. Says what it wrote on stderr.
bool writeEnvironmentFiles(const Collection &collection, const QString &outDir, bool includeSecrets)
{
    const QDir from(collection.root()), to(outDir);
    bool ok = true;
    for (const char *name : { Environments::PublicFile, Environments::PrivateFile }) {
        const QString source = from.filePath(QLatin1String(name)), target = to.filePath(QLatin1String(name));
        if (!QFileInfo::exists(source))
            continue;
        if (QFileInfo(source).canonicalFilePath() == QFileInfo(target).canonicalFilePath())
            continue; // exported into the collection folder: the file is already there
        const bool isPrivate = name == Environments::PrivateFile;
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly)) {
            writeErrText(QStringLiteral("verbscope-cli export: %1: %2\n").arg(source, in.errorString()));
            ok = false;
            continue;
        }
        QByteArray data = in.readAll();
        if (isPrivate && !includeSecrets) {
            EnvironmentMap redacted = collection.environments().privateEnvironments();
            for (VariableMap &vars : redacted)
                for (QString &v : vars)
                    v = QString::fromLatin1(Exporter::Redacted);
            data = Environments::toJson(redacted);
        }
        if (QFile existing(target); existing.open(QIODevice::ReadOnly)) {
            if (existing.readAll() != data) {
                writeErrText(QStringLiteral("verbscope-cli export: %1 exists and differs; not replaced\n").arg(target));
                ok = false;
            }
            continue;
        }
        QSaveFile out(target);
        const bool opened = out.open(QIODevice::WriteOnly);
        if (opened && isPrivate)
            out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!opened || out.write(data) != data.size() || !out.commit()) {
            writeErrText(QStringLiteral("verbscope-cli export: %1: %2\n").arg(target, out.errorString()));
            ok = false;
            continue;
        }
        writeErrText(
            QStringLiteral("verbscope-cli export: wrote %1%2\n")
                .arg(target,
                    !isPrivate           ? QString()
                        : includeSecrets ? QStringLiteral(" (owner-only)")
                                         : QStringLiteral(" (owner-only; values REDACTED, use --include-secrets)")));
    }
    return ok;
}

// `export --to postman -o FILE` writes one *.postman_environment.json per environment next to
// FILE (PostmanExporter::environmentFiles: secrets REDACTED unless --include-secrets, then the
// file is owner-only).
bool writePostmanEnvironments(const Collection &collection, const QString &outDir, const ExportOptions &options)
{
    QStringList warnings;
    const QList<PostmanExporter::EnvironmentFile> files
        = PostmanExporter::environmentFiles(collection, options, warnings);
    for (const QString &w : std::as_const(warnings))
        writeErrText(QStringLiteral("verbscope-cli export: warning: %1\n").arg(w));
    bool ok = true;
    for (const PostmanExporter::EnvironmentFile &e : files) {
        const QString target = QDir(outDir).filePath(e.fileName);
        // The same environment exported before (or by Postman) is replaced, as FILE is; any other
        // file of that name is the user's and stays.
        if (QFile existing(target); existing.open(QIODevice::ReadOnly)) {
            const QJsonObject old = QJsonDocument::fromJson(existing.readAll()).object();
            if (old.value(QStringLiteral("name")).toString() != e.name
                || !old.value(QStringLiteral("values")).isArray()) {
                writeErrText(
                    QStringLiteral("verbscope-cli export: %1 exists and is not the Postman environment %2; not "
                                   "replaced\n")
                        .arg(target, e.name));
                ok = false;
                continue;
            }
        }
        QSaveFile out(target);
        const bool opened = out.open(QIODevice::WriteOnly);
        if (opened && options.includeSecrets)
            out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!opened || out.write(e.data) != e.data.size() || !out.commit()) {
            writeErrText(QStringLiteral("verbscope-cli export: %1: %2\n").arg(target, out.errorString()));
            ok = false;
            continue;
        }
        writeErrText(QStringLiteral("verbscope-cli export: wrote %1\n").arg(target));
    }
    return ok;
}
} // namespace

CommandLine ExportCommand::commandLine()
{
    CommandLine c;
    c.description = QStringLiteral(
        "Export a .http file or collection folder as Postman v2.1, HAR 1.2, curl, .http or Insomnia v4. "
        "Secrets are redacted unless --include-secrets. With --to http -o FILE the "
        "environment files are written next to FILE (the private one owner-only, its "
        "values redacted unless --include-secrets); with --to postman -o FILE each environment is written next to "
        "FILE as NAME.postman_environment.json (secrets redacted unless --include-secrets). A request that cannot be "
        "read is left "
        "out and named (exit status 2); the others are exported.");
    c.positionals.append({ QStringLiteral("PATH"), QStringLiteral("A .http file or a collection folder.") });
    c.options += QList<QCommandLineOption> {
        { QStringLiteral("to"),
            QStringLiteral(
                "postman, har, curl, http, insomnia, or code: httpie, wget, powershell, python, fetch, node, go, qt."),
            QStringLiteral("FORMAT") },
        { QStringLiteral("request"), QStringLiteral("Code targets: only the request with this name."),
            QStringLiteral("NAME") },
        { { QStringLiteral("o"), QStringLiteral("output") }, QStringLiteral("Write to FILE instead of stdout."),
            QStringLiteral("FILE") },
        { QStringLiteral("include-secrets"),
            QStringLiteral("Keep Authorization, Cookie, API keys and secret variables.") },
        { QStringLiteral("env"), QStringLiteral("Environment used to resolve variables (har, curl)."),
            QStringLiteral("NAME") },
    };
    return c;
}

// A request with a parse error is left out and named; the others are exported, and the exit
// status (2) says some were left out. QSaveFile leaves an existing output file untouched when
// writing fails. With --include-secrets the file is owner-only, as the private environment file is.
int ExportCommand::run(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = commandLine().parse(p, QStringLiteral("export"), arguments); early >= 0)
        return early;
    Exporter::Format format = Exporter::Format::Http;
    // curl stays with CurlExporter (its format since before code generation); the others are snippets.
    const QString to = p.value(QStringLiteral("to"));
    const codegen::CodeGenerator *generator
        = Exporter::parseFormat(to, &format) ? nullptr : codegen::CodeGenerator::byId(to);
    if (p.positionalArguments().size() != 1 || (!generator && !Exporter::parseFormat(to, &format))) {
        writeErrText(QStringLiteral("verbscope-cli export: expected PATH and --to postman|har|curl|http|insomnia|%1\n")
                         .arg(codegen::CodeGenerator::ids().join(QLatin1Char('|'))));
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("request")) && !generator && format != Exporter::Format::Curl) {
        writeErrText(QStringLiteral("verbscope-cli export: --request is for curl and the code targets\n"));
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("request")) && !generator)
        generator = codegen::CodeGenerator::byId(QStringLiteral("curl"));
    const Collection loaded = Collection::load(p.positionalArguments().constFirst());
    bool failed = false;
    for (const QString &e : loaded.errors()) {
        writeErrText(QStringLiteral("verbscope-cli export: %1\n").arg(e));
        failed = true;
    }
    if (failed)
        return ExitUsage;
    for (const ParseIssue &i : loaded.issues())
        if (i.warning)
            writeErrText(i.toString() + QLatin1Char('\n'));
    // One broken request never blocks the rest.
    const QList<BrokenRequest> broken = loaded.brokenRequests();
    for (const BrokenRequest &b : broken)
        writeErrText(QStringLiteral("verbscope-cli export: %1\n").arg(b.toString()));
    const Collection collection = loaded.readable();
    ExportOptions options;
    options.includeSecrets = p.isSet(QStringLiteral("include-secrets"));
    options.environment = p.value(QStringLiteral("env"));
    if (!options.environment.isEmpty() && !collection.environments().contains(options.environment)) {
        writeErrText(QStringLiteral("verbscope-cli export: no environment \"%1\"\n").arg(options.environment));
        return ExitUsage;
    }
    const ExportResult result = generator
        ? codegen::CodeExport::write(collection, *generator, options, p.value(QStringLiteral("request")))
        : Exporter::exportCollection(collection, format, options);
    for (const QString &w : result.warnings)
        writeErrText(QStringLiteral("verbscope-cli export: warning: %1\n").arg(w));
    if (!result.error.isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli export: %1; nothing written\n").arg(result.error));
        return ExitFailure;
    }
    const int done = broken.isEmpty() ? ExitOk : ExitUsage;
    if (!broken.isEmpty())
        writeErrText(
            QStringLiteral("verbscope-cli export: %1 request(s) not exported (see above); the others were exported\n")
                .arg(broken.size()));
    if (!p.isSet(QStringLiteral("output"))) {
        writeOut(result.data);
        if (!generator && format == Exporter::Format::Http && hasEnvironmentFiles(collection.root()))
            writeErrText(QStringLiteral("verbscope-cli export: the environment files are not written with the "
                                        "output on stdout (use -o FILE)\n"));
        return done;
    }
    QSaveFile out(p.value(QStringLiteral("output")));
    const bool opened = out.open(QIODevice::WriteOnly);
    if (opened && options.includeSecrets)
        out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!opened || out.write(result.data) != result.data.size() || !out.commit()) {
        writeErrText(QStringLiteral("verbscope-cli export: %1: %2\n").arg(out.fileName(), out.errorString()));
        return ExitFailure;
    }
    if (!generator && format == Exporter::Format::Http
        && !writeEnvironmentFiles(collection, QFileInfo(out.fileName()).absolutePath(), options.includeSecrets))
        return ExitFailure;
    if (!generator && format == Exporter::Format::Postman
        && !writePostmanEnvironments(collection, QFileInfo(out.fileName()).absolutePath(), options))
        return ExitFailure;
    return done;
}

} // namespace verbscope::cli
