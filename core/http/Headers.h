// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

namespace verbscope::http {

// One header field exactly as written or received: case, order and duplicates are kept.
struct Header {
    QByteArray name;
    QByteArray value;
    friend bool operator==(const Header &, const Header &) = default;
};
using HeaderList = QList<Header>;

bool headerNameEquals(const QByteArray &a, const QByteArray &b);
bool hasHeader(const HeaderList &headers, const QByteArray &name);
// First value with that name (case-insensitive), or a null QByteArray.
QByteArray headerValue(const HeaderList &headers, const QByteArray &name);
QList<QByteArray> headerValues(const HeaderList &headers, const QByteArray &name);

} // namespace verbscope::http
