// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

#include <QJsonObject>

namespace verbscope::history {

// Exchanges as a HAR 1.2 log (http://www.softwareishard.com/blog/har-12-spec/): each redirect
// hop is its own entry, as browsers write them; timings are turned from VerbScope's "phase ended
// at" points into HAR's durations; an exchange without an answer gets status 0 and `_error`.
class HarWriter
{
public:
    static QJsonObject toHar(const QList<http::Exchange> &exchanges);
    static QJsonObject timingsToHar(const http::Timings &timings, double hopTotal);
};

} // namespace verbscope::history
