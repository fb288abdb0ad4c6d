// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/SecretMasker.h"

#include "core/diagnosis/Diagnosis.h"
#include "core/http/Secrets.h"

namespace verbscope::history {

using namespace verbscope::http;

namespace {
const QByteArray Stars = "****";

QByteArray maskCredentials(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    const qsizetype space = trimmed.indexOf(' ');
    if (space < 0) // no scheme: a bare token
        return trimmed.size() >= 16 ? Stars + trimmed.right(4) : Stars;
    const QByteArray scheme = trimmed.left(space);
    const QByteArray credentials = trimmed.mid(space + 1).trimmed();
    // Basic is base64 of "user:password": its tail is the end of the password.
    if (scheme.compare("Basic", Qt::CaseInsensitive) == 0 || credentials.size() < 16)
        return scheme + ' ' + Stars;
    return scheme + ' ' + Stars + credentials.right(4);
}

QByteArray maskCookiePairs(const QByteArray &value)
{
    QList<QByteArray> out;
    for (const QByteArray &pair : value.split(';')) {
        const qsizetype eq = pair.indexOf('=');
        out << (eq < 0 ? pair : pair.left(eq + 1) + Stars);
    }
    return out.join(';');
}

QByteArray maskSetCookie(const QByteArray &value)
{
    // Qt joins several Set-Cookie fields with '\n'.
    QList<QByteArray> lines;
    for (const QByteArray &line : value.split('\n')) {
        const qsizetype semi = line.indexOf(';');
        const QByteArray first = semi < 0 ? line : line.left(semi);
        const qsizetype eq = first.indexOf('=');
        const QByteArray masked = eq < 0 ? first : first.left(eq + 1) + Stars;
        lines << (semi < 0 ? masked : masked + line.mid(semi));
    }
    return lines.join('\n');
}

// An API key or token without a scheme: "****" and, when long enough to stay unguessable,
// its last 4 characters so two keys can still be told apart.
QByteArray maskOpaque(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    return trimmed.size() >= 16 ? Stars + trimmed.right(4) : Stars;
}

bool isUrlHeader(const QByteArray &name)
{
    return headerNameEquals(name, "Location") || headerNameEquals(name, "Content-Location")
        || headerNameEquals(name, "Refresh");
}

// The request line's target: "GET /x?api_key=… HTTP/1.1" with the secret parameters masked.
QByteArray maskRequestLine(const QByteArray &head)
{
    const qsizetype eol = head.indexOf('\n');
    const QByteArray line = eol < 0 ? head : head.left(eol);
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = line.lastIndexOf(' ');
    if (sp1 < 0 || sp2 <= sp1)
        return head;
    const QString target = QString::fromLatin1(line.mid(sp1 + 1, sp2 - sp1 - 1));
    const QString masked = redactUrl(target);
    if (masked == target)
        return head;
    return line.left(sp1 + 1) + masked.toLatin1() + head.mid(sp2);
}

void maskHead(ResponseHead &head)
{
    SecretMasker::mask(head.headers);
    head.rawHead = SecretMasker::maskRawHead(head.rawHead);
}

void maskRequest(SentRequest &request)
{
    SecretMasker::mask(request.headers);
    request.rawHead = maskRequestLine(SecretMasker::maskRawHead(request.rawHead));
    request.url = redactUrl(request.url);
    request.proxy = redactUrl(request.proxy);
    request.target = redactUrl(QString::fromLatin1(request.target)).toLatin1();
}

void maskResponse(Response &response)
{
    maskHead(response.head);
    for (ResponseHead &h : response.informational)
        maskHead(h);
}
} // namespace

bool SecretMasker::isSecretHeader(QByteArrayView name)
{
    return isSecretHeaderName(name);
}

QByteArray SecretMasker::maskValue(QByteArrayView name, const QByteArray &value)
{
    const QByteArray n = name.toByteArray();
    if (headerNameEquals(n, "Authorization") || headerNameEquals(n, "Proxy-Authorization")
        || headerNameEquals(n, "Authentication"))
        return maskCredentials(value);
    if (headerNameEquals(n, "Cookie"))
        return maskCookiePairs(value);
    if (headerNameEquals(n, "Set-Cookie"))
        return maskSetCookie(value);
    if (isSecretHeaderName(QByteArrayView(n)))
        return maskOpaque(value);
    // A redirect carries ?code=… (OAuth) or a signed URL's signature: masked as the URL is.
    if (isUrlHeader(n))
        return redactUrl(QString::fromLatin1(value)).toLatin1();
    return value;
}

void SecretMasker::mask(HeaderList &headers)
{
    for (Header &h : headers)
        h.value = maskValue(h.name, h.value);
}

QByteArray SecretMasker::maskRawHead(const QByteArray &head)
{
    if (head.isEmpty())
        return head;
    QByteArray out;
    out.reserve(head.size());
    qsizetype pos = 0;
    bool first = true; // the request or status line is never a header
    while (pos < head.size()) {
        qsizetype end = head.indexOf('\n', pos);
        end = end < 0 ? head.size() : end + 1;
        const QByteArray line = head.mid(pos, end - pos);
        const qsizetype colon = line.indexOf(':');
        if (!first && colon > 0
            && (isSecretHeader(QByteArrayView(line.constData(), colon)) || isUrlHeader(line.left(colon)))) {
            qsizetype eol = line.size();
            while (eol > colon + 1 && (line.at(eol - 1) == '\n' || line.at(eol - 1) == '\r'))
                --eol;
            qsizetype valueStart = colon + 1;
            while (valueStart < eol && (line.at(valueStart) == ' ' || line.at(valueStart) == '\t'))
                ++valueStart;
            out += line.left(valueStart)
                + maskValue(QByteArrayView(line.constData(), colon), line.mid(valueStart, eol - valueStart))
                + line.mid(eol);
        } else {
            out += line;
        }
        first = false;
        pos = end;
    }
    return out;
}

void SecretMasker::mask(Exchange &ex)
{
    maskRequest(ex.request);
    maskResponse(ex.response);
    // Messages quote URLs ("refused: http://u:pw@h/…", "redirect to …?code=…").
    ex.error.message = redactText(ex.error.message);
    for (QString &w : ex.warnings)
        w = redactText(w);
    for (Hop &hop : ex.redirects) {
        maskRequest(hop.request);
        maskResponse(hop.response);
        hop.error.message = redactText(hop.error.message);
        for (QString &w : hop.warnings)
            w = redactText(w);
    }
}

void SecretMasker::mask(diagnosis::Diagnosis &d)
{
    mask(d.request.headers);
    d.request.url = redactUrl(d.request.url);
    d.request.options.proxy = redactUrl(d.request.options.proxy);
    mask(d.exchange);
    for (diagnosis::Check &c : d.checks) {
        mask(c.request.headers);
        c.request.url = redactUrl(c.request.url);
        c.request.options.proxy = redactUrl(c.request.options.proxy);
        mask(c.exchange);
    }
    for (diagnosis::Suggestion &s : d.suggestions)
        if (s.request) {
            mask(s.request->headers);
            s.request->url = redactUrl(s.request->url);
        }
}

namespace {
void scrub(QByteArray &bytes, const QList<QByteArray> &secrets)
{
    for (const QByteArray &secret : secrets)
        if (secret.size() >= 3)
            bytes.replace(secret, Stars);
}

void scrub(QString &text, const QList<QByteArray> &secrets)
{
    for (const QByteArray &secret : secrets) {
        if (secret.size() < 3)
            continue;
        text.replace(QString::fromUtf8(secret), QString::fromLatin1(Stars));
        // A URL carries the value percent-encoded.
        text.replace(QString::fromLatin1(secret.toPercentEncoding()), QString::fromLatin1(Stars));
    }
}

void scrub(HeaderList &headers, const QList<QByteArray> &secrets)
{
    for (Header &h : headers)
        scrub(h.value, secrets);
}

void scrub(SentRequest &r, const QList<QByteArray> &secrets)
{
    scrub(r.url, secrets);
    scrub(r.target, secrets);
    scrub(r.headers, secrets);
    scrub(r.rawHead, secrets);
    scrub(r.body, secrets);
}
} // namespace

void SecretMasker::maskValues(Exchange &ex, const QList<QByteArray> &secrets)
{
    scrub(ex.request, secrets);
    for (Hop &hop : ex.redirects)
        scrub(hop.request, secrets);
    // Servers echo what they were sent (httpbin, error pages): the response is scrubbed too.
    scrub(ex.response.head.headers, secrets);
    scrub(ex.response.head.rawHead, secrets);
    scrub(ex.response.body, secrets);
    scrub(ex.response.rawBody, secrets);
}

void SecretMasker::maskValues(diagnosis::Diagnosis &d, const QList<QByteArray> &secrets)
{
    scrub(d.request.url, secrets);
    scrub(d.request.headers, secrets);
    scrub(d.request.body, secrets);
    maskValues(d.exchange, secrets);
    for (diagnosis::Check &c : d.checks) {
        scrub(c.request.url, secrets);
        scrub(c.request.headers, secrets);
        scrub(c.request.body, secrets);
        maskValues(c.exchange, secrets);
    }
    for (diagnosis::Suggestion &s : d.suggestions) {
        if (s.request) {
            scrub(s.request->url, secrets);
            scrub(s.request->headers, secrets);
            scrub(s.request->body, secrets);
        }
    }
}

} // namespace verbscope::history
