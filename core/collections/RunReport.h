// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/RunStep.h"

#include <QByteArray>
#include <QJsonObject>

namespace verbscope::collections {

// run's reports from the steps CollectionRunner produced: JUnit XML for CI, the
// verbscope.run/1 JSON document and one self-contained HTML page. Pure: nothing is sent or
// written. Every URL, secret header value and message goes through core/http/Secrets.h.
class RunReport
{
public:
    // Bytes of a body the HTML page shows; the rest is cut with a note.
    static constexpr qsizetype MaxBodyShown = 64 * 1024;

    static QByteArray junit(const QList<RunStep> &steps, const RunSummary &summary);
    static QJsonObject json(const QList<RunStep> &steps, const RunSummary &summary);
    static QByteArray html(const QList<RunStep> &steps, const RunSummary &summary);

    // The step's name as every report shows it: " [row 3]" after it in a data-driven run.
    static QString displayName(const RunStep &step);
    // "405 Method Not Allowed", or "refused: connection refused" when no answer came.
    static QString statusText(const RunStep &step);
};

} // namespace verbscope::collections
