// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Headers.h"

namespace verbscope::http {

bool headerNameEquals(const QByteArray &a, const QByteArray &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool hasHeader(const HeaderList &headers, const QByteArray &name)
{
    for (const Header &h : headers)
        if (headerNameEquals(h.name, name))
            return true;
    return false;
}

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const Header &h : headers)
        if (headerNameEquals(h.name, name))
            return h.value;
    return {};
}

QList<QByteArray> headerValues(const HeaderList &headers, const QByteArray &name)
{
    QList<QByteArray> out;
    for (const Header &h : headers)
        if (headerNameEquals(h.name, name))
            out.append(h.value);
    return out;
}

} // namespace verbscope::http
