// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON importers (Postman, Insomnia, HAR) on arbitrary bytes. The first byte picks the
// importer so one corpus reaches all three and the detection in Importer::import.
#include "FuzzSupport.h"
#include "core/collections/importers/HarImporter.h"
#include "core/collections/importers/Importer.h"
#include "core/collections/importers/InsomniaImporter.h"
#include "core/collections/importers/PostmanImporter.h"

using namespace verbscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray json = fuzz::bytes(data + 1, size - 1);
    collections::ImportResult result;
    switch (data[0] % 4) {
    case 0: result = collections::PostmanImporter::import(json); break;
    case 1: result = collections::InsomniaImporter::import(json); break;
    case 2: result = collections::HarImporter::import(json, QStringLiteral("fuzz")); break;
    default: result = collections::Importer::import(json, QStringLiteral("fuzz.json")); break;
    }
    fuzz::require(result.error.isEmpty() || result.files.isEmpty(), "an import that failed still produced files");
    for (const collections::ImportedFile &f : result.files) {
        fuzz::require(!f.relativePath.isEmpty(), "imported file without a name");
        const QStringList segments = f.relativePath.split(QLatin1Char('/'));
        fuzz::require(!segments.contains(QLatin1String("..")), "imported file name escapes the folder");
        fuzz::require(!f.relativePath.startsWith(QLatin1Char('/')), "imported file name is absolute");
    }
    return 0;
}
