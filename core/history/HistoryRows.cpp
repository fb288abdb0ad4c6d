// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryRows.h"

#include "core/diagnosis/Classifier.h"
#include "core/diagnosis/Diagnosis.h"
#include "core/diagnosis/DiagnosisJson.h"
#include "core/history/HistoryStore.h"
#include "core/history/SecretMasker.h"
#include "core/http/ExchangeJson.h"
#include "core/http/ExchangeText.h"
#include "core/http/RequestSpecJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <algorithm>

namespace verbscope::history {

using namespace verbscope::http;

namespace {
constexpr qsizetype FtsBodyCap = 64 * 1024; // indexed text per body: enough to find, small enough to keep

QByteArray headerLines(const HeaderList &headers)
{
    QByteArray out;
    for (const Header &h : headers)
        out += h.name + ": " + h.value + '\n';
    return out;
}

QString searchableBody(const QByteArray &body)
{
    if (body.isEmpty() || looksBinary(body.left(FtsBodyCap)))
        return {};
    // Cutting inside a multi-byte character would make the whole slice binary-looking.
    return QString::fromUtf8(body.left(FtsBodyCap));
}

QJsonObject withoutBodies(QJsonObject json)
{
    QJsonObject response = json.value(QStringLiteral("response")).toObject();
    if (!response.isEmpty()) {
        response.remove(QStringLiteral("body"));
        response.remove(QStringLiteral("bodyBase64"));
        json.insert(QStringLiteral("response"), response);
    }
    return json;
}

// The document without the final response's body, which is stored apart: built from a copy
// without it rather than converted and then dropped.
QJsonObject documentWithoutBody(const Exchange &ex)
{
    Exchange shell = ex;
    shell.response.body.clear();
    return withoutBodies(exchangeToJson(shell));
}

QJsonObject storedJson(const Exchange &ex, const RequestSpec *request)
{
    QJsonObject json = documentWithoutBody(ex);
    if (request && !request->url.isEmpty()) { // empty: a Diagnosis not made by the Diagnoser
        // The body is the one sent (kind "request"), or kept apart as "request-written".
        QJsonObject written = requestSpecToJson(*request);
        written.insert(QStringLiteral("bodyAsSent"), request->body == ex.request.body);
        json.insert(QLatin1String(HistoryRows::WrittenRequestKey), written);
    }
    return json;
}

QVariant nullString()
{
    return QVariant(QMetaType::fromType<QString>());
}

// Cutting leaves room for a secret that crosses the limit to be masked whole before the last cut.
constexpr qsizetype MaskMargin = 64 * 1024;

void cut(QByteArray &body, bool *truncated, qsizetype limit)
{
    if (body.size() <= limit)
        return;
    body = body.first(limit);
    if (truncated)
        *truncated = true;
}

// What an entry keeps: every body cut to MaxBodyBytes before anything copies it (masking, JSON).
// A 256 MiB body used to cost about 1.3 GB on its way into the history.
Exchange forHistory(const Exchange &ex, qsizetype limit = HistoryRows::MaxBodyBytes)
{
    Exchange e = ex; // bodies shared, not copied
    cut(e.request.body, nullptr, limit);
    cut(e.response.body, &e.response.bodyTruncated, limit);
    cut(e.response.rawBody, &e.response.rawBodyTruncated, limit);
    for (Hop &hop : e.redirects) {
        cut(hop.request.body, nullptr, limit);
        cut(hop.response.body, &hop.response.bodyTruncated, limit);
        cut(hop.response.rawBody, &hop.response.rawBodyTruncated, limit);
    }
    return e;
}

Exchange maskedForHistory(const Exchange &ex, bool mask)
{
    if (!mask)
        return forHistory(ex);
    Exchange e = forHistory(ex, HistoryRows::MaxBodyBytes + MaskMargin);
    SecretMasker::mask(e);
    return forHistory(e);
}

// `ex` is already masked when the history masks secrets.
// `request`, when known, is the request as the user wrote it: kept beside the exchange (which has
// the transport's headers too) so that reopening the entry gives back what was written.
HistoryRow rowFor(const Exchange &ex, const EntryMeta &meta, const RequestSpec *request = nullptr)
{
    HistoryRow row;
    const QUrl url(ex.request.url);
    const QDateTime started = ex.startedAt.isValid() ? ex.startedAt : QDateTime::currentDateTimeUtc();
    const QString verdict
        = !meta.verdict.isEmpty() ? meta.verdict : diagnosis::verdictId(diagnosis::Classifier::verdict(ex));
    const Response &r = ex.response;
    row.columns = {
        meta.parentId > 0 ? QVariant(meta.parentId) : QVariant(QMetaType::fromType<qint64>()),
        meta.checkId.isEmpty() ? nullString() : QVariant(meta.checkId),
        meta.source,
        started.toMSecsSinceEpoch(),
        QString::fromUtf8(ex.request.method),
        ex.request.url,
        url.host().toLower(),
        r.received ? r.head.status : 0,
        r.received ? headerText(r.head.reason) : QString(),
        verdict,
        ex.timings.total ? QVariant(*ex.timings.total) : QVariant(QMetaType::fromType<double>()),
        ex.fidelity == Fidelity::Wire ? QStringLiteral("wire") : QStringLiteral("qt"),
        ex.error.isError() ? errorKindName(ex.error.kind) : QString(),
        QString::fromUtf8(QJsonDocument(storedJson(ex, request)).toJson(QJsonDocument::Compact)),
        meta.diagnosis.isEmpty()
            ? nullString()
            : QVariant(QString::fromUtf8(QJsonDocument(meta.diagnosis).toJson(QJsonDocument::Compact))),
    };
    if (!ex.request.body.isEmpty())
        row.bodies.append({ QStringLiteral("request"), ex.request.body });
    if (!r.body.isEmpty())
        row.bodies.append({ QStringLiteral("response"), r.body });
    if (!r.contentEncoding.isEmpty() && r.rawBody != r.body && !r.rawBody.isEmpty())
        row.bodies.append({ QStringLiteral("response-raw"), r.rawBody });
    if (request && !request->url.isEmpty() && request->body != ex.request.body && !request->body.isEmpty())
        row.bodies.append({ QStringLiteral("request-written"), request->body });

    QByteArray headers = headerLines(ex.request.headers) + headerLines(r.head.headers);
    for (const Hop &hop : ex.redirects)
        headers += headerLines(hop.request.headers) + headerLines(hop.response.head.headers);
    row.search = {
        ex.request.url,
        QString::fromUtf8(ex.request.method),
        r.received ? QString::number(r.head.status) : QString(),
        url.host().toLower(),
        headerText(headers),
        QString(searchableBody(ex.request.body) + QLatin1Char('\n') + searchableBody(r.body)),
    };
    return row;
}
} // namespace

void HistoryRows::keepStreamedBody(Response &r)
{
    if (r.bodyFile.isEmpty())
        return;
    const QString file = std::exchange(r.bodyFile, QString());
    if (!r.body.isEmpty() || r.decodedSize == 0)
        return; // the engine kept a copy beside the file (its first part only when bodyTruncated)
    const qint64 wanted = std::min(r.decodedSize, StreamedBodyKept);
    QFile f(file);
    if (f.open(QIODevice::ReadOnly))
        r.body = f.read(wanted);
    if (r.body.size() != wanted) {
        r.body.clear();
        r.bodyNotKept
            = QStringLiteral("body not kept: the file it was streamed to could not be read (%1)")
                  .arg(f.error() == QFileDevice::NoError ? QStringLiteral("it is shorter now") : f.errorString());
        return;
    }
    r.bodyTruncated = r.body.size() < r.decodedSize;
}

const char *const HistoryRows::WrittenRequestKey = "writtenRequest";

const char *const HistoryRows::ExchangeColumns
    = "parent_id, check_id, source, started_at, method, url, host, status, reason, verdict, duration_ms, fidelity, "
      "error_kind, exchange_json, diagnosis_json";

void HistoryRows::keepStreamedBodies(diagnosis::Diagnosis &d)
{
    keepStreamedBody(d.exchange.response);
    for (diagnosis::Check &c : d.checks)
        keepStreamedBody(c.exchange.response);
}

HistoryEntryRows HistoryRows::build(const Exchange &exchange, const EntryMeta &meta, bool mask)
{
    HistoryEntryRows rows;
    Exchange ex = exchange;
    keepStreamedBody(ex.response);
    rows.row = rowFor(maskedForHistory(ex, mask), meta);
    return rows;
}

HistoryEntryRows HistoryRows::build(const diagnosis::Diagnosis &diagnosisIn, const QString &source, bool mask)
{
    diagnosis::Diagnosis d = diagnosisIn;
    keepStreamedBodies(d);
    d.exchange = forHistory(d.exchange, HistoryRows::MaxBodyBytes + MaskMargin);
    for (auto &check : d.checks)
        check.exchange = forHistory(check.exchange, HistoryRows::MaxBodyBytes + MaskMargin);
    if (mask)
        SecretMasker::mask(d);
    d.exchange = forHistory(d.exchange);
    for (auto &check : d.checks)
        check.exchange = forHistory(check.exchange);
    // The exchanges live in their own rows; the document keeps the rest and points at them.
    QJsonObject doc = diagnosis::diagnosisToJson(d);
    doc.remove(QStringLiteral("exchange"));
    QJsonArray checks = doc.value(QStringLiteral("checks")).toArray();
    for (qsizetype i = 0; i < checks.size(); ++i) {
        QJsonObject c = checks.at(i).toObject();
        c.remove(QStringLiteral("exchange"));
        checks.replace(i, c);
    }
    doc.insert(QStringLiteral("checks"), checks);
    // A suggestion's request in the document has no options (a proxy bypass is one): the
    // history keeps the whole of it, so a reopened suggestion opens what the original did.
    QJsonArray suggestions = doc.value(QStringLiteral("suggestions")).toArray();
    for (qsizetype i = 0; i < suggestions.size() && i < d.suggestions.size(); ++i) {
        if (!d.suggestions.at(i).request)
            continue;
        QJsonObject s = suggestions.at(i).toObject();
        s.insert(QLatin1String(WrittenRequestKey), requestSpecToJson(*d.suggestions.at(i).request, true));
        suggestions.replace(i, s);
    }
    doc.insert(QStringLiteral("suggestions"), suggestions);

    HistoryEntryRows rows;
    // Masked above: masking twice would hide the last characters too.
    rows.row = rowFor(
        d.exchange, EntryMeta { source, diagnosis::verdictId(d.classification.verdict), 0, {}, {} }, &d.request);
    for (const auto &check : std::as_const(d.checks))
        rows.checks.append(
            { check.id, rowFor(check.exchange, EntryMeta { source, {}, 0, check.id, {} }, &check.request) });
    rows.diagnosis = QJsonDocument(doc).toJson(QJsonDocument::Compact);
    return rows;
}

} // namespace verbscope::history
