// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/RequestSpecJson.h"

#include "core/http/HttpSyntax.h"

#include <QJsonArray>

namespace verbscope::http {

namespace {
QJsonValue bytesToJson(const QByteArray &bytes)
{
    if (isValidUtf8(bytes))
        return QString::fromUtf8(bytes);
    return QJsonObject { { QStringLiteral("base64"), QString::fromLatin1(bytes.toBase64()) } };
}

QByteArray bytesFromJson(const QJsonValue &v)
{
    if (v.isObject())
        return QByteArray::fromBase64(v.toObject().value(QStringLiteral("base64")).toString().toLatin1());
    return v.toString().toUtf8();
}
} // namespace

QJsonObject requestSpecToJson(const RequestSpec &spec, bool withBody)
{
    QJsonArray headers;
    for (const Header &h : spec.headers)
        headers.append(QJsonArray { bytesToJson(h.name), bytesToJson(h.value) });
    const RequestOptions &o = spec.options;
    QJsonObject json {
        { QStringLiteral("method"), bytesToJson(spec.method) },
        { QStringLiteral("url"), spec.url },
        { QStringLiteral("headers"), headers },
        { QStringLiteral("hasBody"), spec.hasBody },
        { QStringLiteral("bodyFile"), spec.bodyFile },
        { QStringLiteral("options"),
            QJsonObject {
                { QStringLiteral("idleTimeoutMs"), o.idleTimeoutMs },
                { QStringLiteral("totalTimeoutMs"), o.totalTimeoutMs },
                { QStringLiteral("followRedirects"), o.redirects == RedirectMode::Follow },
                { QStringLiteral("maxRedirects"), o.maxRedirects },
                { QStringLiteral("verifyTls"), o.verifyTls },
                { QStringLiteral("proxy"), o.proxy },
                { QStringLiteral("useEnvironmentProxy"), o.useEnvironmentProxy },
                { QStringLiteral("allowHttp2"), o.allowHttp2 },
                { QStringLiteral("transport"),
                    o.transport == TransportKind::Wire ? QStringLiteral("wire") : QStringLiteral("qt") },
            } },
    };
    if (withBody)
        json.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(spec.body.toBase64()));
    return json;
}

bool requestSpecFromJson(const QJsonObject &json, RequestSpec &spec)
{
    if (!json.contains(QStringLiteral("method")))
        return false;
    spec = RequestSpec {};
    spec.method = bytesFromJson(json.value(QStringLiteral("method")));
    spec.url = json.value(QStringLiteral("url")).toString();
    const QJsonArray headers = json.value(QStringLiteral("headers")).toArray();
    for (const QJsonValue &pair : headers) {
        const QJsonArray p = pair.toArray();
        spec.headers.append({ bytesFromJson(p.at(0)), bytesFromJson(p.at(1)) });
    }
    spec.hasBody = json.value(QStringLiteral("hasBody")).toBool();
    spec.bodyFile = json.value(QStringLiteral("bodyFile")).toString();
    spec.body = QByteArray::fromBase64(json.value(QStringLiteral("bodyBase64")).toString().toLatin1());
    const QJsonObject o = json.value(QStringLiteral("options")).toObject();
    RequestOptions &out = spec.options;
    out.idleTimeoutMs = o.value(QStringLiteral("idleTimeoutMs")).toInt(out.idleTimeoutMs);
    out.totalTimeoutMs = o.value(QStringLiteral("totalTimeoutMs")).toInt(out.totalTimeoutMs);
    out.redirects = o.value(QStringLiteral("followRedirects")).toBool() ? RedirectMode::Follow : RedirectMode::Off;
    out.maxRedirects = o.value(QStringLiteral("maxRedirects")).toInt(out.maxRedirects);
    out.verifyTls = o.value(QStringLiteral("verifyTls")).toBool(out.verifyTls);
    out.proxy = o.value(QStringLiteral("proxy")).toString();
    out.useEnvironmentProxy = o.value(QStringLiteral("useEnvironmentProxy")).toBool(out.useEnvironmentProxy);
    out.allowHttp2 = o.value(QStringLiteral("allowHttp2")).toBool(out.allowHttp2);
    out.transport = o.value(QStringLiteral("transport")).toString() == QLatin1String("wire") ? TransportKind::Wire
                                                                                             : TransportKind::Qt;
    return true;
}

} // namespace verbscope::http
