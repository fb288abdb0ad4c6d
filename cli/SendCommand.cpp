// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SendCommand.h"

#include "cli/CliApp.h"
#include "cli/HistoryCommand.h"
#include "cli/RequestOptionsParser.h"
#include "cli/TerminalText.h"
#include "core/history/HistoryRows.h"
#include "core/http/Call.h"
#include "core/http/Engine.h"
#include "core/http/ExchangeJson.h"
#include "core/http/ExchangeText.h"
#include "core/http/HttpSyntax.h"

#include <QCommandLineParser>
#include <QEventLoop>
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
        // Escaped text costs several times the bytes: at most 64 MiB of them are shown.
        constexpr qsizetype RawShown = 64 * 1024 * 1024;
        const QByteArrayView shown = QByteArrayView(resp.rawBody).first(std::min(RawShown, resp.rawBody.size()));
        printRawBlock(shown, "< ");
        if (resp.rawBodyTruncated || shown.size() < resp.rawBody.size())
            writeErrText(QStringLiteral("* response body: only the first %1 of %2 bytes were kept\n")
                             .arg(shown.size())
                             .arg(resp.rawSize));
        printRawBlock(resp.rawTrailers, "< ");
    };
    for (const Hop &hop : ex.redirects)
        printHop(hop.request, hop.response);
    printHop(ex.request, ex.response);
    for (const QString &w : ex.warnings)
        writeErrText(QStringLiteral("verbscope-cli: warning: %1\n").arg(w));
}

// Every redirect hop's head, then the final response's informational heads and head, through
// writeOutText(), so a bare CR or an ESC cannot rewrite the terminal.
static void printHeads(const QList<Hop> &redirects, const Response &final)
{
    const QString what = QStringLiteral("the response head");
    for (const Hop &hop : redirects)
        if (hop.response.received)
            writeOutText(formatResponseHead(hop.response.head), what);
    if (final.received) {
        for (const ResponseHead &info : final.informational)
            writeOutText(formatResponseHead(info), what);
        writeOutText(formatResponseHead(final.head), what);
    }
}

// Binary bodies are held back only on a terminal: piped output must stay byte-exact. A body
// streamed to standard output (bodyFile "-") is already out, after heads printed as they came.
void SendCommand::printExchange(const Exchange &ex, bool verbose, bool includeHeaders, bool headsPrinted)
{
    if (verbose)
        printVerbose(ex);
    if (includeHeaders && !headsPrinted)
        printHeads(ex.redirects, ex.response);
    for (const QString &w : ex.warnings)
        writeErrText(QStringLiteral("verbscope-cli: warning: %1\n").arg(w));
    const Response &r = ex.response;
    if (!r.received)
        return;
    if (r.bodyFile == QLatin1String("-")) {
        // streamed as it arrived
    } else if (!r.bodyFile.isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli: %1 bytes written to %2\n").arg(r.decodedSize).arg(r.bodyFile));
    } else if (stdoutIsTerminal() && looksBinary(r.body)) {
        writeErrText(QStringLiteral("verbscope-cli: binary body (%1 bytes) not shown on a terminal; use -o FILE\n")
                         .arg(r.body.size()));
    } else {
        writeOutText(r.body, QStringLiteral("the body"));
    }
    reportBodyShortfall(ex, false);
}

// Says why the body the user gets is not the whole decoded body; true when it is not (exit 1).
bool SendCommand::reportBodyShortfall(const Exchange &ex, bool json)
{
    const Response &r = ex.response;
    if (!r.received)
        return false;
    const QString where = r.bodyFile == QLatin1String("-") ? QStringLiteral("standard output")
        : !r.bodyFile.isEmpty()                            ? QStringLiteral("\"%1\"").arg(r.bodyFile)
        : json                                             ? QStringLiteral("the JSON's body")
                                                           : QStringLiteral("the body printed");
    const QString raise = QStringLiteral("raise the limit with --max-decoded-size SIZE (for example 8G)");
    if (r.outputIncomplete) {
        writeErrText(
            QStringLiteral("verbscope-cli: %1 holds only the first %2 decoded bytes of the body: the "
                           "decompression bomb guard stopped decoding after they had gone out, and %3; the "
                           "rest was not written. To get it, %4, or use -o FILE to have the raw body "
                           "written instead\n")
                .arg(where)
                .arg(r.decodedSize)
                .arg(r.rawBodyTruncated ? QStringLiteral("the raw body had not been kept whole to put there instead")
                                        : QStringLiteral("a pipe cannot be rewound to write the raw body instead"),
                    raise));
        return true;
    }
    if (r.decodeStopped) {
        writeErrText(QStringLiteral("verbscope-cli: %1 holds the body as received, still %2-encoded (%3 bytes), not "
                                    "the decoded body: the decompression bomb guard stopped decoding. Decode it "
                                    "yourself (gunzip), or %4\n")
                         .arg(where, QString::fromLatin1(r.contentEncoding))
                         .arg(r.rawSize)
                         .arg(raise));
        return true;
    }
    if (r.bodyFile.isEmpty() && r.bodyTruncated) {
        writeErrText(QStringLiteral("verbscope-cli: %1 holds only the first %2 of the %3 bytes of the body (the "
                                    "in-memory limit%4); use -o FILE%5 for the whole body\n")
                         .arg(where)
                         .arg(r.body.size())
                         .arg(r.decodedSize)
                         .arg(json ? QStringLiteral(", \"bodyTruncated\": true") : QString(),
                             json ? QString() : QStringLiteral(" or a pipe")));
        return true;
    }
    return false;
}

// Any HTTP status is success (0); a request that failed validation is a usage error (2); an
// answer whose body did not reach the user whole and decoded (the -o file could not be written,
// the in-memory limit, the bomb guard) is ours (1); anything else means no answer (3).
int SendCommand::exitCodeFor(const Exchange &ex)
{
    const Response &r = ex.response;
    if (!ex.error.isError()) {
        const bool shortfall
            = r.received && (r.decodeStopped || r.outputIncomplete || (r.bodyFile.isEmpty() && r.bodyTruncated));
        return shortfall ? ExitFailure : ExitOk;
    }
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
    const bool json = p.isSet(QStringLiteral("json"));
    const bool raw = p.isSet(QStringLiteral("raw"));
    QString output = p.value(QStringLiteral("output"));
    if (output == QLatin1String("-") && (json || raw)) {
        writeErrText(QStringLiteral("verbscope-cli send: -o - would mix the body into the output of --%1; give a "
                                    "file name\n")
                         .arg(json ? QStringLiteral("json") : QStringLiteral("raw")));
        return ExitUsage;
    }
    // A body bound for a pipe or a redirected stdout streams as with -o: no size limit, bounded
    // memory. On a terminal it is held (a binary body is not dumped there), as --json and --raw
    // need it; there the in-memory limit applies, and reaching it is exit 1.
    // Forced escaping (--control-bytes escape) needs the body in hand, as on a terminal.
    if (output.isEmpty() && !json && !raw && !stdoutIsTerminal() && !escapingControlBytes())
        output = QStringLiteral("-");
    spec.options.outputFile = output;
    const bool streaming = output == QLatin1String("-");
    if (streaming && !p.isSet(QStringLiteral("no-history")))
        spec.options.maxBodyKeptBesideOutput = history::HistoryRows::MaxBodyBytes;
    // As every other command: the exact bytes, never a silent re-send, and one thread (a small
    // request costs about 3 ms less than through QNAM, a download to a file half the time).
    if (!p.isSet(QStringLiteral("qt")) && !spec.options.allowHttp2)
        spec.options.transport = TransportKind::Wire;

    const bool includeHeaders = !p.isSet(QStringLiteral("body-only"));
    Engine engine;
    Call *call = engine.send(spec);
    bool headsPrinted = false;
    if (streaming) {
        // The heads go out before the body streams behind them.
        QObject::connect(call, &Call::headReceived, call, [&] {
            if (!call->isFinalHop())
                return;
            if (includeHeaders)
                printHeads(call->exchange().redirects, call->currentResponse());
            headsPrinted = true;
            std::fflush(stdout);
        });
    }
    if (!call->isFinished()) {
        QEventLoop loop;
        QObject::connect(call, &Call::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    Exchange ex = call->takeExchange();
    delete call;
    if (json) {
        writeExchangeJson(ex, [](QByteArrayView piece) { writeOut(piece); });
        if (p.isSet(QStringLiteral("verbose")))
            printVerbose(ex);
        reportBodyShortfall(ex, true);
    } else if (raw) {
        printRaw(ex);
        reportBodyShortfall(ex, false);
    } else {
        printExchange(ex, p.isSet(QStringLiteral("verbose")), includeHeaders, headsPrinted);
    }
    if (ex.error.isError())
        writeErrText(
            QStringLiteral("verbscope-cli: %1 error: %2\n").arg(errorKindName(ex.error.kind), ex.error.message));
    std::fflush(stdout);
    const int exitCode = exitCodeFor(ex);
    if (!p.isSet(QStringLiteral("no-history"))) {
        // Standard output cannot be opened again: the entry keeps the copy in memory instead.
        if (streaming)
            ex.response.bodyFile.clear();
        HistoryCommand::record(ex, QStringLiteral("send"));
    }
    return exitCode;
}

} // namespace verbscope::cli
