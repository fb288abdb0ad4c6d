// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QStringList>

namespace verbscope::cli {

// `verbscope-cli probe`: the method matrix of one or more servers.
class ProbeCommand
{
public:
    static CommandLine commandLine();
    int run(const QStringList &arguments); // output formats: diagnosis::ProbeReport
};

} // namespace verbscope::cli
