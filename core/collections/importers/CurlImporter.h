// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/importers/ImportResult.h"

#include <QStringList>

namespace verbscope::collections {

// curl command lines (as browsers' "Copy as cURL" and documentation write them) to requests.
class CurlImporter
{
public:
    static ImportResult import(const QString &text, const QString &baseName);
    // The words of each command, as ShellWords reads them (POSIX sh, bash, Windows cmd).
    static QList<QStringList> splitCommands(const QString &text, QString *error);

    // Every option curl has (curl 7.88's `--help all`, and later ones), read from
    // resources/knowledge/curl-options.tsv.
    struct Option {
        QChar shortName; // null when there is none
        QString longName;
        bool takesArgument = false;
        bool carriedOver = false; // false: reported and skipped, with its argument
        QString argument; // "none", "string", "file", "url", "number", "header", "data", "method", "user"
        QString reason; // why it is not carried over (reported options and output-only ones)
    };
    static QList<Option> options();
    // A line of the table that could not be read ("curl-options.tsv:12:1: …"); empty when all are.
    static QString optionTableProblem();
};

} // namespace verbscope::collections
