// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/exporters/Exporter.h"

namespace verbscope::collections {

// Insomnia v4 JSON (`_type: export`, `__export_format: 4`), which every Insomnia release imports:
// a folder per file (nested by directory), `{{x}}` as `{{ _.x }}`, request references as
// `{% response %}` tags, environments as the base environment and sub-environments. What Insomnia
// cannot hold (file variables, directives other than @no-redirect, handlers) is warned about.
class InsomniaExporter
{
public:
    static QByteArray write(const Collection &collection, const ExportOptions &options, QStringList &warnings);
};

} // namespace verbscope::collections
