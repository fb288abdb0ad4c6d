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
struct HistoryEntryRows;

// What a command calls to keep what it did: opens the history lazily with the user's settings
// (on/off, masking, retention), records, and turns every problem into a message instead of a
// failure, because losing a history entry must never fail the request itself.
class HistoryRecorder
{
public:
    enum class Mode {
        Immediate, // each record() is written to the database at once (the desktop app)
        // record() keeps the rows and flush() leaves them in the pending folder (HistorySpool)
        // for the next reader: a short-lived command does not open SQLite at all. Once
        // PendingLimit files wait, the recorder takes them in itself.
        Deferred,
    };
    static constexpr int PendingLimit = 32;

    // `source` names the caller in the history ("send", "diagnose", "probe", "compare"…).
    // An empty `path` means HistoryStore::defaultPath().
    explicit HistoryRecorder(const QString &source, const QString &path = {}, Mode mode = Mode::Immediate);
    ~HistoryRecorder(); // flushes
    Q_DISABLE_COPY_MOVE(HistoryRecorder)

    // The resolved values of variables marked secret: masked wherever they appear when the
    // history masks secrets (Settings::HistoryMaskSecrets).
    void setSecretValues(const QList<QByteArray> &values) { m_secretValues = values; }

    // The new row's id; nullopt when not recorded (takeMessages() says why) and in Deferred
    // mode, where the id is given when the entry is taken in.
    std::optional<qint64> record(const http::Exchange &exchange);
    std::optional<qint64> record(const diagnosis::Diagnosis &diagnosis);
    // Deferred mode: writes what record() kept as one pending file. Does nothing otherwise.
    void flush();

    // Notices (a database moved aside) and warnings (not recorded: why) to show the user.
    QStringList takeMessages();

private:
    std::optional<qint64> record(HistoryEntryRows rows);
    bool readSettings();
    bool ensureOpen();
    QString databasePath() const;

    QString m_source;
    QString m_path;
    Mode m_mode;
    std::unique_ptr<HistoryStore> m_store;
    bool m_settingsRead = false;
    bool m_tried = false;
    bool m_enabled = true;
    bool m_mask = true;
    int m_maxEntries = 0;
    int m_maxAgeDays = 0;
    QStringList m_messages;
    QList<QByteArray> m_secretValues;
    QList<HistoryEntryRows> m_pending;
};

} // namespace verbscope::history
