// SPDX-License-Identifier: GPL-3.0-or-later
// The wire transport's response parser on arbitrary server bytes, fed in the chunk sizes the
// first byte chooses. Properties: no crash; after an error or completion it stays put; what it
// reports as body never exceeds what it was given; the limits hold; and a second parser fed the
// way the wire transport reads (body data handed on around feed() whenever directBodyRoom() allows)
// ends exactly like the first: same body bytes, same end, same error, same excess.
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
    QByteArray body;
    int heads = 0;
    int informational = 0;
    bool ended = false;
    auto check = [&](const QList<ParseEvent> &events) {
        for (const ParseEvent &e : events) {
            fuzz::require(!ended, "event after the response completed or failed");
            switch (e.type) {
            case ParseEvent::Type::Body:
                bodySeen += e.data.size();
                body += e.data;
                break;
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

    // The direct path, as WireJob::readBodyDirect uses it.
    http::ResponseParser direct(limits);
    direct.setRequestMethod(QByteArrayView(methods[data[0] % 4]));
    QByteArray directBody;
    QString directError;
    bool directComplete = false;
    auto collect = [&](const QList<ParseEvent> &events) {
        for (const ParseEvent &e : events) {
            if (e.type == ParseEvent::Type::Body)
                directBody += e.data;
            else if (e.type == ParseEvent::Type::Complete)
                directComplete = true;
            else if (e.type == ParseEvent::Type::Error)
                directError = e.message;
        }
    };
    for (qsizetype pos = 0; pos < input.size() && !direct.hasError();) {
        const qsizetype n = qMin(chunk, input.size() - pos);
        const qint64 room = direct.directBodyRoom();
        if (room > 0) {
            const qsizetype take = qsizetype(qMin<qint64>(room, n));
            directBody += input.mid(pos, take);
            collect(direct.bodyDelivered(take));
            pos += take;
        } else {
            collect(direct.feed(QByteArrayView(input).sliced(pos, n)));
            pos += n;
        }
    }
    if (!direct.isComplete() && !direct.hasError())
        collect(direct.finish());
    fuzz::require(direct.isComplete() == parser.isComplete(), "direct path: completion differs");
    fuzz::require(direct.hasError() == parser.hasError(), "direct path: error differs");
    fuzz::require(direct.bodyBytes() == parser.bodyBytes(), "direct path: body size differs");
    fuzz::require(direct.excessBytes() == parser.excessBytes(), "direct path: excess differs");
    fuzz::require(directBody == body, "direct path: body bytes differ");
    fuzz::require(!directComplete || direct.isComplete(), "direct path: Complete without completion");
    fuzz::require(directError.isEmpty() == !direct.hasError(), "direct path: error event differs");
    fuzz::require(
        direct.directBodyRoom() == 0 || !(direct.isComplete() || direct.hasError()), "direct path: room after the end");

    fuzz::require(heads <= 1, "more than one final head");
    fuzz::require(bodySeen <= input.size(), "more body than input");
    fuzz::require(parser.bodyBytes() >= 0, "negative body size");
    return 0;
}
