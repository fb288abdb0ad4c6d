// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliApp.h"

#include "Version.h"
#include "cli/Commands.h"
#include "core/Settings.h"
#include "core/http/VisibleText.h"

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

// The process edge of verbscope-cli: app/cli_main.cpp calls runCli(), and every command writes
// through writeOut()/writeErr() so bodies reach stdout byte for byte (no codec, no locale).
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

// Messages may quote what a server sent; stderr is never data, so control bytes there are always
// shown in the notation (docs/cli.md "Control bytes").
void writeErrText(const QString &text)
{
    writeErr(http::visibleIfNeeded(text.toUtf8(), http::TextShape::Lines).toUtf8());
}

// For terminal-only behaviour (colour in the probe matrix, binary bodies held back): output into
// a pipe or file stays plain and byte-exact.
bool stdoutIsTerminal()
{
    return VERBSCOPE_ISATTY(VERBSCOPE_FILENO(stdout));
}

bool stdinIsTerminal()
{
    return VERBSCOPE_ISATTY(VERBSCOPE_FILENO(stdin));
}

// A damaged settings file changes what a command does (history off, defaults): said once, on
// stderr, by the commands that read the settings, as the app says it in its window.
static void noticeBrokenSettings(const QString &command)
{
    static const QStringList readers { QStringLiteral("send"), QStringLiteral("run"), QStringLiteral("diagnose"),
        QStringLiteral("probe"), QStringLiteral("compare"), QStringLiteral("history"), QStringLiteral("import") };
    if (!readers.contains(command))
        return;
    const Settings settings;
    if (!settings.notice().isEmpty())
        writeErrText(QStringLiteral("verbscope-cli: warning: %1\n").arg(settings.notice()));
}

// --version and --help are answered before the command table so they work without a command;
// a bare `verbscope-cli` prints the usage but exits 2, as a usage error.
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
        writeOut(usageText());
        return command.isEmpty() ? ExitUsage : ExitOk;
    }
    if (const Command *c = findCommand(command)) {
        noticeBrokenSettings(command);
        return c->run(arguments.mid(1));
    }
    writeErrText(QStringLiteral("verbscope-cli: unknown command \"%1\"\n\n").arg(command));
    writeErr(usageText());
    return ExitUsage;
}

} // namespace verbscope::cli
