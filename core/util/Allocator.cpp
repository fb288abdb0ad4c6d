// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/Allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace verbscope::util {

void keepLargeBuffers()
{
#if defined(__GLIBC__)
    // Reads allocate and free buffers of up to 1 MiB (Qt's TLS layer one per batch it decrypts).
    // With glibc's defaults those above 128 KiB were mapped and unmapped each time, or the heap
    // trimmed after each free: page faults and TLB flushes were a third of a TLS download's time.
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
}

} // namespace verbscope::util
