// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace verbscope::diagnosis {
struct ServerProbe;
}

namespace verbscope::cli {

// `verbscope-cli probe`: the method matrix of one or more servers.
class ProbeCommand
{
public:
    int run(const QStringList &arguments);

    static QByteArray toJson(const QList<diagnosis::ServerProbe> &servers);
    static QByteArray toCsv(const QList<diagnosis::ServerProbe> &servers);
    static QByteArray toMarkdown(const QList<diagnosis::ServerProbe> &servers);
    static QByteArray toText(const QList<diagnosis::ServerProbe> &servers, bool colour);
};

} // namespace verbscope::cli
