// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cli/CliApp.h"

#include "Version.h"
#include "core/cli/CompareCommand.h"
#include "core/cli/DemoCommand.h"
#include "core/cli/DiagnoseCommand.h"
#include "core/cli/ExplainCommand.h"
#include "core/cli/ExportCommand.h"
#include "core/cli/HistoryCommand.h"
#include "core/cli/ImportCommand.h"
#include "core/cli/ProbeCommand.h"
#include "core/cli/RunCommand.h"
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
    if (bytes.isEmpty())
        return; // fwrite's pointer must not be null, even for 0 bytes (found by UBSan)
    std::fwrite(bytes.data(), 1, size_t(bytes.size()), stdout);
}

void writeErr(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
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

bool stdinIsTerminal()
{
    return VERBSCOPE_ISATTY(VERBSCOPE_FILENO(stdin));
}

namespace {
const char *const Usage
    = "Usage: verbscope-cli COMMAND [options]\n"
      "\n"
      "Find out why an HTTP method fails.\n"
      "\n"
      "Commands:\n"
      "  send       send one request and print exactly what came back\n"
      "  probe      which methods do these servers accept? a matrix, side by side\n"
      "  compare    send the same request to several servers and show what differs\n"
      "  diagnose   send, gather evidence, and explain why the method failed (501, 405, look-alikes)\n"
      "  explain    explain a status code, a method or a server (405, PROPFIND, nginx)\n"
      "  demo       run the built-in demo server: every 405/501 behaviour on 127.0.0.1\n"
      "  history    list, search, show, diff, export (HAR) and clear the recorded exchanges\n"
      "  run        run the requests of a .http file or collection folder (CI: --fail, --junit)\n"
      "  import     turn a Postman, Insomnia, HAR or curl file into a .http collection\n"
      "  export     write a collection as Postman v2.1, HAR 1.2, curl or .http\n"
      "\n"
      "Run 'verbscope-cli COMMAND --help' for the options of a command.\n"
      "Exit codes: 0 an HTTP answer arrived, 2 usage error, 3 transport error, 4 run --fail failed.\n";
} // namespace

int runCli(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    if (command == QLatin1String("--version") || command == QLatin1String("-V")
        || command == QLatin1String("version")) {
        writeOut(QByteArrayView("verbscope-cli " VERBSCOPE_VERSION "\n"));
        return ExitOk;
    }
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help")) {
        writeOut(QByteArrayView(Usage));
        return command.isEmpty() ? ExitUsage : ExitOk;
    }
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("send"))
        return SendCommand().run(rest);
    if (command == QLatin1String("probe"))
        return ProbeCommand().run(rest);
    if (command == QLatin1String("compare"))
        return CompareCommand().run(rest);
    if (command == QLatin1String("diagnose"))
        return DiagnoseCommand().run(rest);
    if (command == QLatin1String("explain"))
        return ExplainCommand().run(rest);
    if (command == QLatin1String("demo"))
        return DemoCommand().run(rest);
    if (command == QLatin1String("history"))
        return HistoryCommand().run(rest);
    if (command == QLatin1String("run"))
        return RunCommand().run(rest);
    if (command == QLatin1String("import"))
        return ImportCommand().run(rest);
    if (command == QLatin1String("export"))
        return ExportCommand().run(rest);
    writeErrText(QStringLiteral("verbscope-cli: unknown command \"%1\"\n\n").arg(command));
    writeErr(QByteArrayView(Usage));
    return ExitUsage;
}

} // namespace verbscope::cli
