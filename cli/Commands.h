// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QByteArray>
#include <span>

namespace verbscope::cli {

// One entry per `verbscope-cli` command. The list is the only place a command is named: the
// dispatcher, `--help`, `verbscope-cli man` and `verbscope-cli completion` read it.
struct Command {
    const char *name;
    const char *summary; // one line, for the usage text and the man page
    CommandLine (*commandLine)();
    int (*run)(const QStringList &arguments); // arguments[0] is the command's name
};

std::span<const Command> commands();
const Command *findCommand(const QString &name);

// The top-level usage text, the man page (roff) and a completion script for bash, zsh or fish
// (empty for another shell).
QByteArray usageText();
QByteArray manPage();
QByteArray completionScript(const QString &shell);

} // namespace verbscope::cli
