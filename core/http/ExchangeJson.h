// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

#include <QJsonObject>

namespace verbscope::http {

// The "verbscope.exchange/1" document (docs/formats.md).
QJsonObject exchangeToJson(const Exchange &exchange);

QJsonObject timingsToJson(const Timings &t);
QJsonObject tlsToJson(const TlsInfo &tls);
// Header bytes as JSON text: UTF-8 when valid, otherwise Latin-1 (one char per byte).
QString headerText(const QByteArray &bytes);

} // namespace verbscope::http
