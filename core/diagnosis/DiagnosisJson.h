// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnosis/Diagnosis.h"

#include <QJsonObject>

namespace verbscope::diagnosis {

// The "verbscope.diagnosis/1" document (docs/formats.md).
QJsonObject diagnosisToJson(const Diagnosis &diagnosis);

} // namespace verbscope::diagnosis
