// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryRecorder.h"

#include "core/Settings.h"
#include "core/diagnosis/Diagnosis.h"
#include "core/history/HistoryRows.h"
#include "core/history/HistorySpool.h"
#include "core/history/HistoryStore.h"
#include "core/history/SecretMasker.h"
#include "core/http/Exchange.h"

namespace verbscope::history {

HistoryRecorder::HistoryRecorder(const QString &source, const QString &path, Mode mode)
    : m_source(source)
    , m_path(path)
    , m_mode(mode)
{ }

HistoryRecorder::~HistoryRecorder()
{
    flush();
    // Callers that want the messages call flush() and takeMessages() first; none may be lost.
    for (const QString &m : std::as_const(m_messages))
        qWarning("%s", qUtf8Printable(m));
}

QString HistoryRecorder::databasePath() const
{
    return m_path.isEmpty() ? HistoryStore::defaultPath() : m_path;
}

// Read once and only when something is recorded, so a command with history off never touches it.
bool HistoryRecorder::readSettings()
{
    if (!m_settingsRead) {
        m_settingsRead = true;
        const Settings settings;
        m_enabled = settings.historyEnabled();
        m_mask = settings.historyMaskSecrets();
        m_maxEntries = settings.historyMaxEntries();
        m_maxAgeDays = settings.historyMaxAgeDays();
    }
    return m_enabled;
}

// Tried at most once per recorder: a history that cannot be opened yields one message, not one
// per recorded exchange. Retention starts here because only an open store can apply it.
bool HistoryRecorder::ensureOpen()
{
    if (m_tried)
        return m_store != nullptr;
    m_tried = true;
    if (!readSettings())
        return false;
    auto store = std::make_unique<HistoryStore>();
    HistoryStore::Options options;
    options.maskSecrets = m_mask;
    const HistoryStore::OpenResult opened = store->open(databasePath(), options);
    if (!opened.notice.isEmpty())
        m_messages << opened.notice;
    if (!opened.ok) {
        m_messages << QStringLiteral("not recorded in history: %1").arg(opened.error);
        return false;
    }
    store->startRetention({ m_maxEntries, m_maxAgeDays });
    m_store = std::move(store);
    return true;
}

// The resolved values of variables marked secret are masked wherever they
// appear, on a copy, before the rows are built; header masking happens in HistoryRows::build.
std::optional<qint64> HistoryRecorder::record(const http::Exchange &exchange)
{
    if (!readSettings())
        return std::nullopt;
    if (!m_mask || m_secretValues.isEmpty())
        return record(HistoryRows::build(exchange, EntryMeta { m_source, {}, 0, {}, {} }, m_mask));
    http::Exchange masked = exchange;
    HistoryRows::keepStreamedBody(masked.response); // its bytes are masked too
    SecretMasker::maskValues(masked, m_secretValues);
    return record(HistoryRows::build(masked, EntryMeta { m_source, {}, 0, {}, {} }, m_mask));
}

std::optional<qint64> HistoryRecorder::record(const diagnosis::Diagnosis &diagnosis)
{
    if (!readSettings())
        return std::nullopt;
    if (!m_mask || m_secretValues.isEmpty())
        return record(HistoryRows::build(diagnosis, m_source, m_mask));
    diagnosis::Diagnosis masked = diagnosis;
    HistoryRows::keepStreamedBodies(masked);
    SecretMasker::maskValues(masked, m_secretValues);
    return record(HistoryRows::build(masked, m_source, m_mask));
}

// The rows are masked already (HistoryRows::build); the store writes them as they are.
std::optional<qint64> HistoryRecorder::record(HistoryEntryRows rows)
{
    // Deferred (the CLI): rows wait in memory and go to the pending folder in flush(), so recording
    // never opens SQLite on the request's critical path. No id exists yet, hence nullopt.
    if (m_mode == Mode::Deferred) {
        m_pending << std::move(rows);
        return std::nullopt;
    }
    if (!ensureOpen())
        return std::nullopt;
    const QList<HistoryEntryRows> entries { std::move(rows) };
    bool transient = false;
    const QList<qint64> ids = m_store->addRows(entries, {}, &transient);
    m_messages << m_store->takeNotices(); // a damaged database set aside on the way
    if (ids.isEmpty()) {
        // Locked past the timeout, read-only, full, damaged and not movable: the rows are fine,
        // so the pending folder keeps them for the next reader, as it does for the CLI.
        const QString dir = HistorySpool::dirFor(databasePath());
        QString error;
        if (transient && HistorySpool::write(dir, entries, &error))
            m_messages << QStringLiteral("not recorded in history yet: %1; the entry waits in %2 and is taken in "
                                         "when the history can be written")
                              .arg(m_store->lastError(), dir);
        else
            m_messages << QStringLiteral("not recorded in history: %1").arg(m_store->lastError());
        return std::nullopt;
    }
    return ids.first();
}

// One spool file per command run, written when the command is done with its requests.
void HistoryRecorder::flush()
{
    if (m_pending.isEmpty())
        return;
    const QList<HistoryEntryRows> rows = std::exchange(m_pending, {});
    const QString dir = HistorySpool::dirFor(databasePath());
    QString error;
    if (!HistorySpool::write(dir, rows, &error)) {
        // The folder cannot be written: try the database itself rather than lose the entries.
        if (!ensureOpen())
            m_messages << QStringLiteral("(the pending folder failed first: %1)").arg(error);
        else if (m_store->addRows(rows).isEmpty())
            m_messages << m_store->takeNotices()
                       << QStringLiteral("not recorded in history: %1; %2").arg(error, m_store->lastError());
        else
            m_messages << m_store->takeNotices();
        return;
    }
    // Bounded: past the limit, this command takes in what waits (open() does), oldest first.
    if (HistorySpool::count(dir) >= PendingLimit)
        ensureOpen();
}

QStringList HistoryRecorder::takeMessages()
{
    return std::exchange(m_messages, {});
}

} // namespace verbscope::history
