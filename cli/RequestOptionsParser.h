// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/RequestSpec.h"

#include <QCommandLineParser>

namespace verbscope::cli {

// The curl-like request options every command shares (-X, -H, -d, --timeout, -L, -k,
// --proxy, --wire…): declared once, turned into a RequestSpec once.
class RequestOptionsParser
{
public:
    static QList<QCommandLineOption> options();
    // Fills `spec` from the parsed options and `url`; returns the usage errors, each precise.
    // `warnings` receives what was changed on the way (a URL percent-encoded).
    QStringList toSpec(const QCommandLineParser &parser, const QString &url, http::RequestSpec &spec,
        QStringList *warnings = nullptr) const;
};

} // namespace verbscope::cli
