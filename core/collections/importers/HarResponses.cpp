// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/HarResponses.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace verbscope::collections {

using namespace verbscope::http;

namespace {
HeaderList headersOf(const QJsonObject &o)
{
    HeaderList out;
    for (const QJsonValue &h : o.value(QStringLiteral("headers")).toArray())
        out.append({ h.toObject().value(QStringLiteral("name")).toString().toUtf8(),
            h.toObject().value(QStringLiteral("value")).toString().toUtf8() });
    return out;
}

QString versionOf(const QString &harVersion)
{
    const QString v = harVersion.toUpper();
    if (v.startsWith(QLatin1String("HTTP/")))
        return v.mid(5);
    if (v == QLatin1String("H2"))
        return QStringLiteral("2");
    return v.isEmpty() ? QStringLiteral("1.x") : v;
}

// HAR timings are durations per phase; the exchange keeps when each phase ended.
Timings timingsOf(const QJsonObject &t, double total)
{
    Timings out;
    double at = std::max(0.0, t.value(QStringLiteral("blocked")).toDouble(-1));
    auto phase = [&](const char *name) -> std::optional<double> {
        const double d = t.value(QLatin1String(name)).toDouble(-1);
        if (d < 0)
            return std::nullopt;
        at += d;
        return at;
    };
    out.dns = phase("dns");
    out.connect = phase("connect");
    // HAR counts ssl inside connect.
    if (const double ssl = t.value(QStringLiteral("ssl")).toDouble(-1); ssl >= 0 && out.connect)
        out.tls = *out.connect;
    out.sent = phase("send");
    out.firstByte = phase("wait");
    phase("receive");
    out.total = total >= 0 ? total : at;
    return out;
}
} // namespace

QList<Exchange> exchangesFromHar(const QByteArray &json, QStringList *problems)
{
    QList<Exchange> out;
    const QJsonArray entries = QJsonDocument::fromJson(json)
                                   .object()
                                   .value(QStringLiteral("log"))
                                   .toObject()
                                   .value(QStringLiteral("entries"))
                                   .toArray();
    int skipped = 0;
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        const QJsonObject req = entry.value(QStringLiteral("request")).toObject();
        const QJsonObject resp = entry.value(QStringLiteral("response")).toObject();
        const int status = resp.value(QStringLiteral("status")).toInt();
        if (status <= 0) {
            ++skipped;
            continue;
        }
        Exchange ex;
        ex.fidelity = Fidelity::Qt; // someone else's record: not bytes VerbScope saw on a socket
        ex.startedAt
            = QDateTime::fromString(entry.value(QStringLiteral("startedDateTime")).toString(), Qt::ISODateWithMs);
        ex.request.method = req.value(QStringLiteral("method")).toString().toUtf8();
        ex.request.url = req.value(QStringLiteral("url")).toString();
        ex.request.headers = headersOf(req);
        const QByteArray requestBody
            = req.value(QStringLiteral("postData")).toObject().value(QStringLiteral("text")).toString().toUtf8();
        ex.request.body = requestBody;
        ex.request.bodySize = std::max<qint64>(requestBody.size(), req.value(QStringLiteral("bodySize")).toInteger(0));
        ex.response.received = true;
        ex.response.head.status = status;
        ex.response.head.reason = resp.value(QStringLiteral("statusText")).toString().toUtf8();
        ex.response.head.httpVersion = versionOf(resp.value(QStringLiteral("httpVersion")).toString());
        ex.response.head.headers = headersOf(resp);
        const QJsonObject content = resp.value(QStringLiteral("content")).toObject();
        const QString text = content.value(QStringLiteral("text")).toString();
        ex.response.body = content.value(QStringLiteral("encoding")).toString() == QLatin1String("base64")
            ? QByteArray::fromBase64(text.toLatin1())
            : text.toUtf8();
        ex.response.decodedSize = ex.response.body.size();
        ex.response.rawSize = std::max<qint64>(resp.value(QStringLiteral("bodySize")).toInteger(-1), 0);
        ex.timings = timingsOf(
            entry.value(QStringLiteral("timings")).toObject(), entry.value(QStringLiteral("time")).toDouble(-1));
        ex.warnings << QStringLiteral("imported from a HAR file: headers and body as the recording tool saw them");
        out.append(ex);
    }
    if (skipped > 0 && problems)
        *problems << QStringLiteral("%1 HAR entr%2 without a response (status 0) not recorded")
                         .arg(skipped)
                         .arg(skipped == 1 ? QStringLiteral("y") : QStringLiteral("ies"));
    return out;
}

} // namespace verbscope::collections
