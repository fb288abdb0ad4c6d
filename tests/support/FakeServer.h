// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace verbscope::test {

// One request as the fake server received it, byte for byte.
struct FakeRequest {
    QByteArray raw; // head + body exactly as received
    QByteArray head; // up to and including the blank line
    QByteArray body;
    QByteArray method;
    QByteArray target;
    int connection = 0; // which TCP connection (0-based) carried it
};

// What to write back: chunks, each after a delay, then keep the connection or close it.
struct FakeResponse {
    struct Chunk {
        int delayMs = 0;
        QByteArray bytes;
    };
    QList<Chunk> chunks;
    bool close = false; // close after the last chunk
    bool stall = false; // after the chunks, never write or close (the client must time out)

    static FakeResponse bytes(const QByteArray &b, bool close = false) { return { { { 0, b } }, close, false }; }
    static FakeResponse hangUp() { return { {}, true, false }; }
    static FakeResponse silence() { return { {}, false, true }; }
    // A well-formed response with Content-Length.
    static FakeResponse http(int status, const QByteArray &reason, const QList<QPair<QByteArray, QByteArray>> &headers,
        const QByteArray &body = {});
};

// QTcpServer on a loopback port 0 that answers with scripted bytes and records the exact
// request bytes: the only way to test what really went on the wire.
class FakeServer final : public QObject
{
    Q_OBJECT
public:
    using Responder = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeServer(Responder responder, QObject *parent = nullptr);
    // The same over TLS: each connection is a QSslSocket presenting this certificate and key (PEM).
    FakeServer(
        Responder responder, const QByteArray &certificatePem, const QByteArray &keyPem, QObject *parent = nullptr);
    ~FakeServer() override;

    quint16 port() const;
    QString url(const QString &path = QStringLiteral("/")) const;
    QList<FakeRequest> requests() const { return m_requests; }
    int connectionCount() const { return m_connections; }
    // Bytes received on connections that closed before a full request arrived.
    QByteArray partial() const { return m_partial; }

private:
    void onConnection();
    void process(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const FakeResponse &response, int index);

    QTcpServer *m_server;
    Responder m_responder;
    QList<FakeRequest> m_requests;
    QByteArray m_partial;
    int m_connections = 0;
    bool m_tls = false;
};

} // namespace verbscope::test
