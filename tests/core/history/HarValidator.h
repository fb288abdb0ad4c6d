// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace verbscope::test {

// The required structure of HAR 1.2 (log, creator, entries, request, response, content,
// cache, timings); returns one line per problem, empty when valid.
inline QStringList harProblems(const QJsonObject &har)
{
    QStringList problems;
    auto need = [&problems](const QJsonObject &o, const QString &where, const QString &key, QJsonValue::Type type) {
        if (!o.contains(key))
            problems << where + QLatin1Char('.') + key + QStringLiteral(" missing");
        else if (o.value(key).type() != type)
            problems << where + QLatin1Char('.') + key + QStringLiteral(" has the wrong type");
    };
    auto nameValues = [&problems](const QJsonArray &arr, const QString &where) {
        for (const QJsonValue &v : arr)
            if (!v.toObject().value(QStringLiteral("name")).isString()
                || !v.toObject().value(QStringLiteral("value")).isString())
                problems << where + QStringLiteral(": an item without string name/value");
    };
    need(har, QStringLiteral("$"), QStringLiteral("log"), QJsonValue::Object);
    const QJsonObject log = har.value(QStringLiteral("log")).toObject();
    need(log, QStringLiteral("log"), QStringLiteral("version"), QJsonValue::String);
    if (log.value(QStringLiteral("version")).toString() != QLatin1String("1.2"))
        problems << QStringLiteral("log.version is not 1.2");
    need(log, QStringLiteral("log"), QStringLiteral("creator"), QJsonValue::Object);
    need(log.value(QStringLiteral("creator")).toObject(), QStringLiteral("log.creator"), QStringLiteral("name"),
        QJsonValue::String);
    need(log.value(QStringLiteral("creator")).toObject(), QStringLiteral("log.creator"), QStringLiteral("version"),
        QJsonValue::String);
    need(log, QStringLiteral("log"), QStringLiteral("entries"), QJsonValue::Array);
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString e = QStringLiteral("entries[%1]").arg(i);
        const QJsonObject entry = entries.at(i).toObject();
        need(entry, e, QStringLiteral("startedDateTime"), QJsonValue::String);
        if (!QDateTime::fromString(entry.value(QStringLiteral("startedDateTime")).toString(), Qt::ISODateWithMs)
                 .isValid())
            problems << e + QStringLiteral(".startedDateTime is not ISO 8601");
        need(entry, e, QStringLiteral("time"), QJsonValue::Double);
        if (entry.value(QStringLiteral("time")).toDouble() < 0)
            problems << e + QStringLiteral(".time is negative");
        need(entry, e, QStringLiteral("request"), QJsonValue::Object);
        need(entry, e, QStringLiteral("response"), QJsonValue::Object);
        need(entry, e, QStringLiteral("cache"), QJsonValue::Object);
        need(entry, e, QStringLiteral("timings"), QJsonValue::Object);
        const QJsonObject req = entry.value(QStringLiteral("request")).toObject();
        const QString r = e + QStringLiteral(".request");
        need(req, r, QStringLiteral("method"), QJsonValue::String);
        need(req, r, QStringLiteral("url"), QJsonValue::String);
        need(req, r, QStringLiteral("httpVersion"), QJsonValue::String);
        for (const QString &k : { QStringLiteral("cookies"), QStringLiteral("headers"), QStringLiteral("queryString") })
            need(req, r, k, QJsonValue::Array);
        need(req, r, QStringLiteral("headersSize"), QJsonValue::Double);
        need(req, r, QStringLiteral("bodySize"), QJsonValue::Double);
        nameValues(req.value(QStringLiteral("headers")).toArray(), r + QStringLiteral(".headers"));
        nameValues(req.value(QStringLiteral("queryString")).toArray(), r + QStringLiteral(".queryString"));
        if (req.contains(QStringLiteral("postData")))
            need(req.value(QStringLiteral("postData")).toObject(), r + QStringLiteral(".postData"),
                QStringLiteral("mimeType"), QJsonValue::String);
        const QJsonObject resp = entry.value(QStringLiteral("response")).toObject();
        const QString s = e + QStringLiteral(".response");
        need(resp, s, QStringLiteral("status"), QJsonValue::Double);
        need(resp, s, QStringLiteral("statusText"), QJsonValue::String);
        need(resp, s, QStringLiteral("httpVersion"), QJsonValue::String);
        need(resp, s, QStringLiteral("cookies"), QJsonValue::Array);
        need(resp, s, QStringLiteral("headers"), QJsonValue::Array);
        need(resp, s, QStringLiteral("content"), QJsonValue::Object);
        need(resp, s, QStringLiteral("redirectURL"), QJsonValue::String);
        need(resp, s, QStringLiteral("headersSize"), QJsonValue::Double);
        need(resp, s, QStringLiteral("bodySize"), QJsonValue::Double);
        nameValues(resp.value(QStringLiteral("headers")).toArray(), s + QStringLiteral(".headers"));
        const QJsonObject content = resp.value(QStringLiteral("content")).toObject();
        need(content, s + QStringLiteral(".content"), QStringLiteral("size"), QJsonValue::Double);
        need(content, s + QStringLiteral(".content"), QStringLiteral("mimeType"), QJsonValue::String);
        const QJsonObject timings = entry.value(QStringLiteral("timings")).toObject();
        for (const QString &k : { QStringLiteral("send"), QStringLiteral("wait"), QStringLiteral("receive") }) {
            need(timings, e + QStringLiteral(".timings"), k, QJsonValue::Double);
            if (timings.value(k).toDouble() < -1)
                problems << e + QStringLiteral(".timings.") + k + QStringLiteral(" < -1");
        }
        for (const QString &k :
            { QStringLiteral("blocked"), QStringLiteral("dns"), QStringLiteral("connect"), QStringLiteral("ssl") })
            if (timings.contains(k) && timings.value(k).toDouble() < -1)
                problems << e + QStringLiteral(".timings.") + k + QStringLiteral(" < -1");
    }
    return problems;
}

} // namespace verbscope::test
