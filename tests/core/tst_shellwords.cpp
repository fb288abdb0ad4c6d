// SPDX-License-Identifier: GPL-3.0-or-later
// ShellWords against the shells people copy commands from. Rows marked "bash" are also run by the
// real bash, each command printing its words, and both answers must agree.
#include "core/collections/importers/ShellWords.h"
#include "core/http/RequestText.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;

using Commands = QList<QStringList>;

namespace {
Commands wordsOf(const ShellWords::Result &r)
{
    Commands c;
    for (const ShellCommand &command : r.commands)
        c << command.words;
    return c;
}

// What bash makes of the text: with PATH empty every command is "not found", and bash's hook
// for that prints the words, NUL-separated, in one write so that pipelines do not interleave.
Commands bashWords(const QString &text, QString *error)
{
    QTemporaryDir dir;
    QProcess bash;
    bash.setWorkingDirectory(dir.path());
    QProcessEnvironment env;
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("PATH"), QStringLiteral("/nonexistent"));
    bash.setProcessEnvironment(env);
    const QString prelude = QStringLiteral("exec 3>&1\n"
                                           "command_not_found_handle() { printf '%s\\0' \"$@\" $'\\1' >&3; }\n");
    bash.start(QStringLiteral("/bin/bash"), { QStringLiteral("-c"), prelude + text + QStringLiteral("\nwait") });
    if (!bash.waitForFinished(10000)) {
        *error = QStringLiteral("bash did not finish: ") + bash.errorString();
        return {};
    }
    Commands commands;
    QStringList words;
    const QList<QByteArray> parts = bash.readAllStandardOutput().split('\0');
    for (const QByteArray &p : parts) {
        if (p == "\1") {
            commands << words;
            words.clear();
        } else if (!p.isEmpty() || !words.isEmpty() || &p != &parts.last()) {
            words << QString::fromUtf8(p);
        }
    }
    return commands;
}

Commands sorted(Commands c)
{
    std::sort(c.begin(), c.end());
    return c;
}
} // namespace

class tst_ShellWords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void words_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Commands>("expected");
        QTest::addColumn<bool>("bash"); // also ask bash

        auto row = [](const char *name, const QString &text, const Commands &expected, bool bash = true) {
            QTest::newRow(name) << text << expected << bash;
        };
        const QString curl = QStringLiteral("curl");
        // Quoting
        row("single quotes", QStringLiteral("curl 'a b' 'it'\\''s'"),
            { { curl, QStringLiteral("a b"), QStringLiteral("it's") } });
        row("double quotes: \\ escapes only \" $ ` \\", QStringLiteral("curl \"a \\\"b\\\" \\$c \\\\ \\x \\`\" x"),
            { { curl, QStringLiteral("a \"b\" $c \\ \\x `"), QStringLiteral("x") } });
        row("backslash outside quotes", QStringLiteral("curl a\\ b \\'c\\' \\\\"),
            { { curl, QStringLiteral("a b"), QStringLiteral("'c'"), QStringLiteral("\\") } });
        row("ansi-c", QStringLiteral("curl $'a\\nb\\tc\\x41\\u00e9\\'\\\\\\r\\101\\cA'"),
            { { curl, QString::fromUtf8("a\nb\tcA\xc3\xa9'\\\rA\x01") } });
        row("ansi-c utf-8 bytes", QStringLiteral("curl $'\\xc3\\xa9\\303\\251'"),
            { { curl, QString::fromUtf8("\xc3\xa9\xc3\xa9") } });
        row("adjacent pieces are one word", QStringLiteral("curl -H'A: '\"b\"$'c'd"),
            { { curl, QStringLiteral("-HA: bcd") } });
        row("empty quotes are words", QStringLiteral("curl '' \"\""), { { curl, QString(), QString() } });
        row("newline inside single quotes", QStringLiteral("curl 'a\nb'"), { { curl, QStringLiteral("a\nb") } });
        row("operators inside quotes", QStringLiteral("curl 'a;b|c' \"d&&e>f\" g\\;h"),
            { { curl, QStringLiteral("a;b|c"), QStringLiteral("d&&e>f"), QStringLiteral("g;h") } });
        // Lines
        row("backslash-newline continuation", QStringLiteral("curl \\\n -X \\\n PUT url"),
            { { curl, QStringLiteral("-X"), QStringLiteral("PUT"), QStringLiteral("url") } });
        row("continuation inside double quotes", QStringLiteral("curl \"a\\\nb\""), { { curl, QStringLiteral("ab") } });
        row("comments", QStringLiteral("# first\ncurl x # y z\ncurl a#b"),
            { { curl, QStringLiteral("x") }, { curl, QStringLiteral("a#b") } });
        // Several commands
        row("; && & and newlines", QStringLiteral("curl a; curl b && curl c & curl d\n\ncurl e"),
            { { curl, QStringLiteral("a") }, { curl, QStringLiteral("b") }, { curl, QStringLiteral("c") },
                { curl, QStringLiteral("d") }, { curl, QStringLiteral("e") } });
        row("operators without blanks", QStringLiteral("curl a&&curl b;curl c|curl d"),
            { { curl, QStringLiteral("a") }, { curl, QStringLiteral("b") }, { curl, QStringLiteral("c") },
                { curl, QStringLiteral("d") } });
        row("||", QStringLiteral("curl a || curl b"), { { curl, QStringLiteral("a") }, { curl, QStringLiteral("b") } },
            false); // bash runs only one of them
        row("pipe", QStringLiteral("curl -s a | jq ."),
            { { curl, QStringLiteral("-s"), QStringLiteral("a") }, { QStringLiteral("jq"), QStringLiteral(".") } });
        // Redirections are not words
        row("redirections", QStringLiteral("curl a < /dev/null > out 2>&1"), { { curl, QStringLiteral("a") } });
        row("redirection without blanks", QStringLiteral("curl a>out"), { { curl, QStringLiteral("a") } });
        row("a quoted 2 is a word", QStringLiteral("curl '2'>out 2>out"), { { curl, QStringLiteral("2") } });
        row("here-document", QStringLiteral("curl -d @- a <<EOF\nx y\nEOF\ncurl b"),
            { { curl, QStringLiteral("-d"), QStringLiteral("@-"), QStringLiteral("a") },
                { curl, QStringLiteral("b") } });
        row("here-document <<- and quoted delimiter", QStringLiteral("curl a <<-'END'\n\tx\n\tEND\ncurl b"),
            { { curl, QStringLiteral("a") }, { curl, QStringLiteral("b") } });
        row("here-string", QStringLiteral("curl a <<< 'x y'"), { { curl, QStringLiteral("a") } });
        // Not what bash does, on purpose
        row("variables are left as written", QStringLiteral("curl $HOST \"${PATH}\""),
            { { curl, QStringLiteral("$HOST"), QStringLiteral("${PATH}") } }, false);
        row("CRLF line ends", QStringLiteral("curl \\\r\n  a\r\ncurl b\r\n"),
            { { curl, QStringLiteral("a") }, { curl, QStringLiteral("b") } }, false);
        row("PowerShell backtick continuation", QStringLiteral("curl.exe `\n  -H 'A: b' `\r\n  http://h/"),
            { { QStringLiteral("curl.exe"), QStringLiteral("-H"), QStringLiteral("A: b"),
                QStringLiteral("http://h/") } },
            false);
        // Windows cmd: "Copy as cURL (cmd)" escapes every quote and special character with ^
        row("cmd continuation and ^ escapes",
            QStringLiteral("curl ^\"https://h/?a=1^&b=2^\" ^\r\n  -H ^\"x-q: say ^\\^\"hi^\\^\"^\" ^\r\n"
                           "  --data-raw ^\"^{^\\^\"k^\\^\":1^}^\" ^\r\n  --compressed\r\n"),
            { { curl, QStringLiteral("https://h/?a=1&b=2"), QStringLiteral("-H"), QStringLiteral("x-q: say \"hi\""),
                QStringLiteral("--data-raw"), QStringLiteral("{\"k\":1}"), QStringLiteral("--compressed") } },
            false);
        row("cmd quotes, & between commands, REM",
            QStringLiteral("rem x\n:: y\ncurl \"a b\" c ^\n e > NUL & curl \"x\\\"y\" z"),
            { { curl, QStringLiteral("a b"), QStringLiteral("c"), QStringLiteral("e") },
                { curl, QStringLiteral("x\"y"), QStringLiteral("z") } },
            false);
    }

    void words()
    {
        QFETCH(QString, text);
        QFETCH(Commands, expected);
        QFETCH(bool, bash);
        const ShellWords::Result r = ShellWords::split(text);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(wordsOf(r), expected);
        if (bash) {
            QString error;
            const Commands fromBash = bashWords(text, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(sorted(fromBash), sorted(expected)); // a pipeline's commands run at once
        }
    }

    void redirections_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("body");
        QTest::newRow("< file") << QStringLiteral("curl a < body.json") << QStringLiteral("<")
                                << QStringLiteral("body.json") << QString();
        QTest::newRow("0<file") << QStringLiteral("curl a 0<'my file'") << QStringLiteral("0<")
                                << QStringLiteral("my file") << QString();
        QTest::newRow("here-document") << QStringLiteral("curl a <<EOF && curl b\n{\"a\": 1}\n  x\nEOF\n")
                                       << QStringLiteral("<<") << QStringLiteral("EOF")
                                       << QStringLiteral("{\"a\": 1}\n  x\n");
        QTest::newRow("<<- strips tabs") << QStringLiteral("curl a <<-\"END\"\n\tx\n\t\tEND\n") << QStringLiteral("<<-")
                                         << QStringLiteral("END") << QStringLiteral("x\n");
        QTest::newRow("here-document to the end") << QStringLiteral("curl a <<EOF\nx") << QStringLiteral("<<")
                                                  << QStringLiteral("EOF") << QStringLiteral("x\n");
        QTest::newRow("here-string") << QStringLiteral("curl a <<< 'x y'") << QStringLiteral("<<<")
                                     << QStringLiteral("x y") << QStringLiteral("x y\n");
        QTest::newRow("2>&1") << QStringLiteral("curl a 2>&1") << QStringLiteral("2>&") << QStringLiteral("1")
                              << QString();
        QTest::newRow("&>") << QStringLiteral("curl a &>log") << QStringLiteral("&>") << QStringLiteral("log")
                            << QString();
    }

    // The body of a here-document is not read as commands, and it is kept for `-d @-`.
    void redirections()
    {
        QFETCH(QString, text);
        QFETCH(QString, op);
        QFETCH(QString, target);
        QFETCH(QString, body);
        const ShellWords::Result r = ShellWords::split(text);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QVERIFY(!r.commands.isEmpty());
        const ShellCommand &c = r.commands.first();
        QCOMPARE(c.words.size(), 2);
        QCOMPARE(c.redirects.size(), 1);
        QCOMPARE(c.redirects.first().op, op);
        QCOMPARE(c.redirects.first().target, target);
        QCOMPARE(c.redirects.first().text, body);
        QCOMPARE(c.standardInput() != nullptr, c.redirects.first().isInput());
        if (text.contains(QLatin1String("&& curl b"))) {
            QCOMPARE(r.commands.size(), 2);
            QCOMPARE(r.commands.at(1).words, (QStringList { QStringLiteral("curl"), QStringLiteral("b") }));
        }
    }

    void separatorsAndLines()
    {
        const ShellWords::Result r = ShellWords::split(QStringLiteral("curl a |\n jq\n\ncurl \\\n b; curl c"));
        QCOMPARE(r.commands.size(), 4);
        QCOMPARE(r.commands.at(0).separator, QStringLiteral("|"));
        QCOMPARE(r.commands.at(1).separator, QStringLiteral("\n"));
        QCOMPARE(r.commands.at(2).separator, QStringLiteral(";"));
        QCOMPARE(r.commands.at(3).separator, QString());
        QCOMPARE(r.commands.at(0).line, 1);
        QCOMPARE(r.commands.at(1).line, 2);
        QCOMPARE(r.commands.at(2).line, 4);
        QCOMPARE(r.commands.at(3).line, 5);
    }

    void unterminatedQuotes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("commandsBefore");
        QTest::newRow("'") << QStringLiteral("curl a\ncurl -H 'X: y")
                           << QStringLiteral("unterminated ' quote at line 2, column 9 (offset 15)") << 1;
        QTest::newRow("\"") << QStringLiteral("curl \"a\\\"")
                            << QStringLiteral("unterminated \" quote at line 1, column 6 (offset 5)") << 0;
        QTest::newRow("$'") << QStringLiteral("curl $'a\\'")
                            << QStringLiteral("unterminated $' quote at line 1, column 6 (offset 5)") << 0;
    }

    void unterminatedQuotes()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        QFETCH(int, commandsBefore);
        const ShellWords::Result r = ShellWords::split(text);
        QCOMPARE(r.error, error);
        QCOMPARE(r.commands.size(), commandsBefore);
        QString bashError;
        const Commands fromBash = bashWords(text, &bashError);
        QCOMPARE(fromBash.size(), commandsBefore); // bash too stops there
    }

    // Exported and "copy as" commands quote control bytes as $'…' escapes: none is left raw in the
    // command, and bash and ShellWords read the word back exactly.
    void shellQuoteShowsControlBytes_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("CRLF header") << QStringLiteral("X: a\r\nY: b");
        QTest::newRow("escape") << QStringLiteral("a\x1b[2Jb");
        QTest::newRow("quote and backslash") << QStringLiteral("it's \\ \t\x7f");
        QTest::newRow("bell then hex digit") << QStringLiteral("\x07"
                                                               "abc");
        QTest::newRow("no control") << QStringLiteral("it's fine");
    }

    void shellQuoteShowsControlBytes()
    {
        QFETCH(QString, word);
        const QString quoted = verbscope::http::shellQuote(word);
        for (const QChar c : quoted)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(quoted));
        const QString command = QStringLiteral("curl ") + quoted;
        QCOMPARE(wordsOf(ShellWords::split(command)), Commands({ { QStringLiteral("curl"), word } }));
        QString error;
        QCOMPARE(bashWords(command, &error), Commands({ { QStringLiteral("curl"), word } }));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void dialect_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("cmd");
        QTest::newRow("posix") << QStringLiteral("curl a \\\n b") << false;
        QTest::newRow("caret in a word") << QStringLiteral("curl 'a^b'\n") << false;
        QTest::newRow("cmd") << QStringLiteral("curl ^\"a^\" ^\r\n -k") << true;
        QTest::newRow("escaped caret") << QStringLiteral("curl a^^") << false;
    }

    void dialect()
    {
        QFETCH(QString, text);
        QFETCH(bool, cmd);
        QCOMPARE(ShellWords::detect(text) == ShellWords::Dialect::WindowsCmd, cmd);
    }
};

QTEST_GUILESS_MAIN(tst_ShellWords)
#include "tst_shellwords.moc"
