// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/Commands.h"

#include "Version.h"
#include "cli/CliApp.h"
#include "cli/CompareCommand.h"
#include "cli/DemoCommand.h"
#include "cli/DiagnoseCommand.h"
#include "cli/ExplainCommand.h"
#include "cli/ExportCommand.h"
#include "cli/HistoryCommand.h"
#include "cli/ImportCommand.h"
#include "cli/ProbeCommand.h"
#include "cli/RunCommand.h"
#include "cli/SendCommand.h"

#include <QCommandLineParser>

// The single table of commands: dispatch (CliApp), the usage text and, in CommandDocs.cpp, the
// man page and shell completions all iterate it, so a command added here is documented everywhere.
namespace verbscope::cli {

namespace {
// Lets the table hold one plain function pointer per command class, with no registration code.
template<class C> int runCommand(const QStringList &arguments)
{
    return C().run(arguments);
}

CommandLine completionCommandLine()
{
    return { QStringLiteral("Print a completion script for bash, zsh or fish.\n"
                            "  bash: verbscope-cli completion bash > ~/.local/share/bash-completion/completions/"
                            "verbscope-cli\n"
                            "  zsh:  verbscope-cli completion zsh > ~/.zfunc/_verbscope-cli (a folder in $fpath)\n"
                            "  fish: verbscope-cli completion fish > ~/.config/fish/completions/verbscope-cli.fish"),
        { { QStringLiteral("SHELL"), QStringLiteral("bash, zsh or fish."), {} } }, {},
        { QStringLiteral("bash"), QStringLiteral("fish"), QStringLiteral("zsh") } }; // completed like subcommands
}

CommandLine manCommandLine()
{
    return { QStringLiteral("Print the manual page (roff) of verbscope-cli: man <(verbscope-cli man)."), {}, {}, {} };
}

int runCompletion(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = completionCommandLine().parse(p, QStringLiteral("completion"), arguments); early >= 0)
        return early;
    const QStringList positional = p.positionalArguments();
    const QByteArray script = completionScript(positional.value(0));
    if (positional.size() != 1 || script.isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli completion: expected one shell: bash, zsh or fish\n"));
        return ExitUsage;
    }
    writeOut(script);
    return ExitOk;
}

int runMan(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = manCommandLine().parse(p, QStringLiteral("man"), arguments); early >= 0)
        return early;
    if (!p.positionalArguments().isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli man: takes no arguments\n"));
        return ExitUsage;
    }
    writeOut(manPage());
    return ExitOk;
}

// The order here is the order of the usage text, the man page and the completions.
const Command Table[] = {
    { "send", "send one request and print exactly what came back", &SendCommand::commandLine,
        &runCommand<SendCommand> },
    { "probe", "which methods do these servers accept? a matrix, side by side", &ProbeCommand::commandLine,
        &runCommand<ProbeCommand> },
    { "compare", "send the same request to several servers and show what differs", &CompareCommand::commandLine,
        &runCommand<CompareCommand> },
    { "diagnose", "send, gather evidence, and explain why the method failed (501, 405, look-alikes)",
        &DiagnoseCommand::commandLine, &runCommand<DiagnoseCommand> },
    { "explain", "explain a status code, a method or a server (405, PROPFIND, nginx)", &ExplainCommand::commandLine,
        &runCommand<ExplainCommand> },
    { "demo", "run the built-in demo server: every 405/501 behaviour on 127.0.0.1", &DemoCommand::commandLine,
        &runCommand<DemoCommand> },
    { "history", "list, search, show, diff, export (HAR) and clear the recorded exchanges",
        &HistoryCommand::commandLine, &runCommand<HistoryCommand> },
    { "run", "run the requests of a .http file or collection folder (CI: --fail, --junit)", &RunCommand::commandLine,
        &runCommand<RunCommand> },
    { "import", "turn a Postman, Insomnia, HAR or curl file into a .http collection", &ImportCommand::commandLine,
        &runCommand<ImportCommand> },
    { "export", "write a collection as Postman v2.1, HAR 1.2, curl or .http", &ExportCommand::commandLine,
        &runCommand<ExportCommand> },
    { "completion", "print a shell completion script (bash, zsh, fish)", &completionCommandLine, &runCompletion },
    { "man", "print this program's manual page", &manCommandLine, &runMan },
};

// Keep in step with ExitCode in CliApp.h and the man page's EXIT STATUS (CommandDocs.cpp).
const char *const ExitCodes = "0 an HTTP answer arrived (whatever its status), 1 an I/O problem on our side or a "
                              "body that did not arrive whole and decoded, 2 usage error, 3 transport error, 4 run "
                              "--fail found a failure.";
} // namespace

std::span<const Command> commands()
{
    return Table;
}

const Command *findCommand(const QString &name)
{
    for (const Command &c : Table)
        if (name == QLatin1String(c.name))
            return &c;
    return nullptr;
}

QByteArray usageText()
{
    QByteArray out = "Usage: verbscope-cli COMMAND [options]\n\nFind out why an HTTP method fails.\n\nCommands:\n";
    for (const Command &c : Table)
        out += "  " + QByteArray(c.name).leftJustified(12, ' ') + c.summary + '\n';
    out += "\nRun 'verbscope-cli COMMAND --help' for the options of a command.\nExit codes: ";
    out += ExitCodes;
    out += '\n';
    return out;
}

} // namespace verbscope::cli
