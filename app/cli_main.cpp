// SPDX-License-Identifier: GPL-3.0-or-later
#include "Version.h"
#include "core/cli/CliApp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("verbscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("VerbScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VERBSCOPE_VERSION));
    return verbscope::cli::runCli(QCoreApplication::arguments());
}
