// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/ContentDecoder.h"
#include "core/http/Gzip.h"
#include "tests/support/CliRunner.h"

#include <QProcess>
#include <QTest>

using namespace verbscope::http;

Q_DECLARE_METATYPE(verbscope::http::Gzip::Format)

using namespace verbscope::test;

namespace {
// Compress with a command-line tool that ships with Debian (brotli/zstd CLIs), or skip.
QByteArray compressWith(const QString &program, const QStringList &args, const QByteArray &in)
{
    ProgramRun run(program, args);
    run.input = in;
    return runProgram(run).out;
}
} // namespace

class tst_ContentDecoder final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gzipAndDeflate_data()
    {
        QTest::addColumn<QByteArray>("coding");
        QTest::addColumn<Gzip::Format>("format");
        QTest::newRow("gzip") << QByteArray("gzip") << Gzip::Format::Gzip;
        QTest::newRow("x-gzip") << QByteArray("x-gzip") << Gzip::Format::Gzip;
        QTest::newRow("deflate (zlib)") << QByteArray("deflate") << Gzip::Format::Zlib;
        QTest::newRow("deflate (raw)") << QByteArray("deflate") << Gzip::Format::RawDeflate;
        QTest::newRow("case and spaces") << QByteArray(" GZip ") << Gzip::Format::Gzip;
    }
    void gzipAndDeflate()
    {
        QFETCH(QByteArray, coding);
        QFETCH(Gzip::Format, format);
        const QByteArray plain = QByteArray("hello, VerbScope ").repeated(1000);
        const QByteArray packed = Gzip::compress(plain, format);
        // Feed in small pieces: the decoder must be truly streaming.
        ContentDecoder d(coding);
        QVERIFY(d.isSupported());
        QByteArray out;
        for (qsizetype i = 0; i < packed.size(); i += 7)
            QVERIFY2(d.feed(QByteArrayView(packed).sliced(i, std::min<qsizetype>(7, packed.size() - i)), out),
                qPrintable(d.error()));
        QVERIFY2(d.finish(out), qPrintable(d.error()));
        QCOMPARE(out, plain);
    }

    void stackedCodingsUndoneInReverse()
    {
        const QByteArray plain("stacked body");
        const QByteArray once = Gzip::compress(plain, Gzip::Format::Zlib); // deflate applied first
        const QByteArray twice = Gzip::compress(once); // then gzip
        QByteArray out;
        QString error;
        QVERIFY2(ContentDecoder::decodeAll("deflate, gzip", twice, out, &error), qPrintable(error));
        QCOMPARE(out, plain);
    }

    void brotliAndZstd_data()
    {
        QTest::addColumn<QByteArray>("coding");
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("br") << QByteArray("br") << QStringLiteral("brotli") << QStringList { QStringLiteral("-c") };
        QTest::newRow("zstd") << QByteArray("zstd") << QStringLiteral("zstd")
                              << QStringList { QStringLiteral("-c"), QStringLiteral("-q") };
    }
    void brotliAndZstd()
    {
        QFETCH(QByteArray, coding);
        QFETCH(QString, program);
        QFETCH(QStringList, args);
        const QByteArray plain = QByteArray("{\"k\": \"v\"}\n").repeated(5000);
        const QByteArray packed = compressWith(program, args, plain);
        if (packed.isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL(qPrintable(program + QStringLiteral(" is not installed")));
            QSKIP(qPrintable(program + QStringLiteral(" is not installed")));
        }
        ContentDecoder d(coding);
        QByteArray out;
        for (qsizetype i = 0; i < packed.size(); i += 100)
            QVERIFY2(d.feed(QByteArrayView(packed).sliced(i, std::min<qsizetype>(100, packed.size() - i)), out),
                qPrintable(d.error()));
        QVERIFY2(d.finish(out), qPrintable(d.error()));
        QCOMPARE(out, plain);
    }

    void invalidData_data()
    {
        QTest::addColumn<QByteArray>("coding");
        QTest::addColumn<QString>("error");
        QTest::newRow("gzip") << QByteArray("gzip") << QStringLiteral("gzip data is invalid");
        QTest::newRow("br") << QByteArray("br") << QStringLiteral("br data is invalid");
        QTest::newRow("zstd") << QByteArray("zstd") << QStringLiteral("zstd data is invalid");
    }
    void invalidData()
    {
        QFETCH(QByteArray, coding);
        QFETCH(QString, error);
        QByteArray out;
        QString got;
        QVERIFY(!ContentDecoder::decodeAll(coding, QByteArray("this is not compressed at all").repeated(3), out, &got));
        QVERIFY2(got.contains(error), qPrintable(got));
    }

    void truncatedStreamIsReported()
    {
        const QByteArray packed = Gzip::compress(QByteArray(10000, 'x'));
        QByteArray out;
        QString error;
        QVERIFY(!ContentDecoder::decodeAll("gzip", packed.left(packed.size() / 2), out, &error));
        QVERIFY2(error.contains(QLatin1String("ends before its end marker")), qPrintable(error));
    }

    void unknownCodingPassesThrough()
    {
        ContentDecoder d("xyz");
        QVERIFY(!d.isSupported());
        QVERIFY(d.error().contains(QLatin1String("\"xyz\"")));
        ContentDecoder identity("identity");
        QVERIFY(identity.isIdentity());
        QByteArray out;
        QVERIFY(identity.feed("abc", out));
        QCOMPARE(out, QByteArray("abc"));
    }

    void bombIsStoppedWithBoundedOutput()
    {
        // 200 MiB of zeros packs to ~200 KiB; the guard must stop near its threshold.
        const QByteArray zeros(200 << 20, '\0');
        const QByteArray bomb = Gzip::compress(zeros);
        ContentDecoder d("gzip", 10 << 20, 100);
        QByteArray out;
        bool ok = true;
        for (qsizetype i = 0; i < bomb.size() && ok; i += 16384)
            ok = d.feed(QByteArrayView(bomb).sliced(i, std::min<qsizetype>(16384, bomb.size() - i)), out);
        QVERIFY(!ok);
        QVERIFY2(d.error().contains(QLatin1String("decompression bomb")), qPrintable(d.error()));
        QVERIFY2(out.size() < (32 << 20), qPrintable(QString::number(out.size())));
        QVERIFY(d.stoppedByGuard());
    }

    // Both limits must be passed: a body that compresses 300 times is decoded while it stays under
    // the size limit (a CSV export, issue 18), and stopped past it; invalid data is not the guard.
    void guardNeedsBothSizeAndRatio_data()
    {
        QTest::addColumn<qint64>("maxDecoded");
        QTest::addColumn<bool>("stopped");
        QTest::newRow("under the size limit") << qint64(64 << 20) << false;
        QTest::newRow("default limit") << ContentDecoder::DefaultMaxDecoded << false;
        QTest::newRow("past the size limit") << qint64(4 << 20) << true;
    }
    void guardNeedsBothSizeAndRatio()
    {
        QFETCH(qint64, maxDecoded);
        QFETCH(bool, stopped);
        const QByteArray line = "2026-12-07,order-12345,customer-678,EUR,19.99,shipped,warehouse-3,express\n";
        const QByteArray csv = line.repeated((32 << 20) / line.size());
        const QByteArray gz = Gzip::compress(csv);
        QVERIFY(csv.size() / gz.size() > 200);
        ContentDecoder d("gzip", maxDecoded);
        QByteArray out;
        bool ok = true;
        for (qsizetype i = 0; i < gz.size() && ok; i += 16384)
            ok = d.feed(QByteArrayView(gz).sliced(i, std::min<qsizetype>(16384, gz.size() - i)), out);
        ok = ok && d.finish(out);
        QCOMPARE(!ok, stopped);
        QCOMPARE(d.stoppedByGuard(), stopped);
        if (!stopped)
            QVERIFY(out == csv);

        ContentDecoder invalid("gzip", maxDecoded);
        QVERIFY(!invalid.feed("not gzip at all", out));
        QVERIFY(!invalid.stoppedByGuard());
    }
};

QTEST_APPLESS_MAIN(tst_ContentDecoder)
#include "tst_contentdecoder.moc"
