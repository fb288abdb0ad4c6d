// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/HttpFile.h"

namespace verbscope::collections {

// Reads the JetBrains HTTP Client / REST Client / httpyac `.http` syntax. Pure: text in,
// result out. It keeps going after an error so that one run reports every problem, and
// it never drops a request without an issue saying so.
class HttpFileParser
{
public:
    static ParseResult parse(const QString &text, const QString &fileName = {});
};

} // namespace verbscope::collections
