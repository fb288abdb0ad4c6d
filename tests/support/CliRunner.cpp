// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CliRunner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QTest>

namespace verbscope::test {

CliResult runProgram(const ProgramRun &run)
{
    QProcess p;
    p.setProcessEnvironment(run.environment);
    if (!run.workingDirectory.isEmpty())
        p.setWorkingDirectory(run.workingDirectory);
    if (run.input.isEmpty())
        p.setStandardInputFile(QProcess::nullDevice());
    if (!run.standardOutputFile.isEmpty())
        p.setStandardOutputFile(run.standardOutputFile);
    p.start(run.program, run.arguments);
    CliResult r;
    if (!p.waitForStarted(5000))
        return r;
    if (!run.input.isEmpty()) {
        p.write(run.input);
        p.closeWriteChannel();
    }
    // Polling with qWait, not waitForFinished: the event loop must keep serving in-process servers.
    // A test without an application object (QTEST_APPLESS_MAIN) has no event loop to poll: it
    // blocks instead (it has no server to serve either).
    if (!QCoreApplication::instance()) {
        p.waitForFinished(run.timeoutMs);
    } else {
        QDeadlineTimer deadline(run.timeoutMs);
        while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(5);
    }
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(2000);
    } else if (p.exitStatus() == QProcess::NormalExit) {
        r.exitCode = p.exitCode();
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

CliResult runCli(const QStringList &arguments, int timeoutMs)
{
    ProgramRun run;
    run.program = qEnvironmentVariable("VERBSCOPE_CLI");
    run.arguments = arguments;
    run.timeoutMs = timeoutMs;
    return runProgram(run);
}

QByteArray runCli(const QStringList &arguments, int *exitCode)
{
    const CliResult r = runCli(arguments);
    *exitCode = r.exitCode;
    return r.out;
}

} // namespace verbscope::test
