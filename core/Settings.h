// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QVariant>

#include <memory>

class QSettings;

namespace verbscope {

// The one typed facade over QSettings: every key is an enum with a default, so no caller
// invents a key string. Stored in the platform's usual place, or in
// $VERBSCOPE_DATA_DIR/verbscope.ini when that is set (tests never touch a user's settings).
class Settings
{
public:
    enum class Key {
        HistoryEnabled, // bool: record exchanges at all
        HistoryMaxEntries, // int: keep at most this many top-level entries; 0 = no limit
        HistoryMaxAgeDays, // int: drop entries older than this; 0 = no limit
        HistoryMaskSecrets, // bool: mask Authorization, Cookie… before storing
    };

    Settings();
    explicit Settings(const QString &iniFile);
    ~Settings();
    Q_DISABLE_COPY_MOVE(Settings)

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    void reset(Key key);
    void sync();

    bool historyEnabled() const { return value(Key::HistoryEnabled).toBool(); }
    int historyMaxEntries() const { return value(Key::HistoryMaxEntries).toInt(); }
    int historyMaxAgeDays() const { return value(Key::HistoryMaxAgeDays).toInt(); }
    bool historyMaskSecrets() const { return value(Key::HistoryMaskSecrets).toBool(); }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace verbscope
