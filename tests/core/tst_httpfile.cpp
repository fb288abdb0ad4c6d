// SPDX-License-Identifier: GPL-3.0-or-later
// The .http parser and writer: every feature, round-trips, errors pinned to line and column,
// variables, environments and conflict-safe saving.
#include "core/collections/Environments.h"
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileStore.h"
#include "core/collections/HttpFileWriter.h"
#include "core/collections/RequestResolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace verbscope::collections;

namespace {
QString everything()
{
    QFile f(qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/collections/everything.http"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing tests/data/collections/everything.http");
    return QString::fromUtf8(f.readAll());
}
} // namespace

class tst_HttpFile final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesEveryFeature()
    {
        const ParseResult r = HttpFileParser::parse(everything(), QStringLiteral("users.http"));
        // What VerbScope keeps but does not run is said, named and placed.
        QStringList issues;
        for (const ParseIssue &i : r.issues)
            issues << i.toString();
        QCOMPARE(issues,
            (QStringList { QStringLiteral("users.http:9:3: warning: directive @custom-thing is not run by VerbScope "
                                          "(kept and written back)") }));
        const HttpFile &f = r.file;
        QCOMPARE(f.comments, QStringList { QStringLiteral("Collection for the users API") });
        QCOMPARE(f.variables.size(), 2);
        QCOMPARE(f.variables.at(0).name, QStringLiteral("host"));
        QCOMPARE(f.variables.at(0).value, QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(f.requests.size(), 7);

        const HttpRequest &list = f.requests.at(0);
        QCOMPARE(list.title, QStringLiteral("List users"));
        QCOMPARE(list.name, QStringLiteral("list-users"));
        QVERIFY(list.hasDirective(QStringLiteral("no-redirect")));
        QCOMPARE(list.directive(QStringLiteral("timeout")), QStringLiteral("5"));
        QCOMPARE(list.directive(QStringLiteral("custom-thing")), QStringLiteral("keep me"));
        QCOMPARE(list.comments, QStringList { QStringLiteral("disabled: X-Debug: 1") });
        QCOMPARE(list.method, QStringLiteral("GET"));
        QCOMPARE(list.target, QStringLiteral("{{host}}/users"));
        QCOMPARE(list.httpVersion, QStringLiteral("HTTP/1.1"));
        QCOMPARE(list.headers.size(), 2);
        QCOMPARE(list.headers.at(1).name, QStringLiteral("Authorization"));
        QCOMPARE(list.headers.at(1).line, 13);
        QCOMPARE(list.line, 11);
        QVERIFY(!list.hasBody);

        QCOMPARE(f.requests.at(1).method, QStringLiteral("GET")); // a URL alone means GET
        QCOMPARE(f.requests.at(1).target, QStringLiteral("{{host}}/just-a-url"));

        const HttpRequest &dav = f.requests.at(2);
        QCOMPARE(dav.method, QStringLiteral("propfind")); // case kept
        QCOMPARE(dav.body, QStringLiteral("<?xml version=\"1.0\"?>\n<propfind xmlns=\"DAV:\"/>"));
        QCOMPARE(dav.bodyLine, 22);

        QCOMPARE(f.requests.at(3).method, QStringLiteral("PURGE"));
        QCOMPARE(f.requests.at(4).method, QStringLiteral("LIST"));
        QCOMPARE(f.requests.at(4).target, QStringLiteral("{{host}}/items?page=1&size=20"));

        const HttpRequest &upload = f.requests.at(5);
        QCOMPARE(upload.variables.size(), 1);
        QCOMPARE(upload.bodyFilePath(), QStringLiteral("./payload.json"));

        const HttpRequest &handler = f.requests.at(6);
        QVERIFY(!handler.hasBody);
        QVERIFY(handler.handlers.startsWith(QStringLiteral("> {%")));
        QVERIFY(handler.handlers.endsWith(QStringLiteral("%}")));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("everything") << everything();
        QTest::newRow("crlf") << QStringLiteral("GET http://a/\r\nX: 1\r\n\r\nbody\r\n");
        QTest::newRow("spaces inside braces") << QStringLiteral("GET {{ host }}/a?q={{ q }} HTTP/1.1\n");
        QTest::newRow("lower-case and custom")
            << QStringLiteral("get http://a/\n###\nPROPFIND http://a/\nDepth: 0\n###\nx-custom http://a/\n");
        QTest::newRow("comment before the body, hashes inside it")
            << QStringLiteral("POST http://a/\nContent-Type: text/plain\n\n# a comment\n\n// body\nend\n");
        QTest::newRow("comments between the request line, headers and body")
            << QStringLiteral("POST http://a/\n# after the request line\nA: 1\n// between headers\nB: 2\n# after the "
                              "headers\n\n// CreateTodoListCommand\n# and another\n{\n  // in the body\n}\n");
        QTest::newRow("comments before the body, no body")
            << QStringLiteral("GET http://a/\n\n# trailing note\n###\nGET http://b/\n");
        QTest::newRow("multipart with file") << QStringLiteral(
            "POST http://a/\nContent-Type: multipart/form-data; boundary=B\n\n--B\nContent-Disposition: form-data; "
            "name=\"f\"; filename=\"a.txt\"\n\n< ./a.txt\n--B--\n");
        QTest::newRow("only variables") << QStringLiteral("@a = 1\n@b = {{a}}2\n");
        QTest::newRow("unknown directives")
            << QStringLiteral("# @ref other\n# @loop for 3\n# @no-log\nGET http://a/\n");
    }

    // JetBrains spec: a line starting with # or // inside a request is a comment. Between the request
    // line and the headers, between headers and after the blank line before the body, they are not
    // sent; once the body has begun, its lines are body. Written back where they stood.
    void commentsInsideRequestsAreNotSent()
    {
        const QString text = QStringLiteral("POST http://a/todo\n"
                                            "# after the request line\n"
                                            "Content-Type: application/json\n"
                                            "// between headers\n"
                                            "X-A: 1\n"
                                            "\n"
                                            "// CreateTodoListCommand\n"
                                            "  # indented\n"
                                            "{\n"
                                            "  // kept: the body has begun\n"
                                            "  \"title\": \"x\"\n"
                                            "}\n");
        const ParseResult r = HttpFileParser::parse(text, QStringLiteral("c.http"));
        QVERIFY(r.issues.isEmpty());
        const HttpRequest &q = r.file.requests.at(0);
        QCOMPARE(q.headers.size(), 2);
        QVERIFY(q.comments.isEmpty());
        QCOMPARE(q.innerComments.size(), 4);
        QCOMPARE(q.innerComments.at(0), (RequestComment { QStringLiteral("after the request line"), 0, false, 2 }));
        QCOMPARE(q.innerComments.at(0).line, 2);
        QCOMPARE(q.innerComments.at(1), (RequestComment { QStringLiteral("between headers"), 1, false, 4 }));
        QCOMPARE(q.innerComments.at(2), (RequestComment { QStringLiteral("CreateTodoListCommand"), 2, true, 7 }));
        QCOMPARE(q.innerComments.at(3), (RequestComment { QStringLiteral("indented"), 2, true, 8 }));
        QCOMPARE(q.body, QStringLiteral("{\n  // kept: the body has begun\n  \"title\": \"x\"\n}"));
        QCOMPARE(q.bodyLine, 9);
        const ResolvedRequest rr = RequestResolver::resolve(r.file, 0, QStringLiteral("c.http"), {});
        QCOMPARE(rr.body, QByteArray("{\n  // kept: the body has begun\n  \"title\": \"x\"\n}"));

        // Written back in place (the // style becomes #, the syntax's own).
        const HttpFileWriter::Written w = HttpFileWriter::writeVerified(r.file);
        QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        QCOMPARE(w.text,
            QStringLiteral(
                "###\nPOST http://a/todo\n# after the request line\nContent-Type: application/json\n# between "
                "headers\nX-A: 1\n\n# CreateTodoListCommand\n# indented\n{\n  // kept: the body has "
                "begun\n  \"title\": \"x\"\n}\n"));
    }

    // A body that would start with a comment cannot be written as a body: the request is kept as
    // a commented block, not sent without its first line.
    void bodyStartingWithACommentIsNotWrittenAsABody()
    {
        HttpFile f;
        HttpRequest q;
        q.method = QStringLiteral("POST");
        q.target = QStringLiteral("http://a/");
        q.body = QStringLiteral("// first\n{}");
        q.hasBody = true;
        f.requests.append(q);
        const HttpFileWriter::Written w = HttpFileWriter::writeVerified(f);
        QVERIFY(w.error.isEmpty());
        QCOMPARE(w.commented.size(), 1);
        QVERIFY2(
            w.commented.at(0).contains(QLatin1String("would be read as a comment")), qPrintable(w.commented.at(0)));
        QVERIFY(w.expected.requests.isEmpty());
    }

    void roundTrip()
    {
        QFETCH(QString, text);
        const ParseResult first = HttpFileParser::parse(text);
        QVERIFY(!first.hasErrors());
        QStringList warnings;
        const QString written = HttpFileWriter::write(first.file, &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        const ParseResult second = HttpFileParser::parse(written);
        QVERIFY(!second.hasErrors());
        QCOMPARE(second.file.requests.size(), first.file.requests.size());
        for (qsizetype i = 0; i < first.file.requests.size(); ++i)
            QVERIFY2(second.file.requests.at(i) == first.file.requests.at(i), qPrintable(written));
        QVERIFY(second.file == first.file);
        // Writing is stable: the second write is the first.
        QCOMPARE(HttpFileWriter::write(second.file), written);
    }

    void writerBuildsFromStructs()
    {
        HttpFile f;
        f.variables.append({ QStringLiteral("base"), QStringLiteral("http://x"), 0 });
        HttpRequest r;
        r.title = QStringLiteral("Make it");
        r.name = QStringLiteral("make");
        r.method = QStringLiteral("MKCOL");
        r.target = QStringLiteral("{{base}}/dir/");
        r.headers.append({ QStringLiteral("X-A"), QStringLiteral("1"), 0 });
        r.directives.append({ QStringLiteral("no-redirect"), QString() });
        r.body = QStringLiteral("{\n  \"a\": 1\n}");
        r.hasBody = true;
        f.requests.append(r);
        const ParseResult back = HttpFileParser::parse(HttpFileWriter::write(f));
        QVERIFY(back.issues.isEmpty());
        QVERIFY(back.file == f);
    }

    void writerWarnsAboutWhatItCannotHold()
    {
        HttpFile f;
        HttpRequest r;
        r.target = QStringLiteral("http://a/");
        r.body = QStringLiteral("line\n### looks like a separator");
        r.hasBody = true;
        f.requests.append(r);
        QStringList warnings;
        HttpFileWriter::write(f, &warnings);
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().contains(QStringLiteral("separator")));
    }

    void errorsHaveLineAndColumnAndDoNotStopTheParser()
    {
        const QString text = QStringLiteral("GE(T http://a/\n" // line 1: bad method at column 3
                                            "\n"
                                            "###\n"
                                            "GET http://b/\n" // line 4
                                            "Bad Header: x\n" // line 5: space in name at column 4
                                            "\n"
                                            "###\n"
                                            "POST http://c/ extra\n" // line 8: junk at column 16
                                            "###\n"
                                            "@broken\n" // line 10
                                            "GET http://d/\n");
        const ParseResult r = HttpFileParser::parse(text, QStringLiteral("bad.http"));
        QCOMPARE(r.file.requests.size(), 4); // nothing dropped
        QCOMPARE(r.issues.size(), 4);
        QCOMPARE(r.issues.at(0).line, 1);
        QCOMPARE(r.issues.at(0).column, 3);
        QVERIFY2(r.issues.at(0).message.contains(QStringLiteral("'('")), qPrintable(r.issues.at(0).message));
        QVERIFY(r.issues.at(0).toString().startsWith(QStringLiteral("bad.http:1:3: error: ")));
        QCOMPARE(r.issues.at(1).line, 5);
        QCOMPARE(r.issues.at(1).column, 4);
        QCOMPARE(r.issues.at(2).line, 8);
        QCOMPARE(r.issues.at(2).column, 16);
        QCOMPARE(r.issues.at(3).line, 10);
        QVERIFY(r.hasErrors());
    }

    // Found by fuzz_httpfile: directives before the first ### and no request line were
    // reported at line 0.
    void directivesWithoutRequestPointAtTheirLine()
    {
        const ParseResult r = HttpFileParser::parse(
            QStringLiteral("# a comment\n\n# @name lonely\n# @no-redirect\n"), QStringLiteral("d.http"));
        QCOMPARE(r.issues.size(), 1);
        QCOMPARE(r.issues.first().line, 3);
        QVERIFY2(r.issues.first().toString().startsWith(QStringLiteral("d.http:3:1: error: directives without")),
            qPrintable(r.issues.first().toString()));
    }

    void spacesInsideBracesStayInTheTarget()
    {
        // The JetBrains spec's own examples write `{{ host }}`; the target is one word.
        const ParseResult r = HttpFileParser::parse(QStringLiteral("POST {{ host }}/items?q={{ q }} HTTP/1.1\n"));
        QVERIFY(!r.hasErrors());
        QCOMPARE(r.file.requests.at(0).method, QStringLiteral("POST"));
        QCOMPARE(r.file.requests.at(0).target, QStringLiteral("{{ host }}/items?q={{ q }}"));
        QCOMPARE(r.file.requests.at(0).httpVersion, QStringLiteral("HTTP/1.1"));
        const ResolvedRequest resolved = RequestResolver::resolve(r.file, 0, QStringLiteral("a.http"),
            { { QStringLiteral("host"), QStringLiteral("http://h") }, { QStringLiteral("q"), QStringLiteral("x") } });
        QCOMPARE(resolved.url, QStringLiteral("http://h/items?q=x"));
        // A real space after the target is still an error.
        QVERIFY(HttpFileParser::parse(QStringLiteral("GET {{ host }}/a b\n")).hasErrors());
    }

    void headerWithoutColonIsReported()
    {
        const ParseResult r = HttpFileParser::parse(QStringLiteral("POST http://a/\n<data/>\n"));
        QCOMPARE(r.issues.size(), 1);
        QCOMPARE(r.issues.first().line, 2);
        QVERIFY(r.issues.first().message.contains(QStringLiteral("blank line")));
    }

    void variablesResolveFromEnvironmentFileAndDynamic()
    {
        const ParseResult r = HttpFileParser::parse(everything(), QStringLiteral("users.http"));
        VariableMap env { { QStringLiteral("host"), QStringLiteral("http://env-host") },
            { QStringLiteral("user"), QStringLiteral("u") } };
        const ResolvedRequest list = RequestResolver::resolve(r.file, 0, QStringLiteral("/tmp/users.http"), env);
        QCOMPARE(
            list.url, QStringLiteral("http://127.0.0.1:8080/users")); // the file variable wins over the environment
        QCOMPARE(list.headers.at(1).value, QStringLiteral("Bearer abc"));
        QVERIFY(list.unresolved.isEmpty());

        HttpFile f;
        HttpRequest q;
        q.target = QStringLiteral("http://h/{{$uuid}}/{{$timestamp}}/{{$randomInt 5 6}}/{{$isoTimestamp}}");
        q.headers.append({ QStringLiteral("X-Missing"), QStringLiteral("{{nope}}"), 3 });
        q.line = 2;
        f.requests.append(q);
        const ResolvedRequest d = RequestResolver::resolve(f, 0, QStringLiteral("dyn.http"), {});
        static const QRegularExpression shape(
            QStringLiteral("^http://h/[0-9a-f-]{36}/\\d{10}/5/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
        QVERIFY2(shape.match(d.url).hasMatch(), qPrintable(d.url));
        QCOMPARE(d.unresolved.size(), 1);
        QCOMPARE(d.unresolved.first().name, QStringLiteral("nope"));
        QCOMPARE(d.unresolved.first().line, 3);
        QCOMPARE(d.unresolved.first().column, 12);
        QCOMPARE(d.unresolved.first().toString(), QStringLiteral("dyn.http:3:12: unresolved variable {{nope}}"));
    }

    // `run` and the import's scan walk a file keeping the variables in force (advance) instead of
    // variablesFor per request, which is linear in the index: both must say the same.
    void advanceMatchesVariablesFor()
    {
        const HttpFile f
            = HttpFileParser::parse(QStringLiteral("@a = file\n@b = file\n\n"
                                                   "### one\n@a = one\nGET http://h/{{a}}\n\n"
                                                   "### two\nGET http://h/{{a}}{{b}}\n\n"
                                                   "### three\n@b = three\n@c = {{a}}\nGET http://h/{{c}}\n"))
                  .file;
        const VariableMap env { { QStringLiteral("a"), QStringLiteral("env") },
            { QStringLiteral("d"), QStringLiteral("env") } };
        VariableMap walked = env;
        RequestResolver::advance(f, -1, walked);
        ResolveOptions options;
        options.variables = &walked;
        for (qsizetype i = 0; i < f.requests.size(); ++i) {
            RequestResolver::advance(f, i, walked);
            QCOMPARE(walked, RequestResolver::variablesFor(f, i, env));
            QCOMPARE(RequestResolver::resolve(f, i, QStringLiteral("a.http"), {}, options).url,
                RequestResolver::resolve(f, i, QStringLiteral("a.http"), env).url);
        }
        QCOMPARE(walked.value(QStringLiteral("b")), QStringLiteral("three"));
    }

    void basicAuthShorthand()
    {
        HttpFile f;
        HttpRequest q;
        q.target = QStringLiteral("http://h/");
        q.headers.append({ QStringLiteral("Authorization"), QStringLiteral("Basic {{u}} {{p}}"), 2 });
        f.requests.append(q);
        const ResolvedRequest d = RequestResolver::resolve(f, 0, QStringLiteral("a.http"),
            { { QStringLiteral("u"), QStringLiteral("alice") }, { QStringLiteral("p"), QStringLiteral("s3cret") } });
        QCOMPARE(d.headers.first().value,
            QStringLiteral("Basic ") + QString::fromLatin1(QByteArray("alice:s3cret").toBase64()));
    }

    void privateEnvironmentOverridesPublic()
    {
        QTemporaryDir dir;
        QFile pub(dir.filePath(QStringLiteral("http-client.env.json")));
        QVERIFY(pub.open(QIODevice::WriteOnly));
        pub.write("{\"$shared\": {\"agent\": \"vs\"}, \"dev\": {\"host\": \"http:\\/\\/dev\", \"token\": "
                  "\"public-placeholder\", \"n\": 3}}");
        pub.close();
        QFile priv(dir.filePath(QStringLiteral("http-client.private.env.json")));
        QVERIFY(priv.open(QIODevice::WriteOnly));
        priv.write(R"({"dev": {"token": "real-secret"}})");
        priv.close();
        const Environments e = Environments::load(dir.path());
        QVERIFY(e.errors().isEmpty());
        QCOMPARE(e.names(), QStringList { QStringLiteral("dev") });
        const VariableMap v = e.variables(QStringLiteral("dev"));
        QCOMPARE(v.value(QStringLiteral("token")), QStringLiteral("real-secret"));
        QCOMPARE(v.value(QStringLiteral("host")), QStringLiteral("http://dev"));
        QCOMPARE(v.value(QStringLiteral("agent")), QStringLiteral("vs"));
        QCOMPARE(v.value(QStringLiteral("n")), QStringLiteral("3"));
        QVERIFY(e.secretNames().contains(QStringLiteral("token")));
        QVERIFY(!e.secretNames().contains(QStringLiteral("host")));
    }

    void malformedEnvironmentIsAnError()
    {
        QTemporaryDir dir;
        QFile pub(dir.filePath(QStringLiteral("http-client.env.json")));
        QVERIFY(pub.open(QIODevice::WriteOnly));
        pub.write("{ not json");
        pub.close();
        QCOMPARE(Environments::load(dir.path()).errors().size(), 1);
    }

    void privateEnvironmentFileIsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString priv = dir.filePath(QString::fromLatin1(Environments::PrivateFile));
        QCOMPARE(HttpFileStore::save(priv, R"({"dev": {"token": "t"}})", FileStamp()).status,
            HttpFileStore::SaveStatus::Saved);
        QCOMPARE(QFile::permissions(priv)
                & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
            QFileDevice::Permissions());
        QVERIFY(QFile::permissions(priv) & QFileDevice::ReadOwner);
        // An ordinary .http file keeps the user's usual permissions (umask): it is theirs to share.
        const QString http = dir.filePath(QStringLiteral("a.http"));
        QCOMPARE(HttpFileStore::save(http, "GET http://a/\n", FileStamp()).status, HttpFileStore::SaveStatus::Saved);
        QVERIFY(QFile::permissions(http) & QFileDevice::ReadOwner);
    }

    // A new file (the app's "new request file", an import) is never created through a link, not
    // even a dangling one; a file the user loaded through a link is still saved where it lives.
    void newFileIsNeverCreatedThroughASymbolicLink()
    {
        QTemporaryDir outside;
        QTemporaryDir dir;
        const QString target = outside.filePath(QStringLiteral("elsewhere.http"));
        const QString link = dir.filePath(QStringLiteral("new.http"));
        QVERIFY(QFile::link(target, link));
        const HttpFileStore::Saved refused = HttpFileStore::save(link, "GET http://a/\n", FileStamp());
        QCOMPARE(refused.status, HttpFileStore::SaveStatus::Failed);
        QCOMPARE(refused.error, QStringLiteral("new.http in %1 is a symbolic link: not written").arg(dir.path()));
        QVERIFY(!QFileInfo::exists(target));

        QCOMPARE(HttpFileStore::save(target, "GET http://a/\n", FileStamp()).status, HttpFileStore::SaveStatus::Saved);
        QCOMPARE(HttpFileStore::save(link, "GET http://b/\n", FileStamp()).status, HttpFileStore::SaveStatus::Failed);
        const HttpFileStore::Loaded loaded = HttpFileStore::read(link);
        QCOMPARE(HttpFileStore::save(link, "GET http://c/\n", loaded.stamp).status, HttpFileStore::SaveStatus::Saved);
        QCOMPARE(HttpFileStore::read(target).text, QStringLiteral("GET http://c/\n"));
    }

    void environmentTurnsTlsVerificationOff()
    {
        Environments e;
        QString error;
        e.setPublic(Environments::parse(R"({"$shared": {"a": "1"}, "lab": {"SSLConfiguration":
            {"verifyHostCertificate": false}}, "prod": {"SSLConfiguration": {"verifyHostCertificate": true}}})",
            &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(e.verifiesTls(QString()));
        QVERIFY(e.verifiesTls(QStringLiteral("prod")));
        QVERIFY(!e.verifiesTls(QStringLiteral("lab")));
        QVERIFY(e.verifiesTls(QStringLiteral("unknown")));
    }

    void saveIsAtomicAndDetectsConflicts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.http"));
        // New file: must not exist yet.
        HttpFileStore::Saved s = HttpFileStore::save(path, "GET http://a/\n", FileStamp());
        QCOMPARE(s.status, HttpFileStore::SaveStatus::Saved);
        QCOMPARE(HttpFileStore::save(path, "GET http://b/\n", FileStamp()).status, HttpFileStore::SaveStatus::Conflict);

        const HttpFileStore::Loaded loaded = HttpFileStore::read(path);
        QVERIFY(loaded.stamp.exists);
        s = HttpFileStore::save(path, "GET http://c/\n", loaded.stamp);
        QCOMPARE(s.status, HttpFileStore::SaveStatus::Saved);
        // Saving again with the old stamp: the file changed since (we changed it) → conflict.
        QCOMPARE(
            HttpFileStore::save(path, "GET http://d/\n", loaded.stamp).status, HttpFileStore::SaveStatus::Conflict);

        // Someone else edits the file: the next save with our stamp is refused, the file kept.
        QFile other(path);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("GET http://someone-else/\n");
        other.close();
        const HttpFileStore::Saved refused = HttpFileStore::save(path, "GET http://mine/\n", s.stamp);
        QCOMPARE(refused.status, HttpFileStore::SaveStatus::Conflict);
        QVERIFY(refused.error.contains(QStringLiteral("changed on disk")));
        QCOMPARE(HttpFileStore::read(path).text, QStringLiteral("GET http://someone-else/\n"));
        // No temporary files left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }
};

QTEST_APPLESS_MAIN(tst_HttpFile)
#include "tst_httpfile.moc"
