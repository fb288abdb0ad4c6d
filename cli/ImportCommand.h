// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QStringList>

namespace verbscope::cli {

// `verbscope-cli import FILE [--into DIR] [--format …]`: Postman, Insomnia, HAR, curl or .http
// into a collection folder, with a report of everything that could not be carried over.
class ImportCommand
{
public:
    static CommandLine commandLine();
    int run(const QStringList &arguments);
};

} // namespace verbscope::cli
