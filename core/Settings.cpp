// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/Settings.h"

#include "core/http/RequestSpec.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QPointer>
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

// Every live facade, so that a change made through one reaches the others on the same file.
struct Registry {
    QMutex mutex;
    QList<Settings *> instances;
};

Registry &registry()
{
    static Registry r;
    return r;
}

// Whether Qt's INI reader would carry this line's value on into the next lines: a quote left
// open, or a backslash at the end (a continuation). A backslash escapes the next character.
bool runsOn(const QByteArray &line)
{
    bool inQuote = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line.at(i) == '\\') {
            if (++i == line.size())
                return true;
        } else if (line.at(i) == '"') {
            inQuote = !inQuote;
        }
    }
    return inQuote;
}
} // namespace

Settings::Settings(QObject *parent)
    : QObject(parent)
    , m_settings(makeSettings())
{
    guardUnreadableFile();
    const QMutexLocker lock(&registry().mutex);
    registry().instances.append(this);
}

Settings::Settings(const QString &iniFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
    guardUnreadableFile();
    const QMutexLocker lock(&registry().mutex);
    registry().instances.append(this);
}

Settings::~Settings()
{
    {
        const QMutexLocker lock(&registry().mutex);
        registry().instances.removeOne(this);
    }
    if (!isWritable())
        return; // nothing was written; QSettings' own sync() has nothing to write either
    m_settings->sync();
    // The settings can name a proxy with its password: owner-only.
    const QString file = m_settings->fileName();
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (QFile::exists(file) && QFile::permissions(file) != ownerOnly)
        QFile::setPermissions(file, ownerOnly);
}

void Settings::guardUnreadableFile()
{
    // QSettings' own FormatError cannot be relied on: measured with Qt 6.4 under a
    // QCoreApplication, the first read's error is not reported and a re-read happens only when
    // the file's time stamp says so. So the lines Qt's INI reader gives up on are looked for
    // here: a section header without its "]", a line that is neither a comment nor "key=value",
    // NUL bytes, and a value that runs on (Qt's reader carries an open quote or a trailing
    // backslash over the following lines, so a later "[history] enabled=false" would be swallowed).
    if (m_settings->format() != QSettings::IniFormat && m_settings->format() != QSettings::NativeFormat)
        return;
    QFile f(m_settings->fileName());
    if (!f.open(QIODevice::ReadOnly))
        return;
    int brokenLine = 0;
    int number = 0;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        ++number;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(';') || line.startsWith('#'))
            continue;
        const bool ok
            = !line.contains('\0') && (line.startsWith('[') ? line.contains(']') : line.contains('=')) && !runsOn(line);
        if (!ok) {
            brokenLine = number;
            break;
        }
    }
    if (brokenLine == 0)
        return;
    const QString file = m_settings->fileName();
    // One copy per damaged file is enough: every later start finds the same damage.
    QDir dir = QFileInfo(file).absoluteDir();
    const QStringList copies = dir.entryList({ QFileInfo(file).fileName() + QStringLiteral(".unreadable-*") });
    QString kept = copies.isEmpty() ? QString() : dir.filePath(copies.constLast());
    if (kept.isEmpty()) {
        kept = file + QStringLiteral(".unreadable-")
            + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        if (!QFile::copy(file, kept))
            kept.clear();
    }
    m_notice
        = QStringLiteral("The settings file %1 has broken syntax at line %2; it is left as it is%3, defaults are "
                         "used where it cannot be read, history recording is off, and changed settings are not saved "
                         "until it is fixed or removed.")
              .arg(file)
              .arg(brokenLine)
              .arg(kept.isEmpty() ? QString() : QStringLiteral(" (a copy is in %1)").arg(kept));
}

QString Settings::keyName(Key key)
{
    switch (key) {
    case Key::HistoryEnabled: return QStringLiteral("history/enabled");
    case Key::HistoryMaxEntries: return QStringLiteral("history/maxEntries");
    case Key::HistoryMaxAgeDays: return QStringLiteral("history/maxAgeDays");
    case Key::HistoryMaskSecrets: return QStringLiteral("history/maskSecrets");
    case Key::RequestTimeoutSeconds: return QStringLiteral("requests/timeoutSeconds");
    case Key::ProxyMode: return QStringLiteral("requests/proxyMode");
    case Key::ProxyUrl: return QStringLiteral("requests/proxyUrl");
    case Key::TlsVerify: return QStringLiteral("requests/tlsVerify");
    case Key::Theme: return QStringLiteral("appearance/theme");
    case Key::FontSize: return QStringLiteral("appearance/fontSize");
    case Key::CollectionRecentFolders: return QStringLiteral("collections/recentFolders");
    case Key::CollectionEnvironment: return QStringLiteral("collections/environment");
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
    case Key::RequestTimeoutSeconds: return 30;
    case Key::ProxyMode: return QStringLiteral("system");
    case Key::ProxyUrl: return QString();
    case Key::TlsVerify: return true;
    case Key::Theme: return QStringLiteral("system");
    case Key::FontSize: return 0;
    case Key::CollectionRecentFolders: return QStringList();
    case Key::CollectionEnvironment: return QString();
    }
    return {};
}

// A broken file may have swallowed "enabled=false": when the intent cannot be read, nothing is
// recorded, the safe side for a tool that stores credentials and bodies.
QVariant Settings::value(Key key) const
{
    if (key == Key::HistoryEnabled && !isWritable())
        return false;
    const QVariant def = defaultValue(key);
    QVariant v = m_settings->value(keyName(key), def);
    // A hand-edited file may hold "yes" or "ten": fall back to the default rather than guess.
    if (!v.canConvert(def.metaType()) || !v.convert(def.metaType()))
        return def;
    return v;
}

void Settings::setValue(Key key, const QVariant &value)
{
    if (!isWritable())
        return;
    const QVariant before = this->value(key);
    m_settings->setValue(keyName(key), value);
    if (this->value(key) != before)
        notifyChanged(key);
}

void Settings::reset(Key key)
{
    if (!isWritable())
        return;
    const QVariant before = value(key);
    m_settings->remove(keyName(key));
    if (value(key) != before)
        notifyChanged(key);
}

// QSettings objects on one file share Qt's cache, so the others read the new value already;
// they are told here. Guarded pointers: a slot may delete one of them.
void Settings::notifyChanged(Key key)
{
    QList<QPointer<Settings>> same;
    {
        const QMutexLocker lock(&registry().mutex);
        const QString file = m_settings->fileName();
        for (Settings *s : std::as_const(registry().instances))
            if (s->m_settings->fileName() == file)
                same.append(s);
    }
    for (const QPointer<Settings> &s : std::as_const(same))
        if (s)
            Q_EMIT s->changed(key);
}

int Settings::requestTimeoutSeconds() const
{
    const int s = value(Key::RequestTimeoutSeconds).toInt();
    return s >= 1 && s <= 3600 ? s : defaultValue(Key::RequestTimeoutSeconds).toInt();
}

QString Settings::proxyId(Proxy proxy)
{
    switch (proxy) {
    case Proxy::System: return QStringLiteral("system");
    case Proxy::None: return QStringLiteral("none");
    case Proxy::Manual: return QStringLiteral("manual");
    }
    return {};
}

QString Settings::themeId(Appearance theme)
{
    switch (theme) {
    case Appearance::System: return QStringLiteral("system");
    case Appearance::Light: return QStringLiteral("light");
    case Appearance::Dark: return QStringLiteral("dark");
    }
    return {};
}

Settings::Proxy Settings::proxyMode() const
{
    const QString id = value(Key::ProxyMode).toString();
    for (Proxy p : { Proxy::None, Proxy::Manual })
        if (id == proxyId(p))
            return p;
    return Proxy::System;
}

Settings::Appearance Settings::theme() const
{
    const QString id = value(Key::Theme).toString();
    for (Appearance a : { Appearance::Light, Appearance::Dark })
        if (id == themeId(a))
            return a;
    return Appearance::System;
}

void Settings::applyRequestDefaults(http::RequestOptions &options) const
{
    options.idleTimeoutMs = requestTimeoutSeconds() * 1000;
    options.verifyTls = tlsVerify();
    switch (proxyMode()) {
    case Proxy::System:
        options.proxy.clear();
        options.useEnvironmentProxy = true;
        break;
    case Proxy::None:
        options.proxy.clear();
        options.useEnvironmentProxy = false;
        break;
    case Proxy::Manual:
        options.proxy = proxyUrl().trimmed();
        options.useEnvironmentProxy = options.proxy.isEmpty();
        break;
    }
}

void Settings::sync()
{
    if (isWritable())
        m_settings->sync();
}

} // namespace verbscope
