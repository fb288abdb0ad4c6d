// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace verbscope::test {

// A free loopback TCP port (bound to port 0, then released).
quint16 freePort();
// The program on PATH or in /usr/sbin, /usr/bin, /sbin; empty when it is not installed.
QString findProgram(const QString &name);
bool writeFixtureFile(const QString &path, const QByteArray &content);

// A real server started by a test on a free loopback port with its own temporary config,
// stopped when the fixture is destroyed.
class ProcessFixture
{
public:
    virtual ~ProcessFixture();
    // False with error() set when the program is missing or did not come up.
    bool start();
    bool isMissing() const { return m_missing; }
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }
    QString url(const QString &path = QStringLiteral("/")) const;
    QString dir() const { return m_dir.path(); }
    QString log() const; // the server's own log, for failure messages

protected:
    virtual QString program() const = 0;
    virtual QStringList prepare() = 0; // writes config, returns arguments
    virtual QString logFile() const { return {}; }
    virtual int startTimeoutMs() const { return 10000; } // Java servers need more
    QTemporaryDir m_dir;
    quint16 m_port = 0;

private:
    std::unique_ptr<QProcess> m_process;
    QString m_error;
    bool m_missing = false;
};

// nginx with a static root: GET works, POST to a file gives nginx's own "405 Not Allowed".
class NginxFixture final : public ProcessFixture
{
public:
    explicit NginxFixture(QString extraServerConfig = {})
        : m_extra(std::move(extraServerConfig))
    { }
    QString root() const { return dir() + QStringLiteral("/www"); }
    // Also serve HTTPS (TLS 1.2/1.3) on a second port with a fresh self-signed certificate
    // for CN=localhost, SAN localhost and 127.0.0.1. Call before start().
    void enableTls() { m_tls = true; }
    quint16 tlsPort() const { return m_tlsPort; }
    QString tlsUrl(const QString &path = QStringLiteral("/")) const;
    QString certificatePath() const { return dir() + QStringLiteral("/server.crt"); }

protected:
    QString program() const override;
    QStringList prepare() override;
    QString logFile() const override { return dir() + QStringLiteral("/error.log"); }

private:
    QString m_extra;
    bool m_tls = false;
    quint16 m_tlsPort = 0;
};

// Python's http.server: 501 with "Unsupported method ('X')" for anything but GET and HEAD, HTTP/1.0.
class PythonHttpFixture final : public ProcessFixture
{
protected:
    QString program() const override;
    QStringList prepare() override;
};

// tinyproxy, a forward proxy from Debian, adding "Via: 1.1 verbscope-test-proxy (tinyproxy/…)".
class ProxyFixture final : public ProcessFixture
{
public:
    static constexpr const char *ViaName = "verbscope-test-proxy";

protected:
    QString program() const override;
    QStringList prepare() override;
    QString logFile() const override { return dir() + QStringLiteral("/tinyproxy.log"); }
};

} // namespace verbscope::test

// Starts a fixture or stops the test: under CI a missing server fails the run, locally it
// skips with the reason (never silently).
#define VERBSCOPE_START_FIXTURE(fixture)                                                                               \
    do {                                                                                                               \
        if (!(fixture).start()) {                                                                                      \
            if ((fixture).isMissing() && !qEnvironmentVariableIsSet("CI"))                                             \
                QSKIP(qPrintable((fixture).error()));                                                                  \
            QFAIL(qPrintable((fixture).error()));                                                                      \
        }                                                                                                              \
    } while (false)
