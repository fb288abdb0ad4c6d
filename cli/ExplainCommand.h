// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QStringList>

namespace verbscope::cli {

// `verbscope-cli explain CODE|METHOD|SERVER`: prints one knowledge-base entry, as wrapped text or JSON.
class ExplainCommand
{
public:
    static CommandLine commandLine();
    int run(const QStringList &arguments);

    // Up to three known topics (methods, server ids, status codes) close to `input`.
    static QStringList closeMatches(const QString &input);
    // Greedy word wrap; continuation lines get `indent` spaces, the first line `firstIndent`.
    static QString wrap(const QString &text, int firstIndent, int indent, int width = 80);
};

} // namespace verbscope::cli
