// SPDX-License-Identifier: GPL-3.0-or-later
// The importers (Postman, Insomnia JSON and YAML, HAR) on arbitrary bytes. The first byte picks the
// importer so one corpus reaches all three and the detection in Importer::import. Every imported
// file then goes through the writer and the parser: what was written as requests must read back
// as exactly those requests, and nothing written may hold more requests than were imported.
#include "FuzzSupport.h"
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileWriter.h"
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
        const collections::HttpFileWriter::Written w = collections::HttpFileWriter::writeVerified(f.file);
        if (!w.error.isEmpty()) {
            std::fprintf(stderr, "written:\n%s\n%s\n", qPrintable(w.text), qPrintable(w.error));
            fuzz::fail("the written file does not read back as the imported requests");
        }
        const collections::ParseResult back = collections::HttpFileParser::parse(w.text);
        fuzz::require(back.file.requests == w.expected.requests, "written requests read back differently");
        fuzz::require(back.file.requests.size() <= f.file.requests.size(), "more requests read back than imported");
        fuzz::require(back.file.requests.size() + w.commented.size() >= f.file.requests.size(),
            "a request was neither written nor reported as commented out");
    }
    return 0;
}
