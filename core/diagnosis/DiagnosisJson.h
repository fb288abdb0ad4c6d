// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnosis/Diagnosis.h"

#include <QJsonObject>

namespace verbscope::diagnosis {

// The "verbscope.diagnosis/1" document (docs/formats.md).
QJsonObject diagnosisToJson(const Diagnosis &diagnosis);
// Reads a document diagnosisToJson wrote back into `diagnosis`: verdict, who answered, summary,
// evidence, findings, suggestions (their requests without options) and each check's id and
// purpose. The exchanges are left to the caller: the history keeps them in rows of their own.
// False, with `diagnosis` untouched, when `json` is not a verbscope.diagnosis/1 document.
bool diagnosisFromJson(const QJsonObject &json, Diagnosis &diagnosis);

} // namespace verbscope::diagnosis
