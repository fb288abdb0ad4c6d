// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/Certificates.h"

#include <QFile>
#include <QProcess>

namespace verbscope::test {

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray subjectAltNameLine(const QStringList &names)
{
    return "subjectAltName=" + names.join(QLatin1Char(',')).toLatin1() + '\n';
}
} // namespace

QStringList Certificates::localhostNames()
{
    return { QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1") };
}

CertificateFiles Certificates::selfSigned(
    const QString &name, const QString &commonName, const QStringList &subjectAltNames, int days)
{
    return make(name, commonName, subjectAltNameLine(subjectAltNames), days, nullptr);
}

CertificateFiles Certificates::expired(const QString &name)
{
    return selfSigned(name, QStringLiteral("localhost"), localhostNames(), -1);
}

CertificateFiles Certificates::wrongHost(const QString &name)
{
    return selfSigned(name, QStringLiteral("wrong.example"), { QStringLiteral("DNS:wrong.example") });
}

CertificateFiles Certificates::authority(const QString &name, const QString &commonName)
{
    return make(name, commonName,
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n", 2,
        nullptr);
}

CertificateFiles Certificates::signedBy(const CertificateFiles &authority, const QString &name,
    const QString &commonName, const QStringList &subjectAltNames, int days)
{
    if (authority.isNull()) {
        m_error = QStringLiteral("no certificate authority to sign %1 with").arg(name);
        return {};
    }
    return make(name, commonName,
        "basicConstraints=CA:FALSE\nauthorityKeyIdentifier=keyid\n" + subjectAltNameLine(subjectAltNames), days,
        &authority);
}

// A key and a request, then `x509 -req` signs it with its own key or the issuer's: the one path
// that takes an extension file and a negative -days alike.
CertificateFiles Certificates::make(const QString &name, const QString &commonName, const QByteArray &extensions,
    int days, const CertificateFiles *issuer)
{
    const QString base = m_dir + QLatin1Char('/') + name;
    CertificateFiles out { {}, {}, base + QStringLiteral(".crt"), base + QStringLiteral(".key") };
    const QString csr = base + QStringLiteral(".csr");
    const QString ext = base + QStringLiteral(".ext");
    QFile extFile(ext);
    if (!extFile.open(QIODevice::WriteOnly | QIODevice::Truncate) || extFile.write(extensions) != extensions.size()) {
        m_error = QStringLiteral("cannot write %1").arg(ext);
        return {};
    }
    extFile.close();
    if (!openssl({ QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("ec"),
            QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
            QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName, QStringLiteral("-keyout"), out.keyPath,
            QStringLiteral("-out"), csr }))
        return {};
    QStringList sign { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
        QStringLiteral("-days"), QString::number(days), QStringLiteral("-extfile"), ext, QStringLiteral("-out"),
        out.certificatePath };
    if (issuer)
        sign << QStringLiteral("-CA") << issuer->certificatePath << QStringLiteral("-CAkey") << issuer->keyPath
             << QStringLiteral("-set_serial") << QString::number(1 + (qHash(name) & 0x7fffffff));
    else
        sign << QStringLiteral("-signkey") << out.keyPath;
    if (!openssl(sign))
        return {};
    out.certificate = readAll(out.certificatePath);
    out.key = readAll(out.keyPath);
    if (out.isNull())
        m_error = QStringLiteral("openssl wrote no certificate or key for %1").arg(name);
    return out;
}

bool Certificates::openssl(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), arguments);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error
            = QStringLiteral("openssl %1 failed: %2")
                  .arg(arguments.constFirst(),
                      p.error() == QProcess::FailedToStart ? QStringLiteral("not installed (Debian package openssl)")
                                                           : QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

} // namespace verbscope::test
