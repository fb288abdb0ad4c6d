// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnosis/Diagnosis.h"
#include "core/history/HistoryStore.h"

#include <optional>

namespace verbscope::history {

// A history entry put back as it was when it was new, for the desktop app to show and edit.
struct ReopenedEntry {
    HistoryRecord record;
    // As recorded: `request` is what the user wrote (what the editor gets back), `exchange` the
    // stored exchange, the rest the stored verdict, findings, suggestions and checks.
    diagnosis::Diagnosis diagnosis;
    bool checksRan = false; // checks were recorded with it: nothing to offer to run again
    bool requestWritten = false; // false: rebuilt from the request as sent (requestFromSent)
};

namespace HistoryReopen {
// The entry `id`, its checks read back from their own rows; nullopt when it is gone. An entry
// recorded without a diagnosis gets the one its exchange has on its own (no checks).
std::optional<ReopenedEntry> load(const HistoryStore &store, qint64 id);

// For an entry recorded without the request as written (a plain `send`, or recorded before
// VerbScope kept it): the request as sent, less what a transport adds on its own. That is Host
// when it names the URL's host, Content-Length when it is the body's size, and with the Qt
// transport its default headers (QtTransport::defaultHeaders) when they have the default value
// (User-Agent: any VerbScope/ version). A header the user set to exactly that value cannot be
// told apart and is left out too.
http::RequestSpec requestFromSent(const http::Exchange &exchange);
} // namespace HistoryReopen

} // namespace verbscope::history
