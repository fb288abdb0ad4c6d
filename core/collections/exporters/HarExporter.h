// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/exporters/Exporter.h"

namespace verbscope::collections {

// HAR 1.2 through http::HarWriter: variables resolved, one entry per request, each without a
// response (status 0), since a collection holds requests that have not been sent.
class HarExporter
{
public:
    static QByteArray write(const Collection &collection, const ExportOptions &options, QStringList &warnings);
};

} // namespace verbscope::collections
