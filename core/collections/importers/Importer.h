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
    // Parsing JSON costs about 9 times the input in memory and .http or curl text about 20 times:
    // inputs above these limits are refused (result.error) unless `maxBytes` says otherwise.
    static constexpr qint64 DefaultMaxJsonBytes = 64 * 1024 * 1024;
    static constexpr qint64 DefaultMaxTextBytes = 16 * 1024 * 1024;
    static ImportResult import(
        const QByteArray &content, const QString &fileName, Format format = Format::Auto, qint64 maxBytes = 0);
    // Writes the files and merges the environments into `dir`; never overwrites an existing
    // .http file (a "-2" suffix is used and reported) and never writes through a symbolic link
    // below `dir` (an error names it). Records the files in `dir`'s import marker and lists the
    // references to local files and the environment that need consent (CollectionTrust) in
    // result.needsConsent. Returns the paths written.
    static QStringList writeTo(ImportResult &result, const QString &dir, QStringList *errors);
    // A file or folder name made of the item's name: no slashes, no control or line-break
    // characters, nothing Windows would refuse or merge, at most 120 bytes.
    static QString safeName(const QString &name);
};

} // namespace verbscope::collections
