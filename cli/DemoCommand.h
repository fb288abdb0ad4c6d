// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QStringList>

namespace verbscope::cli {

// `verbscope-cli demo [--port N] [--quiet]`: runs the built-in demo server on 127.0.0.1 until
// SIGINT or SIGTERM, printing its URL first and then one line per request.
class DemoCommand
{
public:
    static constexpr quint16 DefaultPort = 8405;

    static CommandLine commandLine();
    int run(const QStringList &arguments);
};

} // namespace verbscope::cli
