// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/RequestParser.h"

#include "core/http/HttpSyntax.h"

#include <cctype>

// The demo server's request parser. It follows RFC 9112 strictly and explains every rejection in
// words, because the demo exists to show what a careful server answers; it must never guess framing.

namespace verbscope::demo {

// A present parameter without '=' gives "" (not null), so callers can tell "?n" from no "n" at all.
QByteArray DemoRequest::queryValue(QByteArrayView name) const
{
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        if (QByteArrayView(pair).first(eq < 0 ? pair.size() : eq) == name)
            return eq < 0 ? QByteArray("") : pair.mid(eq + 1);
    }
    return {};
}

namespace {

using Result = RequestParser::Result;

Result failure(int status, const char *reason, const QByteArray &detail)
{
    Result r;
    r.state = RequestParser::State::Error;
    r.errorStatus = status;
    r.errorReason = reason;
    r.errorDetail = detail;
    return r;
}

QByteArray describe(char c)
{
    return http::describeByte(static_cast<unsigned char>(c)).toUtf8();
}

bool isCtl(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
}

// OWS is only SP and HTAB (RFC 9110 §5.6.3); QByteArray::trimmed() would also eat CR, LF, VT and FF.
QByteArray trimOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v.toByteArray();
}

// Line ending at '\n' starting at `from`, without the CR; -1 in `next` when incomplete.
QByteArrayView lineAt(QByteArrayView buffer, qsizetype from, qsizetype &next)
{
    const qsizetype nl = buffer.indexOf('\n', from);
    if (nl < 0) {
        next = -1;
        return {};
    }
    next = nl + 1;
    QByteArrayView line = buffer.sliced(from, nl - from);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

QList<QByteArray> commaTokens(const QByteArray &value)
{
    QList<QByteArray> out;
    for (const QByteArray &part : value.split(','))
        if (const QByteArray t = trimOws(part).toLower(); !t.isEmpty())
            out.append(t);
    return out;
}

// Walks a chunked body from `pos`; Complete with the decoded body and the end offset,
// NeedMore when bytes are missing, Error on a malformed or oversized chunk.
// Chunked framing per RFC 9112 §7.1. Chunk extensions are ignored; a bare LF after chunk data is
// accepted like the line ends elsewhere. The whole buffer is re-walked on each call, which is fine at
// demo sizes and keeps the parser free of state.
Result readChunked(QByteArrayView buffer, qsizetype pos, qint64 maxBody, qsizetype maxTrailers)
{
    Result r;
    QByteArray body;
    for (;;) {
        qsizetype next = 0;
        const QByteArrayView line = lineAt(buffer, pos, next);
        if (next < 0)
            return buffer.size() - pos > 1024
                ? failure(400, "Bad Request", "A chunk-size line is longer than 1024 bytes.")
                : r;
        const qsizetype semicolon = line.indexOf(';');
        const QByteArray hex = trimOws(semicolon < 0 ? line : line.first(semicolon));
        bool ok = !hex.isEmpty() && hex.size() <= 15;
        for (char c : hex)
            ok = ok && std::isxdigit(static_cast<unsigned char>(c));
        const qint64 size = ok ? hex.toLongLong(&ok, 16) : -1;
        if (!ok)
            return failure(
                400, "Bad Request", "Invalid chunk size \"" + hex.left(40) + "\" in the chunked request body.");
        if (body.size() + size > maxBody)
            return failure(
                413, "Content Too Large", "The chunked request body is larger than the demo server accepts.");
        pos = next;
        if (size == 0) {
            // Trailer fields up to the blank line; the demo does not use them.
            for (;;) {
                const QByteArrayView trailer = lineAt(buffer, pos, next);
                if (next < 0)
                    return buffer.size() - pos > maxTrailers
                        ? failure(431, "Request Header Fields Too Large", "The chunked trailer section is too large.")
                        : r;
                pos = next;
                if (trailer.isEmpty())
                    break;
            }
            r.state = RequestParser::State::Complete;
            r.request.body = body;
            r.consumed = pos;
            return r;
        }
        if (buffer.size() < pos + size + 1)
            return r;
        body += buffer.sliced(pos, size);
        pos += size;
        if (buffer.at(pos) == '\n') {
            pos += 1;
        } else if (buffer.at(pos) == '\r') {
            if (buffer.size() < pos + 2)
                return r;
            if (buffer.at(pos + 1) != '\n')
                return failure(400, "Bad Request", "A chunk is not followed by CRLF.");
            pos += 2;
        } else {
            return failure(400, "Bad Request", "A chunk is longer than its chunk size says.");
        }
    }
}

} // namespace

// Header lines are judged as the head is scanned; the request line (RFC 9112 §3), Host (§3.2) and
// body framing (§6.1–6.3) only once the blank line is in. The limits answer 414/431/413 instead of
// buffering without bound.
Result RequestParser::parse(QByteArrayView buffer) const
{
    qsizetype start = 0;
    // RFC 9112 2.2: ignore empty lines before the request line (left over from a previous body).
    while (start < buffer.size() && (buffer.at(start) == '\r' || buffer.at(start) == '\n'))
        ++start;
    if (start > m_limits.maxRequestLine)
        return failure(400, "Bad Request", "Too many empty lines before the request line.");

    qsizetype pos = 0;
    const QByteArrayView requestLine = lineAt(buffer, start, pos);
    if (pos < 0) {
        if (buffer.size() - start > m_limits.maxRequestLine)
            return failure(414, "URI Too Long",
                "The request line is longer than " + QByteArray::number(m_limits.maxRequestLine) + " bytes.");
        return {};
    }
    if (requestLine.size() > m_limits.maxRequestLine)
        return failure(414, "URI Too Long",
            "The request line is longer than " + QByteArray::number(m_limits.maxRequestLine) + " bytes.");

    // Find the blank line that ends the head before looking at anything else in it.
    http::HeaderList headers;
    qsizetype headEnd = -1;
    for (qsizetype p = pos; headEnd < 0;) {
        qsizetype next = 0;
        const QByteArrayView line = lineAt(buffer, p, next);
        if (next < 0)
            break;
        if (next - start > m_limits.maxHead)
            break;
        if (line.isEmpty()) {
            headEnd = next;
            break;
        }
        // RFC 9112 §5.2: a server must reject obs-fold with 400 or unfold it; the demo rejects.
        if (line.front() == ' ' || line.front() == '\t')
            return failure(400, "Bad Request",
                "Header line " + QByteArray::number(headers.size() + 1)
                    + " starts with whitespace (obsolete line folding is not accepted).");
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            return failure(
                400, "Bad Request", "Header line " + QByteArray::number(headers.size() + 1) + " has no colon.");
        const QByteArrayView name = line.first(colon);
        if (name.isEmpty())
            return failure(400, "Bad Request",
                "Header line " + QByteArray::number(headers.size() + 1) + " has an empty field name.");
        for (char c : name) {
            if (!http::isTokenChar(c))
                return failure(400, "Bad Request",
                    "Header name \"" + name.toByteArray().left(60) + "\" contains " + describe(c)
                        + ", which is not allowed in a field name.");
        }
        const QByteArray value = trimOws(line.sliced(colon + 1));
        for (char c : value) {
            if (isCtl(c) && c != '\t')
                return failure(400, "Bad Request",
                    "The value of header \"" + name.toByteArray() + "\" contains " + describe(c) + ".");
        }
        headers.append({ name.toByteArray(), value });
        if (headers.size() > m_limits.maxFields)
            return failure(431, "Request Header Fields Too Large",
                "The request has more than " + QByteArray::number(m_limits.maxFields) + " header fields.");
        p = next;
    }
    if (headEnd < 0) {
        if (buffer.size() - start > m_limits.maxHead)
            return failure(431, "Request Header Fields Too Large",
                "The request head is larger than " + QByteArray::number(m_limits.maxHead) + " bytes.");
        return {};
    }

    Result r;
    DemoRequest &req = r.request;
    // Split on every single space: a double space yields an empty part, so it is rejected as malformed.
    const QList<QByteArrayView> parts = [&] {
        QList<QByteArrayView> out;
        for (qsizetype from = 0;;) {
            const qsizetype sp = requestLine.indexOf(' ', from);
            out.append(requestLine.sliced(from, (sp < 0 ? requestLine.size() : sp) - from));
            if (sp < 0)
                return out;
            from = sp + 1;
        }
    }();
    if (parts.size() != 3)
        return failure(400, "Bad Request",
            "The request line must be METHOD SP TARGET SP HTTP-VERSION, separated by single spaces.");
    req.method = parts.at(0).toByteArray();
    req.target = parts.at(1).toByteArray();
    req.version = parts.at(2).toByteArray();
    if (req.method.isEmpty())
        return failure(400, "Bad Request", "The method is empty.");
    for (qsizetype i = 0; i < req.method.size(); ++i) {
        if (!http::isTokenChar(req.method.at(i)))
            return failure(400, "Bad Request",
                "Character " + QByteArray::number(i + 1) + " of the method, " + describe(req.method.at(i))
                    + ", is not allowed in a token.");
    }
    if (req.target.isEmpty())
        return failure(400, "Bad Request", "The request target is empty.");
    for (char c : req.target) {
        if (isCtl(c))
            return failure(400, "Bad Request", "The request target contains " + describe(c) + ".");
    }
    const bool versionShape = req.version.size() == 8 && req.version.startsWith("HTTP/")
        && std::isdigit(static_cast<unsigned char>(req.version.at(5))) && req.version.at(6) == '.'
        && std::isdigit(static_cast<unsigned char>(req.version.at(7)));
    if (!versionShape)
        return failure(
            400, "Bad Request", "\"" + req.version.left(40) + "\" is not an HTTP version (expected HTTP/1.1).");
    if (req.version != "HTTP/1.1" && req.version != "HTTP/1.0")
        return failure(505, "HTTP Version Not Supported",
            req.version + " is not supported; the demo server speaks HTTP/1.0 and HTTP/1.1.");
    req.headers = headers;

    // absolute-form (RFC 9112 §3.2.2) is what a client sends to a proxy; the /proxy routes need its path.
    if (req.target.startsWith("http://") || req.target.startsWith("https://")) {
        const qsizetype slash = req.target.indexOf('/', req.target.indexOf("://") + 3);
        req.path = slash < 0 ? QByteArray("/") : req.target.mid(slash);
    } else {
        req.path = req.target;
    }
    if (const qsizetype q = req.path.indexOf('?'); q >= 0) {
        req.query = req.path.mid(q + 1);
        req.path.truncate(q);
    }

    // RFC 9112 §3.2: 400 for an HTTP/1.1 request without Host, or with more than one.
    const QList<QByteArray> hosts = http::headerValues(headers, "Host");
    if (req.version == "HTTP/1.1" && hosts.isEmpty())
        return failure(400, "Bad Request", "An HTTP/1.1 request must have a Host header.");
    if (hosts.size() > 1)
        return failure(400, "Bad Request", "The request has more than one Host header.");

    const QList<QByteArray> connection = commaTokens(http::headerValues(headers, "Connection").join(','));
    // Persistence defaults differ by version (RFC 9112 §9.3): 1.1 keeps the connection unless "close",
    // 1.0 only with "keep-alive".
    req.keepAlive = req.version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");

    const QList<QByteArray> lengths = http::headerValues(headers, "Content-Length");
    const QList<QByteArray> codings = commaTokens(http::headerValues(headers, "Transfer-Encoding").join(','));
    // Both framing headers is the classic smuggling shape (RFC 9112 §6.3, §11.2): reject rather than pick one.
    // A transfer coding other than plain chunked is not understood, hence 501 (RFC 9112 §6.1).
    if (!codings.isEmpty() || http::hasHeader(headers, "Transfer-Encoding")) {
        if (!lengths.isEmpty())
            return failure(400, "Bad Request",
                "The request has both Transfer-Encoding and Content-Length (a request smuggling pattern).");
        if (codings != QList<QByteArray> { "chunked" })
            return failure(501, "Not Implemented",
                "Transfer-Encoding \"" + http::headerValues(headers, "Transfer-Encoding").join(", ")
                    + "\" is not supported; only chunked is.");
        req.chunked = true;
    }
    qint64 length = 0;
    for (const QByteArray &value : lengths) {
        bool ok = !value.isEmpty() && value.size() <= 18;
        for (char c : value)
            ok = ok && std::isdigit(static_cast<unsigned char>(c));
        const qint64 n = ok ? value.toLongLong(&ok) : -1;
        if (!ok)
            return failure(400, "Bad Request", "Content-Length \"" + value.left(40) + "\" is not a number.");
        // Repeated Content-Length is only acceptable when all values agree (RFC 9110 §8.6).
        if (req.hasContentLength && n != length)
            return failure(400, "Bad Request", "The request has Content-Length headers that disagree.");
        req.hasContentLength = true;
        length = n;
    }
    if (length > m_limits.maxBody)
        return failure(413, "Content Too Large",
            "The request body (" + QByteArray::number(length) + " bytes) is larger than the demo server accepts.");

    r.headComplete = true;
    if (req.chunked) {
        Result body = readChunked(buffer, headEnd, m_limits.maxBody, m_limits.maxHead);
        if (body.state == State::Error)
            return body;
        if (body.state == State::NeedMore)
            return r;
        req.body = body.request.body;
        r.consumed = body.consumed;
    } else {
        if (buffer.size() < headEnd + length)
            return r;
        req.body = buffer.sliced(headEnd, length).toByteArray();
        r.consumed = headEnd + length;
    }
    r.state = State::Complete;
    return r;
}

} // namespace verbscope::demo
