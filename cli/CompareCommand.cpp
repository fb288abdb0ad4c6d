// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CompareCommand.h"

#include "cli/CliApp.h"
#include "cli/HistoryCommand.h"
#include "cli/RequestOptionsParser.h"
#include "cli/TerminalText.h"
#include "core/compare/ExchangeDiff.h"
#include "core/diagnosis/Classifier.h"
#include "core/http/Call.h"
#include "core/http/Engine.h"
#include "core/http/ExchangeJson.h"
#include "core/http/HttpSyntax.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>

// `compare`: one request to several servers, then ExchangeDiff of each answer against the first.
// Verdicts come from diagnosis::Classifier, the same labels `probe` prints.
namespace verbscope::cli {

using namespace verbscope::http;
using compare::ExchangeDiff;

namespace {
// Transport failures still get a line, so the numbered server list keeps one row per URL.
QString statusLine(const Exchange &ex)
{
    if (!ex.response.received)
        return QStringLiteral("no answer: %1 (%2)").arg(ex.error.message, errorKindName(ex.error.kind));
    return QStringLiteral("HTTP/%1 %2 %3")
        .arg(ex.response.head.httpVersion)
        .arg(ex.response.head.status)
        .arg(escapeBytes(ex.response.head.reason));
}

// All requests go out at once; the answers are collected in URL order.
QList<Exchange> sendToAll(Engine &engine, const RequestSpec &base, const QStringList &urls)
{
    QList<Exchange> out(urls.size());
    int pending = int(urls.size());
    QEventLoop loop;
    for (int i = 0; i < urls.size(); ++i) {
        RequestSpec s = base;
        s.url = urls.at(i);
        Call *call = engine.send(s);
        QObject::connect(call, &Call::finished, &loop, [&, call, i] {
            out[i] = call->takeExchange();
            call->deleteLater();
            if (--pending == 0)
                loop.quit();
        });
    }
    if (pending > 0)
        loop.exec();
    return out;
}
} // namespace

CommandLine CompareCommand::commandLine()
{
    CommandLine c;
    c.description = QStringLiteral("Send the same request to several servers and show what differs.");
    c.positionals.append(
        { QStringLiteral("URL"), QStringLiteral("Two or more URLs."), QStringLiteral("URL URL [URL…]") });
    c.options += RequestOptionsParser::options();
    c.options += QList<QCommandLineOption> {
        { QStringLiteral("all-headers"), QStringLiteral("Also compare volatile headers (Date, Age, request ids…).") },
        { QStringLiteral("qt"), QStringLiteral("Use the Qt transport instead of the wire transport.") },
        { QStringLiteral("no-history"), QStringLiteral("Do not record the exchanges in the history.") },
        { QStringLiteral("json"), QStringLiteral("Print verbscope.compare/1 JSON.") },
        controlBytesOption(),
    };
    return c;
}

// Only URL errors are checked per server: the method, headers and options are shared and were
// validated once with the first URL. Exit 3 only when no server answered at all.
int CompareCommand::run(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = commandLine().parse(p, QStringLiteral("compare"), arguments); early >= 0)
        return early;
    RequestOptionsParser requestOptions;
    QStringList urls = p.positionalArguments();
    if (urls.size() < 2) {
        writeErrText(QStringLiteral("verbscope-cli compare: expected at least two URLs, got %1\n").arg(urls.size()));
        return ExitUsage;
    }
    RequestSpec base;
    QStringList errors = requestOptions.toSpec(p, urls.constFirst(), base);
    for (QString &url : urls) {
        QString warning;
        url = http::normaliseUrl(url, &warning);
        if (!warning.isEmpty())
            writeErrText(QStringLiteral("verbscope-cli compare: warning: %1\n").arg(warning));
        RequestSpec check = base;
        check.url = url;
        for (const QString &e : validate(check))
            if (e.contains(QLatin1String("URL")))
                errors << e;
    }
    if (!errors.isEmpty()) {
        errors.removeDuplicates();
        for (const QString &e : errors)
            writeErrText(QStringLiteral("verbscope-cli compare: %1\n").arg(e));
        return ExitUsage;
    }
    // The wire transport unless Qt's is asked for: exact bytes and no silent re-send of a request
    // (QT-FACTS, top finding 3); HTTP/2 exists only in the Qt transport.
    if (!p.isSet(QStringLiteral("qt")) && !p.isSet(QStringLiteral("http2")))
        base.options.transport = TransportKind::Wire;

    Engine engine;
    const QList<Exchange> answers = sendToAll(engine, base, urls);
    ExchangeDiff::Options diffOptions;
    diffOptions.allHeaders = p.isSet(QStringLiteral("all-headers"));
    QList<ExchangeDiff::Result> diffs;
    for (int i = 1; i < answers.size(); ++i)
        diffs << ExchangeDiff::compare(answers.constFirst(), answers.at(i), diffOptions);

    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray servers, diffArray;
        for (int i = 0; i < answers.size(); ++i)
            servers.append(QJsonObject { { QStringLiteral("url"), urls.at(i) },
                { QStringLiteral("verdict"), diagnosis::verdictId(diagnosis::Classifier::verdict(answers.at(i))) },
                { QStringLiteral("exchange"), exchangeToJson(answers.at(i)) } });
        for (int i = 0; i < diffs.size(); ++i)
            diffArray.append(QJsonObject { { QStringLiteral("left"), 0 }, { QStringLiteral("right"), i + 1 },
                { QStringLiteral("diff"),
                    ExchangeDiff::toJson(diffs.at(i), QJsonObject { { QStringLiteral("url"), urls.constFirst() } },
                        QJsonObject { { QStringLiteral("url"), urls.at(i + 1) } }) } });
        writeOut(QJsonDocument(QJsonObject { { QStringLiteral("format"), QStringLiteral("verbscope.compare/1") },
                                   { QStringLiteral("request"),
                                       QJsonObject { { QStringLiteral("method"), QString::fromLatin1(base.method) } } },
                                   { QStringLiteral("servers"), servers }, { QStringLiteral("diffs"), diffArray } })
                     .toJson(QJsonDocument::Indented));
    } else {
        QString out = QStringLiteral("%1 to %2 servers\n\n").arg(QString::fromLatin1(base.method)).arg(urls.size());
        for (int i = 0; i < answers.size(); ++i) {
            const Exchange &ex = answers.at(i);
            out += QStringLiteral("[%1] %2\n    %3  (%4, %5 ms, %6 bytes)\n")
                       .arg(i + 1)
                       .arg(urls.at(i), statusLine(ex), diagnosis::verdictId(diagnosis::Classifier::verdict(ex)))
                       .arg(ex.timings.total.value_or(0), 0, 'f', 1)
                       .arg(ex.response.decodedSize);
            const QByteArray server = headerValue(ex.response.head.headers, "Server");
            if (!server.isEmpty())
                out += QStringLiteral("    Server: %1\n").arg(escapeBytes(server));
            for (const QByteArray &via : headerValues(ex.response.head.headers, "Via"))
                out += QStringLiteral("    Via: %1\n").arg(escapeBytes(via));
        }
        for (int i = 0; i < diffs.size(); ++i) {
            out += QLatin1Char('\n');
            if (diffs.at(i).same)
                out += QStringLiteral("[1] and [%1]: no differences%2\n")
                           .arg(i + 2)
                           .arg(diffOptions.allHeaders ? QString() : QStringLiteral(" (volatile headers ignored)"));
            else
                out += ExchangeDiff::toText(diffs.at(i), QStringLiteral("[1] %1").arg(urls.constFirst()),
                    QStringLiteral("[%1] %2").arg(i + 2).arg(urls.at(i + 1)));
        }
        writeOutText(out.toUtf8(), QStringLiteral("the comparison"));
    }
    if (!p.isSet(QStringLiteral("no-history")))
        HistoryCommand::record(answers, QStringLiteral("compare"));
    for (const Exchange &ex : answers)
        if (ex.response.received)
            return ExitOk;
    return ExitTransport;
}

} // namespace verbscope::cli
