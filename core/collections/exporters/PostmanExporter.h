// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/exporters/Exporter.h"

namespace verbscope::collections {

// Postman Collection v2.1 (folders per file, requests as items).
class PostmanExporter
{
public:
    static QByteArray write(const Collection &collection, const ExportOptions &options, QStringList &warnings);

    struct EnvironmentFile {
        QString name; // the environment's name
        QString fileName; // "staging.postman_environment.json"
        QByteArray data;
    };
    // One Postman environment file per named environment: its public values as `default`, its
    // private ones (and the private $shared ones, which Postman has no place for) as `secret`,
    // REDACTED unless options.includeSecrets. Public $shared values are collection variables
    // (write), not repeated here.
    static QList<EnvironmentFile> environmentFiles(
        const Collection &collection, const ExportOptions &options, QStringList &warnings);
};

} // namespace verbscope::collections
