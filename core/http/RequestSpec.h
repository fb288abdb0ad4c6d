// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Headers.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace verbscope::http {

class CookieJar;

enum class RedirectMode { Off, Follow };
enum class TransportKind { Qt, Wire };

struct RequestOptions {
    int idleTimeoutMs = 30'000; // inactivity; always on
    int totalTimeoutMs = 0; // whole exchange including redirects; 0 = none
    RedirectMode redirects = RedirectMode::Off;
    int maxRedirects = 20;
    bool verifyTls = true; // off only per request (-k)
    QString proxy; // explicit proxy URL; empty = from the environment
    bool useEnvironmentProxy = true;
    bool allowHttp2 = false; // HTTP/1.1 unless asked: it is what the record can show exactly
    TransportKind transport = TransportKind::Qt;
    // Stream the decoded body here instead of memory, any size; "-" is standard output.
    QString outputFile;
    qint64 maxBodyInMemory = 256LL * 1024 * 1024; // the body kept when it has no outputFile
    qint64 maxBodyKeptBesideOutput = 0; // with an outputFile: a copy kept in memory (for the history)
    qint64 maxRawBodyKept = 64LL * 1024 * 1024; // raw (still encoded) copy kept for display
    qint64 maxDecodedSize = 1LL << 30; // bomb guard: past this many decoded bytes...
    int decodeMaxRatio = 100; // ...stop when decoded/raw exceeds this
    int connectTimeoutMs = 0; // connecting alone (the wire transport); 0 = idleTimeoutMs
    bool encodeUrl = true; // false: the wire transport sends spaces and non-ASCII as typed (@no-auto-encoding)
    bool keepInHistory = true; // false: the app does not record the exchange (@no-log)
    // Sent from and filled by every hop, redirects included; null = no jar. Shared: a run or an
    // environment owns it, each request's options point at it.
    std::shared_ptr<CookieJar> cookieJar;
    bool useCookieJar = true; // false: this request neither sends nor stores cookies (@no-cookie-jar)
};

// What the user asked for: any token as method, headers in order with duplicates, any body.
struct RequestSpec {
    QByteArray method = "GET";
    QString url;
    HeaderList headers;
    QByteArray body;
    QString bodyFile; // body read from this file when set
    bool hasBody = false; // a body was given (even an empty one: Content-Length: 0 is sent)
    RequestOptions options;
};

// "example.com/x" → "http://example.com/x", as curl does; a URL with a scheme is kept.
// Spaces and | { } " < > ^ \ ` after the host are percent-encoded, as the .http files and browsers
// do; `warning`, when given, then says what was encoded and the URL that will be sent.
QString normaliseUrl(const QString &url, QString *warning = nullptr);

// All problems that make a spec unsendable, each naming what is wrong. Empty when valid.
QStringList validate(const RequestSpec &spec);

} // namespace verbscope::http
