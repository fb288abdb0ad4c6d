// SPDX-License-Identifier: GPL-3.0-or-later
#include "Version.h"
#include "core/AppServices.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QUrl>

#include <cstdio>
#include <cstring>

int main(int argc, char *argv[])
{
    // Answer --version without a display: QApplication would need a platform plugin first.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("verbscope %s\n", VERBSCOPE_VERSION);
            return 0;
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("verbscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("VerbScope"));
    QApplication::setOrganizationName(QStringLiteral("VerbScope"));
    QApplication::setApplicationVersion(QStringLiteral(VERBSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.verbscope.VerbScope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("VerbScope: find out why an HTTP method fails."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("URL|FILE"),
        QStringLiteral("Open a request tab on this URL, or a .http file (or folder) in the Collections sidebar."),
        QStringLiteral("[URL|FILE]"));
    parser.addOption(
        { QStringLiteral("quit-after-show"), QStringLiteral("Show the window, then quit (smoke tests).") });
    parser.addOption(
        { QStringLiteral("demo"), QStringLiteral("Start the built-in demo server and open its index in a tab.") });
    parser.process(app);

    // Declared before the window, so it outlives it: the window's tabs use its engine and body folder.
    verbscope::AppServices services;
    verbscope::ui::Theme::apply(services.settings().theme(), services.settings().fontSize());
    verbscope::ui::MainWindow window(services);
    if (!parser.positionalArguments().isEmpty()) {
        // The desktop file hands over .http files (its MIME type); anything else is a URL.
        const QString arg = parser.positionalArguments().constFirst();
        const QFileInfo file(arg.startsWith(QLatin1String("file://")) ? QUrl(arg).toLocalFile() : arg);
        const bool isCollection = file.exists() && !arg.contains(QLatin1String("://"))
            ? (file.isDir() || file.suffix() == QLatin1String("http") || file.suffix() == QLatin1String("rest"))
            : arg.startsWith(QLatin1String("file://"));
        if (isCollection)
            window.openCollection(file.absoluteFilePath());
        else
            window.openUrl(arg);
    }
    if (parser.isSet(QStringLiteral("demo")))
        window.openDemo();
    window.show();
    if (parser.isSet(QStringLiteral("quit-after-show")))
        QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
    return app.exec();
}
