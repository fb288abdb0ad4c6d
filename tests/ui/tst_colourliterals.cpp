// SPDX-License-Identifier: GPL-3.0-or-later
// Colours live in ui/Theme only: a literal anywhere else in ui/ is a colour the dark theme (or a
// system palette) never sees. This scans the sources and names every line that has one.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

class tst_ColourLiterals final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void patterns_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("literal");
        QTest::newRow("hex") << QStringLiteral("label->setStyleSheet(\"color: #c0392b;\");") << true;
        QTest::newRow("hex in html") << QStringLiteral("\"<span style='background:#fff'>\"") << true;
        QTest::newRow("QColor") << QStringLiteral("QColor(0x20, 0x20, 0x20)") << true;
        QTest::newRow("global colour") << QStringLiteral("p.setPen(Qt::darkBlue);") << true;
        QTest::newRow("palette in a sheet") << QStringLiteral("\"color: palette(mid);\"") << true;
        QTest::newRow("rgb()") << QStringLiteral("\"background: rgb(1, 2, 3)\"") << true;
        QTest::newRow("include") << QStringLiteral("#include <QColor>") << false;
        QTest::newRow("define") << QStringLiteral("#define FACADE 1") << false;
        QTest::newRow("role") << QStringLiteral("Theme::foreground(Theme::Role::TextError)") << false;
        QTest::newRow("palette()") << QStringLiteral("p.setPen(palette().color(QPalette::Text));") << false;
        QTest::newRow("history id") << QStringLiteral("tr(\"#%1 %2\")") << false;
    }

    void patterns()
    {
        QFETCH(QString, line);
        QFETCH(bool, literal);
        QCOMPARE(pattern().match(line).hasMatch(), literal);
    }

    void onlyThemeHasColours()
    {
        const QDir root(qEnvironmentVariable("VERBSCOPE_SOURCE_DIR"));
        QVERIFY2(root.exists(QStringLiteral("ui/Theme.cpp")), qPrintable(root.path()));
        QStringList found;
        int files = 0;
        QDirIterator it(root.filePath(QStringLiteral("ui")), { QStringLiteral("*.cpp"), QStringLiteral("*.h") },
            QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString name = root.relativeFilePath(path);
            if (name == QLatin1String("ui/Theme.cpp") || name == QLatin1String("ui/Theme.h"))
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
            ++files;
            int number = 0;
            while (!file.atEnd()) {
                const QString line = QString::fromUtf8(file.readLine()).trimmed();
                ++number;
                if (pattern().match(line).hasMatch())
                    found << QStringLiteral("%1:%2: %3").arg(name).arg(number).arg(line);
            }
        }
        QVERIFY(files > 40);
        QVERIFY2(found.isEmpty(),
            qPrintable(QStringLiteral("colour literals outside ui/Theme (use a Theme::Role):\n")
                + found.join(QLatin1Char('\n'))));
    }

private:
    static const QRegularExpression &pattern()
    {
        static const QRegularExpression re(
            QStringLiteral("#[0-9a-fA-F]{3,8}\\b"
                           "|\\bQColor\\s*\\(|QColorConstants|\\bqRgba?\\s*\\("
                           "|\\bQt::(white|black|red|darkRed|green|darkGreen|blue|darkBlue"
                           "|cyan|darkCyan|magenta|darkMagenta|yellow|darkYellow"
                           "|gray|darkGray|lightGray|transparent|color0|color1)\\b"
                           "|color\\s*:|background\\s*:|palette\\(\\s*[a-z]"
                           "|border[\\w-]*\\s*:[^;\"]*\\b(solid|dashed|dotted)\\s+\\w"
                           "|\\brgba?\\s*\\("));
        return re;
    }
};

QTEST_APPLESS_MAIN(tst_ColourLiterals)
#include "tst_colourliterals.moc"
