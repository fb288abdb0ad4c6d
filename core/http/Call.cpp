// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Call.h"

#include "core/http/CookieJar.h"
#include "core/http/Engine.h"
#include "core/http/Redirects.h"
#include "core/http/Secrets.h"

#include <QTimer>

#include <cerrno>
#include <cstring>

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
    m_asReceived = false;
    m_rawIsBody = false;
    m_outStart = -1;
    m_outStopped = false;
    m_outError.clear();
    m_finalHop = true;
    m_cookieNotes.clear();
    addJarCookies();
    m_job = m_engine->transport(m_spec.options.transport)->start(m_hop, this);
}

void Call::hopInformational(const ResponseHead &head)
{
    m_informational.append(head);
}

// headReceived goes out before the output is opened, so a command streaming to standard output
// can print the head first.
void Call::hopHead(const ResponseHead &head)
{
    const RequestOptions &o = m_spec.options;
    m_response.received = true;
    m_response.head = head;
    m_response.informational = m_informational;
    m_response.contentEncoding = headerValue(head.headers, "Content-Encoding");
    m_finalHop = !(o.redirects == RedirectMode::Follow && isFollowableRedirect(head));
    m_decoder = std::make_unique<ContentDecoder>(m_response.contentEncoding, o.maxDecodedSize, o.decodeMaxRatio);
    m_passThrough = !m_decoder->isSupported();
    if (m_passThrough)
        m_response.decodeError = m_decoder->error();
    m_asReceived = m_passThrough || m_decoder->isIdentity();
    Q_EMIT headReceived(head);
    if (m_finalHop && m_job && !o.outputFile.isEmpty())
        openOutput();
    // Kept in memory, an unencoded body is its own raw copy: collecting both doubled the memory.
    m_rawIsBody = m_asReceived && !m_out.isOpen() && m_outError.isEmpty();
}

// "-" is standard output, streamed as a file is (curl's -o -): no size cap, bounded memory.
void Call::openOutput()
{
    const QString &path = m_spec.options.outputFile;
    const bool toStdout = path == QLatin1String("-");
    constexpr int StdoutFd = 1;
    const bool opened = toStdout
        ? m_out.open(StdoutFd, QIODevice::WriteOnly | QIODevice::Unbuffered, QFileDevice::DontCloseHandle)
        : (m_out.setFileName(path), m_out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    if (!opened) {
        m_outError = QStringLiteral("cannot write \"%1\": %2")
                         .arg(toStdout ? QStringLiteral("standard output") : path, m_out.errorString());
        return;
    }
    m_response.bodyFile = path;
    // A pipe or terminal cannot be rewound: if decoding stops, what went out stays.
    m_outStart = m_out.isSequential() ? -1 : m_out.pos();
}

bool Call::writeOutput(QByteArrayView bytes)
{
    if (m_out.write(bytes.data(), bytes.size()) == bytes.size())
        return true;
    const int error = errno; // QFile says "Unknown error" for a closed pipe
    if (m_spec.options.outputFile == QLatin1String("-"))
        m_outError = QStringLiteral("cannot write to standard output: %1 (the rest of the body was not written)")
                         .arg(QString::fromLocal8Bit(std::strerror(error)));
    else
        m_outError = QStringLiteral("cannot write \"%1\": %2").arg(m_out.fileName(), m_out.errorString());
    return false;
}

// Without an output this is the body, up to maxBodyInMemory; with one, an optional first part
// (the history's copy), whose shortness is not a truncation of what the user gets.
void Call::keepInMemory(QByteArrayView bytes)
{
    const RequestOptions &o = m_spec.options;
    const bool toOutput = !m_response.bodyFile.isEmpty();
    const qint64 limit = toOutput ? o.maxBodyKeptBesideOutput : o.maxBodyInMemory;
    const qint64 room = limit - m_response.body.size();
    if (room > 0) {
        const qint64 n = std::min<qint64>(room, bytes.size());
        // Grown by doubling, but never past the limit: Qt's own doubling took a body of exactly
        // 256 MiB to a 512 MiB block, measured at twice the RSS.
        if (m_response.body.size() + n > m_response.body.capacity())
            m_response.body.reserve(
                std::min(limit, std::max(m_response.body.size() + n, 2 * m_response.body.capacity())));
        m_response.body.append(bytes.first(n));
    }
    if (room < bytes.size() && (!toOutput || limit > 0))
        m_response.bodyTruncated = true;
}

// The guard stopped decoding: the body becomes the bytes as received, in memory and in the output,
// so what the user gets is one consistent stream (gunzip gives the original back), never a
// decoded start followed by raw bytes. A pipe cannot be rewound: it keeps the decoded start
// and gets nothing more (outputIncomplete).
bool Call::deliverAsReceived()
{
    m_asReceived = true;
    m_response.decodeStopped = true;
    const QByteArray raw = m_response.rawBody;
    // Nothing written yet (the guard tripped on the first chunk): even a pipe can take the raw body.
    const bool untouched = m_response.decodedSize == 0;
    const bool rewound
        = !m_out.isOpen() || untouched || (m_outStart >= 0 && m_out.resize(m_outStart) && m_out.seek(m_outStart));
    if (m_response.rawBodyTruncated || !rewound) {
        // The decoded start stays where it is, and nothing more joins it: raw bytes after decoded
        // ones would be neither. (The raw start is gone when more than maxRawBodyKept arrived.)
        m_outStopped = true;
        m_response.outputIncomplete = true;
        return true;
    }
    m_response.decodedSize = 0;
    m_response.body.clear();
    m_response.bodyTruncated = false;
    if (m_out.isOpen() && !writeOutput(raw))
        return false;
    m_response.decodedSize = raw.size();
    keepInMemory(raw);
    return true;
}

bool Call::hopBody(QByteArrayView raw)
{
    const RequestOptions &o = m_spec.options;
    m_response.rawSize += raw.size();
    if (!m_rawIsBody) {
        // An unencoded body (or one decoding stopped on) streamed to a file: the file holds these
        // very bytes, so only a preview is kept in memory. Keeping maxRawBodyKept (64 MiB) of them
        // made `send -o` peak at about 150 MiB.
        const bool fileHasRaw = m_out.isOpen() && m_asReceived && !m_outStopped;
        const qint64 rawLimit = fileHasRaw ? std::min(o.maxRawBodyKept, FileRawPreview) : o.maxRawBodyKept;
        const qint64 rawRoom = rawLimit - m_response.rawBody.size();
        if (rawRoom > 0)
            m_response.rawBody.append(raw.first(std::min<qint64>(rawRoom, raw.size())));
        if (rawRoom < raw.size())
            m_response.rawBodyTruncated = true;
    }

    // Unencoded (or kept as received): the bytes go on as they are, without a copy into a fresh
    // buffer per chunk (a fresh mmap and its page faults for a 1 MiB chunk).
    QByteArray decodedBuffer;
    QByteArrayView decoded;
    if (m_asReceived) {
        decoded = raw;
    } else if (m_response.decodeError.isEmpty()) {
        if (m_decoder->feed(raw, decodedBuffer)) {
            decoded = decodedBuffer;
        } else {
            m_response.decodeError = m_decoder->error();
            if (m_decoder->stoppedByGuard()) {
                // This chunk is already in rawBody, which deliverAsReceived() writes.
                if (!deliverAsReceived())
                    return false;
                Q_EMIT bodyProgress(m_response.rawSize);
                return true;
            }
        }
    }
    if (!m_outError.isEmpty())
        return false;
    if (!m_outStopped) {
        if (m_out.isOpen() && !writeOutput(decoded))
            return false;
        m_response.decodedSize += decoded.size();
        keepInMemory(decoded);
    }
    Q_EMIT bodyProgress(m_response.rawSize);
    return true;
}

void Call::hopFinished(Hop hop)
{
    m_job = nullptr;
    if (m_decoder && m_response.decodeError.isEmpty() && !m_asReceived && !hop.error.isError()) {
        QByteArray tail;
        if (!m_decoder->finish(tail))
            m_response.decodeError = m_decoder->error();
    }
    if (m_out.isOpen())
        m_out.close();
    if (m_rawIsBody) {
        // Shared, not copied (HistoryStore reads an unencoded body back the same way).
        m_response.rawBody = m_response.body;
        m_response.rawBodyTruncated = m_response.bodyTruncated;
    }
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
    if (m_response.received)
        storeJarCookies(m_response.head);
    hop.cookieNotes = m_cookieNotes;

    if (!hop.error.isError() && !m_finalHop && followRedirect(hop))
        return;

    m_exchange.request = hop.request;
    m_exchange.response = hop.response;
    m_exchange.timings = hop.timings;
    m_exchange.tls = hop.tls;
    m_exchange.error = hop.error;
    m_exchange.cookieNotes = hop.cookieNotes;
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
        m_exchange.cookieNotes = last.cookieNotes;
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
    undoJarCookies();
    startHop();
    return true;
}

// The jar's cookies join the request's headers like any header, so the record shows them. A Cookie
// header the user wrote is kept as written and wins: jar cookies of the same name are left out, the
// others are appended to it (RFC 6265 §5.4: one Cookie header).
void Call::addJarCookies()
{
    m_jarWroteCookie = false;
    const RequestOptions &o = m_spec.options;
    if (!o.cookieJar)
        return;
    if (!o.useCookieJar) {
        m_cookieNotes << QStringLiteral("cookie jar not used (@no-cookie-jar)");
        return;
    }
    QList<Cookie> cookies = o.cookieJar->cookiesFor(m_hop.url, QDateTime::currentDateTimeUtc());
    if (cookies.isEmpty())
        return;
    const auto user = std::find_if(
        m_hop.headers.begin(), m_hop.headers.end(), [](const Header &h) { return headerNameEquals(h.name, "Cookie"); });
    m_userHadCookie = user != m_hop.headers.end();
    m_userCookie = m_userHadCookie ? user->value : QByteArray();
    QStringList own;
    if (m_userHadCookie) {
        QList<QByteArray> names;
        for (const QByteArray &pair : m_userCookie.split(';'))
            names << pair.left(pair.indexOf('=')).trimmed();
        for (qsizetype i = cookies.size() - 1; i >= 0; --i) {
            if (names.contains(cookies.at(i).name)) {
                own.prepend(QString::fromLatin1(cookies.at(i).name));
                cookies.removeAt(i);
            }
        }
    }
    if (!own.isEmpty())
        m_cookieNotes << QStringLiteral("not sent from the jar: %1 (the request's own Cookie header sets it)")
                             .arg(own.join(QLatin1String(", ")));
    if (cookies.isEmpty())
        return;
    QStringList names;
    for (const Cookie &c : std::as_const(cookies))
        names << QString::fromLatin1(c.name);
    const QByteArray jar = CookieJar::cookieHeader(cookies);
    if (m_userHadCookie) {
        m_jarCookie = m_userCookie.trimmed().isEmpty() ? jar : m_userCookie + "; " + jar;
        user->value = m_jarCookie;
    } else {
        m_jarCookie = jar;
        m_hop.headers.append({ "Cookie", m_jarCookie });
    }
    m_jarWroteCookie = true;
    m_cookieNotes << QStringLiteral("sent %1 from the jar").arg(names.join(QLatin1String(", ")));
}

void Call::storeJarCookies(const ResponseHead &head)
{
    const RequestOptions &o = m_spec.options;
    if (!o.cookieJar || !o.useCookieJar)
        return;
    for (const CookieDecision &d : o.cookieJar->setCookies(m_hop.url, head.headers, QDateTime::currentDateTimeUtc()))
        m_cookieNotes << d.note;
}

// nextHop copies the headers on (or drops Cookie when the origin changes): put back what the user
// wrote, so the next hop asks the jar afresh.
void Call::undoJarCookies()
{
    if (!m_jarWroteCookie)
        return;
    for (qsizetype i = 0; i < m_hop.headers.size(); ++i) {
        Header &h = m_hop.headers[i];
        if (!headerNameEquals(h.name, "Cookie") || h.value != m_jarCookie)
            continue;
        if (m_userHadCookie)
            h.value = m_userCookie;
        else
            m_hop.headers.removeAt(i);
        break;
    }
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
