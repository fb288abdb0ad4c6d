// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/exporters/HarExporter.h"

#include "core/http/HarWriter.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace verbscope::collections {

namespace {
// A request that was never sent, as the exchange http::HarWriter writes: no answer, no timings.
http::Exchange unsentExchange(const ResolvedRequest &rr, const QByteArray &body, const QDateTime &started)
{
    http::Exchange ex;
    ex.startedAt = started;
    ex.request.method = rr.method.toUtf8();
    ex.request.url = rr.url;
    for (const HeaderLine &h : rr.headers)
        ex.request.headers.append(http::Header { h.name.toUtf8(), h.value.toUtf8() });
    ex.request.body = body;
    ex.request.bodySize = body.size();
    return ex;
}
} // namespace

QByteArray HarExporter::write(const Collection &collection, const ExportOptions &options, QStringList &warnings)
{
    QJsonArray entries;
    const QDateTime started = QDateTime::currentDateTimeUtc();
    for (const Exporter::Resolved &e : Exporter::resolveAll(collection, options, warnings)) {
        const ResolvedRequest &rr = e.resolved;
        QByteArray body = rr.hasBody ? rr.body : QByteArray();
        if (rr.hasBody && !rr.bodyFile.isEmpty()) {
            QFile f(rr.bodyFile);
            if (f.open(QIODevice::ReadOnly))
                body = f.readAll();
            else
                warnings << QStringLiteral("%1: %2: body file %3 could not be read; exported empty")
                                .arg(e.file, rr.name, rr.bodyFile);
        }
        for (const QJsonValue &entry :
            http::HarWriter::entries(unsentExchange(rr, body, started), e.file + QStringLiteral(": ") + rr.name))
            entries.append(entry);
        if (!e.request->directives.isEmpty() || !e.request->handlers.isEmpty())
            warnings
                << QStringLiteral("%1: %2: directives and response handlers have no place in HAR").arg(e.file, rr.name);
    }
    if (!entries.isEmpty())
        warnings << QStringLiteral("HAR entries need a response: requests not sent yet carry status 0");
    return QJsonDocument(http::HarWriter::log(entries)).toJson(QJsonDocument::Indented);
}

} // namespace verbscope::collections
