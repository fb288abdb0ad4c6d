// SPDX-License-Identifier: GPL-3.0-or-later
// The knowledge base: complete against the IANA registries, facts checked against the RFCs,
// server recognition, and `verbscope-cli explain` for every registered code and method.
#include "core/diagnosis/Knowledge.h"
#include "tests/support/CliRunner.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace verbscope::diagnosis;
using namespace verbscope::test;
using verbscope::http::HeaderList;

namespace {
using Result = CliResult;

CliResult runExplain(const QStringList &args)
{
    return runCli(QStringList { QStringLiteral("explain") } + args);
}
} // namespace

class tst_Knowledge final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validatorFindsNoProblems()
    {
        const QStringList problems = Knowledge::instance().validate();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void coversTheRegistries()
    {
        const Knowledge &k = Knowledge::instance();
        QCOMPARE(k.statuses().size(), Knowledge::ianaStatusCodes().size());
        for (int code : Knowledge::ianaStatusCodes())
            QVERIFY2(k.status(code), qPrintable(QString::number(code)));
        for (const QByteArray &name : Knowledge::ianaMethods())
            QVERIFY2(k.method(name).info && k.method(name).info->registered, name.constData());
        QVERIFY(!k.status(499));
        QVERIFY(!k.status(427));
        QVERIFY(k.unregisteredStatus(499));
    }

    void referenceFormat_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<bool>("ok");
        QTest::newRow("rfc section") << QStringLiteral("RFC 9110, Section 15.5.6") << true;
        QTest::newRow("rfc only") << QStringLiteral("RFC 2518") << true;
        QTest::newRow("several") << QStringLiteral("RFC 4918, Section 9.3; RFC 5689, Section 3") << true;
        QTest::newRow("draft") << QStringLiteral("draft-ietf-httpbis-resumable-upload-05") << true;
        QTest::newRow("bracketed") << QStringLiteral("[RFC9110]") << false;
        QTest::newRow("no space") << QStringLiteral("RFC9110, Section 15") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void referenceFormat()
    {
        QFETCH(QString, reference);
        QFETCH(bool, ok);
        QCOMPARE(Knowledge::isWellFormedReference(reference), ok);
    }

    // Each row checked against the RFC named in the data.
    void statusFacts_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<bool>("cacheable");
        QTest::newRow("200") << 200 << QStringLiteral("OK") << QStringLiteral("RFC 9110, Section 15.3.1") << true;
        QTest::newRow("404") << 404 << QStringLiteral("Not Found") << QStringLiteral("RFC 9110, Section 15.5.5")
                             << true;
        QTest::newRow("405") << 405 << QStringLiteral("Method Not Allowed")
                             << QStringLiteral("RFC 9110, Section 15.5.6") << true;
        QTest::newRow("411") << 411 << QStringLiteral("Length Required") << QStringLiteral("RFC 9110, Section 15.5.12")
                             << false;
        QTest::newRow("413") << 413 << QStringLiteral("Content Too Large")
                             << QStringLiteral("RFC 9110, Section 15.5.14") << false;
        QTest::newRow("418") << 418 << QStringLiteral("(Unused)") << QStringLiteral("RFC 9110, Section 15.5.19")
                             << false;
        QTest::newRow("422") << 422 << QStringLiteral("Unprocessable Content")
                             << QStringLiteral("RFC 9110, Section 15.5.21") << false;
        QTest::newRow("451") << 451 << QStringLiteral("Unavailable For Legal Reasons")
                             << QStringLiteral("RFC 7725, Section 3") << true;
        QTest::newRow("500") << 500 << QStringLiteral("Internal Server Error")
                             << QStringLiteral("RFC 9110, Section 15.6.1") << false;
        QTest::newRow("501") << 501 << QStringLiteral("Not Implemented") << QStringLiteral("RFC 9110, Section 15.6.2")
                             << true;
        QTest::newRow("502") << 502 << QStringLiteral("Bad Gateway") << QStringLiteral("RFC 9110, Section 15.6.3")
                             << false;
        QTest::newRow("306") << 306 << QStringLiteral("(Unused)") << QStringLiteral("RFC 9110, Section 15.4.7")
                             << false;
        QTest::newRow("308") << 308 << QStringLiteral("Permanent Redirect")
                             << QStringLiteral("RFC 9110, Section 15.4.9") << true;
        QTest::newRow("425") << 425 << QStringLiteral("Too Early") << QStringLiteral("RFC 8470, Section 5.2") << false;
    }
    void statusFacts()
    {
        QFETCH(int, code);
        QFETCH(QString, title);
        QFETCH(QString, reference);
        QFETCH(bool, cacheable);
        const StatusInfo *s = Knowledge::instance().status(code);
        QVERIFY(s);
        QCOMPARE(s->title, title);
        QCOMPARE(s->reference, reference);
        QCOMPARE(s->cacheableByDefault, cacheable);
    }

    void methodNotesWhereMethodsMatter()
    {
        for (int code : { 200, 400, 403, 404, 405, 411, 500, 501, 502 })
            QVERIFY2(!Knowledge::instance().status(code)->methodNotes.isEmpty(), qPrintable(QString::number(code)));
    }

    // Safe and idempotent as in the IANA HTTP Method Registry.
    void methodFacts_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("safe");
        QTest::addColumn<bool>("idempotent");
        QTest::addColumn<QString>("reference");
        QTest::newRow("GET") << QByteArray("GET") << true << true << QStringLiteral("RFC 9110, Section 9.3.1");
        QTest::newRow("POST") << QByteArray("POST") << false << false << QStringLiteral("RFC 9110, Section 9.3.3");
        QTest::newRow("PUT") << QByteArray("PUT") << false << true << QStringLiteral("RFC 9110, Section 9.3.4");
        QTest::newRow("DELETE") << QByteArray("DELETE") << false << true << QStringLiteral("RFC 9110, Section 9.3.5");
        QTest::newRow("CONNECT") << QByteArray("CONNECT") << false << false
                                 << QStringLiteral("RFC 9110, Section 9.3.6");
        QTest::newRow("OPTIONS") << QByteArray("OPTIONS") << true << true << QStringLiteral("RFC 9110, Section 9.3.7");
        QTest::newRow("TRACE") << QByteArray("TRACE") << true << true << QStringLiteral("RFC 9110, Section 9.3.8");
        QTest::newRow("PATCH") << QByteArray("PATCH") << false << false << QStringLiteral("RFC 5789, Section 2");
        QTest::newRow("PROPFIND") << QByteArray("PROPFIND") << true << true
                                  << QStringLiteral("RFC 4918, Section 9.1; RFC 8144, Section 2.1");
        QTest::newRow("LOCK") << QByteArray("LOCK") << false << false << QStringLiteral("RFC 4918, Section 9.10");
        QTest::newRow("UNLOCK") << QByteArray("UNLOCK") << false << true << QStringLiteral("RFC 4918, Section 9.11");
        QTest::newRow("REPORT") << QByteArray("REPORT") << true << true
                                << QStringLiteral("RFC 3253, Section 3.6; RFC 8144, Section 2.1");
        QTest::newRow("SEARCH") << QByteArray("SEARCH") << true << true << QStringLiteral("RFC 5323, Section 2");
        QTest::newRow("PRI") << QByteArray("PRI") << true << true << QStringLiteral("RFC 9113, Section 3.4");
        QTest::newRow("QUERY") << QByteArray("QUERY") << true << true << QStringLiteral("RFC 10008, Section 2");
        QTest::newRow("*") << QByteArray("*") << false << false << QStringLiteral("RFC 9110, Section 18.2");
    }
    void methodFacts()
    {
        QFETCH(QByteArray, name);
        QFETCH(bool, safe);
        QFETCH(bool, idempotent);
        QFETCH(QString, reference);
        const MethodLookup m = Knowledge::instance().method(name);
        QVERIFY(m.info);
        QVERIFY(!m.caseInsensitive);
        QVERIFY(m.info->registered);
        QCOMPARE(m.info->safe, std::optional<bool>(safe));
        QCOMPARE(m.info->idempotent, std::optional<bool>(idempotent));
        QCOMPARE(m.info->reference, reference);
    }

    void methodLookupCase()
    {
        const MethodLookup lower = Knowledge::instance().method("propfind");
        QVERIFY(lower.info);
        QVERIFY(lower.caseInsensitive);
        QCOMPARE(lower.info->name, QByteArray("PROPFIND"));
        QVERIFY(!Knowledge::instance().method("PROPFIN").info);

        const MethodLookup purge = Knowledge::instance().method("PURGE");
        QVERIFY(purge.info);
        QVERIFY(!purge.info->registered);
        QVERIFY(!purge.info->safe.has_value());
        QVERIFY(purge.info->origin.contains(QLatin1String("Varnish")));
    }

    void serverLookup()
    {
        const Knowledge &k = Knowledge::instance();
        QVERIFY(k.server(QStringLiteral("nginx")));
        QVERIFY(k.server(QStringLiteral("Squid")));
        QVERIFY(!k.server(QStringLiteral("no-such-server")));
        const ServerHint *python = k.server(QStringLiteral("python-http-server"));
        QVERIFY(python);
        QCOMPARE(python->unknownMethodStatus, std::optional<int>(501));
        const ServerHint *nginx = k.server(QStringLiteral("nginx"));
        QCOMPARE(nginx->unknownMethodStatus, std::optional<int>(405));
        QCOMPARE(nginx->unknownMethodReason, QStringLiteral("Not Allowed"));
        QCOMPARE(nginx->unknownMethodAllow, std::optional<bool>(false));
    }

    void identifyServer_data()
    {
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected"); // empty: nothing identified
        QTest::newRow("nginx 405")
            << HeaderList { { "Server", "nginx/1.22.1" }, { "Content-Type", "text/html" } }
            << QByteArray("<html>\r\n<head><title>405 Not Allowed</title></head>\r\n<body>\r\n"
                          "<center><h1>405 Not Allowed</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n")
            << QStringLiteral("nginx");
        QTest::newRow("nginx without Server")
            << HeaderList { { "Content-Type", "text/html" } } << QByteArray("<hr><center>nginx</center>\r\n</body>")
            << QStringLiteral("nginx");
        QTest::newRow("apache 501")
            << HeaderList { { "Server", "Apache/2.4.71 (Debian)" }, { "Allow", "OPTIONS,HEAD,GET,POST,TRACE" } }
            << QByteArray("<h1>Not Implemented</h1>\n<p>FOO not supported for current URL.<br />\n</p>")
            << QStringLiteral("apache");
        QTest::newRow("python") << HeaderList { { "Server", "SimpleHTTP/0.6 Python/3.11.7" } }
                                << QByteArray("<p>Message: Unsupported method ('POST').</p>")
                                << QStringLiteral("python-http-server");
        QTest::newRow("squid via only") << HeaderList { { "Via", "1.1 proxy.example (squid/5.7)" } } << QByteArray()
                                        << QStringLiteral("squid");
        QTest::newRow("squid error") << HeaderList { { "Server", "squid/5.7" },
            { "X-Squid-Error", "ERR_ACCESS_DENIED 0" }, { "Via", "1.1 sq (squid/5.7)" } }
                                     << QByteArray() << QStringLiteral("squid");
        QTest::newRow("nginx through squid")
            << HeaderList { { "Server", "nginx/1.22.1" }, { "X-Cache", "MISS from sq" },
                   { "Via", "1.1 sq (squid/5.7)" } }
            << QByteArray("<hr><center>nginx/1.22.1</center>") << QStringLiteral("nginx");
        QTest::newRow("varnish") << HeaderList { { "X-Varnish", "32770 3" }, { "Via", "1.1 varnish (Varnish/7.1)" },
            { "Age", "12" } } << QByteArray()
                                 << QStringLiteral("varnish");
        QTest::newRow("varnish synthetic") << HeaderList { { "Server", "Varnish" }, { "X-Varnish", "11" } }
                                           << QByteArray("<h3>Guru Meditation:</h3>") << QStringLiteral("varnish");
        QTest::newRow("express") << HeaderList { { "X-Powered-By", "Express" } }
                                 << QByteArray("<pre>Cannot PATCH /r</pre>") << QStringLiteral("express");
        QTest::newRow("cloudfront") << HeaderList { { "X-Cache", "Error from cloudfront" },
            { "Via", "1.1 abc.cloudfront.net (CloudFront)" } }
                                    << QByteArray() << QStringLiteral("cloudfront");
        QTest::newRow("unknown") << HeaderList { { "Content-Type", "text/plain" } } << QByteArray("nope") << QString();
        QTest::newRow("weak evidence only") << HeaderList { { "X-Request-Id", "abc" } } << QByteArray() << QString();
    }
    void identifyServer()
    {
        QFETCH(HeaderList, headers);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const ServerHint *hint = Knowledge::instance().identifyServer(headers, body);
        QCOMPARE(hint ? hint->id : QString(), expected);
    }

    void identifyServersListsTheProxyToo()
    {
        const HeaderList headers { { "Server", "nginx/1.22.1" }, { "Via", "1.1 sq (squid/5.7)" },
            { "X-Cache", "MISS from sq" } };
        const QList<ServerMatch> matches = Knowledge::instance().identifyServers(headers, {});
        QVERIFY(matches.size() >= 2);
        QCOMPARE(matches.at(0).hint->id, QStringLiteral("nginx"));
        QCOMPARE(matches.at(1).hint->id, QStringLiteral("squid"));
        QVERIFY(!matches.at(1).evidence.isEmpty());
    }

    // diagnosis.json: the tables the diagnosis used to hard-code, with the same content.
    void diagnosisRules()
    {
        const Knowledge &k = Knowledge::instance();
        const DiagnosisRules &rules = k.diagnosis();
        QCOMPARE(k.findingSeverity(QStringLiteral("allow-missing")), Severity::Error);
        QCOMPARE(k.findingSeverity(QStringLiteral("method-ignored")), Severity::Warning);
        QCOMPARE(k.findingSeverity(QStringLiteral("reason-rewritten")), Severity::Info);
        QCOMPARE(k.serverNote(k.server(QStringLiteral("nginx")), QStringLiteral("allow-missing")),
            QStringLiteral("nginx never adds Allow to its own 405."));
        QVERIFY(k.serverNote(k.server(QStringLiteral("apache")), QStringLiteral("allow-missing")).isEmpty());
        QVERIFY(k.serverNote(nullptr, QStringLiteral("allow-missing")).isEmpty());
        QCOMPARE(k.server(QStringLiteral("squid"))->errorHeader, QByteArray("X-Squid-Error"));
        QCOMPARE(rules.overrideHeaders,
            (QList<QByteArray> { "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override" }));
        QCOMPARE(rules.overrideFormField, QStringLiteral("_method"));
        QVERIFY(rules.refusal.contains(403) && rules.refusal.contains(503) && !rules.refusal.contains(409));
        QVERIFY(rules.probePastDispatch.contains(409) && !rules.probePastDispatch.contains(405));
        QCOMPARE(rules.gatewayFailure.codes, (QList<int> { 502, 503, 504 }));
        QVERIFY(!k.method(rules.probeUnknownToken).info);
        QVERIFY(rules.probeMethods.contains("get")); // the case-sensitivity row of the matrix
    }

    void methodAlternatives_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QList<QByteArray>>("prefer");
        QTest::newRow("PATCH") << QByteArray("PATCH") << QList<QByteArray> { "PUT", "POST" };
        QTest::newRow("PUT") << QByteArray("PUT") << QList<QByteArray> { "PATCH", "POST" };
        QTest::newRow("POST") << QByteArray("POST") << QList<QByteArray> { "PUT", "PATCH" };
        QTest::newRow("DELETE") << QByteArray("DELETE") << QList<QByteArray> { "POST" };
        QTest::newRow("QUERY") << QByteArray("QUERY") << QList<QByteArray> { "POST", "GET" };
        QTest::newRow("PROPFIND") << QByteArray("PROPFIND") << QList<QByteArray> { "GET" };
    }
    void methodAlternatives()
    {
        QFETCH(QByteArray, method);
        QFETCH(QList<QByteArray>, prefer);
        const MethodAlternatives *found = nullptr;
        for (const MethodAlternatives &entry : Knowledge::instance().diagnosis().methodAlternatives)
            if (entry.method == method)
                found = &entry;
        QVERIFY(found);
        QCOMPARE(found->prefer, prefer);
    }

    // docs/diagnosis.md's findings table and diagnosis.json name the same ids with the same severity.
    void findingsMatchTheDocs()
    {
        QFile doc(qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/docs/diagnosis.md"));
        QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
        const QString text = QString::fromUtf8(doc.readAll());
        const qsizetype start = text.indexOf(QLatin1String("\n## Findings\n"));
        const qsizetype end = text.indexOf(QLatin1String("\n## "), start + 1);
        QVERIFY(start >= 0 && end > start);
        static const QRegularExpression row(
            QStringLiteral("^\\| `([a-z-]+)` \\| ([a-z]+)"), QRegularExpression::MultilineOption);
        QMap<QString, QString> documented;
        for (const QRegularExpressionMatch &match : row.globalMatch(text.mid(start, end - start)))
            documented.insert(match.captured(1), match.captured(2));
        QMap<QString, QString> data;
        for (const FindingRule &rule : Knowledge::instance().diagnosis().findings)
            data.insert(rule.id, severityId(rule.severity));
        QCOMPARE(documented, data);
    }

    void explainEveryStatusCode()
    {
        QVERIFY2(!qEnvironmentVariable("VERBSCOPE_CLI").isEmpty(), "VERBSCOPE_CLI must point to verbscope-cli");
        for (const StatusInfo &s : Knowledge::instance().statuses()) {
            const Result r = runExplain({ QString::number(s.code) });
            QVERIFY2(r.exitCode == 0,
                qPrintable(QStringLiteral("%1: exit %2 %3").arg(s.code).arg(r.exitCode).arg(QString::fromUtf8(r.err))));
            QVERIFY2(r.out.startsWith(QStringLiteral("%1 %2\n").arg(s.code).arg(s.title).toUtf8()),
                qPrintable(QString::number(s.code)));
            for (const QByteArray &line : r.out.split('\n'))
                QVERIFY2(QString::fromUtf8(line).size() <= 80, line.constData());
        }
    }

    void explainEveryRegisteredMethod()
    {
        for (const QByteArray &name : Knowledge::ianaMethods()) {
            const Result r = runExplain({ QString::fromLatin1(name) });
            QVERIFY2(r.exitCode == 0, name.constData());
            QVERIFY2(r.out.startsWith(QByteArray(name + " (registered with IANA)\n")), name.constData());
        }
    }

    void explainServerAndJson()
    {
        Result r = runExplain({ QStringLiteral("nginx") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("nginx (origin, id \"nginx\")\n"));
        QVERIFY(r.out.contains("405 Not Allowed, without an Allow header"));

        r = runExplain({ QStringLiteral("--json"), QStringLiteral("405") });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("status"));
        QCOMPARE(o.value(QLatin1String("code")).toInt(), 405);
        QCOMPARE(o.value(QLatin1String("cacheableByDefault")).toBool(), true);

        r = runExplain({ QStringLiteral("--json"), QStringLiteral("propfind") });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject m = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(m.value(QLatin1String("name")).toString(), QStringLiteral("PROPFIND"));
        QVERIFY(m.value(QLatin1String("note")).toString().contains(QLatin1String("case-sensitive")));
    }

    void explainUnknownInput()
    {
        Result r = runExplain({ QStringLiteral("PROPFIN") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("Did you mean PROPFIND"), r.err.constData());

        r = runExplain({ QStringLiteral("ngnix") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("nginx"), r.err.constData());

        r = runExplain({ QStringLiteral("499") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("499 is not registered"));
        QVERIFY(r.err.contains("4xx (client error)"));
        QVERIFY(r.err.contains("Client Closed Request"));

        r = runExplain({ QStringLiteral("427") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("x00 code of its class (400)"));

        r = runExplain({ QStringLiteral("42") });
        QCOMPARE(r.exitCode, 2);
        r = runExplain({});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(tst_Knowledge)
#include "tst_knowledge.moc"
