// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QStringList>

namespace verbscope::cli {

// Exit codes shared by every command (docs/cli.md).
enum ExitCode : int {
    ExitOk = 0, // an HTTP answer arrived, whatever its status
    ExitFailure = 1, // the answer's body did not reach the user whole (-o unwritable, a limit, the bomb guard)
    ExitUsage = 2, // bad arguments, invalid method or header
    ExitTransport = 3, // no HTTP answer: DNS, refused, timeout, TLS…
    ExitAssertion = 4, // `run --fail` and friends
};

// Entry point of verbscope-cli: dispatches to the command named by the first argument.
int runCli(const QStringList &arguments);

void writeOut(QByteArrayView bytes);
void writeErr(QByteArrayView bytes);
void writeErrText(const QString &text);
bool stdoutIsTerminal();
bool stdinIsTerminal();

} // namespace verbscope::cli
