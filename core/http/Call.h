// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/ContentDecoder.h"
#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"
#include "core/http/Transport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>

#include <memory>

class QTimer;

namespace verbscope::http {

class Engine;

// One exchange in flight: runs the hop loop (redirects), the total deadline,
// decoding and body storage on top of a transport.
class Call final : public QObject, private HopObserver
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Call)
public:
    Call(Engine *engine, RequestSpec spec);
    ~Call() override;

    void start();
    void cancel();
    bool isFinished() const { return m_finished; }
    const Exchange &exchange() const { return m_exchange; }
    Exchange takeExchange() { return std::move(m_exchange); }

Q_SIGNALS:
    void headReceived(const verbscope::http::ResponseHead &head);
    void bodyProgress(qint64 rawBytes);
    void finished();

private:
    void startHop();
    void finish();
    void failBeforeStart(ErrorKind kind, const QString &message);
    bool followRedirect(const Hop &hop);

    void hopInformational(const ResponseHead &head) override;
    void hopHead(const ResponseHead &head) override;
    bool hopBody(QByteArrayView raw) override;
    void hopFinished(Hop hop) override;

    Engine *m_engine;
    RequestSpec m_spec;
    HopRequest m_hop;
    Exchange m_exchange;
    QPointer<TransportJob> m_job;
    QTimer *m_deadline = nullptr;
    QElapsedTimer m_clock;
    bool m_finished = false;
    bool m_finalHop = true; // false while a redirect that will be followed is being read
    // per-hop body state
    Response m_response;
    QList<ResponseHead> m_informational;
    std::unique_ptr<ContentDecoder> m_decoder;
    bool m_passThrough = false; // unknown content coding: keep the body as received
    QFile m_out;
    QString m_outError;
};

} // namespace verbscope::http
