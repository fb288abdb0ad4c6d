// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace verbscope::http {

// One-shot compression of a buffer held in memory (the demo server's /gzip body, test data) and
// its inverse. Decompression goes through ContentDecoder, the one decoding path, so it has the
// same formats, errors and decompression-bomb guard as a response body; only compression calls
// zlib here. Streaming bodies use ContentDecoder directly.
namespace Gzip {

enum class Format {
    Gzip, // RFC 1952: Content-Encoding gzip
    Zlib, // RFC 1950: Content-Encoding deflate as the RFC means it
    RawDeflate, // RFC 1951 without a wrapper: what many servers send as "deflate"
};

// Empty only when zlib fails (out of memory) or the input exceeds 4 GiB; `level` 0-9.
QByteArray compress(QByteArrayView data, Format format = Format::Gzip, int level = 9);
// False with the reason in `error` when the data is damaged, cut short or a decompression bomb.
// `maxDecoded` 0: the response body's default limit (ContentDecoder::DefaultMaxDecoded).
bool decompress(QByteArrayView data, QByteArray &out, QString *error = nullptr, Format format = Format::Gzip,
    qint64 maxDecoded = 0);

} // namespace Gzip
} // namespace verbscope::http
