// SPDX-License-Identifier: GPL-3.0-or-later
// The wire transport's response parser on arbitrary server bytes, fed in the chunk sizes the
// first byte chooses. Properties: no crash; after an error or completion it stays put; what it
// reports as body never exceeds what it was given; the limits hold.
#include "FuzzSupport.h"
#include "core/http/ResponseParser.h"

using namespace verbscope;
using http::ParseEvent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static const char *const methods[] = { "GET", "HEAD", "CONNECT", "PROPFIND" };
    http::ParserLimits limits;
    limits.maxHeadBytes = 4096;
    limits.maxHeaderCount = 50;
    limits.maxLineBytes = 1024;
    limits.maxInformational = 5;
    http::ResponseParser parser(limits);
    parser.setRequestMethod(QByteArrayView(methods[data[0] % 4]));
    const qsizetype chunk = 1 + data[1] % 64;
    const QByteArray input = fuzz::bytes(data + 2, size - 2);
    qint64 bodySeen = 0;
    int heads = 0;
    int informational = 0;
    bool ended = false;
    auto check = [&](const QList<ParseEvent> &events) {
        for (const ParseEvent &e : events) {
            fuzz::require(!ended, "event after the response completed or failed");
            switch (e.type) {
            case ParseEvent::Type::Body: bodySeen += e.data.size(); break;
            case ParseEvent::Type::Head:
                ++heads;
                fuzz::require(e.head.status >= 100 && e.head.status <= 999, "status out of range");
                fuzz::require(e.head.headers.size() <= limits.maxHeaderCount, "header count over the limit");
                fuzz::require(e.head.rawHead.size() <= limits.maxHeadBytes, "head over the limit");
                break;
            case ParseEvent::Type::Informational:
                ++informational;
                fuzz::require(informational <= limits.maxInformational, "too many 1xx heads");
                break;
            case ParseEvent::Type::Complete: ended = true; break;
            case ParseEvent::Type::Error:
                fuzz::require(!e.message.isEmpty(), "error without a message");
                ended = true;
                break;
            }
        }
    };
    for (qsizetype pos = 0; pos < input.size() && !parser.hasError(); pos += chunk)
        check(parser.feed(QByteArrayView(input).sliced(pos, qMin(chunk, input.size() - pos))));
    if (!parser.isComplete() && !parser.hasError())
        check(parser.finish());
    fuzz::require(heads <= 1, "more than one final head");
    fuzz::require(bodySeen <= input.size(), "more body than input");
    fuzz::require(parser.bodyBytes() >= 0, "negative body size");
    return 0;
}
