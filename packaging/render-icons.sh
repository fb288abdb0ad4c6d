#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders resources/icons/verbscope.svg into the committed PNGs (hicolor sizes) and the Windows
# .ico. Run after editing the SVG; needs rsvg-convert (librsvg2-bin) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
icons=resources/icons
sizes=(16 22 24 32 48 64 128 256)
for s in "${sizes[@]}"; do
    rsvg-convert -w "$s" -h "$s" "$icons/verbscope.svg" -o "$icons/verbscope-$s.png"
done
# An .ico made of PNG entries (Windows Vista and later read them): 16, 24, 32, 48, 64, 256.
python3 - "$icons" <<'PY'
import struct, sys
d = sys.argv[1]
sizes = [16, 24, 32, 48, 64, 256]
blobs = [open(f"{d}/verbscope-{s}.png", "rb").read() for s in sizes]
out = struct.pack("<HHH", 0, 1, len(sizes))
offset = 6 + 16 * len(sizes)
for s, b in zip(sizes, blobs):
    out += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(b), offset)
    offset += len(b)
open(f"{d}/verbscope.ico", "wb").write(out + b"".join(blobs))
PY
echo "rendered ${#sizes[@]} PNGs and verbscope.ico into $icons"
