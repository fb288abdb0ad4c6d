// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryRecorder.h"

#include "core/Settings.h"
#include "core/diagnosis/Diagnosis.h"
#include "core/history/HistoryStore.h"
#include "core/history/SecretMasker.h"
#include "core/http/Exchange.h"

namespace verbscope::history {

HistoryRecorder::HistoryRecorder(const QString &source, const QString &path)
    : m_source(source)
    , m_path(path)
{ }

HistoryRecorder::~HistoryRecorder() = default;

bool HistoryRecorder::ensureOpen()
{
    if (m_tried)
        return m_store != nullptr;
    m_tried = true;
    const Settings settings;
    m_enabled = settings.historyEnabled();
    if (!m_enabled)
        return false;
    auto store = std::make_unique<HistoryStore>();
    HistoryStore::Options options;
    options.maskSecrets = settings.historyMaskSecrets();
    m_mask = options.maskSecrets;
    const HistoryStore::OpenResult opened
        = store->open(m_path.isEmpty() ? HistoryStore::defaultPath() : m_path, options);
    if (!opened.notice.isEmpty())
        m_messages << opened.notice;
    if (!opened.ok) {
        m_messages << QStringLiteral("not recorded in history: %1").arg(opened.error);
        return false;
    }
    store->startRetention({ settings.historyMaxEntries(), settings.historyMaxAgeDays() });
    m_store = std::move(store);
    return true;
}

std::optional<qint64> HistoryRecorder::record(const http::Exchange &exchange)
{
    if (!ensureOpen())
        return std::nullopt;
    qint64 id = 0;
    if (m_mask && !m_secretValues.isEmpty()) {
        http::Exchange masked = exchange;
        SecretMasker::maskValues(masked, m_secretValues);
        id = m_store->add(masked, m_source);
    } else {
        id = m_store->add(exchange, m_source);
    }
    if (id == 0) {
        m_messages << QStringLiteral("not recorded in history: %1").arg(m_store->lastError());
        return std::nullopt;
    }
    return id;
}

std::optional<qint64> HistoryRecorder::record(const diagnosis::Diagnosis &diagnosis)
{
    if (!ensureOpen())
        return std::nullopt;
    qint64 id = 0;
    if (m_mask && !m_secretValues.isEmpty()) {
        diagnosis::Diagnosis masked = diagnosis;
        SecretMasker::maskValues(masked, m_secretValues);
        id = m_store->add(masked, m_source);
    } else {
        id = m_store->add(diagnosis, m_source);
    }
    if (id == 0) {
        m_messages << QStringLiteral("not recorded in history: %1").arg(m_store->lastError());
        return std::nullopt;
    }
    return id;
}

QStringList HistoryRecorder::takeMessages()
{
    return std::exchange(m_messages, {});
}

} // namespace verbscope::history
