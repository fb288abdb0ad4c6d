// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/WireTransport.h"

namespace verbscope::http {

namespace {
class FailingJob final : public TransportJob
{
public:
    FailingJob(QObject *parent, HopObserver *observer) : TransportJob(parent), m_observer(observer)
    {
        QMetaObject::invokeMethod(this, [this] {
            Hop hop;
            hop.error = {ErrorKind::Other, QStringLiteral("the wire transport is not available yet")};
            deleteLater();
            m_observer->hopFinished(hop);
        }, Qt::QueuedConnection);
    }
    void abort(ErrorKind, const QString &) override {}

private:
    HopObserver *m_observer;
};
} // namespace

WireTransport::WireTransport(QObject *parent) : Transport(parent) {}
WireTransport::~WireTransport() = default;

TransportJob *WireTransport::start(const HopRequest &, HopObserver *observer)
{
    return new FailingJob(this, observer);
}

} // namespace verbscope::http
