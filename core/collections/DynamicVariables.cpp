// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/DynamicVariables.h"

#include <QFile>
#include <QLocale>
#include <QRandomGenerator>
#include <QUuid>

#include <algorithm>
#include <optional>

namespace verbscope::collections {

namespace {

// `$name(a, b)` (JetBrains) or `$name a b` (REST Client, httpyac); quotes group words ("DD MM").
struct Call {
    QString name;
    QStringList args;
    QList<int> argOffsets;
};

std::optional<Call> parseCall(const QString &expr, QString *error, int *offset)
{
    Call c;
    qsizetype i = 0;
    while (i < expr.size() && expr.at(i) != QLatin1Char('(') && !expr.at(i).isSpace())
        ++i;
    c.name = expr.left(i);
    if (i < expr.size() && expr.at(i) == QLatin1Char('(')) {
        if (!expr.endsWith(QLatin1Char(')'))) {
            *error = QStringLiteral("%1( has no closing parenthesis").arg(c.name);
            *offset = int(expr.size());
            return std::nullopt;
        }
        const QString inside = expr.mid(i + 1, expr.size() - i - 2);
        if (inside.trimmed().isEmpty())
            return c;
        qsizetype start = i + 1;
        for (const QString &a : inside.split(QLatin1Char(','))) {
            c.args << a.trimmed();
            const QString t = a.trimmed();
            c.argOffsets << int(start + (t.isEmpty() ? 0 : a.indexOf(t)));
            start += a.size() + 1;
        }
        return c;
    }
    while (i < expr.size()) {
        while (i < expr.size() && expr.at(i).isSpace())
            ++i;
        if (i >= expr.size())
            break;
        const qsizetype from = i;
        const QChar q = expr.at(i);
        if (q == QLatin1Char('"') || q == QLatin1Char('\'')) {
            const qsizetype end = expr.indexOf(q, i + 1);
            if (end < 0) {
                *error = QStringLiteral("%1 has an unclosed quote").arg(c.name);
                *offset = int(i);
                return std::nullopt;
            }
            c.args << expr.mid(i, end - i + 1);
            i = end + 1;
        } else {
            while (i < expr.size() && !expr.at(i).isSpace())
                ++i;
            c.args << expr.mid(from, i - from);
        }
        c.argOffsets << int(from);
    }
    return c;
}

// Arguments are checked with `ctx` null (parse time) and computed with it (send time), in one place.
struct Eval {
    const Call &call;
    const DynamicContext *ctx;
    DynamicValue &out;

    bool fail(int arg, const QString &message)
    {
        out.error = message;
        out.errorOffset = arg < 0 || arg >= call.argOffsets.size() ? 0 : call.argOffsets.at(arg);
        return false;
    }
    QDateTime now() const { return ctx->now ? ctx->now().toUTC() : QDateTime::currentDateTimeUtc(); }
    QRandomGenerator *random() const { return ctx->random ? ctx->random : QRandomGenerator::global(); }
    std::optional<qint64> integer(int arg)
    {
        bool ok = false;
        const qint64 v = call.args.at(arg).toLongLong(&ok);
        if (!ok) {
            fail(arg, QStringLiteral("%1: \"%2\" is not an integer").arg(call.name, call.args.at(arg)));
            return std::nullopt;
        }
        return v;
    }
    // `-1 d`: REST Client's offsets, units y M w d h m s ms.
    bool offset(int arg, QDateTime *t)
    {
        if (arg >= call.args.size())
            return true;
        if (arg + 2 != call.args.size())
            return fail(arg,
                QStringLiteral("%1: an offset is a number and a unit (y M w d h m s ms), as in \"-1 d\"")
                    .arg(call.name));
        const std::optional<qint64> n = integer(arg);
        if (!n)
            return false;
        if (*n > 100'000 || *n < -100'000)
            return fail(arg, QStringLiteral("%1: offset %2 is out of range").arg(call.name).arg(*n));
        const QString unit = call.args.at(arg + 1);
        static const QStringList units { QStringLiteral("y"), QStringLiteral("M"), QStringLiteral("w"),
            QStringLiteral("d"), QStringLiteral("h"), QStringLiteral("m"), QStringLiteral("s"), QStringLiteral("ms") };
        if (!units.contains(unit))
            return fail(
                arg + 1, QStringLiteral("%1: unknown offset unit \"%2\" (y M w d h m s ms)").arg(call.name, unit));
        if (!t)
            return true;
        const int v = int(*n);
        if (unit == QLatin1String("y"))
            *t = t->addYears(v);
        else if (unit == QLatin1String("M"))
            *t = t->addMonths(v);
        else if (unit == QLatin1String("w"))
            *t = t->addDays(7LL * v);
        else if (unit == QLatin1String("d"))
            *t = t->addDays(v);
        else if (unit == QLatin1String("h"))
            *t = t->addSecs(3600LL * v);
        else if (unit == QLatin1String("m"))
            *t = t->addSecs(60LL * v);
        else if (unit == QLatin1String("s"))
            *t = t->addSecs(v);
        else
            *t = t->addMSecs(v);
        return true;
    }
    bool arity(int min, int max)
    {
        if (call.args.size() >= min && call.args.size() <= max)
            return true;
        const QString want = min == max ? QString::number(min) : QStringLiteral("%1 to %2").arg(min).arg(max);
        return fail(std::min(int(call.args.size()), max),
            QStringLiteral("%1 takes %2 argument(s), not %3").arg(call.name, want).arg(call.args.size()));
    }
};

QString randomString(QRandomGenerator *r, const QString &alphabet, qint64 n)
{
    QString s;
    s.reserve(n);
    for (qint64 i = 0; i < n; ++i)
        s += alphabet.at(r->bounded(int(alphabet.size())));
    return s;
}

const QString Lower = QStringLiteral("abcdefghijklmnopqrstuvwxyz");
const QString Upper = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
const QString Digits = QStringLiteral("0123456789");

// Day.js tokens, which REST Client's and httpyac's custom formats use; [text] is literal.
QString formatDayJs(const QDateTime &t, const QString &format)
{
    static const QStringList tokens { QStringLiteral("YYYY"), QStringLiteral("YY"), QStringLiteral("MMMM"),
        QStringLiteral("MMM"), QStringLiteral("MM"), QStringLiteral("M"), QStringLiteral("DD"), QStringLiteral("D"),
        QStringLiteral("dddd"), QStringLiteral("ddd"), QStringLiteral("dd"), QStringLiteral("d"), QStringLiteral("HH"),
        QStringLiteral("H"), QStringLiteral("hh"), QStringLiteral("h"), QStringLiteral("mm"), QStringLiteral("m"),
        QStringLiteral("ss"), QStringLiteral("s"), QStringLiteral("SSS"), QStringLiteral("A"), QStringLiteral("a"),
        QStringLiteral("ZZ"), QStringLiteral("Z"), QStringLiteral("X"), QStringLiteral("x") };
    const QLocale c = QLocale::c();
    const QDate d = t.date();
    const QTime tm = t.time();
    const int h12 = tm.hour() % 12 == 0 ? 12 : tm.hour() % 12;
    const int zone = t.offsetFromUtc() / 60;
    const QString zoneSign = zone < 0 ? QStringLiteral("-") : QStringLiteral("+");
    const QString hh = QStringLiteral("%1").arg(std::abs(zone) / 60, 2, 10, QLatin1Char('0'));
    const QString mm = QStringLiteral("%1").arg(std::abs(zone) % 60, 2, 10, QLatin1Char('0'));
    auto two = [](int v) { return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0')); };
    QString out;
    for (qsizetype i = 0; i < format.size();) {
        if (format.at(i) == QLatin1Char('[')) {
            const qsizetype end = format.indexOf(QLatin1Char(']'), i);
            if (end > 0) {
                out += format.mid(i + 1, end - i - 1);
                i = end + 1;
                continue;
            }
        }
        QString token;
        for (const QString &k : tokens)
            if (format.mid(i, k.size()) == k) {
                token = k;
                break;
            }
        if (token.isEmpty()) {
            out += format.at(i++);
            continue;
        }
        i += token.size();
        const int dow = d.dayOfWeek() % 7; // Day.js: 0 is Sunday
        if (token == QLatin1String("YYYY"))
            out += QStringLiteral("%1").arg(d.year(), 4, 10, QLatin1Char('0'));
        else if (token == QLatin1String("YY"))
            out += two(d.year() % 100);
        else if (token == QLatin1String("MMMM"))
            out += c.monthName(d.month());
        else if (token == QLatin1String("MMM"))
            out += c.monthName(d.month(), QLocale::ShortFormat);
        else if (token == QLatin1String("MM"))
            out += two(d.month());
        else if (token == QLatin1String("M"))
            out += QString::number(d.month());
        else if (token == QLatin1String("DD"))
            out += two(d.day());
        else if (token == QLatin1String("D"))
            out += QString::number(d.day());
        else if (token == QLatin1String("dddd"))
            out += c.dayName(d.dayOfWeek());
        else if (token == QLatin1String("ddd"))
            out += c.dayName(d.dayOfWeek(), QLocale::ShortFormat);
        else if (token == QLatin1String("dd"))
            out += c.dayName(d.dayOfWeek(), QLocale::NarrowFormat);
        else if (token == QLatin1String("d"))
            out += QString::number(dow);
        else if (token == QLatin1String("HH"))
            out += two(tm.hour());
        else if (token == QLatin1String("H"))
            out += QString::number(tm.hour());
        else if (token == QLatin1String("hh"))
            out += two(h12);
        else if (token == QLatin1String("h"))
            out += QString::number(h12);
        else if (token == QLatin1String("mm"))
            out += two(tm.minute());
        else if (token == QLatin1String("m"))
            out += QString::number(tm.minute());
        else if (token == QLatin1String("ss"))
            out += two(tm.second());
        else if (token == QLatin1String("s"))
            out += QString::number(tm.second());
        else if (token == QLatin1String("SSS"))
            out += QStringLiteral("%1").arg(tm.msec(), 3, 10, QLatin1Char('0'));
        else if (token == QLatin1String("A"))
            out += tm.hour() < 12 ? QStringLiteral("AM") : QStringLiteral("PM");
        else if (token == QLatin1String("a"))
            out += tm.hour() < 12 ? QStringLiteral("am") : QStringLiteral("pm");
        else if (token == QLatin1String("ZZ"))
            out += zoneSign + hh + mm;
        else if (token == QLatin1String("Z"))
            out += zoneSign + hh + QLatin1Char(':') + mm;
        else if (token == QLatin1String("X"))
            out += QString::number(t.toSecsSinceEpoch());
        else
            out += QString::number(t.toMSecsSinceEpoch());
    }
    return out;
}

// $datetime / $localDatetime: rfc1123, iso8601 or a quoted Day.js format, then an optional offset.
bool datetime(Eval &e, bool local)
{
    if (e.call.args.isEmpty())
        return e.fail(
            -1, QStringLiteral("%1 needs a format: rfc1123, iso8601 or \"a Day.js format\"").arg(e.call.name));
    const QString f = e.call.args.at(0);
    const bool quoted = f.size() >= 2 && (f.startsWith(QLatin1Char('"')) || f.startsWith(QLatin1Char('\'')));
    if (!quoted && f != QLatin1String("rfc1123") && f != QLatin1String("iso8601"))
        return e.fail(
            0, QStringLiteral("%1: unknown format \"%2\" (rfc1123, iso8601 or a quoted format)").arg(e.call.name, f));
    QDateTime t;
    if (e.ctx)
        t = e.now();
    if (!e.offset(1, e.ctx ? &t : nullptr) || !e.ctx)
        return e.out.error.isEmpty();
    if (local)
        t = t.toLocalTime();
    if (f == QLatin1String("rfc1123"))
        e.out.value = local ? formatDayJs(t, QStringLiteral("ddd, DD MMM YYYY HH:mm:ss ZZ"))
                            : formatDayJs(t, QStringLiteral("ddd, DD MMM YYYY HH:mm:ss [GMT]"));
    else if (f == QLatin1String("iso8601"))
        e.out.value
            = local ? formatDayJs(t, QStringLiteral("YYYY-MM-DDTHH:mm:ss.SSSZ")) : t.toString(Qt::ISODateWithMs);
    else
        e.out.value = formatDayJs(t, f.mid(1, f.size() - 2));
    return true;
}

// `NAME` or REST Client's `%name`: the name is then the value of an environment-file variable.
bool environmentName(Eval &e, QString *name)
{
    if (!e.arity(1, 1))
        return false;
    const QString a = e.call.args.at(0);
    if (!a.startsWith(QLatin1Char('%'))) {
        *name = a;
        return true;
    }
    if (a.size() < 2)
        return e.fail(0, QStringLiteral("%1: \"%\" needs a variable name after it").arg(e.call.name));
    if (!e.ctx)
        return true;
    if (!e.ctx->variables || !e.ctx->variables->contains(a.mid(1)))
        return e.fail(
            0, QStringLiteral("%1: variable \"%2\" (named by %3) is not defined").arg(e.call.name, a.mid(1), a));
    *name = e.ctx->variables->value(a.mid(1));
    return true;
}

// A `.env` file: NAME=value lines, # comments, optional quotes and `export `.
std::optional<QString> dotenvValue(const QString &path, const QString &name)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    for (QString l : lines) {
        l = l.trimmed();
        if (l.startsWith(QLatin1String("export ")))
            l = l.mid(7).trimmed();
        const qsizetype eq = l.indexOf(QLatin1Char('='));
        if (l.startsWith(QLatin1Char('#')) || eq <= 0 || l.left(eq).trimmed() != name)
            continue;
        QString v = l.mid(eq + 1).trimmed();
        if (v.size() >= 2 && (v.startsWith(QLatin1Char('"')) || v.startsWith(QLatin1Char('\''))) && v.endsWith(v.at(0)))
            v = v.mid(1, v.size() - 2);
        return v;
    }
    return std::nullopt;
}

constexpr qint64 MaxLength = 100'000;

bool length(Eval &e, qint64 *n)
{
    if (!e.arity(1, 1))
        return false;
    const std::optional<qint64> v = e.integer(0);
    if (!v)
        return false;
    if (*v < 0 || *v > MaxLength)
        return e.fail(
            0, QStringLiteral("%1: length %2 is not between 0 and %3").arg(e.call.name).arg(*v).arg(MaxLength));
    *n = *v;
    return true;
}

// A range [from, to): the JetBrains client's and REST Client's convention; to must exceed from.
bool range(Eval &e, qint64 defaultTo, qint64 *lo, qint64 *hi)
{
    if (!e.arity(0, 2))
        return false;
    if (e.call.args.size() == 1)
        return e.fail(0, QStringLiteral("%1 takes two arguments (from, to) or none").arg(e.call.name));
    *lo = 0;
    *hi = defaultTo;
    if (e.call.args.isEmpty())
        return true;
    const std::optional<qint64> a = e.integer(0);
    const std::optional<qint64> b = a ? e.integer(1) : std::nullopt;
    if (!a || !b)
        return false;
    if (*b <= *a)
        return e.fail(1, QStringLiteral("%1: %2 is not greater than %3").arg(e.call.name).arg(*b).arg(*a));
    *lo = *a;
    *hi = *b;
    return true;
}

using Fn = bool (*)(Eval &);

struct Entry {
    const char *name;
    Fn fn;
};

bool uuid(Eval &e)
{
    if (!e.arity(0, 0) || !e.ctx)
        return e.out.error.isEmpty();
    e.out.value = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return true;
}

bool integerIn(Eval &e)
{
    qint64 lo = 0;
    qint64 hi = 0;
    if (!range(e, 1000, &lo, &hi) || !e.ctx)
        return e.out.error.isEmpty();
    e.out.value = QString::number(e.random()->bounded(lo, hi));
    return true;
}

bool floatIn(Eval &e)
{
    if (!e.arity(0, 2))
        return false;
    if (e.call.args.size() == 1)
        return e.fail(0, QStringLiteral("%1 takes two arguments (from, to) or none").arg(e.call.name));
    double lo = 0;
    double hi = 1000;
    if (e.call.args.size() == 2) {
        bool ok1 = false;
        bool ok2 = false;
        lo = e.call.args.at(0).toDouble(&ok1);
        hi = e.call.args.at(1).toDouble(&ok2);
        if (!ok1 || !ok2)
            return e.fail(ok1 ? 1 : 0,
                QStringLiteral("%1: \"%2\" is not a number").arg(e.call.name, e.call.args.at(ok1 ? 1 : 0)));
        if (hi <= lo)
            return e.fail(1,
                QStringLiteral("%1: %2 is not greater than %3").arg(e.call.name, e.call.args.at(1), e.call.args.at(0)));
    }
    if (!e.ctx)
        return true;
    e.out.value = QString::number(lo + e.random()->generateDouble() * (hi - lo), 'g', 15);
    return true;
}

bool stringOf(Eval &e, const QString &alphabet)
{
    qint64 n = 0;
    if (!length(e, &n) || !e.ctx)
        return e.out.error.isEmpty();
    e.out.value = randomString(e.random(), alphabet, n);
    return true;
}

bool alphabetic(Eval &e)
{
    return stringOf(e, Lower + Upper);
}

// JetBrains: letters, digits and underscores.
bool alphanumeric(Eval &e)
{
    return stringOf(e, Lower + Upper + Digits + QLatin1Char('_'));
}

bool hexadecimal(Eval &e)
{
    return stringOf(e, QStringLiteral("0123456789abcdef"));
}

bool email(Eval &e)
{
    if (!e.arity(0, 0) || !e.ctx)
        return e.out.error.isEmpty();
    e.out.value = randomString(e.random(), Lower, 8) + QLatin1Char('@') + randomString(e.random(), Lower, 6)
        + QStringLiteral(".example");
    return true;
}

bool timestamp(Eval &e)
{
    if (!e.arity(0, 2))
        return false;
    QDateTime t;
    if (e.ctx)
        t = e.now();
    if (!e.offset(0, e.ctx ? &t : nullptr) || !e.ctx)
        return e.out.error.isEmpty();
    e.out.value = QString::number(t.toSecsSinceEpoch());
    return true;
}

bool isoTimestamp(Eval &e)
{
    if (!e.arity(0, 0) || !e.ctx)
        return e.out.error.isEmpty();
    e.out.value = e.now().toString(Qt::ISODateWithMs);
    return true;
}

bool utcDatetime(Eval &e)
{
    return e.arity(1, 3) && datetime(e, false);
}

bool localDatetime(Eval &e)
{
    return e.arity(1, 3) && datetime(e, true);
}

bool exampleServer(Eval &e)
{
    if (!e.arity(0, 0) || !e.ctx)
        return e.out.error.isEmpty();
    e.out.value = QStringLiteral("examples.http-client.intellij.net");
    return true;
}

bool processEnv(Eval &e)
{
    QString name;
    if (!environmentName(e, &name) || !e.ctx)
        return e.out.error.isEmpty();
    e.out.reads = DynamicValue::Reads::ProcessEnv;
    e.out.readName = name;
    if (!qEnvironmentVariableIsSet(qPrintable(name)))
        return e.fail(0, QStringLiteral("$processEnv: %1 is not set in the environment").arg(name));
    e.out.value = qEnvironmentVariable(qPrintable(name));
    return true;
}

bool dotenv(Eval &e)
{
    QString name;
    if (!environmentName(e, &name) || !e.ctx)
        return e.out.error.isEmpty();
    e.out.reads = DynamicValue::Reads::DotEnv;
    e.out.readName = e.ctx->dotenvPath;
    if (!e.ctx->readFiles)
        return true;
    const std::optional<QString> v = dotenvValue(e.ctx->dotenvPath, name);
    if (!v)
        return e.fail(0, QStringLiteral("$dotenv: %1 is not in %2").arg(name, e.ctx->dotenvPath));
    e.out.value = *v;
    return true;
}

// One row per name; aliases share a function. Order is the order `names()` lists them.
const Entry Table[] = {
    { "$uuid", uuid },
    { "$guid", uuid },
    { "$random.uuid", uuid },
    { "$randomInt", integerIn },
    { "$random.integer", integerIn },
    { "$random.float", floatIn },
    { "$random.alphabetic", alphabetic },
    { "$random.alphanumeric", alphanumeric },
    { "$random.hexadecimal", hexadecimal },
    { "$random.email", email },
    { "$timestamp", timestamp },
    { "$isoTimestamp", isoTimestamp },
    { "$datetime", utcDatetime },
    { "$localDatetime", localDatetime },
    { "$exampleServer", exampleServer },
    { "$processEnv", processEnv },
    { "$dotenv", dotenv },
};

// Known to other clients, not run here: said by name rather than "unknown".
const char *const Unsupported[] = { "$aadToken", "$aadV2Token", "$input", "$password", "$pick", "$oidcAccessToken" };

int distance(const QString &a, const QString &b)
{
    QList<int> prev(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        QList<int> cur(b.size() + 1);
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j)
            cur[j] = std::min({ prev[j] + 1, cur[j - 1] + 1,
                prev[j - 1] + (a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1) });
        prev = cur;
    }
    return prev[b.size()];
}

DynamicValue run(const QString &expression, const DynamicContext *ctx)
{
    DynamicValue out;
    QString error;
    int offset = 0;
    const std::optional<Call> call = parseCall(expression.trimmed(), &error, &offset);
    if (!call) {
        out.error = error;
        out.errorOffset = offset;
        return out;
    }
    for (const Entry &entry : Table)
        if (call->name == QLatin1String(entry.name)) {
            Eval e { *call, ctx, out };
            out.ok = entry.fn(e) && out.error.isEmpty();
            return out;
        }
    for (const char *name : Unsupported)
        if (call->name == QLatin1String(name)) {
            out.error = QStringLiteral("%1 is not supported by VerbScope").arg(call->name);
            return out;
        }
    out.error = QStringLiteral("unknown dynamic variable %1 (nearest known: %2)")
                    .arg(call->name, DynamicVariables::nearest(call->name));
    return out;
}

} // namespace

DynamicValue DynamicVariables::evaluate(const QString &expression, const DynamicContext &context)
{
    return run(expression, &context);
}

QString DynamicVariables::check(const QString &expression, int *errorOffset)
{
    const DynamicValue v = run(expression, nullptr);
    if (errorOffset)
        *errorOffset = v.errorOffset;
    return v.error;
}

QStringList DynamicVariables::names()
{
    QStringList all;
    for (const Entry &e : Table)
        all << QLatin1String(e.name);
    return all;
}

QString DynamicVariables::nearest(const QString &name)
{
    QString best;
    int bestDistance = 0;
    for (const Entry &e : Table) {
        const QString candidate = QLatin1String(e.name);
        const int d = distance(name, candidate);
        if (best.isEmpty() || d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

} // namespace verbscope::collections
