// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compare/ExchangeDiff.h"

#include "core/http/ExchangeJson.h"
#include "core/http/ExchangeText.h"
#include "core/http/HttpSyntax.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <vector>

// Behind `verbscope history diff`, `verbscope compare` and the app's CompareView: turns two
// exchanges into a Result, then renders it as text, JSON or Markdown. Never touches network or store.

namespace verbscope::compare {

using namespace verbscope::http;

namespace {
// Change on every request without meaning anything about the server's behaviour.
const char *const VolatileHeaders[] = {
    "Date",
    "Age",
    "Expires",
    "X-Request-Id",
    "X-Correlation-Id",
    "Request-Id",
    "X-Trace-Id",
    "Traceparent",
    "X-Amz-Request-Id",
    "X-Amzn-RequestId",
    "X-Amzn-Trace-Id",
    "X-Amz-Cf-Id",
    "CF-Ray",
    "X-Runtime",
    "X-Response-Time",
    "Server-Timing",
    "X-Served-By",
    "X-Timer",
};

// Fields whose value is a comma-separated list (RFC 9110 §5.3): one line or several is the same.
const char *const ListHeaders[] = {
    "Allow",
    "Vary",
    "Accept",
    "Accept-Encoding",
    "Accept-Language",
    "Accept-Ranges",
    "Cache-Control",
    "Connection",
    "Content-Encoding",
    "Transfer-Encoding",
    "Via",
    "Pragma",
    "Access-Control-Allow-Methods",
    "Access-Control-Allow-Headers",
    "Access-Control-Expose-Headers",
    "Trailer",
    "Upgrade",
    "Link",
};

// Field names are case-insensitive (RFC 9110 §5.1), so a plain string compare is not enough.
bool inList(QByteArrayView name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        if (headerNameEquals(name.toByteArray(), list[i]))
            return true;
    return false;
}

// A transport failure has no status line at all; status 0 stands for "no answer".
ExchangeDiff::StatusLine statusOf(const Exchange &ex)
{
    if (!ex.response.received)
        return {};
    return { ex.response.head.status, ex.response.head.reason, ex.response.head.httpVersion };
}

// What the values mean, so that merged and separate field lines compare equal.
QList<QByteArray> elements(QByteArrayView name, const QList<QByteArray> &values)
{
    QList<QByteArray> out;
    if (headerNameEquals(name.toByteArray(), "Set-Cookie")) {
        for (const QByteArray &v : values)
            for (const QByteArray &line : v.split('\n'))
                out << line.trimmed();
        return out;
    }
    const QByteArray joined = values.join(", ");
    if (!inList(name, ListHeaders, std::size(ListHeaders)))
        return { joined.trimmed() };
    for (const QByteArray &part : joined.split(','))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// Keys that are not identifiers get the bracket form so that the path can be read back unambiguously.
QString jsonKey(const QString &path, const QString &key)
{
    static const QRegularExpression ident(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    if (ident.match(key).hasMatch())
        return path + QLatin1Char('.') + key;
    QString escaped = key;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return path + QStringLiteral("[\"") + escaped + QStringLiteral("\"]");
}

// Reports changes per JSON path rather than per line, so key order and spacing never show up as noise.
// Keys are sorted so that the output does not depend on either side's member order.
void diffJson(const QString &path, const QJsonValue &a, const QJsonValue &b, QList<ExchangeDiff::JsonChange> &out)
{
    using C = ExchangeDiff::Change;
    if (a.type() != b.type()) {
        out.append({ path, C::Changed, a, b });
        return;
    }
    if (a.isObject()) {
        const QJsonObject oa = a.toObject();
        const QJsonObject ob = b.toObject();
        QStringList keys = oa.keys();
        for (const QString &k : ob.keys())
            if (!oa.contains(k))
                keys << k;
        std::sort(keys.begin(), keys.end());
        for (const QString &k : std::as_const(keys)) {
            const QString p = jsonKey(path, k);
            if (!ob.contains(k))
                out.append({ p, C::Removed, oa.value(k), QJsonValue(QJsonValue::Undefined) });
            else if (!oa.contains(k))
                out.append({ p, C::Added, QJsonValue(QJsonValue::Undefined), ob.value(k) });
            else
                diffJson(p, oa.value(k), ob.value(k), out);
        }
        return;
    }
    if (a.isArray()) {
        const QJsonArray aa = a.toArray();
        const QJsonArray ab = b.toArray();
        const qsizetype common = std::min(aa.size(), ab.size());
        for (qsizetype i = 0; i < common; ++i)
            diffJson(path + QStringLiteral("[%1]").arg(i), aa.at(i), ab.at(i), out);
        for (qsizetype i = common; i < aa.size(); ++i)
            out.append(
                { path + QStringLiteral("[%1]").arg(i), C::Removed, aa.at(i), QJsonValue(QJsonValue::Undefined) });
        for (qsizetype i = common; i < ab.size(); ++i)
            out.append({ path + QStringLiteral("[%1]").arg(i), C::Added, QJsonValue(QJsonValue::Undefined), ab.at(i) });
        return;
    }
    if (a != b)
        out.append({ path, C::Changed, a, b });
}

// Only an object or array counts as JSON: a bare scalar body is diffed as text.
bool parseJson(const QByteArray &bytes, QJsonValue &value)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return false;
    value = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    return true;
}

// CRLF and LF bodies must compare equal line by line, so a trailing '\r' is dropped.
QStringList splitLines(const QByteArray &bytes)
{
    QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast(); // a final line end does not start another line
    for (QString &l : lines)
        if (l.endsWith(QLatin1Char('\r')))
            l.chop(1);
    return lines;
}

// Unified-diff style hunks. Common head and tail are trimmed first so that the quadratic LCS table
// only covers the changed middle; maxLineDiffCells caps its memory for huge bodies.
void diffLines(const QByteArray &leftBytes, const QByteArray &rightBytes, const ExchangeDiff::Options &options,
    ExchangeDiff::BodyDiff &body)
{
    const QStringList a = splitLines(leftBytes);
    const QStringList b = splitLines(rightBytes);
    qsizetype prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.at(prefix) == b.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
        ++suffix;
    const qsizetype n = a.size() - prefix - suffix;
    const qsizetype m = b.size() - prefix - suffix;
    if (double(n) * double(m) > double(options.maxLineDiffCells)) {
        body.note = QStringLiteral("%1 and %2 differing lines: too many for a line diff").arg(n).arg(m);
        return;
    }
    // Longest common subsequence of the differing middle; 'ops' is the full edit script.
    std::vector<int> lcs(size_t((n + 1) * (m + 1)), 0);
    auto at = [m](qsizetype i, qsizetype j) { return size_t(i * (m + 1) + j); };
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[at(i, j)] = a.at(prefix + i) == b.at(prefix + j) ? lcs[at(i + 1, j + 1)] + 1
                                                                 : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    QList<ExchangeDiff::LineOp> ops;
    for (qsizetype i = 0; i < prefix; ++i)
        ops.append({ ' ', int(i + 1), int(i + 1), a.at(i) });
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(prefix + i) == b.at(prefix + j)) {
            ops.append({ ' ', int(prefix + i + 1), int(prefix + j + 1), a.at(prefix + i) });
            ++i;
            ++j;
        } else if (i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)])) {
            ops.append({ '-', int(prefix + i + 1), 0, a.at(prefix + i) }); // removals first, as diff -u does
            ++i;
        } else {
            ops.append({ '+', 0, int(prefix + j + 1), b.at(prefix + j) });
            ++j;
        }
    }
    for (qsizetype k = 0; k < suffix; ++k)
        ops.append(
            { ' ', int(a.size() - suffix + k + 1), int(b.size() - suffix + k + 1), a.at(a.size() - suffix + k) });

    // Keep changes and `contextLines` around them; '@' marks where a hunk starts.
    QList<bool> keep(ops.size(), false);
    for (qsizetype k = 0; k < ops.size(); ++k)
        if (ops.at(k).op != ' ')
            for (qsizetype c = std::max<qsizetype>(0, k - options.contextLines);
                 c <= std::min(ops.size() - 1, k + options.contextLines); ++c)
                keep[c] = true;
    int lastLeft = 0;
    int lastRight = 0;
    bool inHunk = false;
    for (qsizetype k = 0; k < ops.size(); ++k) {
        const ExchangeDiff::LineOp &op = ops.at(k);
        if (!keep.at(k)) {
            inHunk = false;
        } else {
            if (!inHunk)
                body.lines.append(
                    { '@', op.leftLine ? op.leftLine : lastLeft + 1, op.rightLine ? op.rightLine : lastRight + 1,
                        QStringLiteral("@@ -%1 +%2 @@")
                            .arg(op.leftLine ? op.leftLine : lastLeft + 1)
                            .arg(op.rightLine ? op.rightLine : lastRight + 1) });
            inHunk = true;
            body.lines.append(op);
        }
        if (op.leftLine)
            lastLeft = op.leftLine;
        if (op.rightLine)
            lastRight = op.rightLine;
    }
}

QString statusText(const ExchangeDiff::StatusLine &s)
{
    if (s.status == 0)
        return QStringLiteral("no answer");
    return QStringLiteral("%1 %2 (HTTP/%3)").arg(s.status).arg(escapeBytes(s.reason), s.httpVersion);
}

// Header values in the text and Markdown reports: each in the control-byte notation, so a CR or
// an ESC from a server never reaches a terminal or a rendered table as it is.
QString shownValues(const QList<QByteArray> &values, const QString &separator)
{
    QStringList out;
    for (const QByteArray &v : values)
        out << escapeBytes(v);
    return out.join(separator);
}

QJsonValue statusJson(const ExchangeDiff::StatusLine &s)
{
    if (s.status == 0)
        return QJsonValue(QJsonValue::Null);
    return QJsonObject { { QStringLiteral("status"), s.status }, { QStringLiteral("reason"), headerText(s.reason) },
        { QStringLiteral("httpVersion"), s.httpVersion } };
}

QJsonArray textArray(const QList<QByteArray> &values)
{
    QJsonArray out;
    for (const QByteArray &v : values)
        out.append(headerText(v));
    return out;
}

QString kindName(ExchangeDiff::BodyKind k)
{
    switch (k) {
    case ExchangeDiff::BodyKind::None: return QStringLiteral("none");
    case ExchangeDiff::BodyKind::Text: return QStringLiteral("text");
    case ExchangeDiff::BodyKind::Json: return QStringLiteral("json");
    case ExchangeDiff::BodyKind::Binary: return QStringLiteral("binary");
    }
    return {};
}

// Undefined marks "not on this side", which must not read as JSON null.
QString compactJson(const QJsonValue &v)
{
    if (v.isUndefined())
        return QStringLiteral("(absent)");
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    // Wrap a scalar in an array to get its JSON spelling, then strip the brackets.
    const QString s = QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
    return s.mid(1, s.size() - 2);
}
} // namespace

bool ExchangeDiff::isVolatileHeader(QByteArrayView name)
{
    return inList(name, VolatileHeaders, std::size(VolatileHeaders));
}

QString ExchangeDiff::changeName(Change change)
{
    switch (change) {
    case Change::Added: return QStringLiteral("added");
    case Change::Removed: return QStringLiteral("removed");
    case Change::Changed: return QStringLiteral("changed");
    case Change::Reordered: return QStringLiteral("reordered");
    }
    return {};
}

// Headers are compared by meaning (elements()), not by the raw field lines: Qt merges duplicates and
// servers split lists differently, and neither is a change in behaviour. Same elements in another
// order are reported as Reordered, because order can matter (e.g. Content-Encoding).
ExchangeDiff::Result ExchangeDiff::compare(const Exchange &left, const Exchange &right, const Options &options)
{
    Result r;
    r.left = statusOf(left);
    r.right = statusOf(right);
    // "1.x" is the Qt transport's "1.0 or 1.1": not a difference by itself.
    const auto sameVersion = [](const QString &a, const QString &b) {
        return a == b || (a == QLatin1String("1.x") && b.startsWith(QLatin1String("1.")))
            || (b == QLatin1String("1.x") && a.startsWith(QLatin1String("1.")));
    };
    r.statusChanged = r.left.status != r.right.status || r.left.reason != r.right.reason
        || !sameVersion(r.left.httpVersion, r.right.httpVersion);

    // Names in first-seen order, left then right.
    const HeaderList &leftHeaders = left.response.head.headers;
    const HeaderList &rightHeaders = right.response.head.headers;
    QList<QByteArray> names;
    auto seen = [&names](const QByteArray &n) {
        return std::any_of(names.cbegin(), names.cend(), [&n](const QByteArray &x) { return headerNameEquals(x, n); });
    };
    for (const HeaderList *list : { &leftHeaders, &rightHeaders })
        for (const Header &h : *list)
            if (!seen(h.name))
                names << h.name;
    for (const QByteArray &name : std::as_const(names)) {
        const bool ignored = std::any_of(options.ignoreHeaders.cbegin(), options.ignoreHeaders.cend(),
            [&name](const QByteArray &x) { return headerNameEquals(x, name); });
        if (ignored || (!options.allHeaders && isVolatileHeader(name))) {
            r.ignoredHeaders << name;
            continue;
        }
        const QList<QByteArray> leftValues = headerValues(leftHeaders, name);
        const QList<QByteArray> rightValues = headerValues(rightHeaders, name);
        if (leftValues.isEmpty()) {
            r.headers.append({ name, Change::Added, leftValues, rightValues });
            continue;
        }
        if (rightValues.isEmpty()) {
            r.headers.append({ name, Change::Removed, leftValues, rightValues });
            continue;
        }
        QList<QByteArray> leftElements = elements(name, leftValues);
        QList<QByteArray> rightElements = elements(name, rightValues);
        if (leftElements == rightElements)
            continue;
        std::sort(leftElements.begin(), leftElements.end());
        std::sort(rightElements.begin(), rightElements.end());
        r.headers.append(
            { name, leftElements == rightElements ? Change::Reordered : Change::Changed, leftValues, rightValues });
    }

    const QByteArray &leftBody = left.response.body;
    const QByteArray &rightBody = right.response.body;
    BodyDiff &body = r.body;
    body.left = { leftBody.size(), sha256(leftBody) };
    body.right = { rightBody.size(), sha256(rightBody) };
    body.changed = leftBody != rightBody;
    // JSON is tried before text so that reformatted JSON is reported as "same value", not as line changes.
    QJsonValue leftJson;
    QJsonValue rightJson;
    if (leftBody.isEmpty() && rightBody.isEmpty()) {
        body.kind = BodyKind::None;
    } else if (parseJson(leftBody, leftJson) && parseJson(rightBody, rightJson)) {
        body.kind = BodyKind::Json;
        diffJson(QStringLiteral("$"), leftJson, rightJson, body.json);
        if (body.changed && body.json.isEmpty())
            body.note = QStringLiteral("same JSON value, different bytes (spacing or key order)");
    } else if (!looksBinary(leftBody) && !looksBinary(rightBody)) {
        body.kind = BodyKind::Text;
        if (body.changed)
            diffLines(leftBody, rightBody, options, body);
    } else {
        body.kind = BodyKind::Binary;
    }
    r.same = !r.statusChanged && r.headers.isEmpty() && !body.changed;
    return r;
}

// Stable, versioned shape ("verbscope.diff/1") for scripts; '@' hunk markers are dropped because the
// line numbers carry the same information.
QJsonObject ExchangeDiff::toJson(const Result &r, const QJsonObject &left, const QJsonObject &right)
{
    QJsonArray headers;
    for (const HeaderChange &h : r.headers)
        headers.append(QJsonObject { { QStringLiteral("name"), headerText(h.name) },
            { QStringLiteral("change"), changeName(h.change) }, { QStringLiteral("left"), textArray(h.left) },
            { QStringLiteral("right"), textArray(h.right) } });
    QJsonArray lines;
    for (const LineOp &l : r.body.lines) {
        if (l.op == '@')
            continue; // the line numbers say where hunks start
        lines.append(QJsonObject { { QStringLiteral("op"), QString(QLatin1Char(l.op)) },
            { QStringLiteral("left"), l.leftLine ? QJsonValue(l.leftLine) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("right"), l.rightLine ? QJsonValue(l.rightLine) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("text"), l.text } });
    }
    QJsonArray json;
    for (const JsonChange &c : r.body.json) {
        QJsonObject o { { QStringLiteral("path"), c.path }, { QStringLiteral("change"), changeName(c.change) } };
        if (!c.left.isUndefined())
            o.insert(QStringLiteral("left"), c.left);
        if (!c.right.isUndefined())
            o.insert(QStringLiteral("right"), c.right);
        json.append(o);
    }
    auto side = [](const BodySide &s) {
        return QJsonObject { { QStringLiteral("size"), s.size },
            { QStringLiteral("sha256"), QString::fromLatin1(s.sha256) } };
    };
    QJsonObject body { { QStringLiteral("kind"), kindName(r.body.kind) }, { QStringLiteral("changed"), r.body.changed },
        { QStringLiteral("left"), side(r.body.left) }, { QStringLiteral("right"), side(r.body.right) },
        { QStringLiteral("lines"), lines }, { QStringLiteral("json"), json },
        { QStringLiteral("note"), r.body.note.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.body.note) } };
    return {
        { QStringLiteral("format"), QStringLiteral("verbscope.diff/1") },
        { QStringLiteral("same"), r.same },
        { QStringLiteral("left"), left },
        { QStringLiteral("right"), right },
        { QStringLiteral("status"),
            QJsonObject { { QStringLiteral("changed"), r.statusChanged },
                { QStringLiteral("left"), statusJson(r.left) }, { QStringLiteral("right"), statusJson(r.right) } } },
        { QStringLiteral("headers"), headers },
        { QStringLiteral("ignoredHeaders"), textArray(r.ignoredHeaders) },
        { QStringLiteral("body"), body },
    };
}

// Terminal output for the CLI: diff -u style markers, one header change per line.
QString ExchangeDiff::toText(const Result &r, const QString &leftLabel, const QString &rightLabel)
{
    QString out = QStringLiteral("--- %1\n+++ %2\n").arg(leftLabel, rightLabel);
    if (r.same) {
        out += QStringLiteral("no differences");
        if (!r.ignoredHeaders.isEmpty())
            out += QStringLiteral(" (ignored: %1)").arg(QString::fromLatin1(r.ignoredHeaders.join(", ")));
        return out + QLatin1Char('\n');
    }
    out += r.statusChanged ? QStringLiteral("status: %1 → %2\n").arg(statusText(r.left), statusText(r.right))
                           : QStringLiteral("status: same, %1\n").arg(statusText(r.left));
    if (!r.headers.isEmpty()) {
        out += QStringLiteral("headers:\n");
        for (const HeaderChange &h : r.headers) {
            const QString name = escapeBytes(h.name);
            const QString lv = shownValues(h.left, QStringLiteral(" | "));
            const QString rv = shownValues(h.right, QStringLiteral(" | "));
            switch (h.change) {
            case Change::Added: out += QStringLiteral("  + %1: %2\n").arg(name, rv); break;
            case Change::Removed: out += QStringLiteral("  - %1: %2\n").arg(name, lv); break;
            case Change::Changed: out += QStringLiteral("  ~ %1: %2 → %3\n").arg(name, lv, rv); break;
            case Change::Reordered:
                out += QStringLiteral("  ~ %1: same values, other order: %2 → %3\n").arg(name, lv, rv);
                break;
            }
        }
    }
    if (!r.ignoredHeaders.isEmpty())
        out += QStringLiteral("  (ignored, volatile: %1; --all-headers compares them)\n")
                   .arg(headerText(r.ignoredHeaders.join(", ")));
    const BodyDiff &b = r.body;
    if (b.changed) {
        out += QStringLiteral("body (%1): %2 bytes → %3 bytes\n")
                   .arg(kindName(b.kind))
                   .arg(b.left.size)
                   .arg(b.right.size);
        if (b.kind == BodyKind::Binary)
            out += QStringLiteral("  sha256 %1 → %2\n")
                       .arg(QString::fromLatin1(b.left.sha256), QString::fromLatin1(b.right.sha256));
        for (const JsonChange &c : b.json) {
            switch (c.change) {
            case Change::Added: out += QStringLiteral("  + %1: %2\n").arg(c.path, compactJson(c.right)); break;
            case Change::Removed: out += QStringLiteral("  - %1: %2\n").arg(c.path, compactJson(c.left)); break;
            default:
                out += QStringLiteral("  ~ %1: %2 → %3\n").arg(c.path, compactJson(c.left), compactJson(c.right));
                break;
            }
        }
        for (const LineOp &l : b.lines)
            out += (l.op == '@' ? QStringLiteral("  ") + l.text
                                : QString(QStringLiteral("  ") + QLatin1Char(l.op) + QLatin1Char(' ') + l.text))
                + QLatin1Char('\n');
        if (!b.note.isEmpty())
            out += QStringLiteral("  (%1)\n").arg(b.note);
    }
    return out;
}

namespace {
// A Markdown table cell: pipes escaped, line breaks as <br>.
QString cell(const QString &text)
{
    if (text.isEmpty())
        return QStringLiteral("—");
    QString t = text;
    t.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    t.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    t.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return t;
}
} // namespace

// For pasting into an issue or chat: tables for status, headers and JSON paths, a ```diff block for text.
QString ExchangeDiff::toMarkdown(const Result &r, const QString &leftLabel, const QString &rightLabel)
{
    QString out = QStringLiteral("# Comparison\n\n| | Left | Right |\n|---|---|---|\n");
    out += QStringLiteral("| Exchange | %1 | %2 |\n").arg(cell(leftLabel), cell(rightLabel));
    out += QStringLiteral("| Status | %1 | %2 |\n").arg(cell(statusText(r.left)), cell(statusText(r.right)));
    out += QStringLiteral("\n") + (r.same ? QStringLiteral("No differences.\n") : QString());
    if (r.statusChanged)
        out += QStringLiteral("The status differs.\n");
    if (!r.headers.isEmpty()) {
        out += QStringLiteral("\n## Headers\n\n| Header | Change | Left | Right |\n|---|---|---|---|\n");
        for (const HeaderChange &h : r.headers)
            out += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                       .arg(cell(escapeBytes(h.name)), changeName(h.change),
                           cell(shownValues(h.left, QStringLiteral("\n"))),
                           cell(shownValues(h.right, QStringLiteral("\n"))));
    }
    if (!r.ignoredHeaders.isEmpty())
        out += QStringLiteral("\nNot compared (volatile): %1.\n").arg(headerText(r.ignoredHeaders.join(", ")));
    const BodyDiff &b = r.body;
    if (b.changed) {
        out += QStringLiteral("\n## Body (%1)\n\n%2 bytes → %3 bytes\n")
                   .arg(kindName(b.kind))
                   .arg(b.left.size)
                   .arg(b.right.size);
        if (b.kind == BodyKind::Binary)
            out += QStringLiteral("\nSHA-256 `%1` → `%2`\n")
                       .arg(QString::fromLatin1(b.left.sha256), QString::fromLatin1(b.right.sha256));
        if (!b.json.isEmpty()) {
            out += QStringLiteral("\n| Path | Change | Left | Right |\n|---|---|---|---|\n");
            for (const JsonChange &c : b.json)
                out += QStringLiteral("| `%1` | %2 | %3 | %4 |\n")
                           .arg(c.path, changeName(c.change),
                               cell(c.change == Change::Added ? QString() : compactJson(c.left)),
                               cell(c.change == Change::Removed ? QString() : compactJson(c.right)));
        }
        if (!b.lines.isEmpty()) {
            out += QStringLiteral("\n```diff\n");
            for (const LineOp &l : b.lines)
                out += (l.op == '@' ? l.text : QString(QLatin1Char(l.op) + l.text)) + QLatin1Char('\n');
            out += QStringLiteral("```\n");
        }
        if (!b.note.isEmpty())
            out += QStringLiteral("\n%1\n").arg(b.note);
    }
    return out;
}

} // namespace verbscope::compare
