// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

namespace verbscope::collections {

// HAR 1.2 entries as exchanges (request, response with its reason phrase, headers, decoded
// body and timings), for `import --with-responses` into the history. Entries without a
// response (status 0) are skipped and counted in `problems`.
QList<http::Exchange> exchangesFromHar(const QByteArray &json, QStringList *problems);

} // namespace verbscope::collections
