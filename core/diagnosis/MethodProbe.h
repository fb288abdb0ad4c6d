// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnosis/Diagnosis.h"

#include <QObject>

namespace verbscope::http {
class Engine;
}

namespace verbscope::diagnosis {

// One method sent to one server.
struct ProbeCell {
    QByteArray method;
    QString target; // the URL actually used
    bool probePath = false; // sent to an impossible child path (unsafe or unknown method)
    http::RequestSpec request;
    http::Exchange exchange;
    Classification classification;
    bool done = false;
};

// How one server treats methods, from its cells.
struct ServerSummary {
    QString server; // Server header of the GET answer
    QStringList via;
    QString unknownVerb; // "501", "405", "400", "ignored-200", "accepted", "404", "no answer"…
    QList<QByteArray> supported; // accepted (2xx, or past method dispatch on the probe path)
    QList<QByteArray> refused; // 405, 501, 400
    QList<QByteArray> inconclusive;
    QList<Finding> findings; // allow-missing, get-head-not-implemented, allow-inconsistent
};

struct ServerProbe {
    QString url;
    QList<ProbeCell> cells;
    ProbeCell baseline; // GET on the probe path, to recognise ignored verbs there
    ServerSummary summary;
};

// Builds the method-support matrix of one or more servers. Safe by default: methods that are
// not safe per RFC 9110 (and unknown ones) go to a random path below the URL that cannot exist
// (two levels deep, so WebDAV PUT/MKCOL fail with 409 instead of creating anything).
class MethodProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MethodProbe)
public:
    struct Options {
        QList<QByteArray> methods = defaultMethods();
        bool unsafe = false; // send every method to the real URL
        int perHost = 4; // requests in flight per host
        http::RequestSpec base; // headers, timeouts, transport, proxy, TLS for every request
    };

    explicit MethodProbe(http::Engine *engine, QObject *parent = nullptr);
    ~MethodProbe() override;

    void start(const QStringList &urls, const Options &options);
    void cancel();
    bool isFinished() const { return m_finished; }
    const QList<ServerProbe> &servers() const { return m_servers; }

    static QList<QByteArray> defaultMethods(); // diagnosis.json probe.defaultMethods
    static QByteArray unknownToken(); // a verb no server can know (diagnosis.json probe.unknownToken)
    // "GET,PUT" replaces the default set; "+LIST,PURGE" extends it. Errors name the bad entry.
    static QList<QByteArray> parseMethodList(const QString &spec, QStringList *errors);
    // Summary of one server from its cells (pure; also used by tests).
    static ServerSummary summarize(const ServerProbe &probe);

Q_SIGNALS:
    void cellFinished(int server, int cell);
    void finished();

private:
    void pump();
    void launch(int server, int cell);
    void finishIfDone();

    http::Engine *m_engine;
    Options m_options;
    QList<ServerProbe> m_servers;
    QList<QPair<int, int>> m_queue; // (server, cell); cell -1 = baseline
    QHash<QString, int> m_inFlight; // per host:port
    int m_outstanding = 0;
    bool m_finished = false;
};

} // namespace verbscope::diagnosis
