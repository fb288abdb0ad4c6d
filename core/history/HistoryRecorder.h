// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace verbscope::http {
struct Exchange;
}
namespace verbscope::diagnosis {
struct Diagnosis;
}

namespace verbscope::history {

class HistoryStore;

// What a command calls to keep what it did: opens the history lazily with the user's settings
// (on/off, masking, retention), records, and turns every problem into a message instead of a
// failure, because losing a history entry must never fail the request itself.
class HistoryRecorder
{
public:
    // `source` names the caller in the history ("send", "diagnose", "probe", "compare"…).
    // An empty `path` means HistoryStore::defaultPath().
    explicit HistoryRecorder(const QString &source, const QString &path = {});
    ~HistoryRecorder();
    Q_DISABLE_COPY_MOVE(HistoryRecorder)

    // The resolved values of variables marked secret: masked wherever they appear when the
    // history masks secrets (Settings::HistoryMaskSecrets).
    void setSecretValues(const QList<QByteArray> &values) { m_secretValues = values; }

    std::optional<qint64> record(const http::Exchange &exchange);
    std::optional<qint64> record(const diagnosis::Diagnosis &diagnosis);

    // Notices (a database moved aside) and warnings (not recorded: why) to show the user.
    QStringList takeMessages();

private:
    bool ensureOpen();

    QString m_source;
    QString m_path;
    std::unique_ptr<HistoryStore> m_store;
    bool m_tried = false;
    bool m_enabled = true;
    QStringList m_messages;
    QList<QByteArray> m_secretValues;
    bool m_mask = true;
};

} // namespace verbscope::history
