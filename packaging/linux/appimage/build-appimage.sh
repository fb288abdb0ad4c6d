#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# AppImage recipe, run by .github/workflows/linux.yml after a release-preset build configured with
# -DCMAKE_INSTALL_PREFIX=/usr:   packaging/linux/appimage/build-appimage.sh build/release
# It downloads linuxdeploy and its Qt plugin, so it runs in CI only (or with VERBSCOPE_APPIMAGE=1).
set -euo pipefail
build=$(realpath "${1:?usage: build-appimage.sh BUILD_DIR}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
if [ -z "${GITHUB_ACTIONS:-}" ] && [ -z "${VERBSCOPE_APPIMAGE:-}" ]; then
    echo "build-appimage.sh downloads linuxdeploy; it is meant for CI (set VERBSCOPE_APPIMAGE=1 to run it here)" >&2
    exit 2
fi
version=$(sed -n 's/^project(VerbScope VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
arch=$(uname -m)
work=$build/appimage
appdir=$work/AppDir
rm -rf "$appdir" && mkdir -p "$work/tools"

for tool in linuxdeploy linuxdeploy-plugin-qt; do
    if [ ! -x "$work/tools/$tool-$arch.AppImage" ]; then
        curl -fsSL -o "$work/tools/$tool-$arch.AppImage" \
            "https://github.com/linuxdeploy/$tool/releases/download/continuous/$tool-$arch.AppImage"
        chmod +x "$work/tools/$tool-$arch.AppImage"
    fi
done
export PATH=$work/tools:$PATH

DESTDIR=$appdir cmake --install "$build"

# The Qt plugin finds Qt through qmake; offscreen lets the AppImage be smoke-tested headless.
export QMAKE=${QMAKE:-$(command -v qmake6 || command -v qmake)}
export EXTRA_PLATFORM_PLUGINS=libqoffscreen.so
export OUTPUT=$work/VerbScope-$version-$arch.AppImage
cd "$work"
linuxdeploy-"$arch".AppImage --appdir "$appdir" \
    --executable "$appdir/usr/bin/verbscope-cli" \
    --desktop-file "$appdir/usr/share/applications/io.verbscope.VerbScope.desktop" \
    --icon-file "$appdir/usr/share/icons/hicolor/256x256/apps/io.verbscope.VerbScope.png" \
    --custom-apprun "$here/AppRun" \
    --plugin qt --output appimage

QT_QPA_PLATFORM=offscreen "$OUTPUT" --cli --version
QT_QPA_PLATFORM=offscreen "$OUTPUT" --quit-after-show
echo "made $OUTPUT"
