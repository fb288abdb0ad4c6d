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
    // POSIX shell words: '…', "…", $'…', backslashes, backslash-newline continuations and
    // comments. Commands end at a newline, ';', '&&', '||' or '|'.
    static QList<QStringList> splitCommands(const QString &text, QString *error);
};

} // namespace verbscope::collections
