// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

namespace verbscope::test {

struct CliResult {
    int exitCode = -1; // -1 when it did not start, crashed or timed out
    QByteArray out;
    QByteArray err;
};

// Runs a program while this thread's event loop keeps running, so a FakeServer or DemoServer
// in the test process can answer it. Standard input is empty unless `input` is given.
struct ProgramRun {
    ProgramRun(QString p = {}, QStringList a = {})
        : program(std::move(p))
        , arguments(std::move(a))
    { }
    QString program;
    QStringList arguments;
    QByteArray input;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString workingDirectory;
    int timeoutMs = 60'000;
    QString standardOutputFile; // when set, stdout goes to this file (a seekable stdout), not to `out`
};
CliResult runProgram(const ProgramRun &run);

// verbscope-cli as a user runs it (the binary named by VERBSCOPE_CLI, set by the test CMake).
CliResult runCli(const QStringList &arguments, int timeoutMs = 60'000);
// The same, for tests that only read standard output.
QByteArray runCli(const QStringList &arguments, int *exitCode);

} // namespace verbscope::test
