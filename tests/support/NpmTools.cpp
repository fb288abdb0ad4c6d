// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/NpmTools.h"

#include <QFileInfo>

namespace verbscope::test {

QString npmToolsDir()
{
    return QStringLiteral(VERBSCOPE_NPM_TOOLS_DIR);
}

QString missingNpmTools(const QStringList &paths)
{
    QStringList missing;
    for (const QString &path : paths) {
        if (!QFileInfo::exists(npmToolsDir() + QStringLiteral("/node_modules/") + path))
            missing << path;
    }
    if (missing.isEmpty())
        return {};
    return QStringLiteral("npm tools missing in %1 (%2): run scripts/dev deps, which installs "
                          "scripts/npm-packages.txt there")
        .arg(npmToolsDir(), missing.join(QStringLiteral(", ")));
}

} // namespace verbscope::test
