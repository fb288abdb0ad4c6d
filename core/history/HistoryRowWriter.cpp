// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryRowWriter.h"

#include "core/history/HistoryBodyFiles.h"
#include "core/history/HistoryRows.h"
#include "core/history/HistorySql.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace verbscope::history {

HistoryRowWriter::HistoryRowWriter(QSqlDatabase db, QString bodiesDir, qint64 inlineBodyLimit)
    : m_db(std::move(db))
    , m_bodiesDir(std::move(bodiesDir))
    , m_inlineBodyLimit(inlineBodyLimit)
{ }

void HistoryRowWriter::fail(const QSqlQuery &q)
{
    m_error = HistorySql::errorText(q);
    m_code = HistorySql::errorCode(q);
    m_transient = HistorySql::isTransient(m_code);
}

bool HistoryRowWriter::markPendingTaken(const QString &name)
{
    QSqlQuery q(m_db);
    if (q.prepare(QStringLiteral("INSERT INTO pending_taken(name, taken_at) VALUES(?, ?)"))) {
        q.addBindValue(name);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (q.exec())
            return true;
    }
    fail(q);
    return false;
}

bool HistoryRowWriter::storeBody(qint64 id, const QString &kind, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return true;
    QSqlQuery q(m_db);
    if (!q.prepare(QStringLiteral("INSERT INTO bodies(exchange_id, kind, size, data, file) VALUES(?, ?, ?, ?, ?)"))) {
        fail(q);
        return false;
    }
    q.addBindValue(id);
    q.addBindValue(kind);
    q.addBindValue(bytes.size());
    if (bytes.size() <= m_inlineBodyLimit) {
        q.addBindValue(bytes);
        q.addBindValue(QVariant(QMetaType::fromType<QString>()));
    } else {
        const QString name = HistoryBodyFiles::write(m_bodiesDir, bytes, &m_error);
        if (name.isEmpty()) {
            m_transient = true; // the folder or the disk, not the row
            return false;
        }
        m_writtenFiles << name;
        q.addBindValue(QVariant(QMetaType::fromType<QByteArray>()));
        q.addBindValue(name);
    }
    if (!q.exec()) {
        fail(q);
        return false;
    }
    return true;
}

qint64 HistoryRowWriter::insertRow(const HistoryRow &row, qint64 parentId)
{
    if (row.columns.size() != HistoryRows::DiagnosisColumn + 1 || row.search.size() != 6) {
        m_error = QStringLiteral("a history row with %1 columns and %2 search fields")
                      .arg(row.columns.size())
                      .arg(row.search.size());
        return 0;
    }
    QSqlQuery q(m_db);
    if (!q.prepare(QStringLiteral("INSERT INTO exchanges(%1) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                       .arg(QLatin1String(HistoryRows::ExchangeColumns)))) {
        fail(q);
        return 0;
    }
    for (int i = 0; i < row.columns.size(); ++i)
        q.addBindValue(i == HistoryRows::ParentIdColumn && parentId > 0 ? QVariant(parentId) : row.columns.at(i));
    if (!q.exec()) {
        fail(q);
        return 0;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    for (const auto &[kind, bytes] : row.bodies)
        if (!storeBody(id, kind, bytes))
            return 0;
    QSqlQuery fts(m_db);
    // Preparing reads FTS5's own records: a damaged index fails here, with SQLite's code.
    if (!fts.prepare(QStringLiteral("INSERT INTO exchanges_fts(rowid, url, method, status, host, headers, body) "
                                    "VALUES(?, ?, ?, ?, ?, ?, ?)"))) {
        fail(fts);
        return 0;
    }
    fts.addBindValue(id);
    for (const QVariant &v : row.search)
        fts.addBindValue(v);
    if (!fts.exec()) {
        fail(fts);
        return 0;
    }
    return id;
}

qint64 HistoryRowWriter::insert(const HistoryEntryRows &entry)
{
    const qint64 id = insertRow(entry.row, 0);
    if (id == 0 || entry.diagnosis.isEmpty())
        return id;
    // The document names each check by its row id, known only once the child rows exist.
    QJsonObject doc = QJsonDocument::fromJson(entry.diagnosis).object();
    QJsonArray checks = doc.value(QStringLiteral("checks")).toArray();
    for (qsizetype i = 0; i < entry.checks.size(); ++i) {
        const qint64 child = insertRow(entry.checks.at(i).second, id);
        if (child == 0)
            return 0;
        if (i < checks.size()) {
            QJsonObject c = checks.at(i).toObject();
            c.insert(QStringLiteral("historyId"), child);
            checks.replace(i, c);
        }
    }
    doc.insert(QStringLiteral("checks"), checks);
    QSqlQuery q(m_db);
    if (!q.prepare(QStringLiteral("UPDATE exchanges SET diagnosis_json = ? WHERE id = ?"))) {
        fail(q);
        return 0;
    }
    q.addBindValue(QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact)));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(q);
        return 0;
    }
    return id;
}

void HistoryRowWriter::discardFiles()
{
    HistoryBodyFiles::remove(m_bodiesDir, m_writtenFiles);
    m_writtenFiles.clear();
}

} // namespace verbscope::history
