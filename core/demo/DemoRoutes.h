// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/demo/DemoResponse.h"
#include "core/demo/RequestParser.h"

// One handler per route family of the demo server. Each reproduces how a real kind of server
// answers (status, reason phrase, header order, body), so the diagnosis can be shown on it.
// Pure functions: the server's route table picks one by path.
namespace verbscope::demo::routes {

DemoResponse api(const DemoRequest &request); // /api/items/1: a well-behaved REST resource
DemoResponse staticFile(const DemoRequest &request); // /static/*: nginx serving files
DemoResponse legacy(const DemoRequest &request); // /legacy/*: Python http.server (server-wide 501)
DemoResponse stub(const DemoRequest &request); // /stub/*: one route answers 501 to PATCH
DemoResponse methodOverride(const DemoRequest &request); // /override/*: X-HTTP-Method-Override and _method
DemoResponse proxy(const DemoRequest &request); // /proxy/*: squid in front of a WebDAV-capable origin
DemoResponse ignore(const DemoRequest &request); // /ignore: every verb gets the GET answer
DemoResponse forbidden(const DemoRequest &request); // /forbidden/*: an access rule, not a method check
DemoResponse length(const DemoRequest &request); // /length/*: 411 without a Content-Length
DemoResponse strict(const DemoRequest &request); // /strict/*: lower-case verbs 400, unknown verbs 405
DemoResponse spec(const DemoRequest &request); // /spec/*: answers that break the rules
DemoResponse redirect(const DemoRequest &request); // /redirect/*: chains, loops, a 302 without Location
DemoResponse slow(const DemoRequest &request); // /slow: answers late
DemoResponse drip(const DemoRequest &request); // /drip: a body one byte at a time
DemoResponse large(const DemoRequest &request); // /large: a big streamed body
DemoResponse gzip(const DemoRequest &request); // /gzip: a gzip-encoded JSON body
DemoResponse echo(const DemoRequest &request); // /echo: what arrived, as JSON
DemoResponse notFound(const DemoRequest &request); // any path no route claims, /missing-route

// The demo server's own answer to a request it could not parse (400, 413, 414, 431, 501, 505).
DemoResponse protocolError(int status, const QByteArray &reason, const QByteArray &detail);

// "VerbScope-demo/<version>": the Server value of routes that imitate no particular server.
QByteArray serverName();

} // namespace verbscope::demo::routes
