// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnosis/Diagnosis.h"

#include <QObject>

namespace verbscope::http {
class Engine;
}

namespace verbscope::diagnosis {

// How far a probe may go with methods that are not safe (RFC 9110 §9.2.1) and unknown ones:
// Safe sends them to a path below the URL that cannot exist; Guarded to the URL itself with a
// precondition that cannot match (If-Match with a random entity tag, no body); Unsafe to the URL as is.
enum class ProbeMode { Safe, Guarded, Unsafe };
QString probeModeId(ProbeMode mode); // "safe", "guarded", "unsafe"
bool parseProbeMode(QStringView id, ProbeMode *mode);

// What one cell proves about the method at the URL.
enum class Support {
    Pending,
    Supported, // with evidence: a 2xx/3xx on the URL, a guarded 412/409/422, an Allow or OPTIONS listing
    Refused, // 405, 501, 400 on the URL
    Inconclusive, // the answer says nothing either way (404 on the probe path, 401, 403, no answer…)
};
QString supportId(Support support); // "supported", "refused", "inconclusive", "pending"

// One method sent to one server.
struct ProbeCell {
    QByteArray method;
    QString target; // the URL actually used
    bool probePath = false; // sent to an impossible child path (unsafe or unknown method)
    ProbeMode mode = ProbeMode::Safe; // how this request was sent: safe methods are always sent as is
    QByteArray guardTag; // the If-Match value of a guarded request
    http::RequestSpec request;
    http::Exchange exchange;
    Classification classification;
    bool done = false;
    Support support = Support::Pending;
    // Plain words for `support`: the evidence, the refusal, or why it is inconclusive and what would decide it.
    QString evidence;
    bool guardIgnored = false; // a guarded request answered 2xx: the server would have performed it
};

// How one server treats methods, from its cells.
struct ServerSummary {
    QString server; // Server header of the GET answer
    QStringList via;
    QString unknownVerb; // "501", "405", "400", "ignored-200", "accepted", "404", "no answer"…
    QList<QByteArray> supported; // only with evidence (ProbeCell::evidence says which)
    QList<QByteArray> refused; // 405, 501, 400
    QList<QByteArray> inconclusive;
    QList<QByteArray> guardIgnored; // guarded requests answered 2xx
    // allow-missing, get-head-not-implemented, allow-inconsistent, precondition-ignored
    QList<Finding> findings;
};

struct ServerProbe {
    QString url;
    ProbeMode mode = ProbeMode::Safe; // the probe's mode (each cell says how it was sent)
    QList<ProbeCell> cells;
    ProbeCell baseline; // GET on the probe path, to recognise ignored verbs there
    // GET on the URL with the guards' If-Match: a 412 the same as its own says nothing about the method
    ProbeCell guardBaseline;
    ServerSummary summary;
};

// Builds the method-support matrix of one or more servers. Safe by default: methods that are
// not safe per RFC 9110 (and unknown ones) go to a random path below the URL that cannot exist
// (two levels deep, so WebDAV PUT/MKCOL fail with 409 instead of creating anything). Each method
// is sent once; a cell counts as supported only with evidence (docs/cli.md, "Evidence").
class MethodProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MethodProbe)
public:
    struct Options {
        QList<QByteArray> methods = defaultMethods();
        ProbeMode mode = ProbeMode::Safe;
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
    // The methods `mode` sends to the real URLs with a guard or as they are (not safe, or unknown).
    static QList<QByteArray> riskyMethods(const QList<QByteArray> &methods);
    // Each cell's support and evidence, from its answer and the server's other answers (pure).
    static void assess(ServerProbe &probe);
    // Summary of one server from its assessed cells (pure; also used by tests).
    static ServerSummary summarize(const ServerProbe &probe);

Q_SIGNALS:
    void cellFinished(int server, int cell);
    void finished();

private:
    static constexpr int BaselineCell = -1; // m_queue's cell index of ServerProbe::baseline
    static constexpr int GuardBaselineCell = -2;

    ProbeCell &slot(int server, int cell);
    void pump();
    void launch(int server, int cell);
    void finishIfDone();

    http::Engine *m_engine;
    Options m_options;
    QList<ServerProbe> m_servers;
    QList<QPair<int, int>> m_queue; // (server, cell or BaselineCell/GuardBaselineCell)
    QHash<QString, int> m_inFlight; // per host:port
    int m_outstanding = 0;
    bool m_finished = false;
};

} // namespace verbscope::diagnosis
