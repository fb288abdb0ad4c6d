// SPDX-License-Identifier: GPL-3.0-or-later
#include "Version.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("verbscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("VerbScope"));
    QApplication::setOrganizationName(QStringLiteral("VerbScope"));
    QApplication::setApplicationVersion(QStringLiteral(VERBSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.verbscope.VerbScope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("VerbScope: find out why an HTTP method fails."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("Open a request tab on this URL."), QStringLiteral("[URL]"));
    parser.addOption({QStringLiteral("quit-after-show"), QStringLiteral("Show the window, then quit (smoke tests).")});
    parser.process(app);

    verbscope::ui::MainWindow window;
    if (!parser.positionalArguments().isEmpty())
        window.setUrl(parser.positionalArguments().constFirst());
    window.show();
    if (parser.isSet(QStringLiteral("quit-after-show")))
        QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
    return app.exec();
}
