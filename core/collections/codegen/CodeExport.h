// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/codegen/CodeGenerator.h"
#include "core/collections/exporters/Exporter.h"

namespace verbscope::codegen {

// `export --to httpie|wget|…`: every request of a collection (or those named `only`) as a
// snippet of one target, variables resolved and secrets redacted as for curl.
class CodeExport
{
public:
    static collections::ExportResult write(const collections::Collection &collection, const CodeGenerator &generator,
        const collections::ExportOptions &options, const QString &only = {});
    // The spec `run` would send for a resolved request (after redaction, for exporting).
    static http::RequestSpec specOf(const collections::Exporter::Resolved &resolved);
};

} // namespace verbscope::codegen
