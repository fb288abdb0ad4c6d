// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/HistoryCommand.h"

#include "cli/CliApp.h"
#include "cli/SendCommand.h"
#include "cli/TerminalText.h"
#include "core/compare/ExchangeDiff.h"
#include "core/diagnosis/Diagnosis.h"
#include "core/history/HistoryRecorder.h"
#include "core/history/HistoryStore.h"
#include "core/history/TimeSpec.h"
#include "core/http/ExchangeJson.h"
#include "core/http/ExchangeText.h"
#include "core/http/HarWriter.h"
#include "core/http/HttpSyntax.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

// `history`: reads and prunes the SQLite history through HistoryStore, and records for the other
// commands through HistoryRecorder. Each subcommand is a free function below, dispatched by run().
namespace verbscope::cli {

using namespace verbscope::history;
using namespace verbscope::http;

namespace {
const char *const Usage
    = "Usage: verbscope-cli history SUBCOMMAND [options]\n"
      "\n"
      "Every exchange that send and diagnose make is kept (--no-history skips it).\n"
      "\n"
      "Subcommands:\n"
      "  list [filters] [--json]             newest first\n"
      "  search TEXT [filters] [--json]      full-text: URL, method, status, host, headers, text bodies\n"
      "  show ID [--json | --raw]            one exchange with its diagnosis and checks\n"
      "  diff ID ID [--all-headers] [--json] status line, headers and body of two answers\n"
      "  export --har FILE [filters]         HAR 1.2 (FILE - for stdout)\n"
      "  clear [--before DATE] [--yes]       delete entries (asks first on a terminal)\n"
      "\n"
      "Filters: --limit N, --offset N, --method M, --status 4xx|405, --host H, --since DATE,\n"
      "--until DATE, --verdict V, --with-checks. DATE: 2026-05-01, 2026-05-01T10:30, …Z, or 90s, 15m, 2h, 3d, 1w.\n"
      "list, search, show and diff take --control-bytes auto|escape|raw (received control bytes on a terminal).\n";

void warn(const QString &message)
{
    writeErrText(QStringLiteral("verbscope-cli: warning: %1\n").arg(message));
}

QList<QCommandLineOption> filterOptions()
{
    return {
        { QStringLiteral("limit"), QStringLiteral("Show at most N entries (default 50; 0 = all)."),
            QStringLiteral("N") },
        { QStringLiteral("offset"), QStringLiteral("Skip the N newest matches."), QStringLiteral("N") },
        { QStringLiteral("method"), QStringLiteral("Only this method (exact, case-sensitive)."),
            QStringLiteral("METHOD") },
        { QStringLiteral("status"), QStringLiteral("Only this status code (405) or class (4xx)."),
            QStringLiteral("STATUS") },
        { QStringLiteral("host"), QStringLiteral("Only this host (no port)."), QStringLiteral("HOST") },
        { QStringLiteral("since"), QStringLiteral("Only entries at or after DATE."), QStringLiteral("DATE") },
        { QStringLiteral("until"), QStringLiteral("Only entries at or before DATE."), QStringLiteral("DATE") },
        { QStringLiteral("verdict"), QStringLiteral("Only this verdict (not-allowed, not-implemented, …)."),
            QStringLiteral("VERDICT") },
        { QStringLiteral("with-checks"), QStringLiteral("Also list the evidence requests diagnoses made.") },
    };
}

// Each subcommand's arguments, declared once: its parser and the man page and completions
// (through HistoryCommand::commandLine) use them.
CommandLine subCommandLineWithoutDisplay(const QString &sub);

// The subcommands that print received text for a person take --control-bytes.
CommandLine subCommandLine(const QString &sub)
{
    CommandLine c = subCommandLineWithoutDisplay(sub);
    if (sub == QLatin1String("list") || sub == QLatin1String("search") || sub == QLatin1String("show")
        || sub == QLatin1String("diff"))
        c.options << controlBytesOption();
    return c;
}

CommandLine subCommandLineWithoutDisplay(const QString &sub)
{
    if (sub == QLatin1String("list"))
        return { QStringLiteral("List the history, newest first."), {},
            filterOptions() << QCommandLineOption(
                QStringLiteral("json"), QStringLiteral("Print verbscope.history/1 JSON.")),
            {} };
    if (sub == QLatin1String("search"))
        return { QStringLiteral("Search the history, newest first."),
            { { QStringLiteral("TEXT"),
                QStringLiteral("Words (all must match), \"a phrase\", prefix*, column:word (url, method, status, "
                               "host, headers, body), OR."),
                {} } },
            filterOptions() << QCommandLineOption(
                QStringLiteral("json"), QStringLiteral("Print verbscope.history/1 JSON.")),
            {} };
    if (sub == QLatin1String("show"))
        return { QStringLiteral("Show one history entry."),
            { { QStringLiteral("ID"), QStringLiteral("The entry to show (from history list)."), {} } },
            { { QStringLiteral("json"), QStringLiteral("Print verbscope.history-entry/1 JSON.") },
                { QStringLiteral("raw"), QStringLiteral("Print both directions as escaped bytes, like send --raw.") } },
            {} };
    if (sub == QLatin1String("diff"))
        return { QStringLiteral("Compare the answers of two history entries."),
            { { QStringLiteral("ID"), QStringLiteral("The left entry."), {} },
                { QStringLiteral("ID2"), QStringLiteral("The right entry."), {} } },
            { { QStringLiteral("all-headers"),
                  QStringLiteral("Also compare volatile headers (Date, Age, X-Request-Id…).") },
                { QStringLiteral("json"), QStringLiteral("Print verbscope.diff/1 JSON.") } },
            {} };
    if (sub == QLatin1String("export"))
        return { QStringLiteral("Export history entries."), {},
            filterOptions() << QCommandLineOption(
                QStringLiteral("har"), QStringLiteral("Write HAR 1.2 to FILE (- for stdout)."), QStringLiteral("FILE")),
            {} };
    Q_ASSERT(sub == QLatin1String("clear"));
    return { QStringLiteral("Delete history entries with their checks and body files."), {},
        { { QStringLiteral("before"), QStringLiteral("Only entries older than DATE."), QStringLiteral("DATE") },
            { QStringLiteral("yes"), QStringLiteral("Do not ask for confirmation.") } },
        {} };
}

bool parseInt(const QString &text, int &out)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < 0)
        return false;
    out = v;
    return true;
}

// Fills `filter` from the options; returns the usage errors.
// Relative dates (2h, 3d) are resolved against one `now`, so --since and --until agree.
QStringList filterFrom(const QCommandLineParser &p, HistoryFilter &filter, int defaultLimit)
{
    QStringList errors;
    const QDateTime now = QDateTime::currentDateTime();
    filter.limit = defaultLimit;
    if (p.isSet(QStringLiteral("limit")) && !parseInt(p.value(QStringLiteral("limit")), filter.limit))
        errors << QStringLiteral("--limit \"%1\": expected a number").arg(p.value(QStringLiteral("limit")));
    if (p.isSet(QStringLiteral("offset")) && !parseInt(p.value(QStringLiteral("offset")), filter.offset))
        errors << QStringLiteral("--offset \"%1\": expected a number").arg(p.value(QStringLiteral("offset")));
    filter.method = p.value(QStringLiteral("method")).toUtf8();
    QString error;
    if (p.isSet(QStringLiteral("status")) && !filter.setStatus(p.value(QStringLiteral("status")), &error))
        errors << QStringLiteral("--") + error;
    filter.host = p.value(QStringLiteral("host"));
    for (const QString &name : { QStringLiteral("since"), QStringLiteral("until") }) {
        if (!p.isSet(name))
            continue;
        const QDateTime t = TimeSpec::parse(p.value(name), now, &error);
        if (!t.isValid())
            errors << QStringLiteral("--%1 %2").arg(name, error);
        (name == QLatin1String("since") ? filter.since : filter.until) = t;
    }
    filter.verdict = p.value(QStringLiteral("verdict"));
    filter.includeChecks = p.isSet(QStringLiteral("with-checks"));
    return errors;
}

QJsonObject entryToJson(const HistoryEntry &e)
{
    return {
        { QStringLiteral("id"), e.id },
        { QStringLiteral("parentId"), e.parentId ? QJsonValue(e.parentId) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("checkId"), e.checkId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.checkId) },
        { QStringLiteral("source"), e.source },
        { QStringLiteral("startedAt"), e.startedAt.toString(Qt::ISODateWithMs) },
        { QStringLiteral("method"), QString::fromUtf8(e.method) },
        { QStringLiteral("url"), e.url },
        { QStringLiteral("host"), e.host },
        { QStringLiteral("status"), e.status ? QJsonValue(e.status) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("reason"), headerText(e.reason) },
        { QStringLiteral("verdict"), e.verdict },
        { QStringLiteral("durationMs"), e.durationMs ? QJsonValue(*e.durationMs) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("fidelity"), e.fidelity },
        { QStringLiteral("error"), e.errorKind.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.errorKind) },
    };
}

QString statusColumn(const HistoryEntry &e)
{
    return e.status ? QString::number(e.status) : QStringLiteral("-");
}

// Fixed-width columns with the URL last, as it is the only column without a bounded width.
void printEntries(const QList<HistoryEntry> &entries)
{
    QString out = QStringLiteral("%1  %2  %3 %4 %5 %6  %7\n")
                      .arg(QStringLiteral("ID"), 7)
                      .arg(QStringLiteral("TIME"), -19)
                      .arg(QStringLiteral("METHOD"), -9)
                      .arg(QStringLiteral("STATUS"), -6)
                      .arg(QStringLiteral("VERDICT"), -16)
                      .arg(QStringLiteral("MS"), 8)
                      .arg(QStringLiteral("URL"));
    for (const HistoryEntry &e : entries) {
        QString url = e.url;
        if (!e.errorKind.isEmpty())
            url += QStringLiteral("  (%1)").arg(e.errorKind);
        if (!e.checkId.isEmpty())
            url += QStringLiteral("  [check %1 of #%2]").arg(e.checkId).arg(e.parentId);
        out += QStringLiteral("%1  %2  %3 %4 %5 %6  %7\n")
                   .arg(e.id, 7)
                   .arg(e.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), -19)
                   .arg(QString::fromUtf8(e.method), -9)
                   .arg(statusColumn(e), -6)
                   .arg(e.verdict, -16)
                   .arg(e.durationMs ? QString::number(*e.durationMs, 'f', 1) : QStringLiteral("-"), 8)
                   .arg(url);
    }
    writeOutText(out.toUtf8(), QStringLiteral("the list"));
}

// Stored heads may hold any byte the server sent: escaped so they cannot corrupt the terminal.
void printHead(const QByteArray &head, const char *prefix)
{
    QByteArray out;
    for (QByteArray line : head.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        out += prefix + escapeBytes(line).toUtf8() + '\n';
    }
    writeOut(out);
}

QString entryLabel(const HistoryEntry &e)
{
    return QStringLiteral("#%1 %2 %3 (%4)")
        .arg(e.id)
        .arg(QString::fromUtf8(e.method), e.url,
            e.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

// The diagnosis is printed from the stored JSON document rather than rebuilt, so an entry shows
// what was concluded when it was recorded, even after the knowledge base changed.
void printRecord(const HistoryRecord &r)
{
    const HistoryEntry &e = r.entry;
    QString head
        = QStringLiteral("#%1  %2  %3  verdict %4  %5  fidelity %6\n")
              .arg(e.id)
              .arg(e.startedAt.toLocalTime().toString(Qt::ISODate), e.source.isEmpty() ? QStringLiteral("-") : e.source,
                  e.verdict, e.durationMs ? QStringLiteral("%1 ms").arg(*e.durationMs, 0, 'f', 1) : QStringLiteral("-"),
                  e.fidelity);
    if (e.parentId)
        head += QStringLiteral("check %1 of #%2\n").arg(e.checkId).arg(e.parentId);
    writeOut(head.toUtf8());
    const Exchange &ex = r.exchange;
    auto hop = [](const SentRequest &req, const Response &resp) {
        printHead(formatRequestHead(req), "> ");
        if (req.bodySize > 0)
            writeOut(QStringLiteral("> [%1 bytes of body]\n").arg(req.bodySize).toUtf8());
        for (const ResponseHead &info : resp.informational)
            printHead(formatResponseHead(info), "< ");
        if (resp.received)
            printHead(formatResponseHead(resp.head), "< ");
    };
    for (const Hop &h : ex.redirects)
        hop(h.request, h.response);
    hop(ex.request, ex.response);
    if (ex.error.isError())
        writeOutText(QStringLiteral("* %1 error: %2\n").arg(errorKindName(ex.error.kind), ex.error.message).toUtf8(),
            QStringLiteral("an error message"));
    for (const QString &w : ex.warnings)
        writeOutText(QStringLiteral("* warning: %1\n").arg(w).toUtf8(), QStringLiteral("a warning"));
    if (ex.response.received && !ex.response.body.isEmpty()) {
        writeOut(QByteArrayView("\n"));
        if (looksBinary(ex.response.body)) {
            writeOut(QStringLiteral("[%1 bytes of binary body; --raw shows it escaped]\n")
                         .arg(ex.response.body.size())
                         .toUtf8());
        } else {
            writeOutText(ex.response.body, QStringLiteral("the body"));
            if (!ex.response.body.endsWith('\n'))
                writeOut(QByteArrayView("\n"));
        }
    }
    if (!r.diagnosis.isEmpty()) {
        const QJsonObject &d = r.diagnosis;
        QString out
            = QStringLiteral("\nDiagnosis: %1 (scope %2, answered by %3)\n  %4\n")
                  .arg(d.value(QStringLiteral("verdict")).toString(), d.value(QStringLiteral("scope")).toString(),
                      d.value(QStringLiteral("answeredBy")).toString(), d.value(QStringLiteral("summary")).toString());
        for (const QJsonValue &f : d.value(QStringLiteral("findings")).toArray())
            out += QStringLiteral("  finding [%1] %2 (%3)\n")
                       .arg(f[QStringLiteral("severity")].toString(), f[QStringLiteral("title")].toString(),
                           f[QStringLiteral("id")].toString());
        for (const QJsonValue &s : d.value(QStringLiteral("suggestions")).toArray())
            out += QStringLiteral("  suggestion %1 (%2)\n")
                       .arg(s[QStringLiteral("title")].toString(), s[QStringLiteral("id")].toString());
        writeOutText(out.toUtf8(), QStringLiteral("the diagnosis"));
    }
    if (!r.children.isEmpty()) {
        QString out = QStringLiteral("\nChecks:\n");
        for (const HistoryEntry &c : r.children)
            out += QStringLiteral("  #%1 %2: %3 %4 → %5 %6\n")
                       .arg(c.id)
                       .arg(c.checkId, QString::fromUtf8(c.method), c.url, statusColumn(c),
                           c.errorKind.isEmpty() ? escapeBytes(c.reason) : QStringLiteral("(%1)").arg(c.errorKind));
        writeOutText(out.toUtf8(), QStringLiteral("the checks"));
    }
}

// One history subcommand's store and its error reporting: usage() exits 2, fail() exits 1.
class Session
{
public:
    explicit Session(const QString &command)
        : m_command(command)
    { }
    bool open()
    {
        const HistoryStore::OpenResult r = m_store.open(HistoryStore::defaultPath());
        if (!r.notice.isEmpty())
            writeErrText(QStringLiteral("verbscope-cli: %1\n").arg(r.notice));
        if (!r.ok)
            writeErrText(QStringLiteral("verbscope-cli history: %1\n").arg(r.error));
        return r.ok;
    }
    HistoryStore &store() { return m_store; }
    int usage(const QString &message) const
    {
        writeErrText(QStringLiteral("verbscope-cli history %1: %2\n").arg(m_command, message));
        return ExitUsage;
    }
    int fail(const QString &message) const
    {
        writeErrText(QStringLiteral("verbscope-cli history %1: %2\n").arg(m_command, message));
        return ExitFailure;
    }
    // The store's last failure. One that ran into a damaged page has the database checked and, if
    // damaged, set aside, and says so; the command fails either way, as what it read is incomplete.
    int failStore()
    {
        const QString failure = m_store.lastError();
        if (!m_store.lastFailureIsDamage())
            return fail(failure);
        const bool recovered = m_store.recoverFromDamage();
        QStringList notices = m_store.takeNotices();
        if (!recovered)
            notices << m_store.lastError();
        fail(failure);
        for (const QString &n : std::as_const(notices))
            writeErrText(QStringLiteral("verbscope-cli: %1\n").arg(n));
        return ExitFailure;
    }

private:
    QString m_command;
    HistoryStore m_store;
};

// Declares and parses a subcommand's arguments (see CommandLine::parse). QCommandLineParser
// skips its first element as the program name, so "history SUB" takes that place.
int parse(QCommandLineParser &p, const QString &sub, const QStringList &args)
{
    return subCommandLine(sub).parse(
        p, QStringLiteral("history ") + sub, QStringList { QStringLiteral("history ") + sub } + args);
}

// Any error is a failure, even after some rows: a listing must not look complete when it is not.
int listOrSearch(const QString &sub, const QStringList &args)
{
    const bool search = sub == QLatin1String("search");
    QCommandLineParser p;
    const int early = parse(p, sub, args);
    if (early >= 0)
        return early;
    Session s(sub);
    HistoryFilter filter;
    const QStringList errors = filterFrom(p, filter, 50);
    for (const QString &e : errors)
        s.usage(e);
    if (!errors.isEmpty())
        return ExitUsage;
    if (search) {
        filter.text = p.positionalArguments().join(QLatin1Char(' '));
        if (HistoryStore::ftsQuery(filter.text).isEmpty())
            return s.usage(QStringLiteral("expected the text to search for"));
    } else if (!p.positionalArguments().isEmpty()) {
        return s.usage(QStringLiteral("unexpected argument \"%1\" (did you mean history search?)")
                           .arg(p.positionalArguments().constFirst()));
    }
    if (!s.open())
        return ExitFailure;
    const QList<HistoryEntry> entries = s.store().list(filter);
    if (!s.store().lastError().isEmpty())
        return s.failStore();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray arr;
        for (const HistoryEntry &e : entries)
            arr.append(entryToJson(e));
        const qint64 total = s.store().count(filter);
        if (total < 0)
            return s.failStore();
        const QJsonObject doc { { QStringLiteral("format"), QStringLiteral("verbscope.history/1") },
            { QStringLiteral("total"), total }, { QStringLiteral("offset"), filter.offset },
            { QStringLiteral("entries"), arr } };
        writeOut(QJsonDocument(doc).toJson(QJsonDocument::Indented));
    } else {
        printEntries(entries);
    }
    return ExitOk;
}

// Accepts "#42" as list and show print it, as well as 42.
bool parseId(const QString &text, qint64 &id)
{
    QString t = text;
    if (t.startsWith(QLatin1Char('#')))
        t.remove(0, 1);
    bool ok = false;
    id = t.toLongLong(&ok);
    return ok && id > 0;
}

int show(const QStringList &args)
{
    QCommandLineParser p;
    const int early = parse(p, QStringLiteral("show"), args);
    if (early >= 0)
        return early;
    Session s(QStringLiteral("show"));
    qint64 id = 0;
    if (p.positionalArguments().size() != 1 || !parseId(p.positionalArguments().constFirst(), id))
        return s.usage(QStringLiteral("expected one entry id"));
    if (!s.open())
        return ExitFailure;
    const std::optional<HistoryRecord> r = s.store().record(id);
    if (!r)
        return s.failStore();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray children;
        for (const HistoryEntry &c : r->children)
            children.append(entryToJson(c));
        const std::optional<QJsonObject> diagnosis = s.store().diagnosisDocument(id);
        QJsonObject doc = entryToJson(r->entry);
        doc.insert(QStringLiteral("format"), QStringLiteral("verbscope.history-entry/1"));
        doc.insert(QStringLiteral("exchange"), exchangeToJson(r->exchange));
        doc.insert(QStringLiteral("diagnosis"), diagnosis ? QJsonValue(*diagnosis) : QJsonValue(QJsonValue::Null));
        doc.insert(QStringLiteral("checks"), children);
        writeOut(QJsonDocument(doc).toJson(QJsonDocument::Indented));
    } else if (p.isSet(QStringLiteral("raw"))) {
        SendCommand::printRaw(r->exchange);
    } else {
        printRecord(*r);
    }
    return ExitOk;
}

int diff(const QStringList &args)
{
    QCommandLineParser p;
    const int early = parse(p, QStringLiteral("diff"), args);
    if (early >= 0)
        return early;
    Session s(QStringLiteral("diff"));
    qint64 left = 0;
    qint64 right = 0;
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2 || !parseId(pos.at(0), left) || !parseId(pos.at(1), right))
        return s.usage(QStringLiteral("expected two entry ids"));
    if (!s.open())
        return ExitFailure;
    const std::optional<HistoryRecord> a = s.store().record(left);
    if (!a)
        return s.failStore();
    const std::optional<HistoryRecord> b = s.store().record(right);
    if (!b)
        return s.failStore();
    compare::ExchangeDiff::Options options;
    options.allHeaders = p.isSet(QStringLiteral("all-headers"));
    const compare::ExchangeDiff::Result result = compare::ExchangeDiff::compare(a->exchange, b->exchange, options);
    if (p.isSet(QStringLiteral("json"))) {
        auto side = [](const HistoryEntry &e) {
            return QJsonObject { { QStringLiteral("id"), e.id },
                { QStringLiteral("method"), QString::fromUtf8(e.method) }, { QStringLiteral("url"), e.url },
                { QStringLiteral("startedAt"), e.startedAt.toString(Qt::ISODateWithMs) } };
        };
        writeOut(QJsonDocument(compare::ExchangeDiff::toJson(result, side(a->entry), side(b->entry)))
                     .toJson(QJsonDocument::Indented));
    } else {
        writeOutText(compare::ExchangeDiff::toText(result, entryLabel(a->entry), entryLabel(b->entry)).toUtf8(),
            QStringLiteral("the comparison"));
    }
    return ExitOk;
}

// No default limit here (0 = all), unlike list: an export should hold every matching entry.
int exportHar(const QStringList &args)
{
    QCommandLineParser p;
    const int early = parse(p, QStringLiteral("export"), args);
    if (early >= 0)
        return early;
    Session s(QStringLiteral("export"));
    if (!p.isSet(QStringLiteral("har")))
        return s.usage(QStringLiteral("expected --har FILE (the one export format of the history)"));
    HistoryFilter filter;
    const QStringList errors = filterFrom(p, filter, 0);
    for (const QString &e : errors)
        s.usage(e);
    if (!errors.isEmpty())
        return ExitUsage;
    if (!s.open())
        return ExitFailure;
    QList<HistoryEntry> entries = s.store().list(filter);
    if (!s.store().lastError().isEmpty())
        return s.failStore();
    std::reverse(entries.begin(), entries.end()); // HAR lists entries in the order they happened
    QList<Exchange> exchanges;
    for (const HistoryEntry &e : std::as_const(entries)) {
        const std::optional<HistoryRecord> r = s.store().record(e.id);
        if (r)
            exchanges << r->exchange;
        else if (s.store().lastFailureIsDamage()) // not a shorter export that looks complete
            return s.failStore();
    }
    const QByteArray har = QJsonDocument(HarWriter::toHar(exchanges)).toJson(QJsonDocument::Indented);
    const QString file = p.value(QStringLiteral("har"));
    if (file == QLatin1String("-")) {
        writeOut(har);
        return ExitOk;
    }
    // Bodies in the history can hold tokens whatever the header masking did: a new file is
    // owner-only. A plain QFile, so /dev/stdout and process substitution keep working.
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || f.write(har) != har.size() || !f.flush())
        return s.fail(QStringLiteral("cannot write %1: %2").arg(file, f.errorString()));
    writeErrText(QStringLiteral("verbscope-cli: %1 entries written to %2\n").arg(exchanges.size()).arg(file));
    return ExitOk;
}

// Deleting cannot be undone, so without --yes it asks, and refuses when stdin is not a terminal
// rather than reading an answer from a pipe.
int clear(const QStringList &args)
{
    QCommandLineParser p;
    const int early = parse(p, QStringLiteral("clear"), args);
    if (early >= 0)
        return early;
    Session s(QStringLiteral("clear"));
    HistoryFilter filter;
    filter.limit = 0;
    if (p.isSet(QStringLiteral("before"))) {
        QString error;
        filter.until = TimeSpec::parse(p.value(QStringLiteral("before")), QDateTime::currentDateTime(), &error);
        if (!filter.until.isValid())
            return s.usage(QStringLiteral("--before %1").arg(error));
    }
    if (!p.positionalArguments().isEmpty())
        return s.usage(QStringLiteral("unexpected argument \"%1\"").arg(p.positionalArguments().constFirst()));
    if (!s.open())
        return ExitFailure;
    const qint64 n = s.store().count(filter);
    if (n < 0)
        return s.failStore();
    if (n == 0) {
        writeErrText(QStringLiteral("verbscope-cli: nothing to delete\n"));
        return ExitOk;
    }
    if (!p.isSet(QStringLiteral("yes"))) {
        if (!stdinIsTerminal())
            return s.usage(QStringLiteral(
                "would delete %1 entries; add --yes to confirm (stdin is not a terminal, so it cannot ask)")
                               .arg(n));
        writeErrText(
            QStringLiteral("Delete %1 history entries%2 and their checks? [y/N] ")
                .arg(n)
                .arg(filter.until.isValid() ? QStringLiteral(" older than %1").arg(filter.until.toString(Qt::ISODate))
                                            : QString()));
        std::fflush(stderr);
        char answer[16] = {};
        if (!std::fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y')) {
            writeErrText(QStringLiteral("verbscope-cli: nothing deleted\n"));
            return ExitOk;
        }
    }
    const qint64 removed = s.store().remove(filter);
    if (removed < 0)
        return s.failStore();
    writeErrText(QStringLiteral("verbscope-cli: %1 entries deleted\n").arg(removed));
    return ExitOk;
}

void printMessages(HistoryRecorder &recorder)
{
    for (const QString &m : recorder.takeMessages())
        warn(m);
}
} // namespace

namespace {
// One row per subcommand: dispatch, completion and the man page all read it.
using RunSubcommand = int (*)(const QString &sub, const QStringList &args);
const std::pair<const char *, RunSubcommand> Subcommands[] = {
    { "list", &listOrSearch },
    { "search", &listOrSearch },
    { "show", [](const QString &, const QStringList &args) { return show(args); } },
    { "diff", [](const QString &, const QStringList &args) { return diff(args); } },
    { "export", [](const QString &, const QStringList &args) { return exportHar(args); } },
    { "clear", [](const QString &, const QStringList &args) { return clear(args); } },
};
} // namespace

// The union of every subcommand's options, each once: the man page and completions need one
// CommandLine per command, while parsing uses subCommandLine().
CommandLine HistoryCommand::commandLine()
{
    CommandLine c;
    c.description = QString::fromUtf8(Usage).section(QLatin1Char('\n'), 2).trimmed();
    c.positionals.append(
        { QStringLiteral("SUBCOMMAND"), QStringLiteral("list, search, show, diff, export or clear."), {} });
    for (const auto &row : Subcommands)
        c.subcommands << QLatin1String(row.first);
    QStringList seen;
    for (const QString &sub : std::as_const(c.subcommands))
        for (const QCommandLineOption &o : subCommandLine(sub).options)
            if (!seen.contains(o.names().constFirst())) {
                seen << o.names().constFirst();
                c.options.append(o);
            }
    return c;
}

int HistoryCommand::run(const QStringList &arguments)
{
    const QString sub = arguments.value(1);
    const QStringList rest = arguments.mid(2);
    if (sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h") || sub == QLatin1String("help")) {
        writeOut(QByteArrayView(Usage));
        return sub.isEmpty() ? ExitUsage : ExitOk;
    }
    for (const auto &[name, runSubcommand] : Subcommands)
        if (sub == QLatin1String(name))
            return runSubcommand(sub, rest);
    writeErrText(QStringLiteral("verbscope-cli history: unknown subcommand \"%1\"\n\n").arg(sub));
    writeErr(QByteArrayView(Usage));
    return ExitUsage;
}

// Deferred: the entry goes to a pending file and SQLite is not opened, keeping a one-shot command
// fast; the next reader of the history takes pending files in. A request that never left is not recorded.
void HistoryCommand::record(const Exchange &exchange, const QString &source)
{
    if (exchange.error.kind == ErrorKind::InvalidRequest)
        return; // nothing was sent
    HistoryRecorder recorder(source, {}, HistoryRecorder::Mode::Deferred);
    recorder.record(exchange);
    recorder.flush();
    printMessages(recorder);
}

void HistoryCommand::record(const QList<Exchange> &exchanges, const QString &source)
{
    HistoryRecorder recorder(source, {}, HistoryRecorder::Mode::Deferred);
    for (const Exchange &exchange : exchanges)
        if (exchange.error.kind != ErrorKind::InvalidRequest)
            recorder.record(exchange);
    recorder.flush();
    printMessages(recorder);
}

void HistoryCommand::record(const diagnosis::Diagnosis &diagnosis, const QString &source)
{
    if (diagnosis.exchange.error.kind == ErrorKind::InvalidRequest)
        return;
    HistoryRecorder recorder(source, {}, HistoryRecorder::Mode::Deferred);
    recorder.record(diagnosis);
    recorder.flush();
    printMessages(recorder);
}

} // namespace verbscope::cli
