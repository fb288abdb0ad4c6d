// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QStringList>

namespace verbscope::cli {

// `verbscope-cli run`: sends the requests of a `.http` file or collection folder, one line per
// request, a "N passed, N failed" summary and optionally JUnit XML for CI.
class RunCommand
{
public:
    static constexpr int MaxParallel = 64; // --parallel's ceiling
    static CommandLine commandLine();
    int run(const QStringList &arguments);
};

} // namespace verbscope::cli
