// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/history/HistoryStore.h"

#include <QString>
#include <QtGlobal>

#include <memory>

class QTemporaryDir;

namespace verbscope::http {
class CookieJarStore;
class Engine;
} // namespace verbscope::http
namespace verbscope::demo {
class DemoServer;
}
namespace verbscope::history {
class HistoryRecorder;
}

namespace verbscope {

class Settings;

// The desktop app's long-lived services, owned in one place and handed to the windows by
// reference; they outlive every view (gui_main creates this before the MainWindow).
//
// Construction order, which destruction reverses:
//   1. Settings: read by everything below, written last (synced when it goes).
//   2. the body folder: the temporary directory where responses too large for memory go.
//   3. the HistoryStore, opened on the history file (the History sidebar reads it); tightened
//      retention settings are applied to it at once.
//   4. the HistoryRecorder, which writes what the tabs send; rebuilt when a history setting
//      changes, absent while recording is off.
//   5. the demo server, started on first use (--demo, a first run, Help ▸ Open Demo Server).
//   6. the request Engine. It goes first: its calls stream into the body folder and may talk to
//      the demo server, so both are still there while the calls are torn down.
class AppServices final
{
public:
    struct Options {
        QString historyPath; // empty = HistoryStore::defaultPath()
    };

    AppServices();
    explicit AppServices(const Options &options);
    ~AppServices();
    Q_DISABLE_COPY_MOVE(AppServices)

    Settings &settings() const { return *m_settings; }
    http::Engine &engine() const { return *m_engine; }
    history::HistoryStore &historyStore() const { return *m_store; }
    // What opening the history said: an error when it could not be opened, or a notice.
    const history::HistoryStore::OpenResult &historyOpened() const { return m_historyOpened; }
    QString historyPath() const { return m_historyPath; }
    // Null while recording is off in the settings.
    history::HistoryRecorder *recorder() const { return m_recorder.get(); }
    QString bodyDir() const;
    // One cookie jar per environment, persisted in the data dir (cookies/).
    http::CookieJarStore &cookieJars() const { return *m_cookieJars; }

    // The running demo server, started on a free loopback port on first call; null (with
    // `error` set) when it cannot listen.
    demo::DemoServer *startDemo(QString *error = nullptr);
    demo::DemoServer *demoServer() const { return m_demo.get(); }

private:
    void rebuildRecorder();

    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<QTemporaryDir> m_bodies;
    QString m_historyPath;
    std::unique_ptr<history::HistoryStore> m_store;
    history::HistoryStore::OpenResult m_historyOpened;
    std::unique_ptr<history::HistoryRecorder> m_recorder;
    std::unique_ptr<demo::DemoServer> m_demo;
    std::unique_ptr<http::CookieJarStore> m_cookieJars;
    std::unique_ptr<http::Engine> m_engine;
    bool m_retentionQueued = false; // one retention pass for the limits a dialog applies at once
};

} // namespace verbscope
