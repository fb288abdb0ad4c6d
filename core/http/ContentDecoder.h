// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>

namespace verbscope::http {

// Streaming decoder for a Content-Encoding header value (gzip, x-gzip, deflate, br, zstd,
// identity; stacked codings are undone in reverse order). It guards against decompression
// bombs: once more than `threshold` bytes came out, a decoded/encoded ratio above `maxRatio`
// stops it with an error. The caller keeps the raw bytes, so a failure loses nothing.
class ContentDecoder
{
public:
    struct Stage;

    explicit ContentDecoder(QByteArrayView contentEncoding, qint64 threshold = 10LL << 20, int maxRatio = 100);
    ~ContentDecoder();
    ContentDecoder(const ContentDecoder &) = delete;
    ContentDecoder &operator=(const ContentDecoder &) = delete;

    // False when the header names a coding this decoder does not know; error() says which.
    bool isSupported() const { return m_supported; }
    bool isIdentity() const { return m_stages.empty(); }
    // Appends decoded bytes to `out`. False on error (see error()); later calls do nothing.
    bool feed(QByteArrayView input, QByteArray &out);
    // End of input: false if the compressed stream was cut short.
    bool finish(QByteArray &out);
    QString error() const { return m_error; }

    // Whole-buffer convenience for tests and small bodies.
    static bool decodeAll(
        QByteArrayView contentEncoding, QByteArrayView input, QByteArray &out, QString *error = nullptr);

private:
    bool fail(const QString &message);
    std::vector<std::unique_ptr<Stage>> m_stages; // in decoding order
    bool m_supported = true;
    QString m_error;
    qint64 m_in = 0;
    qint64 m_out = 0;
    qint64 m_threshold;
    int m_maxRatio;
};

} // namespace verbscope::http
