// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cli/CliApp.h"

#include "Version.h"
#include "core/cli/DemoCommand.h"
#include "core/cli/ExplainCommand.h"
#include "core/cli/DiagnoseCommand.h"
#include "core/cli/SendCommand.h"

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#define VERBSCOPE_ISATTY(fd) _isatty(fd)
#define VERBSCOPE_FILENO(f) _fileno(f)
#else
#include <unistd.h>
#define VERBSCOPE_ISATTY(fd) isatty(fd)
#define VERBSCOPE_FILENO(f) fileno(f)
#endif

namespace verbscope::cli {

void writeOut(QByteArrayView bytes)
{
    std::fwrite(bytes.data(), 1, size_t(bytes.size()), stdout);
}

void writeErr(QByteArrayView bytes)
{
    std::fwrite(bytes.data(), 1, size_t(bytes.size()), stderr);
}

void writeErrText(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    writeErr(utf8);
}

bool stdoutIsTerminal()
{
    return VERBSCOPE_ISATTY(VERBSCOPE_FILENO(stdout));
}

namespace {
const char *const Usage =
    "Usage: verbscope-cli COMMAND [options]\n"
    "\n"
    "Find out why an HTTP method fails.\n"
    "\n"
    "Commands:\n"
    "  send       send one request and print exactly what came back\n"
    "  diagnose   send, gather evidence, and explain why the method failed (501, 405, look-alikes)\n"
    "  explain    explain a status code, a method or a server (405, PROPFIND, nginx)\n"
    "  demo       run the built-in demo server: every 405/501 behaviour on 127.0.0.1\n"
    "\n"
    "Run 'verbscope-cli COMMAND --help' for the options of a command.\n"
    "Exit codes: 0 an HTTP answer arrived, 2 usage error, 3 transport error.\n";
} // namespace

int runCli(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    if (command == QLatin1String("--version") || command == QLatin1String("-V") || command == QLatin1String("version")) {
        writeOut(QByteArrayView("verbscope-cli " VERBSCOPE_VERSION "\n"));
        return ExitOk;
    }
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        writeOut(QByteArrayView(Usage));
        return command.isEmpty() ? ExitUsage : ExitOk;
    }
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("send"))
        return SendCommand().run(rest);
    if (command == QLatin1String("diagnose"))
        return DiagnoseCommand().run(rest);
    if (command == QLatin1String("explain"))
        return ExplainCommand().run(rest);
    if (command == QLatin1String("demo"))
        return DemoCommand().run(rest);
    writeErrText(QStringLiteral("verbscope-cli: unknown command \"%1\"\n\n").arg(command));
    writeErr(QByteArrayView(Usage));
    return ExitUsage;
}

} // namespace verbscope::cli
