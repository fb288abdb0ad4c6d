// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/HarImporter.h"

#include "core/collections/importers/ImportHelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace verbscope::collections {

using namespace importhelpers;

ImportResult HarImporter::import(const QByteArray &json, const QString &baseName)
{
    ImportResult result;
    result.format = QStringLiteral("har 1.2");
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    const QJsonObject log = doc.object().value(QStringLiteral("log")).toObject();
    if (!doc.isObject() || !log.contains(QStringLiteral("entries"))) {
        result.error = pe.error != QJsonParseError::NoError ? jsonError(json, pe)
                                                            : QStringLiteral("no log.entries: not a HAR file");
        return result;
    }
    // Dropped headers are many and alike: reported once per header name with the entries.
    QMap<QString, QStringList> dropped;
    int responses = 0;
    HttpFile file;
    int n = 0;
    for (const QJsonValue &ev : log.value(QStringLiteral("entries")).toArray()) {
        ++n;
        const QJsonObject entry = ev.toObject();
        const QJsonObject req = entry.value(QStringLiteral("request")).toObject();
        const QString item = QStringLiteral("entry %1").arg(n);
        if (entry.value(QStringLiteral("response")).toObject().value(QStringLiteral("status")).toInt() > 0)
            ++responses;
        HttpRequest r;
        r.method = req.value(QStringLiteral("method")).toString(QStringLiteral("GET"));
        r.target = req.value(QStringLiteral("url")).toString();
        r.target.replace(QLatin1Char(' '), QStringLiteral("%20"));
        const QString version = req.value(QStringLiteral("httpVersion")).toString();
        if (!version.isEmpty() && !version.contains(QLatin1String("1.")))
            dropped[QStringLiteral("HTTP version ") + version] << QString::number(n);
        bool cookieHeader = false;
        for (const QJsonValue &hv : req.value(QStringLiteral("headers")).toArray()) {
            const QJsonObject h = hv.toObject();
            const QString name = h.value(QStringLiteral("name")).toString();
            if (name.startsWith(QLatin1Char(':'))
                || name.compare(QLatin1String("Content-Length"), Qt::CaseInsensitive) == 0
                || name.compare(QLatin1String("Host"), Qt::CaseInsensitive) == 0) {
                dropped[QStringLiteral("header ") + name.toLower()] << QString::number(n);
                continue;
            }
            cookieHeader = cookieHeader || name.compare(QLatin1String("Cookie"), Qt::CaseInsensitive) == 0;
            r.headers.append({ name, h.value(QStringLiteral("value")).toString(), 0 });
        }
        if (!cookieHeader) {
            QStringList cookies;
            for (const QJsonValue &cv : req.value(QStringLiteral("cookies")).toArray())
                cookies << cv.toObject().value(QStringLiteral("name")).toString() + QLatin1Char('=')
                        + cv.toObject().value(QStringLiteral("value")).toString();
            if (!cookies.isEmpty())
                r.headers.append({ QStringLiteral("Cookie"), cookies.join(QStringLiteral("; ")), 0 });
        }
        const QJsonObject post = req.value(QStringLiteral("postData")).toObject();
        if (!post.isEmpty()) {
            const QString mime = post.value(QStringLiteral("mimeType")).toString();
            if (post.contains(QStringLiteral("text"))) {
                r.body = post.value(QStringLiteral("text")).toString();
            } else if (mime.startsWith(QLatin1String("multipart/"))) {
                QList<MultipartPart> parts;
                for (const QJsonValue &pv : post.value(QStringLiteral("params")).toArray()) {
                    const QJsonObject p = pv.toObject();
                    const bool isFile = p.contains(QStringLiteral("fileName"));
                    parts.append({ p.value(QStringLiteral("name")).toString(),
                        isFile ? p.value(QStringLiteral("fileName")).toString()
                               : p.value(QStringLiteral("value")).toString(),
                        isFile, p.value(QStringLiteral("contentType")).toString() });
                    if (isFile)
                        result.issues.append(
                            { item, QStringLiteral("form file %1").arg(p.value(QStringLiteral("fileName")).toString()),
                                QStringLiteral(
                                    "HAR does not hold the file; referenced as a file next to the .http file") });
                }
                r.body = multipartBody(parts, QStringLiteral("VerbScopeFormBoundary"));
                // The recorded boundary no longer matches the rebuilt body.
                for (HeaderLine &h : r.headers)
                    if (h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
                        h.value = QStringLiteral("multipart/form-data; boundary=VerbScopeFormBoundary");
            } else {
                QStringList pairs;
                for (const QJsonValue &pv : post.value(QStringLiteral("params")).toArray())
                    pairs << formEncode(pv.toObject().value(QStringLiteral("name")).toString()) + QLatin1Char('=')
                            + formEncode(pv.toObject().value(QStringLiteral("value")).toString());
                r.body = pairs.join(QLatin1Char('&'));
            }
            r.hasBody = !r.body.isEmpty();
            if (r.hasBody && !mime.isEmpty())
                addHeaderIfMissing(r, QStringLiteral("Content-Type"), mime);
        }
        if (!entry.value(QStringLiteral("comment")).toString().isEmpty())
            r.comments << entry.value(QStringLiteral("comment")).toString();
        r.directives.append({ QStringLiteral("no-redirect"), QString() }); // a HAR records each hop as its own entry
        flagUnwritable(r, item, result.issues);
        file.requests.append(r);
    }
    for (auto it = dropped.begin(); it != dropped.end(); ++it)
        result.issues.append({ QStringLiteral("entries ") + it.value().join(QLatin1Char(',')), it.key(),
            it.key().startsWith(QLatin1String("HTTP"))
                ? QStringLiteral("requests are sent as HTTP/1.1 unless --http2 is given")
                : QStringLiteral("set by VerbScope from the URL and the body when sending") });
    if (responses > 0)
        result.issues.append({ QStringLiteral("log"), QStringLiteral("%1 recorded response(s)").arg(responses),
            QStringLiteral("a collection holds requests only; responses were not imported") });
    result.files.append({ (baseName.isEmpty() ? QStringLiteral("har") : baseName) + QStringLiteral(".http"), file });
    return result;
}

} // namespace verbscope::collections
