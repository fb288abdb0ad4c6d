// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SendCommand.h"

#include "cli/CliApp.h"
#include "cli/HistoryCommand.h"
#include "cli/RequestOptionsParser.h"
#include "cli/TerminalText.h"
#include "core/http/Engine.h"
#include "core/http/ExchangeJson.h"
#include "core/http/ExchangeText.h"
#include "core/http/HttpSyntax.h"

#include <QCommandLineParser>
#include <QJsonDocument>

// `send`: one request through the Engine, printed curl-style; `history show --raw` and diagnose
// reuse its printers and exit codes. Diagnostics go to stderr, so a redirected stdout holds only
// what the server sent.
namespace verbscope::cli {

using namespace verbscope::http;

namespace {
// -v output: escaped so a stray CR or control byte in a header cannot rewrite the terminal line.
void printPrefixed(const QByteArray &block, const char *prefix)
{
    for (const QByteArray &line : block.split('\n')) {
        QByteArray l = line;
        if (l.endsWith('\r'))
            l.chop(1);
        if (l.isEmpty())
            continue;
        writeErr(QByteArrayView(prefix));
        writeErr(escapeBytes(l).toUtf8());
        writeErr(QByteArrayView("\n"));
    }
}

// Bytes as escaped text, one output line per line of input, so CR, LF and binary stay visible.
void printRawBlock(QByteArrayView bytes, const char *prefix)
{
    if (bytes.isEmpty())
        return;
    const QStringList lines = escapeBytes(bytes, true).split(QLatin1Char('\n'));
    QByteArray out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i == lines.size() - 1 && lines.at(i).isEmpty())
            break; // the input ended with a line end
        out += prefix + lines.at(i).toUtf8() + '\n';
    }
    writeOut(out);
}

// A phase that was not measured (no TLS on http://) prints "-", never a misleading 0 ms.
QString fmtMs(const std::optional<double> &v)
{
    return v ? QStringLiteral("%1 ms").arg(*v, 0, 'f', 1) : QStringLiteral("-");
}
} // namespace

// The curl -v layout on stderr: every redirect hop's heads first, then the final one, so the
// redirect chain reads top to bottom as it happened.
void SendCommand::printVerbose(const Exchange &ex)
{
    auto printHop = [](const SentRequest &req, const Response &resp) {
        if (!req.proxy.isEmpty())
            writeErrText(QStringLiteral("* via proxy %1\n").arg(req.proxy));
        printPrefixed(formatRequestHead(req), "> ");
        if (req.bodySize > 0)
            writeErrText(QStringLiteral("> [%1 bytes of body]\n").arg(req.bodySize));
        for (const ResponseHead &info : resp.informational)
            printPrefixed(formatResponseHead(info), "< ");
        if (resp.received)
            printPrefixed(formatResponseHead(resp.head), "< ");
    };
    for (const Hop &hop : ex.redirects)
        printHop(hop.request, hop.response);
    printHop(ex.request, ex.response);
    const Timings &t = ex.timings;
    writeErrText(
        QStringLiteral("* timings: dns %1, connect %2, tls %3, sent %4, first byte %5, total %6\n")
            .arg(fmtMs(t.dns), fmtMs(t.connect), fmtMs(t.tls), fmtMs(t.sent), fmtMs(t.firstByte), fmtMs(t.total)));
    if (ex.tls.used) {
        writeErrText(QStringLiteral("* TLS: %1 %2%3\n")
                         .arg(ex.tls.protocol, ex.tls.cipher,
                             ex.tls.alpn.isEmpty() ? QString() : QStringLiteral(" (ALPN %1)").arg(ex.tls.alpn)));
        for (const Certificate &c : ex.tls.peerChain)
            writeErrText(QStringLiteral("*   certificate: %1, issued by %2, valid until %3\n")
                             .arg(c.subject, c.issuer, c.notAfter.toString(Qt::ISODate)));
        for (const QString &e : ex.tls.errors)
            writeErrText(QStringLiteral("*   TLS problem: %1%2\n")
                             .arg(e, ex.tls.verificationDisabled ? QStringLiteral(" (ignored: -k)") : QString()));
    }
    if (ex.fidelity == Fidelity::Qt)
        writeErr(QByteArrayView("* fidelity: qt (Qt's view: duplicate headers merged, empty ones dropped, "
                                "HTTP/1.0 and 1.1 not told apart; without --qt the bytes are shown)\n"));
    else
        writeErr(QByteArrayView("* fidelity: wire (bytes as seen on the socket)\n"));
}

// With the Qt transport the heads are rebuilt from QNAM's merged view (QT-FACTS A2), so say so
// before printing anything that looks like wire bytes.
void SendCommand::printRaw(const Exchange &ex)
{
    if (ex.fidelity == Fidelity::Qt)
        writeErr(QByteArrayView("* fidelity: qt: the heads below are rebuilt from Qt's view, not the bytes on the "
                                "wire (without --qt they are)\n"));
    auto printHop = [](const SentRequest &req, const Response &resp) {
        printRawBlock(formatRequestHead(req), "> ");
        printRawBlock(req.body, "> ");
        if (req.bodySize > req.body.size())
            writeErrText(
                QStringLiteral("* request body: %1 more bytes not shown\n").arg(req.bodySize - req.body.size()));
        for (const ResponseHead &info : resp.informational)
            printRawBlock(formatResponseHead(info), "< ");
        if (!resp.received)
            return;
        printRawBlock(formatResponseHead(resp.head), "< ");
        if (headerValue(resp.head.headers, "Transfer-Encoding").toLower().contains("chunked"))
            writeErr(QByteArrayView("* the body below is shown without its chunk framing\n"));
        printRawBlock(resp.rawBody, "< ");
        if (resp.rawBodyTruncated)
            writeErrText(QStringLiteral("* response body: only the first %1 of %2 bytes were kept\n")
                             .arg(resp.rawBody.size())
                             .arg(resp.rawSize));
        printRawBlock(resp.rawTrailers, "< ");
    };
    for (const Hop &hop : ex.redirects)
        printHop(hop.request, hop.response);
    printHop(ex.request, ex.response);
    for (const QString &w : ex.warnings)
        writeErrText(QStringLiteral("verbscope-cli: warning: %1\n").arg(w));
}

// Binary bodies are held back only on a terminal: piped output must stay byte-exact. Heads and
// bodies go through writeOutText(), so a bare CR or an ESC cannot rewrite the terminal.
void SendCommand::printExchange(const Exchange &ex, bool verbose, bool includeHeaders)
{
    if (verbose)
        printVerbose(ex);
    if (includeHeaders) {
        const QString what = QStringLiteral("the response head");
        for (const Hop &hop : ex.redirects)
            if (hop.response.received)
                writeOutText(formatResponseHead(hop.response.head), what);
        if (ex.response.received) {
            for (const ResponseHead &info : ex.response.informational)
                writeOutText(formatResponseHead(info), what);
            writeOutText(formatResponseHead(ex.response.head), what);
        }
    }
    for (const QString &w : ex.warnings)
        writeErrText(QStringLiteral("verbscope-cli: warning: %1\n").arg(w));
    const Response &r = ex.response;
    if (!r.received)
        return;
    if (!r.bodyFile.isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli: %1 bytes written to %2\n").arg(r.decodedSize).arg(r.bodyFile));
    } else if (stdoutIsTerminal() && looksBinary(r.body)) {
        writeErrText(QStringLiteral("verbscope-cli: binary body (%1 bytes) not shown on a terminal; use -o FILE\n")
                         .arg(r.body.size()));
    } else {
        writeOutText(r.body, QStringLiteral("the body"));
        if (r.bodyTruncated)
            writeErrText(QStringLiteral("verbscope-cli: body truncated at %1 bytes in memory; use -o FILE\n")
                             .arg(r.body.size()));
    }
}

// Any HTTP status is success (0); a request that failed validation is a usage error (2); an I/O
// error after an answer arrived (the -o file) is ours (1); anything else means no answer (3).
int SendCommand::exitCodeFor(const Exchange &ex)
{
    if (!ex.error.isError())
        return ExitOk;
    if (ex.error.kind == ErrorKind::InvalidRequest)
        return ExitUsage;
    if (ex.error.kind == ErrorKind::Io && ex.response.received)
        return ExitFailure;
    return ExitTransport;
}

CommandLine SendCommand::commandLine()
{
    CommandLine c;
    c.description = QStringLiteral("Send one request with any method and print exactly what came back.");
    c.positionals.append(
        { QStringLiteral("URL"), QStringLiteral("The URL (http:// is assumed when no scheme is given).") });
    c.options += RequestOptionsParser::options();
    c.options += QList<QCommandLineOption> {
        { { QStringLiteral("o"), QStringLiteral("output") },
            QStringLiteral("Write the (decoded) body to FILE, streaming, instead of stdout."), QStringLiteral("FILE") },
        { QStringLiteral("qt"),
            QStringLiteral("Use the Qt transport instead of the wire transport (byte-exact HTTP/1.1, the default; "
                           "--http2 implies --qt).") },
        { { QStringLiteral("i"), QStringLiteral("include") },
            QStringLiteral("Print the status line and headers before the body (the default).") },
        { { QStringLiteral("b"), QStringLiteral("body-only") }, QStringLiteral("Print only the body.") },
        { { QStringLiteral("v"), QStringLiteral("verbose") },
            QStringLiteral("Also print the request as sent, timings and TLS on stderr.") },
        { { QStringLiteral("s"), QStringLiteral("silent") },
            QStringLiteral("Accepted for curl compatibility; output is unchanged.") },
        { QStringLiteral("json"), QStringLiteral("Print the exchange as verbscope.exchange/1 JSON.") },
        { QStringLiteral("no-history"), QStringLiteral("Do not record this exchange in the history.") },
        { QStringLiteral("raw"),
            QStringLiteral("Print both directions as bytes (escaped: \\r, \\n, \\xNN), \"> \" sent and "
                           "\"< \" received; exact unless --qt.") },
        controlBytesOption(),
    };
    return c;
}

// stdout is flushed before the history is written, so the output a pipeline waits for is not
// held up by the history file.
int SendCommand::run(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = commandLine().parse(p, QStringLiteral("send"), arguments); early >= 0)
        return early;
    RequestOptionsParser requestOptions;
    const QStringList positional = p.positionalArguments();
    if (positional.size() != 1) {
        writeErrText(QStringLiteral("verbscope-cli send: expected exactly one URL, got %1\n").arg(positional.size()));
        return ExitUsage;
    }
    RequestSpec spec;
    QStringList warnings;
    const QStringList errors = requestOptions.toSpec(p, positional.first(), spec, &warnings);
    if (!errors.isEmpty()) {
        for (const QString &e : errors)
            writeErrText(QStringLiteral("verbscope-cli send: %1\n").arg(e));
        return ExitUsage;
    }
    for (const QString &w : std::as_const(warnings))
        writeErrText(QStringLiteral("verbscope-cli send: warning: %1\n").arg(w));
    if (p.isSet(QStringLiteral("qt")) && p.isSet(QStringLiteral("wire"))) {
        writeErrText(QStringLiteral("verbscope-cli send: --qt and --wire name two different transports; give one\n"));
        return ExitUsage;
    }
    spec.options.outputFile = p.value(QStringLiteral("output"));
    // As every other command: the exact bytes, never a silent re-send, and one thread (a small
    // request costs about 3 ms less than through QNAM, a download to a file half the time).
    if (!p.isSet(QStringLiteral("qt")) && !spec.options.allowHttp2)
        spec.options.transport = TransportKind::Wire;

    Engine engine;
    const Exchange ex = engine.execute(spec);
    if (p.isSet(QStringLiteral("json"))) {
        writeOut(QJsonDocument(exchangeToJson(ex)).toJson(QJsonDocument::Indented));
        if (p.isSet(QStringLiteral("verbose")))
            printVerbose(ex);
    } else if (p.isSet(QStringLiteral("raw"))) {
        printRaw(ex);
    } else {
        printExchange(ex, p.isSet(QStringLiteral("verbose")), !p.isSet(QStringLiteral("body-only")));
    }
    if (ex.error.isError())
        writeErrText(
            QStringLiteral("verbscope-cli: %1 error: %2\n").arg(errorKindName(ex.error.kind), ex.error.message));
    std::fflush(stdout);
    if (!p.isSet(QStringLiteral("no-history")))
        HistoryCommand::record(ex, QStringLiteral("send"));
    return exitCodeFor(ex);
}

} // namespace verbscope::cli
