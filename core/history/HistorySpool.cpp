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
#include <QVariant>

#include <atomic>
#include <new>

namespace verbscope::history {

namespace {
constexpr quint32 Magic = 0x56535045; // "VSPE"
// Magic, version and trailer frame the file, so a truncated or foreign file is recognised before
// any of it reaches the database.
constexpr quint32 Trailer = 0x454E4421; // "END!"
constexpr quint32 FormatVersion = 1;
// Pinned so that a newer Qt's QDataStream default cannot change the bytes of format 1.
constexpr QDataStream::Version StreamVersion = QDataStream::Qt_6_4;
const QString Suffix = QStringLiteral(".pending");
const QString TemporarySuffix = QStringLiteral(".pending.tmp");
const QString SetAsideSuffix = QStringLiteral(".pending.unreadable");
const QString RetriedMarker = QStringLiteral(".unreadable-retried");
constexpr QFileDevice::Permissions FileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions DirMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr quint32 MaxCount = 1'000'000; // a sanity bound against a damaged count

} // namespace

// Owner-only, like the database: pending files hold exactly what went over the wire, secrets included.
bool HistorySpool::makeDir(const QString &dir)
{
    const QFileInfo parent(QFileInfo(dir).absolutePath());
    const bool parentExisted = parent.exists();
    if (!QDir().mkpath(dir))
        return false;
    if (!parentExisted) // the history folder itself, made here before the database
        QFile::setPermissions(parent.absoluteFilePath(), DirMode);
    // Qt adds the *User flags for the owner: compare owner, group and other only.
    constexpr auto ugo = QFileDevice::Permissions::fromInt(0x7077);
    if ((QFile::permissions(dir) & ugo) != DirMode)
        QFile::setPermissions(dir, DirMode);
    return true;
}

namespace {
// Column values, tagged: only the types HistoryRows produces, and a null stays a null of its type.
// (QDataStream's own QVariant and list readers trust the counts in the file: a damaged count
// made them reserve gigabytes and abort.)
enum Tag : quint8 { NullString, NullInteger, NullReal, Text, Integer, Real };

void writeValue(QDataStream &out, const QVariant &v)
{
    switch (v.metaType().id()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
        if (v.isNull())
            out << quint8(NullInteger);
        else
            out << quint8(Integer) << v.toLongLong();
        return;
    case QMetaType::Double:
        if (v.isNull())
            out << quint8(NullReal);
        else
            out << quint8(Real) << v.toDouble();
        return;
    default:
        if (v.isNull())
            out << quint8(NullString);
        else
            out << quint8(Text) << v.toString();
        return;
    }
}

// An unknown tag means damage, not a newer format (the format version would have said so).
bool readValue(QDataStream &in, QVariant &v)
{
    quint8 tag = 0;
    in >> tag;
    switch (tag) {
    case NullString: v = QVariant(QMetaType::fromType<QString>()); break;
    case NullInteger: v = QVariant(QMetaType::fromType<qint64>()); break;
    case NullReal: v = QVariant(QMetaType::fromType<double>()); break;
    case Text: {
        QString text;
        in >> text;
        v = text;
        break;
    }
    case Integer: {
        qint64 n = 0;
        in >> n;
        v = n;
        break;
    }
    case Real: {
        double d = 0;
        in >> d;
        v = d;
        break;
    }
    default: return false;
    }
    return in.status() == QDataStream::Ok;
}

void writeValues(QDataStream &out, const QVariantList &values)
{
    out << quint32(values.size());
    for (const QVariant &v : values)
        writeValue(out, v);
}

// The count must equal the fixed column count: a damaged count fails here instead of driving a loop.
bool readValues(QDataStream &in, QVariantList &values, quint32 expected)
{
    quint32 n = 0;
    in >> n;
    if (in.status() != QDataStream::Ok || n != expected)
        return false;
    for (quint32 i = 0; i < n; ++i) {
        QVariant v;
        if (!readValue(in, v))
            return false;
        values.append(v);
    }
    return true;
}

constexpr quint32 ColumnCount = HistoryRows::DiagnosisColumn + 1;
constexpr quint32 SearchCount = 6;
constexpr quint32 MaxBodies = 4; // request, response, response-raw, request-written

void writeRow(QDataStream &out, const HistoryRow &row)
{
    writeValues(out, row.columns);
    out << quint32(row.bodies.size());
    for (const auto &[kind, bytes] : row.bodies)
        out << kind << bytes;
    writeValues(out, row.search);
}

bool readRow(QDataStream &in, HistoryRow &row)
{
    if (!readValues(in, row.columns, ColumnCount))
        return false;
    quint32 bodies = 0;
    in >> bodies;
    if (in.status() != QDataStream::Ok || bodies > MaxBodies)
        return false;
    for (quint32 i = 0; i < bodies; ++i) {
        QString kind;
        QByteArray bytes;
        in >> kind >> bytes;
        if (in.status() != QDataStream::Ok)
            return false;
        row.bodies.append({ kind, bytes });
    }
    return readValues(in, row.search, SearchCount);
}

// A newer format is left in place for the VerbScope that wrote it; anything else that does not read
// back exactly, trailer and end of file included, counts as damaged.
HistorySpool::ReadStatus readEntries(QDataStream &in, QList<HistoryEntryRows> &entries, QString *error)
{
    quint32 magic = 0, version = 0, count = 0;
    in >> magic >> version;
    if (in.status() != QDataStream::Ok || magic != Magic) {
        *error = QStringLiteral("not a pending history file");
        return HistorySpool::ReadStatus::Damaged;
    }
    if (version > FormatVersion) {
        *error = QStringLiteral("written by a newer VerbScope (format %1, this one reads %2); left for it")
                     .arg(version)
                     .arg(FormatVersion);
        return HistorySpool::ReadStatus::NewerFormat;
    }
    if (version != FormatVersion) {
        *error = QStringLiteral("format %1, this VerbScope reads %2").arg(version).arg(FormatVersion);
        return HistorySpool::ReadStatus::Damaged;
    }
    in >> count;
    if (in.status() != QDataStream::Ok || count > MaxCount) {
        *error = QStringLiteral("damaged (it claims %1 entries)").arg(count);
        return HistorySpool::ReadStatus::Damaged;
    }
    const auto damaged = [&](quint32 i) {
        *error = QStringLiteral("truncated or damaged in entry %1 of %2").arg(i + 1).arg(count);
        return HistorySpool::ReadStatus::Damaged;
    };
    for (quint32 i = 0; i < count; ++i) {
        HistoryEntryRows e;
        quint32 checks = 0;
        if (!readRow(in, e.row))
            return damaged(i);
        in >> checks;
        if (in.status() != QDataStream::Ok || checks > MaxCount)
            return damaged(i);
        for (quint32 c = 0; c < checks; ++c) {
            QString id;
            HistoryRow row;
            in >> id;
            if (in.status() != QDataStream::Ok || !readRow(in, row))
                return damaged(i);
            e.checks.append({ id, row });
        }
        in >> e.diagnosis;
        if (in.status() != QDataStream::Ok)
            return damaged(i);
        entries.append(std::move(e));
    }
    quint32 trailer = 0;
    in >> trailer;
    if (in.status() != QDataStream::Ok || trailer != Trailer || !in.atEnd()) {
        *error = QStringLiteral("truncated or damaged after its %1 entries").arg(count);
        return HistorySpool::ReadStatus::Damaged;
    }
    return HistorySpool::ReadStatus::Ok;
}
} // namespace

QString HistorySpool::dirFor(const QString &databasePath)
{
    return QFileInfo(databasePath).dir().filePath(QStringLiteral("pending"));
}

// Written under a temporary name and renamed when complete, so a reader never picks up half a file.
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
                             .arg(QCoreApplication::applicationPid(), 10, 10, QLatin1Char('0'))
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

// bad_alloc is caught because a damaged length can still ask QDataStream for a huge string; the file
// is then reported as damaged rather than taking the whole process down.
HistorySpool::ReadStatus HistorySpool::read(const QString &file, QList<HistoryEntryRows> &result, QString *error)
{
    result.clear();
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return ReadStatus::CannotOpen;
    }
    QDataStream in(&f);
    in.setVersion(StreamVersion);
    QList<HistoryEntryRows> entries; // handed out only when the whole file was read
    try {
        const ReadStatus status = readEntries(in, entries, error);
        if (status == ReadStatus::Ok)
            result = std::move(entries);
        return status;
    } catch (const std::bad_alloc &) {
        *error = QStringLiteral("damaged (a length in it does not fit in memory)");
        return ReadStatus::Damaged;
    }
}

// Renamed rather than deleted: the user's data stays on disk, and the file stops being retried.
QString HistorySpool::setAside(const QString &file)
{
    const QString aside = file.chopped(Suffix.size()) + SetAsideSuffix;
    return QFile::rename(file, aside) ? aside : QString();
}

QStringList HistorySpool::setAsideFiles(const QString &dir)
{
    QStringList out;
    const QDir d(dir);
    for (const QString &name : d.entryList({ QStringLiteral("*") + SetAsideSuffix }, QDir::Files, QDir::Name))
        out << d.filePath(name);
    return out;
}

bool HistorySpool::setAsideRetried(const QString &dir)
{
    return QFile::exists(QDir(dir).filePath(RetriedMarker));
}

void HistorySpool::markSetAsideRetried(const QString &dir)
{
    QFile f(QDir(dir).filePath(RetriedMarker));
    f.open(QIODevice::WriteOnly, FileMode);
}

// A day's grace, so a temporary file that another process is still writing is never removed.
void HistorySpool::removeStaleTemporaries(const QString &dir)
{
    const QDir d(dir);
    const QDateTime dayAgo = QDateTime::currentDateTimeUtc().addDays(-1);
    for (const QFileInfo &fi : d.entryInfoList({ QStringLiteral("*") + TemporarySuffix }, QDir::Files))
        if (fi.lastModified().toUTC() < dayAgo)
            QFile::remove(fi.absoluteFilePath());
}

} // namespace verbscope::history
