// SPDX-License-Identifier: GPL-3.0-or-later
// Control bytes from a server on the terminal (cli/TerminalText): the notation on a terminal or with
// --control-bytes escape, the exact bytes into a pipe or with raw. The terminal is a real pty.
#include "tests/support/CliRunner.h"
#include "tests/support/FakeServer.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#endif

using namespace verbscope::test;

namespace {
// A bare CR hiding the status line, an ANSI colour in a header and a NUL in the body.
constexpr char HostileBytes[] = "HTTP/1.1 200 OK\r\rX: \x1b[31mred\r\nContent-Length: 4\r\n\r\nab\0c";
const QByteArray Hostile(HostileBytes, sizeof HostileBytes - 1);
// The same head with a text body (a terminal holds back a body with a NUL).
const QByteArray HostileText("HTTP/1.1 200 OK\r\rX: \x1b[31mred\r\nContent-Length: 10\r\n\r\nx\x1b[2Jy\\n\r\n");

bool hasRawControl(const QByteArray &out)
{
    return out.contains('\x1b') || out.contains('\0') || out.contains("\r\r");
}

#ifdef Q_OS_UNIX
// Runs verbscope-cli with stdout on a pty in raw mode (no LF -> CR LF rewriting), so the bytes
// read from the master are exactly what the program wrote to its terminal.
CliResult runOnTerminal(const QStringList &arguments, const QString &dataDir)
{
    CliResult r;
    const int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        return r;
    const QString slaveName = QString::fromLocal8Bit(ptsname(master));
    const int slave = ::open(ptsname(master), O_RDWR | O_NOCTTY);
    termios mode {};
    tcgetattr(slave, &mode);
    cfmakeraw(&mode);
    tcsetattr(slave, TCSANOW, &mode);

    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("VERBSCOPE_DATA_DIR"), dataDir);
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());
    p.setStandardOutputFile(slaveName);
    p.start(qEnvironmentVariable("VERBSCOPE_CLI"), arguments);
    QDeadlineTimer deadline(60'000);
    // Polling keeps the in-process FakeServer answering; the pty buffer holds far more than we print.
    while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(5);
    if (p.state() == QProcess::NotRunning && p.exitStatus() == QProcess::NormalExit)
        r.exitCode = p.exitCode();
    r.err = p.readAllStandardError();
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    char buf[4096];
    for (ssize_t n; (n = ::read(master, buf, sizeof buf)) > 0;)
        r.out.append(buf, n);
    ::close(slave);
    ::close(master);
    return r;
}
#else
CliResult runOnTerminal(const QStringList &, const QString &)
{
    QTest::qSkip("no pty on this system", __FILE__, __LINE__);
    return {};
}
#endif
} // namespace

class tst_TerminalText final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    CliResult cli(const QStringList &arguments)
    {
        ProgramRun run(qEnvironmentVariable("VERBSCOPE_CLI"), arguments);
        run.environment.insert(QStringLiteral("VERBSCOPE_DATA_DIR"), m_dir.path());
        return runProgram(run);
    }

    qint64 newestHistoryId()
    {
        const CliResult r = cli({ QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json") });
        const QJsonArray entries = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("entries")).toArray();
        return entries.isEmpty() ? -1 : entries.first().toObject().value(QStringLiteral("id")).toInteger();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("VERBSCOPE_CLI").isEmpty(), "VERBSCOPE_CLI must point to verbscope-cli");
    }

    void sendEscapesWhenAsked()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::bytes(Hostile, true); });
        const CliResult r = cli({ QStringLiteral("send"), QStringLiteral("-i"), QStringLiteral("--no-history"),
            QStringLiteral("--control-bytes"), QStringLiteral("escape"), server.url() });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("HTTP/1.1 200 OK\\r\\rX: \\x1b[31mred\r\nContent-Length: 4\r\n\r\nab\\x00c"));
        QVERIFY2(r.err.contains("the response head holds control bytes"), r.err.constData());
        QVERIFY2(r.err.contains("the status line holds CR (0x0D) at byte 16"), r.err.constData());
        QVERIFY(!hasRawControl(r.err));
    }

    void sendPipedStaysExact()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::bytes(Hostile, true); });
        const CliResult r
            = cli({ QStringLiteral("send"), QStringLiteral("-i"), QStringLiteral("--no-history"), server.url() });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, Hostile);
    }

    void sendOnTerminal_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("auto") << QStringList()
                              << QByteArray("HTTP/1.1 200 OK\\r\\rX: \\x1b[31mred\r\nContent-Length: 10\r\n\r\n"
                                            "x\\x1b[2Jy\\\\n\r\n");
        QTest::newRow("raw") << QStringList { QStringLiteral("--control-bytes"), QStringLiteral("raw") } << HostileText;
    }
    void sendOnTerminal()
    {
        QFETCH(QStringList, extra);
        QFETCH(QByteArray, expected);
        FakeServer server([](const FakeRequest &) { return FakeResponse::bytes(HostileText, true); });
        const CliResult r = runOnTerminal(
            QStringList { QStringLiteral("send"), QStringLiteral("-i"), QStringLiteral("--no-history"), server.url() }
                + extra,
            m_dir.path());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, expected);
    }

    // A clean JSON body keeps its backslashes on a terminal: the notation is used only where needed.
    void cleanBodyUnchangedOnTerminal()
    {
        FakeServer server([](const FakeRequest &) {
            return FakeResponse::http(200, "OK", { { "Content-Type", "application/json" } }, "{\"p\":\"a\\\\b\\n\"}\n");
        });
        const CliResult r = runOnTerminal(
            { QStringLiteral("send"), QStringLiteral("-b"), QStringLiteral("--no-history"), server.url() },
            m_dir.path());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("{\"p\":\"a\\\\b\\n\"}\n"));
        QVERIFY(!r.err.contains("control bytes"));
    }

    void historyShowBody()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::bytes(HostileText, true); });
        QCOMPARE(cli({ QStringLiteral("send"), server.url() }).exitCode, 0);
        const QString id = QString::number(newestHistoryId());
        const CliResult escaped = cli({ QStringLiteral("history"), QStringLiteral("show"), id,
            QStringLiteral("--control-bytes"), QStringLiteral("escape") });
        QCOMPARE(escaped.exitCode, 0);
        QVERIFY2(escaped.out.contains("\nx\\x1b[2Jy\\\\n\r\n"), escaped.out.constData());
        QVERIFY2(escaped.out.contains("< HTTP/1.1 200 OK\\r\\rX: \\x1b[31mred\n"), escaped.out.constData());
        QVERIFY(!hasRawControl(escaped.out));
        const CliResult piped = cli({ QStringLiteral("history"), QStringLiteral("show"), id });
        QCOMPARE(piped.exitCode, 0);
        QVERIFY2(piped.out.contains("\nx\x1b[2Jy\\n\r\n"), piped.out.constData());
    }

    // The finding is in the JSON and in the report; the report never carries the raw bytes.
    void diagnoseReportsTheFinding()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::bytes(Hostile, true); });
        const CliResult json = cli({ QStringLiteral("diagnose"), QStringLiteral("--passive"), QStringLiteral("--json"),
            QStringLiteral("--no-history"), server.url() });
        QCOMPARE(json.exitCode, 0);
        QStringList ids;
        for (const QJsonValue &f :
            QJsonDocument::fromJson(json.out).object().value(QStringLiteral("findings")).toArray())
            ids << f.toObject().value(QStringLiteral("id")).toString();
        QVERIFY2(ids.contains(QStringLiteral("forbidden-bytes-in-head")), qPrintable(ids.join(QLatin1Char(','))));
        const CliResult text = cli(
            { QStringLiteral("diagnose"), QStringLiteral("--passive"), QStringLiteral("--no-history"), server.url() });
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("(forbidden-bytes-in-head)"), text.out.constData());
        QVERIFY2(text.out.contains("200 OK\\r\\rX: \\x1b[31mred"), text.out.constData());
        QVERIFY(!hasRawControl(text.out));
    }

    // run's result lines are a report: the reason phrase is quoted in the notation, also into a pipe.
    void runResultLineQuotesTheReason()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::bytes(Hostile, true); });
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("a.http")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("GET " + server.url().toUtf8() + "\n");
        file.close();
        const CliResult r = cli({ QStringLiteral("run"), file.fileName() });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("200 OK\\r\\rX: \\x1b[31mred"), r.out.constData());
        QVERIFY(!hasRawControl(r.out));
    }

    // stderr is never data: a control byte in a message (here an unknown command) is in the notation.
    void stderrAlwaysInTheNotation()
    {
        const CliResult r = cli({ QStringLiteral("\x1b[2J\rsend") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown command \"\\x1b[2J\\rsend\""), r.err.constData());
        QVERIFY(!hasRawControl(r.err) && !r.err.contains('\r'));
    }

    void badModeIsAUsageError()
    {
        const CliResult r = cli({ QStringLiteral("send"), QStringLiteral("--control-bytes"), QStringLiteral("maybe"),
            QStringLiteral("http://127.0.0.1:9/") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--control-bytes takes auto, escape or raw"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_TerminalText)
#include "tst_terminaltext.moc"
