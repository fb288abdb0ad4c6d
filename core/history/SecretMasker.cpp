// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/SecretMasker.h"

#include "core/diagnosis/Diagnosis.h"

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

void maskHead(ResponseHead &head)
{
    SecretMasker::mask(head.headers);
    head.rawHead = SecretMasker::maskRawHead(head.rawHead);
}

void maskRequest(SentRequest &request)
{
    SecretMasker::mask(request.headers);
    request.rawHead = SecretMasker::maskRawHead(request.rawHead);
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
    return headerNameEquals(name.toByteArray(), "Authorization")
        || headerNameEquals(name.toByteArray(), "Proxy-Authorization") || headerNameEquals(name.toByteArray(), "Cookie")
        || headerNameEquals(name.toByteArray(), "Set-Cookie");
}

QByteArray SecretMasker::maskValue(QByteArrayView name, const QByteArray &value)
{
    const QByteArray n = name.toByteArray();
    if (headerNameEquals(n, "Authorization") || headerNameEquals(n, "Proxy-Authorization"))
        return maskCredentials(value);
    if (headerNameEquals(n, "Cookie"))
        return maskCookiePairs(value);
    if (headerNameEquals(n, "Set-Cookie"))
        return maskSetCookie(value);
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
        if (!first && colon > 0 && isSecretHeader(QByteArrayView(line.constData(), colon))) {
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
    for (Hop &hop : ex.redirects) {
        maskRequest(hop.request);
        maskResponse(hop.response);
    }
}

void SecretMasker::mask(diagnosis::Diagnosis &d)
{
    mask(d.exchange);
    for (diagnosis::Check &c : d.checks) {
        mask(c.request.headers);
        mask(c.exchange);
    }
    for (diagnosis::Suggestion &s : d.suggestions)
        if (s.request)
            mask(s.request->headers);
}

} // namespace verbscope::history
