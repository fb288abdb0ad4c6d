// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace verbscope::ui {

// The open request tabs, kept between runs as JSON ("verbscope.tabs/1") in the data
// directory ($VERBSCOPE_DATA_DIR, else the platform's app data location). Owner-only
// permissions: a tab can hold credentials typed into its Auth page.
class TabStore
{
public:
    struct State {
        bool exists = false; // false on a first run
        QList<QJsonObject> tabs;
        int current = 0;
        // Saved while the app runs; false only in the last save of a clean exit. Loading a
        // state that is still "running" means the previous session crashed or was killed.
        bool running = false;
        // Set when the file could not be read: it was kept under this message's name, never
        // overwritten, and the app starts with no restored tabs.
        QString notice;
    };

    explicit TabStore(const QString &path = defaultPath());

    static QString dataDir();
    static QString defaultPath();
    QString path() const { return m_path; }

    // An unreadable file (broken JSON, another format) is renamed to
    // "tabs.json.unreadable-<time>" so the next save cannot destroy it; State::notice says so.
    State load() const;
    bool save(const State &state) const;

private:
    QString m_path;
};

} // namespace verbscope::ui
