// SPDX-License-Identifier: GPL-3.0-or-later
// Postman's `pm` scripting API (and its legacy globals: tests[], responseBody, postman.*) on top of
// VerbScope's JetBrains client API. Evaluated once per engine; returns install(st), called before
// every script with the same state object the client API uses. Variables map onto one pool: every
// set() is client.global.set (seen by {{name}} in later requests), every get() reads the request's
// variables, then those globals, then the selected environment. What this layer cannot run throws an
// error the engine reports as "NAME is not supported by VerbScope (line N)" — never a silent pass.
(function (G, H) {
"use strict";
var has = function (o, k) { return o !== null && o !== undefined && Object.prototype.hasOwnProperty.call(o, k); };

function unsupported(what) {
    var line = H.callerLine();
    var e = new Error(what + " is not supported by VerbScope" + (line ? " (line " + line + ")" : ""));
    e.vsUnsupported = true; e.vsLine = line;
    throw e;
}

function show(v) {
    if (typeof v === "string") return "'" + v + "'";
    if (typeof v === "function") return "[Function]";
    if (v instanceof RegExp) return String(v);
    return H.text(v);
}

function typeOf(v) {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (v instanceof RegExp) return "regexp";
    if (v instanceof Date) return "date";
    return typeof v;
}

function deepEqual(a, b) {
    if (a === b) return true;
    if (typeof a === "number" && typeof b === "number") return a !== a && b !== b; // NaN eql NaN
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
    var ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (var i = 0; i < ka.length; ++i) if (!has(b, ka[i]) || !deepEqual(a[ka[i]], b[ka[i]])) return false;
    return true;
}

function sizeOf(v) {
    if (v === null || v === undefined) return undefined;
    if (typeof v.size === "number" && typeof v.length !== "number") return v.size;
    return v.length;
}

// ---- pm.expect: the chai chains collections use -------------------------------------------------
function Assertion(obj, message) { this._obj = obj; this._msg = message; this._not = false; this._deep = false;
    this._own = false; this._nested = false; this._any = false; }

function check(self, ok, positive, negative) {
    if (self._not) ok = !ok;
    if (ok) return self;
    var e = new Error((self._msg ? self._msg + ": " : "") + (self._not ? negative : positive));
    e.name = "AssertionError"; e.vsAssert = true; e.vsLine = H.callerLine();
    throw e;
}

function chain(name) { Object.defineProperty(Assertion.prototype, name, { get: function () { return this; } }); }
["to", "be", "been", "is", "that", "which", "and", "has", "have", "with", "at", "of", "same", "but", "does",
    "still", "also"].forEach(chain);
function flag(name, field) {
    Object.defineProperty(Assertion.prototype, name, { get: function () { this[field] = true; return this; } });
}
flag("not", "_not"); flag("deep", "_deep"); flag("own", "_own"); flag("nested", "_nested"); flag("any", "_any");
Object.defineProperty(Assertion.prototype, "all", { get: function () { this._any = false; return this; } });
function getter(name, test, what) {
    Object.defineProperty(Assertion.prototype, name, { get: function () {
        return check(this, test(this._obj), "expected " + show(this._obj) + " to be " + what,
            "expected " + show(this._obj) + " not to be " + what);
    } });
}
getter("ok", function (v) { return !!v; }, "truthy");
getter("true", function (v) { return v === true; }, "true");
getter("false", function (v) { return v === false; }, "false");
getter("null", function (v) { return v === null; }, "null");
getter("undefined", function (v) { return v === undefined; }, "undefined");
getter("NaN", function (v) { return typeof v === "number" && v !== v; }, "NaN");
getter("exist", function (v) { return v !== null && v !== undefined; }, "existing");
getter("empty", function (v) {
    if (typeof v === "string" || Array.isArray(v)) return v.length === 0;
    if (v !== null && typeof v === "object") return sizeOf(v) !== undefined ? sizeOf(v) === 0 : Object.keys(v).length === 0;
    return false;
}, "empty");

var A = Assertion.prototype;
A.equal = A.equals = A.eq = function (v) {
    return check(this, this._deep ? deepEqual(this._obj, v) : this._obj === v,
        "expected " + show(this._obj) + " to " + (this._deep ? "deeply " : "") + "equal " + show(v),
        "expected " + show(this._obj) + " to not " + (this._deep ? "deeply " : "") + "equal " + show(v));
};
A.eql = A.eqls = function (v) {
    return check(this, deepEqual(this._obj, v), "expected " + show(this._obj) + " to deeply equal " + show(v),
        "expected " + show(this._obj) + " to not deeply equal " + show(v));
};
A.a = A.an = function (type) {
    var t = String(type).toLowerCase(), art = /^[aeiou]/.test(t) ? "an " : "a ";
    return check(this, typeOf(this._obj) === t, "expected " + show(this._obj) + " to be " + art + t,
        "expected " + show(this._obj) + " not to be " + art + t);
};
A.include = A.includes = A.contain = A.contains = function (v) {
    var o = this._obj, deep = this._deep, ok = false;
    if (typeof o === "string") ok = o.indexOf(String(v)) >= 0;
    else if (Array.isArray(o)) ok = o.some(function (x) { return deep ? deepEqual(x, v) : x === v; });
    else if (o !== null && typeof o === "object" && v !== null && typeof v === "object")
        ok = Object.keys(v).every(function (k) { return k in o && (deep ? deepEqual(o[k], v[k]) : o[k] === v[k]); });
    return check(this, ok, "expected " + show(o) + " to include " + show(v), "expected " + show(o) + " to not include " + show(v));
};
function nestedValue(o, path) {
    var parts = String(path).replace(/\[(\w+)\]/g, ".$1").split(".");
    for (var i = 0; i < parts.length; ++i) {
        if (o === null || o === undefined || !(parts[i] in Object(o))) return { found: false };
        o = o[parts[i]];
    }
    return { found: true, value: o };
}
A.property = function (name, value) {
    var o = this._obj, found, got;
    if (this._nested) { var n = nestedValue(o, name); found = n.found; got = n.value; }
    else {
        found = this._own ? has(o, name) : (o !== null && o !== undefined && name in Object(o));
        got = found ? o[name] : undefined;
    }
    var withValue = arguments.length > 1;
    var ok = found && (!withValue || (this._deep ? deepEqual(got, value) : got === value));
    check(this, ok, "expected " + show(o) + " to have " + (this._nested ? "nested " : "") + "property " + show(name)
            + (withValue ? " of " + show(value) + (found ? ", but got " + show(got) : "") : ""),
        "expected " + show(o) + " to not have property " + show(name) + (withValue ? " of " + show(value) : ""));
    if (!this._not) this._obj = got; // chai: the chain goes on with the property's value
    return this;
};
A.lengthOf = A.length = function (n) {
    var s = sizeOf(this._obj);
    return check(this, s === n, "expected " + show(this._obj) + " to have a length of " + n + " but got " + s,
        "expected " + show(this._obj) + " to not have a length of " + n);
};
function compare(names, op, word) {
    names.forEach(function (name) {
        A[name] = function (n) {
            var v = this._obj, ok = op(v, n);
            return check(this, ok, "expected " + show(v) + " to be " + word + " " + show(n),
                "expected " + show(v) + " to not be " + word + " " + show(n));
        };
    });
}
compare(["above", "gt", "greaterThan"], function (a, b) { return a > b; }, "above");
compare(["below", "lt", "lessThan"], function (a, b) { return a < b; }, "below");
compare(["least", "gte", "greaterThanOrEqual"], function (a, b) { return a >= b; }, "at least");
compare(["most", "lte", "lessThanOrEqual"], function (a, b) { return a <= b; }, "at most");
A.within = function (lo, hi) {
    return check(this, this._obj >= lo && this._obj <= hi, "expected " + show(this._obj) + " to be within " + lo + ".." + hi,
        "expected " + show(this._obj) + " to not be within " + lo + ".." + hi);
};
A.closeTo = A.approximately = function (n, delta) {
    return check(this, Math.abs(this._obj - n) <= delta, "expected " + show(this._obj) + " to be close to " + n + " +/- " + delta,
        "expected " + show(this._obj) + " not to be close to " + n + " +/- " + delta);
};
A.match = A.matches = function (re) {
    return check(this, re.exec(String(this._obj)) !== null, "expected " + show(this._obj) + " to match " + String(re),
        "expected " + show(this._obj) + " not to match " + String(re));
};
A.string = function (s) {
    return check(this, typeof this._obj === "string" && this._obj.indexOf(s) >= 0,
        "expected " + show(this._obj) + " to contain " + show(s), "expected " + show(this._obj) + " to not contain " + show(s));
};
A.oneOf = function (list) {
    var o = this._obj, deep = this._deep;
    return check(this, list.some(function (x) { return deep ? deepEqual(x, o) : x === o; }),
        "expected " + show(o) + " to be one of " + show(list), "expected " + show(o) + " to not be one of " + show(list));
};
A.keys = A.key = function () {
    var want = arguments.length === 1 && typeof arguments[0] === "object" && arguments[0] !== null
        ? (Array.isArray(arguments[0]) ? arguments[0] : Object.keys(arguments[0]))
        : Array.prototype.slice.call(arguments);
    var got = this._obj !== null && typeof this._obj === "object" ? Object.keys(this._obj) : [];
    var ok = this._any ? want.some(function (k) { return got.indexOf(String(k)) >= 0; })
        : want.length === got.length && want.every(function (k) { return got.indexOf(String(k)) >= 0; });
    return check(this, ok, "expected " + show(this._obj) + " to have " + (this._any ? "any of " : "") + "keys " + show(want),
        "expected " + show(this._obj) + " to not have " + (this._any ? "any of " : "") + "keys " + show(want));
};
A.members = function (list) {
    var o = this._obj, deep = this._deep;
    var inList = function (arr, x) { return arr.some(function (y) { return deep ? deepEqual(x, y) : x === y; }); };
    var ok = Array.isArray(o) && o.length === list.length && list.every(function (x) { return inList(o, x); })
        && o.every(function (x) { return inList(list, x); });
    return check(this, ok, "expected " + show(o) + " to have the same members as " + show(list),
        "expected " + show(o) + " to not have the same members as " + show(list));
};
A.satisfy = A.satisfies = function (fn) {
    return check(this, !!fn(this._obj), "expected " + show(this._obj) + " to satisfy " + String(fn),
        "expected " + show(this._obj) + " to not satisfy " + String(fn));
};
A.instanceOf = A.instanceof = function (C) {
    return check(this, this._obj instanceof C, "expected " + show(this._obj) + " to be an instance of " + (C && C.name),
        "expected " + show(this._obj) + " to not be an instance of " + (C && C.name));
};

// ---- pm.response.to…: Postman's response assertions ----------------------------------------------
function responseAssertion(r) {
    var R = { _not: false };
    var words = ["to", "be", "have", "and", "a", "an", "is", "that", "with"];
    words.forEach(function (w) { Object.defineProperty(R, w, { get: function () { return R; } }); });
    Object.defineProperty(R, "not", { get: function () { R._not = !R._not; return R; } });
    function rcheck(ok, positive, negative) {
        var not = R._not; R._not = false;
        if (not) ok = !ok;
        if (ok) return R;
        var e = new Error(not ? negative : positive);
        e.name = "AssertionError"; e.vsAssert = true; e.vsLine = H.callerLine();
        throw e;
    }
    function statusGetter(name, test, what) {
        Object.defineProperty(R, name, { get: function () {
            return rcheck(test(r.code), "expected response to be " + what + " but got " + r.code,
                "expected response not to be " + what + " but got " + r.code);
        } });
    }
    statusGetter("ok", function (c) { return c === 200; }, "ok (200)");
    statusGetter("success", function (c) { return c >= 200 && c < 300; }, "a success (2xx)");
    statusGetter("accepted", function (c) { return c === 202; }, "accepted (202)");
    statusGetter("info", function (c) { return c >= 100 && c < 200; }, "informational (1xx)");
    statusGetter("redirection", function (c) { return c >= 300 && c < 400; }, "a redirection (3xx)");
    statusGetter("clientError", function (c) { return c >= 400 && c < 500; }, "a client error (4xx)");
    statusGetter("serverError", function (c) { return c >= 500 && c < 600; }, "a server error (5xx)");
    statusGetter("error", function (c) { return c >= 400 && c < 600; }, "an error (4xx or 5xx)");
    statusGetter("badRequest", function (c) { return c === 400; }, "a bad request (400)");
    statusGetter("unauthorized", function (c) { return c === 401; }, "unauthorized (401)");
    statusGetter("unauthorised", function (c) { return c === 401; }, "unauthorised (401)");
    statusGetter("forbidden", function (c) { return c === 403; }, "forbidden (403)");
    statusGetter("notFound", function (c) { return c === 404; }, "not found (404)");
    statusGetter("rateLimited", function (c) { return c === 429; }, "rate limited (429)");
    Object.defineProperty(R, "withBody", { get: function () {
        return rcheck(r.text().length > 0, "expected response to have a body", "expected response to not have a body");
    } });
    Object.defineProperty(R, "json", { get: function () {
        var ok = true; try { JSON.parse(r.text()); } catch (e) { ok = false; }
        return rcheck(ok, "expected response body to be valid json", "expected response body not to be valid json");
    } });
    R.status = function (s) {
        var ok = typeof s === "number" ? r.code === s : r.status === String(s);
        return rcheck(ok, "expected response to have status code " + show(s) + " but got " + r.code + " " + show(r.status),
            "expected response to not have status code " + show(s));
    };
    R.header = function (name, value) {
        var v = r.headers.get(name), ok = v !== undefined && (arguments.length < 2 || v === String(value));
        return rcheck(ok, "expected response to have header " + show(name) + (arguments.length > 1 ? " with value " + show(value) : ""),
            "expected response to not have header " + show(name));
    };
    R.body = function (b) {
        var t = r.text(), ok = b === undefined ? t.length > 0 : (b instanceof RegExp ? b.test(t) : t === String(b));
        return rcheck(ok, "expected response body to equal " + show(b), "expected response body to not equal " + show(b));
    };
    R.jsonBody = function (path, value) {
        var body, ok = true;
        try { body = JSON.parse(r.text()); } catch (e) { ok = false; }
        if (ok && path !== undefined) {
            if (typeof path === "object") ok = deepEqual(body, path);
            else { var n = nestedValue(body, path); ok = n.found && (arguments.length < 2 || deepEqual(n.value, value)); }
        }
        return rcheck(ok, "expected response to have a json body" + (path !== undefined ? " with " + show(path) : ""),
            "expected response to not have a json body" + (path !== undefined ? " with " + show(path) : ""));
    };
    R.responseTime = function () { unsupported("pm.response.to.have.responseTime"); };
    R.jsonSchema = function () { unsupported("pm.response.to.have.jsonSchema"); };
    return R;
}

function headerAccess(list) {
    function find(name) {
        var n = String(name).toLowerCase();
        for (var i = 0; i < list.length; ++i) if (list[i].name.toLowerCase() === n) return list[i].value;
        return undefined;
    }
    return {
        get: find,
        has: function (name, value) { var v = find(name); return v !== undefined && (arguments.length < 2 || v === String(value)); },
        all: function () { return list.map(function (h) { return { key: h.name, value: h.value }; }); },
        toObject: function () { var o = {}; list.forEach(function (h) { o[h.name.toLowerCase()] = h.value; }); return o; },
        each: function (fn) { list.forEach(function (h) { fn({ key: h.name, value: h.value }); }); },
        count: function () { return list.length; },
        add: function () { unsupported("changing headers from a script (headers.add)"); },
        upsert: function () { unsupported("changing headers from a script (headers.upsert)"); },
        remove: function () { unsupported("changing headers from a script (headers.remove)"); }
    };
}

return function install(st) {
    var lookup = function (name) {
        var n = String(name);
        if (has(st.variables, n)) return st.variables[n];
        if (has(st.globals, n)) return st.globals[n];
        if (has(st.environment, n)) return st.environment[n];
        return undefined;
    };
    function scope(label, get) {
        return {
            get: get,
            has: function (name) { return get(name) !== undefined; },
            set: function (name, value) { st.globals[String(name)] = typeof value === "string" ? value : H.text(value); },
            unset: function (name) { delete st.globals[String(name)]; },
            clear: function () { for (var k in st.globals) delete st.globals[k]; },
            replaceIn: function (s) { return H.substitute(s); },
            toObject: function () {
                var o = {}, k;
                for (k in st.environment) o[k] = st.environment[k];
                for (k in st.globals) o[k] = st.globals[k];
                for (k in st.variables) o[k] = st.variables[k];
                return o;
            },
            name: label
        };
    }
    var globalsGet = function (name) { var n = String(name); return has(st.globals, n) ? st.globals[n] : undefined; };
    var envGet = function (name) {
        var n = String(name);
        if (has(st.globals, n)) return st.globals[n];
        return has(st.environment, n) ? st.environment[n] : undefined;
    };
    var rq = st.request;
    var pm = {
        test: function (name, fn) {
            var line = H.callerLine();
            try { if (typeof fn === "function") fn(); st.tests.push({ name: H.text(name), passed: true, message: "", line: line }); }
            catch (e) {
                if (e && e.vsUnsupported) throw e;
                if (H.isExit(e)) { st.tests.push({ name: H.text(name), passed: true, message: "", line: line }); throw e; }
                st.tests.push({ name: H.text(name), passed: false, message: H.errMessage(e), line: H.errLine(e) || line });
            }
            return pm;
        },
        expect: function (v, message) { return new Assertion(v, message); },
        environment: scope("environment", envGet),
        collectionVariables: scope("collectionVariables", lookup),
        variables: scope("variables", lookup),
        globals: scope("globals", globalsGet),
        iterationData: { get: function () { return undefined; }, has: function () { return false; },
            toObject: function () { return {}; } },
        info: { requestName: rq.name || "", eventName: st.response ? "test" : "prerequest", iteration: 0,
            iterationCount: 1, requestId: "" },
        request: {
            method: rq.method,
            url: { toString: function () { return H.substitute(rq.url); }, raw: rq.url,
                getHost: function () { var m = /^[a-z]+:\/\/([^/:?#]+)/i.exec(H.substitute(rq.url)); return m ? m[1] : ""; },
                getPath: function () { var m = /^[a-z]+:\/\/[^/?#]*([^?#]*)/i.exec(H.substitute(rq.url)); return m && m[1] ? m[1] : "/"; } },
            headers: headerAccess(rq.headers),
            body: { raw: rq.body, mode: "raw", toString: function () { return rq.body; } }
        },
        sendRequest: function () { unsupported("pm.sendRequest"); },
        execution: {
            setNextRequest: function () { unsupported("pm.execution.setNextRequest"); },
            skipRequest: function () { unsupported("pm.execution.skipRequest"); }
        },
        require: function (m) { unsupported("pm.require('" + m + "')"); }
    };
    Object.defineProperty(pm, "visualizer", { get: function () { unsupported("pm.visualizer"); } });
    Object.defineProperty(pm, "cookies", { get: function () { unsupported("pm.cookies"); } });
    Object.defineProperty(pm, "vault", { get: function () { unsupported("pm.vault"); } });
    pm.expect.fail = function (message) { pm.expect(false, message).to.be.true; };

    G.require = function (m) { unsupported("require('" + m + "')"); };
    G.xml2Json = function () { unsupported("xml2Json"); };
    G.tv4 = { validate: function () { unsupported("tv4.validate"); }, validateResult: function () { unsupported("tv4.validateResult"); } };
    G.postman = {
        setEnvironmentVariable: pm.environment.set, getEnvironmentVariable: pm.environment.get,
        clearEnvironmentVariable: pm.environment.unset,
        setGlobalVariable: pm.globals.set, getGlobalVariable: pm.globals.get, clearGlobalVariable: pm.globals.unset,
        setNextRequest: function () { unsupported("postman.setNextRequest"); },
        getResponseHeader: function (name) { return pm.response ? pm.response.headers.get(name) : undefined; }
    };
    // Legacy sandbox: tests["name"] = condition; read when the script ends.
    var legacy = {};
    G.tests = legacy;
    st.finish = function () {
        for (var k in legacy) st.tests.push({ name: k, passed: !!legacy[k], message: legacy[k] ? "" : "tests[\"" + k + "\"] is false", line: 0 });
    };
    G.environment = pm.environment.toObject();
    G.globals = {}; for (var gk in st.globals) G.globals[gk] = st.globals[gk];
    G.responseBody = undefined; G.responseCode = undefined; G.responseHeaders = undefined; G.responseTime = undefined;
    if (st.response) {
        var sr = st.response, headers = headerAccess(sr.headers);
        var resp = {
            code: sr.status, status: sr.reason, responseTime: sr.time, responseSize: sr.body.length, headers: headers,
            text: function () { return sr.body; },
            json: function () { return JSON.parse(sr.body); }
        };
        resp.to = responseAssertion(resp);
        pm.response = resp;
        G.responseBody = sr.body;
        G.responseCode = { code: sr.status, name: sr.reason, detail: sr.reason };
        G.responseTime = sr.time;
        G.responseHeaders = {}; sr.headers.forEach(function (h) { G.responseHeaders[h.name] = h.value; });
    }
    G.pm = pm;
};
})
