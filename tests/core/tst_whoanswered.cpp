// SPDX-License-Identifier: GPL-3.0-or-later
// Who answered, against real origins and real caches and gateways started on loopback with their
// own configuration (tests/data/servers): the verdict, the party, the product and the findings.
#include "core/diagnosis/ActiveChecks.h"
#include "core/diagnosis/Diagnoser.h"
#include "core/diagnosis/Knowledge.h"
#include "core/http/Engine.h"
#include "tests/support/NpmTools.h"
#include "tests/support/ServerFixtures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>

#include <unistd.h>

using namespace verbscope::diagnosis;
using namespace verbscope::http;
using namespace verbscope::test;

namespace {

QString templatePath(const QString &name)
{
    return qEnvironmentVariable("VERBSCOPE_SOURCE_DIR") + QStringLiteral("/tests/data/servers/") + name;
}

// One file of tests/data/servers with its placeholders filled in, written into the fixture's folder.
bool writeTemplate(const QString &name, const QString &to, const QMap<QString, QString> &values)
{
    QFile in(templatePath(name));
    if (!in.open(QIODevice::ReadOnly))
        return false;
    QString text = QString::fromUtf8(in.readAll());
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        text.replace(it.key(), it.value());
    return writeFixtureFile(to, text.toUtf8());
}

// Everything a server needs that ProcessFixture does not know: its program, how to write its
// configuration, and how long it may take to listen.
struct ServerSpec {
    QString program; // empty when not installed
    std::function<QStringList(const QString &dir, quint16 port)> prepare;
    int startTimeoutMs = 10000;
    QString logFile; // relative to the fixture's folder
};

ServerSpec spec(const QString &program, std::function<QStringList(const QString &, quint16)> prepare,
    int startTimeoutMs = 10000, const QString &logFile = {})
{
    return ServerSpec { program, std::move(prepare), startTimeoutMs, logFile };
}

class SpecFixture final : public ProcessFixture
{
public:
    explicit SpecFixture(ServerSpec spec)
        : m_spec(std::move(spec))
    { }

protected:
    QString program() const override { return m_spec.program; }
    QStringList prepare() override { return m_spec.prepare(dir(), m_port); }
    QString logFile() const override
    {
        return m_spec.logFile.isEmpty() ? QString() : dir() + QLatin1Char('/') + m_spec.logFile;
    }
    int startTimeoutMs() const override { return m_spec.startTimeoutMs; }

private:
    ServerSpec m_spec;
};

QMap<QString, QString> values(const QString &dir, quint16 port, quint16 backend = 0)
{
    return { { QStringLiteral("@DIR@"), dir }, { QStringLiteral("@PORT@"), QString::number(port) },
        { QStringLiteral("@BACKEND@"), QString::number(backend) },
        { QStringLiteral("@NPM_MODULES@"), npmToolsDir() + QStringLiteral("/node_modules") } };
}

void makeWebRoot(const QString &dir, const QString &product)
{
    QDir().mkpath(dir + QStringLiteral("/www"));
    writeFixtureFile(
        dir + QStringLiteral("/www/index.html"), QStringLiteral("<h1>%1 fixture</h1>\n").arg(product).toUtf8());
}

// Empty unless every path exists: a server whose data files are missing counts as not installed.
QString programIf(const QString &program, const QStringList &requiredFiles)
{
    for (const QString &file : requiredFiles)
        if (!QFileInfo::exists(file))
            return {};
    return findProgram(program);
}

ServerSpec apache()
{
    return spec(
        programIf(QStringLiteral("apache2"), { QStringLiteral("/usr/lib/apache2/modules/mod_mpm_event.so") }),
        [](const QString &dir, quint16 port) {
            makeWebRoot(dir, QStringLiteral("apache"));
            writeTemplate(QStringLiteral("apache.conf"), dir + QStringLiteral("/httpd.conf"), values(dir, port));
            return QStringList { QStringLiteral("-X"), QStringLiteral("-f"), dir + QStringLiteral("/httpd.conf") };
        },
        10000, QStringLiteral("error.log"));
}

ServerSpec lighttpd()
{
    return spec(
        findProgram(QStringLiteral("lighttpd")),
        [](const QString &dir, quint16 port) {
            makeWebRoot(dir, QStringLiteral("lighttpd"));
            writeTemplate(QStringLiteral("lighttpd.conf"), dir + QStringLiteral("/lighttpd.conf"), values(dir, port));
            return QStringList { QStringLiteral("-D"), QStringLiteral("-f"), dir + QStringLiteral("/lighttpd.conf") };
        },
        10000, QStringLiteral("error.log"));
}

ServerSpec php()
{
    return spec(findProgram(QStringLiteral("php")), [](const QString &dir, quint16 port) {
        makeWebRoot(dir, QStringLiteral("php"));
        return QStringList { QStringLiteral("-S"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-t"),
            dir + QStringLiteral("/www") };
    });
}

// Debian's python3-flask is for Debian's python3; a python3 earlier on PATH may lack it.
ServerSpec flask()
{
    const QString python = QFileInfo::exists(QStringLiteral("/usr/bin/python3"))
        ? QStringLiteral("/usr/bin/python3")
        : findProgram(QStringLiteral("python3"));
    return spec(programIf(python, { QStringLiteral("/usr/lib/python3/dist-packages/flask/__init__.py") }),
        [](const QString &dir, quint16 port) {
            writeTemplate(QStringLiteral("app.py"), dir + QStringLiteral("/app.py"), values(dir, port));
            return QStringList { QStringLiteral("-m"), QStringLiteral("flask"), QStringLiteral("--app"),
                QStringLiteral("app"), QStringLiteral("run"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                QStringLiteral("--port"), QString::number(port) };
        });
}

ServerSpec express()
{
    const bool installed = missingNpmTools({ QStringLiteral("express/package.json") }).isEmpty();
    return spec(installed ? findProgram(QStringLiteral("node")) : QString(), [](const QString &dir, quint16 port) {
        writeTemplate(QStringLiteral("app.js"), dir + QStringLiteral("/app.js"), values(dir, port));
        return QStringList { dir + QStringLiteral("/app.js"), QString::number(port) };
    });
}

// Jetty 9 from Debian's jetty9: the http and deploy modules, a ROOT webapp with one static page.
// One Java server is enough for the table; Tomcat would add several seconds of start-up for the
// same DefaultServlet behaviour.
ServerSpec jetty()
{
    const QString home = QStringLiteral("/usr/share/jetty9");
    return spec(
        programIf(QStringLiteral("java"), { home + QStringLiteral("/start.jar") }),
        [home](const QString &dir, quint16 port) {
            QDir().mkpath(dir + QStringLiteral("/webapps/ROOT"));
            writeFixtureFile(dir + QStringLiteral("/webapps/ROOT/index.html"), "<h1>jetty fixture</h1>\n");
            return QStringList { QStringLiteral("-Djava.io.tmpdir=") + dir, QStringLiteral("-jar"),
                home + QStringLiteral("/start.jar"), QStringLiteral("jetty.home=") + home,
                QStringLiteral("jetty.base=") + dir, QStringLiteral("--module=http,deploy"),
                QStringLiteral("jetty.http.host=127.0.0.1"), QStringLiteral("jetty.http.port=%1").arg(port) };
        },
        60000);
}

ServerSpec varnish(const QString &vcl, quint16 backend)
{
    return spec(findProgram(QStringLiteral("varnishd")), [vcl, backend](const QString &dir, quint16 port) {
        writeTemplate(vcl, dir + QStringLiteral("/default.vcl"), values(dir, port, backend));
        return QStringList { QStringLiteral("-F"), QStringLiteral("-j"), QStringLiteral("none"), QStringLiteral("-a"),
            QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-T"), QStringLiteral("none"),
            QStringLiteral("-f"), dir + QStringLiteral("/default.vcl"), QStringLiteral("-n"),
            dir + QStringLiteral("/work"), QStringLiteral("-s"), QStringLiteral("malloc,16m") };
    });
}

ServerSpec haproxy(quint16 backend)
{
    return spec(findProgram(QStringLiteral("haproxy")), [backend](const QString &dir, quint16 port) {
        writeTemplate(QStringLiteral("haproxy.cfg"), dir + QStringLiteral("/haproxy.cfg"), values(dir, port, backend));
        return QStringList { QStringLiteral("-db"), QStringLiteral("-f"), dir + QStringLiteral("/haproxy.cfg") };
    });
}

// Run as root, Squid switches to its own user, which must be able to write its pid and log here.
ServerSpec squid(const QString &conf)
{
    return spec(
        findProgram(QStringLiteral("squid")),
        [conf](const QString &dir, quint16 port) {
            if (::geteuid() == 0)
                QFile::setPermissions(dir,
                    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                        | QFileDevice::WriteOther | QFileDevice::ExeOther);
            writeTemplate(conf, dir + QStringLiteral("/squid.conf"), values(dir, port));
            return QStringList { QStringLiteral("-N"), QStringLiteral("-f"), dir + QStringLiteral("/squid.conf") };
        },
        10000, QStringLiteral("cache.log"));
}

ServerSpec trafficServer(quint16 backend)
{
    return spec(programIf(QStringLiteral("traffic_server"), { QStringLiteral("/etc/trafficserver/body_factory") }),
        [backend](const QString &dir, quint16 port) {
            for (const char *sub : { "etc", "run", "log", "cache" })
                QDir().mkpath(dir + QLatin1Char('/') + QLatin1String(sub));
            const auto v = values(dir, port, backend);
            writeTemplate(QStringLiteral("trafficserver/runroot.yaml"), dir + QStringLiteral("/runroot.yaml"), v);
            for (const char *file : { "records.config", "remap.config", "storage.config", "ip_allow.yaml" })
                writeTemplate(QStringLiteral("trafficserver/") + QLatin1String(file),
                    dir + QStringLiteral("/etc/") + QLatin1String(file), v);
            // The rest of its configuration must exist, empty.
            for (const char *file :
                { "plugin.config", "logging.yaml", "cache.config", "hosting.config", "parent.config", "volume.config",
                    "sni.yaml", "strategies.yaml", "socks.config", "splitdns.config", "ssl_multicert.config" })
                writeFixtureFile(dir + QStringLiteral("/etc/") + QLatin1String(file), {});
            return QStringList { QStringLiteral("--run-root=") + dir + QStringLiteral("/runroot.yaml") };
        });
}

// A server that could not start: skipped locally when it is not installed, a failure in CI.
#define WHO_ANSWERED_NEED(server, name)                                                                                \
    do {                                                                                                               \
        if (!(server)) {                                                                                               \
            const ProcessFixture &failed = *m_servers.at(name);                                                        \
            if (failed.isMissing() && !qEnvironmentVariableIsSet("CI"))                                                \
                QSKIP(qPrintable(failed.error()));                                                                     \
            QFAIL(qPrintable(failed.error()));                                                                         \
        }                                                                                                              \
    } while (false)

QString hintId(const ServerHint *hint)
{
    return hint ? hint->id : QString();
}

} // namespace

class tst_WhoAnswered final : public QObject
{
    Q_OBJECT

    // Each server starts once, the first time a row needs it, and lives until the class ends.
    std::map<QString, std::unique_ptr<ProcessFixture>> m_servers;
    quint16 m_deadPort = 0; // nothing listens there: a backend that is down
    QElapsedTimer m_clock;

    std::unique_ptr<ProcessFixture> create(const QString &name)
    {
        auto port = [this](const QString &backend) {
            ProcessFixture *server = start(backend);
            return server ? server->port() : quint16(0);
        };
        if (name == QLatin1String("nginx"))
            return std::make_unique<NginxFixture>();
        if (name == QLatin1String("nginx-gateway")) {
            const quint16 apachePort = port(QStringLiteral("apache"));
            return std::make_unique<NginxFixture>(
                QStringLiteral("location /dead/ { proxy_pass http://127.0.0.1:%1; }\n"
                               "        location /app/ { proxy_pass http://127.0.0.1:%2/; }")
                    .arg(m_deadPort)
                    .arg(apachePort));
        }
        if (name == QLatin1String("python"))
            return std::make_unique<PythonHttpFixture>();
        static const std::map<QString, std::function<ServerSpec()>> origins {
            { QStringLiteral("apache"), apache },
            { QStringLiteral("lighttpd"), lighttpd },
            { QStringLiteral("php"), php },
            { QStringLiteral("flask"), flask },
            { QStringLiteral("express"), express },
            { QStringLiteral("jetty"), jetty },
        };
        if (const auto found = origins.find(name); found != origins.end())
            return std::make_unique<SpecFixture>(found->second());
        if (name == QLatin1String("varnish"))
            return std::make_unique<SpecFixture>(
                varnish(QStringLiteral("varnish.vcl"), port(QStringLiteral("apache"))));
        if (name == QLatin1String("varnish-dead"))
            return std::make_unique<SpecFixture>(varnish(QStringLiteral("varnish.vcl"), m_deadPort));
        if (name == QLatin1String("varnish-hidden"))
            return std::make_unique<SpecFixture>(
                varnish(QStringLiteral("varnish-hidden.vcl"), port(QStringLiteral("nginx"))));
        if (name == QLatin1String("haproxy"))
            return std::make_unique<SpecFixture>(haproxy(port(QStringLiteral("apache"))));
        if (name == QLatin1String("haproxy-dead"))
            return std::make_unique<SpecFixture>(haproxy(m_deadPort));
        if (name == QLatin1String("squid"))
            return std::make_unique<SpecFixture>(squid(QStringLiteral("squid.conf")));
        if (name == QLatin1String("squid-hidden"))
            return std::make_unique<SpecFixture>(squid(QStringLiteral("squid-hidden.conf")));
        if (name == QLatin1String("ats"))
            return std::make_unique<SpecFixture>(trafficServer(port(QStringLiteral("python"))));
        if (name == QLatin1String("ats-dead"))
            return std::make_unique<SpecFixture>(trafficServer(m_deadPort));
        return nullptr;
    }

    // The running server, or nullptr when it could not start (then its error() says why).
    ProcessFixture *start(const QString &name)
    {
        auto found = m_servers.find(name);
        if (found == m_servers.end()) {
            std::unique_ptr<ProcessFixture> fixture = create(name);
            if (!fixture)
                qFatal("tst_whoanswered: no server called %s", qPrintable(name));
            fixture->start();
            found = m_servers.emplace(name, std::move(fixture)).first;
        }
        ProcessFixture *server = found->second.get();
        return server->port() && server->error().isEmpty() ? server : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_clock.start();
        m_deadPort = freePort();
        QVERIFY2(QFileInfo::exists(templatePath(QStringLiteral("apache.conf"))),
            "VERBSCOPE_SOURCE_DIR must point at the source tree (ctest sets it)");
    }

    void cleanupTestCase()
    {
        m_servers.clear(); // stop them before the time is taken
        qInfo("tst_whoanswered: %lld ms with the servers' start-up", static_cast<long long>(m_clock.elapsed()));
    }

    // setup: the server the request goes to ("squid" is a forward proxy in front of `origin`).
    // who: the product that answered, as servers.json names it (empty: it did not name itself);
    // relay: the cache or gateway recognised in the path of an answer the origin made.
    void table_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("origin"); // for the forward proxy: the server behind it
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("party");
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("relay");
        QTest::addColumn<QStringList>("findings");
        const QString o = QStringLiteral("origin");
        const QString p = QStringLiteral("proxy");
        const QString none;
        auto row = [](const char *name, const char *setup, const QString &origin, const QByteArray &method,
                       const QString &path, const char *verdict, const QString &party, const char *who,
                       const char *relay, const QStringList &findings = {}) {
            QTest::newRow(name) << QString::fromLatin1(setup) << origin << method << path
                                << QString::fromLatin1(verdict) << party << QString::fromLatin1(who)
                                << QString::fromLatin1(relay) << findings;
        };
        const QString index = QStringLiteral("/index.html");
        const QString root = QStringLiteral("/");
        const QStringList allowMissing { QStringLiteral("allow-missing") };
        const QStringList cacheable { QStringLiteral("not-implemented-cacheable") };
        const QStringList proxyAnswered { QStringLiteral("proxy-answered") };
        const QStringList relayed { QStringLiteral("relayed-error-page") };

        // Origins, direct: GET, PUT, DELETE, a verb nobody knows, OPTIONS.
        row("nginx GET", "nginx", none, "GET", index, "supported", o, "nginx", "");
        row("nginx PUT", "nginx", none, "PUT", index, "not-allowed", o, "nginx", "", allowMissing);
        row("nginx DELETE", "nginx", none, "DELETE", index, "not-allowed", o, "nginx", "", allowMissing);
        row("nginx FROBNICATE", "nginx", none, "FROBNICATE", index, "not-allowed", o, "nginx", "", allowMissing);
        row("nginx OPTIONS", "nginx", none, "OPTIONS", index, "not-allowed", o, "nginx", "", allowMissing);
        row("apache GET", "apache", none, "GET", index, "supported", o, "apache", "");
        row("apache PUT", "apache", none, "PUT", index, "not-allowed", o, "apache", "");
        row("apache DELETE", "apache", none, "DELETE", index, "not-allowed", o, "apache", "");
        row("apache FROBNICATE", "apache", none, "FROBNICATE", index, "not-implemented", o, "apache", "", cacheable);
        row("apache OPTIONS", "apache", none, "OPTIONS", index, "supported", o, "apache", "");
        row("lighttpd GET", "lighttpd", none, "GET", index, "supported", o, "lighttpd", "");
        row("lighttpd PUT", "lighttpd", none, "PUT", index, "not-implemented", o, "lighttpd", "", cacheable);
        row("lighttpd DELETE", "lighttpd", none, "DELETE", index, "not-implemented", o, "lighttpd", "", cacheable);
        row("lighttpd FROBNICATE", "lighttpd", none, "FROBNICATE", index, "not-implemented", o, "lighttpd", "",
            cacheable);
        row("lighttpd OPTIONS", "lighttpd", none, "OPTIONS", index, "supported", o, "lighttpd", "");
        // PHP's built-in server sends no Server header: the origin, unnamed, until its error page names it.
        row("php GET", "php", none, "GET", index, "supported", o, "", "");
        row("php PUT", "php", none, "PUT", index, "not-allowed", o, "php-builtin", "");
        row("php DELETE", "php", none, "DELETE", index, "not-allowed", o, "php-builtin", "");
        row("php FROBNICATE", "php", none, "FROBNICATE", index, "not-implemented", o, "php-builtin", "", cacheable);
        row("php OPTIONS", "php", none, "OPTIONS", index, "supported", o, "", "");
        row("flask GET", "flask", none, "GET", root, "supported", o, "flask", "");
        row("flask PUT", "flask", none, "PUT", root, "not-allowed", o, "flask", "");
        row("flask DELETE", "flask", none, "DELETE", root, "not-allowed", o, "flask", "");
        row("flask FROBNICATE", "flask", none, "FROBNICATE", root, "not-allowed", o, "flask", "");
        row("flask OPTIONS", "flask", none, "OPTIONS", root, "supported", o, "flask", "");
        row("express GET", "express", none, "GET", root, "supported", o, "express", "");
        row("express PUT", "express", none, "PUT", root, "not-found", o, "express", "");
        row("express DELETE", "express", none, "DELETE", root, "not-found", o, "express", "");
        // Node's parser refuses the verb before Express sees it: a bare 400, no name at all.
        row("express FROBNICATE", "express", none, "FROBNICATE", root, "bad-request", o, "", "");
        row("express OPTIONS", "express", none, "OPTIONS", root, "supported", o, "express", "");
        row("jetty GET", "jetty", none, "GET", index, "supported", o, "jetty", "");
        row("jetty PUT", "jetty", none, "PUT", index, "not-allowed", o, "jetty", "", allowMissing);
        row("jetty DELETE", "jetty", none, "DELETE", index, "not-allowed", o, "jetty", "", allowMissing);
        row("jetty FROBNICATE", "jetty", none, "FROBNICATE", index, "not-implemented", o, "jetty", "", cacheable);
        row("jetty OPTIONS", "jetty", none, "OPTIONS", index, "supported", o, "jetty", "");
        row("python GET", "python", none, "GET", root, "supported", o, "python-http-server", "");
        row("python PUT", "python", none, "PUT", root, "not-implemented", o, "python-http-server", "", cacheable);
        row("python DELETE", "python", none, "DELETE", root, "not-implemented", o, "python-http-server", "", cacheable);
        row("python FROBNICATE", "python", none, "FROBNICATE", root, "not-implemented", o, "python-http-server", "",
            cacheable);
        row("python OPTIONS", "python", none, "OPTIONS", root, "not-implemented", o, "python-http-server", "",
            cacheable);

        // Varnish in front of Apache: it relays, except PURGE (refused by the VCL) and a dead backend.
        row("varnish>apache GET", "varnish", none, "GET", index, "supported", o, "apache", "varnish");
        row("varnish>apache PUT", "varnish", none, "PUT", index, "not-allowed", o, "apache", "varnish");
        row("varnish>apache PURGE", "varnish", none, "PURGE", index, "not-allowed", p, "varnish", "varnish",
            proxyAnswered);
        // Piped by the built-in VCL: no trace of Varnish, Apache's own 501.
        row("varnish>apache FROBNICATE", "varnish", none, "FROBNICATE", index, "not-implemented", o, "apache", "",
            cacheable);
        row("varnish>dead GET", "varnish-dead", none, "GET", index, "proxy-error", p, "varnish", "varnish",
            proxyAnswered);
        // A cache that hides itself: only nginx's page under its Server name gives the relay away.
        row("hidden cache>nginx POST", "varnish-hidden", none, "POST", index, "not-allowed", o, "nginx", "",
            relayed + allowMissing);
        // HAProxy: relays, denies PURGE itself, answers 503 with no backend.
        row("haproxy>apache GET", "haproxy", none, "GET", index, "supported", o, "apache", "");
        row("haproxy>apache DELETE", "haproxy", none, "DELETE", index, "not-allowed", o, "apache", "");
        row("haproxy>apache PURGE", "haproxy", none, "PURGE", index, "forbidden", p, "haproxy", "haproxy",
            proxyAnswered);
        row("haproxy>dead GET", "haproxy-dead", none, "GET", index, "proxy-error", p, "haproxy", "haproxy",
            proxyAnswered);
        // nginx as a reverse proxy: its own 502 for a dead upstream; Apache's page under nginx's Server.
        row("nginx>dead GET", "nginx-gateway", none, "GET", QStringLiteral("/dead/x"), "proxy-error", p, "nginx",
            "nginx", proxyAnswered);
        row("nginx>apache FROBNICATE", "nginx-gateway", none, "FROBNICATE", QStringLiteral("/app/index.html"),
            "not-implemented", o, "apache", "", relayed + cacheable);
        // Squid as a forward proxy (configured): relays with Via, denies PURGE itself, fails on a dead origin.
        row("squid>apache GET", "squid", QStringLiteral("apache"), "GET", index, "supported", o, "apache", "squid");
        row("squid>apache PUT", "squid", QStringLiteral("apache"), "PUT", index, "not-allowed", o, "apache", "squid");
        row("squid>apache PURGE", "squid", QStringLiteral("apache"), "PURGE", index, "forbidden", p, "squid", "squid",
            proxyAnswered);
        row("squid>dead GET", "squid", QStringLiteral("dead"), "GET", index, "proxy-error", p, "squid", "squid",
            proxyAnswered);
        // Apache Traffic Server replaces Server and adds no Via: the relay shows only in Python's page
        // under "Server: ATS"; a PUT without a body and a dead origin it answers itself.
        row("ats>python GET", "ats", none, "GET", root, "supported", o, "", "trafficserver");
        row("ats>python FROBNICATE", "ats", none, "FROBNICATE", root, "not-implemented", o, "python-http-server",
            "trafficserver", relayed + cacheable);
        row("ats>python PUT without body", "ats", none, "PUT", root, "length-required", p, "trafficserver",
            "trafficserver", proxyAnswered);
        row("ats>dead GET", "ats-dead", none, "GET", root, "proxy-error", p, "trafficserver", "trafficserver",
            proxyAnswered);
    }

    void table()
    {
        QFETCH(QString, setup);
        QFETCH(QString, origin);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, verdict);
        QFETCH(QString, party);
        QFETCH(QString, who);
        QFETCH(QString, relay);
        QFETCH(QStringList, findings);

        ProcessFixture *front = start(setup);
        WHO_ANSWERED_NEED(front, setup);
        RequestSpec spec;
        spec.method = method;
        spec.options.transport = TransportKind::Wire;
        spec.options.useEnvironmentProxy = false;
        spec.options.idleTimeoutMs = 20000;
        if (origin.isEmpty()) {
            spec.url = front->url(path);
        } else {
            const quint16 originPort = origin == QLatin1String("dead") ? m_deadPort : start(origin)->port();
            spec.url = QStringLiteral("http://127.0.0.1:%1%2").arg(originPort).arg(path);
            spec.options.proxy = front->url().chopped(1);
        }
        if ((method == "PUT" || method == "POST") && !QByteArray(QTest::currentDataTag()).contains("without body")) {
            spec.body = "x=1";
            spec.hasBody = true;
        }
        Engine engine;
        const Exchange exchange = engine.execute(spec);
        QVERIFY2(exchange.response.received, qPrintable(exchange.error.message + QLatin1Char('\n') + front->log()));
        const Diagnosis d = Diagnoser::diagnose(spec, exchange);
        const Classification &c = d.classification;
        QStringList ids;
        for (const Finding &f : d.findings)
            ids << f.id;
        const QString answeredBy
            = c.answeredBy == Party::Proxy ? hintId(c.proxyHint ? c.proxyHint : c.serverHint) : hintId(c.serverHint);
        const QString got
            = QStringLiteral("%1 %2 → %3 %4: verdict=%5 by=%6 who=%7 relay=%8 findings=%9\n  %10\n  %11")
                  .arg(QString::fromLatin1(method), spec.url)
                  .arg(exchange.response.head.status)
                  .arg(QString::fromLatin1(exchange.response.head.reason), verdictId(c.verdict), partyId(c.answeredBy),
                      answeredBy, hintId(c.proxyHint), ids.join(QLatin1Char(',')), c.attribution, d.summary);
        QVERIFY2(verdictId(c.verdict) == verdict, qPrintable(got));
        QVERIFY2(partyId(c.answeredBy) == party, qPrintable(got));
        QVERIFY2(answeredBy == who, qPrintable(got));
        QVERIFY2(hintId(c.proxyHint) == relay, qPrintable(got));
        for (const QString &id : findings)
            QVERIFY2(ids.contains(id), qPrintable(QStringLiteral("missing %1; %2").arg(id, got)));
        // Who answered is said in words: the product, the proxy, or the address of a server without a name.
        QVERIFY2(!c.attribution.isEmpty(), qPrintable(got));
        if (c.answeredBy == Party::Origin && who.isEmpty() && relay.isEmpty())
            QVERIFY2(c.attribution.contains(
                         QStringLiteral("127.0.0.1:%1 answered; it did not name itself").arg(QUrl(spec.url).port())),
                qPrintable(got));
    }
    // A forward cache that hides itself (no Via, its headers removed) and answers PURGE with an empty
    // 404: nothing in the answer names it, so passively who answered is unknown, and the direct
    // comparison (the active checks) shows the proxy answered PURGE and only relayed GET.
    void hiddenForwardCache_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("active"); // answeredBy after the checks
        QTest::addColumn<QString>("attribution");
        QTest::addColumn<QString>("directUrl"); // "url": the same URL, "sibling": the random-path one
        QTest::newRow("PURGE: the cache answered") << QByteArray("PURGE") << QStringLiteral("proxy")
                                                   << QStringLiteral("asked directly") << QStringLiteral("sibling");
        QTest::newRow("GET: relayed") << QByteArray("GET") << QStringLiteral("origin")
                                      << QStringLiteral("Apache httpd at 127.0.0.1:") << QStringLiteral("url");
    }
    void hiddenForwardCache()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, active);
        QFETCH(QString, attribution);
        QFETCH(QString, directUrl);
        ProcessFixture *proxy = start(QStringLiteral("squid-hidden"));
        WHO_ANSWERED_NEED(proxy, QStringLiteral("squid-hidden"));
        ProcessFixture *origin = start(QStringLiteral("apache"));
        WHO_ANSWERED_NEED(origin, QStringLiteral("apache"));
        RequestSpec spec;
        spec.method = method;
        spec.url = origin->url(QStringLiteral("/index.html"));
        spec.options.transport = TransportKind::Wire;
        spec.options.useEnvironmentProxy = false;
        spec.options.proxy = proxy->url().chopped(1);
        Engine engine;
        ActiveChecks checks(&engine);
        QSignalSpy done(&checks, &ActiveChecks::finished);
        checks.start(spec, {});
        if (!checks.isFinished())
            QVERIFY(done.wait(30000));
        const Diagnosis &d = checks.diagnosis();
        const Diagnosis passive = Diagnoser::diagnose(spec, d.exchange);
        const QString got = QStringLiteral("%1 → %2; passive: %3 (%4); active: %5 (%6)")
                                .arg(QString::fromLatin1(method))
                                .arg(d.exchange.response.head.status)
                                .arg(partyId(passive.classification.answeredBy), passive.classification.attribution,
                                    partyId(d.classification.answeredBy), d.classification.attribution);
        QVERIFY2(partyId(passive.classification.answeredBy) == QLatin1String("unknown"), qPrintable(got));
        QVERIFY2(
            passive.classification.attribution.contains(QLatin1String("no Via and no proxy marker")), qPrintable(got));
        QVERIFY2(partyId(d.classification.answeredBy) == active, qPrintable(got));
        QVERIFY2(d.classification.attribution.contains(attribution), qPrintable(got));
        const Check *direct = d.check(QStringLiteral("direct"));
        QVERIFY2(direct, qPrintable(got));
        QVERIFY(direct->exchange.request.proxy.isEmpty());
        const Check *randomPath = d.check(QStringLiteral("random-path"));
        if (directUrl == QLatin1String("url")) {
            QCOMPARE(direct->request.url, spec.url);
        } else {
            // PURGE is unsafe: the origin only ever sees it on a path that cannot exist.
            QVERIFY(randomPath);
            QCOMPARE(direct->request.url, randomPath->request.url);
            QVERIFY(direct->request.url.contains(QLatin1String(".verbscope-check-")));
        }
        if (active == QLatin1String("proxy"))
            QVERIFY2(d.finding(QStringLiteral("proxy-answered")), qPrintable(got));
    }
};

QTEST_GUILESS_MAIN(tst_WhoAnswered)
#include "tst_whoanswered.moc"
