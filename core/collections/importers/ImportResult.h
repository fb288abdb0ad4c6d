// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/Environments.h"
#include "core/collections/HttpFile.h"

namespace verbscope::collections {

// Something the import could not carry over as it was: where, what, and why.
struct ImportIssue {
    QString item; // "Users/Create user", "entry 3", "command 2"
    QString what;
    QString why;
    QString toString() const { return QStringLiteral("%1: %2: %3").arg(item, what, why); }
};

struct ImportedFile {
    QString relativePath; // "Users.http", "Users/Admin.http"
    HttpFile file;
};

struct ImportResult {
    QString format; // "postman 2.1", "insomnia 4", "har 1.2", "curl", "http"
    QList<ImportedFile> files;
    EnvironmentMap environments; // → http-client.env.json
    EnvironmentMap privateEnvironments; // → http-client.private.env.json
    QList<ImportIssue> issues;
    QString error; // the input could not be read at all
    // Requests and variables Importer::writeTo could only write as comments: `import` fails.
    int commentedOut = 0;
    // Requests of the source not written at all (a WebSocket or gRPC request…): `import` says how
    // many and fails, as for commentedOut; the issues say which.
    int leftOut = 0;
    QString source; // the file imported, as given ("stdin" for standard input)
    QStringList needsConsent; // "api.http:4: reads /etc/hostname": what `run` sends only when allowed (writeTo)

    int requestCount() const
    {
        int n = 0;
        for (const ImportedFile &f : files)
            n += int(f.file.requests.size());
        return n;
    }
};

} // namespace verbscope::collections
