// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app's costs as a user feels them, measured in one process (run it offscreen:
// QT_QPA_PLATFORM=offscreen). Prints key=value lines for bench/run.
//   bench_desktop startup        time to the first painted window (from $VERBSCOPE_BENCH_T0, ns since
//                                the epoch, when set; else from main()), and the RSS once idle
//   bench_desktop large URL      sends URL from a request tab and reports the longest event-loop
//                                stall (a 5 ms timer's largest gap), peak and final RSS, and the time
//                                until the answer is shown
// Set VERBSCOPE_DATA_DIR (and XDG_CONFIG_HOME) to a scratch folder: the window records into the
// history and saves its tabs there.
#include "core/AppServices.h"
#include "ui/MainWindow.h"
#include "ui/RequestTab.h"

#include "core/http/Exchange.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <memory>

using namespace verbscope;

namespace {
qint64 nowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// VmRSS or VmHWM from /proc/self/status, in KiB.
qint64 statusKiB(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray wanted = QByteArray(key) + ':';
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(wanted))
            return line.mid(wanted.size()).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Calls `onFirst` at the first paint of a widget.
class FirstPaint final : public QObject
{
public:
    explicit FirstPaint(std::function<void()> onFirst)
        : m_onFirst(std::move(onFirst))
    { }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_onFirst) {
            auto f = std::exchange(m_onFirst, nullptr);
            QTimer::singleShot(0, this, f);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_onFirst;
};

// The largest gap between the ticks of a timer that should fire every 5 ms.
class StallMeter final : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 t = m_clock.nsecsElapsed();
            m_max = std::max(m_max, t - m_last);
            m_last = t;
        });
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    double maxGapMs() const { return double(m_max) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_max = 0;
};

int startup(QApplication &app, qint64 t0)
{
    AppServices services;
    ui::MainWindow window(services);
    FirstPaint first([&] {
        const double ms = double(nowNs() - t0) / 1e6;
        std::printf("first_window_ms=%.1f\n", ms);
        // Idle: the window is up and nothing happens for a second.
        QTimer::singleShot(1000, &app, [&] {
            std::printf("idle_rss_kib=%lld\n", statusKiB("VmRSS"));
            std::printf("idle_hwm_kib=%lld\n", statusKiB("VmHWM"));
            app.quit();
        });
    });
    window.installEventFilter(&first);
    window.resize(1280, 800);
    window.show();
    return app.exec();
}

int large(QApplication &app, const QString &url)
{
    AppServices services;
    ui::MainWindow window(services);
    window.resize(1280, 800);
    window.show();
    window.openUrl(url);
    ui::RequestTab *tab = window.currentTab();
    if (!tab) {
        std::fprintf(stderr, "bench_desktop: no request tab\n");
        return 1;
    }
    const qint64 before = statusKiB("VmRSS");
    std::unique_ptr<StallMeter> meter; // started with the send, after the window's first paint
    QElapsedTimer clock;
    QObject::connect(tab, &ui::RequestTab::busyChanged, &app, [&](bool busy) {
        if (busy)
            return;
        const double shownMs = double(clock.nsecsElapsed()) / 1e6;
        // Let whatever the answer queued (rendering, history) run while the meter keeps watching.
        QTimer::singleShot(1500, &app, [&, shownMs] {
            const http::Exchange &ex = tab->exchange();
            std::printf("status=%d\n", ex.response.head.status);
            std::printf("body_bytes=%lld\n", ex.response.decodedSize);
            std::printf("shown_ms=%.1f\n", shownMs);
            std::printf("max_stall_ms=%.1f\n", meter->maxGapMs());
            std::printf("rss_before_kib=%lld\n", before);
            std::printf("rss_after_kib=%lld\n", statusKiB("VmRSS"));
            std::printf("peak_rss_kib=%lld\n", statusKiB("VmHWM"));
            app.quit();
        });
    });
    // Start once the window is up and the meter runs.
    QTimer::singleShot(200, &app, [&] {
        meter = std::make_unique<StallMeter>();
        clock.start();
        window.send();
    });
    return app.exec();
}
} // namespace

int main(int argc, char *argv[])
{
    const qint64 mainNs = nowNs();
    const QByteArray t0Env = qgetenv("VERBSCOPE_BENCH_T0");
    const qint64 t0 = t0Env.isEmpty() ? mainNs : t0Env.toLongLong();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("verbscope"));
    QApplication::setOrganizationName(QStringLiteral("VerbScope"));
    const QStringList args = QApplication::arguments();
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    if (args.value(1) == QLatin1String("startup")) {
        std::printf("main_ms=%.1f\n", double(mainNs - t0) / 1e6);
        return startup(app, t0);
    }
    if (args.value(1) == QLatin1String("large") && args.size() == 3)
        return large(app, args.at(2));
    std::fprintf(stderr, "usage: bench_desktop startup | large URL\n");
    return 2;
}
