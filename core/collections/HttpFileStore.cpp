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

HttpFileStore::Saved HttpFileStore::save(const QString &path, const QByteArray &content, const FileStamp &loaded)
{
    Saved s;
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
    QSaveFile f(path);
    const bool opened = f.open(QIODevice::WriteOnly);
    // The private environment file holds secrets: owner-only, whatever the umask says.
    if (opened && QFileInfo(path).fileName() == QLatin1String(Environments::PrivateFile))
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!opened || f.write(content) != content.size() || !f.commit()) {
        s.error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return s;
    }
    s.status = SaveStatus::Saved;
    s.stamp = stampFor(QFileInfo(path), content);
    return s;
}

} // namespace verbscope::collections
