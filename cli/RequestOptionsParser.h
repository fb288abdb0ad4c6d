// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/RequestSpec.h"

#include <QCommandLineParser>

#include <optional>

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
    // "1048576", "512K", "64M", "2G", "1T" (powers of 1024; "MB", "MiB" and lower case too), more
    // than 0. nullopt and `error` naming the text otherwise.
    static std::optional<qint64> parseSize(const QString &text, QString *error);
};

} // namespace verbscope::cli
