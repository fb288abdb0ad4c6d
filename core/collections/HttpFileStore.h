// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace verbscope::collections {

// What a file looked like when it was read: a save compares it with the disk first.
struct FileStamp {
    bool exists = false;
    QDateTime modified;
    qint64 size = -1;
    QByteArray sha256;
    bool sameContent(const FileStamp &o) const { return exists == o.exists && size == o.size && sha256 == o.sha256; }
};

// Reads and writes `.http` and environment files. Replacing a file is atomic (QSaveFile) and
// refused when someone else changed it since it was read; a new file is created exclusively and
// never through a symbolic link.
class HttpFileStore
{
public:
    struct Loaded {
        QString text;
        FileStamp stamp;
        QString error;
    };
    enum class SaveStatus { Saved, Conflict, Failed };
    struct Saved {
        SaveStatus status = SaveStatus::Failed;
        QString error;
        FileStamp stamp; // the new stamp when saved
    };

    static FileStamp stampOf(const QString &path);
    static Loaded read(const QString &path);
    // `loaded` is the stamp from read() (or a default one for a new file that must not exist yet).
    static Saved save(const QString &path, const QByteArray &content, const FileStamp &loaded);
    // The first symbolic link on the way from `root` (itself not checked: the user chose it) down
    // to `path`, or an empty string. Writers into a target folder refuse such a path.
    static QString symLinkBelow(const QString &root, const QString &path);
    static QString symLinkError(const QString &link);
};

} // namespace verbscope::collections
