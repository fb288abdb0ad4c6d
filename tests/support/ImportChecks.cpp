// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/ImportChecks.h"

#include <QFile>

namespace verbscope::test {

using namespace verbscope::collections;

QByteArray fixture(const QString &name)
{
    QFile f(qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/collections/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(f.fileName()));
    return f.readAll();
}

const HttpRequest *find(const ImportResult &r, const QString &file, const QString &title)
{
    for (const ImportedFile &f : r.files)
        if (f.relativePath == file)
            for (const HttpRequest &q : f.file.requests)
                if (q.title == title || q.displayName() == title)
                    return &q;
    return nullptr;
}

QString header(const HttpRequest &r, const QString &name)
{
    for (const HeaderLine &h : r.headers)
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    return {};
}

QString issues(const ImportResult &r)
{
    QStringList all;
    for (const ImportIssue &i : r.issues)
        all << i.toString();
    return all.join(QLatin1Char('\n'));
}

bool hasIssue(const ImportResult &r, const QString &needle)
{
    for (const ImportIssue &i : r.issues)
        if (i.toString().contains(needle))
            return true;
    return false;
}

} // namespace verbscope::test
