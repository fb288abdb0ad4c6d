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
    // During headReceived: the hop's response so far (head, informational heads), and whether it
    // is the last hop (no redirect will be followed), whose body goes to the output.
    const Response &currentResponse() const { return m_response; }
    bool isFinalHop() const { return m_finalHop; }

Q_SIGNALS:
    void headReceived(const verbscope::http::ResponseHead &head);
    void bodyProgress(qint64 rawBytes);
    void finished();

private:
    void startHop();
    void finish();
    void failBeforeStart(ErrorKind kind, const QString &message);
    bool followRedirect(const Hop &hop);
    void addJarCookies();
    void storeJarCookies(const ResponseHead &head);
    void undoJarCookies();

    void openOutput();
    bool writeOutput(QByteArrayView bytes);
    void keepInMemory(QByteArrayView bytes);
    bool deliverAsReceived();

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
    bool m_asReceived = false; // the body is the raw bytes: identity, unknown coding, or decoding stopped
    bool m_rawIsBody = false; // rawBody is not collected: it is `body` itself (set at the end)
    QFile m_out;
    qint64 m_outStart = -1; // where the body starts in m_out; -1 when it cannot be rewritten (a pipe)
    bool m_outStopped = false; // nothing more goes to m_out (it could not be rewritten as raw)
    QString m_outError;
    // The cookie jar's part of the current hop, so the next hop starts from the user's headers.
    QStringList m_cookieNotes;
    bool m_jarWroteCookie = false;
    bool m_userHadCookie = false;
    QByteArray m_userCookie;
    QByteArray m_jarCookie; // the Cookie value as sent with the jar's cookies in it
};

} // namespace verbscope::http
