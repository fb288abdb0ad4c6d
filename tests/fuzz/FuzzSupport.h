// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by every fuzz target: the libFuzzer entry point, and a check that aborts (so both
// libFuzzer and the corpus replay report it) when a property the code promises does not hold.

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace verbscope::fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

[[noreturn]] inline void fail(const char *what)
{
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
}

inline void require(bool ok, const char *what)
{
    if (!ok)
        fail(what);
}

} // namespace verbscope::fuzz
