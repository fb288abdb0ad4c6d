// SPDX-License-Identifier: GPL-3.0-or-later
// A child process for tst_historystore: writes exchanges one transaction at a time and prints
// each committed id, so the test can kill it mid-burst or run two at once.
// Usage: history_writer DB COUNT TAG   (COUNT < 0: until killed)
#include "core/history/HistoryStore.h"

#include <QCoreApplication>

#include <cstdio>

using namespace verbscope;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4)
        return 2;
    history::HistoryStore store;
    const history::HistoryStore::OpenResult opened = store.open(args.at(1));
    if (!opened.ok) {
        std::fprintf(stderr, "open: %s\n", qPrintable(opened.error));
        return 1;
    }
    const int count = args.at(2).toInt();
    const QByteArray tag = args.at(3).toUtf8();
    for (int i = 0; count < 0 || i < count; ++i) {
        http::Exchange ex;
        ex.startedAt = QDateTime::currentDateTimeUtc();
        ex.request.method = "PUT";
        ex.request.url = QStringLiteral("http://127.0.0.1:9/%1/%2").arg(QString::fromUtf8(tag)).arg(i);
        ex.request.headers = { { "Host", "127.0.0.1:9" }, { "X-Writer", tag } };
        ex.request.body = QByteArray(2048, 'x');
        ex.request.bodySize = ex.request.body.size();
        ex.response.received = true;
        ex.response.head = { 405, "Method Not Allowed", QStringLiteral("1.1"), { { "Allow", "GET" } }, {} };
        ex.response.body = "writer " + tag + ' ' + QByteArray::number(i);
        const qint64 id = store.add(ex, QStringLiteral("writer"));
        if (id == 0) {
            std::fprintf(stderr, "add: %s\n", qPrintable(store.lastError()));
            return 1;
        }
        std::printf("%lld\n", static_cast<long long>(id));
        std::fflush(stdout);
    }
    return 0;
}
