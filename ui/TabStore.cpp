// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/TabStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

// Used by MainWindow to restore tabs at start and save them as they change. Owns only the file;
// what a tab's JSON holds is RequestTab's business.
namespace verbscope::ui {

namespace {
const QLatin1String Format("verbscope.tabs/1");
}

TabStore::TabStore(const QString &path)
    : m_path(path)
{ }

// VERBSCOPE_DATA_DIR gives each test (and each CLI fixture) a private folder.
QString TabStore::dataDir()
{
    const QString env = qEnvironmentVariable("VERBSCOPE_DATA_DIR");
    return env.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : env;
}

QString TabStore::defaultPath()
{
    return QDir(dataDir()).filePath(QStringLiteral("tabs.json"));
}

// `running` still set means the last session did not close cleanly (MainWindow then offers the
// drafts back). The current index is clamped so a hand-edited file cannot select a missing tab.
TabStore::State TabStore::load() const
{
    State state;
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return state;
    state.exists = true;
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(f.readAll(), &error).object();
    f.close();
    if (error.error != QJsonParseError::NoError || root.value(QStringLiteral("format")).toString() != Format) {
        // Unreadable or from a future version: start clean, not half-restored, and keep the file.
        const QString why = error.error != QJsonParseError::NoError
            ? QStringLiteral("broken JSON at offset %1: %2").arg(error.offset).arg(error.errorString())
            : QStringLiteral("not a %1 document").arg(Format);
        const QString kept = m_path + QStringLiteral(".unreadable-")
            + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        state.notice = QFile::rename(m_path, kept)
            ? QStringLiteral("The saved tabs could not be read (%1); the file was kept as %2.").arg(why, kept)
            : QStringLiteral("The saved tabs could not be read (%1) nor moved aside; %2 is left as it is and the "
                             "open tabs are not saved over it.")
                  .arg(why, m_path);
        return state;
    }
    for (const QJsonValue &t : root.value(QStringLiteral("tabs")).toArray())
        state.tabs.append(t.toObject());
    state.running = root.value(QStringLiteral("running")).toBool();
    state.current = std::clamp(
        root.value(QStringLiteral("current")).toInt(), 0, int(std::max<qsizetype>(0, state.tabs.size() - 1)));
    return state;
}

// QSaveFile: a crash while writing leaves the previous tabs.json intact rather than a truncated one.
bool TabStore::save(const State &state) const
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    // Never replace a file this version cannot read (see load()).
    QFile existing(m_path);
    if (existing.open(QIODevice::ReadOnly)) {
        const QJsonObject old = QJsonDocument::fromJson(existing.readAll()).object();
        if (old.value(QStringLiteral("format")).toString() != Format)
            return false;
    }
    QJsonArray tabs;
    for (const QJsonObject &t : state.tabs)
        tabs.append(t);
    const QJsonObject root { { QStringLiteral("format"), Format }, { QStringLiteral("current"), state.current },
        { QStringLiteral("tabs"), tabs }, { QStringLiteral("running"), state.running } };
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    return f.commit();
}

} // namespace verbscope::ui
