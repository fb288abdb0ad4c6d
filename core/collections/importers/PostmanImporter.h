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
};

} // namespace verbscope::collections
