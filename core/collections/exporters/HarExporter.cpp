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

// What HAR has no field for, as `verbscope: …` lines in the request's comment, which
// HarImporter reads back: the comments, the title, the @name and the directives, in order.
QString ownLines(const HttpRequest &r)
{
    QStringList lines;
    for (const QString &c : r.comments)
        lines << QStringLiteral("verbscope: # ") + c;
    if (!r.title.isEmpty())
        lines << QStringLiteral("verbscope: ### ") + r.title;
    lines << (r.name.isEmpty() ? QStringLiteral("verbscope: no @name") : QStringLiteral("verbscope: @name ") + r.name);
    for (const Directive &d : r.directives)
        lines << QStringLiteral("verbscope: @") + d.name + (d.value.isEmpty() ? QString() : QLatin1Char(' ') + d.value);
    return lines.join(QLatin1Char('\n'));
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
        QJsonArray own
            = http::HarWriter::entries(unsentExchange(rr, body, started), e.file + QStringLiteral(": ") + rr.name);
        QJsonObject last = own.last().toObject();
        QJsonObject request = last.value(QStringLiteral("request")).toObject();
        request.insert(QStringLiteral("comment"), ownLines(*e.request));
        last.insert(QStringLiteral("request"), request);
        own.replace(own.size() - 1, last);
        for (const QJsonValue &entry : std::as_const(own))
            entries.append(entry);
        if (!e.request->handlers.isEmpty() || !e.request->preRequestScripts.isEmpty())
            warnings
                << QStringLiteral("%1: %2: scripts and response handlers have no place in HAR").arg(e.file, rr.name);
    }
    if (!entries.isEmpty())
        warnings << QStringLiteral("HAR entries need a response: requests not sent yet carry status 0");
    return QJsonDocument(http::HarWriter::log(entries)).toJson(QJsonDocument::Indented);
}

} // namespace verbscope::collections
