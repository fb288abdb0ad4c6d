// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/exporters/Exporter.h"

namespace verbscope::collections {

// Postman Collection v2.1 (folders per file, requests as items).
class PostmanExporter
{
public:
    static QByteArray write(const Collection &collection, const ExportOptions &options, QStringList &warnings);
};

} // namespace verbscope::collections
