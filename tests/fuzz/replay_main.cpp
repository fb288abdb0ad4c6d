// SPDX-License-Identifier: GPL-3.0-or-later
// Replays fuzz inputs without libFuzzer, so every compiler and preset (gcc, asan) runs the seed
// corpora and the regression inputs as ordinary tests:  fuzz_x FILE_OR_DIR...
#include "FuzzSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace {
bool replayFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    const QByteArray data = file.readAll();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(data.constData()), size_t(data.size()));
    return true;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    int replayed = 0;
    for (const QString &arg : args) {
        const QFileInfo info(arg);
        if (info.isDir()) {
            QDirIterator it(arg, QDir::Files, QDirIterator::Subdirectories);
            QStringList files;
            while (it.hasNext())
                files.append(it.next());
            files.sort(); // a stable order, so a failure names the same file every run
            for (const QString &f : files) {
                if (!replayFile(f))
                    return 1;
                ++replayed;
            }
        } else {
            if (!replayFile(arg))
                return 1;
            ++replayed;
        }
    }
    if (replayed == 0) {
        std::fprintf(stderr, "no inputs found in %s\n", qPrintable(args.join(QLatin1Char(' '))));
        return 1;
    }
    std::printf("replayed %d inputs without a crash\n", replayed);
    return 0;
}
