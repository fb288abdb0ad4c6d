// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/importers/ImportResult.h"

#include <QJsonValue>

namespace verbscope::collections {

// Insomnia v4 exports (JSON or YAML) and v5 collections (YAML, Insomnia 10 and later): the tree
// is rebuilt from parentId or `children` (folders as for Postman), the base environment becomes
// "$shared", sub-environments named ones; private environments and secrets written in clear go to
// the private file. `{{ _.name }}` becomes `{{name}}`, `{% response %}` a request reference.
class InsomniaImporter
{
public:
    static ImportResult import(const QByteArray &content, const QString &fileName = QStringLiteral("insomnia"));
    // A YAML document as JSON (yaml-cpp); `error` says "file:line:column: not YAML: why".
    static QJsonValue yamlToJson(const QByteArray &yaml, const QString &fileName, QString *error);
    // True when a YAML text carries the marks of an Insomnia export (v4 `_type: export`, v5 `type:`).
    static bool looksLikeYamlExport(const QByteArray &content);
};

} // namespace verbscope::collections
