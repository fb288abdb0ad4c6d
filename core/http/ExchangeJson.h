// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

#include <QJsonObject>

#include <functional>

namespace verbscope::http {

// The "verbscope.exchange/1" document (docs/formats.md).
QJsonObject exchangeToJson(const Exchange &exchange);
// The same document as QJsonDocument(exchangeToJson(…)).toJson(Indented), byte for byte, handed
// to `write` in pieces: the response body is escaped a slice at a time instead of becoming a
// QString, a JSON value and a document (about 7 times its size in memory).
void writeExchangeJson(const Exchange &exchange, const std::function<void(QByteArrayView)> &write);
// Reads a "verbscope.exchange/1" document back (history, diff). Fields it lacks keep their
// defaults; header text that was written as Latin-1 (non-UTF-8 bytes) reads back as UTF-8.
// Returns false, with a reason in `error`, when it is not an exchange document.
bool exchangeFromJson(const QJsonObject &json, Exchange &exchange, QString *error = nullptr);
ErrorKind errorKindFromName(const QString &name); // inverse of errorKindName

QJsonObject timingsToJson(const Timings &t);
QJsonObject tlsToJson(const TlsInfo &tls);
// Header bytes as JSON text: UTF-8 when valid, otherwise Latin-1 (one char per byte).
QString headerText(const QByteArray &bytes);

} // namespace verbscope::http
