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
// bombs: it stops only when both limits are passed, more than `maxDecoded` bytes out *and* a
// decoded/encoded ratio above `maxRatio`. A legitimate CSV compresses 200–300 times, so the
// ratio alone would stop real downloads; the size alone would stop nothing small and harmful.
// The caller keeps the raw bytes, so stopping loses nothing.
class ContentDecoder
{
public:
    struct Stage;

    static constexpr qint64 DefaultMaxDecoded = 1LL << 30; // 1 GiB
    static constexpr int DefaultMaxRatio = 100;

    explicit ContentDecoder(
        QByteArrayView contentEncoding, qint64 maxDecoded = DefaultMaxDecoded, int maxRatio = DefaultMaxRatio);
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
    // True when the bomb guard stopped decoding (the data was valid as far as it went).
    bool stoppedByGuard() const { return m_guardTripped; }

    // Whole-buffer convenience for tests and small bodies.
    static bool decodeAll(QByteArrayView contentEncoding, QByteArrayView input, QByteArray &out,
        QString *error = nullptr, qint64 maxDecoded = DefaultMaxDecoded);

private:
    bool fail(const QString &message);
    std::vector<std::unique_ptr<Stage>> m_stages; // in decoding order
    bool m_supported = true;
    bool m_guardTripped = false;
    QString m_error;
    qint64 m_in = 0;
    qint64 m_out = 0;
    qint64 m_maxDecoded;
    int m_maxRatio;
};

} // namespace verbscope::http
