// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace verbscope::test {

// A certificate and its private key, as PEM bytes and as the files they were written to.
struct CertificateFiles {
    QByteArray certificate;
    QByteArray key;
    QString certificatePath;
    QString keyPath;
    bool isNull() const { return certificate.isEmpty() || key.isEmpty(); }
};

// Test certificates made with the openssl CLI (P-256 keys: fast) in a folder the caller owns.
// Every maker returns a null CertificateFiles on failure, with error() saying why.
class Certificates
{
public:
    explicit Certificates(QString dir)
        : m_dir(std::move(dir))
    { }

    // What a loopback test server answers to: DNS:localhost and IP:127.0.0.1.
    static QStringList localhostNames();

    // Self-signed for `commonName` with these subjectAltNames ("DNS:x", "IP:y"), valid for `days`
    // (negative: already expired; OpenSSL 3.0 has no option to set notAfter directly).
    CertificateFiles selfSigned(const QString &name, const QString &commonName = QStringLiteral("localhost"),
        const QStringList &subjectAltNames = localhostNames(), int days = 2);
    CertificateFiles expired(const QString &name);
    // Valid and self-signed, but for wrong.example: a host-name mismatch on loopback.
    CertificateFiles wrongHost(const QString &name);
    // A certificate authority (CA:TRUE, keyCertSign) and a leaf it signed.
    CertificateFiles authority(const QString &name, const QString &commonName = QStringLiteral("VerbScope Test CA"));
    CertificateFiles signedBy(const CertificateFiles &authority, const QString &name,
        const QString &commonName = QStringLiteral("localhost"), const QStringList &subjectAltNames = localhostNames(),
        int days = 2);

    QString error() const { return m_error; }

private:
    CertificateFiles make(const QString &name, const QString &commonName, const QByteArray &extensions, int days,
        const CertificateFiles *issuer);
    bool openssl(const QStringList &arguments);

    QString m_dir;
    QString m_error;
};

} // namespace verbscope::test
