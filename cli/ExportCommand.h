// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QStringList>

namespace verbscope::cli {

// `verbscope-cli export PATH --to postman|har|curl|http [-o FILE] [--include-secrets]`.
class ExportCommand
{
public:
    static CommandLine commandLine();
    int run(const QStringList &arguments);
};

} // namespace verbscope::cli
