// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/WireTransport.h"

#include "core/http/HttpSyntax.h"
#include "core/http/ProxyResolver.h"
#include "core/http/ResponseParser.h"
#include "core/http/Secrets.h"
#include "core/http/TlsSummary.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkProxy>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace verbscope::http {

namespace {

constexpr int MaxIdlePerOrigin = 6;
constexpr qint64 MaxIdleAgeMs = 60'000;
constexpr qint64 FileChunk = 256 * 1024;
constexpr qint64 SentBodyKept = 1 << 20;

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// Host per RFC 9110 §7.2: the punycode (ACE) name, IPv6 literals in brackets, the port only when the
// URL spells one.
QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = QUrl::toAce(url.host());
    if (host.isEmpty())
        host = url.host().toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    return host;
}

// The port the connection uses, also part of the pool key, so http://h and http://h:80 share connections.
quint16 defaultPort(const QUrl &url)
{
    return quint16(url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80));
}

// Position (1-based) and description of the first CR, LF or NUL, or an empty string.
// Only CR, LF and NUL are refused here: they would end the line early (request smuggling); every other
// oddity is the user's to send, that being the point of the wire transport.
QString findForbiddenText(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == u'\r' || c == u'\n' || c == 0)
            return QStringLiteral("character %1 is %2").arg(i + 1).arg(describeByte(static_cast<unsigned char>(c)));
    }
    return {};
}

QString findForbidden(QByteArrayView bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\r' || c == '\n' || c == '\0')
            return QStringLiteral("character %1 is %2").arg(i + 1).arg(describeByte(static_cast<unsigned char>(c)));
    }
    return {};
}

enum class Phase {
    Starting,
    Resolving,
    Connecting,
    Tunneling,
    Handshaking,
    Sending,
    Waiting,
    ReadingHead,
    ReadingBody
};

// One hop on one connection. m_phase drives the timeout and error messages, so the user learns where
// it stopped (DNS, connect, CONNECT, TLS, send, head, body). Deletes itself after hopFinished().
class WireJob final : public TransportJob
{
public:
    WireJob(WireTransport *owner, const HopRequest &request, HopObserver *observer)
        : TransportJob(owner)
        , m_owner(owner)
        , m_request(request)
        , m_observer(observer)
    {
        m_clock.start();
        m_idle.setSingleShot(true);
        m_idle.setInterval(std::max(1, request.options.idleTimeoutMs));
        connect(&m_idle, &QTimer::timeout, this, &WireJob::onIdleTimeout);
        QMetaObject::invokeMethod(this, &WireJob::begin, Qt::QueuedConnection);
    }

    ~WireJob() override
    {
        if (m_lookupId >= 0)
            QHostInfo::abortHostLookup(m_lookupId);
    }

    void abort(ErrorKind kind, const QString &message) override
    {
        if (m_done)
            return;
        m_hop.error = { kind, message };
        complete();
    }

private:
    void begin();
    bool buildRequest();
    void lookup();
    void openSocket();
    void connectNext();
    void onConnected();
    void startTls();
    void send();
    void pumpBody();
    void onBytesWritten(qint64 n);
    void onReadyRead();
    void readBodyDirect();
    void onClosed();
    void onError(QAbstractSocket::SocketError code);
    void onSslErrors(const QList<QSslError> &errors);
    void onIdleTimeout();
    void handle(const QList<ParseEvent> &events);
    void handleTunnel(const QList<ParseEvent> &events);
    void fail(ErrorKind kind, const QString &message);
    void complete();
    void attach(QTcpSocket *socket);
    void progress() { m_idle.start(); }
    QSslSocket *ssl() const { return qobject_cast<QSslSocket *>(m_socket); }
    QString where() const { return QStringLiteral("%1:%2").arg(m_connectHost).arg(m_connectPort); }
    // "Basic …" for an HTTP proxy whose URL carries a user name, as curl sends it; empty otherwise.
    QByteArray proxyAuthorization() const
    {
        const QUrl proxyUrl(m_proxy);
        if (!m_httpProxy || proxyUrl.userName().isEmpty())
            return {};
        return "Basic "
            + (proxyUrl.userName(QUrl::FullyDecoded) + QLatin1Char(':') + proxyUrl.password(QUrl::FullyDecoded))
                  .toUtf8()
                  .toBase64();
    }

    WireTransport *m_owner;
    HopRequest m_request;
    HopObserver *m_observer;
    Hop m_hop;
    QElapsedTimer m_clock;
    QTimer m_idle;
    Phase m_phase = Phase::Starting;

    QString m_key; // pool key: origin and proxy
    QString m_proxy; // normalised proxy URL, empty when direct
    bool m_https = false;
    bool m_httpProxy = false; // an HTTP proxy: absolute-form target, CONNECT for https
    bool m_socks = false;
    QString m_connectHost; // where the TCP connection goes (origin or proxy)
    quint16 m_connectPort = 0;
    QList<QHostAddress> m_addresses;
    qsizetype m_nextAddress = 0;
    int m_lookupId = -1;

    QTcpSocket *m_socket = nullptr;
    bool m_reused = false;
    QByteArray m_head; // request head as written
    QFile *m_bodyFile = nullptr;
    qint64 m_bodySize = 0;
    qint64 m_toWrite = 0; // head + body
    qint64 m_queued = 0; // handed to the socket so far
    qint64 m_written = 0; // confirmed by bytesWritten
    bool m_requestSaysClose = false;

    ResponseParser m_parser;
    ResponseParser m_tunnelParser;
    bool m_firstByte = false;
    bool m_stopped = false; // the observer refused more body
    bool m_done = false;
    QByteArray m_bodyBuffer; // reused by readBodyDirect
    QStringList m_tlsErrors;
    std::optional<TlsInfo> m_tls;
    QStringList m_warnings;
};

void WireJob::begin()
{
    if (m_done)
        return;
    // The engine validated the request already; the wire is where a mistake would become an injection.
    if (const QString bad = findForbiddenText(m_request.urlText); !bad.isEmpty())
        return fail(ErrorKind::InvalidRequest, QStringLiteral("request target: URL %1, which cannot be sent").arg(bad));
    if (const QString bad = findForbidden(QByteArrayView(m_request.method)); !bad.isEmpty())
        return fail(ErrorKind::InvalidRequest, QStringLiteral("method: %1, which cannot be sent").arg(bad));
    for (const Header &h : std::as_const(m_request.headers)) {
        if (const QString bad = findForbidden(QByteArray(h.name + h.value)); !bad.isEmpty())
            return fail(ErrorKind::InvalidRequest,
                QStringLiteral("header \"%1\": %2, which cannot be sent").arg(escapeBytes(h.name), bad));
    }
    const QUrl &url = m_request.url;
    m_https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    m_proxy = resolveProxy(url, m_request.options.proxy, m_request.options.useEnvironmentProxy);
    const QUrl proxyUrl(m_proxy);
    m_socks = !m_proxy.isEmpty() && proxyUrl.scheme().startsWith(QLatin1String("socks"));
    m_httpProxy = !m_proxy.isEmpty() && !m_socks;
    if (m_httpProxy) {
        m_connectHost = proxyUrl.host();
        m_connectPort = quint16(proxyUrl.port(1080));
    } else {
        m_connectHost = url.host();
        m_connectPort = defaultPort(url);
    }
    m_key = url.scheme().toLower() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':')
        + QString::number(defaultPort(url)) + QLatin1Char('|') + m_proxy
        + (m_https && !m_request.options.verifyTls ? QStringLiteral("|insecure") : QString());
    // (a connection whose certificate errors were ignored is never reused by a request that verifies)
    if (!buildRequest())
        return;
    m_parser.setRequestMethod(m_request.method);

    if (QTcpSocket *idle = m_owner->takeIdle(m_key)) {
        m_reused = true;
        m_tlsErrors = idle->property("verbscopeTlsErrors").toStringList(); // from its handshake
        attach(idle);
        send();
        return;
    }
    if (m_socks || !QHostAddress(m_connectHost).isNull()) {
        if (!m_socks)
            m_addresses = { QHostAddress(m_connectHost) };
        openSocket();
    } else {
        lookup();
    }
}

// Host goes first (RFC 9110 §7.2 asks user agents to send it first); the user's headers follow in
// their order and spelling. A mismatching user Content-Length is sent as given, with a warning,
// because reproducing broken framing is a legitimate thing to debug.
bool WireJob::buildRequest()
{
    const bool absolute = m_httpProxy && !m_https;
    const bool encode = m_request.options.encodeUrl;
    m_hop.request.target = WireTransport::requestTarget(m_request.urlText, absolute, encode);
    if (m_hop.request.target.isEmpty()) {
        fail(ErrorKind::InvalidRequest, QStringLiteral("URL \"%1\" has no request target").arg(m_request.urlText));
        return false;
    }
    const QString typed = m_request.urlText.left(m_request.urlText.indexOf(QLatin1Char('#')));
    if (std::any_of(typed.begin(), typed.end(), [](QChar c) { return c.unicode() <= 0x20 || c.unicode() >= 0x7f; }))
        m_warnings << (encode ? QStringLiteral("characters of the URL that cannot go on the wire as they are (spaces, "
                                               "non-ASCII) were percent-encoded in the request target")
                              : QStringLiteral("the request target was sent as typed, with spaces or non-ASCII bytes "
                                               "that are not valid in it (@no-auto-encoding)"));

    if (!m_request.bodyFile.isEmpty()) {
        m_bodyFile = new QFile(m_request.bodyFile, this);
        if (!m_bodyFile->open(QIODevice::ReadOnly)) {
            fail(ErrorKind::Io,
                QStringLiteral("cannot read body file \"%1\": %2").arg(m_request.bodyFile, m_bodyFile->errorString()));
            return false;
        }
        m_bodySize = m_bodyFile->size();
    } else if (m_request.hasBody) {
        m_bodySize = m_request.body.size();
    }
    const bool hasBody = m_request.hasBody || m_bodyFile;

    HeaderList sent;
    if (!hasHeader(m_request.headers, "Host"))
        sent.append({ "Host", hostHeader(m_request.url) });
    sent += m_request.headers;
    if (hasBody && !hasHeader(m_request.headers, "Content-Length"))
        sent.append({ "Content-Length", QByteArray::number(m_bodySize) });
    for (const QByteArray &given : headerValues(m_request.headers, "Content-Length"))
        if (given.trimmed() != QByteArray::number(m_bodySize))
            m_warnings << QStringLiteral("Content-Length was given as \"%1\" but the body has %2 bytes: sent as given")
                              .arg(QString::fromLatin1(given))
                              .arg(m_bodySize);
    for (const QByteArray &v : headerValues(m_request.headers, "Connection"))
        m_requestSaysClose = m_requestSaysClose || v.toLower().contains("close");

    QByteArray head = m_request.method + ' ' + m_hop.request.target + " HTTP/1.1\r\n";
    for (const Header &h : std::as_const(sent))
        head += h.name + ": " + h.value + "\r\n";
    // Credentials in the proxy URL go to the proxy as Proxy-Authorization, like curl. The record
    // shows the header with the credentials hidden: an exchange never holds the proxy's password.
    QByteArray recordedHead = head;
    const QByteArray proxyAuth = absolute ? proxyAuthorization() : QByteArray();
    if (!proxyAuth.isEmpty() && !hasHeader(m_request.headers, "Proxy-Authorization")) {
        head += "Proxy-Authorization: " + proxyAuth + "\r\n";
        recordedHead += "Proxy-Authorization: Basic ****\r\n";
        sent.append(Header { "Proxy-Authorization", "Basic ****" });
    }
    head += "\r\n";
    recordedHead += "\r\n";
    m_head = head;

    SentRequest &record = m_hop.request;
    record.method = m_request.method;
    record.url = m_request.urlText;
    record.headers = sent;
    record.rawHead = recordedHead;
    record.bodySize = hasBody ? m_bodySize : 0;
    record.body = m_request.body.left(SentBodyKept);
    record.proxy = redactUrl(m_proxy); // the record never holds the proxy's password
    m_toWrite = head.size() + (hasBody ? m_bodySize : 0);
    return true;
}

// Asynchronous so the idle timer can report a slow DNS; connectNext() walks the addresses in order.
void WireJob::lookup()
{
    m_phase = Phase::Resolving;
    progress();
    m_lookupId = QHostInfo::lookupHost(m_connectHost, this, [this](const QHostInfo &info) {
        m_lookupId = -1;
        if (m_done)
            return;
        m_hop.timings.dns = msSince(m_clock);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
            return fail(ErrorKind::Dns,
                QStringLiteral("cannot resolve host \"%1\": %2").arg(m_connectHost, info.errorString()));
        m_addresses = info.addresses();
        openSocket();
    });
}

// ALPN offers only http/1.1: this transport writes HTTP/1.1 bytes and cannot speak h2. The peer name
// is the origin's even through a proxy, so SNI and certificate checks name the right host.
void WireJob::openSocket()
{
    QTcpSocket *socket = nullptr;
    if (m_https) {
        auto *sslSocket = new QSslSocket(this);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setAllowedNextProtocols({ QSslConfiguration::NextProtocolHttp1_1 });
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        sslSocket->setSslConfiguration(tls);
        sslSocket->setPeerVerifyName(m_request.url.host());
        connect(sslSocket, &QSslSocket::encrypted, this, [this] {
            m_hop.timings.tls = msSince(m_clock);
            m_tls = summarizeTls(ssl()->sslConfiguration(), m_tlsErrors, !m_request.options.verifyTls);
            send();
        });
        connect(sslSocket, &QSslSocket::sslErrors, this, &WireJob::onSslErrors);
        socket = sslSocket;
    } else {
        socket = new QTcpSocket(this);
    }
    if (m_socks) {
        const QUrl proxyUrl(m_proxy);
        socket->setProxy(QNetworkProxy(QNetworkProxy::Socks5Proxy, proxyUrl.host(), quint16(proxyUrl.port(1080)),
            proxyUrl.userName(), proxyUrl.password()));
    } else {
        socket->setProxy(QNetworkProxy::NoProxy);
    }
    attach(socket);
    connect(socket, &QTcpSocket::connected, this, &WireJob::onConnected);
    connectNext();
}

void WireJob::connectNext()
{
    m_phase = Phase::Connecting;
    // @connection-timeout: connecting has its own limit; the idle timeout is back once connected.
    if (m_request.options.connectTimeoutMs > 0)
        m_idle.setInterval(m_request.options.connectTimeoutMs);
    progress();
    if (m_socks) {
        m_socket->connectToHost(m_request.url.host(), defaultPort(m_request.url));
        return;
    }
    m_socket->connectToHost(m_addresses.at(m_nextAddress++), m_connectPort);
}

void WireJob::attach(QTcpSocket *socket)
{
    m_socket = socket;
    socket->setParent(this);
    // Bounded memory: everything available is read on each readyRead anyway. Over TLS, larger
    // reads cost more than they save, measured: Qt allocates and frees a buffer of this size for
    // every batch it decrypts (from 128 KiB, glibc's mmap threshold, each free went back to the
    // kernel: a 200 MB download 3x slower), and it appends all it read to OpenSSL's memory BIO,
    // whose unread backlog is moved on every write (1 MiB reads with glibc tuned to keep the
    // buffers: a 1 GiB download 5x slower than curl). At 64 KiB it is as fast as curl.
    socket->setReadBufferSize(qobject_cast<QSslSocket *>(socket) ? (64 << 10) : (1 << 20));
    connect(socket, &QTcpSocket::readyRead, this, &WireJob::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &WireJob::onBytesWritten);
    connect(socket, &QTcpSocket::disconnected, this, &WireJob::onClosed);
    connect(socket, &QTcpSocket::errorOccurred, this, &WireJob::onError);
}

// Through an HTTP proxy, https needs a CONNECT tunnel first (RFC 9110 §9.3.6), with the authority-form
// target host:port (RFC 9112 §3.2.3); plain http goes to the proxy with an absolute-form target instead.
void WireJob::onConnected()
{
    m_hop.timings.connect = msSince(m_clock);
    m_idle.setInterval(std::max(1, m_request.options.idleTimeoutMs));
    if (m_httpProxy && m_https) {
        // A tunnel through the proxy; the origin request goes inside TLS afterwards.
        m_phase = Phase::Tunneling;
        progress();
        const QByteArray authority = hostHeader(m_request.url).contains(':')
            ? hostHeader(m_request.url)
            : hostHeader(m_request.url) + ':' + QByteArray::number(defaultPort(m_request.url));
        m_tunnelParser.setRequestMethod("CONNECT");
        const QByteArray auth = proxyAuthorization();
        m_socket->write("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n"
            + (auth.isEmpty() ? QByteArray() : "Proxy-Authorization: " + auth + "\r\n") + "\r\n");
        return;
    }
    if (m_https)
        return startTls();
    send();
}

void WireJob::startTls()
{
    m_phase = Phase::Handshaking;
    progress();
    ssl()->startClientEncryption();
}

void WireJob::onSslErrors(const QList<QSslError> &errors)
{
    for (const QSslError &e : errors)
        m_tlsErrors << e.errorString();
    m_tls = summarizeTls(ssl()->sslConfiguration(), m_tlsErrors, !m_request.options.verifyTls);
    if (!m_request.options.verifyTls)
        ssl()->ignoreSslErrors();
}

void WireJob::send()
{
    if (m_done)
        return;
    m_phase = Phase::Sending;
    progress();
    // Written once, here; nothing below ever writes this request again.
    if (m_bodyFile) {
        m_queued = m_socket->write(m_head);
        pumpBody();
    } else {
        const QByteArray bytes = m_request.hasBody ? m_head + m_request.body : m_head;
        m_queued = m_socket->write(bytes);
    }
    if (m_queued < 0)
        fail(ErrorKind::Io, QStringLiteral("cannot write the request: %1").arg(m_socket->errorString()));
}

// A body file is fed in FileChunk pieces as the socket drains, so a large upload never sits in memory.
void WireJob::pumpBody()
{
    while (m_bodyFile && m_queued < m_toWrite && m_socket->bytesToWrite() < FileChunk) {
        const QByteArray chunk = m_bodyFile->read(FileChunk);
        if (chunk.isEmpty())
            return fail(ErrorKind::Io,
                QStringLiteral("cannot read body file \"%1\": %2 (the request was cut short)")
                    .arg(m_request.bodyFile, m_bodyFile->errorString()));
        m_queued += m_socket->write(chunk);
    }
}

// "sent" is timed when the socket confirms the last byte, not when it was queued.
void WireJob::onBytesWritten(qint64 n)
{
    if (m_done || m_phase < Phase::Sending)
        return; // the CONNECT line or a TLS handshake, not the request
    m_written += n;
    progress();
    pumpBody();
    if (m_written >= m_toWrite && !m_hop.timings.sent) {
        m_hop.timings.sent = msSince(m_clock);
        if (m_phase == Phase::Sending)
            m_phase = Phase::Waiting;
    }
}

// Once the head is in, plain body bytes bypass the parser (readBodyDirect); data before the request is
// sent is still parsed, because a server may answer early (e.g. 413 before reading the body).
void WireJob::onReadyRead()
{
    if (m_done)
        return;
    if (m_phase == Phase::ReadingBody)
        readBodyDirect();
    if (m_done || m_socket->bytesAvailable() <= 0)
        return;
    const QByteArray data = m_socket->readAll();
    if (data.isEmpty())
        return;
    progress();
    if (m_phase == Phase::Tunneling)
        return handleTunnel(m_tunnelParser.feed(data));
    if (m_phase == Phase::Handshaking || m_phase == Phase::Connecting)
        return;
    if (!m_firstByte) {
        m_firstByte = true;
        m_hop.timings.firstByte = msSince(m_clock);
        if (m_phase == Phase::Sending || m_phase == Phase::Waiting)
            m_phase = Phase::ReadingHead;
    }
    handle(m_parser.feed(data));
}

// Body bytes go from the socket into one reused buffer and on to the observer, without the
// parser's copies (readAll, its buffer, one QByteArray per event): a 200 MB download took 1.7 s
// that way against 0.5 s for curl. Whatever is not plain body data (chunk lines, trailers, bytes
// after the response) still goes through the parser.
void WireJob::readBodyDirect()
{
    constexpr qint64 BufferSize = 1 << 20;
    while (!m_done && !m_stopped && m_socket->bytesAvailable() > 0) {
        const qint64 room = m_parser.directBodyRoom();
        if (room <= 0)
            return;
        // Sized to what can come: a small body does not cost a 1 MiB allocation.
        const qint64 want = std::min({ room, BufferSize, std::max(m_socket->bytesAvailable(), qint64(64 << 10)) });
        if (m_bodyBuffer.size() < want)
            m_bodyBuffer.resize(want);
        const qint64 n = m_socket->read(m_bodyBuffer.data(), std::min<qint64>(room, m_bodyBuffer.size()));
        if (n <= 0)
            return;
        progress();
        QList<ParseEvent> after = m_parser.bodyDelivered(n);
        // Bytes already there after a complete response are counted now, so the record's warning
        // about them is the same whichever way the body came.
        if (m_parser.isComplete() && m_socket->bytesAvailable() > 0)
            after += m_parser.feed(m_socket->readAll());
        if (!m_observer->hopBody(QByteArrayView(m_bodyBuffer.constData(), n))) {
            m_stopped = true; // the observer reports why (disk full…)
            return complete();
        }
        handle(after);
    }
}

// Any 2xx to CONNECT opens the tunnel (RFC 9110 §9.3.6); anything else is the proxy's refusal and the
// origin request is never written.
void WireJob::handleTunnel(const QList<ParseEvent> &events)
{
    for (const ParseEvent &e : events) {
        if (m_done)
            return;
        if (e.type == ParseEvent::Type::Head && (e.head.status < 200 || e.head.status >= 300)) {
            m_warnings << QStringLiteral("the proxy's answer to CONNECT: %1").arg(escapeBytes(e.head.rawHead));
            return fail(ErrorKind::Protocol,
                QStringLiteral("the proxy %1 refused the tunnel to %2: \"%3 %4\"; the request was not sent")
                    .arg(redactUrl(m_proxy), QString::fromLatin1(hostHeader(m_request.url)))
                    .arg(e.head.status)
                    .arg(QString::fromLatin1(e.head.reason)));
        }
        if (e.type == ParseEvent::Type::Error)
            return fail(e.errorKind, QStringLiteral("the proxy's answer to CONNECT: %1").arg(e.message));
        if (e.type == ParseEvent::Type::Complete)
            return startTls();
    }
}

// A close before any response byte is reported, never retried: Qt re-sends in that case (even POST),
// which a debugger must not do.
void WireJob::handle(const QList<ParseEvent> &events)
{
    for (const ParseEvent &e : events) {
        if (m_done)
            return;
        switch (e.type) {
        case ParseEvent::Type::Informational:
            m_hop.response.informational.append(e.head);
            m_observer->hopInformational(e.head);
            break;
        case ParseEvent::Type::Head:
            m_phase = Phase::ReadingBody;
            m_hop.response.received = true;
            m_hop.response.head = e.head;
            m_observer->hopHead(e.head);
            break;
        case ParseEvent::Type::Body:
            if (!m_stopped && !m_observer->hopBody(e.data)) {
                m_stopped = true; // the observer reports why (disk full…)
                return complete();
            }
            break;
        case ParseEvent::Type::Complete: return complete();
        case ParseEvent::Type::Error:
            if (e.errorKind == ErrorKind::Closed && !m_parser.receivedAnything()) {
                QString msg = QStringLiteral("the server closed the connection before answering; "
                                             "the request was sent once and not repeated");
                if (m_written < m_toWrite)
                    msg += QStringLiteral(" (%1 of its %2 bytes were accepted by the socket)")
                               .arg(m_written)
                               .arg(m_toWrite);
                if (m_reused)
                    msg += QStringLiteral(" (it went on a reused keep-alive connection)");
                return fail(ErrorKind::Closed, msg);
            }
            return fail(e.errorKind, e.message);
        }
    }
}

// A close while the body is read without length is the normal end of a response (RFC 9112 §6.3), so
// the parser decides whether it was complete.
void WireJob::onClosed()
{
    if (m_done)
        return;
    switch (m_phase) {
    case Phase::Connecting:
        return fail(ErrorKind::Closed, QStringLiteral("the connection to %1 closed while connecting").arg(where()));
    case Phase::Tunneling:
        return fail(ErrorKind::Closed,
            QStringLiteral("the proxy %1 closed the connection during CONNECT").arg(redactUrl(m_proxy)));
    case Phase::Handshaking:
        return fail(ErrorKind::Tls,
            QStringLiteral("the server closed the connection during the TLS handshake%1")
                .arg(m_tlsErrors.isEmpty() ? QString() : QStringLiteral(": ") + m_tlsErrors.join(QLatin1String("; "))));
    default: break;
    }
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (!m_done)
        handle(m_parser.finish());
}

// Refused or unreachable addresses fall through to the next one from DNS before
// the connect is reported as failed.
void WireJob::onError(QAbstractSocket::SocketError code)
{
    if (m_done)
        return;
    using E = QAbstractSocket::SocketError;
    const QString text = m_socket->errorString();
    switch (code) {
    case E::RemoteHostClosedError: return onClosed();
    case E::SocketTimeoutError: return; // our own idle timer decides
    case E::ConnectionRefusedError:
    case E::NetworkError:
    case E::HostNotFoundError:
        if (m_phase == Phase::Connecting && m_nextAddress < m_addresses.size()) {
            m_socket->abort();
            return connectNext();
        }
        if (code == E::HostNotFoundError)
            return fail(
                ErrorKind::Dns, QStringLiteral("cannot resolve host \"%1\": %2").arg(m_request.url.host(), text));
        if (code == E::ConnectionRefusedError)
            return fail(ErrorKind::Refused,
                QStringLiteral("connection refused by %1%2")
                    .arg(where(), m_httpProxy ? QStringLiteral(" (the proxy)") : QString()));
        break;
    case E::ProxyConnectionRefusedError:
        return fail(ErrorKind::Refused,
            QStringLiteral("the proxy %1 refused the connection: %2").arg(redactUrl(m_proxy), text));
    case E::SslHandshakeFailedError:
        if (!m_tlsErrors.isEmpty() && m_request.options.verifyTls)
            return fail(ErrorKind::Tls,
                QStringLiteral("TLS certificate of %1 not accepted: %2 (-k/--insecure connects anyway)")
                    .arg(m_request.url.host(), m_tlsErrors.join(QLatin1String("; "))));
        return fail(ErrorKind::Tls, QStringLiteral("TLS handshake with %1 failed: %2").arg(where(), text));
    default: break;
    }
    if (m_phase == Phase::Handshaking)
        return fail(ErrorKind::Tls, QStringLiteral("TLS handshake with %1 failed: %2").arg(where(), text));
    if (m_phase == Phase::Connecting)
        return fail(ErrorKind::Other, QStringLiteral("cannot connect to %1: %2").arg(where(), text));
    // A reset after the head or body started is a cut-off response, not a new kind of failure.
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (!m_done && m_phase >= Phase::Sending) {
        const QList<ParseEvent> events = m_parser.finish();
        if (!events.isEmpty() && events.first().type == ParseEvent::Type::Error && m_parser.receivedAnything())
            return fail(ErrorKind::Closed, events.first().message + QStringLiteral(" (%1)").arg(text));
        if (!events.isEmpty() && events.first().type == ParseEvent::Type::Complete)
            return complete();
        return handle(events);
    }
    if (!m_done)
        fail(ErrorKind::Other, text);
}

// The idle timer restarts on every bit of progress, so this is an inactivity timeout per phase,
// not a total deadline.
void WireJob::onIdleTimeout()
{
    if (m_done)
        return;
    const int ms = m_idle.interval();
    QString message;
    switch (m_phase) {
    case Phase::Starting:
    case Phase::Resolving:
        message = QStringLiteral("no DNS answer for \"%1\" within %2 ms").arg(m_connectHost).arg(ms);
        break;
    case Phase::Connecting:
        message = QStringLiteral("could not connect to %1 within %2 ms (connect timeout)").arg(where()).arg(ms);
        break;
    case Phase::Tunneling:
        message
            = QStringLiteral("the proxy %1 did not answer the CONNECT within %2 ms").arg(redactUrl(m_proxy)).arg(ms);
        break;
    case Phase::Handshaking:
        message = QStringLiteral("the TLS handshake with %1 did not complete within %2 ms").arg(where()).arg(ms);
        break;
    case Phase::Sending:
        message = QStringLiteral("the server accepted no request bytes for %1 ms (%2 of %3 bytes written)")
                      .arg(ms)
                      .arg(m_written)
                      .arg(m_toWrite);
        break;
    case Phase::Waiting:
        message = QStringLiteral("no response for %1 ms after the request was sent (idle timeout)").arg(ms);
        break;
    case Phase::ReadingHead:
        message = QStringLiteral("no data for %1 ms in the middle of the response head (idle timeout)").arg(ms);
        break;
    case Phase::ReadingBody:
        message = QStringLiteral("no data for %1 ms while reading the body, after %2 body bytes (idle timeout)")
                      .arg(ms)
                      .arg(m_parser.bodyBytes());
        break;
    }
    fail(ErrorKind::Timeout, message);
}

void WireJob::fail(ErrorKind kind, const QString &message)
{
    if (m_done)
        return;
    m_hop.error = { kind, message };
    complete();
}

// The connection goes back to the pool only when the exchange ended cleanly and nothing is left
// unread: any doubt about where the next response starts means a fresh connection.
void WireJob::complete()
{
    if (m_done)
        return;
    m_done = true;
    m_idle.stop();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    m_hop.timings.total = msSince(m_clock);
    if (m_tls)
        m_hop.tls = *m_tls;
    else if (m_https && ssl())
        m_hop.tls = summarizeTls(ssl()->sslConfiguration(), m_tlsErrors, !m_request.options.verifyTls);
    if (m_reused && ssl())
        m_hop.tls = summarizeTls(ssl()->sslConfiguration(), m_tlsErrors, !m_request.options.verifyTls);
    m_hop.response.trailers = m_parser.trailers();
    m_hop.response.rawTrailers = m_parser.rawTrailers();
    m_hop.warnings = m_warnings + m_parser.warnings();

    if (m_socket) {
        m_socket->disconnect(this);
        const bool reusable = !m_hop.error.isError() && !m_stopped && m_parser.isComplete() && m_parser.keepAlive()
            && !m_requestSaysClose && m_written >= m_toWrite && m_socket->state() == QAbstractSocket::ConnectedState
            && m_socket->bytesAvailable() == 0;
        if (reusable) {
            m_socket->setProperty("verbscopeTlsErrors", m_tlsErrors);
            m_owner->putIdle(m_key, m_socket);
        } else {
            m_socket->abort();
        }
        m_socket = nullptr;
    }
    HopObserver *observer = m_observer;
    Hop hop = std::move(m_hop);
    deleteLater();
    observer->hopFinished(std::move(hop));
}

} // namespace

WireTransport::WireTransport(QObject *parent)
    : Transport(parent)
{ }

WireTransport::~WireTransport() = default;

// Cut from the URL text rather than from QUrl, which normalises dot segments and re-encodes '%'
// (see QT-FACTS A1): the target goes out as typed.
QByteArray WireTransport::requestTarget(const QString &urlText, bool absolute, bool encode)
{
    const qsizetype schemeEnd = urlText.indexOf(QLatin1String("://"));
    if (schemeEnd < 0)
        return {};
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype authorityEnd = urlText.size();
    for (const QChar c : { QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#') }) {
        const qsizetype i = urlText.indexOf(c, authorityStart);
        if (i >= 0 && i < authorityEnd)
            authorityEnd = i;
    }
    qsizetype end = urlText.indexOf(QLatin1Char('#'), authorityEnd);
    if (end < 0)
        end = urlText.size();
    QString target = urlText.mid(authorityEnd, end - authorityEnd);
    if (!target.startsWith(QLatin1Char('/')))
        target.prepend(QLatin1Char('/'));
    if (absolute) {
        QString authority = urlText.mid(authorityStart, authorityEnd - authorityStart);
        if (const qsizetype at = authority.lastIndexOf(QLatin1Char('@')); at >= 0)
            authority.remove(0, at + 1); // credentials never go into a proxied request line
        target.prepend(urlText.left(authorityStart) + authority);
    }
    // Bytes that cannot appear on the wire at all are percent-encoded; everything else is as typed.
    QByteArray out;
    const QByteArray utf8 = target.toUtf8();
    out.reserve(utf8.size());
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7f) {
            if (c == '\r' || c == '\n' || c == '\0' || !encode) {
                out += ch; // left for the caller's check, which names the position
                continue;
            }
            out += '%';
            out += QByteArray::number(c, 16).toUpper().rightJustified(2, '0');
        } else {
            out += ch;
        }
    }
    return out;
}

// Newest first: the connection used last is the least likely to have hit the server's keep-alive timeout.
QTcpSocket *WireTransport::takeIdle(const QString &key)
{
    auto it = m_idle.find(key);
    if (it == m_idle.end())
        return nullptr;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (!it->isEmpty()) {
        QTcpSocket *socket = it->takeLast();
        socket->disconnect(this);
        // A connection the server closed (or wrote to) while idle is replaced before anything is written.
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0
            && now - socket->property("verbscopeIdleSince").toLongLong() < MaxIdleAgeMs)
            return socket;
        socket->abort();
        socket->deleteLater();
    }
    return nullptr;
}

// An idle connection that becomes readable or closes is dropped at once: the server has given up on
// it or sent bytes that no request asked for.
void WireTransport::putIdle(const QString &key, QTcpSocket *socket)
{
    QList<QTcpSocket *> &list = m_idle[key];
    if (list.size() >= MaxIdlePerOrigin) {
        QTcpSocket *oldest = list.takeFirst();
        oldest->disconnect(this);
        oldest->abort();
        oldest->deleteLater();
    }
    socket->setParent(this);
    socket->setProperty("verbscopeIdleSince", QDateTime::currentMSecsSinceEpoch());
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { dropIdle(socket); });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { dropIdle(socket); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] { dropIdle(socket); });
    list.append(socket);
}

void WireTransport::dropIdle(QTcpSocket *socket)
{
    for (auto it = m_idle.begin(); it != m_idle.end(); ++it)
        it->removeAll(socket);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

int WireTransport::idleCount() const
{
    int n = 0;
    for (const auto &list : m_idle)
        n += int(list.size());
    return n;
}

TransportJob *WireTransport::start(const HopRequest &request, HopObserver *observer)
{
    return new WireJob(this, request, observer);
}

} // namespace verbscope::http
