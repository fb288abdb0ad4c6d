// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scripting/ScriptEngine.h"

#include <QFile>
#include <QJSEngine>
#include <QJSValueIterator>
#include <QJsonDocument>
#include <QRegularExpression>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

// Q_INIT_RESOURCE cannot sit inside a namespace; the static core needs it so the linker keeps the file.
static void initScriptingResources()
{
    Q_INIT_RESOURCE(knowledge);
}

namespace verbscope::scripting {

namespace {

// The JetBrains HTTP Client API, written in JavaScript and evaluated once per engine. It returns an
// object the C++ side keeps privately: scripts see only what begin() installs on the global object.
// Results travel back through end(), so nothing but plain JavaScript runs inside the sandbox.
constexpr auto ApiSource = R"JS((function (G) {
"use strict";
var EXIT = { exit: true };
var st = null;
var pmInstall = null; // Postman's `pm` layer (resources/scripting/postman.js)
function text(v) {
    if (v === undefined) return "undefined";
    if (v !== null && typeof v === "object") { try { return JSON.stringify(v); } catch (e) { return String(v); } }
    return String(v);
}
// The first stack frame outside this file: the script's own line (frames read "fn@file:NAME:LINE").
function callerLine() {
    var frames = String(new Error().stack || "").split("\n");
    for (var i = 0; i < frames.length; ++i) {
        var m = /:(\d+)$/.exec(frames[i]);
        if (m && frames[i].indexOf("verbscope-script-api") < 0) return Number(m[1]);
    }
    return 0;
}
function errLine(e) {
    if (e && e.vsLine) return e.vsLine;
    if (e && typeof e.lineNumber === "number") return e.lineNumber;
    return 0;
}
function errMessage(e) { return (e && e.vsAssert) ? e.message : (e instanceof Error ? String(e) : text(e)); }
function substitute(s) {
    return String(s).replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, function (all, name) {
        if (Object.prototype.hasOwnProperty.call(st.variables, name)) return st.variables[name];
        if (Object.prototype.hasOwnProperty.call(st.globals, name)) return st.globals[name];
        if (Object.prototype.hasOwnProperty.call(st.environment, name)) return st.environment[name];
        return all;
    });
}
function headerList(list) {
    return {
        valueOf: function (name) {
            var n = String(name).toLowerCase();
            for (var i = 0; i < list.length; ++i) if (list[i].name.toLowerCase() === n) return list[i].value;
            return null;
        },
        valuesOf: function (name) {
            var n = String(name).toLowerCase(), out = [];
            for (var i = 0; i < list.length; ++i) if (list[i].name.toLowerCase() === n) out.push(list[i].value);
            return out;
        }
    };
}
function requestHeader(h) {
    return { name: h.name, getRawValue: function () { return h.value; },
        tryGetSubstitutedValue: function () { return substitute(h.value); } };
}
function randomText(n, chars) {
    var s = ""; for (var i = 0; i < n; ++i) s += chars.charAt(Math.floor(Math.random() * chars.length)); return s;
}
var LOWER = "abcdefghijklmnopqrstuvwxyz", ALPHA = LOWER + LOWER.toUpperCase(), DIGITS = "0123456789";
var random = {
    get uuid() {
        var h = randomText(32, "0123456789abcdef");
        return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-" + "89ab".charAt(Math.floor(Math.random() * 4))
            + h.substr(17, 3) + "-" + h.substr(20, 12);
    },
    integer: function (from, to) {
        var a = from === undefined ? 0 : Math.ceil(from), b = to === undefined ? 1000 : Math.floor(to);
        return a + Math.floor(Math.random() * (b - a));
    },
    float: function (from, to) {
        var a = from === undefined ? 0 : from, b = to === undefined ? 1000 : to; return a + Math.random() * (b - a);
    },
    alphabetic: function (n) { return randomText(n, ALPHA); },
    alphanumeric: function (n) { return randomText(n, ALPHA + DIGITS + "_"); },
    hexadecimal: function (n) { return randomText(n, "0123456789abcdef"); },
    get email() { return randomText(8, LOWER) + "@" + randomText(6, LOWER) + ".com"; }
};
function install(ctx) {
    st = ctx;
    st.tests = []; st.log = []; st.exited = false;
    function log() {
        var parts = []; for (var i = 0; i < arguments.length; ++i) parts.push(typeof arguments[i] === "string" ? arguments[i] : text(arguments[i]));
        st.log.push(parts.join(" "));
    }
    var client = {
        test: function (name, fn) {
            var line = callerLine();
            try { fn(); st.tests.push({ name: text(name), passed: true, message: "", line: line }); }
            catch (e) {
                if (e === EXIT) { st.tests.push({ name: text(name), passed: true, message: "", line: line }); throw e; }
                if (e && e.vsUnsupported) throw e; // what cannot run fails the script, not one test
                st.tests.push({ name: text(name), passed: false, message: errMessage(e), line: errLine(e) || line });
            }
        },
        assert: function (cond, message) {
            if (cond) return;
            var e = new Error(message === undefined ? "Assertion failed" : text(message));
            e.vsAssert = true; e.vsLine = callerLine();
            throw e;
        },
        log: log,
        exit: function () { st.exited = true; throw EXIT; },
        global: {
            set: function (name, value) { st.globals[String(name)] = text(value); },
            get: function (name) { var n = String(name); return Object.prototype.hasOwnProperty.call(st.globals, n) ? st.globals[n] : null; },
            isEmpty: function () { return Object.keys(st.globals).length === 0; },
            clear: function (name) { delete st.globals[String(name)]; },
            clearAll: function () { for (var k in st.globals) delete st.globals[k]; }
        }
    };
    var rq = st.request;
    var request = {
        method: rq.method,
        variables: {
            get: function (name) { var n = String(name); return Object.prototype.hasOwnProperty.call(st.variables, n) ? st.variables[n] : null; },
            set: function (name, value) { st.variables[String(name)] = text(value); }
        },
        environment: {
            get: function (name) { var n = String(name); return Object.prototype.hasOwnProperty.call(st.environment, n) ? st.environment[n] : null; }
        },
        headers: {
            all: function () { return rq.headers.map(requestHeader); },
            findByName: function (name) {
                var n = String(name).toLowerCase();
                for (var i = 0; i < rq.headers.length; ++i) if (rq.headers[i].name.toLowerCase() === n) return requestHeader(rq.headers[i]);
                return null;
            }
        },
        url: { getRaw: function () { return rq.url; }, tryGetSubstituted: function () { return substitute(rq.url); } },
        body: { getRaw: function () { return rq.body; }, tryGetSubstituted: function () { return substitute(rq.body); } }
    };
    G.client = client;
    G.request = request;
    G.console = { log: log, info: log, warn: log, error: log, debug: log };
    G.$random = random;
    G.response = undefined;
    if (st.response) {
        var r = st.response, body = r.body;
        if (r.json) { try { body = JSON.parse(r.body); } catch (e) { body = r.body; } }
        G.response = { status: r.status, body: body, headers: headerList(r.headers),
            contentType: { mimeType: r.mimeType, charset: r.charset } };
        // httpyac's names, for `?? js`
        G.response.statusCode = r.status;
        G.response.parsedBody = r.json ? body : undefined;
        G.response.rawBody = r.body;
    }
    st.finish = null;
    // The pm layer builds many objects: only for scripts that may use it (ctx.postman).
    if (pmInstall && st.postman) pmInstall(st);
    else delete G.pm;
}
return {
    install: install,
    isExit: function (e) { return e === EXIT; },
    setPostman: function (factory) {
        pmInstall = factory(G, { text: text, callerLine: callerLine, errLine: errLine, errMessage: errMessage,
            substitute: substitute, isExit: function (e) { return e === EXIT; } });
    },
    result: function () { if (st.finish) st.finish(); return { tests: st.tests, log: st.log, exited: st.exited, globals: st.globals, variables: st.variables }; },
    // `?? js`: the expression with the variables as names in scope.
    evaluate: function (expr, names, values) {
        var f = Function.apply(null, names.concat(["return (" + expr + "\n);"]));
        var v = f.apply(null, values);
        return v;
    }
};
}))JS";

// Resident set size of this process, from /proc/self/statm (Linux); 0 when unknown.
qint64 residentBytes()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = f.readAll().split(' ');
    if (fields.size() < 2)
        return 0;
    return fields.at(1).toLongLong() * 4096;
}

QJSValue toJs(QJSEngine &js, const VariableMap &map)
{
    QJSValue o = js.newObject();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.setProperty(it.key(), it.value());
    return o;
}

VariableMap fromJs(const QJSValue &o)
{
    VariableMap map;
    QJSValueIterator it(o);
    while (it.hasNext()) {
        it.next();
        map.insert(it.name(), it.value().toString());
    }
    return map;
}

QJSValue headersToJs(QJSEngine &js, const http::HeaderList &headers)
{
    QJSValue a = js.newArray(uint(headers.size()));
    for (qsizetype i = 0; i < headers.size(); ++i) {
        QJSValue h = js.newObject();
        h.setProperty(QStringLiteral("name"), QString::fromLatin1(headers.at(i).name));
        h.setProperty(QStringLiteral("value"), QString::fromUtf8(headers.at(i).value));
        a.setProperty(quint32(i), h);
    }
    return a;
}

// resources/scripting/postman.js, compiled into the core with the knowledge base.
QString postmanSource()
{
    QFile f(QStringLiteral(":/scripting/postman.js"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("resource :/scripting/postman.js is missing");
    return QString::fromUtf8(f.readAll());
}

bool isJsonType(const QString &mime)
{
    return mime == QLatin1String("application/json") || mime.endsWith(QLatin1String("+json"))
        || mime == QLatin1String("text/json");
}

} // namespace

// Stops the script running on the engine's thread when it runs too long or the process grows too
// much: QJSEngine::setInterrupted is the one call that is safe from another thread.
// arm() and disarm() cost no system call: a run of many short handlers must not pay a thread wake-up
// and a /proc read per script (they were most of a 200-handler run's time). The thread ticks every
// 10 ms while scripts run, samples the memory baseline while none is armed, and sleeps on its
// condition variable after a second without one.
class Watchdog
{
public:
    enum class Reason { None, Time, Memory };
    explicit Watchdog(QJSEngine *engine)
        : m_engine(engine)
        , m_baseline(residentBytes())
        , m_thread([this] { loop(); })
    { }
    ~Watchdog()
    {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    void arm(int ms, qint64 memoryBytes)
    {
        std::lock_guard lock(m_mutex);
        m_deadline = Clock::now() + std::chrono::milliseconds(ms);
        m_memoryBytes = memoryBytes;
        m_reason = Reason::None;
        m_armed = true;
        if (m_sleeping) {
            m_sleeping = false;
            m_wake.notify_all();
        }
    }
    Reason disarm()
    {
        std::lock_guard lock(m_mutex);
        m_armed = false;
        return m_reason;
    }

private:
    using Clock = std::chrono::steady_clock;
    void loop()
    {
        std::unique_lock lock(m_mutex);
        Clock::time_point idleSince = Clock::now();
        while (!m_quit) {
            if (m_sleeping) {
                m_wake.wait(lock);
                idleSince = Clock::now();
                continue;
            }
            m_wake.wait_for(lock, std::chrono::milliseconds(10));
            if (m_quit)
                break;
            const Clock::time_point now = Clock::now();
            if (!m_armed) {
                m_baseline = residentBytes(); // what the process holds between scripts
                if (now - idleSince > std::chrono::seconds(1))
                    m_sleeping = true;
                continue;
            }
            idleSince = now;
            if (m_reason != Reason::None)
                continue;
            if (now >= m_deadline)
                m_reason = Reason::Time;
            else if (residentBytes() > m_baseline + m_memoryBytes)
                m_reason = Reason::Memory;
            if (m_reason != Reason::None)
                m_engine->setInterrupted(true); // under the mutex: disarm() cannot pass in between
        }
    }

    QJSEngine *m_engine;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_quit = false;
    bool m_armed = false;
    bool m_sleeping = false;
    Clock::time_point m_deadline;
    qint64 m_memoryBytes = 0;
    qint64 m_baseline = 0;
    Reason m_reason = Reason::None;
    std::thread m_thread;
};

// Postman's names (postman.js installs them): a script that names none of them does not need the
// layer, whose setup costs more than a short handler itself.
bool mayUsePostman(const QString &text)
{
    static const QRegularExpression names(QStringLiteral(
        "\\b(pm|postman|tests|responseBody|responseCode|responseHeaders|responseTime|environment|globals|require|"
        "xml2Json|tv4)\\b"));
    return names.match(text).hasMatch();
}

struct ScriptEngine::Private {
    QJSEngine js; // no extensions: no console, Qt, print, gc, require, XMLHttpRequest or modules
    QJSValue api;
    Watchdog watchdog { &js };
    int timeLimitMs = DefaultTimeLimitMs;
    qint64 memoryLimitBytes = DefaultMemoryLimitBytes;
    VariableMap globals;
    VariableMap environment;

    QJSValue context(const ScriptSource &script, const ScriptRequest &request, const http::Exchange *exchange,
        const VariableMap &variables)
    {
        QJSValue ctx = js.newObject();
        ctx.setProperty(QStringLiteral("file"), script.file);
        ctx.setProperty(QStringLiteral("postman"), mayUsePostman(script.text));
        ctx.setProperty(QStringLiteral("globals"), toJs(js, globals));
        ctx.setProperty(QStringLiteral("environment"), toJs(js, environment));
        ctx.setProperty(QStringLiteral("variables"), toJs(js, variables));
        QJSValue rq = js.newObject();
        rq.setProperty(QStringLiteral("method"), request.method);
        rq.setProperty(QStringLiteral("name"), request.name);
        rq.setProperty(QStringLiteral("url"), request.url);
        rq.setProperty(QStringLiteral("headers"), headersToJs(js, request.headers));
        rq.setProperty(QStringLiteral("body"), QString::fromUtf8(request.body));
        ctx.setProperty(QStringLiteral("request"), rq);
        if (exchange && exchange->response.received) {
            const http::ResponseHead &head = exchange->response.head;
            const QString type = QString::fromLatin1(http::headerValue(head.headers, "Content-Type"));
            const QString mime = type.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
            static const QRegularExpression charsetRe(
                QStringLiteral("charset\\s*=\\s*\"?([^\";\\s]+)"), QRegularExpression::CaseInsensitiveOption);
            const auto m = charsetRe.match(type);
            QJSValue r = js.newObject();
            r.setProperty(QStringLiteral("status"), head.status);
            r.setProperty(QStringLiteral("reason"), QString::fromLatin1(head.reason));
            r.setProperty(QStringLiteral("time"), exchange->timings.total.value_or(0.0));
            r.setProperty(QStringLiteral("headers"), headersToJs(js, head.headers));
            r.setProperty(QStringLiteral("body"), QString::fromUtf8(exchange->response.body));
            r.setProperty(QStringLiteral("mimeType"), mime);
            r.setProperty(QStringLiteral("charset"), m.hasMatch() ? m.captured(1) : QString());
            r.setProperty(QStringLiteral("json"), isJsonType(mime));
            ctx.setProperty(QStringLiteral("response"), r);
        }
        return ctx;
    }

    void ensureApi()
    {
        if (api.isUndefined()) {
            // Non-strict Function returns the global object (this Qt has no globalThis).
            const QJSValue global = js.evaluate(QStringLiteral("(function () { return this; })()"));
            api = js.evaluate(QString::fromUtf8(ApiSource), QStringLiteral("verbscope-script-api")).call({ global });
            api.property(QStringLiteral("setPostman"))
                .call({ js.evaluate(postmanSource(), QStringLiteral("verbscope-script-api-postman")) });
        }
    }

    // Runs `fn` under the watchdog; the limit's message wins over the engine's own exception.
    QJSValue guarded(const std::function<QJSValue()> &fn, QString *limitError)
    {
        watchdog.arm(timeLimitMs, memoryLimitBytes);
        QJSValue v = fn();
        const Watchdog::Reason reason = watchdog.disarm();
        js.setInterrupted(false);
        if (reason == Watchdog::Reason::Time)
            *limitError
                = QStringLiteral("stopped: the script ran longer than its time limit of %1 ms").arg(timeLimitMs);
        else if (reason == Watchdog::Reason::Memory) {
            *limitError = QStringLiteral("stopped: the script used more than its memory limit of %1 MiB")
                              .arg(memoryLimitBytes / (1024 * 1024));
        }
        if (reason != Watchdog::Reason::None)
            js.collectGarbage();
        return v;
    }

    ScriptOutcome run(const ScriptSource &script, const ScriptRequest &request, const http::Exchange *exchange,
        VariableMap &variables)
    {
        ensureApi();
        ScriptOutcome out;
        const QJSValue ctx = context(script, request, exchange, variables);
        api.property(QStringLiteral("install")).call({ ctx });
        // Each script in its own function scope (as in the JetBrains client: `let` does not leak
        // into the next script); the wrapper sits on the first line, so line numbers are the file's.
        const QString program = QStringLiteral("(function () {") + script.text + QStringLiteral("\n})()");
        QString limit;
        const QJSValue v = guarded([&] { return js.evaluate(program, script.file, qMax(1, script.line)); }, &limit);
        const QJSValue result = api.property(QStringLiteral("result")).call();
        const QJSValue tests = result.property(QStringLiteral("tests"));
        const int n = tests.property(QStringLiteral("length")).toInt();
        for (int i = 0; i < n; ++i) {
            const QJSValue t = tests.property(quint32(i));
            out.tests << ScriptTest { t.property(QStringLiteral("name")).toString(),
                t.property(QStringLiteral("passed")).toBool(), t.property(QStringLiteral("message")).toString(),
                t.property(QStringLiteral("line")).toInt() };
        }
        out.log = result.property(QStringLiteral("log")).toVariant().toStringList();
        out.exited = result.property(QStringLiteral("exited")).toBool();
        globals = fromJs(result.property(QStringLiteral("globals")));
        variables = fromJs(result.property(QStringLiteral("variables")));
        if (!limit.isEmpty()) {
            out.error = limit;
            out.errorLine = script.line;
        } else if (v.isError() || js.hasError()) {
            const QJSValue e = v.isError() ? v : js.catchError();
            if (e.property(QStringLiteral("vsUnsupported")).toBool()) {
                // pm.sendRequest and the like: the script's outcome says what could not run, and where.
                out.error = e.property(QStringLiteral("message")).toString();
                out.errorLine = e.property(QStringLiteral("vsLine")).toInt();
            } else if (e.property(QStringLiteral("vsAssert")).toBool()) {
                // A failed client.assert outside client.test: a failed test, and the script stops.
                out.tests << ScriptTest { e.property(QStringLiteral("message")).toString(), false,
                    e.property(QStringLiteral("message")).toString(), e.property(QStringLiteral("vsLine")).toInt() };
            } else if (!api.property(QStringLiteral("isExit")).call({ e }).toBool()) {
                out.error = e.toString();
                out.errorLine = e.property(QStringLiteral("lineNumber")).toInt();
            }
        }
        return out;
    }
};

ScriptEngine::ScriptEngine()
    : d(std::make_unique<Private>())
{
    initScriptingResources();
}

ScriptEngine::~ScriptEngine() = default;

void ScriptEngine::setTimeLimitMs(int ms)
{
    d->timeLimitMs = ms;
}

void ScriptEngine::setMemoryLimitBytes(qint64 bytes)
{
    d->memoryLimitBytes = bytes;
}

VariableMap &ScriptEngine::globals()
{
    return d->globals;
}

void ScriptEngine::setEnvironment(const VariableMap &environment)
{
    d->environment = environment;
}

ScriptOutcome ScriptEngine::runPreRequest(
    const ScriptSource &script, const ScriptRequest &request, VariableMap &variables)
{
    return d->run(script, request, nullptr, variables);
}

ScriptOutcome ScriptEngine::runResponseHandler(
    const ScriptSource &script, const ScriptRequest &request, const http::Exchange &exchange, VariableMap &variables)
{
    return d->run(script, request, &exchange, variables);
}

QString ScriptEngine::evaluate(const QString &expression, const ScriptRequest &request, const http::Exchange &exchange,
    const VariableMap &variables, QString *error)
{
    d->ensureApi();
    VariableMap vars = variables;
    d->api.property(QStringLiteral("install")).call({ d->context({}, request, &exchange, vars) });
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    QJSValue names = d->js.newArray();
    QJSValue values = d->js.newArray();
    quint32 i = 0;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it) {
        if (!identifier.match(it.key()).hasMatch() || it.key() == QLatin1String("response"))
            continue;
        names.setProperty(i, it.key());
        values.setProperty(i++, it.value());
    }
    QString limit;
    const QJSValue v = d->guarded(
        [&] {
            return d->api.property(QStringLiteral("evaluate")).call({ expression, names, values });
        },
        &limit);
    if (error)
        error->clear();
    if (!limit.isEmpty() || v.isError()) {
        if (error)
            *error = limit.isEmpty() ? v.toString() : limit;
        return {};
    }
    if (v.isUndefined())
        return QStringLiteral("undefined");
    if (v.isObject() && !v.isCallable()) {
        const QJsonDocument doc = QJsonDocument::fromVariant(v.toVariant());
        return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
    }
    return v.toString();
}

} // namespace verbscope::scripting
