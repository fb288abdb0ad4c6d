// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/Settings.h"

#include <QDir>
#include <QSettings>

namespace verbscope {

namespace {
std::unique_ptr<QSettings> makeSettings()
{
    const QString dataDir = qEnvironmentVariable("VERBSCOPE_DATA_DIR");
    if (!dataDir.isEmpty())
        return std::make_unique<QSettings>(
            QDir(dataDir).filePath(QStringLiteral("verbscope.ini")), QSettings::IniFormat);
    return std::make_unique<QSettings>();
}
} // namespace

Settings::Settings()
    : m_settings(makeSettings())
{ }

Settings::Settings(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{ }

Settings::~Settings() = default;

QString Settings::keyName(Key key)
{
    switch (key) {
    case Key::HistoryEnabled: return QStringLiteral("history/enabled");
    case Key::HistoryMaxEntries: return QStringLiteral("history/maxEntries");
    case Key::HistoryMaxAgeDays: return QStringLiteral("history/maxAgeDays");
    case Key::HistoryMaskSecrets: return QStringLiteral("history/maskSecrets");
    }
    return {};
}

QVariant Settings::defaultValue(Key key)
{
    switch (key) {
    case Key::HistoryEnabled: return true;
    case Key::HistoryMaxEntries: return 100'000;
    case Key::HistoryMaxAgeDays: return 365;
    case Key::HistoryMaskSecrets: return true;
    }
    return {};
}

QVariant Settings::value(Key key) const
{
    const QVariant def = defaultValue(key);
    QVariant v = m_settings->value(keyName(key), def);
    // A hand-edited file may hold "yes" or "ten": fall back to the default rather than guess.
    if (!v.canConvert(def.metaType()) || !v.convert(def.metaType()))
        return def;
    return v;
}

void Settings::setValue(Key key, const QVariant &value)
{
    m_settings->setValue(keyName(key), value);
}

void Settings::reset(Key key)
{
    m_settings->remove(keyName(key));
}

void Settings::sync()
{
    m_settings->sync();
}

} // namespace verbscope
