// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/DiagnoseCommand.h"

#include "cli/CliApp.h"
#include "cli/ExplainCommand.h"
#include "cli/HistoryCommand.h"
#include "cli/RequestOptionsParser.h"
#include "cli/SendCommand.h"
#include "cli/TerminalText.h"
#include "core/diagnosis/ActiveChecks.h"
#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/DiagnosisJson.h"
#include "core/diagnosis/Knowledge.h"
#include "core/http/Engine.h"
#include "core/http/ExchangeJson.h"
#include "core/http/HttpSyntax.h"
#include "core/http/RequestText.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonDocument>

// `diagnose`: the request plus ActiveChecks' few extra requests, then the Diagnoser's verdict as
// text or JSON. All reasoning lives in core/diagnosis; this file only parses options and formats.
namespace verbscope::cli {

using namespace verbscope::diagnosis;
using namespace verbscope::http;

namespace {
// Wraps at 100 columns; the continuation lines of a "- " bullet line up under its text.
QString line(const QString &text, int indent = 2)
{
    return ExplainCommand::wrap(text, indent, indent + (text.startsWith(QLatin1String("- ")) ? 2 : 0), 100)
        + QLatin1Char('\n');
}

QString verifiedText(const Suggestion &s)
{
    if (!s.verified)
        return s.verification.isEmpty() ? QStringLiteral("not tried") : s.verification;
    return (*s.verified ? QStringLiteral("verified: works") : QStringLiteral("verified: does not work"))
        + (s.verification.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(s.verification));
}
} // namespace

// The terminal form of a Diagnosis; diagnosisToJson carries the same content for scripts.
// Sections with nothing to say are left out.
QString DiagnoseCommand::formatText(const Diagnosis &d)
{
    const Classification &c = d.classification;
    const Exchange &ex = d.exchange;
    QString out;
    QString head = QStringLiteral("%1 %2").arg(QString::fromLatin1(ex.request.method), ex.request.url);
    if (ex.response.received)
        head += QStringLiteral(" → %1 %2 (HTTP/%3, %4 view)")
                    .arg(ex.response.head.status)
                    .arg(escapeBytes(ex.response.head.reason), ex.response.head.httpVersion,
                        ex.fidelity == Fidelity::Wire ? QStringLiteral("wire") : QStringLiteral("Qt"));
    out += head + QLatin1Char('\n') + QLatin1Char('\n');
    out += line(d.summary, 0);
    out += QLatin1Char('\n');
    out += QStringLiteral("  verdict:     %1\n").arg(verdictId(c.verdict));
    out += QStringLiteral("  scope:       %1\n").arg(scopeId(d.scope));
    QString who = partyId(c.answeredBy);
    if (c.answeredBy == Party::Proxy && !c.proxy.isEmpty())
        who += QStringLiteral(" (%1)").arg(c.proxy);
    else if (c.serverHint)
        who += QStringLiteral(" (%1)").arg(c.serverHint->name);
    out += QStringLiteral("  answered by: %1\n").arg(who);
    if (!c.attribution.isEmpty())
        out += line(c.attribution, 15);
    // Server text in the report is always in the notation: a report is never the server's bytes.
    if (!c.server.isEmpty())
        out += QStringLiteral("  server:      %1\n").arg(escapeBytes(headerValue(ex.response.head.headers, "Server")));
    if (!c.via.isEmpty())
        out += QStringLiteral("  via:         %1\n")
                   .arg(escapeBytes(headerValues(ex.response.head.headers, "Via").join(", ")));
    if (c.allowState != AllowState::NotApplicable) {
        QStringList allow;
        for (const QByteArray &m : c.allow)
            allow << QString::fromLatin1(m);
        out += QStringLiteral("  allow:       %1 (%2)\n")
                   .arg(allow.isEmpty() ? QStringLiteral("-") : allow.join(QLatin1String(", ")),
                       allowStateId(c.allowState));
    }
    out += QStringLiteral("\nEvidence:\n");
    for (const QString &e : c.evidence)
        out += line(QStringLiteral("- ") + e);
    for (const Check &k : d.checks)
        out += line(
            QStringLiteral("- check %1: %2 %3 → %4")
                .arg(k.id, QString::fromLatin1(k.request.method), k.request.url,
                    k.exchange.response.received
                        ? QStringLiteral("%1 %2%3")
                              .arg(k.exchange.response.head.status)
                              .arg(escapeBytes(k.exchange.response.head.reason),
                                  hasHeader(k.exchange.response.head.headers, "Allow") ? QStringLiteral(", Allow: ")
                                          + escapeBytes(headerValue(k.exchange.response.head.headers, "Allow"))
                                                                                       : QString())
                        : QStringLiteral("no answer (%1)").arg(k.exchange.error.message)));
    if (!d.findings.isEmpty()) {
        out += QStringLiteral("\nFindings:\n");
        for (const Finding &f : d.findings) {
            out += line(QStringLiteral("[%1] %2 (%3)").arg(severityId(f.severity), f.title, f.id));
            out += line(f.detail, 6);
        }
    }
    if (!d.suggestions.isEmpty()) {
        out += QStringLiteral("\nWhat to do:\n");
        int n = 1;
        for (const Suggestion &s : d.suggestions) {
            out += line(QStringLiteral("%1. %2 (%3)").arg(n++).arg(s.title, s.id));
            out += line(s.detail, 6);
            if (s.request)
                out += QStringLiteral("      try: %1\n").arg(sendCommandLine(*s.request));
            if (s.request || s.verified)
                out += line(verifiedText(s), 6);
        }
    }
    if (ex.response.received) {
        if (const StatusInfo *info = Knowledge::instance().status(ex.response.head.status)) {
            out += QStringLiteral("\nAbout %1 %2 (%3):\n").arg(info->code).arg(info->title, info->reference);
            out += line(info->meaning);
            if (!info->methodNotes.isEmpty())
                out += line(info->methodNotes);
        }
    }
    return out;
}

CommandLine DiagnoseCommand::commandLine()
{
    CommandLine c;
    c.description = QStringLiteral(
        "Send a request, gather evidence with a few extra requests, and explain why the method failed.");
    c.positionals.append(
        { QStringLiteral("URL"), QStringLiteral("The URL (http:// is assumed when no scheme is given).") });
    c.options += RequestOptionsParser::options();
    c.options += QList<QCommandLineOption> {
        { QStringLiteral("passive"),
            QStringLiteral("Send only the request itself: no OPTIONS, no probe path, no GET, no verification.") },
        { QStringLiteral("try-override"),
            QStringLiteral("Consent to POSTs to the URL with each method-override variant and a plain POST, to see "
                           "whether an override is honoured.") },
        { QStringLiteral("qt"),
            QStringLiteral("Use the Qt transport instead of the wire transport (the default here, for exact reason "
                           "phrases and headers).") },
        { QStringLiteral("json"), QStringLiteral("Print verbscope.diagnosis/1 JSON.") },
        { QStringLiteral("no-history"),
            QStringLiteral("Do not record the exchange, its diagnosis and its checks in the history.") },
        controlBytesOption(),
    };
    return c;
}

// The diagnosis reads the body from memory: cut at the limit, or left encoded by the bomb guard,
// it is said (and the exit is 1, as for send).
static void reportBodyShortfall(const http::Response &r)
{
    if (!r.received)
        return;
    if (r.decodeStopped)
        writeErrText(QStringLiteral("verbscope-cli diagnose: the body was diagnosed as received, still %1-encoded: "
                                    "the decompression bomb guard stopped decoding; raise the limit with "
                                    "--max-decoded-size SIZE\n")
                         .arg(QString::fromLatin1(r.contentEncoding)));
    else if (r.bodyTruncated)
        writeErrText(QStringLiteral("verbscope-cli diagnose: the diagnosis read only the first %1 of the %2 bytes of "
                                    "the body (the in-memory limit)\n")
                         .arg(r.body.size())
                         .arg(r.decodedSize));
}

// Usage errors go through the Diagnoser too, for its "did you mean" on a mistyped method; no extra
// request is sent unless the command line was valid.
int DiagnoseCommand::run(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = commandLine().parse(p, QStringLiteral("diagnose"), arguments); early >= 0)
        return early;
    RequestOptionsParser requestOptions;
    if (p.positionalArguments().size() != 1) {
        writeErrText(QStringLiteral("verbscope-cli diagnose: expected exactly one URL, got %1\n")
                         .arg(p.positionalArguments().size()));
        return ExitUsage;
    }
    RequestSpec spec;
    QStringList warnings;
    const QStringList errors = requestOptions.toSpec(p, p.positionalArguments().constFirst(), spec, &warnings);
    for (const QString &w : std::as_const(warnings))
        writeErrText(QStringLiteral("verbscope-cli diagnose: warning: %1\n").arg(w));
    // The wire transport unless Qt's is asked for: exact bytes and no silent re-send of a request
    // (QT-FACTS, top finding 3); HTTP/2 exists only in the Qt transport.
    if (!p.isSet(QStringLiteral("qt")) && !p.isSet(QStringLiteral("http2")))
        spec.options.transport = TransportKind::Wire;
    if (!errors.isEmpty()) {
        // An invalid verb is itself a diagnosis: say what is wrong and what was probably meant.
        const Diagnosis d = Diagnoser::diagnose(spec, Exchange {});
        for (const QString &e : errors)
            writeErrText(QStringLiteral("verbscope-cli diagnose: %1\n").arg(e));
        if (const Suggestion *fix = d.suggestion(QStringLiteral("fix-method-name")))
            writeErrText(QStringLiteral("verbscope-cli diagnose: did you mean %1?\n")
                             .arg(QString::fromLatin1(fix->request->method)));
        return ExitUsage;
    }

    Engine engine;
    ActiveChecks checks(&engine);
    ActiveChecks::Options options;
    options.passive = p.isSet(QStringLiteral("passive"));
    options.tryOverride = p.isSet(QStringLiteral("try-override"));
    QEventLoop loop;
    QObject::connect(&checks, &ActiveChecks::finished, &loop, &QEventLoop::quit);
    checks.start(spec, options);
    if (!checks.isFinished())
        loop.exec();
    const Diagnosis &d = checks.diagnosis();
    if (p.isSet(QStringLiteral("json")))
        writeOut(QJsonDocument(diagnosisToJson(d)).toJson(QJsonDocument::Indented));
    else
        writeOutText(formatText(d).toUtf8(), QStringLiteral("the diagnosis"));
    std::fflush(stdout);
    reportBodyShortfall(d.exchange.response);
    if (!p.isSet(QStringLiteral("no-history")))
        HistoryCommand::record(d, QStringLiteral("diagnose"));
    return SendCommand::exitCodeFor(d.exchange);
}

} // namespace verbscope::cli
