#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The uapi header must compile on its own, in C and C++, without padding.
B=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$B"
n=0
fails=0
check() {
	n=$((n + 1))
	if "$@" > "$B/uapi.log" 2>&1; then
		echo "ok $n - $*"
	else
		echo "not ok $n - $*"
		sed 's/^/# /' "$B/uapi.log"
		fails=$((fails + 1))
	fi
}
FLAGS="-Wall -Wextra -Wpadded -Werror -I$top/uapi -c -o /dev/null"
check ${CC:-gcc} -std=c11 $FLAGS -x c "$here/uapi-check.c"
check ${CC:-gcc} -std=gnu89 $FLAGS -x c "$here/uapi-check.c"
check ${CXX:-g++} -std=c++11 $FLAGS -x c++ "$here/uapi-check.c"
# The private control range must collide with no block the kernel reserves
# in the user class: every V4L2_CID_USER_*_BASE of this machine's header and
# of every test kernel's source, and every ID we define must lie inside it.
range_ok() { # HEADER
	awk -v ours="$(sed -n 's/^#define CMACODEC_CID_BASE.*V4L2_CID_USER_BASE + \(0x[0-9a-f]*\).*/\1/p' "$top/uapi/linux/cmacodec.h")" \
	    -v count="$(sed -n 's/^#define CMACODEC_CID_COUNT[^0-9]*\([0-9]*\).*/\1/p' "$top/uapi/linux/cmacodec.h")" '
	function hex(x,   i, v) { v = 0; x = tolower(substr(x, 3))
		for (i = 1; i <= length(x); i++) v = v * 16 + index("0123456789abcdef", substr(x, i, 1)) - 1
		return v }
	BEGIN { lo = hex(ours); hi = lo + count; if (!lo || !count) bad = 1 }
	/#define V4L2_CID_USER_[A-Z0-9_]*_BASE[ \t]*\(V4L2_CID_USER_BASE \+ 0x/ {
		match($0, /0x[0-9a-fA-F]+/)
		b = hex(substr($0, RSTART, RLENGTH)); n++
		# a reserved block is at most 64 IDs
		if (b < hi && b + 64 > lo) { print "collides: " $0; bad = 1 }
	}
	END { print n " reserved blocks checked"; exit bad || !n }' "$1"
}
ids_ok() {
	awk -v count="$(sed -n 's/^#define CMACODEC_CID_COUNT[^0-9]*\([0-9]*\).*/\1/p' "$top/uapi/linux/cmacodec.h")" '
	/^#define CMACODEC_CID_[A-Z_]*[ \t]*\(CMACODEC_CID_BASE \+ [0-9]+\)/ {
		match($0, /\+ [0-9]+/); i = substr($0, RSTART + 2, RLENGTH - 2) + 0; n++
		if (i >= count) { print "outside the range: " $0; bad = 1 }
	}
	END { print n " private IDs"; exit bad || !n }' "$top/uapi/linux/cmacodec.h"
}
check ids_ok
for h in /usr/include/linux/v4l2-controls.h \
	"${CMACODEC_CACHE:-/var/cache/cmacodec}"/src/linux-source-*/include/uapi/linux/v4l2-controls.h; do
	[ -f "$h" ] && check range_ok "$h"
done
echo "1..$n"
echo "test-uapi: $((n - fails)) passed, $fails failed"
[ $fails -eq 0 ]
