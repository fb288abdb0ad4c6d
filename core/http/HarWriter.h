// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

#include <QJsonArray>
#include <QJsonObject>

namespace verbscope::http {

// The one HAR 1.2 writer (http://www.softwareishard.com/blog/har-12-spec/), for history exports
// and collection exports alike: each redirect hop is its own entry, as browsers write them;
// timings are turned from VerbScope's "phase ended at" points into HAR's durations; an exchange
// without an answer (a transport error, or a collection request never sent) gets status 0, and
// `_error` when there was an error.
class HarWriter
{
public:
    // The entries of one exchange: its redirect hops, then the final answer, which carries
    // `comment` when one is given.
    static QJsonArray entries(const Exchange &exchange, const QString &comment = {});
    // {"log": {"version": "1.2", "creator": VerbScope, "entries": …}}.
    static QJsonObject log(const QJsonArray &entries);
    static QJsonObject toHar(const QList<Exchange> &exchanges);
    static QJsonObject timingsToHar(const Timings &timings, double hopTotal);
};

} // namespace verbscope::http
