// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ImportCommand.h"

#include "cli/CliApp.h"
#include "cli/HistoryCommand.h"
#include "cli/TerminalText.h"
#include "core/collections/importers/HarResponses.h"
#include "core/collections/importers/Importer.h"
#include "core/collections/importers/PostmanImporter.h"
#include "core/http/Exchange.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

// `import`: Importer (core/collections) does the conversion; this command reads the file or stdin,
// writes the collection and reports, one line each, what could not be carried over.
namespace verbscope::cli {

using namespace verbscope::collections;

namespace {
// A Postman collection comes with its environments as separate files (Postman exports them one
// by one, `export --to postman` writes them next to the collection): those given after FILE and
// the *.postman_environment.json files next to FILE join the import. Any other format refuses
// extra files. Says on stderr which file is wrong and why.
bool importPostmanEnvironments(ImportResult &result, const QString &path, const QStringList &given)
{
    const bool postman = result.format.startsWith(QLatin1String("postman"));
    if (!postman && !given.isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli import: environment files go with a Postman collection only "
                                    "(this is %1)\n")
                         .arg(result.format));
        return false;
    }
    if (!postman)
        return true;
    QStringList files = given;
    if (path != QLatin1String("-")) {
        const QDir dir = QFileInfo(path).absoluteDir();
        const QFileInfo self(path);
        for (const QFileInfo &fi : dir.entryInfoList(
                 { QStringLiteral("*.postman_environment.json") }, QDir::Files | QDir::Readable, QDir::Name)) {
            const bool listed = std::any_of(given.begin(), given.end(),
                [&](const QString &g) { return QFileInfo(g).absoluteFilePath() == fi.absoluteFilePath(); });
            if (!listed && fi.absoluteFilePath() != self.absoluteFilePath())
                files << fi.filePath();
        }
    }
    for (const QString &envPath : std::as_const(files)) {
        QFile f(envPath);
        if (!f.open(QIODevice::ReadOnly)) {
            writeErrText(QStringLiteral("verbscope-cli import: %1: %2\n").arg(envPath, f.errorString()));
            return false;
        }
        QString error;
        if (!PostmanImporter::importEnvironment(f.readAll(), envPath, result, &error)) {
            writeErrText(QStringLiteral("verbscope-cli import: %1\n").arg(error));
            return false;
        }
        result.issues.append({ envPath, QStringLiteral("environment file"),
            QStringLiteral("imported into http-client.env.json (secrets: http-client.private.env.json)") });
    }
    return true;
}
} // namespace

CommandLine ImportCommand::commandLine()
{
    CommandLine c;
    c.description = QStringLiteral(
        "Import a Postman collection (v2.0/v2.1), an Insomnia export (v4 JSON or YAML, v5 YAML), a HAR 1.2 file, "
        "curl command lines or a .http file into a collection folder.");
    c.positionals.append({ QStringLiteral("FILE"), QStringLiteral("The file to import ('-' reads stdin).") });
    c.positionals.append({ QStringLiteral("[ENV_FILE...]"),
        QStringLiteral("Postman environment files to import with a Postman collection; the "
                       "*.postman_environment.json files next to FILE are imported too.") });
    c.options += QList<QCommandLineOption> {
        { QStringLiteral("into"), QStringLiteral("Collection folder to write into (default: the current folder)."),
            QStringLiteral("DIR"), QStringLiteral(".") },
        { QStringLiteral("format"), QStringLiteral("auto, postman, insomnia, har, curl or http (default auto)."),
            QStringLiteral("FORMAT"), QStringLiteral("auto") },
        { QStringLiteral("with-responses"),
            QStringLiteral("HAR only: also record each entry's response in the history.") },
        controlBytesOption(),
        { QStringLiteral("max-file-size"),
            QStringLiteral("Refuse inputs larger than MIB mebibytes (default 64 for JSON, 16 for .http and curl)."),
            QStringLiteral("MIB") },
    };
    return c;
}

// A parse error is a usage error (2) because the input was wrong, and so is a request that could
// only be written as a comment (a line break in a header value…); a file that cannot be written
// is ours (1). HAR responses are recorded only on request, as they fill the user's history.
int ImportCommand::run(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = commandLine().parse(p, QStringLiteral("import"), arguments); early >= 0)
        return early;
    if (p.positionalArguments().isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli import: expected one FILE\n"));
        return ExitUsage;
    }
    Importer::Format format = Importer::Format::Auto;
    if (!Importer::parseFormat(p.value(QStringLiteral("format")), &format)) {
        writeErrText(QStringLiteral(
            "verbscope-cli import: --format \"%1\": expected auto, postman, insomnia, har, curl or http\n")
                         .arg(p.value(QStringLiteral("format"))));
        return ExitUsage;
    }
    qint64 maxBytes = 0;
    if (p.isSet(QStringLiteral("max-file-size"))) {
        bool mibOk = false;
        const qint64 mib = p.value(QStringLiteral("max-file-size")).toLongLong(&mibOk);
        if (!mibOk || mib < 1 || mib > 1024 * 1024) {
            writeErrText(
                QStringLiteral("verbscope-cli import: --max-file-size \"%1\": expected a whole number of MiB, 1 or "
                               "more\n")
                    .arg(p.value(QStringLiteral("max-file-size"))));
            return ExitUsage;
        }
        maxBytes = mib * 1024 * 1024;
    }
    const QString path = p.positionalArguments().constFirst();
    QFile f;
    const bool ok = path == QLatin1String("-") ? f.open(stdin, QIODevice::ReadOnly)
                                               : (f.setFileName(path), f.open(QIODevice::ReadOnly));
    if (!ok) {
        writeErrText(QStringLiteral("verbscope-cli import: %1: %2\n").arg(path, f.errorString()));
        return ExitFailure;
    }
    const QByteArray input = f.readAll();
    ImportResult result
        = Importer::import(input, path == QLatin1String("-") ? QStringLiteral("stdin") : path, format, maxBytes);
    if (!result.error.isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli import: %1%2\n")
                         .arg(result.error,
                             result.error.contains(QLatin1String("above the limit"))
                                 ? QStringLiteral(" (--max-file-size MIB raises it)")
                                 : QString()));
        return ExitUsage;
    }
    if (!importPostmanEnvironments(result, path, p.positionalArguments().mid(1)))
        return ExitUsage;
    QStringList errors;
    const QStringList written = Importer::writeTo(result, p.value(QStringLiteral("into")), &errors);
    QString report
        = QStringLiteral("Imported %1 request(s) from %2 (%3):\n").arg(result.requestCount()).arg(path, result.format);
    for (const QString &w : written)
        report += QStringLiteral("  wrote %1\n").arg(QDir::current().relativeFilePath(w));
    if (result.issues.isEmpty()) {
        report += QStringLiteral("Everything was carried over.\n");
    } else {
        report += QStringLiteral("Not carried over as it was (%1):\n").arg(result.issues.size());
        for (const ImportIssue &i : std::as_const(result.issues))
            report += QStringLiteral("  %1\n").arg(i.toString());
    }
    // Imported files are untrusted (docs/collections.md, "Imported collections").
    if (!result.needsConsent.isEmpty()) {
        report += QStringLiteral("Sent only with your consent, as these files were imported (%1):\n")
                      .arg(result.needsConsent.size());
        for (const QString &c : std::as_const(result.needsConsent))
            report += QStringLiteral("  %1\n").arg(c);
    }
    if (p.isSet(QStringLiteral("with-responses"))) {
        if (!result.format.startsWith(QLatin1String("har"))) {
            errors << QStringLiteral("--with-responses applies to HAR files only (this is %1)").arg(result.format);
        } else {
            QStringList problems;
            const QList<http::Exchange> exchanges = exchangesFromHar(input, &problems);
            HistoryCommand::record(exchanges, QStringLiteral("import-har"));
            report += QStringLiteral("Recorded %1 response(s) in the history.\n").arg(exchanges.size());
            for (const QString &problem : std::as_const(problems))
                report += QStringLiteral("  %1\n").arg(problem);
        }
    }
    writeOutText(report.toUtf8(), QStringLiteral("the import report"));
    for (const QString &e : std::as_const(errors))
        writeErrText(QStringLiteral("verbscope-cli import: %1\n").arg(e));
    if (!errors.isEmpty())
        return ExitFailure;
    if (result.leftOut > 0) {
        writeErrText(QStringLiteral("verbscope-cli import: %1 request(s) of the source were not carried over; the "
                                    "report says which and why\n")
                         .arg(result.leftOut));
        if (result.commentedOut == 0)
            return ExitUsage;
    }
    // Like `send` with an invalid method or header: the input holds what cannot be a request.
    if (result.commentedOut > 0) {
        writeErrText(QStringLiteral("verbscope-cli import: %1 request(s) or variable(s) could not be written as "
                                    "such; they are in the file as comments, and the report says why\n")
                         .arg(result.commentedOut));
        return ExitUsage;
    }
    return ExitOk;
}

} // namespace verbscope::cli
