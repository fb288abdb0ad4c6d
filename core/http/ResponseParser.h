// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>

namespace verbscope::http {

// Limits that turn a hostile or broken head into a clear error instead of unbounded memory.
struct ParserLimits {
    qint64 maxHeadBytes = 1 << 20; // one head (status line + fields + blank line), also trailers
    int maxHeaderCount = 1000; // fields in one head, also trailers
    qint64 maxLineBytes = 64 * 1024; // one line, including its line end
    int maxInformational = 100; // 1xx heads before the final one
};

// One thing the parser found, in the order it found them.
struct ParseEvent {
    enum class Type { Informational, Head, Body, Complete, Error };
    Type type = Type::Complete;
    ResponseHead head; // Informational, Head
    QByteArray data; // Body: de-chunked, still content-encoded
    ErrorKind errorKind = ErrorKind::None; // Error: Protocol, or Closed for a cut-off response
    QString message; // Error
};

// Incremental HTTP/1.x response parser: feed it bytes as they arrive, read the events.
// It is exact rather than forgiving: the status line, reason bytes, every field in order with
// duplicates and empty values and each head's raw bytes are kept; lenient input (LF-only line
// ends, obs-fold) is accepted but noted in warnings(); everything it cannot frame is an error.
// No QObject and no I/O, so hostile input can be tested without sockets.
class ResponseParser
{
public:
    enum class Framing { Unknown, None, ContentLength, Chunked, Close };

    explicit ResponseParser(ParserLimits limits = {});

    // The request's method decides whether a body follows (HEAD: never; CONNECT 2xx: tunnel).
    void setRequestMethod(QByteArrayView method);

    QList<ParseEvent> feed(QByteArrayView bytes);
    // The peer closed the connection: completes a close-delimited body, otherwise an error.
    QList<ParseEvent> finish();

    // The zero-copy path for bodies: how many bytes, from here on, are body data the caller may
    // read from the socket and hand on itself instead of feeding them (the rest of a
    // Content-Length body or of a chunk, or any amount of a close-delimited body). 0 when the
    // parser holds unparsed bytes or is not inside body data.
    qint64 directBodyRoom() const;
    // Accounts for `n` (at most directBodyRoom()) body bytes the caller handed on itself, exactly
    // as feed() would have; returns what follows them (Complete at the end of a sized body).
    QList<ParseEvent> bodyDelivered(qint64 n);

    bool isComplete() const { return m_state == State::Done; }
    bool hasError() const { return m_state == State::Failed; }
    bool receivedAnything() const { return m_received > 0; }
    bool headSeen() const { return m_headSeen; }
    Framing framing() const { return m_framing; }
    qint64 bodyBytes() const { return m_bodyBytes; }
    // Content-Length of the final head, -1 when there is none.
    qint64 contentLength() const { return m_contentLength; }
    // Whether the connection may carry another request after this response.
    bool keepAlive() const;
    const HeaderList &trailers() const { return m_trailers; }
    const QByteArray &rawTrailers() const { return m_rawTrailers; }
    // Bytes that arrived after the response was complete (a body longer than announced…).
    qint64 excessBytes() const { return m_excessBytes; }
    QByteArray excessSample() const { return m_excessSample; }
    QStringList warnings() const;

private:
    enum class State { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Failed };

    bool takeLine(QByteArray &line, QList<ParseEvent> &events);
    void noteForbiddenBytes(const QByteArray &line);
    bool parseStatusLine(const QByteArray &line, QList<ParseEvent> &events);
    bool addFieldLine(const QByteArray &line, HeaderList &fields, QList<ParseEvent> &events, const char *what);
    void endOfHead(QList<ParseEvent> &events);
    bool decideFraming(QList<ParseEvent> &events);
    void fail(QList<ParseEvent> &events, ErrorKind kind, const QString &message);
    void complete(QList<ParseEvent> &events);
    void body(QList<ParseEvent> &events, qsizetype n);
    void startHead();

    ParserLimits m_limits;
    QByteArray m_method;
    State m_state = State::StatusLine;
    QByteArray m_buf;
    qsizetype m_pos = 0; // parsed up to here in m_buf
    qint64 m_received = 0;
    int m_lineNo = 0; // line number inside the current head (1 = status line)
    qint64 m_headBytes = 0;
    ResponseHead m_head;
    bool m_headSeen = false;
    int m_informationalCount = 0;
    Framing m_framing = Framing::Unknown;
    qint64 m_contentLength = -1;
    qint64 m_remaining = 0; // of the fixed length or current chunk
    qint64 m_bodyBytes = 0;
    HeaderList m_trailers;
    QByteArray m_rawTrailers;
    qint64 m_excessBytes = 0;
    QByteArray m_excessSample;
    bool m_lfOnly = false;
    int m_forbiddenLines = 0; // head lines holding a bare CR or a NUL
    bool m_forceClose = false; // framing ambiguity: never reuse this connection
    QStringList m_warnings;
};

} // namespace verbscope::http
