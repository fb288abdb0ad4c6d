// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/importers/ImportResult.h"

namespace verbscope::collections {

// HAR 1.2: every entry's request becomes a request of one `.http` file, in order.
class HarImporter
{
public:
    static ImportResult import(const QByteArray &json, const QString &baseName);
};

} // namespace verbscope::collections
