// SPDX-License-Identifier: GPL-3.0-or-later
// The command table of verbscope-cli drives dispatch, --help, the man page and the completions of
// three shells: each is checked against the table, and each completion script is run by its shell.
#include "cli/Commands.h"
#include "tests/support/CliRunner.h"

#include <QCommandLineParser>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::cli;
using namespace verbscope::test;

namespace {
QStringList longOptions(const CommandLine &line)
{
    QStringList out;
    for (const QCommandLineOption &o : line.options)
        if (!(o.flags() & QCommandLineOption::HiddenFromHelp))
            for (const QString &n : o.names())
                if (n.size() > 1)
                    out << QStringLiteral("--") + n;
    return out;
}

QString writeScript(const QTemporaryDir &dir, const QString &shell)
{
    const QString path = dir.filePath(QStringLiteral("completion.") + shell);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(completionScript(shell)) <= 0)
        return {};
    return path;
}

// What the shell offers for `line`, one candidate a line, by the generated script.
QStringList bashComplete(const QString &script, const QStringList &words)
{
    QStringList quoted;
    for (const QString &w : words)
        quoted << QLatin1Char('\'') + w + QLatin1Char('\'');
    const QString code = QStringLiteral("source '%1'; COMP_WORDS=(%2); COMP_CWORD=%3; _verbscope_cli; "
                                        "printf '%s\\n' \"${COMPREPLY[@]}\"")
                             .arg(script, quoted.join(QLatin1Char(' ')))
                             .arg(words.size() - 1);
    const CliResult r
        = runProgram({ QStringLiteral("bash"), { QStringLiteral("--norc"), QStringLiteral("-c"), code } });
    return QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList fishComplete(const QString &script, const QString &line)
{
    const QString code = QStringLiteral("source '%1'; complete -C '%2'").arg(script, line);
    const CliResult r
        = runProgram({ QStringLiteral("fish"), { QStringLiteral("--no-config"), QStringLiteral("-c"), code } });
    QStringList out;
    for (const QString &l : QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        out << l.section(QLatin1Char('\t'), 0, 0);
    return out;
}
} // namespace

class tst_Commands final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tableIsWellFormed()
    {
        QStringList names;
        for (const Command &c : commands()) {
            QVERIFY2(!names.contains(QLatin1String(c.name)), c.name);
            names << QLatin1String(c.name);
            QVERIFY(findCommand(QLatin1String(c.name)) == &c);
            QVERIFY2(QByteArray(c.summary).size() > 10, c.name);
            const CommandLine line = c.commandLine();
            QVERIFY2(!line.description.isEmpty(), c.name);
            QStringList seen;
            for (const QCommandLineOption &o : line.options)
                for (const QString &n : o.names()) {
                    QVERIFY2(!seen.contains(n), qPrintable(QStringLiteral("%1: --%2 twice").arg(names.last(), n)));
                    seen << n;
                }
        }
        QVERIFY(findCommand(QStringLiteral("nope")) == nullptr);
    }

    // Every command's --help, from the real binary, lists what its table entry declares.
    void helpFollowsTheTable()
    {
        const QByteArray usage = runCli({ QStringLiteral("--help") }).out;
        QCOMPARE(usage, usageText());
        for (const Command &c : commands()) {
            QVERIFY2(usage.contains(QByteArray(QByteArray("  ") + c.name + ' ')), c.name);
            const CliResult r = runCli({ QLatin1String(c.name), QStringLiteral("--help") });
            QVERIFY2(r.exitCode == 0, c.name);
            for (const QString &o : longOptions(c.commandLine()))
                QVERIFY2(r.out.contains(o.toUtf8()),
                    qPrintable(QStringLiteral("%1 --help lacks %2").arg(QLatin1String(c.name), o)));
        }
        const CliResult unknown = runCli({ QStringLiteral("sned") });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("unknown command \"sned\""));
        QVERIFY(unknown.err.contains(usageText()));
    }

    void manPageDocumentsEveryOption()
    {
        const QByteArray man = manPage();
        QCOMPARE(runCli({ QStringLiteral("man") }).out, man);
        for (const Command &c : commands()) {
            QVERIFY2(man.contains(QByteArray(QByteArray(".SS \"verbscope\\-cli ") + c.name)), c.name);
            for (QString o : longOptions(c.commandLine()))
                QVERIFY2(man.contains(o.replace(QLatin1Char('-'), QLatin1String("\\-")).toUtf8()),
                    qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(c.name), o)));
        }
        // groff itself finds no problem in it.
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("verbscope-cli.1")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(man);
        f.close();
        ProgramRun groff { QStringLiteral("groff"),
            { QStringLiteral("-man"), QStringLiteral("-ww"), QStringLiteral("-z"), f.fileName() } };
        const CliResult r = runProgram(groff);
        QVERIFY2(r.exitCode == 0 && r.err.isEmpty(), r.err.constData());
    }

    void bashCompletes()
    {
        QTemporaryDir dir;
        const QString script = writeScript(dir, QStringLiteral("bash"));
        QVERIFY(!script.isEmpty());
        QCOMPARE(bashComplete(script, { QStringLiteral("verbscope-cli"), QStringLiteral("diag") }),
            QStringList { QStringLiteral("diagnose") });
        QVERIFY(
            bashComplete(script, { QStringLiteral("verbscope-cli"), QStringLiteral("send"), QStringLiteral("--me") })
                .contains(QStringLiteral("--method")));
        QCOMPARE(
            bashComplete(script, { QStringLiteral("verbscope-cli"), QStringLiteral("history"), QStringLiteral("s") }),
            (QStringList { QStringLiteral("search"), QStringLiteral("show") }));
        QCOMPARE(bashComplete(script, { QStringLiteral("verbscope-cli"), QStringLiteral("completion"), QString() }),
            (QStringList { QStringLiteral("bash"), QStringLiteral("fish"), QStringLiteral("zsh") }));
        // After an option that takes a value, options are not offered: the value is a file or free text.
        QVERIFY(!bashComplete(script,
            { QStringLiteral("verbscope-cli"), QStringLiteral("run"), QStringLiteral("--junit"), QStringLiteral("--") })
                     .contains(QStringLiteral("--json")));
        // Every command's every long option is offered after its name.
        for (const Command &c : commands()) {
            const CommandLine line = c.commandLine();
            QStringList words { QStringLiteral("verbscope-cli"), QLatin1String(c.name) };
            if (!line.subcommands.isEmpty())
                words << line.subcommands.constFirst();
            const QStringList offered = bashComplete(script, words << QStringLiteral("--"));
            for (const QString &o : longOptions(c.commandLine()))
                QVERIFY2(offered.contains(o), qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(c.name), o)));
        }
    }

    void zshScriptIsValid()
    {
        QTemporaryDir dir;
        const QString script = writeScript(dir, QStringLiteral("zsh"));
        const CliResult r = runProgram({ QStringLiteral("zsh"), { QStringLiteral("-n"), script } });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(completionScript(QStringLiteral("zsh")).startsWith("#compdef verbscope-cli\n"));
    }

    void fishCompletes()
    {
        QTemporaryDir dir;
        const QString script = writeScript(dir, QStringLiteral("fish"));
        const CliResult syntax = runProgram({ QStringLiteral("fish"), { QStringLiteral("-n"), script } });
        QVERIFY2(syntax.exitCode == 0, syntax.err.constData());
        QVERIFY(fishComplete(script, QStringLiteral("verbscope-cli diag")).contains(QStringLiteral("diagnose")));
        QVERIFY(fishComplete(script, QStringLiteral("verbscope-cli send --me")).contains(QStringLiteral("--method")));
        QVERIFY(fishComplete(script, QStringLiteral("verbscope-cli history ")).contains(QStringLiteral("search")));
        QVERIFY(fishComplete(script, QStringLiteral("verbscope-cli completion ")).contains(QStringLiteral("zsh")));
    }

    void completionRefusesOtherShells()
    {
        QVERIFY(completionScript(QStringLiteral("tcsh")).isEmpty());
        const CliResult r = runCli({ QStringLiteral("completion"), QStringLiteral("tcsh") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("bash, zsh or fish"));
    }
};

QTEST_GUILESS_MAIN(tst_Commands)
#include "tst_commands.moc"
