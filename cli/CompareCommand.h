// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QStringList>

namespace verbscope::cli {

// `verbscope-cli compare`: the same request to several servers, side by side, then what differs.
class CompareCommand
{
public:
    static CommandLine commandLine();
    int run(const QStringList &arguments);
};

} // namespace verbscope::cli
