// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/Collection.h"
#include "core/collections/RequestPipeline.h"

#include <QSet>

namespace verbscope::collections {

struct ExportOptions {
    bool includeSecrets = false; // keep Authorization, Cookie, API keys and private values
    QString environment; // resolves {{variables}} for formats without them (HAR, curl)
};

struct ExportResult {
    QByteArray data;
    QStringList warnings; // what the target format cannot express, and what was redacted
    QString error; // the export could not be written correctly; `data` is empty
};

// Writes a collection as Postman v2.1, HAR 1.2, curl command lines, one `.http` file or Insomnia v4.
// Secrets are replaced by REDACTED unless asked for; the private environment file is never
// copied into an export.
class Exporter
{
public:
    enum class Format { Postman, Har, Curl, Http, Insomnia };
    static bool parseFormat(const QString &name, Format *format);
    static ExportResult exportCollection(const Collection &collection, Format format, const ExportOptions &options);

    // Authorization, Proxy-Authorization, Cookie and API-key-like headers.
    static bool isSecretHeader(const QString &name);
    // Variable names that hold secrets: those of the private file, and names like *token*.
    static QSet<QString> secretVariables(const Collection &collection);
    static constexpr const char *Redacted = "REDACTED";
    // The value to write for a header: REDACTED for a secret literal; a value made only of
    // {{variable}} references and a scheme word ("Bearer {{token}}") is kept.
    static QString headerValue(const QString &name, const QString &value, const ExportOptions &options);
    // The URL to write: a user-info password and secret query values (http::redactUrl) become
    // REDACTED; {{variable}} references are kept.
    static QString url(const QString &url, const ExportOptions &options);

    struct Resolved {
        QString file; // relative path
        const HttpRequest *request = nullptr;
        ResolvedRequest resolved;
        http::RequestOptions options; // what the request's directives say, as `run` would send it
    };
    // Every request through the request pipeline (secrets redacted unless asked for), for the
    // formats that have no variables; what stays unresolved is warned about.
    static QList<Resolved> resolveAll(
        const Collection &collection, const ExportOptions &options, QStringList &warnings);
};

} // namespace verbscope::collections
