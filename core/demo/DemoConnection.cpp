// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/DemoConnection.h"

#include "core/demo/DemoRoutes.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpSocket>
#include <QTimer>

namespace verbscope::demo {

namespace {
// Streaming keeps at most about this much queued on the socket: memory stays bounded
// whatever the size of the body.
constexpr qint64 StreamHighWater = 512 * 1024;
constexpr qsizetype StreamChunk = 64 * 1024;

// Built once and reused, so a 2 GiB /large body costs no more memory than one chunk.
const QByteArray &patternChunk()
{
    static const QByteArray chunk = [] {
        const QByteArray line = "VerbScope demo large body: streamed as the socket drains.\n"; // 58 bytes
        QByteArray out;
        while (out.size() < StreamChunk)
            out += line;
        return out.left(StreamChunk);
    }();
    return chunk;
}

// Field names are case-insensitive (RFC 9110 §5.1): a route may spell "content-length" its own way.
qsizetype indexOf(const http::HeaderList &headers, const QByteArray &name)
{
    for (qsizetype i = 0; i < headers.size(); ++i)
        if (http::headerNameEquals(headers.at(i).name, name))
            return i;
    return -1;
}
} // namespace

// The 1 MiB read buffer is the back-pressure for pipelined requests (see onReadyRead); bytes that
// arrived before the socket was handed over get a deferred read, since readyRead will not fire again.
DemoConnection::DemoConnection(QTcpSocket *socket, Handler handler, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(std::move(handler))
    , m_dripTimer(new QTimer(this))
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(1024 * 1024);
    connect(m_socket, &QTcpSocket::readyRead, this, &DemoConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &DemoConnection::streamMore);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_closing = true;
        m_dripTimer->stop();
        Q_EMIT closed();
    });
    connect(m_dripTimer, &QTimer::timeout, this, &DemoConnection::dripNext);
    if (m_socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &DemoConnection::onReadyRead);
}

DemoConnection::~DemoConnection() = default;

void DemoConnection::shutdown()
{
    m_closing = true;
    m_streamLeft = 0;
    m_dripTimer->stop();
    m_socket->abort(); // closes the descriptor at once, unlike disconnectFromHost()
    deleteLater();
}

// IMF-fixdate (RFC 9110 §5.6.7) must not depend on the user's locale, hence QLocale::c().
QByteArray DemoConnection::httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

// Routes mimic real servers, so what they set keeps its position and spelling; only empty placeholders
// and missing framing fields are filled in. No Content-Length on 1xx, 204 (RFC 9110 §8.6) or 304.
QByteArray DemoConnection::head(const DemoResponse &response, qint64 bodySize, bool close)
{
    http::HeaderList headers = response.headers;
    if (const qsizetype i = indexOf(headers, "Date"); i < 0) {
        const qsizetype server = indexOf(headers, "Server");
        headers.insert(server + 1, { "Date", httpDate() });
    } else if (headers.at(i).value.isEmpty()) {
        headers[i].value = httpDate();
    }
    const bool noLength = response.status < 200 || response.status == 204 || response.status == 304;
    const qsizetype connection = indexOf(headers, "Connection");
    if (const qsizetype i = indexOf(headers, "Content-Length"); i >= 0) {
        if (headers.at(i).value.isEmpty())
            headers[i].value = QByteArray::number(bodySize);
    } else if (!noLength) {
        headers.insert(
            connection < 0 ? headers.size() : connection, { "Content-Length", QByteArray::number(bodySize) });
    }
    const QByteArray connectionValue = close ? "close" : "keep-alive";
    if (const qsizetype i = indexOf(headers, "Connection"); i >= 0)
        headers[i].value = connectionValue;
    else if (!(response.version == "HTTP/1.0" && close)) // HTTP/1.0 closes by default; Python says nothing
        headers.append({ "Connection", connectionValue });

    QByteArray out = response.version + ' ' + QByteArray::number(response.status) + ' ' + response.reason + "\r\n";
    for (const http::Header &h : std::as_const(headers))
        out += h.name + ": " + h.value + "\r\n";
    return out + "\r\n";
}

void DemoConnection::onReadyRead()
{
    if (m_closing) {
        m_socket->readAll();
        return;
    }
    // While an answer is pending, pipelined bytes stay in the socket, whose capped read
    // buffer then pushes back on the client instead of growing without bound.
    if (!m_busy)
        processBuffer();
}

// One request at a time: the next pipelined request is parsed only after the answer to this one is
// written (RFC 9112 §9.3.2: answers go out in request order). m_processing keeps finishResponse()
// from scheduling a second pass while this loop runs.
void DemoConnection::processBuffer()
{
    if (m_processing)
        return;
    m_processing = true;
    m_buffer += m_socket->readAll();
    while (!m_busy && !m_closing && !m_buffer.isEmpty()) {
        const RequestParser::Result result = m_parser.parse(m_buffer);
        if (result.state == RequestParser::State::NeedMore) {
            // RFC 9110 §10.1.1: a client waiting on Expect: 100-continue may hold back the body; answer once.
            const bool wantsContinue = result.headComplete && result.request.version == "HTTP/1.1"
                && result.request.header("Expect").toLower() == "100-continue";
            if (wantsContinue && !m_continueSent) {
                m_continueSent = true;
                write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            break;
        }
        m_continueSent = false;
        // After a framing error the rest of the buffer cannot be trusted, so it is dropped and the connection closes.
        if (result.state == RequestParser::State::Error) {
            m_buffer.clear();
            DemoRequest unparsed;
            unparsed.keepAlive = false;
            answer(unparsed, routes::protocolError(result.errorStatus, result.errorReason, result.errorDetail));
            break;
        }
        m_buffer.remove(0, result.consumed);
        const DemoRequest &request = result.request;
        DemoResponse response = m_handler(request);
        if (response.delayMs > 0) {
            m_busy = true;
            const int delay = response.delayMs;
            response.delayMs = 0;
            QTimer::singleShot(delay, this, [this, request, response] {
                if (!m_closing)
                    answer(request, response);
            });
            break;
        }
        answer(request, response);
    }
    m_processing = false;
}

// Picks one of four ways to send the body: none (HEAD, 1xx, 204, 304), streamed as the socket drains,
// dripped byte by byte on a timer, or written at once. Each path ends in finishResponse().
void DemoConnection::answer(const DemoRequest &request, const DemoResponse &response)
{
    m_busy = true;
    m_closeAfter = response.close || !request.keepAlive;
    const bool headOnly = request.method == "HEAD";
    const bool noBody = headOnly || response.status < 200 || response.status == 204 || response.status == 304;
    const qint64 bodySize = response.generatedBodySize >= 0 ? response.generatedBodySize : response.body.size();
    Q_EMIT handled(request.method, request.target, response.status);
    write(head(response, bodySize, m_closeAfter));
    if (noBody) {
        finishResponse();
    } else if (response.generatedBodySize >= 0) {
        m_streamLeft = response.generatedBodySize;
        streamMore();
    } else if (response.dripIntervalMs > 0 && !response.body.isEmpty()) {
        m_drip = response.body;
        m_dripPos = 0;
        m_dripTimer->start(response.dripIntervalMs);
    } else {
        write(response.body);
        finishResponse();
    }
}

void DemoConnection::write(const QByteArray &bytes)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_socket->write(bytes);
    Q_EMIT writeBuffered(m_socket->bytesToWrite());
}

// Called again on every bytesWritten: tops the socket up to StreamHighWater instead of queueing
// the whole generated body, which would defeat the point of /large.
void DemoConnection::streamMore()
{
    if (m_streamLeft <= 0)
        return;
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_streamLeft = 0;
        return;
    }
    while (m_streamLeft > 0 && m_socket->bytesToWrite() < StreamHighWater) {
        const qsizetype n = qsizetype(qMin<qint64>(m_streamLeft, StreamChunk));
        write(n == StreamChunk ? patternChunk() : patternChunk().left(n));
        m_streamLeft -= n;
    }
    if (m_streamLeft == 0)
        finishResponse();
}

void DemoConnection::dripNext()
{
    if (m_closing || m_dripPos >= m_drip.size()) {
        m_dripTimer->stop();
        return;
    }
    write(m_drip.mid(m_dripPos++, 1));
    if (m_dripPos == m_drip.size()) {
        m_dripTimer->stop();
        m_drip.clear();
        finishResponse();
    }
}

// Either closes (what the route or the client asked for) or resumes parsing pipelined requests.
void DemoConnection::finishResponse()
{
    m_busy = false;
    if (m_closeAfter) {
        m_closing = true;
        m_buffer.clear();
        m_socket->disconnectFromHost(); // after the queued bytes are written
        return;
    }
    // Pipelined requests that arrived while this answer was pending. Deferred so that a
    // long pipeline does not recurse through answer() and finishResponse().
    if (!m_processing && (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0))
        QTimer::singleShot(0, this, &DemoConnection::processBuffer);
}

} // namespace verbscope::demo
