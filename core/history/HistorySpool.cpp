// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistorySpool.h"

#include "core/history/HistoryRows.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <atomic>

namespace verbscope::history {

namespace {
constexpr quint32 Magic = 0x56535045; // "VSPE"
constexpr quint32 Trailer = 0x454E4421; // "END!"
constexpr quint32 FormatVersion = 1;
constexpr QDataStream::Version StreamVersion = QDataStream::Qt_6_4;
const QString Suffix = QStringLiteral(".pending");
const QString TemporarySuffix = QStringLiteral(".pending.tmp");
constexpr QFileDevice::Permissions FileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions DirMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr quint32 MaxCount = 1'000'000; // a sanity bound against a damaged count

} // namespace

bool HistorySpool::makeDir(const QString &dir)
{
    const QFileInfo parent(QFileInfo(dir).absolutePath());
    const bool parentExisted = parent.exists();
    if (!QDir().mkpath(dir))
        return false;
    if (!parentExisted) // the history folder itself, made here before the database
        QFile::setPermissions(parent.absoluteFilePath(), DirMode);
    if (QFile::permissions(dir) != DirMode)
        QFile::setPermissions(dir, DirMode);
    return true;
}

namespace {
void writeRow(QDataStream &out, const HistoryRow &row)
{
    out << row.columns << quint32(row.bodies.size());
    for (const auto &[kind, bytes] : row.bodies)
        out << kind << bytes;
    out << row.search;
}

bool readRow(QDataStream &in, HistoryRow &row)
{
    quint32 bodies = 0;
    in >> row.columns >> bodies;
    if (in.status() != QDataStream::Ok || bodies > 16)
        return false;
    for (quint32 i = 0; i < bodies; ++i) {
        QString kind;
        QByteArray bytes;
        in >> kind >> bytes;
        row.bodies.append({ kind, bytes });
    }
    in >> row.search;
    return in.status() == QDataStream::Ok;
}
} // namespace

QString HistorySpool::dirFor(const QString &databasePath)
{
    return QFileInfo(databasePath).dir().filePath(QStringLiteral("pending"));
}

bool HistorySpool::write(const QString &dir, const QList<HistoryEntryRows> &entries, QString *error)
{
    if (!makeDir(dir)) {
        *error = QStringLiteral("cannot create the folder %1").arg(dir);
        return false;
    }
    // Sorted by name, files come out in the order they were written (the sequence orders one
    // process's files within a millisecond); the random part keeps names unique across machines
    // that share the folder.
    static std::atomic<quint32> sequence { 0 };
    const QString name = QStringLiteral("%1-%2-%3-%4")
                             .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz")))
                             .arg(QCoreApplication::applicationPid())
                             .arg(sequence.fetch_add(1), 6, 10, QLatin1Char('0'))
                             .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const QString temporary = QDir(dir).filePath(name + TemporarySuffix);
    QFile f(temporary);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, FileMode)) {
        *error = QStringLiteral("cannot write %1: %2").arg(temporary, f.errorString());
        return false;
    }
    QDataStream out(&f);
    out.setVersion(StreamVersion);
    out << Magic << FormatVersion << quint32(entries.size());
    for (const HistoryEntryRows &e : entries) {
        writeRow(out, e.row);
        out << quint32(e.checks.size());
        for (const auto &[id, row] : e.checks) {
            out << id;
            writeRow(out, row);
        }
        out << e.diagnosis;
    }
    out << Trailer;
    // No fsync: losing the newest entries to a power cut is the same risk SQLite's
    // synchronous=NORMAL takes, and the database itself is never touched here.
    if (out.status() != QDataStream::Ok || !f.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(temporary, f.errorString());
        f.remove();
        return false;
    }
    f.close();
    const QString final = QDir(dir).filePath(name + Suffix);
    if (!QFile::rename(temporary, final)) {
        *error = QStringLiteral("cannot rename %1 to %2").arg(temporary, final);
        QFile::remove(temporary);
        return false;
    }
    return true;
}

QStringList HistorySpool::files(const QString &dir)
{
    QStringList out;
    const QDir d(dir);
    if (!d.exists())
        return out;
    for (const QString &name : d.entryList({ QStringLiteral("*") + Suffix }, QDir::Files, QDir::Name))
        out << d.filePath(name);
    return out;
}

int HistorySpool::count(const QString &dir)
{
    int n = 0;
    for (QDirIterator it(dir, { QStringLiteral("*") + Suffix }, QDir::Files); it.hasNext(); it.next())
        ++n;
    return n;
}

bool HistorySpool::read(const QString &file, QList<HistoryEntryRows> &result, QString *error)
{
    result.clear();
    QList<HistoryEntryRows> entries; // handed out only when the whole file was read
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    QDataStream in(&f);
    in.setVersion(StreamVersion);
    quint32 magic = 0, version = 0, count = 0;
    in >> magic >> version >> count;
    if (in.status() != QDataStream::Ok || magic != Magic) {
        *error = QStringLiteral("not a pending history file");
        return false;
    }
    if (version != FormatVersion) {
        *error = QStringLiteral("format %1, this VerbScope reads %2").arg(version).arg(FormatVersion);
        return false;
    }
    if (count > MaxCount) {
        *error = QStringLiteral("damaged (it claims %1 entries)").arg(count);
        return false;
    }
    for (quint32 i = 0; i < count; ++i) {
        HistoryEntryRows e;
        quint32 checks = 0;
        if (!readRow(in, e.row) || (in >> checks, in.status() != QDataStream::Ok) || checks > MaxCount) {
            *error = QStringLiteral("truncated or damaged in entry %1 of %2").arg(i + 1).arg(count);
            return false;
        }
        for (quint32 c = 0; c < checks; ++c) {
            QString id;
            HistoryRow row;
            in >> id;
            if (!readRow(in, row)) {
                *error = QStringLiteral("truncated or damaged in entry %1 of %2").arg(i + 1).arg(count);
                return false;
            }
            e.checks.append({ id, row });
        }
        in >> e.diagnosis;
        entries.append(std::move(e));
    }
    quint32 trailer = 0;
    in >> trailer;
    if (in.status() != QDataStream::Ok || trailer != Trailer || !in.atEnd()) {
        *error = QStringLiteral("truncated or damaged after its %1 entries").arg(count);
        return false;
    }
    result = std::move(entries);
    return true;
}

QString HistorySpool::setAside(const QString &file)
{
    const QString aside = file + QStringLiteral(".unreadable");
    return QFile::rename(file, aside) ? aside : QString();
}

void HistorySpool::removeStaleTemporaries(const QString &dir)
{
    const QDir d(dir);
    const QDateTime dayAgo = QDateTime::currentDateTimeUtc().addDays(-1);
    for (const QFileInfo &fi : d.entryInfoList({ QStringLiteral("*") + TemporarySuffix }, QDir::Files))
        if (fi.lastModified().toUTC() < dayAgo)
            QFile::remove(fi.absoluteFilePath());
}

} // namespace verbscope::history
