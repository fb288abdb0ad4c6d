// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"

class QSslConfiguration;
class QSslCertificate;

namespace verbscope::http {

Certificate summarizeCertificate(const QSslCertificate &cert);
TlsInfo summarizeTls(const QSslConfiguration &config, const QStringList &errors, bool verificationDisabled);

} // namespace verbscope::http
