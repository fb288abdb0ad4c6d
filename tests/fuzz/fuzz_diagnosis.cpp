// SPDX-License-Identifier: GPL-3.0-or-later
// The diagnosis on arbitrary exchanges: the first line is the request method, the rest is the
// server's response, parsed by the wire parser into an exchange as a real send would record it.
// Properties: no crash, a verdict always, every finding and suggestion has an id and text.
#include "FuzzSupport.h"
#include "core/diagnosis/Classifier.h"
#include "core/diagnosis/Diagnoser.h"
#include "core/http/ResponseParser.h"

using namespace verbscope;
using http::ParseEvent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype eol = input.indexOf('\n');
    if (eol < 0)
        return 0;
    http::RequestSpec spec;
    spec.method = input.left(eol).trimmed();
    spec.url = QStringLiteral("http://127.0.0.1:9/fuzz");
    http::Exchange exchange;
    exchange.request.method = spec.method;
    exchange.request.url = spec.url;
    http::ResponseParser parser;
    parser.setRequestMethod(spec.method);
    QList<ParseEvent> events = parser.feed(QByteArrayView(input).sliced(eol + 1));
    if (!parser.isComplete() && !parser.hasError())
        events += parser.finish();
    for (const ParseEvent &e : events) {
        if (e.type == ParseEvent::Type::Head) {
            exchange.response.received = true;
            exchange.response.head = e.head;
        } else if (e.type == ParseEvent::Type::Informational) {
            exchange.response.informational.append(e.head);
        } else if (e.type == ParseEvent::Type::Body) {
            exchange.response.body += e.data;
            exchange.response.rawBody += e.data;
        } else if (e.type == ParseEvent::Type::Error) {
            exchange.error = { e.errorKind, e.message };
        }
    }
    exchange.response.rawSize = exchange.response.rawBody.size();
    exchange.response.decodedSize = exchange.response.body.size();
    diagnosis::Classifier::classify(exchange);
    const diagnosis::Diagnosis d = diagnosis::Diagnoser::diagnose(spec, exchange);
    fuzz::require(!d.summary.isEmpty(), "diagnosis without a summary");
    for (const auto &f : d.findings)
        fuzz::require(!f.id.isEmpty() && !f.title.isEmpty(), "finding without id or title");
    for (const auto &s : d.suggestions)
        fuzz::require(!s.id.isEmpty(), "suggestion without id");
    diagnosis::Diagnoser::correctedMethod(spec.method);
    return 0;
}
