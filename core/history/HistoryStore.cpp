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

HistoryStore::OpenResult HistoryStore::open(const QString &path, const Options &options)
{
    close();
    OpenResult result;
    m_path = QFileInfo(path).absoluteFilePath();
    m_options = options;
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!HistorySql::makePrivateDir(dir) || !HistorySql::makePrivateDir(bodiesDir())) {
        result.error = m_lastError = QStringLiteral("cannot create the history folder %1").arg(dir);
        return result;
    }
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
        result.notice = HistoryRecovery::moveAside(m_path, m_lastError, &m_lastError);
        if (result.notice.isEmpty()) {
            result.error = m_lastError;
            return result;
        }
        ok = openConnection(&nativeCode);
    }
    if (!ok) {
        result.error = m_lastError;
        return result;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!HistorySchema::migrate(db, m_path, &m_lastError)) {
        result.error = m_lastError;
        close();
        return result;
    }
    HistorySql::tighten(m_path + QStringLiteral("-wal"), HistorySql::FileMode);
    HistorySql::tighten(m_path + QStringLiteral("-shm"), HistorySql::FileMode);
    const IngestResult pending = ingestPending();
    if (!pending.messages.isEmpty()) {
        QStringList notices = pending.messages;
        if (!result.notice.isEmpty())
            notices.prepend(result.notice);
        result.notice = notices.join(QLatin1Char('\n'));
    }
    result.ok = true;
    return result;
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
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    HistoryRowWriter w(db, bodiesDir(), m_options.inlineBodyLimit);
    bool ok = true;
    {
        HistorySql::Transaction tx(db);
        ok = tx.active(); // could not take the lock: try later
        m_lastError = tx.error();
        // Written in the same transaction as the rows: a file whose name is here was taken in
        // already, even if the process that took it in died before deleting it.
        if (ok && !pendingName.isEmpty()) {
            ok = w.markPendingTaken(pendingName);
            m_lastError = w.error();
        }
        bool rowFailed = !ok && tx.active();
        for (qsizetype i = 0; ok && i < entries.size(); ++i) {
            const qint64 id = w.insert(entries.at(i));
            ok = id != 0;
            rowFailed = !ok;
            ids << id;
            m_lastError = w.error();
        }
        if (ok && !tx.commit()) {
            ok = false;
            m_lastError = tx.error();
        }
        if (!ok && rowFailed && transient)
            *transient = w.transient();
    }
    if (!ok) {
        w.discardFiles();
        return {};
    }
    for (qint64 id : std::as_const(ids))
        Q_EMIT added(id);
    return ids;
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

HistoryStore::IngestResult HistoryStore::ingestPending()
{
    IngestResult result;
    if (!isOpen())
        return result;
    const QString dir = HistorySpool::dirFor(m_path);
    HistorySpool::removeStaleTemporaries(dir);
    const QStringList files = HistorySpool::files(dir);
    if (files.isEmpty())
        return result;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery seen(db);
    seen.prepare(QStringLiteral("SELECT 1 FROM pending_taken WHERE name = ?"));
    const auto alreadyTaken = [&seen](const QString &name) {
        seen.bindValue(0, name);
        return seen.exec() && seen.next();
    };
    const auto setAside = [&result](const QString &file, const QString &why) {
        const QString aside = HistorySpool::setAside(file);
        result.messages << QStringLiteral("pending history entries in %1 could not be taken in (%2); the file was "
                                          "kept as %3")
                               .arg(file, why, aside.isEmpty() ? file : aside);
    };
    bool finished = true;
    for (const QString &file : files) {
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
            if (alreadyTaken(name)) { // another process took this very file in first
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
            break; // locked, busy, disk full: the rest waits for the next reader, in order
        }
        if (!QFile::remove(file))
            finished = false;
        result.added += int(ids.size());
    }
    if (finished)
        forgetTakenNames(db, dir);
    return result;
}

QList<HistoryEntry> HistoryStore::list(const HistoryFilter &filter) const
{
    QList<HistoryEntry> out;
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
        m_lastError = HistorySql::errorText(q);
        return out;
    }
    while (q.next())
        out << HistoryQuery::entryFrom(q);
    return out;
}

qint64 HistoryStore::count(const HistoryFilter &filter) const
{
    if (!isOpen())
        return 0;
    const HistoryQuery::Where w = HistoryQuery::where(filter);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!HistorySql::prepareAndBind(q, QStringLiteral("SELECT count(*)") + w.sql(), w.values) || !q.exec()
        || !q.next()) {
        m_lastError = HistorySql::errorText(q);
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
    if (!isOpen())
        return std::nullopt;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1, exchange_json, diagnosis_json FROM exchanges WHERE id = ?")
                  .arg(HistoryQuery::EntryColumns));
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        m_lastError
            = q.lastError().isValid() ? HistorySql::errorText(q) : QStringLiteral("no history entry %1").arg(id);
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
    if (b.exec()) {
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
    }
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
    if (c.exec())
        while (c.next())
            r.children << HistoryQuery::entryFrom(c);
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
