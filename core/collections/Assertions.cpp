// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/Assertions.h"

#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/Knowledge.h"
#include "core/http/Headers.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <optional>

namespace verbscope::collections {

using Subject = Assertion::Subject;

bool Assertion::isContract() const
{
    return subject == Subject::Verdict || subject == Subject::AnsweredBy || subject == Subject::Finding;
}

namespace {

const QStringList &binaryOperations()
{
    static const QStringList ops { QStringLiteral("=="), QStringLiteral("equals"), QStringLiteral("!="),
        QStringLiteral(">"), QStringLiteral(">="), QStringLiteral("<"), QStringLiteral("<="),
        QStringLiteral("startsWith"), QStringLiteral("endsWith"), QStringLiteral("includes"),
        QStringLiteral("contains"), QStringLiteral("matches"), QStringLiteral("sha256"), QStringLiteral("sha512"),
        QStringLiteral("md5") };
    return ops;
}

const QStringList &unaryOperations()
{
    static const QStringList ops { QStringLiteral("exists"), QStringLiteral("!exists"), QStringLiteral("isTrue"),
        QStringLiteral("isFalse"), QStringLiteral("isNumber"), QStringLiteral("isBoolean"), QStringLiteral("isString"),
        QStringLiteral("isArray") };
    return ops;
}

bool isOperation(const QString &w)
{
    return binaryOperations().contains(w) || unaryOperations().contains(w);
}

QStringList verdictIds()
{
    QStringList ids;
    for (int v = int(diagnosis::Verdict::Supported); v <= int(diagnosis::Verdict::Other); ++v)
        ids << diagnosis::verdictId(static_cast<diagnosis::Verdict>(v));
    return ids;
}

QStringList partyIds()
{
    return { diagnosis::partyId(diagnosis::Party::Origin), diagnosis::partyId(diagnosis::Party::Proxy),
        diagnosis::partyId(diagnosis::Party::Unknown) };
}

bool isFindingId(const QString &id)
{
    for (const diagnosis::FindingRule &r : diagnosis::Knowledge::instance().diagnosis().findings)
        if (r.id == id)
            return true;
    return false;
}

// Reads the words of a line, remembering where each starts (1-based) for error columns.
class Words
{
public:
    Words(const QString &line, qsizetype start)
        : m_line(line)
        , m_pos(start)
    { }
    QString next(int *column)
    {
        while (m_pos < m_line.size() && m_line.at(m_pos).isSpace())
            ++m_pos;
        *column = int(m_pos) + 1;
        const qsizetype begin = m_pos;
        while (m_pos < m_line.size() && !m_line.at(m_pos).isSpace())
            ++m_pos;
        return m_line.mid(begin, m_pos - begin);
    }
    QString rest(int *column)
    {
        while (m_pos < m_line.size() && m_line.at(m_pos).isSpace())
            ++m_pos;
        *column = int(m_pos) + 1;
        return m_line.mid(m_pos).trimmed();
    }
    int end() const { return int(m_pos) + 1; }

private:
    const QString &m_line;
    qsizetype m_pos;
};

void fail(Assertion &a, int column, const QString &problem)
{
    if (a.problem.isEmpty()) {
        a.problem = problem;
        a.problemColumn = column;
    }
}

// The value after the operator: none after a unary one (exists, isTrue…), one after the others.
// False when that is wrong (reported on `a`).
bool readValue(Assertion &a, Words &words, int *valueColumn)
{
    a.expected = words.rest(valueColumn);
    const bool unary = unaryOperations().contains(a.operation);
    if (unary && !a.expected.isEmpty())
        fail(a, *valueColumn, QStringLiteral("\"%1\" takes no value").arg(a.operation));
    else if (!unary && a.expected.isEmpty())
        fail(a, *valueColumn, QStringLiteral("\"%1\" needs a value").arg(a.operation));
    return a.problem.isEmpty();
}

// The operations each contract takes, and the values it knows; checked when the file is read so a
// misspelt contract fails the run instead of passing quietly.
void checkContract(Assertion &a, int opColumn, int valueColumn)
{
    auto only = [&](const QStringList &ops) {
        if (!ops.contains(a.operation))
            fail(a, opColumn,
                QStringLiteral("\"%1\" takes %2, not \"%3\"")
                    .arg(a.text.section(QLatin1Char(' '), 0, 0), ops.join(QStringLiteral(", ")), a.operation));
    };
    const QStringList equality { QStringLiteral("=="), QStringLiteral("!=") };
    switch (a.subject) {
    case Subject::Verdict:
        only(equality);
        if (!verdictIds().contains(a.expected))
            fail(a, valueColumn,
                QStringLiteral("unknown verdict \"%1\" (known: %2)")
                    .arg(a.expected, verdictIds().join(QStringLiteral(", "))));
        break;
    case Subject::AnsweredBy:
        only(equality);
        if (!partyIds().contains(a.expected))
            fail(a, valueColumn,
                QStringLiteral("unknown party \"%1\" (known: %2)")
                    .arg(a.expected, partyIds().join(QStringLiteral(", "))));
        break;
    case Subject::Finding: only({ QStringLiteral("exists"), QStringLiteral("!exists") }); break;
    case Subject::Allow:
        only({ QStringLiteral("=="), QStringLiteral("!="), QStringLiteral("includes"), QStringLiteral("contains"),
            QStringLiteral("exists"), QStringLiteral("!exists") });
        break;
    default: break;
    }
}

std::optional<Subject> subjectNamed(const QString &w)
{
    static const QList<QPair<QString, Subject>> names { { QStringLiteral("status"), Subject::Status },
        { QStringLiteral("statusCode"), Subject::Status }, { QStringLiteral("header"), Subject::Header },
        { QStringLiteral("body"), Subject::Body }, { QStringLiteral("duration"), Subject::Duration },
        { QStringLiteral("js"), Subject::JavaScript }, { QStringLiteral("verdict"), Subject::Verdict },
        { QStringLiteral("allow"), Subject::Allow }, { QStringLiteral("answeredBy"), Subject::AnsweredBy },
        { QStringLiteral("finding"), Subject::Finding } };
    for (const auto &[name, subject] : names)
        if (name == w)
            return subject;
    return std::nullopt;
}

// httpyac's `?? js EXPRESSION [operator value]`: the expression runs up to the first word that is an
// operator; without one the expression must be truthy (isTrue).
Assertion parseJavaScript(Assertion &a, const QString &line, Words &words)
{
    int exprColumn = 0;
    QString expression;
    int column = 0;
    for (QString w = words.next(&column); !w.isEmpty(); w = words.next(&column)) {
        if (isOperation(w) && !expression.isEmpty()) {
            a.operation = w;
            break;
        }
        if (expression.isEmpty())
            exprColumn = column;
        expression = line.mid(exprColumn - 1, column - exprColumn + w.size());
    }
    a.argument = expression;
    if (expression.isEmpty()) {
        fail(a, column, QStringLiteral("\"js\" needs a JavaScript expression, like \"?? js response.status == 200\""));
        return a;
    }
    if (a.operation.isEmpty()) {
        a.operation = QStringLiteral("isTrue");
        return a;
    }
    int valueColumn = 0;
    readValue(a, words, &valueColumn);
    return a;
}

} // namespace

Assertion Assertions::parse(const QString &line, int lineNumber)
{
    Assertion a;
    a.line = lineNumber;
    const qsizetype start = line.indexOf(QLatin1String("??"));
    a.text = line.mid(start + 2).trimmed();
    Words words(line, start + 2);
    int column = 0;
    const QString subjectWord = words.next(&column);
    const std::optional<Subject> subject = subjectNamed(subjectWord);
    if (!subject) {
        fail(a, column,
            subjectWord.isEmpty()
                ? QStringLiteral("expected an assertion after \"??\", like \"?? status == 200\"")
                : QStringLiteral("unknown assertion \"%1\" (known: status, header, body, duration, js; VerbScope's "
                                 "verdict, allow, answeredBy, finding)")
                      .arg(subjectWord));
        return a;
    }
    a.subject = *subject;
    if (a.subject == Subject::JavaScript)
        return parseJavaScript(a, line, words);
    if (a.subject == Subject::Header || a.subject == Subject::Finding) {
        a.argument = words.next(&column);
        if (a.argument.isEmpty() || isOperation(a.argument)) {
            fail(a, column,
                a.subject == Subject::Header ? QStringLiteral("\"header\" needs a header name")
                                             : QStringLiteral("\"finding\" needs a finding id"));
            return a;
        }
        if (a.subject == Subject::Finding && !isFindingId(a.argument)) {
            fail(a, column, QStringLiteral("unknown finding \"%1\" (docs/diagnosis.md lists them)").arg(a.argument));
            return a;
        }
    }
    a.operation = words.next(&column);
    if (a.subject == Subject::Body && !a.operation.isEmpty() && !isOperation(a.operation)) {
        a.argument = a.operation; // `body $.id exists`
        QString error;
        int offset = 0;
        select(QJsonValue(), a.argument, &error, &offset);
        if (!error.isEmpty()) {
            fail(a, column + offset, error);
            return a;
        }
        a.operation = words.next(&column);
    }
    const int opColumn = column;
    if (a.operation.isEmpty()) {
        fail(a, column, QStringLiteral("expected an operator (==, !=, <, includes, exists…)"));
        return a;
    }
    if (!isOperation(a.operation)) {
        fail(a, column, QStringLiteral("unknown operator \"%1\"").arg(a.operation));
        return a;
    }
    int valueColumn = 0;
    const bool comparesNumbers = a.operation.startsWith(QLatin1Char('<')) || a.operation.startsWith(QLatin1Char('>'));
    if (readValue(a, words, &valueColumn) && comparesNumbers) {
        bool ok = false;
        a.expected.toDouble(&ok);
        if (!ok)
            fail(a, valueColumn, QStringLiteral("\"%1\" needs a number, got \"%2\"").arg(a.operation, a.expected));
    } else if (a.problem.isEmpty() && a.operation == QLatin1String("matches")) {
        const QRegularExpression re(a.expected);
        if (!re.isValid())
            fail(a, valueColumn + int(re.patternErrorOffset()),
                QStringLiteral("bad regular expression: %1").arg(re.errorString()));
    }
    checkContract(a, opColumn, valueColumn);
    return a;
}

QList<Assertion> Assertions::of(const HttpRequest &request)
{
    QList<Assertion> all;
    for (const AssertionLine &l : request.assertions)
        all << parse(l.text, l.line);
    return all;
}

// The subset: "$", then ".name", "['name']" / "[\"name\"]" or "[n]" steps. No wildcards, filters,
// slices or recursive descent: an assertion names one value.
QJsonValue Assertions::select(const QJsonValue &root, const QString &path, QString *error, int *errorOffset)
{
    auto bad = [&](qsizetype at, const QString &message) {
        if (error)
            *error = message;
        if (errorOffset)
            *errorOffset = int(at);
        return QJsonValue(QJsonValue::Undefined);
    };
    const bool rooted = path.startsWith(QLatin1Char('$'));
    const QString p = rooted ? path : QStringLiteral("$.") + path;
    const qsizetype shift = rooted ? 0 : 2; // offsets point into `path` as written
    QJsonValue v = root;
    qsizetype i = 1;
    while (i < p.size()) {
        const QChar c = p.at(i);
        if (c == QLatin1Char('.')) {
            qsizetype j = i + 1;
            while (j < p.size() && p.at(j) != QLatin1Char('.') && p.at(j) != QLatin1Char('['))
                ++j;
            const QString name = p.mid(i + 1, j - i - 1);
            if (name.isEmpty() || name == QLatin1String("*"))
                return bad(i - shift,
                    QStringLiteral("JSONPath: expected a name after \".\" (the subset: $.name, [n], ['name'])"));
            v = v.isObject() ? v.toObject().value(name) : QJsonValue(QJsonValue::Undefined);
            i = j;
        } else if (c == QLatin1Char('[')) {
            const qsizetype close = p.indexOf(QLatin1Char(']'), i);
            if (close < 0)
                return bad(i - shift, QStringLiteral("JSONPath: \"[\" without \"]\""));
            const QString inside = p.mid(i + 1, close - i - 1);
            if (inside.size() >= 2 && (inside.front() == QLatin1Char('\'') || inside.front() == QLatin1Char('"'))
                && inside.back() == inside.front()) {
                const QString name = inside.mid(1, inside.size() - 2);
                v = v.isObject() ? v.toObject().value(name) : QJsonValue(QJsonValue::Undefined);
            } else {
                bool ok = false;
                const int n = inside.toInt(&ok);
                if (!ok || n < 0 || inside.startsWith(QLatin1Char('+')))
                    return bad(i + 1 - shift,
                        QStringLiteral("JSONPath: \"[%1]\" is not in the subset ([n] with n >= 0, ['name'])")
                            .arg(inside));
                const QJsonArray array = v.toArray();
                v = v.isArray() && n < array.size() ? array.at(n) : QJsonValue(QJsonValue::Undefined);
            }
            i = close + 1;
        } else {
            return bad(
                i - shift, QStringLiteral("JSONPath: unexpected \"%1\" (the subset: $.name, [n], ['name'])").arg(c));
        }
    }
    return v;
}

namespace {

// What the subject of an assertion found in the exchange; undefined when absent.
struct Value {
    QJsonValue json = QJsonValue(QJsonValue::Undefined);
    QByteArray bytes; // for the hashes: the body as received (decoded)
};

QString shown(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return v.toString();
    case QJsonValue::Double: return QString::number(v.toDouble());
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined: break;
    }
    return {};
}

QString quoted(const QJsonValue &v)
{
    return v.isString() ? QLatin1Char('"') + v.toString() + QLatin1Char('"') : shown(v);
}

bool truthy(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return v.toBool();
    case QJsonValue::Double: return v.toDouble() != 0;
    case QJsonValue::String: return !v.toString().isEmpty();
    case QJsonValue::Array:
    case QJsonValue::Object: return true;
    default: return false;
    }
}

std::optional<double> number(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    bool ok = false;
    const double d = v.toString().toDouble(&ok);
    return v.isString() && ok ? std::optional<double>(d) : std::nullopt;
}

bool equals(const QJsonValue &v, const QString &expected)
{
    if (v.isDouble()) {
        bool ok = false;
        const double d = expected.toDouble(&ok);
        return ok && d == v.toDouble();
    }
    if (v.isArray() || v.isObject()) {
        const QJsonDocument e = QJsonDocument::fromJson(expected.toUtf8());
        return v.isArray() ? e.isArray() && e.array() == v.toArray() : e.isObject() && e.object() == v.toObject();
    }
    return shown(v) == expected;
}

bool hashMatches(const QByteArray &bytes, const QString &operation, const QString &expected)
{
    const auto algorithm = operation == QLatin1String("md5") ? QCryptographicHash::Md5
        : operation == QLatin1String("sha512")               ? QCryptographicHash::Sha512
                                                             : QCryptographicHash::Sha256;
    const QByteArray digest = QCryptographicHash::hash(bytes, algorithm);
    const QByteArray e = expected.toLatin1();
    return digest.toBase64() == e || digest.toHex() == e.toLower();
}

// The generic operations of httpyac on a value; the message says what was found instead.
AssertionResult compare(const Assertion &a, const Value &value, const QString &what)
{
    AssertionResult r { a.line, a.text, false, {} };
    const QJsonValue &v = value.json;
    const QString &op = a.operation;
    const bool present = !v.isUndefined();
    if (op == QLatin1String("exists"))
        r.passed = present;
    else if (op == QLatin1String("!exists"))
        r.passed = !present;
    else if (op == QLatin1String("isTrue"))
        r.passed = truthy(v);
    else if (op == QLatin1String("isFalse"))
        r.passed = !truthy(v);
    else if (op == QLatin1String("isNumber"))
        r.passed = v.isDouble();
    else if (op == QLatin1String("isBoolean"))
        r.passed = v.isBool();
    else if (op == QLatin1String("isString"))
        r.passed = v.isString();
    else if (op == QLatin1String("isArray"))
        r.passed = v.isArray();
    else if (!present) {
        r.message = QStringLiteral("%1 is missing").arg(what);
        return r;
    } else if (op == QLatin1String("==") || op == QLatin1String("equals"))
        r.passed = equals(v, a.expected);
    else if (op == QLatin1String("!="))
        r.passed = !equals(v, a.expected);
    else if (op.startsWith(QLatin1Char('<')) || op.startsWith(QLatin1Char('>'))) {
        const std::optional<double> n = number(v);
        const double e = a.expected.toDouble();
        if (!n) {
            r.message = QStringLiteral("%1 is not a number: %2").arg(what, quoted(v));
            return r;
        }
        r.passed = op == QLatin1String("<") ? *n < e
            : op == QLatin1String("<=")     ? *n <= e
            : op == QLatin1String(">")      ? *n > e
                                            : *n >= e;
    } else if (op == QLatin1String("startsWith"))
        r.passed = shown(v).startsWith(a.expected);
    else if (op == QLatin1String("endsWith"))
        r.passed = shown(v).endsWith(a.expected);
    else if (op == QLatin1String("includes") || op == QLatin1String("contains"))
        r.passed = shown(v).contains(a.expected);
    else if (op == QLatin1String("matches"))
        r.passed = QRegularExpression(a.expected).match(shown(v)).hasMatch();
    else
        r.passed = hashMatches(value.bytes.isNull() ? shown(v).toUtf8() : value.bytes, op, a.expected);
    if (!r.passed)
        r.message = present ? QStringLiteral("got %1").arg(quoted(v)) : QStringLiteral("%1 is missing").arg(what);
    return r;
}

QString methods(const QList<QByteArray> &list)
{
    QStringList names;
    for (const QByteArray &m : list)
        names << QString::fromLatin1(m);
    return names.isEmpty() ? QStringLiteral("nothing") : names.join(QStringLiteral(", "));
}

// `allow == GET, POST` compares sets: order and duplicates do not matter, case does (methods are
// case-sensitive, RFC 9110 §9.1).
AssertionResult allow(const Assertion &a, const http::Exchange &ex)
{
    AssertionResult r { a.line, a.text, false, {} };
    const QList<QByteArray> values = http::headerValues(ex.response.head.headers, "Allow");
    const QList<QByteArray> got = diagnosis::parseAllow(values.join(", "));
    const QList<QByteArray> want = diagnosis::parseAllow(a.expected.toLatin1());
    const auto containsAll = [](const QList<QByteArray> &in, const QList<QByteArray> &of) {
        for (const QByteArray &m : of)
            if (!in.contains(m))
                return false;
        return true;
    };
    const QString &op = a.operation;
    if (op == QLatin1String("exists") || op == QLatin1String("!exists"))
        r.passed = values.isEmpty() == (op != QLatin1String("exists"));
    else if (op == QLatin1String("includes") || op == QLatin1String("contains"))
        r.passed = containsAll(got, want);
    else {
        const bool same = containsAll(got, want) && containsAll(want, got);
        r.passed = op == QLatin1String("!=") ? !same : same;
    }
    if (!r.passed)
        r.message = values.isEmpty() ? QStringLiteral("no Allow header") : QStringLiteral("got %1").arg(methods(got));
    return r;
}

AssertionResult contract(const Assertion &a, const diagnosis::Diagnosis &d)
{
    AssertionResult r { a.line, a.text, false, {} };
    if (a.subject == Subject::Finding) {
        const bool present = d.finding(a.argument) != nullptr;
        r.passed = present == (a.operation == QLatin1String("exists"));
        if (!r.passed) {
            QStringList ids;
            for (const diagnosis::Finding &f : d.findings)
                ids << f.id;
            r.message = present ? QStringLiteral("the diagnosis found it")
                                : QStringLiteral("the diagnosis found %1")
                                      .arg(ids.isEmpty() ? QStringLiteral("nothing") : ids.join(QStringLiteral(", ")));
        }
        return r;
    }
    const QString got = a.subject == Subject::Verdict ? diagnosis::verdictId(d.classification.verdict)
                                                      : diagnosis::partyId(d.classification.answeredBy);
    r.passed = (got == a.expected) == (a.operation == QLatin1String("=="));
    if (!r.passed)
        r.message = QStringLiteral("got %1").arg(got);
    return r;
}

// The expression's value comes back from the engine as text: JSON when it reads as JSON (numbers,
// booleans, objects), else the string itself; "undefined" is a missing value.
AssertionResult javaScript(const Assertion &a, const http::Exchange &ex, const ScriptContext *js)
{
    if (!js || !js->engine)
        return { a.line, a.text, false, QStringLiteral("not run: `?? js` needs the script engine") };
    QString error;
    const QString got = js->engine->evaluate(a.argument, js->request, ex, js->variables, &error);
    if (!error.isEmpty())
        return { a.line, a.text, false, QStringLiteral("the expression failed: %1").arg(error) };
    Value value;
    if (got != QLatin1String("undefined")) {
        const QJsonDocument doc = QJsonDocument::fromJson("[" + got.toUtf8() + "]");
        value.json = doc.isArray() && doc.array().size() == 1 ? doc.array().at(0) : QJsonValue(got);
    }
    return compare(a, value, QStringLiteral("the expression %1").arg(a.argument));
}

AssertionResult evaluateOne(
    const Assertion &a, const http::Exchange &ex, const diagnosis::Diagnosis *d, const ScriptContext *js)
{
    if (!a.problem.isEmpty())
        return { a.line, a.text, false, a.problem };
    if (a.subject == Subject::JavaScript)
        return javaScript(a, ex, js);
    if (a.isContract())
        return contract(a, *d);
    if (a.subject == Subject::Allow)
        return allow(a, ex);
    Value value;
    QString what;
    if (a.subject == Subject::Duration) {
        what = QStringLiteral("the duration");
        if (ex.timings.total)
            value.json = *ex.timings.total;
        return compare(a, value, what);
    }
    if (!ex.response.received) {
        const QString why = ex.error.isError() ? ex.error.message : QStringLiteral("nothing received");
        return { a.line, a.text, false, QStringLiteral("no response: %1").arg(why) };
    }
    const http::ResponseHead &head = ex.response.head;
    switch (a.subject) {
    case Subject::Status:
        what = QStringLiteral("the status");
        value.json = head.status;
        break;
    case Subject::Header: {
        what = QStringLiteral("header \"%1\"").arg(a.argument);
        // Repeated fields read as one, joined with ", " (RFC 9110 §5.3).
        const QList<QByteArray> values = http::headerValues(head.headers, a.argument.toLatin1());
        if (!values.isEmpty())
            value.json = QString::fromUtf8(values.join(", "));
        break;
    }
    case Subject::Body: {
        value.bytes = ex.response.body;
        const QJsonDocument doc = QJsonDocument::fromJson(ex.response.body);
        const QJsonValue parsed = doc.isObject() ? QJsonValue(doc.object())
            : doc.isArray()                      ? QJsonValue(doc.array())
                                                 : QJsonValue(QJsonValue::Undefined);
        if (a.argument.isEmpty()) {
            what = QStringLiteral("the body");
            const bool typed = a.operation.startsWith(QLatin1String("is"));
            value.json = typed && !parsed.isUndefined() ? parsed : QJsonValue(QString::fromUtf8(ex.response.body));
        } else {
            what = QStringLiteral("the body's %1").arg(a.argument);
            value.bytes = QByteArray();
            if (parsed.isUndefined())
                return { a.line, a.text, false, QStringLiteral("the body is not JSON") };
            value.json = Assertions::select(parsed, a.argument);
        }
        break;
    }
    default: break;
    }
    return compare(a, value, what);
}

} // namespace

QList<AssertionResult> Assertions::evaluate(
    const QList<Assertion> &assertions, const http::RequestSpec &spec, const http::Exchange &exchange)
{
    return evaluate(assertions, spec, exchange, ScriptContext {});
}

QList<AssertionResult> Assertions::evaluate(const QList<Assertion> &assertions, const http::RequestSpec &spec,
    const http::Exchange &exchange, const ScriptContext &js)
{
    std::optional<diagnosis::Diagnosis> d;
    for (const Assertion &a : assertions)
        if (a.isContract() && a.problem.isEmpty() && !d)
            d = diagnosis::Diagnoser::diagnose(spec, exchange); // no checks: nothing more is sent
    QList<AssertionResult> results;
    for (const Assertion &a : assertions)
        results << evaluateOne(a, exchange, d ? &*d : nullptr, &js);
    return results;
}

} // namespace verbscope::collections
