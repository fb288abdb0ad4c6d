// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/RunSelection.h"

namespace verbscope::collections {

namespace {
QStringList splitTags(const QString &list)
{
    QStringList out;
    for (const QString &t : list.split(QLatin1Char(','))) {
        const QString tag = t.trimmed();
        if (!tag.isEmpty() && !out.contains(tag))
            out << tag;
    }
    return out;
}
} // namespace

QStringList RunSelection::tagsOf(const HttpRequest &request)
{
    QStringList out;
    for (const Directive &d : request.directives) {
        if (d.name != QLatin1String("tag"))
            continue;
        for (const QString &t : splitTags(d.value))
            if (!out.contains(t))
                out << t;
    }
    return out;
}

bool RunSelection::selected(const HttpRequest &request, const QStringList &names, const QStringList &tags)
{
    if (names.isEmpty() && tags.isEmpty())
        return true;
    if (!names.isEmpty()
        && (names.contains(request.name) || names.contains(request.title) || names.contains(request.displayName())))
        return true;
    if (tags.isEmpty())
        return false;
    const QStringList own = tagsOf(request);
    for (const QString &given : tags)
        for (const QString &t : splitTags(given))
            if (own.contains(t))
                return true;
    return false;
}

} // namespace verbscope::collections
