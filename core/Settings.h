// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QVariant>

#include <memory>

class QSettings;

namespace verbscope::http {
struct RequestOptions;
}

namespace verbscope {

// The one typed facade over QSettings: every key is an enum with a default, so no caller
// invents a key string. Stored in the platform's usual place, or in
// $VERBSCOPE_DATA_DIR/verbscope.ini when that is set (tests never touch a user's settings).
// Every instance on the same file emits changed(key) when any of them changes a key's value,
// so a short-lived `Settings().setValue(…)` reaches the views that follow the app's instance.
// Use it from one thread (the GUI thread in the app, the main thread in the CLI): the signal is
// emitted directly to the other instances, which must live on the same thread.
class Settings final : public QObject
{
    Q_OBJECT
public:
    enum class Key {
        HistoryEnabled, // bool: record exchanges at all
        HistoryMaxEntries, // int: keep at most this many top-level entries; 0 = no limit
        HistoryMaxAgeDays, // int: drop entries older than this; 0 = no limit
        HistoryMaskSecrets, // bool: mask Authorization, Cookie… before storing
        RequestTimeoutSeconds, // int: idle timeout of new requests
        ProxyMode, // string: "system" (environment), "none" or "manual"
        ProxyUrl, // string: the proxy when ProxyMode is "manual"
        TlsVerify, // bool: verify certificates in new requests
        Theme, // string: "system", "light" or "dark"
        FontSize, // int: point size of the desktop app's font; 0 = the platform's
        CollectionRecentFolders, // string list: collection folders opened, most recent first
        CollectionEnvironment, // string: the active environment of the collections sidebar
    };
    Q_ENUM(Key)
    enum class Proxy { System, None, Manual };
    enum class Appearance { System, Light, Dark };

    explicit Settings(QObject *parent = nullptr);
    explicit Settings(const QString &iniFile, QObject *parent = nullptr);
    ~Settings() override;
    Q_DISABLE_COPY_MOVE(Settings)

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);

    QVariant value(Key key) const;
    // Both emit changed(key) when the typed value (what value() returns) differs afterwards.
    void setValue(Key key, const QVariant &value);
    void reset(Key key);
    void sync();

    // Set when the settings file has broken syntax: Qt would rewrite it and drop what it could
    // not parse, so the file is copied aside untouched ("<file>.unreadable-<time>"), defaults
    // fill the gaps, and this facade writes nothing until the file is fixed or removed.
    QString notice() const { return m_notice; }
    bool isWritable() const { return m_notice.isEmpty(); }

    bool historyEnabled() const { return value(Key::HistoryEnabled).toBool(); }
    int historyMaxEntries() const { return value(Key::HistoryMaxEntries).toInt(); }
    int historyMaxAgeDays() const { return value(Key::HistoryMaxAgeDays).toInt(); }
    bool historyMaskSecrets() const { return value(Key::HistoryMaskSecrets).toBool(); }
    int requestTimeoutSeconds() const;
    Proxy proxyMode() const;
    QString proxyUrl() const { return value(Key::ProxyUrl).toString(); }
    bool tlsVerify() const { return value(Key::TlsVerify).toBool(); }
    Appearance theme() const;
    int fontSize() const { return value(Key::FontSize).toInt(); }

    static QString proxyId(Proxy proxy);
    static QString themeId(Appearance theme);

    // The defaults a new request starts from: timeout, proxy and TLS verification.
    void applyRequestDefaults(http::RequestOptions &options) const;

Q_SIGNALS:
    // Emitted in the writer's thread, once per key whose value changed; never by a facade that
    // cannot write (isWritable() false).
    void changed(verbscope::Settings::Key key);

private:
    void guardUnreadableFile();
    void notifyChanged(Key key);

    std::unique_ptr<QSettings> m_settings;
    QString m_notice;
};

} // namespace verbscope
