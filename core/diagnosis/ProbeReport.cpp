// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnosis/ProbeReport.h"

#include "core/diagnosis/MethodProbe.h"
#include "core/http/ExchangeJson.h"
#include "core/http/HttpSyntax.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace verbscope::diagnosis {

using namespace verbscope::http;

// Fits a matrix column: the status always shows, the reason is cut, "*" marks the probe path.
QString ProbeReport::cellText(const ProbeCell &c, int width)
{
    const QString mark = c.probePath ? QStringLiteral(" *") : QString();
    if (!c.exchange.response.received)
        return QStringLiteral("× %1").arg(errorKindName(c.exchange.error.kind)) + mark;
    QString s = QString::number(c.exchange.response.head.status);
    QString reason = c.classification.verdict == Verdict::Ignored ? QStringLiteral("ignored")
                                                                  : escapeBytes(c.exchange.response.head.reason);
    const int room = width - int(s.size() + 1 + mark.size());
    if (reason.size() > room)
        reason = reason.left(std::max(0, room - 1)) + QStringLiteral("…");
    if (!reason.isEmpty())
        s += QLatin1Char(' ') + reason;
    return s + mark;
}

namespace {
// ANSI colours by verdict, so a terminal matrix reads at a glance (green supported, red not implemented).
const char *colourFor(Verdict v)
{
    switch (v) {
    case Verdict::Supported: return "\033[32m";
    case Verdict::Ignored: return "\033[35m";
    case Verdict::NotAllowed: return "\033[33m";
    case Verdict::NotImplemented: return "\033[31m";
    case Verdict::BadRequest: return "\033[31m";
    case Verdict::TransportError: return "\033[2m";
    default: return "\033[36m";
    }
}

double ms(const ProbeCell &c)
{
    return c.exchange.timings.total.value_or(0.0);
}

QStringList methodsOf(const QList<QByteArray> &list)
{
    QStringList out;
    for (const QByteArray &m : list)
        out << QString::fromLatin1(m);
    return out;
}

QString csvField(QString s)
{
    // RFC 4180: a CR must be quoted too, or a reason phrase holding one splits the row.
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n'))
        || s.contains(QLatin1Char('\r'))) {
        s.replace(QLatin1Char('"'), QLatin1String("\"\""));
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    return s;
}

QString mdEscape(QString s)
{
    return s.replace(QLatin1Char('|'), QLatin1String("\\|"));
}
} // namespace

QByteArray ProbeReport::toJson(const QList<ServerProbe> &servers)
{
    QJsonArray out;
    for (const ServerProbe &s : servers) {
        QJsonArray results;
        for (const ProbeCell &c : s.cells) {
            const bool got = c.exchange.response.received;
            const QList<QByteArray> allowValues = headerValues(c.exchange.response.head.headers, "Allow");
            results.append(QJsonObject {
                { QStringLiteral("method"), QString::fromLatin1(c.method) },
                { QStringLiteral("target"), c.target },
                { QStringLiteral("probePath"), c.probePath },
                { QStringLiteral("status"),
                    got ? QJsonValue(c.exchange.response.head.status) : QJsonValue(QJsonValue::Null) },
                { QStringLiteral("reason"),
                    got ? QJsonValue(headerText(c.exchange.response.head.reason)) : QJsonValue(QJsonValue::Null) },
                { QStringLiteral("httpVersion"),
                    got ? QJsonValue(c.exchange.response.head.httpVersion) : QJsonValue(QJsonValue::Null) },
                { QStringLiteral("verdict"), verdictId(c.classification.verdict) },
                { QStringLiteral("allow"),
                    allowValues.isEmpty() ? QJsonValue(QJsonValue::Null)
                                          : QJsonValue(headerText(allowValues.join(", "))) },
                { QStringLiteral("answeredBy"), partyId(c.classification.answeredBy) },
                { QStringLiteral("ms"), std::round(ms(c) * 10) / 10 },
                { QStringLiteral("error"),
                    c.exchange.error.isError() ? QJsonValue(c.exchange.error.message) : QJsonValue(QJsonValue::Null) },
            });
        }
        QJsonArray findings;
        for (const Finding &f : s.summary.findings)
            findings.append(QJsonObject { { QStringLiteral("id"), f.id },
                { QStringLiteral("severity"), severityId(f.severity) }, { QStringLiteral("detail"), f.detail } });
        out.append(QJsonObject {
            { QStringLiteral("url"), s.url },
            { QStringLiteral("server"),
                s.summary.server.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.summary.server) },
            { QStringLiteral("via"), QJsonArray::fromStringList(s.summary.via) },
            { QStringLiteral("summary"),
                QJsonObject {
                    { QStringLiteral("unknownVerb"),
                        s.summary.unknownVerb.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                        : QJsonValue(s.summary.unknownVerb) },
                    { QStringLiteral("supported"), QJsonArray::fromStringList(methodsOf(s.summary.supported)) },
                    { QStringLiteral("refused"), QJsonArray::fromStringList(methodsOf(s.summary.refused)) },
                    { QStringLiteral("inconclusive"), QJsonArray::fromStringList(methodsOf(s.summary.inconclusive)) },
                    { QStringLiteral("findings"), findings },
                } },
            { QStringLiteral("results"), results },
        });
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("format"), QStringLiteral("verbscope.probe/1") },
                             { QStringLiteral("servers"), out } })
        .toJson(QJsonDocument::Indented);
}

QByteArray ProbeReport::toCsv(const QList<ServerProbe> &servers)
{
    QString out = QStringLiteral("url,method,target,status,reason,verdict,allow,answeredBy,ms\n");
    for (const ServerProbe &s : servers) {
        for (const ProbeCell &c : s.cells) {
            const bool got = c.exchange.response.received;
            out += QStringList { csvField(s.url), csvField(QString::fromLatin1(c.method)), csvField(c.target),
                got ? QString::number(c.exchange.response.head.status) : QString(),
                csvField(got ? headerText(c.exchange.response.head.reason) : QString()),
                verdictId(c.classification.verdict),
                csvField(headerText(headerValues(c.exchange.response.head.headers, "Allow").join(", "))),
                partyId(c.classification.answeredBy), QString::number(ms(c), 'f', 1) }
                       .join(QLatin1Char(','))
                + QLatin1Char('\n');
        }
    }
    return out.toUtf8();
}

QByteArray ProbeReport::toMarkdown(const QList<ServerProbe> &servers)
{
    QString out = QStringLiteral("| method |");
    QString rule = QStringLiteral("|---|");
    for (const ServerProbe &s : servers) {
        out += QStringLiteral(" %1 |").arg(mdEscape(s.url));
        rule += QStringLiteral("---|");
    }
    out += QLatin1Char('\n') + rule + QLatin1Char('\n');
    const qsizetype rows = servers.isEmpty() ? 0 : servers.constFirst().cells.size();
    for (qsizetype r = 0; r < rows; ++r) {
        out += QStringLiteral("| `%1` |").arg(QString::fromLatin1(servers.constFirst().cells.at(r).method));
        for (const ServerProbe &s : servers)
            out += QStringLiteral(" %1 |").arg(mdEscape(ProbeReport::cellText(s.cells.at(r), 1000)));
        out += QLatin1Char('\n');
    }
    out += QStringLiteral("\n`*` sent to an impossible path below the URL (not safe to send to the real one).\n");
    for (const ServerProbe &s : servers) {
        out += QStringLiteral("\n**%1** (%2): unknown verb → %3; supported: %4\n")
                   .arg(mdEscape(s.url),
                       s.summary.server.isEmpty() ? QStringLiteral("server unnamed") : mdEscape(s.summary.server),
                       s.summary.unknownVerb.isEmpty() ? QStringLiteral("-") : s.summary.unknownVerb,
                       methodsOf(s.summary.supported).join(QLatin1String(", ")));
        for (const Finding &f : s.summary.findings)
            out += QStringLiteral("- %1 (`%2`): %3\n").arg(f.title, f.id, f.detail);
    }
    return out.toUtf8();
}

// Columns fit the longest cell, 28 to 40 wide, so a long reason phrase is cut rather than the matrix wrapped.
QByteArray ProbeReport::toText(const QList<ServerProbe> &servers, bool colour)
{
    QString out;
    const int methodWidth = 15;
    int cellWidth = 28;
    for (const ServerProbe &s : servers)
        for (const ProbeCell &c : s.cells)
            cellWidth = std::max(cellWidth, int(ProbeReport::cellText(c, 1000).size()) + 2);
    cellWidth = std::min(cellWidth, 40);
    out += QStringLiteral("%1").arg(QStringLiteral("method"), -methodWidth);
    for (int i = 0; i < servers.size(); ++i)
        out += QStringLiteral("%1").arg(QStringLiteral("[%1]").arg(i + 1), -cellWidth);
    out += QLatin1Char('\n');
    const qsizetype rows = servers.isEmpty() ? 0 : servers.constFirst().cells.size();
    for (qsizetype r = 0; r < rows; ++r) {
        out += QStringLiteral("%1").arg(QString::fromLatin1(servers.constFirst().cells.at(r).method), -methodWidth);
        for (const ServerProbe &s : servers) {
            const ProbeCell &c = s.cells.at(r);
            const QString text = ProbeReport::cellText(c, cellWidth - 2);
            const QString padded = QStringLiteral("%1").arg(text, -cellWidth);
            out += colour
                ? QString::fromLatin1(colourFor(c.classification.verdict)) + padded + QStringLiteral("\033[0m")
                : padded;
        }
        out += QLatin1Char('\n');
    }
    out += QStringLiteral(
        "\n* = sent to an impossible path below the URL; --unsafe sends every method to the URL itself\n");
    for (int i = 0; i < servers.size(); ++i) {
        const ServerProbe &s = servers.at(i);
        out += QStringLiteral("\n[%1] %2\n").arg(i + 1).arg(s.url);
        out += QStringLiteral("    server: %1%2\n")
                   .arg(s.summary.server.isEmpty() ? QStringLiteral("(no Server header)") : s.summary.server,
                       s.summary.via.isEmpty()
                           ? QString()
                           : QStringLiteral(", via %1").arg(s.summary.via.join(QLatin1String(", "))));
        out += QStringLiteral("    unknown verb: %1\n")
                   .arg(s.summary.unknownVerb.isEmpty() ? QStringLiteral("not probed") : s.summary.unknownVerb);
        out += QStringLiteral("    supported: %1\n").arg(methodsOf(s.summary.supported).join(QLatin1String(", ")));
        out += QStringLiteral("    refused: %1\n").arg(methodsOf(s.summary.refused).join(QLatin1String(", ")));
        if (!s.summary.inconclusive.isEmpty())
            out += QStringLiteral("    inconclusive: %1\n")
                       .arg(methodsOf(s.summary.inconclusive).join(QLatin1String(", ")));
        for (const Finding &f : s.summary.findings)
            out += QStringLiteral("    [%1] %2: %3\n").arg(severityId(f.severity), f.id, f.detail);
    }
    return out.toUtf8();
}

} // namespace verbscope::diagnosis
