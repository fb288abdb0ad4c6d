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
};

} // namespace verbscope::cli
