// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"

#include "core/Settings.h"
#include "core/demo/DemoServer.h"
#include "core/history/HistoryRecorder.h"
#include "core/http/CookieJarStore.h"
#include "core/http/Engine.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTimer>

namespace verbscope {

AppServices::AppServices()
    : AppServices(Options {})
{ }

AppServices::AppServices(const Options &options)
    : m_settings(std::make_unique<Settings>())
    , m_bodies(std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/verbscope-bodies-XXXXXX")))
    , m_historyPath(options.historyPath.isEmpty() ? history::HistoryStore::defaultPath() : options.historyPath)
    , m_store(std::make_unique<history::HistoryStore>())
    , m_cookieJars(std::make_unique<http::CookieJarStore>(
          QDir(history::HistoryStore::dataDir()).filePath(QStringLiteral("cookies"))))
    , m_engine(std::make_unique<http::Engine>())
{
    history::HistoryStore::Options storeOptions;
    storeOptions.maskSecrets = m_settings->historyMaskSecrets();
    m_historyOpened = m_store->open(m_historyPath, storeOptions);
    rebuildRecorder();
    // The recorder reads the history settings once: a new one takes the new values. Tighter
    // limits apply at once, so the open History sidebar shrinks when they are applied.
    QObject::connect(m_settings.get(), &Settings::changed, m_settings.get(), [this](Settings::Key key) {
        using Key = Settings::Key;
        const bool limits = key == Key::HistoryMaxEntries || key == Key::HistoryMaxAgeDays;
        if (limits || key == Key::HistoryEnabled || key == Key::HistoryMaskSecrets)
            rebuildRecorder();
        // The dialog applies its keys one by one, and a running retention ignores a second start:
        // one pass after all of them, with every limit, so two tightened limits both apply.
        if (limits && !m_retentionQueued) {
            m_retentionQueued = true;
            QTimer::singleShot(0, m_settings.get(), [this] {
                m_retentionQueued = false;
                if (m_settings->historyEnabled())
                    m_store->startRetention({ m_settings->historyMaxEntries(), m_settings->historyMaxAgeDays() });
            });
        }
    });
}

AppServices::~AppServices() = default; // members go in reverse order: see the header

QString AppServices::bodyDir() const
{
    return m_bodies->path();
}

void AppServices::rebuildRecorder()
{
    m_recorder.reset(); // flushed and closed before another opens the same file
    if (m_settings->historyEnabled())
        m_recorder = std::make_unique<history::HistoryRecorder>(QStringLiteral("gui"), m_historyPath);
}

demo::DemoServer *AppServices::startDemo(QString *error)
{
    if (m_demo)
        return m_demo.get();
    auto server = std::make_unique<demo::DemoServer>();
    if (!server->listen(0)) {
        if (error)
            *error = server->errorString();
        return nullptr;
    }
    m_demo = std::move(server);
    return m_demo.get();
}

} // namespace verbscope
