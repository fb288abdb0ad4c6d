// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace verbscope::diagnosis {

struct ProbeCell;
struct ServerProbe;
enum class Support;

// The method matrix as text, CSV, Markdown and verbscope.probe/1 JSON: one implementation for
// `verbscope-cli probe` and the desktop matrix's exports.
class ProbeReport
{
public:
    static QByteArray toJson(const QList<ServerProbe> &servers);
    static QByteArray toCsv(const QList<ServerProbe> &servers);
    static QByteArray toMarkdown(const QList<ServerProbe> &servers);
    static QByteArray toText(const QList<ServerProbe> &servers, bool colour);
    // "404 Not Found ? *": status, reason (cut to `width`) and the marks of legend().
    static QString cellText(const ProbeCell &cell, int width = 1000);
    // What the marks and the modes mean, one line each (the same words in every format).
    static QStringList legend();
    // The methods of one support class grouped by evidence, in matrix order: ("200 on the URL", [GET, HEAD]).
    static QList<QPair<QString, QList<QByteArray>>> byEvidence(const ServerProbe &server, Support support);
};

} // namespace verbscope::diagnosis
