// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TerminalText.h"

#include "cli/CliApp.h"
#include "core/http/VisibleText.h"

#include <QCommandLineParser>
#include <QSet>

namespace verbscope::cli {

namespace {
ControlBytes g_mode = ControlBytes::Auto;
const QString OptionName = QStringLiteral("control-bytes");
} // namespace

QCommandLineOption controlBytesOption()
{
    return { OptionName,
        QStringLiteral("How control bytes received from a server are printed: auto (in the \\r \\xNN notation on "
                       "a terminal, as received into a pipe or file), escape (always in the notation) or raw "
                       "(always as received)."),
        QStringLiteral("MODE"), QStringLiteral("auto") };
}

bool applyControlBytesOption(const QCommandLineParser &parser, QString *error)
{
    if (!parser.optionNames().contains(OptionName))
        return true;
    const QString value = parser.value(OptionName);
    if (value == QLatin1String("auto"))
        g_mode = ControlBytes::Auto;
    else if (value == QLatin1String("escape"))
        g_mode = ControlBytes::Escape;
    else if (value == QLatin1String("raw"))
        g_mode = ControlBytes::Raw;
    else {
        *error = QStringLiteral("--control-bytes takes auto, escape or raw, not \"%1\"").arg(value);
        return false;
    }
    return true;
}

bool escapingControlBytes()
{
    return g_mode == ControlBytes::Escape || (g_mode == ControlBytes::Auto && stdoutIsTerminal());
}

void writeOutText(QByteArrayView bytes, const QString &what)
{
    if (!escapingControlBytes() || !http::needsNotation(bytes, http::TextShape::Lines)) {
        writeOut(bytes);
        return;
    }
    writeOut(http::visibleText(bytes, http::TextShape::Lines).toUtf8());
    static QSet<QString> noted;
    if (noted.contains(what))
        return;
    noted.insert(what);
    writeErrText(QStringLiteral("verbscope-cli: %1 holds control bytes, shown as \\r, \\xNN and a backslash as \\\\ "
                                "(--control-bytes raw prints them as received)\n")
                     .arg(what));
}

} // namespace verbscope::cli
