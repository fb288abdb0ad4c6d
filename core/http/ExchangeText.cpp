// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/ExchangeText.h"

#include "core/http/HttpSyntax.h"

#include <QUrl>

namespace verbscope::http {

QByteArray formatResponseHead(const ResponseHead &head)
{
    if (!head.rawHead.isEmpty())
        return head.rawHead;
    QByteArray out = "HTTP/" + head.httpVersion.toLatin1() + ' ' + QByteArray::number(head.status);
    if (!head.reason.isEmpty())
        out += ' ' + head.reason;
    out += "\r\n";
    for (const Header &h : head.headers)
        out += h.name + ": " + h.value + "\r\n";
    return out + "\r\n";
}

QByteArray formatRequestHead(const SentRequest &request)
{
    if (!request.rawHead.isEmpty())
        return request.rawHead;
    QByteArray target = request.target;
    if (target.isEmpty()) {
        const QUrl url(request.url);
        if (!request.proxy.isEmpty() && url.scheme() == QLatin1String("http"))
            target = url.toEncoded(QUrl::RemoveFragment | QUrl::RemoveUserInfo);
        else
            target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
        if (target.isEmpty())
            target = "/";
    }
    QByteArray out = request.method + ' ' + target + " HTTP/1.1\r\n";
    for (const Header &h : request.headers)
        out += h.name + ": " + h.value + "\r\n";
    return out + "\r\n";
}

bool looksBinary(const QByteArray &body)
{
    return body.contains('\0') || !isValidUtf8(body);
}

} // namespace verbscope::http
