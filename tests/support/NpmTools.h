// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace verbscope::test {

// The folder `scripts/dev deps` installs scripts/npm-packages.txt into (VERBSCOPE_NPM_TOOLS_DIR).
QString npmToolsDir();

// Empty when every path (below node_modules, e.g. ".bin/httpyac") exists; otherwise a failure
// message naming what is missing and how to install it. Tests fail on it: they never install.
QString missingNpmTools(const QStringList &paths);

} // namespace verbscope::test
