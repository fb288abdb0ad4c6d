// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/TlsSummary.h"

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>

namespace verbscope::http {

namespace {
QString protocolName(QSsl::SslProtocol p)
{
    switch (p) {
    case QSsl::TlsV1_2: return QStringLiteral("TLSv1.2");
    case QSsl::TlsV1_3: return QStringLiteral("TLSv1.3");
    case QSsl::DtlsV1_2: return QStringLiteral("DTLSv1.2");
    case QSsl::UnknownProtocol: return {};
    default: return QStringLiteral("TLS (older than 1.2)");
    }
}
} // namespace

Certificate summarizeCertificate(const QSslCertificate &cert)
{
    Certificate c;
    c.subject = cert.subjectDisplayName();
    c.issuer = cert.issuerDisplayName();
    c.notBefore = cert.effectiveDate().toUTC();
    c.notAfter = cert.expiryDate().toUTC();
    c.sha256 = QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':'));
    const auto alt = cert.subjectAlternativeNames();
    for (auto it = alt.cbegin(); it != alt.cend(); ++it)
        c.subjectAltNames << it.value();
    return c;
}

TlsInfo summarizeTls(const QSslConfiguration &config, const QStringList &errors, bool verificationDisabled)
{
    TlsInfo tls;
    tls.used = true;
    tls.protocol = protocolName(config.sessionProtocol());
    tls.cipher = config.sessionCipher().name();
    tls.alpn = QString::fromLatin1(config.nextNegotiatedProtocol());
    for (const QSslCertificate &cert : config.peerCertificateChain())
        tls.peerChain.append(summarizeCertificate(cert));
    tls.errors = errors;
    tls.verificationDisabled = verificationDisabled;
    return tls;
}

} // namespace verbscope::http
