// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/RunReport.h"

#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/Verdict.h"
#include "core/http/ExchangeText.h"
#include "core/http/HttpSyntax.h"
#include "core/http/Secrets.h"
#include "core/http/VisibleText.h"

#include <QJsonArray>
#include <QXmlStreamWriter>

namespace verbscope::collections {

using namespace verbscope::http;

namespace {
double totalMs(const RunStep &s)
{
    return s.exchange.timings.total.value_or(0.0);
}

QString kindId(RunTest::Kind kind)
{
    switch (kind) {
    case RunTest::Kind::Assertion: return QStringLiteral("assertion");
    case RunTest::Kind::ScriptTest: return QStringLiteral("test");
    case RunTest::Kind::ScriptError: return QStringLiteral("script-error");
    }
    return {};
}

QStringList redacted(const QStringList &lines)
{
    QStringList out;
    for (const QString &l : lines)
        out << redactText(l);
    return out;
}

QJsonArray jsonLines(const QStringList &lines)
{
    return QJsonArray::fromStringList(redacted(lines));
}

// A JUnit test case: a request without tests is one, a request with tests one per test; a request
// not sent, a script that threw and a problem outside the tests are errors, not failures.
struct TestCase {
    QString name;
    QString file;
    int line = 0;
    double ms = 0;
    bool failed = false;
    bool error = false;
    QString message;
    QString type;
    QString detail;
    QString out; // system-out: the step's log and notes, on its first case only
};

QString requestLine(const RunStep &s)
{
    return QStringLiteral("%1 %2").arg(QString::fromUtf8(s.spec.method), redactUrl(s.spec.url));
}

QList<TestCase> testCases(const RunStep &s)
{
    const QString name = RunReport::displayName(s);
    const QString problems = redacted(s.problems).join(QLatin1Char('\n'));
    QList<TestCase> cases;
    if (!s.sent) {
        cases.append({ name, s.file, s.line, 0, true, true,
            s.problems.isEmpty() ? QStringLiteral("not sent") : redactText(s.problems.constFirst()),
            QStringLiteral("not-sent"), QStringLiteral("%1\nnot sent\n%2").arg(requestLine(s), problems), {} });
    } else {
        const bool transportError = s.exchange.error.isError();
        const QString detail = QStringLiteral("%1 -> %2 (%3)").arg(requestLine(s), RunReport::statusText(s), s.verdict);
        if (s.tests.isEmpty())
            cases.append({ name, s.file, s.line, totalMs(s), !s.passed, transportError, RunReport::statusText(s),
                s.verdict, detail, {} });
        for (const RunTest &t : s.tests) {
            const QString file = t.file.isEmpty() ? s.file : t.file;
            const QString message = redactText(t.message.isEmpty() && !t.passed ? t.name : t.message);
            const QString what = t.kind == RunTest::Kind::Assertion ? QStringLiteral("?? ")
                : t.kind == RunTest::Kind::ScriptTest               ? QStringLiteral("client.test ")
                                                                    : QStringLiteral("script error: ");
            const bool scriptError = t.kind == RunTest::Kind::ScriptError;
            cases.append({ QStringLiteral("%1: %2").arg(name, redactText(t.name)), file, t.line, totalMs(s), !t.passed,
                !t.passed && (scriptError || transportError), message,
                t.kind == RunTest::Kind::Assertion ? QStringLiteral("assertion")
                    : scriptError                  ? QStringLiteral("script-error")
                                                   : QStringLiteral("client.test"),
                QStringLiteral("%1:%2: %3%4: %5\n%6")
                    .arg(file, QString::number(t.line), what, redactText(t.name), message, detail),
                {} });
        }
        if (!s.problems.isEmpty())
            cases.append({ name, s.file, s.line, totalMs(s), true, true, redactText(s.problems.constFirst()),
                QStringLiteral("problem"), QStringLiteral("%1\n%2").arg(detail, problems), {} });
    }
    QStringList out;
    if (s.dependency)
        out << QStringLiteral("sent first: a later request referenced it");
    out += redacted(s.notes);
    for (const QString &l : redacted(s.log))
        out << QStringLiteral("log: ") + l;
    cases.first().out = out.join(QLatin1Char('\n'));
    return cases;
}

struct Counts {
    int tests = 0;
    int failures = 0;
    int errors = 0;
    double ms = 0;
};

Counts count(const QList<RunStep> &steps, qsizetype from, qsizetype to)
{
    Counts c;
    for (qsizetype k = from; k < to; ++k) {
        c.ms += totalMs(steps.at(k));
        for (const TestCase &t : testCases(steps.at(k))) {
            ++c.tests;
            c.errors += t.failed && t.error ? 1 : 0;
            c.failures += t.failed && !t.error ? 1 : 0;
        }
    }
    return c;
}

void writeCounts(QXmlStreamWriter &w, const QString &name, const Counts &c)
{
    w.writeAttribute(QStringLiteral("name"), name);
    w.writeAttribute(QStringLiteral("tests"), QString::number(c.tests));
    w.writeAttribute(QStringLiteral("failures"), QString::number(c.failures));
    w.writeAttribute(QStringLiteral("errors"), QString::number(c.errors));
    w.writeAttribute(QStringLiteral("time"), QString::number(c.ms / 1000.0, 'f', 3));
}
} // namespace

QString RunReport::displayName(const RunStep &step)
{
    return step.iteration < 0 ? step.name
                              : QStringLiteral("%1 [row %2]").arg(step.name, QString::number(step.iteration + 1));
}

QString RunReport::statusText(const RunStep &step)
{
    const Exchange &ex = step.exchange;
    if (!step.sent)
        return QStringLiteral("not sent");
    if (ex.error.isError())
        return QStringLiteral("%1: %2").arg(errorKindName(ex.error.kind), redactText(ex.error.message));
    return QString::number(ex.response.head.status) + QLatin1Char(' ') + escapeBytes(ex.response.head.reason);
}

QByteArray RunReport::junit(const QList<RunStep> &steps, const RunSummary &summary)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("testsuites"));
    writeCounts(w, summary.collection, count(steps, 0, steps.size()));
    const QString timestamp = (summary.startedAt.isValid() ? summary.startedAt : QDateTime::currentDateTimeUtc())
                                  .toUTC()
                                  .toString(Qt::ISODate);
    qsizetype start = 0;
    while (start < steps.size()) { // one suite per file, in run order
        qsizetype end = start;
        while (end < steps.size() && steps.at(end).file == steps.at(start).file)
            ++end;
        w.writeStartElement(QStringLiteral("testsuite"));
        writeCounts(w, steps.at(start).file, count(steps, start, end));
        w.writeAttribute(QStringLiteral("timestamp"), timestamp);
        for (qsizetype k = start; k < end; ++k) {
            for (const TestCase &c : testCases(steps.at(k))) {
                w.writeStartElement(QStringLiteral("testcase"));
                w.writeAttribute(QStringLiteral("name"), c.name);
                w.writeAttribute(QStringLiteral("classname"), steps.at(k).file);
                w.writeAttribute(QStringLiteral("file"), c.file);
                w.writeAttribute(QStringLiteral("line"), QString::number(c.line));
                w.writeAttribute(QStringLiteral("time"), QString::number(c.ms / 1000.0, 'f', 3));
                if (c.failed) {
                    w.writeStartElement(c.error ? QStringLiteral("error") : QStringLiteral("failure"));
                    w.writeAttribute(QStringLiteral("message"), c.message);
                    w.writeAttribute(QStringLiteral("type"), c.type);
                    w.writeCharacters(c.detail);
                    w.writeEndElement();
                }
                if (!c.out.isEmpty())
                    w.writeTextElement(QStringLiteral("system-out"), c.out);
                w.writeEndElement();
            }
        }
        w.writeEndElement();
        start = end;
    }
    w.writeEndElement();
    w.writeEndDocument();
    return xml;
}

QJsonObject RunReport::json(const QList<RunStep> &steps, const RunSummary &summary)
{
    QJsonArray results;
    for (const RunStep &s : steps) {
        QJsonObject o {
            { QStringLiteral("name"), s.name },
            { QStringLiteral("file"), s.file },
            { QStringLiteral("line"), s.line },
            { QStringLiteral("method"), QString::fromUtf8(s.spec.method) },
            { QStringLiteral("url"), redactUrl(s.spec.url) },
            { QStringLiteral("verdict"), s.verdict },
            { QStringLiteral("passed"), s.passed },
            { QStringLiteral("timeMs"), totalMs(s) },
        };
        if (s.iteration >= 0)
            o.insert(QStringLiteral("row"), s.iteration + 1);
        if (s.dependency)
            o.insert(QStringLiteral("dependency"), true);
        if (!s.sent)
            o.insert(QStringLiteral("sent"), false);
        if (s.exchange.response.received)
            o.insert(QStringLiteral("status"), s.exchange.response.head.status);
        QJsonArray assertions;
        QJsonArray tests;
        for (const RunTest &t : s.tests) {
            const QString message = redactText(t.message);
            if (t.kind == RunTest::Kind::Assertion)
                assertions.append(
                    QJsonObject { { QStringLiteral("line"), t.line }, { QStringLiteral("text"), redactText(t.name) },
                        { QStringLiteral("passed"), t.passed }, { QStringLiteral("message"), message } });
            tests.append(QJsonObject { { QStringLiteral("kind"), kindId(t.kind) },
                { QStringLiteral("name"), redactText(t.name) },
                { QStringLiteral("file"), t.file.isEmpty() ? s.file : t.file }, { QStringLiteral("line"), t.line },
                { QStringLiteral("passed"), t.passed }, { QStringLiteral("message"), message } });
        }
        if (!assertions.isEmpty())
            o.insert(QStringLiteral("assertions"), assertions); // verbscope.run/1 had only these
        if (!tests.isEmpty())
            o.insert(QStringLiteral("tests"), tests);
        if (!s.log.isEmpty())
            o.insert(QStringLiteral("log"), jsonLines(s.log));
        if (!s.problems.isEmpty())
            o.insert(QStringLiteral("problems"), jsonLines(s.problems));
        if (!s.notes.isEmpty())
            o.insert(QStringLiteral("notes"), jsonLines(s.notes));
        if (!s.exchange.warnings.isEmpty())
            o.insert(QStringLiteral("warnings"), jsonLines(s.exchange.warnings));
        if (s.exchange.error.isError())
            o.insert(QStringLiteral("error"),
                QJsonObject { { QStringLiteral("kind"), errorKindName(s.exchange.error.kind) },
                    { QStringLiteral("message"), redactText(s.exchange.error.message) } });
        results.append(o);
    }
    QJsonObject doc { { QStringLiteral("format"), QStringLiteral("verbscope.run/1") },
        { QStringLiteral("collection"), summary.collection }, { QStringLiteral("environment"), summary.environment },
        { QStringLiteral("results"), results }, { QStringLiteral("passed"), summary.passed },
        { QStringLiteral("failed"), summary.failed }, { QStringLiteral("notRun"), summary.notRun } };
    if (summary.startedAt.isValid())
        doc.insert(QStringLiteral("startedAt"), summary.startedAt.toUTC().toString(Qt::ISODateWithMs));
    return doc;
}

} // namespace verbscope::collections
