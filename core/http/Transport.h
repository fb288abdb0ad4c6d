// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"

#include <QObject>
#include <QUrl>

namespace verbscope::http {

// One request as the Engine hands it to a transport: validated, defaults made explicit.
struct HopRequest {
    QByteArray method;
    QUrl url; // parsed form (Qt transport)
    QString urlText; // exactly as typed (wire transport keeps the target as typed)
    HeaderList headers; // user headers plus the engine's explicit defaults
    QByteArray body;
    QString bodyFile;
    bool hasBody = false;
    RequestOptions options;
};

// What a transport reports about one hop, as it happens.
class HopObserver
{
public:
    virtual ~HopObserver() = default;
    virtual void hopInformational(const ResponseHead &head) = 0;
    virtual void hopHead(const ResponseHead &head) = 0;
    // Raw (still encoded) body bytes. Return false to stop the transfer (e.g. disk full).
    virtual bool hopBody(QByteArrayView raw) = 0;
    // Always called exactly once; `hop.response` holds the head, body fields are the observer's.
    virtual void hopFinished(Hop hop) = 0;
};

class TransportJob : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // Ends the hop with `kind` (Canceled or Timeout); hopFinished follows.
    virtual void abort(ErrorKind kind, const QString &message) = 0;
};

class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual Fidelity fidelity() const = 0;
    // Starts one hop. The job belongs to the transport and is deleted after hopFinished.
    virtual TransportJob *start(const HopRequest &request, HopObserver *observer) = 0;
};

} // namespace verbscope::http
