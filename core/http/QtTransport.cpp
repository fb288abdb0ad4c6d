// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/QtTransport.h"

#include "Version.h"
#include "core/http/ProxyResolver.h"
#include "core/http/QtFraming.h"
#include "core/http/Secrets.h"
#include "core/http/TlsSummary.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>

namespace verbscope::http {

namespace {

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// Network-level failures only: with a valid HTTP status Qt also sets error() for 4xx/5xx.
TransportError mapError(QNetworkReply::NetworkError code, const QString &text, bool haveStatus)
{
    using E = QNetworkReply::NetworkError;
    if (code == E::NoError)
        return {};
    const bool networkLevel = code < 200; // connection (1-99) and proxy (101-199) errors
    if (haveStatus && !networkLevel)
        return {};
    switch (code) {
    case E::HostNotFoundError:
    case E::ProxyNotFoundError: return { ErrorKind::Dns, text };
    case E::ConnectionRefusedError:
    case E::ProxyConnectionRefusedError: return { ErrorKind::Refused, text };
    case E::TimeoutError:
    case E::ProxyTimeoutError: return { ErrorKind::Timeout, text };
    case E::RemoteHostClosedError:
    case E::ProxyConnectionClosedError: return { ErrorKind::Closed, text };
    case E::SslHandshakeFailedError: return { ErrorKind::Tls, text };
    case E::OperationCanceledError: return { ErrorKind::Canceled, text };
    case E::TooManyRedirectsError: return { ErrorKind::TooManyRedirects, text };
    case E::ProtocolFailure:
    case E::ProtocolInvalidOperationError:
    case E::ProtocolUnknownError:
    case E::UnknownContentError: return { ErrorKind::Protocol, text };
    default: return { ErrorKind::Other, text };
    }
}

// One hop through QNAM. Qt's own redirect, cookie and auth handling is off (QT-FACTS top findings 4 and 7): the
// engine runs the hop loop itself so every hop is recorded. Deletes itself after hopFinished().
class QtJob final : public TransportJob
{
public:
    QtJob(QtTransport *owner, QNetworkAccessManager *nam, const HopRequest &request, HopObserver *observer,
        const QString &proxy)
        : TransportJob(owner)
        , m_nam(nam)
        , m_request(request)
        , m_observer(observer)
    {
        m_hop.request.method = request.method;
        m_hop.request.url = request.url.toString(QUrl::FullyEncoded);
        m_proxy = proxy;
        m_clock.start();
        const QString host = request.url.host();
        if (QHostAddress(host).isNull() && proxy.isEmpty()) {
            // Time name resolution on its own; Qt's host cache then serves the connection.
            m_lookupId = QHostInfo::lookupHost(host, this, [this](const QHostInfo &info) {
                m_lookupId = -1;
                m_hop.timings.dns = msSince(m_clock);
                if (info.error() != QHostInfo::NoError) {
                    m_hop.error = { ErrorKind::Dns,
                        QStringLiteral("cannot resolve host \"%1\": %2").arg(info.hostName(), info.errorString()) };
                    complete();
                    return;
                }
                send();
            });
        } else {
            QMetaObject::invokeMethod(this, &QtJob::send, Qt::QueuedConnection);
        }
    }

    void abort(ErrorKind kind, const QString &message) override
    {
        if (m_done)
            return;
        m_abortError = { kind, message };
        if (m_lookupId >= 0) {
            QHostInfo::abortHostLookup(m_lookupId);
            m_hop.error = m_abortError;
            complete();
        } else if (m_reply) {
            m_reply->abort();
        } else {
            m_hop.error = m_abortError;
            complete();
        }
    }

private:
    void send();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void complete();
    void addFidelityWarnings();
    void checkFraming(const ResponseHead &head);
    void nameTheCut();
    HeaderList buildHeaders(QNetworkRequest &req);

    QNetworkAccessManager *m_nam;
    HopRequest m_request;
    HopObserver *m_observer;
    QString m_proxy;
    QPointer<QNetworkReply> m_reply;
    QFile *m_bodyFile = nullptr;
    Hop m_hop;
    QElapsedTimer m_clock;
    TransportError m_abortError;
    QStringList m_warnings;
    // One buffer for every read: a fresh 1 MiB QByteArray per read is a fresh mmap, and the page
    // faults of filling it were a third of a 200 MB download's time (perf, bench/run).
    QByteArray m_readBuffer;
    qint64 m_bodyBytes = 0; // as Qt delivered them
    int m_lookupId = -1;
    bool m_headSeen = false;
    bool m_stopped = false; // the observer refused more body
    bool m_done = false;
};

// Returns the headers as they will be sent, defaults included, so the record matches the wire.
HeaderList QtJob::buildHeaders(QNetworkRequest &req)
{
    // Qt can send each name once: join duplicates in first-seen order, as Qt itself would.
    HeaderList merged;
    for (const Header &h : m_request.headers) {
        if (headerNameEquals(h.name, "Content-Length"))
            continue; // Qt computes it; a wrong value would truncate the body
        auto it = std::find_if(
            merged.begin(), merged.end(), [&](const Header &m) { return headerNameEquals(m.name, h.name); });
        if (it == merged.end()) {
            merged.append(h);
        } else {
            it->value += ", " + h.value;
            m_warnings << QStringLiteral("header \"%1\" given twice: the Qt transport can send it only once, "
                                         "so the values were joined with \", \" (the wire transport sends both)")
                              .arg(QString::fromLatin1(h.name));
        }
    }
    for (const Header &d : QtTransport::defaultHeaders())
        if (!hasHeader(merged, d.name))
            merged.append(d);
    for (const Header &h : merged)
        req.setRawHeader(h.name, h.value);
    return merged;
}

// Every attribute below undoes a Qt default that would change what is sent or hide what came back
// (QT-FACTS A1, A2, A8): manual redirects, no jar, no auth reuse, no cache, no decoding, idle timeout.
void QtJob::send()
{
    if (m_done)
        return;
    QNetworkRequest req(m_request.url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    // No cache is installed on these managers, so nothing is served from one; AlwaysNetwork would
    // make Qt add Cache-Control/Pragma: no-cache to GET and HEAD behind the record's back.
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, m_request.options.allowHttp2);
    req.setTransferTimeout(m_request.options.idleTimeoutMs);
    req.setDecompressedSafetyCheckThreshold(-1); // we never let Qt decode (Accept-Encoding is explicit)
    if (m_request.url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setAllowedNextProtocols(m_request.options.allowHttp2
                ? QList<QByteArray> { QSslConfiguration::ALPNProtocolHTTP2, QSslConfiguration::NextProtocolHttp1_1 }
                : QList<QByteArray> { QSslConfiguration::NextProtocolHttp1_1 });
        req.setSslConfiguration(tls);
    }
    const HeaderList userHeaders = buildHeaders(req);

    QNetworkReply *reply = nullptr;
    qint64 bodySize = 0;
    if (!m_request.bodyFile.isEmpty()) {
        m_bodyFile = new QFile(m_request.bodyFile, this);
        if (!m_bodyFile->open(QIODevice::ReadOnly)) {
            m_hop.error = { ErrorKind::Io,
                QStringLiteral("cannot read body file \"%1\": %2").arg(m_request.bodyFile, m_bodyFile->errorString()) };
            return complete();
        }
        bodySize = m_bodyFile->size();
        req.setHeader(QNetworkRequest::ContentLengthHeader, bodySize);
        reply = m_nam->sendCustomRequest(req, m_request.method, m_bodyFile);
    } else if (m_request.hasBody) {
        bodySize = m_request.body.size();
        reply = m_nam->sendCustomRequest(req, m_request.method, m_request.body);
    } else if (m_request.method == "HEAD") {
        // As a custom verb Qt would wait for a body after HEAD's Content-Length and time out.
        reply = m_nam->head(req);
    } else {
        reply = m_nam->sendCustomRequest(req, m_request.method);
    }
    m_reply = reply;
    reply->setParent(this);
    reply->setReadBufferSize(1 << 20); // bounded memory and the fastest setting measured

    // The request as Qt writes it: Host first, the headers set in order, Content-Length last.
    SentRequest &sent = m_hop.request;
    sent.headers.clear();
    if (!hasHeader(userHeaders, "Host")) {
        const int port = m_request.url.port();
        QByteArray host = QUrl::toAce(m_request.url.host());
        if (host.contains(':'))
            host = '[' + host + ']';
        if (port != -1)
            host += ':' + QByteArray::number(port);
        sent.headers.append({ "Host", host });
    }
    sent.headers += userHeaders;
    if (m_request.hasBody || !m_request.bodyFile.isEmpty())
        sent.headers.append({ "Content-Length", QByteArray::number(bodySize) });
    sent.bodySize = bodySize;
    sent.body = m_request.body.left(1 << 20);
    sent.proxy = redactUrl(m_proxy); // the record never holds the proxy's password

    // Qt has no "connected" signal: connect stays unknown (null) rather than guessed.
    connect(reply, &QNetworkReply::encrypted, this, [this] { m_hop.timings.tls = msSince(m_clock); });
    connect(reply, &QNetworkReply::requestSent, this, [this] { m_hop.timings.sent = msSince(m_clock); });
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            m_hop.tls.errors << e.errorString();
        if (!m_request.options.verifyTls)
            m_reply->ignoreSslErrors();
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, &QtJob::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &QtJob::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &QtJob::onFinished);
}

// Can fire more than once; the first signal that carries a status is the head. Qt
// merges duplicate fields and cannot tell HTTP/1.0 from 1.1, hence "1.x" (QT-FACTS A2).
void QtJob::onMetaData()
{
    if (m_headSeen || !m_reply)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_headSeen = true;
    m_hop.timings.firstByte = msSince(m_clock);
    ResponseHead head;
    head.status = status.toInt();
    head.reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().toLatin1();
    head.httpVersion = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool() ? QStringLiteral("2")
                                                                                           : QStringLiteral("1.x");
    for (const auto &pair : m_reply->rawHeaderPairs())
        head.headers.append({ pair.first, pair.second });
    m_hop.response.received = true;
    m_hop.response.head = head;
    m_observer->hopHead(head);
    checkFraming(head);
}

// A body Qt would frame against RFC 9112 is not read at all: Qt would wait for the idle timeout or
// show a body of its own making (QtFraming). The head stays in the record, labelled by the warning.
void QtJob::checkFraming(const ResponseHead &head)
{
    const QString problem = QtFraming::problem(head, m_request.method);
    if (problem.isEmpty()) {
        m_warnings << QtFraming::notes(head);
        return;
    }
    m_warnings << QtFraming::warning(problem);
    m_abortError = { ErrorKind::Protocol, QStringLiteral("stopped before the body: %1").arg(problem) };
    m_reply->abort();
}

// Drains everything on each signal: with setReadBufferSize() that keeps memory bounded (QT-FACTS A7).
void QtJob::onReadyRead()
{
    if (!m_headSeen)
        onMetaData();
    if (m_readBuffer.isEmpty())
        m_readBuffer.resize(1 << 20);
    while (m_reply && m_reply->bytesAvailable() > 0 && !m_stopped) {
        const qint64 n = m_reply->read(m_readBuffer.data(), m_readBuffer.size());
        if (n <= 0)
            break;
        m_bodyBytes += n;
        if (!m_observer->hopBody(QByteArrayView(m_readBuffer.constData(), n))) {
            m_stopped = true;
            m_reply->abort();
        }
    }
}

// Qt reports an idle timeout as OperationCanceledError, the same code as abort() (QT-FACTS A8), so
// an abort we asked for is told apart by m_abortError.
void QtJob::onFinished()
{
    if (!m_reply)
        return;
    onReadyRead();
    const bool haveStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    if (m_abortError.isError()) {
        m_hop.error = m_abortError;
    } else if (!m_stopped) {
        m_hop.error = mapError(m_reply->error(), m_reply->errorString(), haveStatus);
        if (m_reply->error() == QNetworkReply::OperationCanceledError)
            m_hop.error = { ErrorKind::Timeout,
                QStringLiteral("no data for %1 ms (idle timeout)").arg(m_request.options.idleTimeoutMs) };
        nameTheCut();
    }
    if (m_request.url.scheme() == QLatin1String("https"))
        m_hop.tls = summarizeTls(m_reply->sslConfiguration(), m_hop.tls.errors, !m_request.options.verifyTls);
    if (m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool())
        m_hop.response.head.httpVersion = QStringLiteral("2");
    addFidelityWarnings();
    complete();
}

// Qt says only "Connection closed"; with a Content-Length the record can say how much was missing.
void QtJob::nameTheCut()
{
    if (m_hop.error.kind != ErrorKind::Closed || !m_headSeen)
        return;
    bool ok = false;
    const qint64 announced = headerValue(m_hop.response.head.headers, "Content-Length").trimmed().toLongLong(&ok);
    if (ok && m_bodyBytes < announced)
        m_hop.error.message = QStringLiteral("the connection closed after %1 of the %2 body bytes announced by "
                                             "Content-Length")
                                  .arg(m_bodyBytes)
                                  .arg(announced);
}

// What Qt hides, said where it can be detected cheaply (docs/transports.md has the full list).
void QtJob::addFidelityWarnings()
{
    const Response &r = m_hop.response;
    if (r.received && r.head.status >= 100 && r.head.status < 200)
        m_warnings << QStringLiteral("Qt ended the exchange at the informational %1 response: the final response "
                                     "that followed it is not visible (the wire transport shows both)")
                          .arg(r.head.status);
    if (r.received && r.head.headers.isEmpty() && r.head.status >= 200)
        m_warnings << QStringLiteral("Qt reported no response headers at all: it drops every header when there are "
                                     "more than 100, when one is about 100 KiB or larger or when a line is malformed "
                                     "(the wire transport shows them or names the problem)");
    // Qt's chunked decoder ends silently at a chunk size it cannot parse; with nothing before it,
    // that is the one case its API leaves visible.
    if (r.received && !m_hop.error.isError())
        if (const QString empty = QtFraming::emptyChunkedProblem(r.head, m_request.method, m_bodyBytes);
            !empty.isEmpty())
            m_warnings << QtFraming::warning(empty);
    if (!r.received && m_hop.error.kind == ErrorKind::Closed)
        m_warnings << QStringLiteral("Qt may have sent this request more than once: it re-sends silently (POST and "
                                     "PATCH too) when the connection closes before a valid response (the wire "
                                     "transport sends once)");
}

void QtJob::complete()
{
    if (m_done)
        return;
    m_done = true;
    m_hop.timings.total = msSince(m_clock);
    m_hop.warnings = m_warnings;
    if (m_reply)
        m_reply->disconnect(this);
    HopObserver *observer = m_observer;
    Hop hop = std::move(m_hop);
    deleteLater();
    observer->hopFinished(std::move(hop));
}

} // namespace

QtTransport::QtTransport(QObject *parent)
    : Transport(parent)
{ }

QtTransport::~QtTransport() = default;

// Sent explicitly so that they appear in the record and do not depend on the user's locale
// (Qt derives Accept-Language from it).
HeaderList QtTransport::defaultHeaders()
{
    return {
        { "Connection", "keep-alive" },
        { "Accept-Encoding", "gzip, deflate, br, zstd" },
        { "Accept-Language", "en,*" },
        { "User-Agent", QByteArray("VerbScope/") + VERBSCOPE_VERSION },
    };
}

// HSTS stays off because a debugger must send http:// when asked to, not upgrade it silently.
QNetworkAccessManager *QtTransport::managerFor(const QString &proxyUrl, bool insecure)
{
    // Insecure requests get their own manager: a connection whose certificate errors were
    // ignored must never be reused by a later request that verifies (-k is per request).
    const QString key = proxyUrl + (insecure ? QStringLiteral("|insecure") : QString());
    if (auto *nam = m_managers.value(key))
        return nam;
    auto *nam = new QNetworkAccessManager(this);
    nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    nam->setAutoDeleteReplies(false);
    nam->setStrictTransportSecurityEnabled(false);
    if (proxyUrl.isEmpty()) {
        nam->setProxy(QNetworkProxy::NoProxy);
    } else {
        const QUrl u(proxyUrl);
        const auto type
            = u.scheme().startsWith(QLatin1String("socks")) ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy;
        nam->setProxy(QNetworkProxy(type, u.host(), quint16(u.port(1080)), u.userName(), u.password()));
    }
    m_managers.insert(key, nam);
    return nam;
}

TransportJob *QtTransport::start(const HopRequest &request, HopObserver *observer)
{
    const QString proxy = resolveProxy(request.url, request.options.proxy, request.options.useEnvironmentProxy);
    return new QtJob(this, managerFor(proxy, !request.options.verifyTls), request, observer, proxy);
}

} // namespace verbscope::http
