#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Packaging test (scripts/dev package-test): builds the release preset, validates the desktop file,
# the AppStream metainfo and the CI workflows, makes the DEB, RPM and TGZ, installs the .deb with
# apt, runs the installed CLI and GUI, removes the package and checks that nothing is left, and
# compares the RPM's file list with the DEB's. Needs root (or sudo) and no display. Whatever
# happens, the trap purges the package and any dependency it pulled in.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BUILD=$ROOT/build/release
PKGDIR=$BUILD/packages
APP_ID=io.verbscope.VerbScope
VERSION=$(sed -n 's/^project(VerbScope VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
failures=0
pass() { printf 'PASS: %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
# check DESCRIPTION COMMAND...: PASS or FAIL on the command's status; its output goes to the log.
check() {
    local what=$1; shift
    if "$@" >>"$LOG" 2>&1; then pass "$what"; else fail "$what (see $LOG)"; fi
}
die() { fail "$*"; exit 1; }

TMP=$(mktemp -d /tmp/verbscope-package-test.XXXXXX)
LOG=$TMP/log
demo_pid=
installed_packages() { dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 ~ /^.i/ {print $2}' | sort; }
installed_packages >"$TMP/packages-before"

cleanup() {
    local rc=$?
    [ -z "$demo_pid" ] || kill "$demo_pid" 2>/dev/null || true
    if dpkg-query -W -f='${Status}' verbscope 2>/dev/null | grep -q installed; then
        echo "cleanup: purging verbscope"
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get purge -y verbscope >>"$LOG" 2>&1 || true
    fi
    # Dependencies that apt pulled in for the .deb go too: the machine ends as it started.
    local added
    added=$(installed_packages | comm -13 "$TMP/packages-before" -)
    if [ -n "$added" ]; then
        echo "cleanup: purging packages installed by the test: $added"
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get purge -y $added >>"$LOG" 2>&1 || true
    fi
    if [ "$rc" -ne 0 ] || [ "$failures" -ne 0 ]; then
        echo "---- last lines of $LOG"
        tail -n 25 "$LOG"
        if [ "$failures" -ne 0 ]; then echo "FAIL: package test ($failures failed)"; else echo "FAIL: package test (stopped, exit $rc)"; fi
        exit 1
    fi
    rm -rf "$TMP"
    echo "PASS: package test"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if dpkg-query -W -f='${Status}' verbscope 2>/dev/null | grep -q installed; then
    trap - EXIT
    echo "FAIL: verbscope is already installed on this machine; remove it first (apt-get purge verbscope)"
    exit 1
fi

echo "==> building the release preset (version $VERSION)"
cmake --preset release >>"$LOG" 2>&1 || die "configure the release preset"
cmake --build --preset release >>"$LOG" 2>&1 || die "build the release preset"

check "desktop-file-validate $APP_ID.desktop" desktop-file-validate "packaging/linux/$APP_ID.desktop"
check "appstreamcli validate $APP_ID.metainfo.xml" \
    appstreamcli validate --no-net --explain "$BUILD/packaging/$APP_ID.metainfo.xml"
check "metainfo names release $VERSION" grep -q "<release version=\"$VERSION\"" "$BUILD/packaging/$APP_ID.metainfo.xml"
check "yamllint .github/workflows" yamllint --strict -c packaging/yamllint.yml .github/workflows
check "yamllint flatpak manifest" yamllint --strict -c packaging/yamllint.yml packaging/linux/flatpak

echo "==> making the DEB, RPM and TGZ"
rm -rf "$PKGDIR"
(cd "$BUILD" && cpack -G 'DEB;RPM;TGZ' -B "$PKGDIR") >>"$LOG" 2>&1 || die "cpack DEB, RPM and TGZ"
deb=$(ls "$PKGDIR"/verbscope_"$VERSION"_*.deb 2>/dev/null | head -n 1)
rpm=$(ls "$PKGDIR"/verbscope-"$VERSION"-*.rpm 2>/dev/null | head -n 1)
tgz=$(ls "$PKGDIR"/verbscope-"$VERSION"-*.tar.gz 2>/dev/null | head -n 1)
[ -n "$deb" ] && [ -n "$rpm" ] && [ -n "$tgz" ] || die "cpack made a .deb, a .rpm and a .tar.gz"
pass "cpack made $(basename "$deb"), $(basename "$rpm"), $(basename "$tgz")"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends" >>"$LOG"
check "DEB Depends (dpkg-shlibdeps) has libqt6widgets6, libqt6network6 and libqt6sql6-sqlite" \
    bash -c '[[ $1 == *libqt6widgets6* && $1 == *libqt6network6* && $1 == *libqt6sql6-sqlite* ]]' _ "$depends"
check "DEB Section is net" test "$(dpkg-deb -f "$deb" Section)" = net
check "RPM Requires Qt libraries" bash -c 'rpm -qpR "$1" 2>/dev/null | grep -q libQt6Core' _ "$rpm"

# Files (not directories) in each package, as absolute paths.
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./|/|' | sort >"$TMP/deb-files"
rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm" 2>/dev/null | awk '$1 !~ /^d/ {print $2}' |
    sort >"$TMP/rpm-files"
if diff -u "$TMP/deb-files" "$TMP/rpm-files" >>"$LOG"; then
    pass "RPM holds the same $(wc -l <"$TMP/rpm-files") files as the DEB"
else
    fail "RPM and DEB file lists differ (diff in $LOG)"
fi
check "RPM owns no shared directory (/usr/share/icons/hicolor, /usr/bin)" \
    bash -c '! rpm -qlp "$1" 2>/dev/null | grep -qxE "/usr/bin|/usr/share/icons/hicolor(/[^/]+)?(/apps)?|/usr/share/applications"' _ "$rpm"
for f in /usr/bin/verbscope /usr/bin/verbscope-cli /usr/share/applications/$APP_ID.desktop \
         /usr/share/metainfo/$APP_ID.metainfo.xml /usr/share/icons/hicolor/scalable/apps/$APP_ID.svg \
         /usr/share/icons/hicolor/48x48/apps/$APP_ID.png /usr/share/man/man1/verbscope-cli.1 \
         /usr/share/bash-completion/completions/verbscope-cli /usr/share/fish/vendor_completions.d/verbscope-cli.fish \
         /usr/share/zsh/vendor-completions/_verbscope-cli /usr/share/doc/verbscope/LICENSE; do
    grep -qx "$f" "$TMP/deb-files" || fail "the DEB has $f"
done
pass "the DEB has the executables, desktop file, metainfo, icons, man page, completion and licence"

echo "==> installing $(basename "$deb") with apt"
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "$deb" >>"$LOG" 2>&1 ||
    die "apt-get install $(basename "$deb")"
pass "apt-get install ./$(basename "$deb")"
dpkg -L verbscope | sort >"$TMP/installed"

# The installed programs run with a private home, so nothing lands in root's.
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config XDG_DATA_HOME=$TMP/home/.local/share \
    XDG_CACHE_HOME=$TMP/home/.cache XDG_RUNTIME_DIR=$TMP/runtime VERBSCOPE_DATA_DIR=$TMP/data
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY

check "installed verbscope-cli --version says $VERSION" \
    bash -c '/usr/bin/verbscope-cli --version | grep -qx "verbscope-cli $1"' _ "$VERSION"
check "installed verbscope --version says $VERSION" \
    bash -c '/usr/bin/verbscope --version | grep -qx "verbscope $1"' _ "$VERSION"

/usr/bin/verbscope-cli demo --port 0 --quiet >"$TMP/demo.out" 2>"$TMP/demo.err" &
demo_pid=$!
url=
for _ in $(seq 1 100); do
    url=$(head -n 1 "$TMP/demo.out" | sed -n 's|^VerbScope demo server on \(http://127\.0\.0\.1:[0-9]*/\)$|\1|p')
    [ -n "$url" ] && break
    kill -0 "$demo_pid" 2>/dev/null || break
    sleep 0.1
done
if [ -n "$url" ]; then
    pass "installed verbscope-cli demo --port 0 listens on $url"
    /usr/bin/verbscope-cli diagnose -X PATCH "${url}api/items/1" >"$TMP/diagnose.out" 2>&1 || true
    cat "$TMP/diagnose.out" >>"$LOG"
    check "installed verbscope-cli diagnose -X PATCH ${url}api/items/1 says not-allowed" \
        grep -qE '^ *verdict: +not-allowed' "$TMP/diagnose.out"
else
    fail "installed verbscope-cli demo printed its URL (got: $(head -c 200 "$TMP/demo.out" "$TMP/demo.err"))"
fi
kill "$demo_pid" 2>/dev/null || true
wait "$demo_pid" 2>/dev/null || true
demo_pid=

check "installed verbscope has --quit-after-show" \
    bash -c 'QT_QPA_PLATFORM=offscreen /usr/bin/verbscope --help | grep -q -- --quit-after-show'
check "installed verbscope starts offscreen and quits" \
    env QT_QPA_PLATFORM=offscreen timeout 60 /usr/bin/verbscope --quit-after-show
check "bash completion completes 'verbscope-cli diag' to diagnose" bash -c '
    source /usr/share/bash-completion/completions/verbscope-cli
    COMP_WORDS=(verbscope-cli diag); COMP_CWORD=1; _verbscope_cli; [ "${COMPREPLY[*]}" = diagnose ]'
check "man page verbscope-cli.1 documents diagnose --try-override" \
    grep -q 'try\\-override' /usr/share/man/man1/verbscope-cli.1

echo "==> removing the package"
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get purge -y verbscope >>"$LOG" 2>&1 || die "apt-get purge verbscope"
check "dpkg no longer knows verbscope" bash -c '! dpkg-query -W -f="\${Status}" verbscope 2>/dev/null | grep -q installed'
left=0
while read -r path; do
    [ -e "$path" ] || [ -L "$path" ] || continue
    # A directory may stay when another package owns it or still has files in it.
    if [ -d "$path" ] && ! [ -L "$path" ] &&
        { dpkg-query -S "$path" >/dev/null 2>&1 || [ -n "$(ls -A "$path")" ]; }; then
        continue
    fi
    echo "left behind: $path" >>"$LOG"
    left=$((left + 1))
done <"$TMP/installed"
if [ "$left" -eq 0 ]; then
    pass "nothing of the $(wc -l <"$TMP/installed") paths of dpkg -L verbscope is left but shared directories"
else
    fail "$left paths of dpkg -L verbscope were left behind (listed in $LOG)"
fi
