// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnosis/Diagnosis.h"

namespace verbscope::diagnosis {

// Turns an exchange and the checks made around it into findings and suggestions with stable
// ids, following RFC 9110 and how real servers behave. Pure: it sends nothing.
class Diagnoser
{
public:
    static Diagnosis diagnose(
        const http::RequestSpec &spec, const http::Exchange &exchange, const QList<Check> &checks = {});

    // The registered method a mistyped or mis-cased verb most likely meant ("GETT" → "GET"),
    // or empty when none is close. `caseOnly` is set when only the case differs.
    static QByteArray correctedMethod(const QByteArray &method, bool *caseOnly = nullptr);
    // The method from Allow most likely to do what `method` was meant to do.
    static QByteArray bestAlternative(const QByteArray &method, const QList<QByteArray> &allow);
    // Safe per the method registry (GET, HEAD, OPTIONS, PROPFIND, QUERY…): may be sent unasked.
    static bool isSafeMethod(const QByteArray &method);

    static const QList<QByteArray> &overrideHeaders(); // X-HTTP-Method-Override, X-HTTP-Method, X-Method-Override
};

} // namespace verbscope::diagnosis
