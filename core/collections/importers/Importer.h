// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/importers/ImportResult.h"

namespace verbscope::collections {

// Detects the format of a file to import and hands it to the right importer; writes the
// result into a collection folder.
class Importer
{
public:
    enum class Format { Auto, Postman, Insomnia, Har, Curl, Http };
    static bool parseFormat(const QString &name, Format *format);
    static Format detect(const QByteArray &content, const QString &fileName);
    static ImportResult import(const QByteArray &content, const QString &fileName, Format format = Format::Auto);
    // Writes the files and merges the environments into `dir`; never overwrites an existing
    // .http file (a "-2" suffix is used and reported) and never writes through a symbolic link
    // below `dir` (an error names it). Returns the paths written.
    static QStringList writeTo(ImportResult &result, const QString &dir, QStringList *errors);
    // A file or folder name made of the item's name: no slashes, no control or line-break
    // characters, nothing Windows would refuse or merge, at most 120 bytes.
    static QString safeName(const QString &name);
};

} // namespace verbscope::collections
