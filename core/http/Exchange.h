// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Headers.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace verbscope::http {

// How much of the record is the literal bytes: `Wire` = read off the socket,
// `Qt` = QNetworkAccessManager's cooked view (merged duplicates, no empty headers, no version).
enum class Fidelity { Qt, Wire };

enum class ErrorKind {
    None,
    InvalidRequest,
    Dns,
    Refused,
    Timeout,
    Tls,
    Closed,
    Protocol,
    Canceled,
    TooManyRedirects,
    Io,
    Other,
};
QString errorKindName(ErrorKind kind); // "dns", "too-many-redirects", …

struct TransportError {
    ErrorKind kind = ErrorKind::None;
    QString message;
    bool isError() const { return kind != ErrorKind::None; }
};

// Milliseconds from the start of the hop at which each phase ended; nullopt = not measured.
struct Timings {
    std::optional<double> dns;
    std::optional<double> connect;
    std::optional<double> tls;
    std::optional<double> sent;
    std::optional<double> firstByte;
    std::optional<double> total;
};

struct Certificate {
    QString subject;
    QString issuer;
    QDateTime notBefore;
    QDateTime notAfter;
    QString sha256;
    QStringList subjectAltNames;
};

struct TlsInfo {
    bool used = false;
    QString protocol;
    QString cipher;
    QString alpn;
    QList<Certificate> peerChain;
    QStringList errors;
    bool verificationDisabled = false;
};

struct SentRequest {
    QByteArray method;
    QString url;
    QByteArray target; // request-target as written (wire transport); empty for Qt
    HeaderList headers; // in wire order, including what the transport added
    qint64 bodySize = 0;
    QByteArray body; // kept up to a cap for display and history
    QByteArray rawHead; // exact bytes written (wire transport only)
    QString proxy; // proxy URL the request went through, empty when direct
};

// One response head; several per hop when 1xx informational responses come first.
struct ResponseHead {
    int status = 0;
    QByteArray reason;
    QString httpVersion; // "1.1", "1.0", "2", or "1.x" when Qt cannot tell
    HeaderList headers;
    QByteArray rawHead; // exact bytes (wire transport only)
};

struct Response {
    bool received = false;
    ResponseHead head;
    QList<ResponseHead> informational; // 100, 103… before the final head
    QByteArray rawBody; // as received (still content-encoded), up to a cap
    bool rawBodyTruncated = false;
    // Decoded, up to a cap; with bodyFile, empty or the first bytes only (a copy for the history).
    QByteArray body;
    bool bodyTruncated = false; // `body` holds fewer bytes than decodedSize
    qint64 rawSize = 0; // bytes of body received
    qint64 decodedSize = 0; // bytes of the body as delivered (the raw size once decodeStopped)
    QString bodyFile; // where the body went (-o; "-" is standard output)
    QByteArray contentEncoding;
    QString decodeError; // decoding failed or was stopped; rawBody stays available
    // The bomb guard stopped decoding: body and bodyFile hold the bytes as received (still encoded).
    bool decodeStopped = false;
    // With decodeStopped: the raw bytes could not replace the decoded start (it had gone into a
    // pipe, or the raw copy was no longer whole), so body and bodyFile hold only that start.
    bool outputIncomplete = false;
    HeaderList trailers; // fields after a chunked body (wire transport only)
    QByteArray rawTrailers; // their exact bytes, up to and including the final blank line
    QString bodyNotKept; // why a record from the history has none of the body's bytes
};

struct Hop {
    SentRequest request;
    Response response;
    Timings timings;
    TlsInfo tls;
    TransportError error;
    QStringList warnings;
    QStringList cookieNotes; // what the cookie jar sent, stored or refused on this hop, and why
};

// The one record every view, store and export uses.
struct Exchange {
    Fidelity fidelity = Fidelity::Qt;
    QDateTime startedAt;
    SentRequest request; // the final hop's request
    Response response; // the final hop's response (received == false if none)
    QList<Hop> redirects; // earlier hops that answered with a redirect that was followed
    Timings timings; // of the final hop; total covers the whole exchange
    TlsInfo tls;
    TransportError error;
    QStringList warnings; // what the record cannot show faithfully, decoding problems…
    QStringList cookieNotes; // the final hop's; each redirect keeps its own in Hop::cookieNotes
};

} // namespace verbscope::http
