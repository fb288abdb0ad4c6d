// SPDX-License-Identifier: GPL-3.0-or-later
// Code generation, proved by running: each snippet whose runtime is a Debian package (curl,
// HTTPie, wget, Python requests, Node, Go, and the Qt here) is run against a recording loopback
// server, and the request it sends is compared with what VerbScope's wire transport sends for the
// same request. Only the differences listed per tool (and in docs/collections.md) are allowed.
#include "core/collections/codegen/CodeGenerator.h"
#include "core/http/Engine.h"
#include "core/http/Exchange.h"
#include "core/http/RequestText.h"
#include "tests/support/ExchangeBuilder.h"
#include "tests/support/FakeServer.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace verbscope::http;
using namespace verbscope::test;
using verbscope::codegen::CodeGenerator;

namespace {

struct Parsed {
    QByteArray method;
    QByteArray target;
    HeaderList headers;
    QByteArray body;
};

Parsed parse(const FakeRequest &r)
{
    Parsed p { r.method, r.target, {}, r.body };
    const QList<QByteArray> lines = r.head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        p.headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
    }
    return p;
}

// What a tool cannot help doing, each checked against its real behaviour.
struct Profile {
    QString id;
    QStringList program; // {} = run the snippet with bash
    QString suffix = QStringLiteral(".sh");
    bool upperCasesMethod = false;
    bool foldsDuplicates = false; // one field per name, values joined with ", "
    bool lastDuplicateWins = false;
    bool groupsDuplicates = false; // same-name lines sent together, at the first one's place
    bool sortsByName = false;
    bool lowerCasesNames = false;
    bool emptyLength = false; // Content-Length: 0 on a request without a body
    QList<QByteArray> adds; // headers it sends of its own (lower case) when the request has none
};

HeaderList fold(const HeaderList &in, bool lastWins)
{
    HeaderList out;
    for (const Header &h : in) {
        auto it = std::find_if(
            out.begin(), out.end(), [&](const Header &o) { return o.name.compare(h.name, Qt::CaseInsensitive) == 0; });
        if (it == out.end())
            out.append(h);
        else if (lastWins)
            *it = h;
        else
            it->value += ", " + h.value;
    }
    return out;
}

HeaderList without(HeaderList list, const QList<QByteArray> &lowerNames)
{
    list.removeIf([&](const Header &h) { return lowerNames.contains(h.name.toLower()); });
    return list;
}

QString show(const HeaderList &list)
{
    QStringList out;
    for (const Header &h : list)
        out << QString::fromLatin1(h.name + ": " + h.value);
    return out.join(QStringLiteral(" | "));
}

} // namespace

class tst_CodeGen final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sameBytesAsVerbScope_data();
    void sameBytesAsVerbScope();
    void qtSnippetCompilesAndSends();
    void powershellGolden();
    void everyTargetNamesWhatItCannotSend();
    void registryAndExportCli();
    void curlNeverReadsAFileForABody_data();
    void curlNeverReadsAFileForABody();

private:
    QByteArray run(const QString &code, const Profile &profile, FakeServer &server, QString *error);
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

void tst_CodeGen::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (const char *tool : { "bash", "curl", "http", "wget", "python3", "node", "go" })
        QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
            qPrintable(
                QStringLiteral("%1 is needed (see the Debian packages in the README)").arg(QLatin1String(tool))));
    m_env = QProcessEnvironment::systemEnvironment();
    // Go builds offline, with its caches in the temporary directory.
    m_env.insert(QStringLiteral("GOCACHE"), m_dir.filePath(QStringLiteral("gocache")));
    m_env.insert(QStringLiteral("GOPATH"), m_dir.filePath(QStringLiteral("gopath")));
    m_env.insert(QStringLiteral("GOPROXY"), QStringLiteral("off"));
    m_env.insert(QStringLiteral("GOFLAGS"), QStringLiteral("-mod=mod"));
    m_env.insert(QStringLiteral("GO111MODULE"), QStringLiteral("off"));
    m_env.insert(QStringLiteral("HOME"), m_dir.path()); // HTTPie keeps its config there
    for (const char *proxy : { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" })
        m_env.remove(QString::fromLatin1(proxy));
}

QByteArray tst_CodeGen::run(const QString &code, const Profile &profile, FakeServer &server, QString *error)
{
    static int n = 0;
    const QString path = m_dir.filePath(QStringLiteral("snippet%1%2").arg(++n).arg(profile.suffix));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(code.toUtf8()) < 0) {
        *error = f.errorString();
        return {};
    }
    f.close();
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.setWorkingDirectory(m_dir.path());
    p.setStandardInputFile(QProcess::nullDevice());
    const QStringList program = profile.program.isEmpty() ? QStringList { QStringLiteral("bash") } : profile.program;
    p.start(program.first(), program.mid(1) << path);
    // The server lives on this thread: wait in an event loop, never block it.
    QEventLoop loop;
    connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    if (p.state() != QProcess::NotRunning)
        loop.exec();
    Q_UNUSED(server);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        *error = QStringLiteral("%1 failed (%2): %3\n%4")
                     .arg(program.first())
                     .arg(p.exitCode())
                     .arg(QString::fromUtf8(p.readAllStandardError()), code);
    return p.readAllStandardOutput();
}

void tst_CodeGen::sameBytesAsVerbScope_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("hasBody");
    QTest::addColumn<QString>("bodyFile");

    // A body file whose name needs quoting in every language.
    const QString bodyFile = m_dir.filePath(QStringLiteral("it's a \"body\" $x.bin"));
    QFile file(bodyFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("\x00file\r\n\xfe", 8));
    file.close();

    struct Case {
        const char *name;
        QByteArray method;
        QString path;
        HeaderList headers;
        QByteArray body;
        bool hasBody;
        QString bodyFile = {};
    };
    const QList<Case> cases {
        { "lower-case custom method, duplicates", "purge", QStringLiteral("/cache/item"),
            { { "X-Dup", "one" }, { "X-Other", "between" }, { "x-dup", "two" }, { "X-Empty", "" } }, {}, false },
        { "JSON body, hostile values", "POST", QStringLiteral("/api/users"),
            { { "Content-Type", "application/json; charset=utf-8" },
                { "X-Quote", "it's \"q\" \\ $HOME `id` $(id) %s %%" }, { "X-Utf8", "h\xc3\xa9llo \xe2\x9c\x93" } },
            "{\"name\": \"O'Brien \\\"x\\\"\", \"path\": \"C:\\\\dir\", \"cmd\": \"$(id) `id` $HOME %s\",\n"
            " \"text\": \"line1\\nline2\", \"utf8\": \"\xc3\xa9\xe2\x9c\x93\"}\n",
            true },
        { "binary body", "PUT", QStringLiteral("/upload"), { { "Content-Type", "application/octet-stream" } },
            QByteArray("\x00\r\n\xff\x80'\"\\%\x01\x7f$`\r\n\x00", 17), true },
        { "encoded query", "GET", QStringLiteral("/search?q=a%20b%2Fc&x=%C3%A9&y=%26%3D%2B&z=%25"),
            { { "Accept", "application/json" } }, {}, false },
        { "text body like an option", "POST", QStringLiteral("/opt"), { { "Content-Type", "text/plain" } },
            "-d @secret.txt --raw x\n", true },
        { "body file", "POST", QStringLiteral("/file"), { { "Content-Type", "application/octet-stream" } }, {}, true,
            bodyFile },
    };
    for (const char *target : { "curl", "httpie", "wget", "python", "node", "fetch", "go" })
        for (const Case &c : cases)
            QTest::addRow("%s: %s", target, c.name)
                << QString::fromLatin1(target) << c.method << c.path << c.headers << c.body << c.hasBody << c.bodyFile;
}

void tst_CodeGen::sameBytesAsVerbScope()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, hasBody);
    QFETCH(QString, bodyFile);
    // The tools' own additions, as observed with the Debian 12 versions (see docs/collections.md).
    Profile profile;
    profile.id = target;
    if (target == QLatin1String("httpie")) {
        profile.upperCasesMethod = true;
        profile.adds = { "user-agent", "accept-encoding" };
        profile.emptyLength = true;
        profile.groupsDuplicates = true;
    } else if (target == QLatin1String("wget")) {
        profile.upperCasesMethod = true;
        profile.lastDuplicateWins = true;
        profile.adds = { "user-agent", "accept", "accept-encoding", "connection", "content-type" };
    } else if (target == QLatin1String("python")) {
        profile.program = { QStringLiteral("/usr/bin/python3") }; // Debian's, with python3-requests
        profile.suffix = QStringLiteral(".py");
        profile.foldsDuplicates = true;
    } else if (target == QLatin1String("node")) {
        profile.program = { QStringLiteral("node") };
        profile.suffix = QStringLiteral(".js");
        profile.upperCasesMethod = true;
        profile.adds = { "connection" };
        profile.emptyLength = true;
    } else if (target == QLatin1String("fetch")) {
        profile.program = { QStringLiteral("node") };
        profile.suffix = QStringLiteral(".mjs");
        profile.foldsDuplicates = true;
        profile.adds = { "connection", "accept", "accept-language", "sec-fetch-mode", "user-agent", "accept-encoding" };
    } else if (target == QLatin1String("go")) {
        profile.program = { QStringLiteral("go"), QStringLiteral("run") };
        profile.suffix = QStringLiteral(".go");
        profile.sortsByName = true;
    }

    FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, "ok"); });
    RequestSpec spec = requestSpec(server.url(path), method, 30'000);
    spec.options.transport = TransportKind::Wire;
    spec.headers = headers;
    spec.body = body;
    spec.hasBody = hasBody;
    spec.bodyFile = bodyFile;
    Engine engine;
    const Exchange ex = engine.execute(spec);
    QVERIFY2(!ex.error.isError(), qPrintable(ex.error.message));
    QCOMPARE(server.requests().size(), 1);
    const Parsed ours = parse(server.requests().constFirst());

    QStringList notes;
    const QString code = CodeGenerator::byId(target)->generate(spec, &notes);
    QString error;
    run(code, profile, server, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(server.requests().size(), 2);
    Parsed theirs = parse(server.requests().at(1));
    if (profile.emptyLength && !hasBody && !hasHeader(headers, "Content-Length") && method.toUpper() != "GET"
        && method.toUpper() != "HEAD") {
        QCOMPARE(headerValues(theirs.headers, "Content-Length"), QList<QByteArray> { "0" });
        theirs.headers = without(theirs.headers, { "content-length" });
        QVERIFY2(code.contains(QStringLiteral("Content-Length: 0")), qPrintable(code)); // said, not hidden
    }

    QCOMPARE(theirs.method, profile.upperCasesMethod ? ours.method.toUpper() : ours.method);
    if (profile.upperCasesMethod && method.toUpper() != method) // and the snippet says so
        QVERIFY2(code.contains(QString::fromLatin1(method.toUpper())) && !notes.isEmpty(), qPrintable(code));
    QCOMPARE(theirs.target, ours.target);
    QCOMPARE(theirs.body, ours.body);

    // Host and Content-Length: same values, wherever the tool puts them.
    const QList<QByteArray> framing { "host", "content-length" };
    for (const QByteArray &name : framing)
        QCOMPARE(headerValues(theirs.headers, name), headerValues(ours.headers, name));
    QList<QByteArray> added;
    for (const QByteArray &a : profile.adds)
        if (!hasHeader(spec.headers, a))
            added << a;
    HeaderList expected = without(ours.headers, framing);
    HeaderList got = without(without(theirs.headers, framing), added);
    if (profile.foldsDuplicates || profile.lastDuplicateWins)
        expected = fold(expected, profile.lastDuplicateWins);
    if (profile.groupsDuplicates) {
        HeaderList grouped;
        for (const Header &h : expected)
            if (!hasHeader(grouped, h.name))
                for (const Header &same : expected)
                    if (same.name.compare(h.name, Qt::CaseInsensitive) == 0)
                        grouped.append(same);
        expected = grouped;
    }
    auto byName = [](const Header &a, const Header &b) { return a.name.toLower() < b.name.toLower(); };
    if (profile.sortsByName) {
        std::stable_sort(expected.begin(), expected.end(), byName);
        std::stable_sort(got.begin(), got.end(), byName);
    }
    if (profile.lowerCasesNames)
        for (Header &h : expected)
            h.name = h.name.toLower();
    QVERIFY2(got == expected,
        qPrintable(QStringLiteral("sent  %1\nwant  %2\ncode:\n%3").arg(show(got), show(expected), code)));
}

// No Qt runtime step is needed beyond the Qt this project builds with: the snippet is compiled
// with g++ and pkg-config Qt6Network, then sent like the others.
void tst_CodeGen::qtSnippetCompilesAndSends()
{
    FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, "ok"); });
    RequestSpec spec = requestSpec(server.url(QStringLiteral("/q?x=%22a%20b%22")), "report", 30'000);
    spec.headers = { { "Content-Type", "text/plain" }, { "X-Quote", "it's \"q\" \\ ?\?= $x" } };
    spec.body = QByteArray("a\0b\r\n\"\\?\xff", 10);
    spec.hasBody = true;
    QStringList notes;
    const QString code = CodeGenerator::byId(QStringLiteral("qt"))->generate(spec, &notes);
    const QString source = m_dir.filePath(QStringLiteral("qtsnippet.cpp"));
    QFile f(source);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(code.toUtf8());
    f.close();
    const QString binary = m_dir.filePath(QStringLiteral("qtsnippet"));
    Profile compile;
    compile.program = { QStringLiteral("bash"), QStringLiteral("-c"),
        QStringLiteral("g++ -std=c++17 -fPIC -Wall -Werror -o '%1' '%2' $(pkg-config --cflags --libs Qt6Network)")
            .arg(binary, source) };
    QString error;
    run({}, compile, server, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Profile exec;
    exec.program = { QStringLiteral("bash"), QStringLiteral("-c"), QStringLiteral("exec '%1'").arg(binary) };
    run({}, exec, server, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(server.requests().size(), 1);
    const Parsed got = parse(server.requests().constFirst());
    QCOMPARE(got.method, QByteArray("report")); // sendCustomRequest keeps the case
    QCOMPARE(got.target, QByteArray("/q?x=%22a%20b%22"));
    QCOMPARE(got.body, spec.body);
    QCOMPARE(headerValues(got.headers, "X-Quote"), QList<QByteArray> { spec.headers.at(1).value });
    QCOMPARE(headerValues(got.headers, "Content-Type"), QList<QByteArray> { "text/plain" });
    QCOMPARE(headerValues(got.headers, "Content-Length"), QList<QByteArray> { "10" });
}

// pwsh is not a Debian package: the snippet is checked as text, for PowerShell's quoting rules.
void tst_CodeGen::powershellGolden()
{
    RequestSpec spec = requestSpec(QStringLiteral("http://127.0.0.1:9/a?b='c'"), "purge", 1000);
    spec.headers = { { "X-A", "it's $env:HOME `n \xe2\x80\x99q" }, { "x-a", "2" }, { "Accept", "*/*" } };
    spec.body = QByteArray("\0\xff", 2);
    spec.hasBody = true;
    QStringList notes;
    const QString code = CodeGenerator::byId(QStringLiteral("powershell"))->generate(spec, &notes);
    const QString expected = QStringLiteral(
        "# a PowerShell hashtable holds one entry per name: x-a joined with \", \"\n"
        "# Invoke-WebRequest adds User-Agent and may re-case header names\n"
        "$headers = [ordered]@{\n"
        "    'X-A' = 'it''s $env:HOME `n \u2019\u2019q, 2'\n"
        "    'Accept' = '*/*'\n"
        "}\n"
        "$body = [Convert]::FromBase64String('AP8=') # 2 bytes, exact\n"
        "Invoke-WebRequest -CustomMethod 'purge' -Uri 'http://127.0.0.1:9/a?b=''c''' -Headers $headers "
        "-SkipHeaderValidation -Body $body -MaximumRedirection 0\n");
    QCOMPARE(code, expected);
    QCOMPARE(notes.size(), 2);
    spec.method = "PATCH";
    QVERIFY(CodeGenerator::byId(QStringLiteral("powershell"))
                ->generate(spec, nullptr)
                .contains(QLatin1String("-Method PATCH ")));
}

// A target that cannot send the method as typed says so, in the snippet and in the notes.
void tst_CodeGen::everyTargetNamesWhatItCannotSend()
{
    RequestSpec spec = requestSpec(QStringLiteral("http://127.0.0.1:9/"), "purge", 1000);
    const QStringList changesCase { QStringLiteral("httpie"), QStringLiteral("wget"), QStringLiteral("node") };
    for (const CodeGenerator *g : CodeGenerator::all()) {
        QStringList notes;
        const QString code = g->generate(spec, &notes);
        QCOMPARE(code.contains(QLatin1String("PURGE")), changesCase.contains(g->id()));
        for (const QString &n : notes)
            QVERIFY2(code.contains(g->commentPrefix() + n), qPrintable(g->id() + QLatin1Char(' ') + n));
    }
    spec.method = "TRACE";
    QStringList notes;
    CodeGenerator::byId(QStringLiteral("fetch"))->generate(spec, &notes);
    QVERIFY(notes.join(QLatin1Char(' ')).contains(QLatin1String("refuses the method TRACE")));
}

void tst_CodeGen::registryAndExportCli()
{
    QCOMPARE(CodeGenerator::ids(),
        QStringList({ QStringLiteral("curl"), QStringLiteral("httpie"), QStringLiteral("wget"),
            QStringLiteral("powershell"), QStringLiteral("python"), QStringLiteral("fetch"), QStringLiteral("node"),
            QStringLiteral("go"), QStringLiteral("qt") }));
    QCOMPARE(CodeGenerator::byId(QStringLiteral("GO")), CodeGenerator::byId(QStringLiteral("go")));
    QVERIFY(!CodeGenerator::byId(QStringLiteral("ruby")));

    const QString file = m_dir.filePath(QStringLiteral("api.http"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        "### one\n# @name one\nget http://127.0.0.1:9/a\nX-A: 1\n\n### two\n# @name two\n# @no-redirect\n# @insecure\n"
        "POST http://127.0.0.1:9/b\nAuthorization: Bearer s3cret\n\n{\"x\": 1}\n");
    f.close();
    const QString cli = qEnvironmentVariable("VERBSCOPE_CLI");
    QByteArray out;
    QByteArray err;
    auto exportTo = [&](const QStringList &args) {
        QProcess p;
        p.start(cli, QStringList { QStringLiteral("export"), file } + args);
        p.waitForFinished(-1); // no server in this test: blocking is fine
        out = p.readAllStandardOutput();
        err = p.readAllStandardError();
        return p.exitCode();
    };
    QCOMPARE(exportTo({ QStringLiteral("--to"), QStringLiteral("python") }), 0);
    QVERIFY2(out.contains("# one\n") && out.contains("# two\n"), out.constData());
    QVERIFY(out.contains("prepared.method = 'get'"));
    QVERIFY(out.contains("REDACTED") && !out.contains("s3cret")); // secrets as in every export
    // What a snippet does not carry is said, with the request's line.
    QVERIFY2(
        err.contains("api.http:10: two: @no-redirect, @insecure not carried into the python snippet"), err.constData());
    QCOMPARE(exportTo({ QStringLiteral("--to"), QStringLiteral("go"), QStringLiteral("--request"),
                 QStringLiteral("two"), QStringLiteral("--include-secrets") }),
        0);
    QVERIFY2(out.startsWith("// two\n") && !out.contains("// one") && out.contains("Bearer s3cret"), out.constData());
    QCOMPARE(exportTo({ QStringLiteral("--to"), QStringLiteral("node"), QStringLiteral("--request"),
                 QStringLiteral("three") }),
        1);
    QVERIFY2(err.contains("no request named \"three\""), err.constData());
    QCOMPARE(exportTo({ QStringLiteral("--to"), QStringLiteral("ruby") }), 2);
    QVERIFY2(err.contains("httpie|wget|powershell|python|fetch|node|go|qt"), err.constData());
    QCOMPARE(exportTo({ QStringLiteral("--to"), QStringLiteral("wget") }), 0);
    QVERIFY2(err.contains("api.http:3: one: wget upper-cases the method: it sends GET, not get"), err.constData());
}

// The older curl paths ("Copy as curl" and `export --to curl`) once wrote any body as a
// --data-binary word: a body starting with @ made curl upload a local file, and NUL cut it short.
void tst_CodeGen::curlNeverReadsAFileForABody_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QByteArray>("body");
    for (const char *how : { "copy as curl", "export --to curl", "generator" })
        QTest::addRow("%s: leading @", how) << QString::fromLatin1(how) << QByteArray("@secret.txt");
    // A .http body is text, so the export is not given NUL.
    for (const char *how : { "copy as curl", "generator" })
        QTest::addRow("%s: NUL and invalid UTF-8", how)
            << QString::fromLatin1(how) << QByteArray("a\0b\xff\xfe%s\\n'", 11);
}

void tst_CodeGen::curlNeverReadsAFileForABody()
{
    QFETCH(QString, how);
    QFETCH(QByteArray, body);
    QFile secret(m_dir.filePath(QStringLiteral("secret.txt")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("SECRET");
    secret.close();
    FakeServer server([](const FakeRequest &) { return FakeResponse::http(200, "OK", {}, "ok"); });
    RequestSpec spec = requestSpec(server.url(QStringLiteral("/b")), "POST", 30'000);
    spec.headers = { { "Content-Type", "application/octet-stream" } };
    spec.body = body;
    spec.hasBody = true;
    QString code;
    if (how == QLatin1String("copy as curl")) {
        code = curlCommandLine(spec);
    } else if (how == QLatin1String("generator")) {
        code = CodeGenerator::byId(QStringLiteral("curl"))->generate(spec, nullptr);
    } else {
        const QString file = m_dir.filePath(QStringLiteral("body.http"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("POST " + server.url(QStringLiteral("/b")).toUtf8() + "\nContent-Type: application/octet-stream\n\n"
            + body + "\n");
        f.close();
        QProcess p;
        p.start(qEnvironmentVariable("VERBSCOPE_CLI"),
            { QStringLiteral("export"), file, QStringLiteral("--to"), QStringLiteral("curl") });
        QEventLoop loop;
        connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
        loop.exec();
        code = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }
    Profile shell;
    QString error;
    run(code, shell, server, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(server.requests().size(), 1);
    const QByteArray got = server.requests().constFirst().body;
    QVERIFY2(!got.contains("SECRET"), qPrintable(code));
    QCOMPARE(got, body);
}

QTEST_GUILESS_MAIN(tst_CodeGen)
#include "tst_codegen.moc"
