// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/exporters/HarExporter.h"

#include "Version.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

namespace verbscope::collections {

QByteArray HarExporter::write(const Collection &collection, const ExportOptions &options, QStringList &warnings)
{
    QJsonArray entries;
    const QString started = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (const Exporter::Resolved &e : Exporter::resolveAll(collection, options, warnings)) {
        const ResolvedRequest &rr = e.resolved;
        QJsonArray headers;
        QString mime;
        for (const HeaderLine &h : rr.headers) {
            headers.append(QJsonObject { { QStringLiteral("name"), h.name }, { QStringLiteral("value"), h.value } });
            if (h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
                mime = h.value;
        }
        QJsonArray query;
        const QUrl url(rr.url);
        for (const auto &q : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
            query.append(QJsonObject { { QStringLiteral("name"), q.first }, { QStringLiteral("value"), q.second } });
        QJsonObject request {
            { QStringLiteral("method"), rr.method },
            { QStringLiteral("url"), rr.url },
            { QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1") },
            { QStringLiteral("cookies"), QJsonArray() },
            { QStringLiteral("headers"), headers },
            { QStringLiteral("queryString"), query },
            { QStringLiteral("headersSize"), -1 },
            { QStringLiteral("bodySize"), rr.hasBody ? qint64(rr.body.size()) : 0 },
        };
        if (rr.hasBody) {
            QByteArray body = rr.body;
            if (!rr.bodyFile.isEmpty()) {
                QFile f(rr.bodyFile);
                if (f.open(QIODevice::ReadOnly))
                    body = f.readAll();
                else
                    warnings << QStringLiteral("%1: %2: body file %3 could not be read; exported empty")
                                    .arg(e.file, rr.name, rr.bodyFile);
                request.insert(QStringLiteral("bodySize"), qint64(body.size()));
            }
            request.insert(QStringLiteral("postData"),
                QJsonObject {
                    { QStringLiteral("mimeType"), mime }, { QStringLiteral("text"), QString::fromUtf8(body) } });
        }
        QJsonObject response {
            { QStringLiteral("status"), 0 },
            { QStringLiteral("statusText"), QString() },
            { QStringLiteral("httpVersion"), QString() },
            { QStringLiteral("cookies"), QJsonArray() },
            { QStringLiteral("headers"), QJsonArray() },
            { QStringLiteral("content"),
                QJsonObject {
                    { QStringLiteral("size"), 0 }, { QStringLiteral("mimeType"), QStringLiteral("x-unknown") } } },
            { QStringLiteral("redirectURL"), QString() },
            { QStringLiteral("headersSize"), -1 },
            { QStringLiteral("bodySize"), -1 },
        };
        entries.append(QJsonObject {
            { QStringLiteral("startedDateTime"), started },
            { QStringLiteral("time"), 0 },
            { QStringLiteral("request"), request },
            { QStringLiteral("response"), response },
            { QStringLiteral("cache"), QJsonObject() },
            { QStringLiteral("timings"),
                QJsonObject {
                    { QStringLiteral("send"), 0 }, { QStringLiteral("wait"), 0 }, { QStringLiteral("receive"), 0 } } },
            { QStringLiteral("comment"), QString(e.file + QStringLiteral(": ") + rr.name) },
        });
        if (!e.request->directives.isEmpty() || !e.request->handlers.isEmpty())
            warnings
                << QStringLiteral("%1: %2: directives and response handlers have no place in HAR").arg(e.file, rr.name);
    }
    if (!entries.isEmpty())
        warnings << QStringLiteral("HAR entries need a response: requests not sent yet carry status 0");
    const QJsonObject log {
        { QStringLiteral("version"), QStringLiteral("1.2") },
        { QStringLiteral("creator"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("VerbScope") },
                { QStringLiteral("version"), QStringLiteral(VERBSCOPE_VERSION) } } },
        { QStringLiteral("entries"), entries },
    };
    return QJsonDocument(QJsonObject { { QStringLiteral("log"), log } }).toJson(QJsonDocument::Indented);
}

} // namespace verbscope::collections
