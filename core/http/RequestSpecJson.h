// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/RequestSpec.h"

#include <QJsonObject>

namespace verbscope::http {

// A RequestSpec as the history keeps it: what the user wrote, so that a reopened entry can be
// edited and sent again as it was. The body is in the document only `withBody` (as base64; the
// history keeps large bodies apart); the engine's limits and an output file, which belong to one
// send, never are. Bytes that are not UTF-8 (header values, the method) are kept exactly.
QJsonObject requestSpecToJson(const RequestSpec &spec, bool withBody = false);
// Fields the document lacks keep their defaults; false when it is not an object with a method.
bool requestSpecFromJson(const QJsonObject &json, RequestSpec &spec);

} // namespace verbscope::http
