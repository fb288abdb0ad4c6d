// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace verbscope::diagnosis {

struct ProbeCell;
struct ServerProbe;

// The method matrix as text, CSV, Markdown and verbscope.probe/1 JSON: one implementation for
// `verbscope-cli probe` and the desktop matrix's exports.
class ProbeReport
{
public:
    static QByteArray toJson(const QList<ServerProbe> &servers);
    static QByteArray toCsv(const QList<ServerProbe> &servers);
    static QByteArray toMarkdown(const QList<ServerProbe> &servers);
    static QByteArray toText(const QList<ServerProbe> &servers, bool colour);
    // "405 Not Allowed *": status, reason (cut to `width`) and the probe-path mark.
    static QString cellText(const ProbeCell &cell, int width = 1000);
};

} // namespace verbscope::diagnosis
