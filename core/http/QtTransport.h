// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Transport.h"

#include <QHash>

class QNetworkAccessManager;

namespace verbscope::http {

// Transport on QNetworkAccessManager (HTTP/1.1, HTTP/2, TLS, proxies). It makes every header
// Qt would add explicit so the recorded request is what went out, switches off Qt's cookie jar,
// auth cache and redirect following, and reports Qt's cooked response view (fidelity "qt").
class QtTransport final : public Transport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QtTransport)
public:
    explicit QtTransport(QObject *parent = nullptr);
    ~QtTransport() override;

    Fidelity fidelity() const override { return Fidelity::Qt; }
    TransportJob *start(const HopRequest &request, HopObserver *observer) override;

    // The headers Qt adds when they are missing, in the order it adds them.
    static HeaderList defaultHeaders();

private:
    QNetworkAccessManager *managerFor(const QString &proxyUrl, bool insecure);
    QHash<QString, QNetworkAccessManager *> m_managers; // one per proxy ("" = direct) and TLS mode
};

} // namespace verbscope::http
