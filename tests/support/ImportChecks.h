// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/importers/ImportResult.h"

#include <QByteArray>
#include <QString>

namespace verbscope::test {

// tests/data/collections/<name>, or a fatal error naming it.
QByteArray fixture(const QString &name);
// The request of `file` whose ### title (or display name) is `title`; null when there is none.
const collections::HttpRequest *find(const collections::ImportResult &r, const QString &file, const QString &title);
// The first value of the header `name` (any case); empty when there is none.
QString header(const collections::HttpRequest &r, const QString &name);
// Every issue of the report, one per line, for failure messages.
QString issues(const collections::ImportResult &r);
// Whether one issue of the report contains `needle`.
bool hasIssue(const collections::ImportResult &r, const QString &needle);

} // namespace verbscope::test
