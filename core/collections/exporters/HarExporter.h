// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/exporters/Exporter.h"

namespace verbscope::collections {

// HAR 1.2: variables resolved, one entry per request, no responses.
class HarExporter
{
public:
    static QByteArray write(const Collection &collection, const ExportOptions &options, QStringList &warnings);
};

} // namespace verbscope::collections
