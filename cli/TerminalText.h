// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QCommandLineOption>
#include <QString>

class QCommandLineParser;

// How received bytes reach stdout in human-readable output (docs/cli.md "Control bytes"): on a
// terminal a CR, ESC or NUL from a server must not rewrite what the user sees, while a pipe or a
// file gets the bytes exactly as received.
namespace verbscope::cli {

enum class ControlBytes {
    Auto, // escaped when stdout is a terminal, raw otherwise
    Escape, // always in the notation (tests, `| less -R`…)
    Raw, // always as received, even on a terminal
};

// --control-bytes auto|escape|raw, for the commands that print received text.
QCommandLineOption controlBytesOption();
// Called by CommandLine::parse for a command that declares the option; false on a bad value.
bool applyControlBytesOption(const QCommandLineParser &parser, QString *error);
bool escapingControlBytes();

// Human output that may hold received bytes. When escaping, a block that needs the notation is
// written in it (backslashes doubled, so it reads back to the exact bytes) and a note on stderr,
// once per `what`, says so; a block that does not is written as it is.
void writeOutText(QByteArrayView bytes, const QString &what);

} // namespace verbscope::cli
