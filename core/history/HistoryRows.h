// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariantList>

#include <utility>

namespace verbscope::http {
struct Exchange;
struct Response;
} // namespace verbscope::http
namespace verbscope::diagnosis {
struct Diagnosis;
}

namespace verbscope::history {

struct EntryMeta;

// One history row as it will be written, computed without a database: the columns of
// `exchanges`, the bodies and the text for the full-text index. Building is the expensive part
// that needs the exchange (masking, classification, JSON); writing only binds values. That split
// lets the CLI hand rows to the pending queue (HistorySpool) and leave SQLite to a later reader.
struct HistoryRow {
    // The `exchanges` columns, in HistoryRows::ExchangeColumns order (parent_id first).
    QVariantList columns;
    // (kind, bytes): "request", "response", "response-raw", "request-written" (the body the user
    // wrote, when it differs from the one recorded as sent). Empty bodies are left out.
    QList<std::pair<QString, QByteArray>> bodies;
    // The `exchanges_fts` columns after rowid: url, method, status, host, headers, body.
    QVariantList search;
};

// A top-level row, and for a diagnosis its checks and document.
struct HistoryEntryRows {
    HistoryRow row;
    // Diagnosis only: each check's id and row, in the order of the document's "checks".
    QList<std::pair<QString, HistoryRow>> checks;
    // Diagnosis only: verbscope.diagnosis/1 without exchanges (compact JSON); the writer fills
    // in each check's "historyId". Empty for a plain exchange.
    QByteArray diagnosis;
};

namespace HistoryRows {
// The column list for INSERT INTO exchanges(...), matching HistoryRow::columns.
extern const char *const ExchangeColumns;
constexpr int ParentIdColumn = 0;
constexpr int DiagnosisColumn = 14;
// The most of each body an entry keeps; a longer one is stored cut and marked (bodyTruncated).
constexpr qsizetype MaxBodyBytes = 16 * 1024 * 1024;

// The key of exchange_json holding the request as the user wrote it (http::requestSpecToJson).
extern const char *const WrittenRequestKey;
// A body streamed to a file (the desktop app's tab file, `send -o`) is copied into the record, its
// first MaxBodyBytes: the file is not the history's, and may be gone or changed when the entry is read.
constexpr qint64 StreamedBodyKept = MaxBodyBytes;
// Forgets the file, keeping the body's bytes: the copy the engine kept beside it, else the file's
// first StreamedBodyKept bytes (bodyTruncated when that is not all). When the file cannot be read,
// `bodyNotKept` says why the record has no body.
void keepStreamedBody(http::Response &response);
void keepStreamedBodies(diagnosis::Diagnosis &diagnosis);

// `mask`: apply SecretMasker (Settings::HistoryMaskSecrets).
HistoryEntryRows build(const http::Exchange &exchange, const EntryMeta &meta, bool mask);
HistoryEntryRows build(const diagnosis::Diagnosis &diagnosis, const QString &source, bool mask);
} // namespace HistoryRows

} // namespace verbscope::history
