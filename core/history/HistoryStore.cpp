// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryStore.h"

#include "core/history/HistoryBodyFiles.h"
#include "core/history/HistoryQuery.h"
#include "core/history/HistoryRecovery.h"
#include "core/history/HistoryRetention.h"
#include "core/history/HistoryRowWriter.h"
#include "core/history/HistoryRows.h"
#include "core/history/HistorySpool.h"
#include "core/history/HistorySql.h"
#include "core/http/ExchangeJson.h"
#include "core/http/RequestSpecJson.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

namespace verbscope::history {

using namespace verbscope::http;

HistoryStore::HistoryStore(QObject *parent)
    : QObject(parent)
{ }

HistoryStore::~HistoryStore()
{
    if (m_worker) {
        m_worker->requestInterruption();
        m_worker->wait();
    }
    close();
}

QString HistoryStore::dataDir()
{
    const QString env = qEnvironmentVariable("VERBSCOPE_DATA_DIR");
    return env.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : env;
}

QString HistoryStore::defaultPath()
{
    return QDir(dataDir()).filePath(QStringLiteral("history.sqlite"));
}

QString HistoryStore::bodiesDir() const
{
    return HistoryBodyFiles::dirFor(m_path);
}

bool HistoryStore::isOpen() const
{
    return !m_connection.isEmpty();
}

void HistoryStore::close()
{
    if (m_connection.isEmpty())
        return;
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

bool HistoryStore::openConnection(QString *nativeCode)
{
    m_connection = HistorySql::newConnectionName();
    QString error;
    if (HistorySql::open(m_connection, m_path, m_options.busyTimeoutMs, &error, nativeCode))
        return true;
    m_lastError = error;
    close();
    return false;
}

namespace {
// A 0-byte file holds no history, so there is nothing to set aside; but it may be what is left
// of one (a failed copy or sync, a full disk), so it is said rather than silently started over.
// A young one is more likely a file another process has just created and is about to fill.
QString emptyFileNotice(const QString &path)
{
    const QFileInfo file(path);
    if (!file.exists() || file.size() != 0 || QFileInfo(path + QStringLiteral("-wal")).size() > 0
        || file.lastModified().secsTo(QDateTime::currentDateTime()) < 60)
        return {};
    return QStringLiteral("the history database %1 was an empty file (0 bytes, last changed %2): any history it "
                          "held is gone; a new history was started in it")
        .arg(path, file.lastModified().toString(Qt::ISODate));
}
} // namespace

HistoryStore::OpenResult HistoryStore::open(const QString &path, const Options &options)
{
    close();
    OpenResult result;
    m_path = QFileInfo(path).absoluteFilePath();
    m_options = options;
    m_notices.clear();
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!HistorySql::makePrivateDir(dir) || !HistorySql::makePrivateDir(bodiesDir())) {
        result.error = m_lastError = QStringLiteral("cannot create the history folder %1").arg(dir);
        return result;
    }
    result.notice = emptyFileNotice(m_path);
    // Created here with 0600 so SQLite's -wal and -shm files inherit the mode.
    if (!QFile::exists(m_path)) {
        QFile f(m_path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, HistorySql::FileMode) && !QFile::exists(m_path)) {
            result.error = m_lastError = QStringLiteral("cannot create %1: %2").arg(m_path, f.errorString());
            return result;
        }
    }
    HistorySql::tighten(m_path, HistorySql::FileMode);

    QString nativeCode;
    bool ok = openConnection(&nativeCode);
    if (!ok && HistoryRecovery::isUnreadable(nativeCode)) {
        QString error;
        const QString aside = HistoryRecovery::moveAside(m_path, &error);
        if (aside.isEmpty()) {
            result.error = m_lastError = HistoryRecovery::notMovedError(m_path, m_lastError, error);
            return result;
        }
        result.notice = HistoryRecovery::unreadableNotice(m_path, m_lastError, aside);
        ok = openConnection(&nativeCode);
    }
    if (!ok || !prepareSchema()) {
        result.error = m_lastError;
        close();
        return result;
    }
    const IngestResult pending = ingestPending();
    if (!pending.messages.isEmpty()) {
        QStringList notices = pending.messages;
        if (!result.notice.isEmpty())
            notices.prepend(result.notice);
        result.notice = notices.join(QLatin1Char('\n'));
    }
    result.ok = isOpen(); // a damaged database found while taking pending entries in may not reopen
    if (!result.ok)
        result.error = m_lastError;
    return result;
}

bool HistoryStore::prepareSchema()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (!HistorySchema::migrate(db, m_path, &m_lastError))
            return false;
    }
    HistorySql::tighten(m_path + QStringLiteral("-wal"), HistorySql::FileMode);
    HistorySql::tighten(m_path + QStringLiteral("-shm"), HistorySql::FileMode);
    m_fileId = HistorySql::fileIdentity(m_path);
    return true;
}

bool HistoryStore::reopen()
{
    close();
    QString nativeCode;
    if (openConnection(&nativeCode) && prepareSchema())
        return true;
    close();
    return false;
}

// Another store (the desktop's recorder, another process) may have set the database aside:
// this connection would go on using the old file under its new name.
void HistoryStore::followReplacedFile()
{
    const QByteArray now = HistorySql::fileIdentity(m_path);
    if (isOpen() && !m_fileId.isEmpty() && !now.isEmpty() && now != m_fileId)
        reopen();
}

void HistoryStore::failed(const QSqlQuery &q) const
{
    m_lastError = HistorySql::errorText(q);
    m_lastCode = HistorySql::errorCode(q);
}

bool HistoryStore::lastFailureIsDamage() const
{
    return HistoryRecovery::isUnreadable(m_lastCode);
}

// The connection is closed before the check: another connection looks at the file that is at
// the path now, which is what would be moved. Nothing is moved unless that file is damaged.
bool HistoryStore::recoverFromDamage()
{
    if (m_path.isEmpty())
        return false;
    const QString failure = m_lastError;
    close();
    const QByteArray checked = HistorySql::fileIdentity(m_path);
    const HistoryRecovery::Check found = HistoryRecovery::check(m_path, m_options.busyTimeoutMs);
    using State = HistoryRecovery::Check::State;
    // Another process that found the same damage may have replaced the file meanwhile: never
    // move its new database aside.
    if (found.state == State::Damaged && HistorySql::fileIdentity(m_path) != checked)
        return reopen();
    if (found.state == State::Damaged) {
        QString error;
        const QString aside = HistoryRecovery::moveAside(m_path, &error);
        if (aside.isEmpty()) {
            reopen();
            m_lastError = QStringLiteral("the history database %1 is damaged (%2) and could not be moved aside (%3)")
                              .arg(m_path, found.detail, error);
            m_lastCode = 11;
            return false;
        }
        m_notices << HistoryRecovery::damagedNotice(m_path, found, aside);
    } else if (found.state == State::IndexRebuilt) {
        m_notices << QStringLiteral("the full-text index of the history database %1 was damaged (%2); it was "
                                    "rebuilt from the stored entries, none of which was lost")
                         .arg(m_path, found.detail);
    } else if (found.state == State::Unknown) {
        reopen();
        m_lastError
            = QStringLiteral("%1; the history database %2 could not be checked: %3").arg(failure, m_path, found.detail);
        m_lastCode = 11;
        return false;
    }
    // Sound: the failure was in a file set aside since (by another process), or has passed.
    return reopen();
}

QList<qint64> HistoryStore::addRows(const QList<HistoryEntryRows> &entries, const QString &pendingName, bool *transient)
{
    QList<qint64> ids;
    if (transient)
        *transient = true;
    if (!isOpen()) {
        m_lastError = QStringLiteral("the history is not open");
        return ids;
    }
    followReplacedFile();
    bool rowsMayGoInLater = true;
    bool ok = writeRows(entries, pendingName, ids, &rowsMayGoInLater);
    // A damaged database is not the rows' fault: set it aside and write them into the new one.
    if (!ok && lastFailureIsDamage() && recoverFromDamage())
        ok = writeRows(entries, pendingName, ids, &rowsMayGoInLater);
    if (!ok) {
        if (transient)
            *transient = rowsMayGoInLater || lastFailureIsDamage();
        return {};
    }
    for (qint64 id : std::as_const(ids))
        Q_EMIT added(id);
    return ids;
}

bool HistoryStore::writeRows(
    const QList<HistoryEntryRows> &entries, const QString &pendingName, QList<qint64> &ids, bool *transient)
{
    ids.clear();
    m_lastCode = 0;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    HistoryRowWriter w(db, bodiesDir(), m_options.inlineBodyLimit);
    bool ok = true;
    {
        HistorySql::Transaction tx(db);
        ok = tx.active(); // could not take the lock: try later
        m_lastError = tx.error();
        m_lastCode = tx.errorCode();
        // Written in the same transaction as the rows: a file whose name is here was taken in
        // already, even if the process that took it in died before deleting it.
        if (ok && !pendingName.isEmpty()) {
            ok = w.markPendingTaken(pendingName);
            m_lastError = w.error();
            m_lastCode = w.errorCode();
        }
        bool rowFailed = !ok && tx.active();
        for (qsizetype i = 0; ok && i < entries.size(); ++i) {
            const qint64 id = w.insert(entries.at(i));
            ok = id != 0;
            rowFailed = !ok;
            ids << id;
            m_lastError = w.error();
            m_lastCode = w.errorCode();
        }
        if (ok && !tx.commit()) {
            ok = false;
            m_lastError = tx.error();
            m_lastCode = tx.errorCode();
        }
        *transient = !(!ok && rowFailed) || w.transient();
    }
    if (!ok) {
        w.discardFiles();
        ids.clear();
    }
    return ok;
}

qint64 HistoryStore::add(const Exchange &exchange, const EntryMeta &meta)
{
    const QList<qint64> ids = addRows({ HistoryRows::build(exchange, meta, m_options.maskSecrets) });
    return ids.isEmpty() ? 0 : ids.first();
}

qint64 HistoryStore::add(const diagnosis::Diagnosis &diagnosis, const QString &source)
{
    const QList<qint64> ids = addRows({ HistoryRows::build(diagnosis, source, m_options.maskSecrets) });
    return ids.isEmpty() ? 0 : ids.first();
}

QList<qint64> HistoryStore::addMany(const QList<Exchange> &exchanges, const QString &source)
{
    QList<HistoryEntryRows> entries;
    entries.reserve(exchanges.size());
    for (const Exchange &exchange : exchanges)
        entries << HistoryRows::build(exchange, EntryMeta { source, {}, 0, {}, {} }, m_options.maskSecrets);
    return addRows(entries);
}

namespace {
// pending_taken guards against taking a file in twice, which is only possible while the file is
// still around: names older than a week whose file is gone are forgotten.
void forgetTakenNames(QSqlDatabase &db, const QString &pendingDir)
{
    QSqlQuery old(db);
    old.prepare(QStringLiteral("SELECT name FROM pending_taken WHERE taken_at < ?"));
    old.addBindValue(QDateTime::currentMSecsSinceEpoch() - qint64(7) * 24 * 3600 * 1000);
    QStringList gone;
    if (old.exec())
        while (old.next())
            if (!QFile::exists(QDir(pendingDir).filePath(old.value(0).toString())))
                gone << old.value(0).toString();
    QSqlQuery forget(db);
    forget.prepare(QStringLiteral("DELETE FROM pending_taken WHERE name = ?"));
    for (const QString &name : std::as_const(gone)) {
        forget.bindValue(0, name);
        forget.exec();
    }
}
} // namespace

bool HistoryStore::alreadyTaken(const QString &pendingName) const
{
    QSqlQuery seen(QSqlDatabase::database(m_connection, false));
    seen.prepare(QStringLiteral("SELECT 1 FROM pending_taken WHERE name = ?"));
    seen.addBindValue(pendingName);
    return seen.exec() && seen.next();
}

// Earlier versions set a pending file aside when the database, not the file, was at fault (a
// damaged or read-only database): its entries were fine. Each such file that reads back whole
// is taken in; done once per pending folder (a marker file), so that files set aside since, for
// damage of their own, are not read again at every open.
void HistoryStore::retrySetAsideOnce(const QString &pendingDir, IngestResult &result)
{
    if (HistorySpool::setAsideRetried(pendingDir))
        return;
    const QStringList files = HistorySpool::setAsideFiles(pendingDir);
    if (files.isEmpty())
        return;
    QStringList taken;
    int added = 0;
    bool finished = true;
    for (const QString &file : files) {
        QList<HistoryEntryRows> entries;
        QString error;
        if (HistorySpool::read(file, entries, &error) != HistorySpool::ReadStatus::Ok)
            continue; // damaged itself: it stays as it is
        const QString name = QFileInfo(file).completeBaseName(); // its name before it was set aside
        bool transient = false;
        const QList<qint64> ids = alreadyTaken(name) ? QList<qint64> {} : addRows(entries, name, &transient);
        if (ids.isEmpty() && !entries.isEmpty()) {
            if (transient)
                finished = false;
            continue;
        }
        QFile::remove(file);
        added += int(ids.size());
        taken << file;
    }
    if (finished)
        HistorySpool::markSetAsideRetried(pendingDir);
    if (!taken.isEmpty())
        result.messages << QStringLiteral("%1 history entries from pending files an earlier VerbScope had set aside "
                                          "were taken in (%2)")
                               .arg(added)
                               .arg(taken.join(QStringLiteral(", ")));
    result.added += added;
}

HistoryStore::IngestResult HistoryStore::ingestPending()
{
    IngestResult result;
    if (!isOpen())
        return result;
    followReplacedFile();
    const QString dir = HistorySpool::dirFor(m_path);
    HistorySpool::removeStaleTemporaries(dir);
    retrySetAsideOnce(dir, result);
    const QStringList files = HistorySpool::files(dir);
    const auto setAside = [&result](const QString &file, const QString &why) {
        const QString aside = HistorySpool::setAside(file);
        result.messages << QStringLiteral("pending history entries in %1 could not be taken in (%2); the file was "
                                          "kept as %3")
                               .arg(file, why, aside.isEmpty() ? file : aside);
    };
    bool finished = true;
    for (const QString &file : files) {
        if (!isOpen()) // a damaged database that could not be replaced: the rest waits
            break;
        const QString name = QFileInfo(file).fileName();
        if (alreadyTaken(name)) {
            QFile::remove(file); // taken in by a process that stopped before deleting it
            continue;
        }
        QList<HistoryEntryRows> entries;
        QString error;
        switch (HistorySpool::read(file, entries, &error)) {
        case HistorySpool::ReadStatus::Ok: break;
        case HistorySpool::ReadStatus::Damaged:
            if (QFile::exists(file)) // else another process took it in meanwhile
                setAside(file, error);
            continue;
        case HistorySpool::ReadStatus::NewerFormat:
            result.messages << QStringLiteral("pending history entries in %1 were not taken in: %2").arg(file, error);
            continue;
        case HistorySpool::ReadStatus::CannotOpen:
            if (QFile::exists(file)) {
                result.messages
                    << QStringLiteral("pending history entries in %1 were not taken in: %2").arg(file, error);
                finished = false;
            }
            continue;
        }
        bool transient = false;
        const QList<qint64> ids = addRows(entries, name, &transient);
        if (ids.isEmpty() && !entries.isEmpty()) {
            if (isOpen() && alreadyTaken(name)) { // another process took this very file in first
                QFile::remove(file);
                continue;
            }
            if (!transient) {
                setAside(file, m_lastError); // these rows will never go in: do not block the rest
                continue;
            }
            result.messages
                << QStringLiteral("pending history entries in %1 were not taken in: %2").arg(file, m_lastError);
            finished = false;
            break; // locked, busy, read-only, disk full, damaged: the rest waits for the next reader, in order
        }
        if (!QFile::remove(file))
            finished = false;
        result.added += int(ids.size());
    }
    if (finished && isOpen() && !files.isEmpty()) {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        forgetTakenNames(db, dir);
    }
    // What the user must hear first: the database itself was set aside.
    result.messages = takeNotices() + result.messages;
    return result;
}

// Rows are handed out only when the whole query ran: a damaged page half way through is an
// error, not a shorter list.
QList<HistoryEntry> HistoryStore::list(const HistoryFilter &filter) const
{
    QList<HistoryEntry> out;
    m_lastError.clear();
    m_lastCode = 0;
    if (!isOpen())
        return out;
    const HistoryQuery::Where w = HistoryQuery::where(filter);
    QString sql = QStringLiteral("SELECT %1%2 ORDER BY %3").arg(HistoryQuery::QualifiedEntryColumns, w.sql(), w.order);
    QVariantList values = w.values;
    if (filter.limit > 0 || filter.offset > 0) {
        sql += QStringLiteral(" LIMIT ? OFFSET ?");
        values << (filter.limit > 0 ? filter.limit : -1) << qMax(0, filter.offset);
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (!HistorySql::prepareAndBind(q, sql, values) || !q.exec()) {
        failed(q);
        return out;
    }
    while (q.next())
        out << HistoryQuery::entryFrom(q);
    if (q.lastError().isValid()) {
        failed(q);
        return {};
    }
    return out;
}

qint64 HistoryStore::count(const HistoryFilter &filter) const
{
    m_lastError.clear();
    m_lastCode = 0;
    if (!isOpen())
        return 0;
    const HistoryQuery::Where w = HistoryQuery::where(filter);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!HistorySql::prepareAndBind(q, QStringLiteral("SELECT count(*)") + w.sql(), w.values) || !q.exec()
        || !q.next()) {
        failed(q);
        return -1;
    }
    return q.value(0).toLongLong();
}

namespace {
// Entries recorded before the history copied streamed bodies (HistoryRows::keepStreamedBody) name
// a file that is not the history's: the desktop app's tab file, gone once the tab sent again or
// closed. Stored bytes win over it; a file that is gone or changed is said, never shown as empty.
void forgetForeignBodyFile(Response &resp, bool bodyStored)
{
    if (resp.bodyFile.isEmpty())
        return;
    const QFileInfo file(resp.bodyFile);
    if (file.exists() && file.size() == resp.decodedSize && !bodyStored)
        return;
    if (bodyStored || resp.decodedSize == 0) {
        resp.bodyFile.clear();
        return;
    }
    resp.bodyNotKept = QStringLiteral("body not kept: it was streamed to %1, which %2")
                           .arg(QDir::toNativeSeparators(resp.bodyFile),
                               file.exists() ? QStringLiteral("has changed since") : QStringLiteral("is gone"));
    resp.bodyFile.clear();
}

// The body the user wrote, kept apart when it is not the one recorded as sent (HistoryRows).
std::optional<QByteArray> writtenBody(QSqlDatabase &db, const QString &bodiesDir, qint64 id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT data, file FROM bodies WHERE exchange_id = ? AND kind = 'request-written'"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    QByteArray bytes = q.value(0).toByteArray();
    if (!q.value(1).isNull())
        HistoryBodyFiles::read(bodiesDir, q.value(1).toString(), bytes);
    return bytes;
}
} // namespace

std::optional<HistoryRecord> HistoryStore::record(qint64 id) const
{
    m_lastError.clear();
    m_lastCode = 0;
    if (!isOpen())
        return std::nullopt;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1, exchange_json, diagnosis_json FROM exchanges WHERE id = ?")
                  .arg(HistoryQuery::EntryColumns));
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        if (q.lastError().isValid())
            failed(q);
        else
            m_lastError = QStringLiteral("no history entry %1").arg(id);
        return std::nullopt;
    }
    HistoryRecord r;
    r.entry = HistoryQuery::entryFrom(q);
    const QJsonObject json = QJsonDocument::fromJson(q.value(14).toString().toUtf8()).object();
    if (!exchangeFromJson(json, r.exchange, &m_lastError))
        return std::nullopt;
    r.diagnosis = QJsonDocument::fromJson(q.value(15).toString().toUtf8()).object();
    const QJsonObject written = json.value(QLatin1String(HistoryRows::WrittenRequestKey)).toObject();
    if (RequestSpec spec; requestSpecFromJson(written, spec))
        r.writtenRequest = spec;

    QSqlQuery b(db);
    b.prepare(QStringLiteral("SELECT kind, data, file FROM bodies WHERE exchange_id = ?"));
    b.addBindValue(id);
    // A body that cannot be read is an error, not an entry shown without it.
    const auto broken = [this](const QSqlQuery &query) {
        failed(query);
        return std::nullopt;
    };
    if (!b.exec())
        return broken(b);
    while (b.next()) {
        QByteArray bytes = b.value(1).toByteArray();
        const QString file = b.value(2).toString();
        if (!b.value(2).isNull() && !HistoryBodyFiles::read(bodiesDir(), file, bytes))
            r.exchange.warnings
                << QStringLiteral("the stored body file %1 is missing").arg(QDir(bodiesDir()).filePath(file));
        const QString kind = b.value(0).toString();
        if (kind == QLatin1String("request"))
            r.exchange.request.body = bytes;
        else if (kind == QLatin1String("response"))
            r.exchange.response.body = bytes;
        else if (kind == QLatin1String("response-raw"))
            r.exchange.response.rawBody = bytes;
    }
    if (b.lastError().isValid())
        return broken(b);
    Response &resp = r.exchange.response;
    forgetForeignBodyFile(resp, !resp.body.isEmpty());
    if (r.writtenRequest)
        r.writtenRequest->body
            = writtenBody(db, bodiesDir(), id)
                  .value_or(
                      written.value(QStringLiteral("bodyAsSent")).toBool() ? r.exchange.request.body : QByteArray());
    if (resp.rawBody.isEmpty() && resp.contentEncoding.isEmpty())
        resp.rawBody = resp.body;

    QSqlQuery c(db);
    c.setForwardOnly(true);
    c.prepare(
        QStringLiteral("SELECT %1 FROM exchanges WHERE parent_id = ? ORDER BY id").arg(HistoryQuery::EntryColumns));
    c.addBindValue(id);
    if (!c.exec())
        return broken(c);
    while (c.next())
        r.children << HistoryQuery::entryFrom(c);
    if (c.lastError().isValid())
        return broken(c);
    return r;
}

std::optional<QJsonObject> HistoryStore::diagnosisDocument(qint64 id) const
{
    const std::optional<HistoryRecord> r = record(id);
    if (!r || r->diagnosis.isEmpty())
        return std::nullopt;
    QJsonObject doc = r->diagnosis;
    doc.insert(QStringLiteral("exchange"), exchangeToJson(r->exchange));
    QJsonArray suggestions = doc.value(QStringLiteral("suggestions")).toArray();
    for (qsizetype i = 0; i < suggestions.size(); ++i) { // the history's own copy (HistoryRows)
        QJsonObject s = suggestions.at(i).toObject();
        s.remove(QLatin1String(HistoryRows::WrittenRequestKey));
        suggestions.replace(i, s);
    }
    doc.insert(QStringLiteral("suggestions"), suggestions);
    QJsonArray checks = doc.value(QStringLiteral("checks")).toArray();
    for (qsizetype i = 0; i < checks.size(); ++i) {
        QJsonObject c = checks.at(i).toObject();
        if (const std::optional<HistoryRecord> child = record(c.value(QStringLiteral("historyId")).toInteger()))
            c.insert(QStringLiteral("exchange"), exchangeToJson(child->exchange));
        checks.replace(i, c);
    }
    doc.insert(QStringLiteral("checks"), checks);
    return doc;
}

qint64 HistoryStore::remove(const HistoryFilter &filterIn)
{
    if (!isOpen())
        return -1;
    HistoryFilter filter = filterIn;
    filter.includeChecks = false; // checks go with their parent
    const HistoryQuery::Where w = HistoryQuery::where(filter);
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const QList<qint64> ids = HistorySql::selectIds(db, QStringLiteral("SELECT e.id") + w.sql(), w.values);
    qint64 removed = 0;
    for (qsizetype i = 0; i < ids.size(); i += HistoryRetention::DeleteBatch) {
        const QList<qint64> batch = ids.mid(i, HistoryRetention::DeleteBatch);
        if (!HistoryRetention::deleteEntries(db, bodiesDir(), batch, &m_lastError))
            return -1;
        removed += batch.size();
    }
    return removed;
}

void HistoryStore::startRetention(const RetentionPolicy &policy)
{
    if (!isOpen() || (m_worker && m_worker->isRunning()))
        return;
    QSqlDatabase mainDb = QSqlDatabase::database(m_connection, false);
    if (!HistoryRetention::isDue(mainDb, bodiesDir(), policy)) {
        m_retentionRemoved.store(0);
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT retentionFinished(0); }, Qt::QueuedConnection);
        return;
    }
    const QString path = m_path;
    const QString bodies = bodiesDir();
    const int busy = m_options.busyTimeoutMs;
    // Its own connection: a QSqlDatabase belongs to the thread that opened it.
    m_worker.reset(QThread::create([this, path, bodies, busy, policy] {
        const QString name = HistorySql::newConnectionName();
        qint64 removed = 0;
        {
            QString error;
            QString code;
            if (HistorySql::open(name, path, busy, &error, &code)) {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                removed = HistoryRetention::run(db, bodies, policy);
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(name);
        m_retentionRemoved.store(removed);
        Q_EMIT retentionFinished(removed);
    }));
    m_worker->setObjectName(QStringLiteral("history-retention"));
    m_worker->start(QThread::LowPriority);
}

bool HistoryStore::waitForRetention(int timeoutMs)
{
    if (!m_worker)
        return true;
    return timeoutMs < 0 ? m_worker->wait() : m_worker->wait(QDeadlineTimer(timeoutMs));
}

QString HistoryStore::ftsQuery(const QString &text)
{
    return HistoryQuery::ftsQuery(text);
}

} // namespace verbscope::history
