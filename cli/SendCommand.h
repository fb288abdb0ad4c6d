// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QStringList>

namespace verbscope::http {
struct Exchange;
}

namespace verbscope::cli {

// `verbscope-cli send`: one request, printed like `curl -i` (or as verbscope.exchange/1 JSON).
class SendCommand
{
public:
    static CommandLine commandLine();
    int run(const QStringList &arguments);

    // Shared by commands that print exchanges: heads of every hop, then the final body.
    // `headsPrinted`: they went out before a body streamed to standard output.
    static void printExchange(
        const http::Exchange &exchange, bool verbose, bool includeHeaders, bool headsPrinted = false);
    // On stderr, why the body the user got is not the whole decoded body (the bomb guard, the
    // in-memory limit); true when it is not. exitCodeFor() then gives 1.
    static bool reportBodyShortfall(const http::Exchange &exchange, bool json);
    static void printVerbose(const http::Exchange &exchange);
    // --raw: both directions of every hop as bytes, escaped, prefixed "> " and "< ".
    static void printRaw(const http::Exchange &exchange);
    static int exitCodeFor(const http::Exchange &exchange);
};

} // namespace verbscope::cli
