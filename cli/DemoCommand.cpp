// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/DemoCommand.h"

#include "cli/CliApp.h"
#include "core/demo/DemoServer.h"
#include "core/http/HttpSyntax.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTime>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#endif

// `demo`: runs core/demo's DemoServer on 127.0.0.1 in the foreground until Ctrl+C, printing one
// line per request; the GUI starts the same server through AppServices instead.
namespace verbscope::cli {

namespace {

#ifdef Q_OS_UNIX
// Self-pipe: the signal handler only writes a byte; the event loop sees it and stops, so the
// server closes its socket and the port is free when the process exits.
int signalPipe[2] = { -1, -1 };

void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

class StopSignals
{
public:
    // The handlers are installed only while the loop runs; the destructor restores the previous ones.
    explicit StopSignals(QEventLoop *loop)
    {
        if (::pipe(signalPipe) != 0)
            return;
        for (int fd : signalPipe) {
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        }
        m_notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, loop);
        QObject::connect(m_notifier, &QSocketNotifier::activated, loop, [loop] {
            char byte = 0;
            // Drain the pipe: several signals may have arrived before the loop woke up.
            while (::read(signalPipe[0], &byte, 1) > 0) { }
            loop->quit();
        });
        struct sigaction action {
        };
        action.sa_handler = onStopSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &action, &m_oldInt);
        ::sigaction(SIGTERM, &action, &m_oldTerm);
        m_installed = true;
    }
    ~StopSignals()
    {
        if (!m_installed)
            return;
        ::sigaction(SIGINT, &m_oldInt, nullptr);
        ::sigaction(SIGTERM, &m_oldTerm, nullptr);
        delete m_notifier;
        ::close(signalPipe[0]);
        ::close(signalPipe[1]);
        signalPipe[0] = signalPipe[1] = -1;
    }
    Q_DISABLE_COPY_MOVE(StopSignals)

private:
    QSocketNotifier *m_notifier = nullptr;
    struct sigaction m_oldInt {
    };
    struct sigaction m_oldTerm {
    };
    bool m_installed = false;
};
#else
// Elsewhere the default handlers end the process; the OS releases the port.
class StopSignals
{
public:
    explicit StopSignals(QEventLoop *) { }
};
#endif

void printLine(const QString &line)
{
    writeOut(line.toUtf8());
    std::fflush(stdout); // one line per request, even into a pipe
}

} // namespace

CommandLine DemoCommand::commandLine()
{
    CommandLine c;
    c.description = QStringLiteral("Run the built-in demo server: one path per way a server can refuse a method.");
    c.options += QList<QCommandLineOption> {
        { QStringLiteral("port"),
            QStringLiteral("Port on 127.0.0.1 (default %1; 0 picks a free one).").arg(DefaultPort),
            QStringLiteral("N") },
        { QStringLiteral("quiet"), QStringLiteral("Print only the URL, not one line per request.") },
        { QStringLiteral("routes"), QStringLiteral("Print the route table (Markdown) and exit.") },
    };
    return c;
}

// A busy port is a usage error (2) with a hint because the user can choose another; any other
// listen failure is ours (1).
int DemoCommand::run(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = commandLine().parse(p, QStringLiteral("demo"), arguments); early >= 0)
        return early;
    if (!p.positionalArguments().isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli demo: unexpected argument \"%1\"\n")
                         .arg(p.positionalArguments().constFirst()));
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("routes"))) {
        writeOut(demo::DemoServer::routesMarkdown().toUtf8());
        return ExitOk;
    }
    quint16 port = DefaultPort;
    if (p.isSet(QStringLiteral("port"))) {
        bool ok = false;
        const uint value = p.value(QStringLiteral("port")).toUInt(&ok);
        if (!ok || value > 65535) {
            writeErrText(QStringLiteral("verbscope-cli demo: --port \"%1\" is not a port number (0 to 65535)\n")
                             .arg(p.value(QStringLiteral("port"))));
            return ExitUsage;
        }
        port = quint16(value);
    }
    const bool quiet = p.isSet(QStringLiteral("quiet"));

    demo::DemoServer server;
    if (!server.listen(port)) {
        if (server.addressInUse()) {
            writeErrText(QStringLiteral("verbscope-cli demo: port %1 on 127.0.0.1 is already in use. "
                                        "Choose another with --port N, or --port 0 for a free one.\n")
                             .arg(port));
            return ExitUsage;
        }
        writeErrText(QStringLiteral("verbscope-cli demo: cannot listen on 127.0.0.1:%1: %2\n")
                         .arg(port)
                         .arg(server.errorString()));
        return ExitFailure;
    }
    if (!quiet) {
        QObject::connect(&server, &demo::DemoServer::requestHandled, &server,
            [](const QByteArray &method, const QByteArray &target, int status) {
                printLine(QStringLiteral("%1 %2 %3 %4\n")
                              .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")),
                                  method.isEmpty() ? QStringLiteral("-") : http::escapeBytes(method),
                                  target.isEmpty() ? QStringLiteral("-") : http::escapeBytes(target))
                              .arg(status));
            });
    }
    printLine(QStringLiteral("VerbScope demo server on %1\n").arg(server.url()));
    if (!quiet)
        writeErrText(QStringLiteral("Every route is listed at that URL. Stop with Ctrl+C.\n"));

    QEventLoop loop;
    StopSignals stopSignals(&loop);
    loop.exec();
    server.close();
    if (!quiet)
        writeErrText(QStringLiteral("Stopped.\n"));
    return ExitOk;
}

} // namespace verbscope::cli
