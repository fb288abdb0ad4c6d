// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CommandLine.h"

#include "cli/CliApp.h"
#include "cli/TerminalText.h"

#include <QCommandLineParser>

// Turns a command's one declaration into a QCommandLineParser; the usage text, man page and
// completions read the same CommandLine, so a command declares every option in its commandLine().
namespace verbscope::cli {

void CommandLine::declare(QCommandLineParser &parser) const
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    for (const Positional &p : positionals)
        parser.addPositionalArgument(p.name, p.description, p.syntax);
    parser.addOptions(options);
}

int CommandLine::parse(QCommandLineParser &parser, const QString &name, const QStringList &arguments) const
{
    declare(parser);
    if (!parser.parse(arguments)) {
        writeErrText(QStringLiteral("verbscope-cli %1: %2\n").arg(name, parser.errorText()));
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        writeOut(parser.helpText().toUtf8());
        return ExitOk;
    }
    if (QString error; !applyControlBytesOption(parser, &error)) {
        writeErrText(QStringLiteral("verbscope-cli %1: %2\n").arg(name, error));
        return ExitUsage;
    }
    return -1;
}

} // namespace verbscope::cli
