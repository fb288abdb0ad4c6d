// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Engine.h"

#include "core/http/Call.h"
#include "core/http/QtTransport.h"
#include "core/http/WireTransport.h"

#include <QEventLoop>

namespace verbscope::http {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None: return QStringLiteral("none");
    case ErrorKind::InvalidRequest: return QStringLiteral("invalid-request");
    case ErrorKind::Dns: return QStringLiteral("dns");
    case ErrorKind::Refused: return QStringLiteral("refused");
    case ErrorKind::Timeout: return QStringLiteral("timeout");
    case ErrorKind::Tls: return QStringLiteral("tls");
    case ErrorKind::Closed: return QStringLiteral("closed");
    case ErrorKind::Protocol: return QStringLiteral("protocol");
    case ErrorKind::Canceled: return QStringLiteral("canceled");
    case ErrorKind::TooManyRedirects: return QStringLiteral("too-many-redirects");
    case ErrorKind::Io: return QStringLiteral("io");
    case ErrorKind::Other: return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

Engine::Engine(QObject *parent)
    : QObject(parent)
{ }

Engine::~Engine() = default;

Transport *Engine::transport(TransportKind kind)
{
    if (kind == TransportKind::Wire) {
        if (!m_wire)
            m_wire = new WireTransport(this);
        return m_wire;
    }
    if (!m_qt)
        m_qt = new QtTransport(this);
    return m_qt;
}

Call *Engine::send(const RequestSpec &spec)
{
    auto *call = new Call(this, spec);
    call->start();
    return call;
}

Exchange Engine::execute(const RequestSpec &spec)
{
    Call *call = send(spec);
    if (!call->isFinished()) {
        QEventLoop loop;
        connect(call, &Call::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    Exchange ex = call->takeExchange();
    delete call;
    return ex;
}

} // namespace verbscope::http
