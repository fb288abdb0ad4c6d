// SPDX-License-Identifier: GPL-3.0-or-later
// RequestPipeline: directives become options the same way for every front end, and a save from
// the app writes them back without losing or changing what the user wrote.
#include "core/collections/HttpFileParser.h"
#include "core/collections/RequestPipeline.h"

#include <QTest>

using namespace verbscope::collections;
using namespace verbscope::http;

namespace {
HttpFile parse(const QString &text)
{
    return HttpFileParser::parse(text, QStringLiteral("t.http")).file;
}

QStringList directiveLines(const HttpRequest &r)
{
    QStringList out;
    for (const Directive &d : r.directives)
        out << (d.value.isEmpty() ? d.name : d.name + QLatin1Char(' ') + d.value);
    return out;
}
} // namespace

class tst_RequestPipeline final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void directivesBecomeOptions_data()
    {
        QTest::addColumn<QString>("directives");
        QTest::addColumn<bool>("follow");
        QTest::addColumn<bool>("verify");
        QTest::addColumn<int>("idleMs");
        QTest::addColumn<QString>("problem");
        QTest::newRow("none") << QString() << true << true << 30'000 << QString();
        QTest::newRow("no-redirect") << QStringLiteral("# @no-redirect\n") << false << true << 30'000 << QString();
        QTest::newRow("insecure") << QStringLiteral("# @insecure\n") << true << false << 30'000 << QString();
        QTest::newRow("seconds") << QStringLiteral("# @timeout 5\n") << true << true << 5'000 << QString();
        QTest::newRow("ms") << QStringLiteral("# @timeout 1500ms\n") << true << true << 1'500 << QString();
        QTest::newRow("minutes") << QStringLiteral("// @timeout 2m\n") << true << true << 120'000 << QString();
        QTest::newRow("not a duration") << QStringLiteral("# @timeout soon\n") << true << true << 30'000
                                        << QStringLiteral("t.http:2: @timeout \"soon\": not a duration");
        QTest::newRow("zero") << QStringLiteral("# @timeout 0\n") << true << true << 30'000
                              << QStringLiteral("must be greater than 0");
        QTest::newRow("over a week") << QStringLiteral("# @timeout 10d\n") << true << true << 30'000
                                     << QStringLiteral("too long (at most 1w)");
    }
    // httpyac's and the JetBrains client's other option directives.
    void moreDirectivesBecomeOptions()
    {
        HttpFile file = parse(QStringLiteral("# @no-log\n# @no-auto-encoding\n# @connection-timeout 2s\n"
                                             "# @no-cookie-jar\nGET http://127.0.0.1:1/x\n"));
        PreparedRequest p = RequestPipeline::prepare(file, 0, QStringLiteral("t.http"), {});
        QVERIFY2(p.problems.isEmpty(), qPrintable(p.problems.join(QLatin1Char('\n'))));
        QCOMPARE(p.spec.options.keepInHistory, false);
        QCOMPARE(p.spec.options.encodeUrl, false);
        QCOMPARE(p.spec.options.connectTimeoutMs, 2'000);
        QCOMPARE(p.spec.options.idleTimeoutMs, 30'000);
        QCOMPARE(p.spec.options.useCookieJar, false);

        file = parse(QStringLiteral("GET http://127.0.0.1:1/x\n"));
        p = RequestPipeline::prepare(file, 0, QStringLiteral("t.http"), {});
        QCOMPARE(p.spec.options.keepInHistory, true);
        QCOMPARE(p.spec.options.encodeUrl, true);
        QCOMPARE(p.spec.options.connectTimeoutMs, 0);
        QCOMPARE(p.spec.options.useCookieJar, true);

        file = parse(QStringLiteral("\n# @connection-timeout soon\nGET http://127.0.0.1:1/x\n"));
        p = RequestPipeline::prepare(file, 0, QStringLiteral("t.http"), {});
        QCOMPARE(p.problems.size(), 1);
        QVERIFY2(p.problems.at(0).startsWith(QLatin1String("t.http:3: @connection-timeout \"soon\": not a duration")),
            qPrintable(p.problems.at(0)));
    }

    void directivesBecomeOptions()
    {
        QFETCH(QString, directives);
        QFETCH(bool, follow);
        QFETCH(bool, verify);
        QFETCH(int, idleMs);
        QFETCH(QString, problem);
        const HttpFile file = parse(directives + QStringLiteral("GET http://127.0.0.1:1/x\n"));
        const PreparedRequest p = RequestPipeline::prepare(file, 0, QStringLiteral("t.http"), {});
        QCOMPARE(p.spec.options.redirects == RedirectMode::Follow, follow);
        QCOMPARE(p.spec.options.verifyTls, verify);
        QCOMPARE(p.spec.options.idleTimeoutMs, idleMs);
        QCOMPARE(p.spec.options.transport, TransportKind::Wire);
        if (problem.isEmpty())
            QVERIFY2(p.problems.isEmpty(), qPrintable(p.problems.join(QLatin1Char('\n'))));
        else
            QVERIFY2(
                p.problems.join(QLatin1Char('\n')).contains(problem), qPrintable(p.problems.join(QLatin1Char('\n'))));
    }

    void environmentCanTurnVerificationOff()
    {
        RequestContext context;
        context.environmentVerifiesTls = false;
        const PreparedRequest p = RequestPipeline::prepare(
            parse(QStringLiteral("GET https://127.0.0.1:1/\n")), 0, QStringLiteral("t.http"), context);
        QVERIFY(!p.spec.options.verifyTls);
    }

    // What the Options page shows (applyDirectives on run's defaults) and what a save writes
    // (writeDirectives) must give the file back unchanged when the user changed nothing.
    void saveKeepsWhatTheUserWrote_data()
    {
        QTest::addColumn<QString>("directives");
        QTest::newRow("none") << QString();
        QTest::newRow("timeout as written") << QStringLiteral("# @timeout 10\n");
        QTest::newRow("default timeout kept") << QStringLiteral("# @timeout 30\n");
        QTest::newRow("ms spelling") << QStringLiteral("# @timeout 1500ms\n");
        QTest::newRow("malformed kept") << QStringLiteral("# @timeout soon\n");
        QTest::newRow("order with others")
            << QStringLiteral("# @name a\n# @custom x\n# @no-redirect\n# @insecure\n# @other y\n");
    }
    void saveKeepsWhatTheUserWrote()
    {
        QFETCH(QString, directives);
        const HttpRequest original = parse(directives + QStringLiteral("GET http://h/\n")).requests.at(0);
        RequestOptions shown = RequestContext::defaultOptions();
        RequestPipeline::applyDirectives(original, shown, nullptr);
        HttpRequest saved = original;
        RequestPipeline::writeDirectives(shown, saved);
        QCOMPARE(directiveLines(saved), directiveLines(original));
    }

    void saveWritesWhatTheUserChanged()
    {
        HttpRequest r = parse(QStringLiteral("# @timeout soon\n# @keep me\nGET http://h/\n")).requests.at(0);
        RequestOptions o = RequestContext::defaultOptions();
        o.idleTimeoutMs = 5'000; // set on the Options page: the malformed value gives way
        o.redirects = RedirectMode::Off;
        RequestPipeline::writeDirectives(o, r);
        QCOMPARE(directiveLines(r),
            (QStringList { QStringLiteral("no-redirect"), QStringLiteral("timeout 5s"), QStringLiteral("keep me") }));
        o = RequestContext::defaultOptions(); // everything back to run's defaults: no option directive
        RequestPipeline::writeDirectives(o, r);
        QCOMPARE(directiveLines(r), QStringList { QStringLiteral("keep me") });
    }
};

QTEST_APPLESS_MAIN(tst_RequestPipeline)
#include "tst_requestpipeline.moc"
