// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/RunCommand.h"

#include "cli/CliApp.h"
#include "cli/RequestOptionsParser.h"
#include "cli/TerminalText.h"
#include "core/collections/Assertions.h"
#include "core/collections/Collection.h"
#include "core/collections/CollectionRunner.h"
#include "core/collections/CollectionTrust.h"
#include "core/collections/RequestPipeline.h"
#include "core/collections/RunData.h"
#include "core/collections/RunReport.h"
#include "core/collections/RunSelection.h"
#include "core/history/HistoryRows.h"
#include "core/http/CookieJar.h"
#include "core/http/HttpSyntax.h"
#include "core/http/Secrets.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QXmlStreamWriter>

namespace verbscope::cli {

using namespace verbscope::collections;
using namespace verbscope::http;

namespace {
using Item = RunStep;

// Run's reports (console, JUnit uploaded as a CI artifact, --json, --report) never carry a URL's
// password or a secret query value: RunReport and the lines here go through Secrets.h.
QString resultLine(const Item &i)
{
    return QStringLiteral("%1  %2  %3 %4  %5  %6  %7 ms\n")
        .arg(i.passed ? QStringLiteral("PASS") : QStringLiteral("FAIL"), RunReport::displayName(i),
            QString::fromUtf8(i.spec.method), http::redactUrl(i.spec.url), RunReport::statusText(i), i.verdict)
        .arg(i.exchange.timings.total.value_or(0.0), 0, 'f', 1);
}

// One line per test under its request's result line, then its log; ASCII like the rest of run's output.
QString assertionLines(const Item &i)
{
    QString out;
    for (const RunTest &r : i.tests)
        out += QStringLiteral("  %1  %2:%3  %4%5\n")
                   .arg(r.passed ? QStringLiteral("pass") : QStringLiteral("FAIL"), r.file)
                   .arg(r.line)
                   .arg(http::redactText(r.name),
                       r.passed || r.message == r.name ? QString()
                                                       : QStringLiteral(": ") + http::redactText(r.message));
    for (const QString &l : i.log)
        out += QStringLiteral("  log  %1\n").arg(http::redactText(l));
    for (const QString &n : i.notes)
        out += QStringLiteral("  note  %1\n").arg(http::redactText(n));
    return out;
}

bool writeReport(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

// Imported requests reach local files and the environment only with consent (CollectionTrust).
// A file that needs it is first resolved without reading anything, so a refused `< /dev/zero` is
// never opened either.
struct Consent {
    bool files = false; // --allow-local-files
    bool env = false; // --allow-env
    bool trust = false; // --trust
    QStringList refused; // one line each, with the option that allows it
    QStringList trustedDirs;
};

CollectionTrust::Origin originFor(const QString &path, Consent &consent)
{
    CollectionTrust::Origin origin = CollectionTrust::originOf(path);
    if (!origin.needsConsent() || !consent.trust)
        return origin;
    QString error;
    if (!consent.trustedDirs.contains(origin.markerDir)) {
        if (!CollectionTrust::trust(origin.markerDir, &error)) {
            consent.refused << error;
            return origin;
        }
        consent.trustedDirs << origin.markerDir;
    }
    origin.trusted = true;
    return origin;
}

// True when the request may be prepared for sending; otherwise its refusals are in `consent`.
bool consented(const CollectionTrust::Origin &origin, const HttpFile &file, qsizetype index, const QString &path,
    RequestContext context, Consent &consent)
{
    if (!origin.needsConsent() || (consent.files && consent.env))
        return true;
    context.resolve.readFiles = false;
    const PreparedRequest dry = RequestPipeline::prepare(file, index, path, context);
    bool ok = true;
    for (const LocalReference &r : CollectionTrust::needingConsent(origin, dry.resolved.references)) {
        const bool isFile = r.kind == LocalReference::Kind::File;
        if (isFile ? consent.files : consent.env)
            continue;
        ok = false;
        consent.refused << QStringLiteral("%1 (%2): allow with %3")
                               .arg(r.toString(),
                                   isFile ? QStringLiteral("a local file outside the imported collection")
                                          : QStringLiteral("the process environment"),
                                   isFile ? QStringLiteral("--allow-local-files") : QStringLiteral("--allow-env"));
    }
    return ok;
}

// `--var name=value`, repeatable: a value for a `# @prompt`, and an override of any file or
// environment variable. Empty when all parse, else the usage error.
QString parseVars(const QStringList &values, VariableMap &out)
{
    static const QRegularExpression name(QStringLiteral("\\A[A-Za-z0-9_.-]+\\z"));
    for (const QString &v : values) {
        const qsizetype eq = v.indexOf(QLatin1Char('='));
        if (eq <= 0 || !name.match(v.left(eq)).hasMatch())
            return QStringLiteral("--var \"%1\": expected NAME=VALUE (letters, digits and _ . -)").arg(v);
        out.insert(v.left(eq), v.mid(eq + 1));
    }
    return {};
}

// httpyac's `# @prompt name [description]` asks when the request runs; run never asks, so a prompt
// without its --var is a usage error that names it and its line.
QStringList missingPrompts(const HttpRequest &r, const QString &file, const VariableMap &given)
{
    QStringList out;
    for (const Directive &d : r.directives) {
        if (d.name != QLatin1String("prompt"))
            continue;
        const QString name = d.value.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        const QString description = d.value.section(QLatin1Char(' '), 1, -1, QString::SectionSkipEmpty);
        if (name.isEmpty())
            out << QStringLiteral("%1:%2: @prompt needs a variable name").arg(file).arg(d.line);
        else if (!given.contains(name))
            out << QStringLiteral("%1:%2: @prompt %3%4: run does not ask; give it with --var %3=VALUE")
                       .arg(file)
                       .arg(d.line)
                       .arg(name, description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(description));
    }
    return out;
}

} // namespace

CommandLine RunCommand::commandLine()
{
    CommandLine c;
    c.description = QStringLiteral("Run the requests of a .http file or a collection folder, in order.");
    c.positionals.append({ QStringLiteral("PATH"), QStringLiteral("A .http file or a folder of them.") });
    c.options += QList<QCommandLineOption> {
        { QStringLiteral("env"), QStringLiteral("Environment from http-client.env.json (and the private file)."),
            QStringLiteral("NAME") },
        { QStringLiteral("name"), QStringLiteral("Run only the request with this @name (or ### title); repeatable."),
            QStringLiteral("REQUEST") },
        { QStringLiteral("parallel"),
            QStringLiteral("Send up to N requests at once, at most 64 (results still in file order)."),
            QStringLiteral("N"), QStringLiteral("1") },
        { QStringLiteral("fail"),
            QStringLiteral("Exit with 4 when any request failed (an assertion failed; without ?? assertions: no "
                           "answer, or status 400 and above).") },
        { QStringLiteral("bail"), QStringLiteral("Stop at the first failed request: nothing after it is sent.") },
        { QStringLiteral("tag"),
            QStringLiteral("Run only requests tagged # @tag TAG (or named TAG); repeatable, or comma-separated."),
            QStringLiteral("TAG") },
        { QStringLiteral("data"),
            QStringLiteral("Run the selection once per row of a CSV file (header row) or a JSON array of objects; "
                           "the row's values are variables."),
            QStringLiteral("FILE") },
        { QStringLiteral("junit"), QStringLiteral("Write a JUnit XML report to FILE."), QStringLiteral("FILE") },
        { QStringLiteral("cookie-jar"),
            QStringLiteral("Start the run's cookie jar from FILE (Netscape format, as curl -b/-c) and write it back at "
                           "the end; without it each run starts with an empty jar."),
            QStringLiteral("FILE") },
        { QStringLiteral("report"),
            QStringLiteral("Write one self-contained HTML report to FILE: every request, its tests, the exchange "
                           "and the diagnosis."),
            QStringLiteral("FILE") },
        { QStringLiteral("json"), QStringLiteral("Print the results as verbscope.run/1 JSON.") },
        { QStringLiteral("qt"),
            QStringLiteral("Use the Qt transport instead of the wire transport (byte-exact HTTP/1.1, the default).") },
        { { QStringLiteral("k"), QStringLiteral("insecure") }, QStringLiteral("Do not verify TLS certificates.") },
        controlBytesOption(),
        { QStringLiteral("allow-local-files"),
            QStringLiteral("Imported requests may send local files from outside their collection folder.") },
        { QStringLiteral("allow-env"),
            QStringLiteral("Imported requests may send process environment variables ({{$processEnv NAME}}).") },
        { QStringLiteral("trust"),
            QStringLiteral("Trust the imported files of this collection from now on (recorded in its "
                           ".verbscope-imported marker).") },
        { QStringLiteral("max-file-size"), QStringLiteral("Refuse .http files larger than MIB mebibytes (default 16)."),
            QStringLiteral("MIB"), QStringLiteral("16") },
        { QStringLiteral("var"),
            QStringLiteral("Set a variable, over the file's and the environment's; the answer to a # @prompt "
                           "(repeatable)."),
            QStringLiteral("NAME=VALUE") },
    };
    return c;
}

int RunCommand::run(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = commandLine().parse(p, QStringLiteral("run"), arguments); early >= 0)
        return early;
    if (p.positionalArguments().size() != 1) {
        writeErrText(QStringLiteral("verbscope-cli run: expected one .http file or folder\n"));
        return ExitUsage;
    }
    bool ok = false;
    const int parallel = p.value(QStringLiteral("parallel")).toInt(&ok);
    if (!ok || parallel < 1) {
        writeErrText(QStringLiteral("verbscope-cli run: --parallel \"%1\": expected a whole number, 1 or more\n")
                         .arg(p.value(QStringLiteral("parallel"))));
        return ExitUsage;
    }
    // Each request in flight holds a connection, a socket and its buffers: beyond a few dozen a
    // run measures the client, not the server, and a typo (100000) would exhaust file descriptors.
    if (parallel > MaxParallel) {
        writeErrText(QStringLiteral("verbscope-cli run: --parallel \"%1\": at most %2 requests at once\n")
                         .arg(p.value(QStringLiteral("parallel")))
                         .arg(MaxParallel));
        return ExitUsage;
    }

    const qint64 maxFileMib = p.value(QStringLiteral("max-file-size")).toLongLong(&ok);
    if (!ok || maxFileMib < 1 || maxFileMib > 1024 * 1024) {
        writeErrText(QStringLiteral("verbscope-cli run: --max-file-size \"%1\": expected a whole number of MiB, 1 or "
                                    "more\n")
                         .arg(p.value(QStringLiteral("max-file-size"))));
        return ExitUsage;
    }
    // A request with a parse error is left out and reported (a JUnit error); the rest runs.
    const Collection loaded = Collection::load(p.positionalArguments().constFirst(), maxFileMib * 1024 * 1024);
    const QList<BrokenRequest> broken = loaded.brokenRequests();
    const Collection collection = loaded.readable();
    bool usage = false;
    for (const QString &e : collection.errors()) {
        writeErrText(
            QStringLiteral("verbscope-cli run: %1%2\n")
                .arg(e,
                    e.contains(QLatin1String("above the limit")) ? QStringLiteral(" (--max-file-size MIB raises it)")
                                                                 : QString()));
        usage = true;
    }
    for (const ParseIssue &i : loaded.issues())
        writeErrText(i.toString() + QLatin1Char('\n'));
    VariableMap overrides;
    if (const QString e = parseVars(p.values(QStringLiteral("var")), overrides); !e.isEmpty()) {
        writeErrText(QStringLiteral("verbscope-cli run: %1\n").arg(e));
        return ExitUsage;
    }
    const QString envName = p.value(QStringLiteral("env"));
    if (!envName.isEmpty() && !collection.environments().contains(envName)) {
        const QStringList names = collection.environments().names();
        writeErrText(QStringLiteral("verbscope-cli run: no environment \"%1\" in %2 (known: %3)\n")
                         .arg(envName, collection.root(),
                             names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
        return ExitUsage;
    }
    if (usage)
        return ExitUsage;
    // Every request goes through the one pipeline the app's collection tabs use too.
    RequestContext context;
    context.environment = collection.environments().variables(envName);
    context.environment.insert(overrides);
    context.environmentVerifiesTls = collection.environments().verifiesTls(envName);
    if (!context.environmentVerifiesTls)
        writeErrText(QStringLiteral("verbscope-cli run: TLS certificates are NOT verified: environment \"%1\" sets "
                                    "SSLConfiguration.verifyHostCertificate to false\n")
                         .arg(envName.isEmpty() ? QString::fromLatin1(Environments::Shared) : envName));
    context.base.verifyTls = !p.isSet(QStringLiteral("insecure"));
    context.base.transport = p.isSet(QStringLiteral("qt")) ? TransportKind::Qt : TransportKind::Wire;
    const QStringList only = p.values(QStringLiteral("name"));

    QStringList problems;
    Consent consent { p.isSet(QStringLiteral("allow-local-files")), p.isSet(QStringLiteral("allow-env")),
        p.isSet(QStringLiteral("trust")), {}, {} };
    QStringList untrustedMarkers;
    RunPlan plan;
    const QStringList tags = p.values(QStringLiteral("tag"));
    auto selected
        = [&only, &tags](const RunFile &, const HttpRequest &r) { return RunSelection::selected(r, only, tags); };
    // Prompts and consent are settled per request before the run: nothing is sent until all are.
    for (const CollectionFile &f : collection.files()) {
        const HttpFile &file = f.parsed.file;
        plan.files.append({ f.path, f.relativePath, file });
        context.resolve.shownPath = f.relativePath;
        const CollectionTrust::Origin origin = originFor(f.path, consent);
        VariableMap variables = context.environment;
        RequestResolver::advance(file, -1, variables);
        variables.insert(overrides);
        context.resolve.variables = &variables;
        for (qsizetype k = 0; k < file.requests.size(); ++k) {
            const HttpRequest &r = file.requests.at(k);
            RequestResolver::advance(file, k, variables);
            variables.insert(overrides); // --var wins over the file's own @x = y
            if (!selected(plan.files.constLast(), r))
                continue;
            if (const QStringList missing = missingPrompts(r, f.relativePath, overrides); !missing.isEmpty()) {
                problems += missing;
                continue;
            }
            if (!consented(origin, file, k, f.path, context, consent)) {
                if (const QString marker = QDir(origin.markerDir).filePath(QLatin1String(CollectionTrust::MarkerFile));
                    !untrustedMarkers.contains(marker))
                    untrustedMarkers << marker;
                continue;
            }
        }
    }
    context.resolve.variables = nullptr; // pointed into the loop
    context.resolve.shownPath.clear();
    for (const QString &dir : std::as_const(consent.trustedDirs))
        writeErrText(QStringLiteral("verbscope-cli run: trusted the imported files of %1 from now on\n").arg(dir));
    if (!consent.refused.isEmpty()) {
        consent.refused.removeDuplicates();
        for (const QString &e : std::as_const(consent.refused))
            writeErrText(QStringLiteral("verbscope-cli run: %1\n").arg(e));
        writeErrText(QStringLiteral("verbscope-cli run: nothing was sent: these requests were imported (%1); "
                                    "--trust trusts their folder from now on\n")
                         .arg(untrustedMarkers.join(QStringLiteral(", "))));
        return ExitUsage;
    }
    plan.context = context;
    plan.overrides = overrides;
    plan.selected = selected;
    plan.parallel = parallel;
    plan.bail = p.isSet(QStringLiteral("bail"));
    if (p.isSet(QStringLiteral("data"))) {
        const RunDataResult data = RunData::load(p.value(QStringLiteral("data")));
        if (!data.ok()) {
            writeErrText(QStringLiteral("verbscope-cli run: %1\n").arg(data.error));
            return ExitUsage;
        }
        if (data.rows.isEmpty()) {
            writeErrText(QStringLiteral("verbscope-cli run: %1 has no rows: nothing to run\n")
                             .arg(p.value(QStringLiteral("data"))));
            return ExitUsage;
        }
        plan.iterations = data.rows;
    }
    // run prints no body and keeps every exchange to the end: what the history keeps is enough
    // (256 MiB each, times the requests, before).
    plan.maxBodyInMemory = history::HistoryRows::MaxBodyBytes;
    CollectionRunner runner(plan, nullptr);
    const QString cookieFile = p.value(QStringLiteral("cookie-jar"));
    if (!cookieFile.isEmpty() && QFileInfo::exists(cookieFile)) {
        QString error;
        if (!runner.session().cookieJar()->loadNetscape(cookieFile, &error)) {
            writeErrText(QStringLiteral("verbscope-cli run: --cookie-jar: %1\n").arg(error));
            return ExitUsage;
        }
    }
    problems += runner.validate();
    if (!problems.isEmpty()) {
        problems.removeDuplicates();
        for (const QString &e : std::as_const(problems))
            writeErrText(QStringLiteral("verbscope-cli run: %1\n").arg(http::redactText(e)));
        writeErrText(QStringLiteral("verbscope-cli run: nothing was sent\n"));
        return ExitUsage;
    }
    bool any = false;
    for (const RunFile &f : std::as_const(plan.files))
        for (const HttpRequest &r : f.file.requests)
            any = any || selected(f, r);
    if (!any) {
        writeErrText(only.isEmpty() && tags.isEmpty()
                ? QStringLiteral("verbscope-cli run: no requests found\n")
                : QStringLiteral("verbscope-cli run: no request named or tagged %1\n")
                      .arg((only + tags).join(QStringLiteral(", "))));
        return ExitUsage;
    }

    const bool json = p.isSet(QStringLiteral("json"));
    QObject::connect(&runner, &CollectionRunner::stepFinished, &runner, [&](qsizetype index) {
        const Item &done = runner.steps().at(index);
        if (!json) {
            writeOutText((resultLine(done) + assertionLines(done)).toUtf8(), QStringLiteral("a result line"));
            std::fflush(stdout);
        }
        for (const QString &problem : done.problems)
            writeErrText(QStringLiteral("verbscope-cli run: %1\n").arg(http::redactText(problem)));
        // What happened on the way (credentials dropped at a redirect, an https -> http
        // downgrade, a method changed to GET) is said, not only kept in the record.
        for (const QString &w : done.exchange.warnings)
            writeErrText(QStringLiteral("verbscope-cli run: %1:%2: %3: warning: %4\n")
                             .arg(done.file)
                             .arg(done.line)
                             .arg(done.name, http::redactText(w)));
    });
    const QDateTime startedAt = QDateTime::currentDateTimeUtc();
    runner.exec();
    if (!cookieFile.isEmpty()) {
        QString error;
        if (!runner.session().cookieJar()->saveNetscape(cookieFile, &error)) {
            writeErrText(QStringLiteral("verbscope-cli run: --cookie-jar: %1\n").arg(error));
            return ExitFailure;
        }
    }
    QList<Item> items = runner.steps();
    RunSummary summary = runner.summary();
    for (const BrokenRequest &b : broken) {
        Item step;
        step.file = b.file;
        step.line = b.line;
        step.name = b.name;
        step.problems << b.toString();
        items.append(step);
        ++summary.failed;
    }
    summary.collection = collection.name();
    summary.environment = envName;
    summary.startedAt = startedAt;

    bool transportError = false;
    bool unsent = false; // a request the run could not send (a reference without a value…)
    for (const Item &i : std::as_const(items)) {
        transportError = transportError || (i.sent && i.exchange.error.isError());
        unsent = unsent || !i.sent;
    }
    const int failed = summary.failed;
    const QString summaryLine
        = QStringLiteral("%1 passed, %2 failed%3\n")
              .arg(summary.passed)
              .arg(failed)
              .arg(summary.notRun > 0 ? QStringLiteral(", %1 not run (--bail)").arg(summary.notRun) : QString());
    if (json) {
        writeOut(QJsonDocument(RunReport::json(items, summary)).toJson(QJsonDocument::Indented));
        writeErrText(summaryLine);
    } else {
        writeOut(summaryLine.toUtf8());
    }
    std::fflush(stdout);
    const QList<QPair<QString, QByteArray (*)(const QList<RunStep> &, const RunSummary &)>> files {
        { QStringLiteral("junit"), &RunReport::junit }, { QStringLiteral("report"), &RunReport::html }
    };
    for (const auto &[option, write] : files) {
        if (!p.isSet(option))
            continue;
        QString error;
        if (!writeReport(p.value(option), write(items, summary), &error)) {
            writeErrText(QStringLiteral("verbscope-cli run: %1\n").arg(error));
            return ExitFailure;
        }
    }
    if (p.isSet(QStringLiteral("fail")) && failed > 0)
        return ExitAssertion;
    if (transportError)
        return ExitTransport;
    return unsent ? ExitFailure : ExitOk;
}

} // namespace verbscope::cli
