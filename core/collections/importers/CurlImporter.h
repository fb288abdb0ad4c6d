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

    // Every option curl has (curl 7.88's `--help all`, and later ones), for tests and docs.
    struct Option {
        QChar shortName; // null when there is none
        QString longName;
        bool takesArgument = false;
        bool carriedOver = false; // false: reported and skipped, with its argument
    };
    static QList<Option> options();
};

} // namespace verbscope::collections
