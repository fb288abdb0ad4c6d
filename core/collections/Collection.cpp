// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/Collection.h"

#include "core/collections/HttpFileParser.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QMap>

namespace verbscope::collections {

namespace {
QList<int> separatorLines(const QString &text)
{
    QList<int> out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (lines.at(i).startsWith(QLatin1String("###")))
            out << int(i + 1);
    return out;
}
} // namespace

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
        f.separatorLines = separatorLines(loaded.text);
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

QString BrokenRequest::toString() const
{
    QStringList why;
    for (const ParseIssue &i : issues)
        why << i.toString();
    return QStringLiteral("%1:%2: %3: not readable, left out: %4")
        .arg(file)
        .arg(line)
        .arg(name, why.join(QStringLiteral("; ")));
}

namespace {
// A file is cut at its `###` lines; an error belongs to the piece it is in, and so does each
// request. Piece 0 is what comes before the first separator.
int pieceOf(const CollectionFile &f, int line)
{
    int piece = 0;
    for (const int s : f.separatorLines)
        if (s <= line)
            ++piece;
    return piece;
}

// The errors of each piece of `f` that has some.
QMap<int, QList<ParseIssue>> errorsByPiece(const CollectionFile &f)
{
    QMap<int, QList<ParseIssue>> out;
    for (const ParseIssue &i : f.parsed.issues)
        if (!i.warning)
            out[pieceOf(f, i.line)].append(i);
    return out;
}
} // namespace

QList<BrokenRequest> Collection::brokenRequests() const
{
    QList<BrokenRequest> broken;
    for (const CollectionFile &f : m_files) {
        const QMap<int, QList<ParseIssue>> errors = errorsByPiece(f);
        for (auto it = errors.begin(); it != errors.end(); ++it) {
            BrokenRequest b { f.relativePath, it.key() == 0 ? 1 : f.separatorLines.at(it.key() - 1), {}, it.value() };
            // The parser may have kept the request or not: its name when there is one.
            for (const HttpRequest &r : f.parsed.file.requests)
                if (pieceOf(f, r.line) == it.key()) {
                    b.name = r.displayName();
                    break;
                }
            if (b.name.isEmpty())
                b.name = it.key() == 0 ? QStringLiteral("(before the first ###)") : QStringLiteral("(request)");
            broken.append(b);
        }
    }
    return broken;
}

ParseResult Collection::readablePart(
    const QString &text, const QString &relativePath, const ParseResult &parsed, QList<BrokenRequest> *broken)
{
    Collection c;
    CollectionFile f;
    f.relativePath = relativePath;
    f.parsed = parsed;
    f.separatorLines = separatorLines(text);
    c.m_files << f;
    *broken = c.brokenRequests();
    return c.readable().m_files.constFirst().parsed;
}

Collection Collection::readable() const
{
    Collection c = *this;
    for (CollectionFile &f : c.m_files) {
        const QMap<int, QList<ParseIssue>> errors = errorsByPiece(f);
        QList<HttpRequest> kept;
        for (const HttpRequest &r : std::as_const(f.parsed.file.requests))
            if (!errors.contains(pieceOf(f, r.line)))
                kept << r;
        f.parsed.file.requests = kept;
        QList<ParseIssue> warnings;
        for (const ParseIssue &i : std::as_const(f.parsed.issues))
            if (i.warning)
                warnings << i;
        f.parsed.issues = warnings;
    }
    return c;
}

} // namespace verbscope::collections
