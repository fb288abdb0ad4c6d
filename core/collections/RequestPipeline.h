// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/RequestResolver.h"
#include "core/http/RequestSpec.h"

namespace verbscope::collections {

// What a front end brings to a `.http` request: the variables in force and the options it
// would use for a request with no directives (the CLI's flags, a tab's Options page).
struct RequestContext {
    VariableMap environment;
    bool environmentVerifiesTls = true; // http-client.env.json SSLConfiguration.verifyHostCertificate
    http::RequestOptions base = defaultOptions();
    ResolveOptions resolve; // redaction, file inlining, and how messages name the file

    // A `.http` request's defaults, as the JetBrains client runs them: redirects followed, the
    // byte-exact wire transport, 30 s without data.
    static http::RequestOptions defaultOptions();
};

// One request ready for the wire, or the reasons it is not: every problem names file:line.
struct PreparedRequest {
    QString name; // @name, else ### title, else "METHOD target"
    int line = 0;
    http::RequestSpec spec;
    ResolvedRequest resolved; // the substituted text, for exporters that write it out
    QStringList problems; // unresolved variables, unreadable body files, bad directives, invalid spec
    QStringList directiveProblems; // the bad directives alone (also in problems), for exporters
    bool sendable() const { return problems.isEmpty(); }
};

// The one way from a `.http` request to a RequestSpec: variables (environment, file, request),
// body files, and the directives that are options (`@no-redirect`, `@insecure`, `@timeout`,
// `@connection-timeout`, `@no-log`, `@no-auto-encoding`).
// The CLI's run, the app's collection tabs, export and code generation all call it, so the same
// file sends the same bytes everywhere. The next layers (request references, scripts, cookie
// jar, auth schemes) belong here too.
class RequestPipeline
{
public:
    static PreparedRequest prepare(
        const HttpFile &file, qsizetype index, const QString &filePath, const RequestContext &context);

    // The directives that map to options, applied on top of `options`. Unknown directives are
    // left alone (they are kept in the file); a malformed known one is a problem.
    static void applyDirectives(
        const HttpRequest &request, http::RequestOptions &options, QStringList *problems, const QString &where = {});
    // The reverse, for saving a request edited in the app: the directives that say `options`
    // (relative to defaultOptions()), replacing the option directives `request` had.
    static void writeDirectives(const http::RequestOptions &options, HttpRequest &request);
};

} // namespace verbscope::collections
