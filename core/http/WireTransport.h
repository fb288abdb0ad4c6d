// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Transport.h"

namespace verbscope::http {

// Placeholder until the byte-exact HTTP/1.1 transport lands.
class WireTransport final : public Transport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WireTransport)
public:
    explicit WireTransport(QObject *parent = nullptr);
    ~WireTransport() override;
    Fidelity fidelity() const override { return Fidelity::Wire; }
    TransportJob *start(const HopRequest &request, HopObserver *observer) override;
};

} // namespace verbscope::http
