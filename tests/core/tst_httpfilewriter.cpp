// SPDX-License-Identifier: GPL-3.0-or-later
// HttpFileWriter against hostile values: no value can add, remove or alter a request, header,
// variable or directive of the written file. Each field on its own, then a deterministic
// property test that puts line breaks, separators, handlers, directives and NULs everywhere.
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileWriter.h"
#include "core/http/HttpSyntax.h"

#include <QRandomGenerator>
#include <QTest>

#include <array>

using namespace verbscope::collections;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString Smuggled = QStringLiteral("POST http://127.0.0.1:1/smuggled");

HttpRequest plain()
{
    HttpRequest r;
    r.title = QStringLiteral("Create");
    r.name = QStringLiteral("create");
    r.method = QStringLiteral("POST");
    r.target = QStringLiteral("http://127.0.0.1:1/users");
    r.headers.append({ QStringLiteral("Content-Type"), QStringLiteral("application/json"), 0 });
    r.body = QStringLiteral("{\"a\": 1}");
    r.hasBody = true;
    return r;
}

// Nothing of a smuggled request, header or directive in what the parser reads.
void checkNothingSmuggled(const ParseResult &back)
{
    for (const HttpRequest &r : back.file.requests) {
        QVERIFY(!r.target.contains(QLatin1String("smuggled")));
        QVERIFY(!r.hasDirective(QStringLiteral("insecure")));
        for (const HeaderLine &h : r.headers)
            QVERIFY2(h.name != QLatin1String("Y"), qPrintable(h.value));
    }
}

// Hostile pieces: every string the parser treats as structure, and bytes that end lines.
QString hostile(QRandomGenerator &g)
{
    static const QStringList pieces { QStringLiteral("a"), QStringLiteral("x-y"), QStringLiteral(" "),
        QStringLiteral("\r"), QStringLiteral("\n"), QStringLiteral("\r\n"), QStringLiteral("###"),
        QStringLiteral("### x"), QStringLiteral("> "), QStringLiteral(">> out"), QStringLiteral("<> r"),
        QStringLiteral(">"), QStringLiteral("@x = 1"), QStringLiteral("# @name evil"), QStringLiteral("@insecure"),
        QString(QChar(0)), QStringLiteral("{{"), QStringLiteral("}}"), QStringLiteral("{{v}}"),
        QStringLiteral("{{ a b }}"), QStringLiteral("é"), QStringLiteral("日本"), QStringLiteral("\t"),
        QStringLiteral("\f"), Smuggled, QStringLiteral(":"), QStringLiteral("HTTP/1.1"), QStringLiteral("//"),
        QStringLiteral("#"), QString(QChar(0x2028)), QString(QChar(0x85)), QString(QChar(0xFEFF)),
        QStringLiteral("< ./f"), QStringLiteral("Y: b"), QStringLiteral("GET") };
    QString s;
    const int n = int(g.bounded(5));
    for (int i = 0; i < n; ++i)
        s += pieces.at(int(g.bounded(int(pieces.size()))));
    return s;
}

QString pick(QRandomGenerator &g, const QStringList &safe)
{
    return g.bounded(4) != 0 ? safe.at(int(g.bounded(int(safe.size())))) : hostile(g);
}

HttpFile randomFile(QRandomGenerator &g)
{
    HttpFile f;
    for (int i = int(g.bounded(3)); i > 0; --i)
        f.comments << hostile(g);
    for (int i = int(g.bounded(3)); i > 0; --i)
        f.variables.append({ pick(g, { QStringLiteral("base"), QStringLiteral("a.b-c_$") }), hostile(g), 0 });
    for (int i = int(g.bounded(1, 5)); i > 0; --i) {
        HttpRequest r;
        r.title = hostile(g);
        r.name = pick(g, { QString(), QStringLiteral("create") });
        for (int k = int(g.bounded(3)); k > 0; --k)
            r.comments << hostile(g);
        for (int k = int(g.bounded(3)); k > 0; --k)
            r.directives.append({ pick(g, { QStringLiteral("no-redirect"), QStringLiteral("timeout") }),
                pick(g, { QString(), QStringLiteral("5 s") }) });
        for (int k = int(g.bounded(2)); k > 0; --k)
            r.variables.append({ pick(g, { QStringLiteral("id") }), pick(g, { QStringLiteral("7") }), 0 });
        r.method = pick(g, { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("X-Y") });
        r.target = pick(g, { QStringLiteral("http://127.0.0.1:1/a"), QStringLiteral("{{base}}/x?q={{ id }}") });
        r.httpVersion = pick(g, { QString(), QStringLiteral("HTTP/1.1") });
        for (int k = int(g.bounded(4)); k > 0; --k)
            r.headers.append({ pick(g, { QStringLiteral("X"), QStringLiteral("{{h}}") }),
                pick(g, { QStringLiteral("1"), QStringLiteral(" {{v}} ") }), 0 });
        for (int k = int(g.bounded(3)); k > 0; --k)
            r.innerComments.append({ hostile(g), int(g.bounded(5)), g.bounded(2) == 0, 0 });
        r.hasBody = g.bounded(2) == 0;
        if (r.hasBody)
            r.body = pick(g, { QStringLiteral("{\n  \"a\": 1\n}") }) + QLatin1Char('\n')
                + pick(g, { QStringLiteral("x") });
        if (g.bounded(4) == 0)
            r.handlers = QStringLiteral("> ") + hostile(g);
        if (g.bounded(4) == 0)
            r.preRequestScripts = pick(g, { QStringLiteral("< "), QStringLiteral("< {%") }) + hostile(g);
        f.requests.append(r);
    }
    return f;
}

// Checked without the writer's own rules: what came back says no more than the input said.
void checkSameStructure(const HttpRequest &in, const HttpRequest &out)
{
    QCOMPARE(out.method, in.method);
    QCOMPARE(out.target, in.target);
    QCOMPARE(out.httpVersion, in.httpVersion);
    QCOMPARE(out.name, in.name.trimmed());
    QCOMPARE(out.headers.size(), in.headers.size());
    for (qsizetype i = 0; i < in.headers.size(); ++i) {
        QCOMPARE(out.headers.at(i).name, in.headers.at(i).name);
        QCOMPARE(out.headers.at(i).value, in.headers.at(i).value.trimmed());
    }
    QCOMPARE(out.directives.size(), in.directives.size());
    for (qsizetype i = 0; i < in.directives.size(); ++i)
        QCOMPARE(out.directives.at(i).name, in.directives.at(i).name);
    QCOMPARE(out.variables.size(), in.variables.size());
    QVERIFY(out.innerComments.size() >= in.innerComments.size()); // a comment with breaks becomes several
    if (out.hasBody) {
        QString body = in.body;
        body.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        QVERIFY(body.startsWith(out.body));
        QVERIFY(body.mid(out.body.size()).trimmed().isEmpty());
    }
}
} // namespace

class tst_HttpFileWriter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A value that would change the structure: the request is a commented block, the warning
    // names the request, the field and the character, and nothing of it is read as a request.
    void unwritableValuesAreCommentedOut_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        const QString nul = QStringLiteral("a") + QChar(0) + QStringLiteral("b");
        const QList<std::array<QString, 4>> rows {
            { u"method"_s, u"method"_s, u"GET\n"_s + Smuggled, u"method \"GET\\n"_s },
            { u"method #"_s, u"method"_s, u"#GET"_s, u"starts with #"_s },
            { u"empty method"_s, u"method"_s, QString(), u"method is empty"_s },
            { u"target LF"_s, u"target"_s, u"http://a/\n"_s + Smuggled,
                u"the target has a line break (LF at character 10)"_s },
            { u"target space"_s, u"target"_s, u"http://a/ HTTP/1.1"_s, u"has whitespace (space)"_s },
            { u"target empty"_s, u"target"_s, QString(), u"the target is empty"_s },
            { u"version"_s, u"version"_s, u"HTTP/1.1\nY: b"_s, u"HTTP version"_s },
            { u"header name"_s, u"header name"_s, u"X\nY"_s,
                u"header 1 \"X\\nY\" has a line break (LF at character 2) in its name"_s },
            { u"header name #"_s, u"header name"_s, u"#X"_s, u"is not a header name"_s },
            { u"header value CRLF"_s, u"header value"_s, u"a\r\nY: b"_s,
                u"header 1 \"X\" has a line break (CR at character 2) in its value"_s },
            { u"header value NUL"_s, u"header value"_s, nul, u"a NUL (NUL at character 2)"_s },
            { u"body ###"_s, u"body"_s, u"x\n###\n"_s + Smuggled, u"body line 2 \"###\" would start a new request"_s },
            { u"body handler"_s, u"body"_s, u"x\n> {% client.global.set('a', 1) %}"_s, u"response handler"_s },
            { u"body lone CR"_s, u"body"_s, u"x\r### y"_s, u"carriage return without a line feed"_s },
            { u"name"_s, u"name"_s, u"n\n###\n"_s + Smuggled, u"@name has a line break (LF at character 2)"_s },
            { u"directive name"_s, u"directive name"_s, u"no redirect"_s, u"not a directive name"_s },
            { u"directive value"_s, u"directive value"_s, u"5\n"_s + Smuggled,
                u"directive @timeout has a line break"_s },
            { u"variable name"_s, u"variable name"_s, u"my var"_s, u"is not a variable name"_s },
            { u"variable value"_s, u"variable value"_s, u"1\n###\n"_s + Smuggled, u"variable @id has a line break"_s },
            { u"handler ###"_s, u"handlers"_s, u"> a.js\n###\n"_s + Smuggled, u"handler line 2 \"###\""_s },
            { u"handler not a handler"_s, u"handlers"_s, Smuggled, u"does not start with"_s },
            // Found by fuzz_httpfile: the parser refuses text after %}, so such a block never reads back.
            { u"handler text after %}"_s, u"handlers"_s, u"> {% client.test('ok', () => {}) %}ho"_s,
                u"script line 1: text after %} (\"ho\")"_s },
            { u"handler unterminated"_s, u"handlers"_s, u"> {%\nclient.log(1)"_s, u"script line 1:"_s },
            { u"pre-request ###"_s, u"pre"_s, u"< {%\n###\n"_s + Smuggled + u"\n%}"_s,
                u"pre-request script line 2 \"###\""_s },
            { u"pre-request request line"_s, u"pre"_s, u"< ./a.js\n"_s + Smuggled,
                u"pre-request script line 2 \"POST"_s },
            { u"pre-request header"_s, u"pre"_s, u"< {% client.log(1) %}\nX-Injected: 1"_s,
                u"pre-request script line 2 \"X-Injected: 1\" is not"_s },
            { u"pre-request unterminated"_s, u"pre"_s, u"< {%\nrequest.variables.set('a', 1)"_s,
                u"{% without its %}"_s },
        };
        for (const auto &row : rows)
            QTest::newRow(row[0].toUtf8().constData()) << row[1] << row[2] << row[3];
    }

    void unwritableValuesAreCommentedOut()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        HttpRequest r = plain();
        if (field == QLatin1String("method"))
            r.method = value;
        else if (field == QLatin1String("target"))
            r.target = value;
        else if (field == QLatin1String("version"))
            r.httpVersion = value;
        else if (field == QLatin1String("header name"))
            r.headers.prepend({ value, QStringLiteral("1"), 0 });
        else if (field == QLatin1String("header value"))
            r.headers.prepend({ QStringLiteral("X"), value, 0 });
        else if (field == QLatin1String("body"))
            r.body = value;
        else if (field == QLatin1String("name"))
            r.name = value;
        else if (field == QLatin1String("directive name"))
            r.directives.append({ value, QString() });
        else if (field == QLatin1String("directive value"))
            r.directives.append({ QStringLiteral("timeout"), value });
        else if (field == QLatin1String("variable name"))
            r.variables.append({ value, QStringLiteral("1"), 0 });
        else if (field == QLatin1String("variable value"))
            r.variables.append({ QStringLiteral("id"), value, 0 });
        else if (field == QLatin1String("handlers"))
            r.handlers = value;
        else if (field == QLatin1String("pre"))
            r.preRequestScripts = value;
        HttpFile f;
        f.requests = { plain(), r, plain() };
        f.requests[2].name = QStringLiteral("after");
        const HttpFileWriter::Written w = HttpFileWriter::writeVerified(f);
        QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        QVERIFY2(w.commented.size() == 1, qPrintable(w.commented.join(QLatin1Char('\n'))));
        QVERIFY2(w.commented.constFirst().contains(message), qPrintable(w.commented.constFirst()));
        QVERIFY(w.commented.constFirst().contains(QStringLiteral("written as a comment so nothing is sent")));
        QVERIFY(w.warnings.contains(w.commented.constFirst()));
        const ParseResult back = HttpFileParser::parse(w.text);
        QVERIFY2(!back.hasErrors(), qPrintable(w.text));
        // The requests around it are untouched; the commented one is not read as a request.
        QCOMPARE(back.file.requests.size(), 2);
        QCOMPARE(back.file.requests.at(0), plain());
        QCOMPARE(back.file.requests.at(1).name, QStringLiteral("after"));
        QVERIFY(back.file.variables.isEmpty());
        checkNothingSmuggled(back);
        if (QTest::currentTestFailed())
            return;
        // The reason is in the file, on a comment line, and the block shows what the source said.
        QVERIFY(w.text.contains(QStringLiteral("# Not written as a request: ")));
        QVERIFY(w.text.contains(QStringLiteral("\n#| ")));
    }

    // Harmless values are kept (visibly changed) and reported; the request is still a request.
    void harmlessValuesAreKeptAndReported()
    {
        HttpFile f;
        f.comments << QStringLiteral("@insecure");
        HttpRequest r = plain();
        r.title = QStringLiteral("x\n###\n") + Smuggled;
        r.comments << QStringLiteral("first\n@x = 1\r\n# @name evil") << QStringLiteral(" @insecure");
        r.headers.append({ QStringLiteral("X-Pad"), QStringLiteral("  v  "), 0 });
        r.body = QStringLiteral("a\r\nb\n\n");
        f.requests.append(r);
        const HttpFileWriter::Written w = HttpFileWriter::writeVerified(f);
        QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        QVERIFY(w.commented.isEmpty());
        const ParseResult back = HttpFileParser::parse(w.text);
        QVERIFY2(back.issues.isEmpty(), qPrintable(w.text));
        QCOMPARE(back.file.requests.size(), 1);
        const HttpRequest &b = back.file.requests.constFirst();
        QCOMPARE(b.title, QStringLiteral("x\\n###\\nPOST http://127.0.0.1:1/smuggled"));
        QCOMPARE(b.comments,
            QStringList({ QStringLiteral("first"), QStringLiteral("\\@x = 1"), QStringLiteral("# @name evil"),
                QStringLiteral("\\ @insecure") }));
        QVERIFY(b.directives.isEmpty());
        QVERIFY(b.variables.isEmpty());
        QCOMPARE(b.name, QStringLiteral("create"));
        QCOMPARE(b.headers.constLast().value, QStringLiteral("v"));
        QCOMPARE(b.body, QStringLiteral("a\nb"));
        QCOMPARE(back.file.comments, QStringList { QStringLiteral("\\@insecure") });
        const QString all = w.warnings.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("the title has a line break (LF at character 2)")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("comment 1 has a line break")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("would be read as a directive")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("CRLF line ends are written as LF")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("spaces around the value")), qPrintable(all));
    }

    // A file variable that cannot be written is a comment and is counted as not written.
    void unwritableFileVariableIsCommentedOut()
    {
        HttpFile f;
        f.variables.append({ QStringLiteral("base"), QStringLiteral("http://a\n###\n") + Smuggled, 0 });
        f.variables.append({ QStringLiteral("ok"), QStringLiteral("1"), 0 });
        f.requests.append(plain());
        const HttpFileWriter::Written w = HttpFileWriter::writeVerified(f);
        QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        QVERIFY2(w.commented.size() == 1, qPrintable(w.commented.join(QLatin1Char('\n'))));
        QVERIFY(
            w.commented.constFirst().contains(QStringLiteral("variable @base has a line break (LF at character 9)")));
        const ParseResult back = HttpFileParser::parse(w.text);
        QVERIFY(!back.hasErrors());
        QCOMPARE(back.file.requests.size(), 1);
        QCOMPARE(back.file.variables.size(), 1);
        QCOMPARE(back.file.variables.constFirst().name, QStringLiteral("ok"));
    }

    // verify() is what stops a wrong file from being written: it names the request and field.
    void verifyNamesTheDifference()
    {
        HttpFile expected;
        expected.requests.append(plain());
        const QString good = HttpFileWriter::write(expected);
        QCOMPARE(HttpFileWriter::verify(good, expected), QString());
        QString changed = good;
        changed.replace(QStringLiteral("application/json"), QStringLiteral("text/plain"));
        QCOMPARE(HttpFileWriter::verify(changed, expected),
            QStringLiteral("request 1 \"create\" does not read back as written (headers)"));
        QVERIFY(HttpFileWriter::verify(good + QStringLiteral("\n###\n") + Smuggled + QLatin1Char('\n'), expected)
                    .contains(QStringLiteral("1 request(s) were written but 2 read back")));
        QVERIFY(HttpFileWriter::verify(QStringLiteral("GE(T http://a/\n"), expected)
                    .contains(QStringLiteral("does not parse")));
    }

    // Fixed seeds, a few thousand files of hostile values in every field: every request written
    // as a request reads back equal (and says no more than its input), every commented one is
    // warned about, and the parse never holds more requests than were given.
    void propertyHostileValuesNeverChangeTheStructure()
    {
        int commentedRequests = 0, writtenRequests = 0;
        for (const quint32 seed : { 1u, 18u, 2026u, 4242u }) {
            QRandomGenerator g(seed);
            for (int run = 0; run < 1000; ++run) {
                const HttpFile f = randomFile(g);
                const HttpFileWriter::Written w = HttpFileWriter::writeVerified(f);
                const QByteArray where
                    = QStringLiteral("seed %1 run %2:\n%3\n%4").arg(seed).arg(run).arg(w.text, w.error).toUtf8();
                QVERIFY2(w.error.isEmpty(), where.constData());
                const ParseResult back = HttpFileParser::parse(w.text);
                QVERIFY2(!back.hasErrors(), where.constData());
                QVERIFY2(back.file.requests.size() <= f.requests.size(), where.constData());
                QVERIFY2(back.file.requests == w.expected.requests, where.constData());
                qsizetype next = 0;
                for (const HttpRequest &in : f.requests) {
                    bool blocked = false;
                    for (const HttpFileWriter::Hazard &h : HttpFileWriter::hazards(in))
                        blocked = blocked || h.blocks;
                    if (blocked) {
                        ++commentedRequests;
                        const QString who = HttpFileWriter::shown(in.displayName()) + QStringLiteral(": ");
                        bool warned = false;
                        for (const QString &c : w.commented)
                            warned = warned || c.startsWith(who);
                        QVERIFY2(warned, where.constData());
                        continue;
                    }
                    ++writtenRequests;
                    QVERIFY2(next < back.file.requests.size(), where.constData());
                    checkSameStructure(in, back.file.requests.at(next++));
                    if (QTest::currentTestFailed())
                        QFAIL(where.constData());
                }
                QCOMPARE(next, back.file.requests.size());
                for (const HttpRequest &r : back.file.requests) {
                    QVERIFY(verbscope::http::checkMethod(r.method.toUtf8()).isEmpty());
                    for (const HeaderLine &h : r.headers)
                        QVERIFY(!h.value.contains(QLatin1Char('\n')) && !h.value.contains(QLatin1Char('\r')));
                }
            }
        }
        // The generator reaches both outcomes often, or the property says little.
        QVERIFY2(commentedRequests > 1000, qPrintable(QString::number(commentedRequests)));
        QVERIFY2(writtenRequests > 1000, qPrintable(QString::number(writtenRequests)));
    }
};

QTEST_APPLESS_MAIN(tst_HttpFileWriter)
#include "tst_httpfilewriter.moc"
