// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ExportCommand.h"

#include "cli/CliApp.h"
#include "core/collections/codegen/CodeExport.h"
#include "core/collections/exporters/Exporter.h"

#include <QCommandLineParser>
#include <QSaveFile>

// `export`: loads a collection and hands it to Exporter (core/collections); secrets are redacted
// there unless --include-secrets, never here.
namespace verbscope::cli {

using namespace verbscope::collections;

CommandLine ExportCommand::commandLine()
{
    CommandLine c;
    c.description = QStringLiteral("Export a .http file or collection folder as Postman v2.1, HAR 1.2, curl or .http. "
                                   "Secrets are redacted unless --include-secrets; the private environment file "
                                   "is never exported.");
    c.positionals.append({ QStringLiteral("PATH"), QStringLiteral("A .http file or a collection folder.") });
    c.options += QList<QCommandLineOption> {
        { QStringLiteral("to"),
            QStringLiteral("postman, har, curl, http, or code: httpie, wget, powershell, python, fetch, node, go, qt."),
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

// Any parse error in the collection stops the export, so a half-read collection is never written;
// QSaveFile leaves an existing output file untouched when writing fails. With --include-secrets the
// file is owner-only, as the private environment file is.
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
        writeErrText(QStringLiteral("verbscope-cli export: expected PATH and --to postman|har|curl|http|%1\n")
                         .arg(codegen::CodeGenerator::ids().join(QLatin1Char('|'))));
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("request")) && !generator && format != Exporter::Format::Curl) {
        writeErrText(QStringLiteral("verbscope-cli export: --request is for curl and the code targets\n"));
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("request")) && !generator)
        generator = codegen::CodeGenerator::byId(QStringLiteral("curl"));
    const Collection collection = Collection::load(p.positionalArguments().constFirst());
    bool failed = false;
    for (const QString &e : collection.errors()) {
        writeErrText(QStringLiteral("verbscope-cli export: %1\n").arg(e));
        failed = true;
    }
    for (const ParseIssue &i : collection.issues()) {
        writeErrText(i.toString() + QLatin1Char('\n'));
        failed = failed || !i.warning;
    }
    if (failed)
        return ExitUsage;
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
    if (!p.isSet(QStringLiteral("output"))) {
        writeOut(result.data);
        return ExitOk;
    }
    QSaveFile out(p.value(QStringLiteral("output")));
    const bool opened = out.open(QIODevice::WriteOnly);
    if (opened && options.includeSecrets)
        out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!opened || out.write(result.data) != result.data.size() || !out.commit()) {
        writeErrText(QStringLiteral("verbscope-cli export: %1: %2\n").arg(out.fileName(), out.errorString()));
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace verbscope::cli
