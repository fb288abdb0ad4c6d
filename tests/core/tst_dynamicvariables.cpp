// SPDX-License-Identifier: GPL-3.0-or-later
// The {{$…}} variables of the three .http clients: shapes and ranges over many samples, offsets
// against an injected clock, and errors pinned to the argument that is wrong.
#include "core/collections/DynamicVariables.h"
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileWriter.h"
#include "core/collections/RequestResolver.h"

#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;

namespace {
// 2026-03-01 12:34:56.789 UTC: a month boundary one day back, so "-1 d" is checkable by eye.
const QDateTime Fixed(QDate(2026, 3, 1), QTime(12, 34, 56, 789), Qt::UTC);

DynamicContext fixedClock()
{
    DynamicContext c;
    c.now = [] { return Fixed; };
    return c;
}

QString value(const QString &expr, const DynamicContext &c = fixedClock())
{
    const DynamicValue v = DynamicVariables::evaluate(expr, c);
    if (!v.ok)
        qWarning("%s: %s", qPrintable(expr), qPrintable(v.error));
    return v.ok ? v.value : QStringLiteral("<error>");
}
} // namespace

class tst_DynamicVariables final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shapes_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("pattern");
        const QString uuid = QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        QTest::newRow("$uuid") << QStringLiteral("$uuid") << uuid;
        QTest::newRow("$guid") << QStringLiteral("$guid") << uuid;
        QTest::newRow("$random.uuid") << QStringLiteral("$random.uuid") << uuid;
        QTest::newRow("alphabetic") << QStringLiteral("$random.alphabetic(8)") << QStringLiteral("^[A-Za-z]{8}$");
        QTest::newRow("alphanumeric") << QStringLiteral("$random.alphanumeric(12)") << QStringLiteral("^\\w{12}$");
        QTest::newRow("hexadecimal") << QStringLiteral("$random.hexadecimal(5)") << QStringLiteral("^[0-9a-f]{5}$");
        QTest::newRow("zero length") << QStringLiteral("$random.alphabetic(0)") << QStringLiteral("^$");
        QTest::newRow("email") << QStringLiteral("$random.email") << QStringLiteral("^[a-z]+@[a-z]+\\.example$");
        QTest::newRow("$exampleServer") << QStringLiteral("$exampleServer")
                                        << QStringLiteral("^examples\\.http-client\\.intellij\\.net$");
        QTest::newRow("float default") << QStringLiteral("$random.float")
                                       << QStringLiteral("^\\d+(\\.\\d+)?(e-\\d+)?$");
    }
    void shapes()
    {
        QFETCH(QString, expression);
        QFETCH(QString, pattern);
        const QRegularExpression re(pattern);
        QSet<QString> seen;
        for (int i = 0; i < 200; ++i) {
            const QString v = value(expression);
            QVERIFY2(re.match(v).hasMatch(), qPrintable(v));
            seen.insert(v);
        }
        if (!expression.contains(QLatin1String("(0)")) && expression != QLatin1String("$exampleServer"))
            QVERIFY2(seen.size() > 150, "values repeat: not random");
    }

    // [from, to): every value in range, both ends of the half-open range reached.
    void integerRanges_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("lo");
        QTest::addColumn<int>("hi");
        QTest::newRow("JetBrains") << QStringLiteral("$random.integer(1, 10)") << 1 << 10;
        QTest::newRow("REST Client") << QStringLiteral("$randomInt 1 10") << 1 << 10;
        QTest::newRow("negative") << QStringLiteral("$random.integer(-3,-1)") << -3 << -1;
        QTest::newRow("default") << QStringLiteral("$randomInt") << 0 << 1000;
    }
    void integerRanges()
    {
        QFETCH(QString, expression);
        QFETCH(int, lo);
        QFETCH(int, hi);
        QSet<int> seen;
        for (int i = 0; i < 3000; ++i) {
            bool ok = false;
            const int v = value(expression).toInt(&ok);
            QVERIFY(ok);
            QVERIFY2(v >= lo && v < hi, qPrintable(QString::number(v)));
            seen.insert(v);
        }
        if (hi - lo < 20) {
            QVERIFY(seen.contains(lo));
            QVERIFY(seen.contains(hi - 1));
        }
    }

    void floatRange()
    {
        for (int i = 0; i < 2000; ++i) {
            bool ok = false;
            const double v = value(QStringLiteral("$random.float(0, 1)")).toDouble(&ok);
            QVERIFY(ok);
            QVERIFY(v >= 0 && v < 1);
        }
    }

    // The random source is the injected one: the same seed, the same value.
    void injectedRandomSource()
    {
        QRandomGenerator a(42);
        QRandomGenerator b(42);
        DynamicContext ca = fixedClock();
        DynamicContext cb = fixedClock();
        ca.random = &a;
        cb.random = &b;
        for (int i = 0; i < 20; ++i)
            QCOMPARE(value(QStringLiteral("$random.alphanumeric(16)"), ca),
                value(QStringLiteral("$random.alphanumeric(16)"), cb));
    }

    void clock_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");
        const qint64 t = Fixed.toSecsSinceEpoch();
        QTest::newRow("$timestamp") << QStringLiteral("$timestamp") << QString::number(t);
        QTest::newRow("-1 d") << QStringLiteral("$timestamp -1 d") << QString::number(t - 86400);
        QTest::newRow("2 h") << QStringLiteral("$timestamp 2 h") << QString::number(t + 7200);
        QTest::newRow("-30 m") << QStringLiteral("$timestamp -30 m") << QString::number(t - 1800);
        QTest::newRow("1 w") << QStringLiteral("$timestamp 1 w") << QString::number(t + 7 * 86400);
        QTest::newRow("5 s") << QStringLiteral("$timestamp 5 s") << QString::number(t + 5);
        QTest::newRow("$isoTimestamp") << QStringLiteral("$isoTimestamp") << QStringLiteral("2026-03-01T12:34:56.789Z");
        QTest::newRow("iso8601") << QStringLiteral("$datetime iso8601") << QStringLiteral("2026-03-01T12:34:56.789Z");
        QTest::newRow("iso8601 -1 d") << QStringLiteral("$datetime iso8601 -1 d")
                                      << QStringLiteral("2026-02-28T12:34:56.789Z");
        QTest::newRow("iso8601 1 M") << QStringLiteral("$datetime iso8601 1 M")
                                     << QStringLiteral("2026-04-01T12:34:56.789Z");
        QTest::newRow("iso8601 -2 y") << QStringLiteral("$datetime iso8601 -2 y")
                                      << QStringLiteral("2024-03-01T12:34:56.789Z");
        QTest::newRow("iso8601 211 ms") << QStringLiteral("$datetime iso8601 211 ms")
                                        << QStringLiteral("2026-03-01T12:34:57.000Z");
        QTest::newRow("rfc1123") << QStringLiteral("$datetime rfc1123")
                                 << QStringLiteral("Sun, 01 Mar 2026 12:34:56 GMT");
        QTest::newRow("custom") << QStringLiteral("$datetime \"DD-MM-YYYY\"") << QStringLiteral("01-03-2026");
        QTest::newRow("custom single quotes")
            << QStringLiteral("$datetime 'YYYY/M/D HH:mm:ss.SSS' -1 d") << QStringLiteral("2026/2/28 12:34:56.789");
        QTest::newRow("custom names") << QStringLiteral("$datetime \"dddd, MMMM D, h A [at] X\"")
                                      << QStringLiteral("Sunday, March 1, 12 PM at %1").arg(t);
    }
    void clock()
    {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        QCOMPARE(value(expression), expected);
    }

    // The local time is the same instant, whatever zone the machine is in.
    void localDatetimeIsTheSameInstant()
    {
        const QString v = value(QStringLiteral("$localDatetime iso8601 -1 h"));
        const QDateTime back = QDateTime::fromString(v, Qt::ISODateWithMs);
        QVERIFY2(back.isValid(), qPrintable(v));
        QCOMPARE(back.toUTC(), Fixed.addSecs(-3600));
        QVERIFY(value(QStringLiteral("$localDatetime \"YYYY\"")).startsWith(QLatin1String("202")));
    }

    void processEnvAndIndirection()
    {
        qputenv("VERBSCOPE_DYN_TEST", "from-env");
        DynamicContext c = fixedClock();
        const VariableMap vars { { QStringLiteral("which"), QStringLiteral("VERBSCOPE_DYN_TEST") } };
        c.variables = &vars;
        DynamicValue v = DynamicVariables::evaluate(QStringLiteral("$processEnv VERBSCOPE_DYN_TEST"), c);
        QVERIFY(v.ok);
        QCOMPARE(v.value, QStringLiteral("from-env"));
        QCOMPARE(v.reads, DynamicValue::Reads::ProcessEnv);
        QCOMPARE(v.readName, QStringLiteral("VERBSCOPE_DYN_TEST"));
        v = DynamicVariables::evaluate(QStringLiteral("$processEnv %which"), c);
        QVERIFY(v.ok);
        QCOMPARE(v.value, QStringLiteral("from-env"));
        QCOMPARE(v.readName, QStringLiteral("VERBSCOPE_DYN_TEST"));
        v = DynamicVariables::evaluate(QStringLiteral("$processEnv VERBSCOPE_DYN_UNSET"), c);
        QVERIFY(!v.ok);
        QCOMPARE(v.reads, DynamicValue::Reads::ProcessEnv); // still a reference, for consent
        QVERIFY2(v.error.contains(QLatin1String("VERBSCOPE_DYN_UNSET is not set")), qPrintable(v.error));
    }

    void dotenvReadsTheFileNextToTheHttpFile()
    {
        QTemporaryDir dir;
        QFile env(dir.filePath(QStringLiteral(".env")));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("# a comment\nTOKEN=abc123\nexport QUOTED=\"two words\"\n");
        env.close();
        QFile http(dir.filePath(QStringLiteral("api.http")));
        QVERIFY(http.open(QIODevice::WriteOnly));
        http.write("GET http://h/?t={{$dotenv TOKEN}}\nX-Q: {{ $dotenv QUOTED }}\n");
        http.close();
        const ParseResult r = HttpFileParser::parse(QStringLiteral("GET http://h/?t={{$dotenv TOKEN}}\n"
                                                                   "X-Q: {{ $dotenv QUOTED }}\n"));
        QVERIFY(r.issues.isEmpty());
        const ResolvedRequest rr = RequestResolver::resolve(r.file, 0, http.fileName(), {});
        QVERIFY(rr.unresolved.isEmpty());
        QCOMPARE(rr.url, QStringLiteral("http://h/?t=abc123"));
        QCOMPARE(rr.headers.at(0).value, QStringLiteral("two words"));
        // Consent: reading .env is reading a file, listed like `< file`.
        QCOMPARE(rr.references.size(), 2); // one per line that reads it
        for (const LocalReference &ref : rr.references) {
            QCOMPARE(ref.kind, LocalReference::Kind::File);
            QCOMPARE(ref.target, QDir::cleanPath(env.fileName()));
        }
        QCOMPARE(rr.references.at(0).line + rr.references.at(1).line, 3); // lines 1 and 2

        const ParseResult missing = HttpFileParser::parse(QStringLiteral("GET http://h/{{$dotenv NOPE}}\n"));
        const ResolvedRequest m = RequestResolver::resolve(missing.file, 0, http.fileName(), {});
        QCOMPARE(m.unresolved.size(), 1);
        QVERIFY2(m.unresolved.at(0).toString().contains(QLatin1String("NOPE is not in")),
            qPrintable(m.unresolved.at(0).toString()));
    }

    void percentEncodedAndSpacedVariables()
    {
        const ParseResult r = HttpFileParser::parse(QStringLiteral("GET http://h/?q={{%q}}&r={{ q }}&s={{ %q }}\n"));
        QVERIFY(r.issues.isEmpty());
        const VariableMap vars { { QStringLiteral("q"), QStringLiteral("a b&c/é") } };
        const ResolvedRequest rr = RequestResolver::resolve(r.file, 0, QStringLiteral("x.http"), vars);
        QVERIFY(rr.unresolved.isEmpty());
        QCOMPARE(rr.url, QStringLiteral("http://h/?q=a%20b%26c%2F%C3%A9&r=a b&c/é&s=a%20b%26c%2F%C3%A9"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("offset");
        QTest::newRow("unknown") << QStringLiteral("$random.integr(1, 2)")
                                 << QStringLiteral("unknown dynamic variable $random.integr (nearest known: "
                                                   "$random.integer)")
                                 << 0;
        QTest::newRow("typo") << QStringLiteral("$uuidd")
                              << QStringLiteral("unknown dynamic variable $uuidd (nearest known: $uuid)") << 0;
        QTest::newRow("one argument") << QStringLiteral("$random.integer(a)")
                                      << QStringLiteral("$random.integer takes two arguments (from, to) or none") << 16;
        QTest::newRow("not a number") << QStringLiteral("$random.integer(1, x)")
                                      << QStringLiteral("$random.integer: \"x\" is not an integer") << 19;
        QTest::newRow("empty range") << QStringLiteral("$randomInt 5 5")
                                     << QStringLiteral("$randomInt: 5 is not greater than 5") << 13;
        QTest::newRow("bad unit") << QStringLiteral("$timestamp -1 q")
                                  << QStringLiteral("$timestamp: unknown offset unit \"q\" (y M w d h m s ms)") << 14;
        QTest::newRow("no unit")
            << QStringLiteral("$timestamp -1")
            << QStringLiteral("$timestamp: an offset is a number and a unit (y M w d h m s ms), as in \"-1 d\"") << 11;
        QTest::newRow("bad format") << QStringLiteral("$datetime unix")
                                    << QStringLiteral(
                                           "$datetime: unknown format \"unix\" (rfc1123, iso8601 or a quoted "
                                           "format)")
                                    << 10;
        QTest::newRow("no format") << QStringLiteral("$datetime")
                                   << QStringLiteral("$datetime takes 1 to 3 argument(s), not 0") << 0;
        QTest::newRow("args to uuid") << QStringLiteral("$uuid(3)")
                                      << QStringLiteral("$uuid takes 0 argument(s), not 1") << 6;
        QTest::newRow("too long") << QStringLiteral("$random.alphabetic(1000000)")
                                  << QStringLiteral("$random.alphabetic: length 1000000 is not between 0 and 100000")
                                  << 19;
        QTest::newRow("unclosed") << QStringLiteral("$random.integer(1, 2")
                                  << QStringLiteral("$random.integer( has no closing parenthesis") << 20;
        QTest::newRow("unsupported") << QStringLiteral("$aadToken")
                                     << QStringLiteral("$aadToken is not supported by VerbScope") << 0;
    }
    void errors()
    {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        QFETCH(int, offset);
        int at = -1;
        QCOMPARE(DynamicVariables::check(expression, &at), message);
        QCOMPARE(at, offset);
        const DynamicValue v = DynamicVariables::evaluate(expression, fixedClock());
        QVERIFY(!v.ok);
        QCOMPARE(v.error, message);
    }

    // Parse time, not run time: file:line:column at the `$` or the wrong argument.
    void parserPinsUnknownVariables()
    {
        const QString text = QStringLiteral("@id = {{$uuid}}\n"
                                            "GET http://h/{{ $random.integr(1, 2) }}\n"
                                            "X-A: {{$random.integer(a)}}\n"
                                            "\n"
                                            "{\"t\": {{$timestamp -1 q}}}\n");
        const ParseResult r = HttpFileParser::parse(text, QStringLiteral("api.http"));
        QCOMPARE(r.issues.size(), 3);
        QCOMPARE(r.issues.at(0).toString(),
            QStringLiteral("api.http:2:17: error: unknown dynamic variable $random.integr (nearest known: "
                           "$random.integer)"));
        QCOMPARE(r.issues.at(1).toString(),
            QStringLiteral("api.http:3:24: error: $random.integer takes two arguments (from, to) or none"));
        QCOMPARE(r.issues.at(2).toString(),
            QStringLiteral("api.http:5:23: error: $timestamp: unknown offset unit \"q\" (y M w d h m s ms)"));
        QVERIFY(r.hasErrors());
        // Nothing lost on write-back: the writer keeps what it cannot run.
        const HttpFileWriter::Written w = HttpFileWriter::writeVerified(r.file);
        QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        QVERIFY(w.text.contains(QLatin1String("{{ $random.integr(1, 2) }}")));
    }

    // The parser checks whatever stands in {{$…}}: random expressions never crash it, and an error
    // always points inside the expression.
    void arbitraryExpressionsAreSafe()
    {
        QRandomGenerator g(20);
        const QString alphabet = QStringLiteral("$$$(((),,\"\"'' 0123456789-%.abcdefghijklmnopqrstuvwxyzYMDHms");
        const QStringList prefixes { QStringLiteral("$random.integer("), QStringLiteral("$datetime "),
            QStringLiteral("$timestamp "), QStringLiteral("$random.alphabetic("), QStringLiteral("$") };
        DynamicContext c = fixedClock();
        c.readFiles = false;
        for (int i = 0; i < 20000; ++i) {
            QString e = prefixes.at(int(g.bounded(int(prefixes.size()))));
            for (int k = int(g.bounded(12)); k > 0; --k)
                e += alphabet.at(int(g.bounded(int(alphabet.size()))));
            int at = -1;
            const QString problem = DynamicVariables::check(e, &at);
            QVERIFY2(at >= 0 && at <= e.size(), qPrintable(e));
            const DynamicValue v = DynamicVariables::evaluate(e, c);
            // What check accepts, evaluate computes (the environment aside).
            if (problem.isEmpty() && !e.startsWith(QLatin1String("$processEnv"))
                && !e.startsWith(QLatin1String("$dotenv")))
                QVERIFY2(v.ok, qPrintable(e + QStringLiteral(": ") + v.error));
        }
    }

    void namesAreTheTable()
    {
        const QStringList names = DynamicVariables::names();
        for (const char *n : { "$uuid", "$guid", "$random.uuid", "$randomInt", "$random.integer", "$random.float",
                 "$random.alphabetic", "$random.alphanumeric", "$random.hexadecimal", "$random.email", "$timestamp",
                 "$isoTimestamp", "$datetime", "$localDatetime", "$exampleServer", "$processEnv", "$dotenv" })
            QVERIFY2(names.contains(QLatin1String(n)), n);
    }
};

QTEST_APPLESS_MAIN(tst_DynamicVariables)
#include "tst_dynamicvariables.moc"
