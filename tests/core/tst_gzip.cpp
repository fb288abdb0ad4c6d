// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Gzip.h"
#include "tests/support/CliRunner.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace verbscope::http;

Q_DECLARE_METATYPE(verbscope::http::Gzip::Format)

using namespace verbscope::test;

namespace {
// Runs Debian's gzip on `in`; empty when it is not installed.
QByteArray runGzip(const QStringList &args, const QByteArray &in)
{
    if (QStandardPaths::findExecutable(QStringLiteral("gzip")).isEmpty())
        return {};
    ProgramRun run(QStringLiteral("gzip"), args);
    run.input = in;
    return runProgram(run).out;
}
} // namespace

class tst_Gzip final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<Gzip::Format>("format");
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<QByteArray>("magic");
        const QByteArray text = QByteArray("hello, VerbScope ").repeated(500);
        QByteArray binary(4096, Qt::Uninitialized);
        for (int i = 0; i < binary.size(); ++i)
            binary[i] = char((i * 7919) & 0xff);
        QTest::newRow("gzip text") << Gzip::Format::Gzip << text << QByteArray("\x1f\x8b");
        QTest::newRow("gzip binary") << Gzip::Format::Gzip << binary << QByteArray("\x1f\x8b");
        QTest::newRow("gzip empty") << Gzip::Format::Gzip << QByteArray() << QByteArray("\x1f\x8b");
        QTest::newRow("zlib") << Gzip::Format::Zlib << text << QByteArray("\x78");
        QTest::newRow("raw deflate") << Gzip::Format::RawDeflate << text << QByteArray();
    }
    void roundTrip()
    {
        QFETCH(Gzip::Format, format);
        QFETCH(QByteArray, plain);
        QFETCH(QByteArray, magic);
        const QByteArray packed = Gzip::compress(plain, format);
        QVERIFY(!packed.isEmpty());
        QVERIFY(packed.startsWith(magic));
        if (plain.size() > 1000 && plain.startsWith("hello"))
            QVERIFY(packed.size() < plain.size() / 10);
        QByteArray back;
        QString error;
        QVERIFY2(Gzip::decompress(packed, back, &error, format), qPrintable(error));
        QCOMPARE(back, plain);
    }

    void levelZeroStillRoundTrips()
    {
        const QByteArray plain = QByteArray("abc").repeated(1000);
        const QByteArray stored = Gzip::compress(plain, Gzip::Format::Gzip, 0);
        QVERIFY(stored.size() > plain.size()); // stored blocks plus the wrapper
        QByteArray back;
        QVERIFY(Gzip::decompress(stored, back));
        QCOMPARE(back, plain);
    }

    // What the gzip tool writes we read, and what we write the gzip tool reads.
    void interoperatesWithTheGzipTool()
    {
        const QByteArray plain = QByteArray("line of text\n").repeated(200);
        const QByteArray fromTool = runGzip({ QStringLiteral("-c") }, plain);
        if (fromTool.isEmpty())
            QSKIP("gzip is not installed");
        QByteArray back;
        QVERIFY(Gzip::decompress(fromTool, back));
        QCOMPARE(back, plain);
        QCOMPARE(runGzip({ QStringLiteral("-dc") }, Gzip::compress(plain)), plain);
    }

    void damagedDataIsAnError_data()
    {
        QTest::addColumn<QByteArray>("data");
        const QByteArray good = Gzip::compress(QByteArray("x").repeated(1000));
        QTest::newRow("not gzip") << QByteArray("plain text, not compressed");
        QTest::newRow("cut short") << good.left(good.size() / 2);
        QByteArray flipped = good;
        flipped[flipped.size() / 2] = char(flipped.at(flipped.size() / 2) ^ 0x55);
        QTest::newRow("damaged") << flipped;
    }
    void damagedDataIsAnError()
    {
        QFETCH(QByteArray, data);
        QByteArray out;
        QString error;
        QVERIFY(!Gzip::decompress(data, out, &error));
        QVERIFY(!error.isEmpty());
    }

    // The one decoding path keeps its guard: a small input that inflates far beyond reason stops
    // once past the size limit (1 GiB by default, 16 MiB here to keep the test small), and a
    // compressible input under the limit decodes whole (the guard needs size *and* ratio).
    void bombIsStopped()
    {
        const QByteArray bomb = Gzip::compress(QByteArray(64 << 20, '\0'));
        QVERIFY(bomb.size() < 128 * 1024);
        QByteArray out;
        QString error;
        QVERIFY(!Gzip::decompress(bomb, out, &error, Gzip::Format::Gzip, 16 << 20));
        QVERIFY2(error.contains(QLatin1String("bomb")), qPrintable(error));
        QVERIFY(out.size() < (64 << 20));
        out.clear();
        QVERIFY2(Gzip::decompress(bomb, out, &error), qPrintable(error));
        QCOMPARE(out.size(), qsizetype(64 << 20));
    }
};

QTEST_GUILESS_MAIN(tst_Gzip)
#include "tst_gzip.moc"
