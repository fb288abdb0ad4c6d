// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/ProxyResolver.h"

#include <QHostAddress>

namespace verbscope::http {

namespace {
QString normalise(const QString &proxy)
{
    if (proxy.trimmed().isEmpty())
        return {};
    QUrl u(proxy.contains(QLatin1String("://")) ? proxy.trimmed() : QLatin1String("http://") + proxy.trimmed());
    if (u.port() == -1)
        u.setPort(1080); // curl's default proxy port
    u.setPath({});
    return u.toString(QUrl::RemovePath);
}

QString firstSet(const QProcessEnvironment &env, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        const QString v = env.value(QLatin1String(n));
        if (!v.trimmed().isEmpty())
            return v;
    }
    return {};
}
} // namespace

bool matchesNoProxy(const QString &rawHost, const QString &noProxyList)
{
    QString host = rawHost.toLower();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    const QHostAddress hostAddr(host);
    for (QString entry : noProxyList.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry.isEmpty())
            continue;
        if (entry == QLatin1String("*"))
            return true;
        if (entry.startsWith(QLatin1Char('[')) && entry.contains(QLatin1Char(']')))
            entry = entry.mid(1, entry.indexOf(QLatin1Char(']')) - 1);
        if (!hostAddr.isNull()) {
            if (entry.contains(QLatin1Char('/'))) {
                const auto subnet = QHostAddress::parseSubnet(entry);
                if (!subnet.first.isNull() && hostAddr.isInSubnet(subnet))
                    return true;
                continue;
            }
            if (QHostAddress(entry) == hostAddr)
                return true;
            continue;
        }
        if (entry.startsWith(QLatin1Char('.')))
            entry.remove(0, 1);
        // Strip a port suffix ("example.com:8080") the way curl ignores it for matching.
        if (const auto colon = entry.lastIndexOf(QLatin1Char(':')); colon > 0 && !entry.contains(QLatin1String("::")))
            entry.truncate(colon);
        if (host == entry || host.endsWith(QLatin1Char('.') + entry))
            return true;
    }
    return false;
}

QString resolveProxy(
    const QUrl &target, const QString &explicitProxy, bool useEnvironment, const QProcessEnvironment &env)
{
    if (!explicitProxy.isEmpty())
        return normalise(explicitProxy);
    if (!useEnvironment)
        return {};
    const QString noProxy = firstSet(env, { "no_proxy", "NO_PROXY" });
    if (!noProxy.isEmpty() && matchesNoProxy(target.host(), noProxy))
        return {};
    const bool https = target.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    QString proxy = https ? firstSet(env, { "https_proxy", "HTTPS_PROXY" }) : firstSet(env, { "http_proxy" });
    if (proxy.isEmpty())
        proxy = firstSet(env, { "all_proxy", "ALL_PROXY" });
    return normalise(proxy);
}

} // namespace verbscope::http
