#!/usr/bin/env bash
# Fetch Debian's stock linux-headers for a suite (what a DKMS user builds
# against) into the cache and print a usable KERNEL_DIR.
#
#   stock-headers.sh SUITE        bookworm (6.1) or bookworm-backports (6.12)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

suite=${1:?usage: stock-headers.sh SUITE}
apt=$CMACODEC_TOP/scripts/apt-private.sh
suites=bookworm,bookworm-backports,trixie,unstable,experimental

# linux-headers-amd64/SUITE -> linux-headers-X-amd64 -> -common, linux-kbuild
dep() { # PKG[/SUITE|=VER] PATTERN: first dependency of PKG matching PATTERN
	"$apt" show "$suites" "$1" | sed -n 's/^Depends: //p' | head -n1 |
		tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -E "$2" | head -n1
}
# The resolved tree is remembered for a day: apt-cache over five suites is slow.
memo=$CACHE/stock/$suite.kdir
if [ -n "$(find "$memo" -mtime -1 2>/dev/null)" ] && [ -f "$(cat "$memo")/../../../.done" ]; then
	cat "$memo"
	exit 0
fi
meta_ver=$("$apt" show "$suites" "linux-headers-amd64/$suite" | sed -n 's/^Version: //p' | head -n1)
[ -n "$meta_ver" ] || die "no linux-headers-amd64 in $suite"
hdr=$(dep "linux-headers-amd64/$suite" '^linux-headers-')
common=$(dep "$hdr=$meta_ver" '^linux-headers-.*-common$')
kbuild=$(dep "$hdr=$meta_ver" '^linux-kbuild-')

root=$CACHE/stock/$hdr-$meta_ver
kdir=$root/usr/src/$hdr
if [ ! -f "$root/.done" ]; then
	rm -rf "$root" "$root.debs"
	"$apt" download "$root.debs" "$suites" "$hdr=$meta_ver" "$common=$meta_ver" "$kbuild=$meta_ver"
	for d in "$root.debs"/*.deb; do dpkg-deb -x "$d" "$root"; done
	rm -rf "$root.debs"
	# Debian's Makefile includes the -common tree by absolute path.
	sed -i "s|include /usr/src/|include $root/usr/src/|" "$kdir/Makefile"
	touch "$root/.done"
fi
echo "$kdir" >"$memo"
echo "$kdir"
