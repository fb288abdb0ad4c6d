// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/HttpFile.h"

#include <QStringList>

namespace verbscope::collections {

// Writes an HttpFile in the syntax HttpFileParser reads back to the same requests and that
// httpyac and the JetBrains client run. What the syntax cannot hold is listed in `warnings`.
class HttpFileWriter
{
public:
    static QString write(const HttpFile &file, QStringList *warnings = nullptr);
    // Requests httpyac cannot run as written: it only knows a fixed list of upper-case verbs.
    static QStringList httpyacCaveats(const HttpFile &file);
};

} // namespace verbscope::collections
