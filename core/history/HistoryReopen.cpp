// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryReopen.h"

#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/DiagnosisJson.h"
#include "core/history/HistoryRows.h"
#include "core/http/QtTransport.h"
#include "core/http/RequestSpecJson.h"

#include <QJsonArray>
#include <QUrl>

namespace verbscope::history {

using namespace verbscope::http;

namespace {
QByteArray authority(const QString &url)
{
    const QUrl u(url);
    QByteArray host = QUrl::toAce(u.host());
    if (host.contains(':'))
        host = '[' + host + ']';
    if (u.port() != -1)
        host += ':' + QByteArray::number(u.port());
    return host;
}

bool addedByTransport(const Header &h, const Exchange &ex)
{
    if (headerNameEquals(h.name, "Host"))
        return h.value.compare(authority(ex.request.url), Qt::CaseInsensitive) == 0;
    if (headerNameEquals(h.name, "Content-Length"))
        return h.value == QByteArray::number(ex.request.bodySize);
    if (ex.fidelity != Fidelity::Qt)
        return false;
    if (headerNameEquals(h.name, "User-Agent"))
        return h.value.startsWith("VerbScope/");
    const HeaderList defaults = QtTransport::defaultHeaders();
    return std::any_of(defaults.begin(), defaults.end(),
        [&h](const Header &d) { return headerNameEquals(d.name, h.name) && d.value == h.value; });
}

diagnosis::Check checkFrom(const HistoryStore &store, const QJsonObject &stored, diagnosis::Check check)
{
    const std::optional<HistoryRecord> child = store.record(stored.value(QStringLiteral("historyId")).toInteger());
    if (!child) {
        check.exchange.error = { ErrorKind::Other, QStringLiteral("the recorded exchange of this check is gone") };
        return check;
    }
    check.exchange = child->exchange;
    check.request = child->writtenRequest.value_or(HistoryReopen::requestFromSent(child->exchange));
    return check;
}
} // namespace

RequestSpec HistoryReopen::requestFromSent(const Exchange &ex)
{
    RequestSpec spec;
    spec.method = ex.request.method;
    spec.url = ex.request.url;
    for (const Header &h : ex.request.headers)
        if (!addedByTransport(h, ex))
            spec.headers.append(h);
    spec.body = ex.request.body;
    spec.hasBody = ex.request.bodySize > 0 || hasHeader(ex.request.headers, "Content-Length");
    if (ex.fidelity == Fidelity::Wire)
        spec.options.transport = TransportKind::Wire;
    return spec;
}

std::optional<ReopenedEntry> HistoryReopen::load(const HistoryStore &store, qint64 id)
{
    const std::optional<HistoryRecord> r = store.record(id);
    if (!r)
        return std::nullopt;
    ReopenedEntry out;
    out.record = *r;
    out.requestWritten = r->writtenRequest.has_value();
    const RequestSpec request = r->writtenRequest.value_or(requestFromSent(r->exchange));
    diagnosis::Diagnosis &d = out.diagnosis;
    if (!r->diagnosis.isEmpty() && diagnosis::diagnosisFromJson(r->diagnosis, d)) {
        const QJsonArray checks = r->diagnosis.value(QStringLiteral("checks")).toArray();
        for (qsizetype i = 0; i < d.checks.size(); ++i)
            d.checks[i] = checkFrom(store, checks.at(i).toObject(), d.checks.at(i));
        // The document's suggestion requests have no options: the history's copy has them all.
        const QJsonArray suggestions = r->diagnosis.value(QStringLiteral("suggestions")).toArray();
        for (qsizetype i = 0; i < d.suggestions.size() && i < suggestions.size(); ++i) {
            RequestSpec written;
            if (requestSpecFromJson(
                    suggestions.at(i).toObject().value(QLatin1String(HistoryRows::WrittenRequestKey)).toObject(),
                    written))
                d.suggestions[i].request = written;
        }
        out.checksRan = !d.checks.isEmpty();
    } else {
        d = diagnosis::Diagnoser::diagnose(request, r->exchange);
    }
    d.request = request;
    d.exchange = r->exchange;
    return out;
}

} // namespace verbscope::history
