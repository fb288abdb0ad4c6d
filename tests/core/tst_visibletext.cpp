// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/VisibleText.h"

#include <QTest>

using namespace verbscope::http;

// The notation of docs/cli.md "Control bytes": one row per class of byte, in each shape.
class tst_VisibleText final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notation_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("shape");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<bool>("needed");
        const int field = int(TextShape::Field);
        const int lines = int(TextShape::Lines);
        const int raw = int(TextShape::RawLines);
        QTest::newRow("plain") << QByteArray("200 OK") << field << QStringLiteral("200 OK") << false;
        QTest::newRow("utf-8 kept") << QByteArray("été ✓") << lines << QStringLiteral("été ✓") << false;
        QTest::newRow("backslash doubled") << QByteArray("C:\\dir") << field << QStringLiteral("C:\\\\dir") << false;
        QTest::newRow("CRLF kept in lines") << QByteArray("a\r\nb\n") << lines << QStringLiteral("a\r\nb\n") << false;
        QTest::newRow("CRLF in a field") << QByteArray("a\r\nb") << field << QStringLiteral("a\\r\\nb") << true;
        QTest::newRow("CRLF raw lines") << QByteArray("a\r\nb") << raw << QStringLiteral("a\\r\\n\nb") << true;
        QTest::newRow("bare CR") << QByteArray("OK\r\rX: 1") << lines << QStringLiteral("OK\\r\\rX: 1") << true;
        QTest::newRow("CR at the end") << QByteArray("OK\r") << lines << QStringLiteral("OK\\r") << true;
        QTest::newRow("tab kept in lines") << QByteArray("a\tb") << lines << QStringLiteral("a\tb") << false;
        QTest::newRow("tab in a field") << QByteArray("a\tb") << field << QStringLiteral("a\\tb") << true;
        QTest::newRow("NUL") << QByteArray("ab\0c", 4) << lines << QStringLiteral("ab\\x00c") << true;
        QTest::newRow("ESC") << QByteArray("\x1b[31mred") << lines << QStringLiteral("\\x1b[31mred") << true;
        QTest::newRow("other C0") << QByteArray("\x01\x07\x1f") << lines << QStringLiteral("\\x01\\x07\\x1f") << true;
        QTest::newRow("DEL") << QByteArray("a\x7f") << lines << QStringLiteral("a\\x7f") << true;
        QTest::newRow("C1 CSI") << QByteArray("a\xc2\x9b"
                                              "31m")
                                << lines << QStringLiteral("a\\xc2\\x9b31m") << true;
        QTest::newRow("U+00A0 is not C1") << QByteArray("a\xc2\xa0") << lines << QStringLiteral("a\u00a0") << false;
        QTest::newRow("Latin-1 byte") << QByteArray("caf\xe9") << field << QStringLiteral("caf\\xe9") << true;
        QTest::newRow("invalid next to valid") << QByteArray("\xff"
                                                             "é")
                                               << lines << QStringLiteral("\\xffé") << true;
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << lines << QStringLiteral("\\xc0\\xaf") << true;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << lines << QStringLiteral("\\xed\\xa0\\x80") << true;
        QTest::newRow("cut sequence") << QByteArray("a\xe2\x9c") << lines << QStringLiteral("a\\xe2\\x9c") << true;
        QTest::newRow("backslash next to an escape")
            << QByteArray("\\\x1b") << lines << QStringLiteral("\\\\\\x1b") << true;
    }
    void notation()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, shape);
        QFETCH(QString, shown);
        QFETCH(bool, needed);
        QCOMPARE(visibleText(bytes, TextShape(shape)), shown);
        QCOMPARE(needsNotation(bytes, TextShape(shape)), needed);
    }

    // The literal four characters "\x1b" must not look like an ESC once the notation is in use.
    void literalNotationIsNotAnEscape()
    {
        const QByteArray literal("\\x1b[31m\x1b");
        const QString shown = visibleText(literal, TextShape::Lines);
        QCOMPARE(shown, QStringLiteral("\\\\x1b[31m\\x1b"));
        QVERIFY(!shown.contains(QChar(0x1b)));
    }

    void onlyWhereNeeded()
    {
        QCOMPARE(visibleIfNeeded("{\"a\":\"x\\ny\"}", TextShape::Lines), QStringLiteral("{\"a\":\"x\\ny\"}"));
        QCOMPARE(visibleIfNeeded("a\\b\x1b", TextShape::Lines), QStringLiteral("a\\\\b\\x1b"));
    }

    void forbiddenFieldBytes()
    {
        QCOMPARE(firstForbiddenFieldByte("OK"), -1);
        QCOMPARE(firstForbiddenFieldByte("OK\r\rX"), 2);
        QCOMPARE(firstForbiddenFieldByte(QByteArray("a\0b", 3)), 1);
        QCOMPARE(firstForbiddenFieldByte("a b\nc"), 3);
        QCOMPARE(firstForbiddenFieldByte("tab\tand \x1b"), -1); // HTAB is allowed; ESC is odd but not framing
    }
};

QTEST_APPLESS_MAIN(tst_VisibleText)
#include "tst_visibletext.moc"
