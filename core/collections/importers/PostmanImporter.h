// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/importers/ImportResult.h"

namespace verbscope::collections {

// Postman Collection v2.0 and v2.1. Each folder becomes a `.http` file named after it, nested
// folders sit in subfolders ("Users.http", "Users/Admin.http"); root requests go into a file
// named after the collection. Auth becomes headers, collection variables file variables.
class PostmanImporter
{
public:
    static ImportResult import(const QByteArray &json);
    // A Postman environment file (`*.postman_environment.json`) into `result`: its `secret`
    // values into the private environment file, the others into the public one, under the
    // environment's name. A disabled value is left out and reported. Returns false (and sets
    // `error`, naming `fileName` and the line:column of a JSON error) when it is not one.
    static bool importEnvironment(
        const QByteArray &json, const QString &fileName, ImportResult &result, QString *error);
};

} // namespace verbscope::collections
