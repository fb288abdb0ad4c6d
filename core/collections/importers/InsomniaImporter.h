// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/importers/ImportResult.h"

namespace verbscope::collections {

// Insomnia v4 exports: the tree is rebuilt from parentId (folders as for Postman), the base
// environment becomes "$shared", sub-environments named ones; private environments go to the
// private file. `{{ _.name }}` becomes `{{name}}`.
class InsomniaImporter
{
public:
    static ImportResult import(const QByteArray &json);
};

} // namespace verbscope::collections
