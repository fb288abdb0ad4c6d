// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/HttpFileParser.h"
#include "core/collections/RunSelection.h"

#include <QTest>

using namespace verbscope::collections;

class TstRunSelection : public QObject
{
    Q_OBJECT

private:
    static HttpFile parsed(const QString &text)
    {
        const ParseResult r = HttpFileParser::parse(text, QStringLiteral("a.http"));
        for (const ParseIssue &i : r.issues)
            if (i.message.contains(QLatin1String("@tag")))
                qWarning("%s", qPrintable(i.toString()));
        return r.file;
    }

private Q_SLOTS:
    // `# @tag` is read as a directive VerbScope runs: no "not run by VerbScope" warning.
    void tagIsAKnownDirective()
    {
        const ParseResult r = HttpFileParser::parse(QStringLiteral("# @tag smoke, auth\nGET http://h/\n"));
        QVERIFY(r.issues.isEmpty());
        QCOMPARE(RunSelection::tagsOf(r.file.requests.at(0)),
            (QStringList { QStringLiteral("smoke"), QStringLiteral("auth") }));
    }

    void selection_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QStringList>("selected");
        const auto l = [](std::initializer_list<const char *> items) {
            QStringList out;
            for (const char *i : items)
                out << QString::fromUtf8(i);
            return out;
        };
        QTest::newRow("nothing given: all")
            << QStringList() << QStringList() << l({ "login", "Users", "GET http://h/c", "slow" });
        QTest::newRow("by @name") << l({ "login" }) << QStringList() << l({ "login" });
        QTest::newRow("by ### title") << l({ "Users" }) << QStringList() << l({ "Users" });
        QTest::newRow("by display name") << l({ "GET http://h/c" }) << QStringList() << l({ "GET http://h/c" });
        QTest::newRow("one tag") << QStringList() << l({ "smoke" }) << l({ "login", "Users" });
        QTest::newRow("any of several tags") << QStringList() << l({ "auth", "nightly" }) << l({ "login", "slow" });
        QTest::newRow("comma-separated --tag") << QStringList() << l({ "auth, nightly" }) << l({ "login", "slow" });
        QTest::newRow("tags are case-sensitive") << QStringList() << l({ "Smoke" }) << QStringList();
        QTest::newRow("name or tag") << l({ "GET http://h/c" }) << l({ "nightly" }) << l({ "GET http://h/c", "slow" });
        QTest::newRow("unknown name") << l({ "nope" }) << QStringList() << QStringList();
    }
    void selection()
    {
        QFETCH(QStringList, names);
        QFETCH(QStringList, tags);
        QFETCH(QStringList, selected);
        const HttpFile file
            = parsed(QStringLiteral("# @name login\n# @tag smoke,auth\nPOST http://h/login\n"
                                    "### Users\n# @tag  smoke \nGET http://h/users\n"
                                    "###\nGET http://h/c\n"
                                    "###\n# @name slow\n# @tag perf\n# @tag nightly\nGET http://h/s\n"));
        QCOMPARE(file.requests.size(), 4);
        QStringList got;
        for (const HttpRequest &r : file.requests)
            if (RunSelection::selected(r, names, tags))
                got << r.displayName();
        QCOMPARE(got, selected);
    }
};

QTEST_APPLESS_MAIN(TstRunSelection)
#include "tst_runselection.moc"
