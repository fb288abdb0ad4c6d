// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/FakeServer.h"

#include <QHostAddress>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace verbscope::test {

namespace {
// Server side of TLS: every accepted connection starts its handshake before it is handed out.
class TlsTcpServer final : public QTcpServer
{
public:
    TlsTcpServer(const QByteArray &certificatePem, const QByteArray &keyPem, QObject *parent)
        : QTcpServer(parent)
        , m_certificate(certificatePem, QSsl::Pem)
        , m_key(keyPem, QSsl::Ec, QSsl::Pem)
    {
        if (m_key.isNull())
            m_key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setLocalCertificate(m_certificate);
        socket->setPrivateKey(m_key);
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        QSslConfiguration config = socket->sslConfiguration();
        config.setAllowedNextProtocols({ QSslConfiguration::NextProtocolHttp1_1 });
        socket->setSslConfiguration(config);
        socket->startServerEncryption();
        addPendingConnection(socket);
    }

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
};
} // namespace

FakeResponse FakeResponse::http(
    int status, const QByteArray &reason, const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    bool haveLength = false;
    for (const auto &h : headers) {
        out += h.first + ": " + h.second + "\r\n";
        haveLength = haveLength || h.first.compare("Content-Length", Qt::CaseInsensitive) == 0;
    }
    if (!haveLength)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n" + body;
    return bytes(out);
}

FakeServer::FakeServer(Responder responder, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_responder(std::move(responder))
{
    m_server->listen(QHostAddress::LocalHost, 0);
    connect(m_server, &QTcpServer::newConnection, this, &FakeServer::onConnection);
}

FakeServer::FakeServer(Responder responder, const QByteArray &certificatePem, const QByteArray &keyPem, QObject *parent)
    : QObject(parent)
    , m_server(new TlsTcpServer(certificatePem, keyPem, this))
    , m_responder(std::move(responder))
    , m_tls(true)
{
    m_server->listen(QHostAddress::LocalHost, 0);
    connect(m_server, &QTcpServer::newConnection, this, &FakeServer::onConnection);
}

FakeServer::~FakeServer() = default;

quint16 FakeServer::port() const
{
    return m_server->serverPort();
}

QString FakeServer::url(const QString &path) const
{
    return QStringLiteral("%1://127.0.0.1:%2%3")
        .arg(m_tls ? QLatin1String("https") : QLatin1String("http"))
        .arg(port())
        .arg(path);
}

void FakeServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        socket->setProperty("index", m_connections++);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { process(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            const QByteArray left = socket->property("buffer").toByteArray();
            if (!left.isEmpty())
                m_partial += left;
            socket->deleteLater();
        });
    }
}

void FakeServer::process(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        if (socket->property("busy").toBool())
            break;
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        FakeRequest req;
        req.head = buffer.left(end + 4);
        qint64 length = 0;
        for (const QByteArray &line : req.head.split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("content-length:"))
                length = l.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            break;
        req.body = buffer.mid(end + 4, length);
        req.raw = req.head + req.body;
        const QList<QByteArray> requestLine = req.head.left(req.head.indexOf("\r\n")).split(' ');
        req.method = requestLine.value(0);
        req.target = requestLine.value(1);
        req.connection = socket->property("index").toInt();
        buffer.remove(0, req.raw.size());
        m_requests.append(req);
        const FakeResponse response = m_responder(req);
        socket->setProperty("busy", true);
        socket->setProperty("buffer", buffer);
        respond(socket, response, 0);
        return;
    }
    socket->setProperty("buffer", buffer);
}

void FakeServer::respond(QTcpSocket *socket, const FakeResponse &response, int index)
{
    QPointer<QTcpSocket> guard(socket);
    if (index >= response.chunks.size()) {
        if (response.stall)
            return;
        if (response.close) {
            socket->flush();
            socket->disconnectFromHost();
            return;
        }
        socket->setProperty("busy", false);
        process(socket); // pipelined or already-buffered next request
        return;
    }
    const FakeResponse::Chunk &chunk = response.chunks.at(index);
    auto write = [this, guard, response, index] {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        guard->write(response.chunks.at(index).bytes);
        respond(guard, response, index + 1);
    };
    if (chunk.delayMs > 0)
        QTimer::singleShot(chunk.delayMs, this, write);
    else
        write();
}

} // namespace verbscope::test
