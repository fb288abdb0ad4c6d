// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/Environments.h"
#include "core/collections/HttpFile.h"
#include "core/collections/HttpFileStore.h"

namespace verbscope::collections {

struct CollectionFile {
    QString path; // absolute
    QString relativePath; // to the collection root, '/' separated
    ParseResult parsed;
    FileStamp stamp;
    QList<int> separatorLines; // of the `###` lines, 1-based: where each request's lines begin
};

// A request with an error in its lines (a header without a colon, a bad directive…): it is left
// out of Collection::readable(), and `run`, `export` and the app name it instead of refusing all.
struct BrokenRequest {
    QString file; // relative to the collection root
    int line = 0; // of its first line (the `###` separator, else the request line)
    QString name; // HttpRequest::displayName(), "(request)" when the parser kept none
    QList<ParseIssue> issues; // its errors
    QString toString() const; // "api.http:12: B: not readable: api.http:14:1: error: …"
};

// A folder of `.http` files (or one file) with its environments, loaded and parsed.
class Collection
{
public:
    // Parsing costs about 20 times a file's size in memory (a 54 MiB file of small requests took
    // 1.2 GB): a larger file is refused with an error instead.
    static constexpr qint64 DefaultMaxFileBytes = 16 * 1024 * 1024;

    // `path` is a directory (every *.http and *.rest below it, sorted) or a single file whose
    // directory holds the environment files. A file above `maxFileBytes` is left out with an error.
    static Collection load(const QString &path, qint64 maxFileBytes = DefaultMaxFileBytes);
    // "big.http: 54.0 MiB, above the limit of 16 MiB for a .http file"
    static QString sizeError(const QString &path, qint64 size, qint64 limit, const QString &what);

    QString root() const { return m_root; }
    QString name() const; // the folder's (or file's) base name
    const QList<CollectionFile> &files() const { return m_files; }
    const Environments &environments() const { return m_environments; }
    QStringList errors() const { return m_errors; } // I/O and environment file problems
    QList<ParseIssue> issues() const; // of every file
    // Requests whose lines (from their `###` to the next) hold an error.
    QList<BrokenRequest> brokenRequests() const;
    // This collection without its broken requests; the other requests of their files stay, with
    // their warnings. Export and run work on this.
    Collection readable() const;
    // The same for one file's text outside a collection (`import` of a .http file): `parsed`
    // without its broken requests, each listed in `broken`.
    static ParseResult readablePart(
        const QString &text, const QString &relativePath, const ParseResult &parsed, QList<BrokenRequest> *broken);

private:
    QString m_root;
    QString m_name;
    QList<CollectionFile> m_files;
    Environments m_environments;
    QStringList m_errors;
};

} // namespace verbscope::collections
