// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/TabStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace verbscope::ui {

namespace {
const QLatin1String Format("verbscope.tabs/1");
}

TabStore::TabStore(const QString &path)
    : m_path(path)
{ }

QString TabStore::dataDir()
{
    const QString env = qEnvironmentVariable("VERBSCOPE_DATA_DIR");
    return env.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : env;
}

QString TabStore::defaultPath()
{
    return QDir(dataDir()).filePath(QStringLiteral("tabs.json"));
}

TabStore::State TabStore::load() const
{
    State state;
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return state;
    state.exists = true;
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    if (root.value(QStringLiteral("format")).toString() != Format)
        return state; // unreadable or from a future version: start clean, not half-restored
    for (const QJsonValue &t : root.value(QStringLiteral("tabs")).toArray())
        state.tabs.append(t.toObject());
    state.current = std::clamp(
        root.value(QStringLiteral("current")).toInt(), 0, int(std::max<qsizetype>(0, state.tabs.size() - 1)));
    return state;
}

bool TabStore::save(const State &state) const
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QJsonArray tabs;
    for (const QJsonObject &t : state.tabs)
        tabs.append(t);
    const QJsonObject root { { QStringLiteral("format"), Format }, { QStringLiteral("current"), state.current },
        { QStringLiteral("tabs"), tabs } };
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    return f.commit();
}

} // namespace verbscope::ui
