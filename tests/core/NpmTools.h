// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// npm packages installed once into <builddir>/npm (cached across runs) for the tests that
// check our output with other tools. Under CI a failed install fails the test; locally it skips.
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

namespace verbscope::test {

inline QString npmPrefix()
{
    return QStringLiteral(VERBSCOPE_NPM_PREFIX);
}

// Installs `packages` unless `marker` (a path below node_modules) exists. Empty on success.
inline QString npmInstall(const QStringList &packages, const QString &marker)
{
    const QString prefix = npmPrefix();
    if (QFileInfo::exists(prefix + QStringLiteral("/node_modules/") + marker))
        return {};
    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    if (npm.isEmpty())
        return QStringLiteral("npm is not installed (Debian packages nodejs and npm)");
    QDir().mkpath(prefix);
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(npm,
        QStringList { QStringLiteral("install"), QStringLiteral("--prefix"), prefix, QStringLiteral("--no-audit"),
            QStringLiteral("--no-fund"), QStringLiteral("--loglevel=error") }
            + packages);
    if (!p.waitForFinished(600000) || p.exitCode() != 0)
        return QStringLiteral("npm install %1 failed: %2")
            .arg(packages.join(QLatin1Char(' ')), QString::fromUtf8(p.readAll().right(2000)));
    if (!QFileInfo::exists(prefix + QStringLiteral("/node_modules/") + marker))
        return QStringLiteral("npm install %1 did not provide %2").arg(packages.join(QLatin1Char(' ')), marker);
    return {};
}

} // namespace verbscope::test

#define VERBSCOPE_NPM_INSTALL(packages, marker)                                                                        \
    do {                                                                                                               \
        const QString npmError = verbscope::test::npmInstall(packages, marker);                                        \
        if (!npmError.isEmpty()) {                                                                                     \
            if (!qEnvironmentVariableIsSet("CI"))                                                                      \
                QSKIP(qPrintable(npmError));                                                                           \
            QFAIL(qPrintable(npmError));                                                                               \
        }                                                                                                              \
    } while (false)
