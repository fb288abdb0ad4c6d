// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/ServerFixtures.h"

#include "tests/support/Certificates.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace verbscope::test {

QString findProgram(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(
            name, { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/sbin") });
    return path;
}

bool writeFixtureFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

ProcessFixture::~ProcessFixture()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(3000);
        }
    }
}

QString ProcessFixture::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
}

QString ProcessFixture::log() const
{
    QString out;
    if (m_process)
        out = QString::fromLocal8Bit(m_process->readAllStandardError());
    QFile f(logFile());
    if (!logFile().isEmpty() && f.open(QIODevice::ReadOnly))
        out += QString::fromLocal8Bit(f.readAll().right(4000));
    return out;
}

bool ProcessFixture::start()
{
    const QString prog = program();
    if (prog.isEmpty()) {
        m_missing = true;
        m_error = QStringLiteral("server program for this fixture is not installed (run scripts/dev deps)");
        return false;
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freePort();
        const QStringList args = prepare();
        m_process = std::make_unique<QProcess>();
        m_process->setProgram(prog);
        m_process->setArguments(args);
        m_process->setWorkingDirectory(dir());
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start();
        if (!m_process->waitForStarted(5000)) {
            m_error = QStringLiteral("%1 did not start: %2").arg(prog, m_process->errorString());
            return false;
        }
        QDeadlineTimer deadline(startTimeoutMs());
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            if (probe.waitForConnected(200))
                return true;
            QThread::msleep(50);
        }
        m_error = QStringLiteral("%1 %2 did not listen on 127.0.0.1:%3: %4")
                      .arg(prog, args.join(QLatin1Char(' ')))
                      .arg(m_port)
                      .arg(log());
        m_process->kill();
        m_process->waitForFinished(2000);
    }
    return false;
}

QString NginxFixture::program() const
{
    return findProgram(QStringLiteral("nginx"));
}

QStringList NginxFixture::prepare()
{
    const QString d = dir();
    QDir().mkpath(d + QStringLiteral("/www"));
    QDir().mkpath(d + QStringLiteral("/tmp"));
    writeFixtureFile(d + QStringLiteral("/www/index.html"), "<h1>VerbScope nginx fixture</h1>\n");
    writeFixtureFile(d + QStringLiteral("/www/data.json"), "{\"ok\":true}\n");
    QString tlsServer;
    if (m_tls) {
        m_tlsPort = freePort();
        // A failure shows in start()'s error: nginx names the missing file in its log.
        if (!QFile::exists(certificatePath()))
            Certificates(d).selfSigned(QStringLiteral("server"));
        tlsServer = QStringLiteral(R"(server {
        listen 127.0.0.1:%1 ssl;
        server_name localhost;
        ssl_certificate %2/server.crt;
        ssl_certificate_key %2/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        root %2/www;
    })")
                        .arg(m_tlsPort)
                        .arg(d);
    }
    const QString conf = QStringLiteral(R"(daemon off;
master_process off;
worker_processes 1;
pid %1/nginx.pid;
error_log %1/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    default_type application/octet-stream;
    client_body_temp_path %1/tmp/body;
    proxy_temp_path %1/tmp/proxy;
    fastcgi_temp_path %1/tmp/fastcgi;
    uwsgi_temp_path %1/tmp/uwsgi;
    scgi_temp_path %1/tmp/scgi;
    server {
        listen 127.0.0.1:%2;
        server_name localhost;
        root %1/www;
        location = /redirect/301 { return 301 /index.html; }
        location = /redirect/302 { return 302 /index.html; }
        %3
    }
    %4
}
)")
                             .arg(d)
                             .arg(m_port)
                             .arg(m_extra, tlsServer);
    writeFixtureFile(d + QStringLiteral("/nginx.conf"), conf.toUtf8());
    return { QStringLiteral("-p"), d, QStringLiteral("-c"), d + QStringLiteral("/nginx.conf") };
}

QString NginxFixture::tlsUrl(const QString &path) const
{
    return QStringLiteral("https://localhost:%1%2").arg(m_tlsPort).arg(path);
}

QString PythonHttpFixture::program() const
{
    return findProgram(QStringLiteral("python3"));
}

QStringList PythonHttpFixture::prepare()
{
    writeFixtureFile(dir() + QStringLiteral("/index.html"), "<h1>VerbScope python fixture</h1>\n");
    return { QStringLiteral("-m"), QStringLiteral("http.server"), QString::number(m_port), QStringLiteral("--bind"),
        QStringLiteral("127.0.0.1"), QStringLiteral("--directory"), dir() };
}

QString ProxyFixture::program() const
{
    return findProgram(QStringLiteral("tinyproxy"));
}

QStringList ProxyFixture::prepare()
{
    const QString conf = QStringLiteral(R"(Port %1
Listen 127.0.0.1
Timeout 30
MaxClients 50
Allow 127.0.0.1
ViaProxyName "%2"
LogLevel Info
LogFile "%3/tinyproxy.log"
PidFile "%3/tinyproxy.pid"
)")
                             .arg(m_port)
                             .arg(QLatin1String(ViaName))
                             .arg(dir());
    writeFixtureFile(dir() + QStringLiteral("/tinyproxy.conf"), conf.toUtf8());
    return { QStringLiteral("-d"), QStringLiteral("-c"), dir() + QStringLiteral("/tinyproxy.conf") };
}

} // namespace verbscope::test
