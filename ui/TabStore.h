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
    };

    explicit TabStore(const QString &path = defaultPath());

    static QString dataDir();
    static QString defaultPath();
    QString path() const { return m_path; }

    State load() const;
    bool save(const State &state) const;

private:
    QString m_path;
};

} // namespace verbscope::ui
