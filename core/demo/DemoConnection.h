// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/demo/DemoResponse.h"
#include "core/demo/RequestParser.h"

#include <QObject>

#include <functional>

class QTcpSocket;
class QTimer;

namespace verbscope::demo {

// One client connection of the demo server: reads requests (pipelined ones wait their turn),
// asks the handler for an answer, frames it (Date, Content-Length, Connection) and writes it,
// later or byte by byte or streamed as the socket drains when the answer says so.
class DemoConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoConnection)
public:
    using Handler = std::function<DemoResponse(const DemoRequest &)>;

    // Takes ownership of the socket.
    DemoConnection(QTcpSocket *socket, Handler handler, QObject *parent = nullptr);
    ~DemoConnection() override;

    // Drops the connection now (server shutdown); the object deletes itself later.
    void shutdown();

    // Serialises the status line and headers, filling in what DemoResponse leaves to the connection.
    static QByteArray head(const DemoResponse &response, qint64 bodySize, bool close);
    static QByteArray httpDate();

Q_SIGNALS:
    void handled(const QByteArray &method, const QByteArray &target, int status);
    void writeBuffered(qint64 bytes); // unsent bytes queued on the socket after a write
    void closed();

private:
    void onReadyRead();
    void processBuffer();
    void answer(const DemoRequest &request, const DemoResponse &response);
    void write(const QByteArray &bytes);
    void streamMore();
    void dripNext();
    void finishResponse();

    QTcpSocket *m_socket;
    Handler m_handler;
    RequestParser m_parser;
    QByteArray m_buffer;
    QTimer *m_dripTimer;
    bool m_busy = false; // an answer is pending or being written: later requests wait
    bool m_processing = false; // inside processBuffer (finishResponse must not recurse into it)
    bool m_closeAfter = false;
    bool m_closing = false; // no more requests are read
    bool m_continueSent = false;
    qint64 m_streamLeft = 0;
    QByteArray m_drip;
    qsizetype m_dripPos = 0;
};

} // namespace verbscope::demo
