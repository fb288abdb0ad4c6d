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

// Fits a matrix column: the status always shows, the reason is cut, the marks always show.
QString ProbeReport::cellText(const ProbeCell &c, int width)
{
    QString mark = c.guardIgnored            ? QStringLiteral(" !")
        : c.support == Support::Inconclusive ? QStringLiteral(" ?")
                                             : QString();
    if (c.probePath)
        mark += QStringLiteral(" *");
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

QStringList ProbeReport::legend()
{
    return {
        QStringLiteral(
            "* = safe mode sent this method to a random path below the URL that cannot exist, not to the URL"),
        QStringLiteral("? = inconclusive: the answer neither shows nor refuses support (the summary says why and what "
                       "would decide)"),
        QStringLiteral("! = a guarded request (If-Match that cannot match, no body) answered 2xx: the server ignored "
                       "the precondition and would have performed the method"),
        QStringLiteral("supported only with evidence: a 2xx/3xx on the URL (not one identical to GET), a 412, 409 or "
                       "422 to a guarded request, or the method listed in Allow or by OPTIONS"),
    };
}

QList<QPair<QString, QList<QByteArray>>> ProbeReport::byEvidence(const ServerProbe &server, Support support)
{
    QList<QPair<QString, QList<QByteArray>>> groups;
    for (const ProbeCell &c : server.cells) {
        if (c.support != support)
            continue;
        auto it = std::find_if(groups.begin(), groups.end(), [&c](const auto &g) { return g.first == c.evidence; });
        if (it == groups.end())
            groups.append({ c.evidence, { c.method } });
        else
            it->second << c.method;
    }
    return groups;
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

// Colour by what the cell proves: a guarded 412 is green, a 404 on the probe path is not.
const char *colourFor(const ProbeCell &c)
{
    if (c.support == Support::Supported)
        return c.guardIgnored ? "\033[1;32m" : "\033[32m";
    if (c.support == Support::Inconclusive && c.classification.verdict != Verdict::Ignored
        && c.classification.verdict != Verdict::TransportError)
        return "\033[36m";
    return colourFor(c.classification.verdict);
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

// "supported", "refused", "inconclusive" with their methods grouped by evidence, one line per group.
struct SupportClass {
    Support support;
    const char *name;
};
constexpr SupportClass supportClasses[] = { { Support::Supported, "supported" }, { Support::Refused, "refused" },
    { Support::Inconclusive, "inconclusive" } };

QString modeLine(const ServerProbe &s)
{
    switch (s.mode) {
    case ProbeMode::Safe:
        return QStringLiteral("safe (methods that are not safe, and unknown ones, went to a path below the URL)");
    case ProbeMode::Guarded:
        return QStringLiteral("guarded (methods that are not safe, and unknown ones, went to the URL with an If-Match "
                              "that cannot match and no body)");
    case ProbeMode::Unsafe: return QStringLiteral("unsafe (every method went to the URL as it is)");
    }
    return {};
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
                { QStringLiteral("mode"), probeModeId(c.mode) },
                { QStringLiteral("support"), supportId(c.support) },
                { QStringLiteral("evidence"), c.evidence },
                { QStringLiteral("guardIgnored"), c.guardIgnored },
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
            { QStringLiteral("mode"), probeModeId(s.mode) },
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
                    { QStringLiteral("guardIgnored"), QJsonArray::fromStringList(methodsOf(s.summary.guardIgnored)) },
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
    QString out = QStringLiteral("url,method,target,status,reason,verdict,allow,answeredBy,ms,mode,support,evidence\n");
    for (const ServerProbe &s : servers) {
        for (const ProbeCell &c : s.cells) {
            const bool got = c.exchange.response.received;
            out += QStringList { csvField(s.url), csvField(QString::fromLatin1(c.method)), csvField(c.target),
                got ? QString::number(c.exchange.response.head.status) : QString(),
                csvField(got ? headerText(c.exchange.response.head.reason) : QString()),
                verdictId(c.classification.verdict),
                csvField(headerText(headerValues(c.exchange.response.head.headers, "Allow").join(", "))),
                partyId(c.classification.answeredBy), QString::number(ms(c), 'f', 1), probeModeId(c.mode),
                supportId(c.support), csvField(c.evidence) }
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
    out += QLatin1Char('\n');
    for (const QString &line : legend())
        out += QStringLiteral("- %1\n").arg(line.startsWith(QLatin1String("supported"))
                ? line
                : QLatin1Char('`') + line.left(1) + QLatin1Char('`') + line.mid(1));
    for (const ServerProbe &s : servers) {
        out += QStringLiteral("\n**%1** (%2): unknown verb → %3; mode: %4; supported: %5\n")
                   .arg(mdEscape(s.url),
                       s.summary.server.isEmpty() ? QStringLiteral("server unnamed") : mdEscape(s.summary.server),
                       s.summary.unknownVerb.isEmpty() ? QStringLiteral("-") : s.summary.unknownVerb,
                       probeModeId(s.mode),
                       s.summary.supported.isEmpty() ? QStringLiteral("none")
                                                     : methodsOf(s.summary.supported).join(QLatin1String(", ")));
        for (const SupportClass &k : supportClasses)
            for (const auto &[evidence, methods] : byEvidence(s, k.support))
                out += QStringLiteral("- %1 %2: %3\n")
                           .arg(
                               QLatin1String(k.name), methodsOf(methods).join(QLatin1String(", ")), mdEscape(evidence));
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
            out += colour ? QString::fromLatin1(colourFor(c)) + padded + QStringLiteral("\033[0m") : padded;
        }
        out += QLatin1Char('\n');
    }
    out += QLatin1Char('\n');
    for (const QString &line : legend())
        out += line + QLatin1Char('\n');
    out += QStringLiteral("--guarded sends the methods that are not safe to the URL with a failing If-Match; "
                          "--unsafe sends them as they are\n");
    for (int i = 0; i < servers.size(); ++i) {
        const ServerProbe &s = servers.at(i);
        out += QStringLiteral("\n[%1] %2\n").arg(i + 1).arg(s.url);
        out += QStringLiteral("    server: %1%2\n")
                   .arg(s.summary.server.isEmpty() ? QStringLiteral("(no Server header)") : s.summary.server,
                       s.summary.via.isEmpty()
                           ? QString()
                           : QStringLiteral(", via %1").arg(s.summary.via.join(QLatin1String(", "))));
        out += QStringLiteral("    mode: %1\n").arg(modeLine(s));
        out += QStringLiteral("    unknown verb: %1\n")
                   .arg(s.summary.unknownVerb.isEmpty() ? QStringLiteral("not probed") : s.summary.unknownVerb);
        const QList<QByteArray> *lists[] = { &s.summary.supported, &s.summary.refused, &s.summary.inconclusive };
        for (int k = 0; k < 3; ++k) {
            if (k == 2 && lists[k]->isEmpty())
                continue;
            out += QStringLiteral("    %1: %2\n")
                       .arg(QLatin1String(supportClasses[k].name),
                           lists[k]->isEmpty() ? QStringLiteral("none")
                                               : methodsOf(*lists[k]).join(QLatin1String(", ")));
            for (const auto &[evidence, methods] : byEvidence(s, supportClasses[k].support))
                out += QStringLiteral("      %1: %2\n").arg(methodsOf(methods).join(QLatin1String(", ")), evidence);
        }
        for (const Finding &f : s.summary.findings)
            out += QStringLiteral("    [%1] %2: %3\n").arg(severityId(f.severity), f.id, f.detail);
    }
    return out.toUtf8();
}

} // namespace verbscope::diagnosis
