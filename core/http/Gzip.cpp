// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/Gzip.h"

#include "core/http/ContentDecoder.h"

#define ZLIB_CONST // next_in is const: no cast needed to hand zlib a QByteArrayView
#include <zlib.h>

#include <limits>

namespace verbscope::http::Gzip {

namespace {
int windowBits(Format format)
{
    switch (format) {
    case Format::Gzip: return 16 + MAX_WBITS; // zlib's way of asking for the gzip wrapper
    case Format::Zlib: return MAX_WBITS;
    case Format::RawDeflate: return -MAX_WBITS;
    }
    return MAX_WBITS;
}
} // namespace

QByteArray compress(QByteArrayView data, Format format, int level)
{
    if (data.size() > qsizetype(std::numeric_limits<uInt>::max()))
        return {};
    z_stream zs {};
    if (deflateInit2(&zs, level, Z_DEFLATED, windowBits(format), 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    // deflateBound() is enough for a single Z_FINISH call, whatever the data.
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<const Bytef *>(data.data());
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.truncate(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

bool decompress(QByteArrayView data, QByteArray &out, QString *error, Format format, qint64 maxDecoded)
{
    // ContentDecoder takes zlib and raw deflate alike for "deflate", as servers send both.
    return ContentDecoder::decodeAll(format == Format::Gzip ? "gzip" : "deflate", data, out, error,
        maxDecoded > 0 ? maxDecoded : ContentDecoder::DefaultMaxDecoded);
}

} // namespace verbscope::http::Gzip
