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
echo "1..$n"
echo "test-uapi: $((n - fails)) passed, $fails failed"
[ $fails -eq 0 ]
