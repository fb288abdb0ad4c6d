// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QStringList>

namespace verbscope::diagnosis {
struct Diagnosis;
}

namespace verbscope::cli {

// `verbscope-cli diagnose`: sends, checks, and explains in plain words why a method failed.
class DiagnoseCommand
{
public:
    static CommandLine commandLine();
    int run(const QStringList &arguments);
    static QString formatText(const diagnosis::Diagnosis &diagnosis);
};

} // namespace verbscope::cli
