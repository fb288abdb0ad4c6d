// SPDX-License-Identifier: GPL-3.0-or-later
// RunReport::html: `run --report FILE.html`, one page a person opens from a CI artifact, offline.
// Nothing in it loads anything (a Content-Security-Policy forbids it too); every text from the
// run is escaped, so a hostile response body stays text; secrets are masked like everywhere else.
#include "core/collections/RunReport.h"

#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/Verdict.h"
#include "core/http/ExchangeText.h"
#include "core/http/HttpSyntax.h"
#include "core/http/Secrets.h"
#include "core/http/VisibleText.h"

namespace verbscope::collections {

using namespace verbscope::http;

namespace {
QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

const char *const Style = R"css(
:root{--bg:#fff;--fg:#1b1f24;--muted:#5b636d;--line:#d5dae0;--pass:#1a7f37;--fail:#c62828;--skip:#8a6d00;--code:#f5f7f9}
@media (prefers-color-scheme:dark){:root{--bg:#15181c;--fg:#e3e6ea;--muted:#9aa3ad;--line:#343a42;--pass:#4cc26a;--fail:#ff6b6b;--skip:#e0c050;--code:#1e2227}}
body{background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em}
h1{font-size:1.4em;margin:.2em 0}h3{font-size:1em;margin:1em 0 .3em}
.summary span{margin-right:1.2em;font-weight:600}.pass{color:var(--pass)}.fail{color:var(--fail)}.skip{color:var(--skip)}
.meta,.where,.muted{color:var(--muted)}details{border:1px solid var(--line);border-radius:6px;margin:.5em 0;padding:.3em .7em}
summary{cursor:pointer}.badge{font-weight:700;display:inline-block;min-width:4.5em}
pre{background:var(--code);padding:.5em;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:.2em 0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:.2em .4em;text-align:left;vertical-align:top}
.note{font-style:italic;color:var(--muted)}nav button{margin-right:.5em}
body.only-failed details.passed{display:none}
@media print{nav{display:none}details{break-inside:avoid}pre{white-space:pre-wrap}body{max-width:none}}
)css";

// Filter buttons and "open everything before printing"; without JavaScript the page is complete.
const char *const Script = R"js(
document.querySelectorAll('nav button').forEach(function(b){b.addEventListener('click',function(){document.body.classList.toggle('only-failed',b.dataset.only==='failed');});});
window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});
)js";

QString headerLines(const HeaderList &headers)
{
    QString out;
    for (const Header &h : headers)
        out += QStringLiteral("%1: %2\n")
                   .arg(visibleIfNeeded(h.name, TextShape::Field),
                       isSecretHeaderName(QByteArrayView(h.name)) ? QStringLiteral("****")
                                                                  : visibleIfNeeded(h.value, TextShape::Field));
    return out;
}

// A body as text, cut at RunReport::MaxBodyShown; binary bytes as a note and their first bytes in hex.
QString bodyBlock(const QByteArray &body, qint64 fullSize, bool truncatedBefore, const QString &file = {})
{
    const qint64 size = qMax<qint64>(fullSize, body.size());
    if (body.isEmpty()) {
        if (!file.isEmpty())
            return QStringLiteral("<p class=\"note\">body written to %1 (%2 bytes)</p>")
                .arg(esc(file), QString::number(size));
        return size > 0 ? QStringLiteral("<p class=\"note\">%1 bytes, not kept</p>").arg(size)
                        : QStringLiteral("<p class=\"note\">no body</p>");
    }
    if (looksBinary(body)) {
        const QByteArray head = body.left(64);
        return QStringLiteral(
            "<p class=\"note\">binary body, %1 bytes, not shown; the first %2 as hex:</p><pre>%3</pre>")
            .arg(size)
            .arg(head.size())
            .arg(QString::fromLatin1(head.toHex(' ')));
    }
    const QByteArray shown = body.left(RunReport::MaxBodyShown);
    QString out = QStringLiteral("<pre>%1</pre>").arg(esc(visibleIfNeeded(shown, TextShape::Lines)));
    if (shown.size() < size || truncatedBefore)
        out += QStringLiteral("<p class=\"note\">cut: %1 of %2 bytes shown (%3 bytes not shown)</p>")
                   .arg(shown.size())
                   .arg(size)
                   .arg(size - shown.size());
    return out;
}

QString exchangeSection(const RunStep &s)
{
    const Exchange &ex = s.exchange;
    const bool wasSent = !ex.request.method.isEmpty();
    const QByteArray method = wasSent ? ex.request.method : s.spec.method;
    const QString url = redactUrl(wasSent ? ex.request.url : s.spec.url);
    QString out = QStringLiteral("<h3>Request</h3><pre>%1 %2\n%3</pre>")
                      .arg(esc(visibleIfNeeded(method, TextShape::Field)), esc(url),
                          esc(headerLines(wasSent ? ex.request.headers : s.spec.headers)));
    out += wasSent ? bodyBlock(ex.request.body, ex.request.bodySize, false)
                   : bodyBlock(s.spec.body, s.spec.body.size(), false, s.spec.bodyFile);
    for (const Hop &hop : ex.redirects)
        out += QStringLiteral("<p class=\"muted\">redirect: %1 %2 → %3</p>")
                   .arg(esc(QString::fromUtf8(hop.request.method)), esc(redactUrl(hop.request.url)),
                       QString::number(hop.response.head.status));
    if (ex.error.isError())
        out += QStringLiteral("<h3>No answer</h3><p class=\"fail\">%1</p>").arg(esc(RunReport::statusText(s)));
    if (!ex.response.received)
        return out;
    const ResponseHead &head = ex.response.head;
    out += QStringLiteral("<h3>Response</h3><pre>HTTP/%1 %2 %3\n%4</pre>")
               .arg(esc(head.httpVersion), QString::number(head.status),
                   esc(visibleIfNeeded(head.reason, TextShape::Field)), esc(headerLines(head.headers)));
    out += bodyBlock(ex.response.body, ex.response.decodedSize, ex.response.bodyTruncated, ex.response.bodyFile);
    return out;
}

QString diagnosisSection(const RunStep &s)
{
    if (!s.sent || (!s.exchange.response.received && !s.exchange.error.isError()))
        return {};
    const diagnosis::Diagnosis d = diagnosis::Diagnoser::diagnose(s.spec, s.exchange); // passive: sends nothing
    QString out = QStringLiteral("<h3>Diagnosis</h3><p><b>%1</b> · answered by %2</p><p>%3</p>")
                      .arg(esc(diagnosis::verdictId(d.classification.verdict)),
                          esc(diagnosis::partyId(d.classification.answeredBy)), esc(redactText(d.summary)));
    if (!d.classification.attribution.isEmpty())
        out += QStringLiteral("<p class=\"muted\">%1</p>").arg(esc(redactText(d.classification.attribution)));
    if (!d.findings.isEmpty()) {
        out += QStringLiteral("<ul>");
        for (const diagnosis::Finding &f : d.findings)
            out += QStringLiteral("<li><b>%1</b> <span class=\"muted\">[%2, %3]</span> %4</li>")
                       .arg(esc(redactText(f.title)), esc(diagnosis::severityId(f.severity)), esc(f.id),
                           esc(redactText(f.detail)));
        out += QStringLiteral("</ul>");
    }
    return out;
}

QString testsSection(const RunStep &s)
{
    if (s.tests.isEmpty())
        return {};
    QString out = QStringLiteral("<h3>Tests</h3><table><tr><th></th><th>Test</th><th>Where</th><th>Message</th></tr>");
    for (const RunTest &t : s.tests) {
        const bool error = t.kind == RunTest::Kind::ScriptError;
        out += QStringLiteral("<tr class=\"test\"><td class=\"%1\">%2</td><td>%3%4</td><td class=\"where\">%5:%6</td>"
                              "<td>%7</td></tr>")
                   .arg(t.passed ? QStringLiteral("pass") : QStringLiteral("fail"),
                       t.passed    ? QStringLiteral("pass")
                           : error ? QStringLiteral("ERROR")
                                   : QStringLiteral("FAIL"),
                       t.kind == RunTest::Kind::Assertion ? QStringLiteral("?? ") : QString(), esc(redactText(t.name)),
                       esc(t.file.isEmpty() ? s.file : t.file), QString::number(t.line), esc(redactText(t.message)));
    }
    return out + QStringLiteral("</table>");
}

QString listSection(const QString &title, const QStringList &lines, bool pre = false)
{
    if (lines.isEmpty())
        return {};
    QStringList shown;
    for (const QString &l : lines)
        shown << esc(redactText(l));
    if (pre)
        return QStringLiteral("<h3>%1</h3><pre>%2</pre>").arg(title, shown.join(QLatin1Char('\n')));
    return QStringLiteral("<h3>%1</h3><ul><li>%2</li></ul>").arg(title, shown.join(QStringLiteral("</li><li>")));
}

QString stepSection(const RunStep &s, int index)
{
    const QString verdictClass = !s.sent ? QStringLiteral("skip")
        : s.passed                       ? QStringLiteral("pass")
                                         : QStringLiteral("fail");
    const QString badge = !s.sent ? QStringLiteral("NOT SENT")
        : s.passed                ? QStringLiteral("PASS")
                                  : QStringLiteral("FAIL");
    // One arg() call: text from the run may hold "%1" and must not be substituted again.
    QString out
        = QStringLiteral("<details class=\"step %1\" id=\"step-%2\"%3><summary><span class=\"badge %4\">%5</span> "
                         "<b>%6</b> <span class=\"where\">%7:%8</span> <code>%9</code>")
              .arg(s.passed ? QStringLiteral("passed") : QStringLiteral("failed"), QString::number(index),
                  s.passed ? QString() : QStringLiteral(" open"), verdictClass, badge, esc(RunReport::displayName(s)),
                  esc(s.file), QString::number(s.line),
                  esc(QStringLiteral("%1 %2").arg(QString::fromUtf8(s.spec.method), redactUrl(s.spec.url))));
    out += QStringLiteral(" → %1").arg(esc(RunReport::statusText(s)));
    if (!s.verdict.isEmpty())
        out += QStringLiteral(" · %1").arg(esc(s.verdict));
    if (s.sent)
        out += QStringLiteral(" · %1 ms").arg(s.exchange.timings.total.value_or(0.0), 0, 'f', 1);
    if (s.dependency)
        out += QStringLiteral(" <span class=\"muted\">(sent first: referenced later)</span>");
    out += QStringLiteral("</summary>");
    out += listSection(QStringLiteral("Problems"), s.problems);
    out += testsSection(s);
    out += listSection(QStringLiteral("Log"), s.log, true);
    out += listSection(QStringLiteral("Notes"), s.notes);
    out += listSection(QStringLiteral("Warnings"), s.exchange.warnings);
    if (s.sent)
        out += exchangeSection(s) + diagnosisSection(s);
    return out + QStringLiteral("</details>\n");
}
} // namespace

QByteArray RunReport::html(const QList<RunStep> &steps, const RunSummary &summary)
{
    double totalMs = 0;
    for (const RunStep &s : steps)
        totalMs += s.exchange.timings.total.value_or(0.0);
    const QString title = QStringLiteral("VerbScope run: %1").arg(summary.collection);
    QString out = QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"generator\" content=\"VerbScope\"><title>%1</title><style>%2</style></head><body>\n")
                      .arg(esc(title), QString::fromUtf8(Style));
    out += QStringLiteral("<header><h1>%1</h1><p class=\"summary\"><span class=\"pass\">%2 passed</span>"
                          "<span class=\"fail\">%3 failed</span><span class=\"skip\">%4 not run</span></p>")
               .arg(esc(title), QString::number(summary.passed), QString::number(summary.failed),
                   QString::number(summary.notRun));
    out += QStringLiteral("<p class=\"meta\">environment: %1 · started: %2 · %3 requests · %4 ms in requests</p>")
               .arg(esc(summary.environment.isEmpty() ? QStringLiteral("(none)") : summary.environment),
                   esc(summary.startedAt.isValid() ? summary.startedAt.toUTC().toString(Qt::ISODate)
                                                   : QStringLiteral("?")),
                   QString::number(steps.size()), QString::number(totalMs, 'f', 1));
    out += QStringLiteral("<nav><button type=\"button\" data-only=\"all\">All</button>"
                          "<button type=\"button\" data-only=\"failed\">Failed only</button></nav></header>\n<main>\n");
    for (qsizetype i = 0; i < steps.size(); ++i)
        out += stepSection(steps.at(i), int(i + 1));
    out += QStringLiteral("</main>\n<script>%1</script>\n</body></html>\n").arg(QString::fromUtf8(Script));
    return out.toUtf8();
}

} // namespace verbscope::collections
