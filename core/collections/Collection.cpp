// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/Collection.h"

#include "core/collections/HttpFileParser.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace verbscope::collections {

QString Collection::sizeError(const QString &path, qint64 size, qint64 limit, const QString &what)
{
    const double mib = 1024.0 * 1024.0;
    return QStringLiteral("%1: %2 MiB, above the limit of %3 MiB for %4")
        .arg(path)
        .arg(double(size) / mib, 0, 'f', 1)
        .arg(double(limit) / mib, 0, 'g', 6)
        .arg(what);
}

Collection Collection::load(const QString &path, qint64 maxFileBytes)
{
    Collection c;
    const QFileInfo fi(path);
    QStringList paths;
    if (fi.isDir()) {
        c.m_root = fi.absoluteFilePath();
        c.m_name = fi.fileName();
        QDirIterator it(c.m_root, { QStringLiteral("*.http"), QStringLiteral("*.rest") }, QDir::Files,
            QDirIterator::Subdirectories);
        while (it.hasNext())
            paths << it.next();
        paths.sort();
    } else if (fi.isFile()) {
        c.m_root = fi.absolutePath();
        c.m_name = fi.completeBaseName();
        paths << fi.absoluteFilePath();
    } else {
        c.m_errors << QStringLiteral("%1: no such file or directory").arg(path);
        return c;
    }
    const QDir root(c.m_root);
    for (const QString &p : std::as_const(paths)) {
        if (const qint64 size = QFileInfo(p).size(); size > maxFileBytes) {
            c.m_errors << sizeError(p, size, maxFileBytes, QStringLiteral("a .http file"));
            continue;
        }
        const HttpFileStore::Loaded loaded = HttpFileStore::read(p);
        if (!loaded.error.isEmpty()) {
            c.m_errors << loaded.error;
            continue;
        }
        CollectionFile f;
        f.path = p;
        f.relativePath = root.relativeFilePath(p);
        f.parsed = HttpFileParser::parse(loaded.text, f.relativePath);
        f.stamp = loaded.stamp;
        c.m_files.append(f);
    }
    c.m_environments = Environments::load(c.m_root);
    c.m_errors += c.m_environments.errors();
    return c;
}

QString Collection::name() const
{
    return m_name;
}

QList<ParseIssue> Collection::issues() const
{
    QList<ParseIssue> all;
    for (const CollectionFile &f : m_files)
        all += f.parsed.issues;
    return all;
}

} // namespace verbscope::collections
