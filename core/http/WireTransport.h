// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Transport.h"

#include <QHash>
#include <QList>

class QTcpSocket;

namespace verbscope::http {

// Byte-exact HTTP/1.1 on QTcpSocket/QSslSocket (fidelity "wire"): writes the request line,
// target and headers exactly as given (adding only Host and Content-Length when absent), reads
// the answer with ResponseParser, and never re-sends a request. Idle keep-alive connections are
// pooled per origin and proxy so that a probe's many requests share one connection.
class WireTransport final : public Transport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WireTransport)
public:
    explicit WireTransport(QObject *parent = nullptr);
    ~WireTransport() override;

    Fidelity fidelity() const override { return Fidelity::Wire; }
    TransportJob *start(const HopRequest &request, HopObserver *observer) override;

    // The request-target as typed: path and query of the URL text, no normalisation.
    // Empty path gives "/". `absolute` gives the absolute form (through an HTTP proxy).
    static QByteArray requestTarget(const QString &urlText, bool absolute, bool encode = true);

    // Connection pool, used by the jobs.
    QTcpSocket *takeIdle(const QString &key);
    void putIdle(const QString &key, QTcpSocket *socket);
    int idleCount() const;

private:
    void dropIdle(QTcpSocket *socket);
    QHash<QString, QList<QTcpSocket *>> m_idle;
};

} // namespace verbscope::http
