// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"

#include <QObject>

#include <memory>

namespace verbscope::http {

class Call;
class Transport;

// Sends RequestSpecs through the chosen transport and turns them into Exchanges:
// validation, the redirect loop, deadlines, decoding and body storage live here,
// so both transports behave the same above the socket.
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)
public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    // Starts an exchange. The Call is a child of the engine; delete it (deleteLater) when done.
    Call *send(const RequestSpec &spec);
    // Sends and waits in a local event loop (CLI, tests).
    Exchange execute(const RequestSpec &spec);

    Transport *transport(TransportKind kind);

private:
    Transport *m_qt = nullptr;
    Transport *m_wire = nullptr;
};

} // namespace verbscope::http
