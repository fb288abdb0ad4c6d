// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/HttpFile.h"

#include <QStringList>

namespace verbscope::collections {

// Which requests `run --name/--tag` sends. httpyac's rule: a request is selected when its name
// matches or any of its tags does (`# @tag smoke, slow`: comma-separated, trimmed, case-sensitive);
// with neither option every request is.
class RunSelection
{
public:
    // `names` match @name, the ### title or the display name; each entry of `tags` may itself be a
    // comma-separated list (`--tag smoke,auth`).
    static bool selected(const HttpRequest &request, const QStringList &names, const QStringList &tags);
    // The request's tags from every `# @tag` line, in order, without duplicates.
    static QStringList tagsOf(const HttpRequest &request);
};

} // namespace verbscope::collections
