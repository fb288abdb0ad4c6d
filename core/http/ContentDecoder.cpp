// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/ContentDecoder.h"

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <vector>

namespace verbscope::http {

struct ContentDecoder::Stage {
    virtual ~Stage() = default;
    virtual const char *name() const = 0;
    // Appends output; returns false and sets `error` on a corrupt stream.
    // Stops with an empty `error` once `out` grows past `limit` bytes (bomb guard).
    virtual bool feed(QByteArrayView in, QByteArray &out, QString &error, qsizetype limit) = 0;
    virtual bool complete() const = 0;
};

namespace {
constexpr qsizetype Chunk = 64 * 1024;

class ZlibStage final : public ContentDecoder::Stage
{
public:
    explicit ZlibStage(bool gzip)
        : m_gzip(gzip)
    {
        // 16+MAX_WBITS: gzip header; 15: zlib header (deflate as the RFC says)
        inflateInit2(&m_z, gzip ? 16 + MAX_WBITS : MAX_WBITS);
    }
    ~ZlibStage() override { inflateEnd(&m_z); }
    const char *name() const override { return m_gzip ? "gzip" : "deflate"; }
    bool complete() const override { return m_done; }
    bool feed(QByteArrayView in, QByteArray &out, QString &error, qsizetype limit) override
    {
        if (!m_gzip && !m_sniffed && !in.isEmpty()) {
            m_sniffed = true;
            // Many servers send raw deflate (no zlib header) for "deflate": accept both.
            const auto b0 = static_cast<unsigned char>(in[0]);
            if ((b0 & 0x0f) != 8 || (in.size() > 1 && ((b0 << 8) | static_cast<unsigned char>(in[1])) % 31 != 0)) {
                inflateEnd(&m_z);
                m_z = z_stream {};
                inflateInit2(&m_z, -MAX_WBITS);
            }
        }
        m_z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
        m_z.avail_in = static_cast<uInt>(in.size());
        while (m_z.avail_in > 0 && !m_done) {
            if (out.size() > limit)
                return false;
            const qsizetype before = out.size();
            out.resize(before + Chunk);
            m_z.next_out = reinterpret_cast<Bytef *>(out.data() + before);
            m_z.avail_out = Chunk;
            const int rc = inflate(&m_z, Z_NO_FLUSH);
            out.resize(before + (Chunk - qsizetype(m_z.avail_out)));
            if (rc == Z_STREAM_END) {
                m_done = true;
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                error = QStringLiteral("%1 data is invalid (%2)")
                            .arg(QLatin1String(name()), QString::fromLatin1(m_z.msg ? m_z.msg : "zlib error"));
                return false;
            } else if (rc == Z_BUF_ERROR && m_z.avail_out != 0) {
                break;
            }
        }
        return true;
    }

private:
    z_stream m_z {};
    bool m_gzip;
    bool m_sniffed = false;
    bool m_done = false;
};

class BrotliStage final : public ContentDecoder::Stage
{
public:
    BrotliStage()
        : m_s(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr))
    { }
    ~BrotliStage() override { BrotliDecoderDestroyInstance(m_s); }
    const char *name() const override { return "br"; }
    bool complete() const override { return m_done; }
    bool feed(QByteArrayView in, QByteArray &out, QString &error, qsizetype limit) override
    {
        size_t availIn = size_t(in.size());
        auto nextIn = reinterpret_cast<const uint8_t *>(in.data());
        for (;;) {
            if (out.size() > limit)
                return false;
            const qsizetype before = out.size();
            out.resize(before + Chunk);
            size_t availOut = Chunk;
            auto nextOut = reinterpret_cast<uint8_t *>(out.data() + before);
            const BrotliDecoderResult rc
                = BrotliDecoderDecompressStream(m_s, &availIn, &nextIn, &availOut, &nextOut, nullptr);
            out.resize(before + (Chunk - qsizetype(availOut)));
            if (rc == BROTLI_DECODER_RESULT_ERROR) {
                error = QStringLiteral("br data is invalid (%1)")
                            .arg(QString::fromLatin1(BrotliDecoderErrorString(BrotliDecoderGetErrorCode(m_s))));
                return false;
            }
            if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
                m_done = true;
                return true;
            }
            if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
                return true;
            // NEEDS_MORE_OUTPUT: loop
        }
    }

private:
    BrotliDecoderState *m_s;
    bool m_done = false;
};

class ZstdStage final : public ContentDecoder::Stage
{
public:
    ZstdStage()
        : m_s(ZSTD_createDStream())
    {
        ZSTD_initDStream(m_s);
    }
    ~ZstdStage() override { ZSTD_freeDStream(m_s); }
    const char *name() const override { return "zstd"; }
    bool complete() const override { return m_frameDone; }
    bool feed(QByteArrayView in, QByteArray &out, QString &error, qsizetype limit) override
    {
        ZSTD_inBuffer input { in.data(), size_t(in.size()), 0 };
        while (input.pos < input.size || m_pendingOut) {
            if (out.size() > limit)
                return false;
            const qsizetype before = out.size();
            out.resize(before + Chunk);
            ZSTD_outBuffer output { out.data() + before, size_t(Chunk), 0 };
            const size_t rc = ZSTD_decompressStream(m_s, &output, &input);
            out.resize(before + qsizetype(output.pos));
            if (ZSTD_isError(rc)) {
                error = QStringLiteral("zstd data is invalid (%1)").arg(QString::fromLatin1(ZSTD_getErrorName(rc)));
                return false;
            }
            m_frameDone = (rc == 0);
            m_pendingOut = (output.pos == output.size);
            if (input.pos == input.size && !m_pendingOut)
                break;
        }
        return true;
    }

private:
    ZSTD_DStream *m_s;
    bool m_frameDone = false;
    bool m_pendingOut = false;
};

std::unique_ptr<ContentDecoder::Stage> makeStage(const QByteArray &coding)
{
    if (coding == "gzip" || coding == "x-gzip")
        return std::make_unique<ZlibStage>(true);
    if (coding == "deflate")
        return std::make_unique<ZlibStage>(false);
    if (coding == "br")
        return std::make_unique<BrotliStage>();
    if (coding == "zstd")
        return std::make_unique<ZstdStage>();
    return nullptr;
}
} // namespace

ContentDecoder::ContentDecoder(QByteArrayView contentEncoding, qint64 maxDecoded, int maxRatio)
    : m_maxDecoded(maxDecoded)
    , m_maxRatio(maxRatio)
{
    const QList<QByteArray> codings = contentEncoding.toByteArray().split(',');
    // Codings are listed in the order they were applied; undo them last to first.
    for (auto it = codings.crbegin(); it != codings.crend(); ++it) {
        const QByteArray c = it->trimmed().toLower();
        if (c.isEmpty() || c == "identity")
            continue;
        auto stage = makeStage(c);
        if (!stage) {
            m_supported = false;
            m_error = QStringLiteral("content coding \"%1\" is not supported; the body is shown as received")
                          .arg(QString::fromLatin1(c));
            m_stages.clear();
            return;
        }
        m_stages.push_back(std::move(stage));
    }
}

ContentDecoder::~ContentDecoder() = default;

bool ContentDecoder::fail(const QString &message)
{
    m_error = message;
    m_supported = false;
    return false;
}

bool ContentDecoder::feed(QByteArrayView input, QByteArray &out)
{
    if (!m_supported || !m_error.isEmpty())
        return false;
    m_in += input.size();
    if (m_stages.empty()) {
        out.append(input.data(), input.size());
        m_out += input.size();
        return true;
    }
    // The most this call may produce before the guard trips: up to the size limit whatever the
    // ratio, past it only as much as the ratio allows.
    const qint64 allowed = std::max(m_maxDecoded, m_in * m_maxRatio) - m_out;
    const auto limit = qsizetype(std::min<qint64>(std::max<qint64>(allowed, 0), qint64(1) << 40));
    QByteArray buffer(input.data(), input.size());
    bool overLimit = false;
    for (auto &stage : m_stages) {
        QByteArray next;
        QString err;
        if (!stage->feed(buffer, next, err, limit)) {
            if (!err.isEmpty())
                return fail(err);
            overLimit = true;
        }
        buffer = std::move(next);
        if (overLimit)
            break;
    }
    m_out += buffer.size();
    if (overLimit || (m_out > m_maxDecoded && m_in > 0 && m_out / m_in > m_maxRatio)) {
        m_guardTripped = true;
        return fail(QStringLiteral("decoding stopped: %1 bytes became more than %2 bytes (more than the decoded-size "
                                   "limit of %3 bytes, at a ratio over %4), which looks like a decompression bomb; "
                                   "the body is kept as received (still encoded)")
                        .arg(m_in)
                        .arg(m_out)
                        .arg(m_maxDecoded)
                        .arg(m_maxRatio));
    }
    out.append(buffer);
    return true;
}

bool ContentDecoder::finish(QByteArray &)
{
    if (!m_supported || !m_error.isEmpty())
        return false;
    for (const auto &stage : m_stages) {
        if (!stage->complete())
            return fail(QStringLiteral("%1 stream ends before its end marker (body truncated or corrupt)")
                            .arg(QLatin1String(stage->name())));
    }
    return true;
}

bool ContentDecoder::decodeAll(
    QByteArrayView contentEncoding, QByteArrayView input, QByteArray &out, QString *error, qint64 maxDecoded)
{
    ContentDecoder d(contentEncoding, maxDecoded);
    const bool ok = d.feed(input, out) && d.finish(out);
    if (!ok && error)
        *error = d.error();
    return ok;
}

} // namespace verbscope::http
