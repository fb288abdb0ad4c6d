// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/ResponseParser.h"

#include "core/http/HttpSyntax.h"
#include "core/http/VisibleText.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace verbscope::http {

namespace {
constexpr int MaxForbiddenNotes = 3; // warnings naming a bare CR or NUL in a head line

// Limits are usually round powers of two; showing "1 MiB" next to the byte count makes them recognisable.
QString sizeText(qint64 bytes)
{
    if (bytes >= (1 << 20) && bytes % (1 << 20) == 0)
        return QStringLiteral("%1 bytes (%2 MiB)").arg(bytes).arg(bytes >> 20);
    if (bytes >= 1024 && bytes % 1024 == 0)
        return QStringLiteral("%1 bytes (%2 KiB)").arg(bytes).arg(bytes >> 10);
    return QStringLiteral("%1 bytes").arg(bytes);
}

// At most 120 bytes of a line, escaped, for an error message.
QString excerpt(QByteArrayView bytes)
{
    QString out = escapeBytes(bytes.first(std::min<qsizetype>(bytes.size(), 120)));
    if (bytes.size() > 120)
        out += QStringLiteral("…");
    return QLatin1Char('"') + out + QLatin1Char('"');
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

// OWS is SP and HTAB only (RFC 9110 §5.6.3); QByteArray::trimmed() would also strip CR, LF, VT and FF.
QByteArray trimOws(QByteArrayView v)
{
    qsizetype from = 0;
    qsizetype to = v.size();
    while (from < to && isOws(v[from]))
        ++from;
    while (to > from && isOws(v[to - 1]))
        --to;
    return v.sliced(from, to - from).toByteArray();
}

bool allDigits(QByteArrayView v)
{
    return !v.isEmpty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Connection options and transfer codings are case-insensitive list elements (RFC 9110 §5.6.1), and
// may come in one field line or several.
QList<QByteArray> listTokens(const HeaderList &headers, const QByteArray &name)
{
    QList<QByteArray> out;
    for (const QByteArray &value : headerValues(headers, name))
        for (const QByteArray &part : value.split(','))
            if (const QByteArray t = trimOws(part).toLower(); !t.isEmpty())
                out << t;
    return out;
}
} // namespace

ResponseParser::ResponseParser(ParserLimits limits)
    : m_limits(limits)
{ }

void ResponseParser::setRequestMethod(QByteArrayView method)
{
    m_method = method.toByteArray();
}

void ResponseParser::startHead()
{
    m_head = ResponseHead {};
    m_lineNo = 0;
    m_headBytes = 0;
    m_state = State::StatusLine;
}

void ResponseParser::fail(QList<ParseEvent> &events, ErrorKind kind, const QString &message)
{
    m_state = State::Failed;
    ParseEvent e;
    e.type = ParseEvent::Type::Error;
    e.errorKind = kind;
    e.message = message;
    events.append(std::move(e));
}

void ResponseParser::complete(QList<ParseEvent> &events)
{
    m_state = State::Done;
    events.append(ParseEvent {});
}

void ResponseParser::body(QList<ParseEvent> &events, qsizetype n)
{
    if (n <= 0)
        return;
    ParseEvent e;
    e.type = ParseEvent::Type::Body;
    e.data = m_buf.sliced(m_pos, n);
    m_pos += n;
    m_bodyBytes += n;
    events.append(std::move(e));
}

// Takes one line (with its line end) out of the buffer, or checks the limits on the partial one.
bool ResponseParser::takeLine(QByteArray &line, QList<ParseEvent> &events)
{
    const bool inHead = m_state == State::StatusLine || m_state == State::Headers || m_state == State::Trailers;
    const qsizetype nl = m_buf.indexOf('\n', m_pos);
    const qint64 length = nl < 0 ? m_buf.size() - m_pos : nl + 1 - m_pos;
    const char *where = m_state == State::StatusLine ? "status line"
        : m_state == State::Headers                  ? "header line"
        : m_state == State::Trailers                 ? "trailer line"
                                                     : "chunk line";
    if (length > m_limits.maxLineBytes) {
        fail(events, ErrorKind::Protocol,
            QStringLiteral("response %1 %2 is longer than the line length limit of %3")
                .arg(QLatin1String(where))
                .arg(m_lineNo + 1)
                .arg(sizeText(m_limits.maxLineBytes)));
        return false;
    }
    if (inHead && m_headBytes + length > m_limits.maxHeadBytes) {
        fail(events, ErrorKind::Protocol,
            QStringLiteral("response %1 is larger than the header section size limit of %2 (at line %3)")
                .arg(m_state == State::Trailers ? QStringLiteral("trailer section") : QStringLiteral("head"))
                .arg(sizeText(m_limits.maxHeadBytes))
                .arg(m_lineNo + 1));
        return false;
    }
    if (nl < 0)
        return false;
    line = m_buf.sliced(m_pos, length);
    m_pos = nl + 1;
    ++m_lineNo;
    if (inHead)
        m_headBytes += length;
    return true;
}

// RFC 9112 §2.2 / RFC 9110 §5.5: a bare CR or a NUL inside a line must be rejected or replaced by a
// recipient. The bytes are kept as received (showing them is the point) and named here, since the
// same bytes on a terminal could hide a line (HTTP/1.1 200 OK\r\rContent-Length: 4).
void ResponseParser::noteForbiddenBytes(const QByteArray &line)
{
    const qsizetype at = firstForbiddenFieldByte(line);
    if (at < 0)
        return;
    // The first few are named; the rest only counted, so a hostile head cannot grow the warnings.
    if (++m_forbiddenLines > MaxForbiddenNotes)
        return;
    const QString where = m_state == State::StatusLine
        ? QStringLiteral("the status line")
        : QStringLiteral("%1 line %2")
              .arg(m_state == State::Trailers ? QStringLiteral("trailer") : QStringLiteral("header"))
              .arg(m_lineNo);
    m_warnings << QStringLiteral("%1 holds %2 at byte %3 (kept as received; RFC 9112 §2.2 and RFC 9110 §5.5 "
                                 "say a recipient must reject it or replace it with a space): %4")
                      .arg(where, describeByte(static_cast<unsigned char>(line.at(at))))
                      .arg(at + 1)
                      .arg(excerpt(line));
}

// RFC 9112 §4. Only HTTP/1.x can arrive as text on this connection; a 2.0 status line means the
// server speaks something this parser must not try to frame.
bool ResponseParser::parseStatusLine(const QByteArray &line, QList<ParseEvent> &events)
{
    // HTTP-version SP status-code SP reason-phrase; a missing reason (no second SP) is tolerated.
    auto bad = [&](const QString &why) {
        fail(events, ErrorKind::Protocol,
            QStringLiteral("the status line is not HTTP/1.x (%1): %2").arg(why, excerpt(line)));
        return false;
    };
    if (!line.startsWith("HTTP/"))
        return bad(QStringLiteral("it does not start with \"HTTP/\""));
    const qsizetype sp = line.indexOf(' ');
    const QByteArray version = line.mid(5, sp < 0 ? -1 : sp - 5);
    if (version.size() != 3 || version[1] != '.' || !allDigits(version.first(1)) || !allDigits(version.last(1)))
        return bad(QStringLiteral("version \"%1\"").arg(escapeBytes(version)));
    if (version[0] != '1')
        return bad(QStringLiteral("version %1 cannot be spoken as text over HTTP/1").arg(QLatin1String(version)));
    if (sp < 0)
        return bad(QStringLiteral("no status code"));
    const QByteArray code = line.mid(sp + 1, 3);
    if (code.size() != 3 || !allDigits(code) || code[0] == '0')
        return bad(QStringLiteral("status code \"%1\"").arg(escapeBytes(code)));
    if (line.size() > sp + 4 && line[sp + 4] != ' ')
        return bad(QStringLiteral("status code is not 3 digits"));
    m_head.httpVersion = QString::fromLatin1(version);
    m_head.status = code.toInt();
    m_head.reason = line.size() > sp + 5 ? line.mid(sp + 5) : QByteArray();
    if (line.size() == sp + 4)
        m_warnings
            << QStringLiteral("status line %1 has no space and no reason phrase after the code").arg(excerpt(line));
    return true;
}

// RFC 9112 §5. A user agent must unfold obs-fold rather than reject it (§5.2), so folding is only a
// warning; a name that is not a token is kept as received, since showing what arrived is the point.
bool ResponseParser::addFieldLine(
    const QByteArray &line, HeaderList &fields, QList<ParseEvent> &events, const char *what)
{
    if (isOws(line.front())) {
        if (fields.isEmpty()) {
            fail(events, ErrorKind::Protocol,
                QStringLiteral("%1 line %2 starts with whitespace but there is no field before it to continue: %3")
                    .arg(QLatin1String(what))
                    .arg(m_lineNo)
                    .arg(excerpt(line)));
            return false;
        }
        // obs-fold: the raw line stays in the raw head; the value is unfolded with one space.
        Header &last = fields.last();
        const QByteArray more = trimOws(line);
        if (!more.isEmpty())
            last.value = last.value.isEmpty() ? more : last.value + ' ' + more;
        m_warnings << QStringLiteral("%1 \"%2\" is folded over several lines (obsolete line folding): "
                                     "unfolded with a space")
                          .arg(QLatin1String(what), escapeBytes(last.name));
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0) {
        fail(events, ErrorKind::Protocol,
            QStringLiteral("%1 line %2 has no colon: %3").arg(QLatin1String(what)).arg(m_lineNo).arg(excerpt(line)));
        return false;
    }
    if (colon == 0) {
        fail(events, ErrorKind::Protocol,
            QStringLiteral("%1 line %2 has an empty field name: %3")
                .arg(QLatin1String(what))
                .arg(m_lineNo)
                .arg(excerpt(line)));
        return false;
    }
    if (fields.size() >= m_limits.maxHeaderCount) {
        fail(events, ErrorKind::Protocol,
            QStringLiteral("response has more than %1 %2 fields (the field count limit)")
                .arg(m_limits.maxHeaderCount)
                .arg(QLatin1String(what)));
        return false;
    }
    Header h { line.first(colon), trimOws(QByteArrayView(line).sliced(colon + 1)) };
    if (!std::all_of(h.name.begin(), h.name.end(), isTokenChar))
        m_warnings << QStringLiteral(
            "%1 line %2: field name %3 has characters not allowed in a token (kept as received)")
                          .arg(QLatin1String(what))
                          .arg(m_lineNo)
                          .arg(excerpt(h.name));
    fields.append(std::move(h));
    return true;
}

// Message body length, in the order of RFC 9112 §6.3: no body for HEAD, 1xx, 204, 304 and a 2xx to
// CONNECT; then Transfer-Encoding (chunked last, else read until close); then a valid Content-Length
// (an invalid one cannot be recovered from); otherwise the body ends when the connection closes.
bool ResponseParser::decideFraming(QList<ParseEvent> &events)
{
    const int status = m_head.status;
    const bool noBody = m_method == "HEAD" || status == 204 || status == 304 || status == 101
        || (m_method == "CONNECT" && status >= 200 && status < 300);
    const QList<QByteArray> codings = listTokens(m_head.headers, "Transfer-Encoding");
    const QList<QByteArray> lengths = headerValues(m_head.headers, "Content-Length");

    // Content-Length: every value (also comma lists) must be the same non-negative number.
    QList<QByteArray> values;
    for (const QByteArray &v : lengths)
        for (const QByteArray &part : v.split(','))
            values << trimOws(part);
    QString lengthProblem;
    qint64 length = -1;
    for (const QByteArray &v : values) {
        if (v.startsWith('-') && allDigits(QByteArrayView(v).sliced(1))) {
            lengthProblem = QStringLiteral("negative Content-Length %1").arg(QLatin1String(v));
            break;
        }
        if (!allDigits(v)) {
            lengthProblem = QStringLiteral("invalid Content-Length %1 (not a decimal number)").arg(excerpt(v));
            break;
        }
        if (v.size() > 18) {
            lengthProblem = QStringLiteral("Content-Length %1 is too large").arg(QLatin1String(v));
            break;
        }
        const qint64 n = v.toLongLong();
        if (length >= 0 && n != length) {
            lengthProblem = QStringLiteral("conflicting Content-Length values %1 and %2").arg(length).arg(n);
            break;
        }
        length = n;
    }
    if (lengthProblem.isEmpty() && values.size() > 1)
        m_warnings
            << QStringLiteral("Content-Length given %1 times with the same value %2").arg(values.size()).arg(length);

    if (noBody) {
        m_framing = Framing::None;
        m_contentLength = lengthProblem.isEmpty() ? length : -1;
        if (!lengthProblem.isEmpty())
            m_warnings << lengthProblem + QStringLiteral(" (ignored: this response has no body)");
        complete(events);
        return true;
    }
    if (!codings.isEmpty()) {
        if (!lengths.isEmpty()) {
            m_forceClose = true; // request smuggling territory: never reuse
            m_warnings << QStringLiteral("both Transfer-Encoding and Content-Length were sent: "
                                         "Content-Length ignored, connection not reused");
        }
        if (const auto n = codings.count("chunked"); n > 1)
            m_warnings << QStringLiteral("Transfer-Encoding lists chunked %1 times: a sender must apply it once "
                                         "(RFC 9112 §6.1); the body was de-chunked once")
                              .arg(n);
        if (codings.last() == "chunked") {
            m_framing = Framing::Chunked;
            m_state = State::ChunkSize;
        } else {
            m_framing = Framing::Close;
            m_state = State::Body;
            m_warnings << QStringLiteral("Transfer-Encoding \"%1\" does not end with chunked: the body is read "
                                         "until the connection closes")
                              .arg(QString::fromLatin1(codings.join(", ")));
        }
        return true;
    }
    if (!lengthProblem.isEmpty()) {
        fail(events, ErrorKind::Protocol, lengthProblem + QStringLiteral(": the body cannot be framed"));
        return false;
    }
    if (length >= 0) {
        m_framing = Framing::ContentLength;
        m_contentLength = length;
        m_remaining = length;
        if (length == 0)
            complete(events);
        else
            m_state = State::Body;
        return true;
    }
    m_framing = Framing::Close;
    m_state = State::Body;
    return true;
}

// 1xx heads are interim (RFC 9110 §15.2): reported, then the parser waits for the next head. 101 is
// final here, since after it the connection no longer speaks HTTP/1.1.
void ResponseParser::endOfHead(QList<ParseEvent> &events)
{
    if (m_head.status >= 100 && m_head.status < 200 && m_head.status != 101) {
        if (++m_informationalCount > m_limits.maxInformational) {
            fail(events, ErrorKind::Protocol,
                QStringLiteral("more than %1 informational (1xx) responses before a final one")
                    .arg(m_limits.maxInformational));
            return;
        }
        ParseEvent e;
        e.type = ParseEvent::Type::Informational;
        e.head = m_head;
        events.append(std::move(e));
        startHead();
        return;
    }
    m_headSeen = true;
    ParseEvent e;
    e.type = ParseEvent::Type::Head;
    e.head = m_head;
    events.append(std::move(e));
    decideFraming(events);
}

// Loops while a state can progress on the bytes at hand. Consumed bytes are removed once per call,
// not per line, so a head with many short lines is not copied over and over.
QList<ParseEvent> ResponseParser::feed(QByteArrayView bytes)
{
    QList<ParseEvent> events;
    m_received += bytes.size();
    if (m_state == State::Failed)
        return events;
    if (m_state == State::Done) {
        m_excessBytes += bytes.size();
        if (m_excessSample.size() < 200)
            m_excessSample += bytes.first(std::min<qsizetype>(bytes.size(), 200 - m_excessSample.size()));
        return events;
    }
    m_buf.append(bytes);

    QByteArray line;
    bool progress = true;
    while (progress && m_state != State::Failed) {
        progress = false;
        const qsizetype avail = m_buf.size() - m_pos;
        switch (m_state) {
        case State::StatusLine:
        case State::Headers:
        case State::Trailers: {
            if (!takeLine(line, events))
                break;
            progress = true;
            const bool trailers = m_state == State::Trailers;
            (trailers ? m_rawTrailers : m_head.rawHead) += line;
            const bool crlf = line.endsWith("\r\n");
            line.chop(crlf ? 2 : 1);
            m_lfOnly = m_lfOnly || !crlf;
            noteForbiddenBytes(line);
            if (m_state == State::StatusLine) {
                if (line.isEmpty()) {
                    // Stray empty lines before a status line (a sloppy previous response) are kept raw.
                    m_warnings << QStringLiteral("empty line before the status line (kept in the raw head)");
                    --m_lineNo;
                    break;
                }
                if (parseStatusLine(line, events))
                    m_state = State::Headers;
            } else if (line.isEmpty()) {
                if (trailers)
                    complete(events);
                else
                    endOfHead(events);
            } else {
                addFieldLine(line, trailers ? m_trailers : m_head.headers, events, trailers ? "trailer" : "header");
            }
            break;
        }
        case State::Body: {
            if (avail == 0)
                break;
            if (m_framing == Framing::Close) {
                body(events, avail);
                break;
            }
            const qsizetype n = qsizetype(std::min<qint64>(avail, m_remaining));
            body(events, n);
            m_remaining -= n;
            if (m_remaining == 0)
                complete(events);
            progress = true;
            break;
        }
        case State::ChunkSize: {
            if (!takeLine(line, events))
                break;
            progress = true;
            QByteArray size = line;
            m_lfOnly = m_lfOnly || !size.endsWith("\r\n");
            size.chop(size.endsWith("\r\n") ? 2 : 1);
            const QByteArray raw = size;
            if (const qsizetype semi = size.indexOf(';'); semi >= 0)
                size.truncate(semi); // chunk extensions are allowed and ignored
            size = trimOws(size);
            // At most 15 hex digits, so the value cannot overflow qint64.
            bool ok = !size.isEmpty() && size.size() <= 15 && std::all_of(size.begin(), size.end(), [](char c) {
                return std::isxdigit(static_cast<unsigned char>(c));
            });
            const qint64 n = ok ? size.toLongLong(&ok, 16) : 0;
            if (!ok) {
                fail(events, ErrorKind::Protocol,
                    QStringLiteral("invalid chunk size line %1 after %2 body bytes")
                        .arg(excerpt(raw))
                        .arg(m_bodyBytes));
                break;
            }
            if (n == 0) {
                m_state = State::Trailers;
                m_lineNo = 0;
                m_headBytes = 0;
            } else {
                m_remaining = n;
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            if (avail == 0)
                break;
            const qsizetype n = qsizetype(std::min<qint64>(avail, m_remaining));
            body(events, n);
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            progress = true;
            break;
        }
        // chunk-data is followed by CRLF (RFC 9112 §7.1); anything else means the chunk size lied.
        case State::ChunkDataEnd: {
            if (!takeLine(line, events))
                break;
            progress = true;
            if (line != "\r\n" && line != "\n")
                fail(events, ErrorKind::Protocol,
                    QStringLiteral("chunk data is not followed by a line end (found %1) after %2 body bytes")
                        .arg(excerpt(line))
                        .arg(m_bodyBytes));
            else
                m_state = State::ChunkSize;
            break;
        }
        case State::Done:
            if (avail > 0) {
                m_excessBytes += avail;
                m_excessSample += m_buf.sliced(m_pos, std::min<qsizetype>(avail, 200));
                m_pos = m_buf.size();
            }
            break;
        case State::Failed: break;
        }
    }
    m_buf.remove(0, m_pos);
    m_pos = 0;
    if (m_state == State::Failed)
        m_buf.clear();
    return events;
}

qint64 ResponseParser::directBodyRoom() const
{
    if (!m_buf.isEmpty())
        return 0;
    if (m_state == State::Body)
        return m_framing == Framing::Close ? std::numeric_limits<qint64>::max() : m_remaining;
    if (m_state == State::ChunkData)
        return m_remaining;
    return 0;
}

// Must leave the parser in exactly the state feed() would have, or the zero-copy path and the
// ordinary path would frame the same bytes differently.
QList<ParseEvent> ResponseParser::bodyDelivered(qint64 n)
{
    QList<ParseEvent> events;
    Q_ASSERT(n >= 0 && n <= directBodyRoom());
    if (n <= 0 || n > directBodyRoom())
        return events;
    m_received += n;
    m_bodyBytes += n;
    if (m_state == State::Body && m_framing == Framing::Close)
        return events;
    m_remaining -= n;
    if (m_remaining == 0) {
        if (m_state == State::Body)
            complete(events);
        else
            m_state = State::ChunkDataEnd;
    }
    return events;
}

// Each message says how far the response got, so a user can tell "never answered" from "cut off".
QList<ParseEvent> ResponseParser::finish()
{
    QList<ParseEvent> events;
    switch (m_state) {
    case State::Done:
    case State::Failed: break;
    case State::StatusLine:
    case State::Headers:
        if (m_received == 0)
            fail(events, ErrorKind::Closed, QStringLiteral("the connection closed before any response byte"));
        else if (m_head.rawHead.isEmpty() && m_buf.isEmpty() && m_informationalCount > 0)
            fail(events, ErrorKind::Closed,
                QStringLiteral("the connection closed after %1 informational response(s) and before the final one")
                    .arg(m_informationalCount));
        else
            fail(events, ErrorKind::Closed,
                QStringLiteral("the connection closed in the middle of the response head (%1 bytes of it received)")
                    .arg(m_head.rawHead.size() + m_buf.size()));
        break;
    case State::Body:
        if (m_framing == Framing::Close)
            complete(events);
        else
            fail(events, ErrorKind::Closed,
                QStringLiteral("the connection closed after %1 of the %2 body bytes announced by Content-Length")
                    .arg(m_bodyBytes)
                    .arg(m_contentLength));
        break;
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkDataEnd:
        fail(events, ErrorKind::Closed,
            QStringLiteral("the connection closed inside the chunked body after %1 body bytes (no last chunk)")
                .arg(m_bodyBytes));
        break;
    case State::Trailers:
        fail(events, ErrorKind::Closed,
            QStringLiteral("the connection closed inside the trailer section after %1 body bytes").arg(m_bodyBytes));
        break;
    }
    return events;
}

// RFC 9112 §9.3: 1.1 persists unless "close", 1.0 only with "keep-alive". Any framing doubt (close-
// delimited body, TE with CL, bytes after the end) also rules reuse out, since the next response
// could not be found reliably.
bool ResponseParser::keepAlive() const
{
    if (m_state != State::Done || m_forceClose || m_framing == Framing::Close || m_excessBytes > 0)
        return false;
    if (m_head.status == 101)
        return false;
    const QList<QByteArray> tokens = listTokens(m_head.headers, "Connection");
    if (tokens.contains("close"))
        return false;
    if (m_head.httpVersion == QLatin1String("1.0"))
        return tokens.contains("keep-alive");
    return true;
}

QStringList ResponseParser::warnings() const
{
    QStringList out = m_warnings;
    out.removeDuplicates();
    if (m_forbiddenLines > MaxForbiddenNotes)
        out << QStringLiteral("%1 more head lines hold a bare CR or a NUL").arg(m_forbiddenLines - MaxForbiddenNotes);
    if (m_lfOnly)
        out << QStringLiteral("the response uses bare LF line ends instead of CRLF (accepted)");
    if (m_excessBytes > 0) {
        QString why;
        if (m_framing == Framing::None)
            why = QStringLiteral("a %1 response has no body").arg(m_head.status);
        else if (m_framing == Framing::ContentLength)
            why = QStringLiteral("more than the %1 bytes announced by Content-Length").arg(m_contentLength);
        else
            why = QStringLiteral("after the last chunk");
        out << QStringLiteral("%1 extra bytes arrived after the end of the response (%2), starting with %3; "
                              "they are not part of the body and the connection was not reused")
                   .arg(m_excessBytes)
                   .arg(why, excerpt(m_excessSample));
    }
    return out;
}

} // namespace verbscope::http
