// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/HttpFileStore.h"

#include "core/collections/Environments.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace verbscope::collections {

namespace {
FileStamp stampFor(const QFileInfo &fi, const QByteArray &content)
{
    FileStamp s;
    s.exists = true;
    s.modified = fi.lastModified();
    s.size = content.size();
    s.sha256 = QCryptographicHash::hash(content, QCryptographicHash::Sha256);
    return s;
}
} // namespace

FileStamp HttpFileStore::stampOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return stampFor(QFileInfo(path), f.readAll());
}

HttpFileStore::Loaded HttpFileStore::read(const QString &path)
{
    Loaded l;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        l.error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return l;
    }
    const QByteArray content = f.readAll();
    l.text = QString::fromUtf8(content);
    l.stamp = stampFor(QFileInfo(path), content);
    return l;
}

// A new file is opened with O_CREAT|O_EXCL (QIODevice::NewOnly), which never follows a symbolic
// link, not even a dangling one, so a planted link cannot send the content elsewhere; it is
// created with its final mode, so secrets are never readable by others, not even for a moment.
// Replacing a loaded file goes through QSaveFile, so a failed write leaves the old one intact.
HttpFileStore::Saved HttpFileStore::save(const QString &path, const QByteArray &content, const FileStamp &loaded)
{
    Saved s;
    if (!loaded.exists && QFileInfo(path).isSymLink()) {
        s.error = symLinkError(path);
        return s;
    }
    const FileStamp now = stampOf(path);
    if (!now.sameContent(loaded)) {
        s.status = SaveStatus::Conflict;
        s.error = loaded.exists
            ? (now.exists ? QStringLiteral("%1 was changed on disk (at %2) since it was loaded; not overwritten")
                                .arg(path, now.modified.toString(Qt::ISODate))
                          : QStringLiteral("%1 was deleted on disk since it was loaded; not recreated").arg(path))
            : QStringLiteral("%1 already exists; not overwritten").arg(path);
        return s;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    // The private environment file holds secrets: owner-only, whatever the umask says.
    const bool secret = QFileInfo(path).fileName() == QLatin1String(Environments::PrivateFile);
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!loaded.exists) {
        QFile f(path);
        const QFileDevice::Permissions mode = secret ? ownerOnly
                                                     : ownerOnly | QFileDevice::ReadGroup | QFileDevice::WriteGroup
                | QFileDevice::ReadOther | QFileDevice::WriteOther;
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, mode)) {
            s.error = QFileInfo(path).isSymLink() ? symLinkError(path)
                                                  : QStringLiteral("%1: %2").arg(path, f.errorString());
            return s;
        }
        if (f.write(content) != content.size() || !f.flush()) {
            s.error = QStringLiteral("%1: %2").arg(path, f.errorString());
            f.remove(); // a half-written new file is worse than none
            return s;
        }
        f.close();
    } else {
        QSaveFile f(path);
        const bool opened = f.open(QIODevice::WriteOnly);
        if (opened && secret)
            f.setPermissions(ownerOnly);
        if (!opened || f.write(content) != content.size() || !f.commit()) {
            s.error = QStringLiteral("%1: %2").arg(path, f.errorString());
            return s;
        }
    }
    s.status = SaveStatus::Saved;
    s.stamp = stampFor(QFileInfo(path), content);
    return s;
}

QString HttpFileStore::symLinkBelow(const QString &root, const QString &path)
{
    const QString base = QDir::cleanPath(QDir(root).absolutePath());
    QString current = QDir::cleanPath(QDir(root).absoluteFilePath(path));
    while (current.size() > base.size() && current.startsWith(base)) {
        if (QFileInfo(current).isSymLink())
            return current;
        current = QFileInfo(current).absolutePath();
    }
    return {};
}

QString HttpFileStore::symLinkError(const QString &link)
{
    const QFileInfo fi(link);
    return QStringLiteral("%1 in %2 is a symbolic link: not written")
        .arg(fi.fileName(), QDir::toNativeSeparators(fi.absolutePath()));
}

} // namespace verbscope::collections
