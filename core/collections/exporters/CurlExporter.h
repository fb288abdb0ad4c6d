// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/exporters/Exporter.h"

namespace verbscope::collections {

// curl command lines, one per request, variables resolved.
class CurlExporter
{
public:
    static QByteArray write(const Collection &collection, const ExportOptions &options, QStringList &warnings);
};

} // namespace verbscope::collections
