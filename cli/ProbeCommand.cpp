// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ProbeCommand.h"

#include "cli/CliApp.h"
#include "cli/HistoryCommand.h"
#include "cli/RequestOptionsParser.h"
#include "core/diagnosis/MethodProbe.h"
#include "core/diagnosis/ProbeReport.h"
#include "core/http/Engine.h"
#include "core/http/ExchangeJson.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTextStream>

#include <cstdio>

// `probe`: the method matrix on the command line. MethodProbe (core/diagnosis) sends the requests
// and ProbeReport formats them; this file only parses options and asks before unsafe methods.
namespace verbscope::cli {

using namespace verbscope::diagnosis;
using namespace verbscope::http;

CommandLine ProbeCommand::commandLine()
{
    CommandLine c;
    c.description = QStringLiteral("Probe which methods one or more servers accept, side by side.");
    c.positionals.append({ QStringLiteral("URL"), QStringLiteral("One or more URLs."), QStringLiteral("URL [URL…]") });
    c.options += RequestOptionsParser::options();
    c.options += QList<QCommandLineOption> {
        { QStringLiteral("methods"),
            QStringLiteral("Methods to send: \"GET,PUT\" replaces the default set, \"+LIST,PURGE\" extends it."),
            QStringLiteral("LIST") },
        { QStringLiteral("mode"),
            QStringLiteral("safe (default): methods that are not safe (POST, PUT, DELETE…) and unknown ones go to a "
                           "path below the URL that cannot exist; guarded: to the URLs with an If-Match that cannot "
                           "match and no body; unsafe: to the URLs as they are. Guarded and unsafe ask first."),
            QStringLiteral("safe|guarded|unsafe") },
        { QStringLiteral("guarded"), QStringLiteral("Same as --mode guarded.") },
        { QStringLiteral("unsafe"), QStringLiteral("Same as --mode unsafe.") },
        { QStringLiteral("yes"), QStringLiteral("Do not ask for confirmation with --guarded or --unsafe.") },
        { QStringLiteral("concurrency"), QStringLiteral("Requests in flight per host (default 4)."),
            QStringLiteral("N") },
        { QStringLiteral("qt"), QStringLiteral("Use the Qt transport instead of the wire transport.") },
        { QStringLiteral("no-history"), QStringLiteral("Do not record the exchanges in the history.") },
        { QStringLiteral("json"), QStringLiteral("Print verbscope.probe/1 JSON.") },
        { QStringLiteral("csv"), QStringLiteral("Print one CSV row per cell.") },
        { QStringLiteral("markdown"), QStringLiteral("Print a Markdown table.") },
    };
    return c;
}

namespace {
// --mode, or its shorthands --guarded and --unsafe; two that disagree are a usage error.
ProbeMode modeOf(const QCommandLineParser &p, QStringList &errors)
{
    QList<ProbeMode> asked;
    if (p.isSet(QStringLiteral("mode"))) {
        ProbeMode m = ProbeMode::Safe;
        if (parseProbeMode(p.value(QStringLiteral("mode")), &m))
            asked << m;
        else
            errors << QStringLiteral("--mode \"%1\": expected safe, guarded or unsafe")
                          .arg(p.value(QStringLiteral("mode")));
    }
    if (p.isSet(QStringLiteral("guarded")))
        asked << ProbeMode::Guarded;
    if (p.isSet(QStringLiteral("unsafe")))
        asked << ProbeMode::Unsafe;
    for (const ProbeMode m : asked)
        if (m != asked.constFirst()) {
            errors << QStringLiteral("--mode, --guarded and --unsafe disagree: choose one mode");
            break;
        }
    return asked.isEmpty() ? ProbeMode::Safe : asked.constFirst();
}

// The question before guarded or unsafe mode: the methods, the URLs and what could happen.
QString confirmation(ProbeMode mode, const QStringList &methods, const QStringList &urls)
{
    const QString where = QStringLiteral("  ") + urls.join(QLatin1String("\n  "));
    if (mode == ProbeMode::Guarded)
        return QStringLiteral("--guarded sends %1 to:\n%2\neach once, with \"If-Match\" set to a random entity tag "
                              "and no body (Content-Length: 0). RFC 9110 §13.1.1 forbids a server to perform a "
                              "method whose precondition fails, so a conforming server answers 412 and changes "
                              "nothing. An application that ignores If-Match would perform the method with an empty "
                              "body (a PUT could empty the resource, a DELETE delete it). Continue? [y/N] ")
            .arg(methods.join(QLatin1String(", ")), where);
    return QStringLiteral("--unsafe sends %1 to:\n%2\nThese requests can change or delete data. Continue? [y/N] ")
        .arg(methods.join(QLatin1String(", ")), where);
}
} // namespace

// Unsafe methods (RFC 9110 section 9.2.1) can change data on a real server, so --guarded and
// --unsafe ask on the terminal unless --yes; nothing is sent before every option and URL has been checked.
int ProbeCommand::run(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = commandLine().parse(p, QStringLiteral("probe"), arguments); early >= 0)
        return early;
    RequestOptionsParser requestOptions;
    const QStringList urls = p.positionalArguments();
    if (urls.isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli probe: expected at least one URL\n"));
        return ExitUsage;
    }
    QStringList errors;
    MethodProbe::Options options;
    if (p.isSet(QStringLiteral("methods")))
        options.methods = MethodProbe::parseMethodList(p.value(QStringLiteral("methods")), &errors);
    RequestSpec base;
    errors += requestOptions.toSpec(p, urls.constFirst(), base);
    errors.removeIf([](const QString &e) { return e.startsWith(QLatin1String("method ")); }); // -X is not used here
    if (p.isSet(QStringLiteral("concurrency"))) {
        bool ok = false;
        options.perHost = p.value(QStringLiteral("concurrency")).toInt(&ok);
        if (!ok || options.perHost < 1 || options.perHost > 64)
            errors << QStringLiteral("--concurrency \"%1\": expected a number from 1 to 64")
                          .arg(p.value(QStringLiteral("concurrency")));
    }
    options.mode = modeOf(p, errors);
    QStringList normalised;
    // URLs are checked with GET, since the methods to probe were validated by parseMethodList().
    for (const QString &url : urls) {
        RequestSpec check = base;
        check.method = "GET";
        QString warning;
        check.url = http::normaliseUrl(url, &warning);
        if (!warning.isEmpty())
            writeErrText(QStringLiteral("verbscope-cli probe: warning: %1\n").arg(warning));
        for (const QString &e : validate(check))
            if (e.contains(QLatin1String("URL")))
                errors << e;
        normalised << check.url;
    }
    if (!errors.isEmpty()) {
        errors.removeDuplicates();
        for (const QString &e : errors)
            writeErrText(QStringLiteral("verbscope-cli probe: %1\n").arg(e));
        return ExitUsage;
    }
    // The wire transport unless Qt's is asked for: exact bytes and no silent re-send of a request
    // (QT-FACTS, top finding 3); HTTP/2 exists only in the Qt transport.
    if (!p.isSet(QStringLiteral("qt")) && !p.isSet(QStringLiteral("http2")))
        base.options.transport = TransportKind::Wire;
    options.base = base;
    QStringList risky;
    for (const QByteArray &m : MethodProbe::riskyMethods(options.methods))
        risky << QString::fromLatin1(m);
    if (options.mode != ProbeMode::Safe && !risky.isEmpty() && !p.isSet(QStringLiteral("yes"))) {
        writeErrText(confirmation(options.mode, risky, normalised));
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        if (answer != QLatin1String("y") && answer != QLatin1String("yes")) {
            writeErrText(QStringLiteral(
                "verbscope-cli probe: not confirmed; nothing was sent (use --yes to skip the question)\n"));
            return ExitUsage;
        }
    }

    Engine engine;
    MethodProbe probe(&engine);
    QEventLoop loop;
    QObject::connect(&probe, &MethodProbe::finished, &loop, &QEventLoop::quit);
    probe.start(normalised, options);
    if (!probe.isFinished())
        loop.exec();
    const QList<ServerProbe> &servers = probe.servers();
    if (p.isSet(QStringLiteral("json")))
        writeOut(ProbeReport::toJson(servers));
    else if (p.isSet(QStringLiteral("csv")))
        writeOut(ProbeReport::toCsv(servers));
    else if (p.isSet(QStringLiteral("markdown")))
        writeOut(ProbeReport::toMarkdown(servers));
    else
        writeOut(ProbeReport::toText(servers, stdoutIsTerminal()));
    if (!p.isSet(QStringLiteral("no-history"))) {
        QList<Exchange> exchanges;
        for (const ServerProbe &s : servers)
            for (const ProbeCell &c : s.cells)
                exchanges << c.exchange;
        HistoryCommand::record(exchanges, QStringLiteral("probe"));
    }
    // Exit 3 only when no server answered at all.
    for (const ServerProbe &s : servers)
        for (const ProbeCell &c : s.cells)
            if (c.exchange.response.received)
                return ExitOk;
    return ExitTransport;
}

} // namespace verbscope::cli
