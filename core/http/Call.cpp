// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Call.h"

#include "core/http/Engine.h"
#include "core/http/Redirects.h"
#include "core/http/Secrets.h"

#include <QTimer>

namespace verbscope::http {

namespace {
// The raw bytes kept for display when the file written with -o already holds them (the desktop's
// Raw tab shows 64 KiB too).
constexpr qint64 FileRawPreview = 64 * 1024;
} // namespace

Call::Call(Engine *engine, RequestSpec spec)
    : QObject(engine)
    , m_engine(engine)
    , m_spec(std::move(spec))
{ }

Call::~Call()
{
    if (m_job)
        m_job->abort(ErrorKind::Canceled, QStringLiteral("canceled"));
}

void Call::failBeforeStart(ErrorKind kind, const QString &message)
{
    m_exchange.error = { kind, message };
    m_exchange.request.method = m_spec.method;
    m_exchange.request.url = m_spec.url;
    // Finish asynchronously so the caller can connect to finished() first.
    QTimer::singleShot(0, this, &Call::finish);
}

void Call::start()
{
    m_clock.start();
    m_exchange.startedAt = QDateTime::currentDateTimeUtc();
    Transport *transport = m_engine->transport(m_spec.options.transport);
    m_exchange.fidelity = transport->fidelity();

    const QStringList problems = validate(m_spec);
    if (!problems.isEmpty())
        return failBeforeStart(ErrorKind::InvalidRequest, problems.join(QLatin1String("; ")));

    m_hop = firstHop(m_spec);
    if (m_spec.options.totalTimeoutMs > 0) {
        m_deadline = new QTimer(this);
        m_deadline->setSingleShot(true);
        connect(m_deadline, &QTimer::timeout, this, [this] {
            if (m_job)
                m_job->abort(ErrorKind::Timeout,
                    QStringLiteral("total deadline of %1 ms reached").arg(m_spec.options.totalTimeoutMs));
        });
        m_deadline->start(m_spec.options.totalTimeoutMs);
    }
    startHop();
}

void Call::cancel()
{
    if (m_job)
        m_job->abort(ErrorKind::Canceled, QStringLiteral("canceled by the user"));
}

void Call::startHop()
{
    m_response = Response {};
    m_informational.clear();
    m_decoder.reset();
    m_passThrough = false;
    m_outError.clear();
    m_finalHop = true;
    m_job = m_engine->transport(m_spec.options.transport)->start(m_hop, this);
}

void Call::hopInformational(const ResponseHead &head)
{
    m_informational.append(head);
}

void Call::hopHead(const ResponseHead &head)
{
    m_response.received = true;
    m_response.head = head;
    m_response.informational = m_informational;
    m_response.contentEncoding = headerValue(head.headers, "Content-Encoding");
    m_finalHop = !(m_spec.options.redirects == RedirectMode::Follow && isFollowableRedirect(head));
    m_decoder = std::make_unique<ContentDecoder>(
        m_response.contentEncoding, m_spec.options.decodeThreshold, m_spec.options.decodeMaxRatio);
    m_passThrough = !m_decoder->isSupported();
    if (m_passThrough)
        m_response.decodeError = m_decoder->error();
    if (m_finalHop && !m_spec.options.outputFile.isEmpty()) {
        m_out.setFileName(m_spec.options.outputFile);
        if (!m_out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            m_outError = QStringLiteral("cannot write \"%1\": %2").arg(m_spec.options.outputFile, m_out.errorString());
        else
            m_response.bodyFile = m_spec.options.outputFile;
    }
    Q_EMIT headReceived(head);
}

bool Call::hopBody(QByteArrayView raw)
{
    const RequestOptions &o = m_spec.options;
    m_response.rawSize += raw.size();
    // An unencoded body streamed to a file: the file holds these very bytes, so only a preview is
    // kept in memory. Keeping maxRawBodyKept (64 MiB) of them made `send -o` peak at about 150 MiB.
    const bool fileHasRaw = m_out.isOpen() && (m_passThrough || (m_decoder && m_decoder->isIdentity()));
    const qint64 rawLimit = fileHasRaw ? std::min(o.maxRawBodyKept, FileRawPreview) : o.maxRawBodyKept;
    const qint64 rawRoom = rawLimit - m_response.rawBody.size();
    if (rawRoom > 0)
        m_response.rawBody.append(raw.first(std::min<qint64>(rawRoom, raw.size())));
    if (rawRoom < raw.size())
        m_response.rawBodyTruncated = true;

    // Unencoded (or an unknown coding, kept as received): the bytes go on as they are, without a
    // copy into a fresh buffer per chunk (a fresh mmap and its page faults for a 1 MiB chunk).
    QByteArray decodedBuffer;
    QByteArrayView decoded;
    const bool decodable = m_decoder && m_response.decodeError.isEmpty();
    if (decodable && m_decoder->isIdentity()) {
        decoded = raw;
    } else if (decodable) {
        if (!m_decoder->feed(raw, decodedBuffer))
            m_response.decodeError = m_decoder->error();
        decoded = decodedBuffer;
    } else if (m_passThrough) {
        decoded = raw;
    }
    m_response.decodedSize += decoded.size();
    if (m_out.isOpen()) {
        if (m_out.write(decoded.data(), decoded.size()) != decoded.size()) {
            m_outError = QStringLiteral("cannot write \"%1\": %2").arg(m_out.fileName(), m_out.errorString());
            return false;
        }
    } else if (!m_outError.isEmpty()) {
        return false;
    } else {
        const qint64 room = o.maxBodyInMemory - m_response.body.size();
        if (room > 0)
            m_response.body.append(decoded.constData(), std::min<qint64>(room, decoded.size()));
        if (room < decoded.size())
            m_response.bodyTruncated = true;
    }
    Q_EMIT bodyProgress(m_response.rawSize);
    return true;
}

void Call::hopFinished(Hop hop)
{
    m_job = nullptr;
    if (m_decoder && m_response.decodeError.isEmpty() && !m_decoder->isIdentity() && !hop.error.isError()) {
        QByteArray tail;
        if (!m_decoder->finish(tail))
            m_response.decodeError = m_decoder->error();
    }
    if (m_out.isOpen())
        m_out.close();
    if (!m_outError.isEmpty() && !hop.error.isError())
        hop.error = { ErrorKind::Io, m_outError };
    // The transport filled the head; the body fields are ours.
    m_response.received = m_response.received || hop.response.received;
    m_response.trailers = hop.response.trailers;
    m_response.rawTrailers = hop.response.rawTrailers;
    if (!m_response.received)
        m_response.head = hop.response.head;
    hop.response = m_response;
    m_exchange.warnings += hop.warnings;

    if (!hop.error.isError() && !m_finalHop && followRedirect(hop))
        return;

    m_exchange.request = hop.request;
    m_exchange.response = hop.response;
    m_exchange.timings = hop.timings;
    m_exchange.tls = hop.tls;
    m_exchange.error = hop.error;
    if (!m_response.decodeError.isEmpty())
        m_exchange.warnings << m_response.decodeError;
    finish();
}

bool Call::followRedirect(const Hop &hop)
{
    const RedirectStep step = nextHop(m_hop, hop.response.head);
    if (!step.ok) {
        m_exchange.warnings << step.warning;
        return false;
    }
    m_exchange.redirects.append(hop);
    if (m_exchange.redirects.size() > m_spec.options.maxRedirects) {
        Hop last = m_exchange.redirects.takeLast();
        m_exchange.request = last.request;
        m_exchange.response = last.response;
        m_exchange.timings = last.timings;
        m_exchange.tls = last.tls;
        m_exchange.error = { ErrorKind::TooManyRedirects,
            QStringLiteral("more than %1 redirects; the last one pointed to %2")
                .arg(m_spec.options.maxRedirects)
                .arg(redactUrl(step.next.url.toString())) };
        finish();
        return true;
    }
    if (!step.warning.isEmpty())
        m_exchange.warnings << step.warning;
    m_hop = step.next;
    startHop();
    return true;
}

void Call::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_deadline)
        m_deadline->stop();
    m_exchange.timings.total = double(m_clock.nsecsElapsed()) / 1e6;
    Q_EMIT finished();
}

} // namespace verbscope::http
