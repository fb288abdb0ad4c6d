// SPDX-License-Identifier: GPL-3.0-or-later
// The curl command importer on arbitrary pasted text (quotes, escapes, continuations, options).
#include "FuzzSupport.h"
#include "core/collections/importers/CurlImporter.h"

using namespace verbscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    QString error;
    const QList<QStringList> commands = collections::CurlImporter::splitCommands(text, &error);
    // A shell syntax error keeps the commands read before it, and the import says so.
    for (const QStringList &c : commands)
        fuzz::require(!c.isEmpty(), "an empty command");
    const collections::ImportResult result = collections::CurlImporter::import(text, QStringLiteral("fuzz"));
    if (!error.isEmpty() && result.error.isEmpty()) {
        bool reported = false;
        for (const collections::ImportIssue &issue : result.issues)
            reported = reported || issue.why.contains(error);
        fuzz::require(reported, "a shell syntax error was not reported");
    }
    fuzz::require(result.error.isEmpty() || result.files.isEmpty(), "an import that failed still produced files");
    for (const collections::ImportIssue &issue : result.issues)
        fuzz::require(!issue.why.isEmpty() || !issue.what.isEmpty(), "issue without an explanation");
    return 0;
}
