// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/Environments.h"
#include "core/collections/HttpFile.h"
#include "core/collections/RequestResolver.h"

#include <QStringList>

namespace verbscope::collections {

// Imported collections are untrusted, as an IDE treats a project it did not create: an import
// records the files it wrote in a `.verbscope-imported` marker in its target folder, and a request
// of such a file that reads a file outside that folder (or the private environment file) or the
// process environment is sent only with the user's consent (`run --allow-local-files`,
// `--allow-env`, `--trust`; a question in the app). Files the user wrote are never marked.
class CollectionTrust
{
public:
    static constexpr const char *MarkerFile = ".verbscope-imported";

    // Where a `.http` file came from: the marker folder of the import that wrote it, if any.
    struct Origin {
        QString markerDir; // empty: not written by an import
        bool trusted = false; // the user trusted the folder (run --trust, "Allow" in the app)
        bool needsConsent() const { return !markerDir.isEmpty() && !trusted; }
    };
    // The nearest marker in the file's folder or above that lists the file.
    static Origin originOf(const QString &httpFile);

    // The references that need consent for a file of this origin: files outside the marker's
    // folder (symbolic links followed), the private environment file, process variables.
    static QList<LocalReference> needingConsent(const Origin &origin, const QList<LocalReference> &references);
    // Every reference of the requests of `file` (at `path`, named `shown` in messages) under each of
    // `environments`, without reading any file.
    static QList<LocalReference> scan(
        const HttpFile &file, const QString &path, const QString &shown, const Environments &environments);

    // After an import: adds an entry (source, format, time, files relative to `dir`, references)
    // to `dir`'s marker.
    static bool recordImport(const QString &dir, const QString &source, const QString &format, const QStringList &files,
        const QList<LocalReference> &references, QString *error);
    // Marks every import recorded in `markerDir` as trusted; later imports are not.
    static bool trust(const QString &markerDir, QString *error);
};

} // namespace verbscope::collections
