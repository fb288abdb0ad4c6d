// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnosis/Verdict.h"

namespace verbscope::http {
struct Exchange;
}

namespace verbscope::diagnosis {

struct ServerHint;

// What one exchange says on its own: the verdict, who answered, the Allow header.
struct Classification {
    Verdict verdict = Verdict::Other;
    Party answeredBy = Party::Unknown;
    QString server; // the Server header as received
    const ServerHint *serverHint = nullptr; // the product that answered (origin, proxy or CDN)
    const ServerHint *proxyHint = nullptr; // a proxy or CDN seen in the path
    QString proxy; // its name, or the Via value when unnamed
    QStringList via;
    AllowState allowState = AllowState::NotApplicable;
    QList<QByteArray> allow;
    QStringList evidence; // "status line: HTTP/1.1 405 Not Allowed", "Via: 1.1 squid"…
    // One sentence: who answered and on what evidence, or, for Party::Unknown, what was ambiguous.
    QString attribution;
    // The Server header an origin's own error page arrived under when they name different products
    // (nginx's page under "Server: edge-cache"): something in front replaced the header. Else empty.
    QString relayedUnder;
};

// Maps an exchange to a method-support verdict and says who answered, using the status,
// the headers and the server fingerprints of the knowledge base. Pure: no network.
class Classifier
{
public:
    static Classification classify(const http::Exchange &exchange);
    // classify(exchange).verdict, without identifying the server when the status alone decides it
    // (the history stores only the verdict; identifying compiles the knowledge base's regexes).
    static Verdict verdict(const http::Exchange &exchange);
    // What a status says once it is known who answered (gateway errors are the proxy's or the server's).
    static Verdict verdictFor(int status, Party answeredBy);
    // "127.0.0.1:8080": the address the answer came from, as the attribution names it.
    static QString serverAddress(const http::Exchange &exchange);
};

} // namespace verbscope::diagnosis
