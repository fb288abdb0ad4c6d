// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CommandLine.h"

#include <QStringList>

namespace verbscope::http {
struct Exchange;
}
namespace verbscope::diagnosis {
struct Diagnosis;
}

namespace verbscope::cli {

// `verbscope-cli history list|search|show|diff|export|clear`: the session history (docs/history.md).
class HistoryCommand
{
public:
    static CommandLine commandLine();
    int run(const QStringList &arguments);

    // For commands that record: a failure to record is printed as a warning, never returned. The
    // entries wait in the pending folder until the history is next opened (HistorySpool).
    static void record(const http::Exchange &exchange, const QString &source);
    static void record(const diagnosis::Diagnosis &diagnosis, const QString &source);
    static void record(const QList<http::Exchange> &exchanges, const QString &source); // one pending file
};

} // namespace verbscope::cli
