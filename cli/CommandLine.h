// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QStringList>

class QCommandLineParser;

namespace verbscope::cli {

// What one command accepts, declared once: the parser, the usage text, the man page and the
// shell completions are all made from it, so they cannot disagree.
struct CommandLine {
    struct Positional {
        Positional(QString n, QString d, QString s = {})
            : name(std::move(n))
            , description(std::move(d))
            , syntax(std::move(s))
        { }
        QString name;
        QString description;
        QString syntax; // "URL [URL…]"; the name when empty
    };
    QString description;
    QList<Positional> positionals;
    QList<QCommandLineOption> options;
    QStringList subcommands; // `history list|search|…`: completed after the command name

    // The description, --help, the positionals and the options.
    void declare(QCommandLineParser &parser) const;
    // Declares and parses `arguments` (arguments[0] is the command's name, as "history list"
    // for a subcommand). Returns -1 to go on, or the exit code when it is all done: --help
    // printed (0), or a usage error printed as "verbscope-cli NAME: …" (2).
    int parse(QCommandLineParser &parser, const QString &name, const QStringList &arguments) const;
};

} // namespace verbscope::cli
