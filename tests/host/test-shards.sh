#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# scripts/guest-shards.sh, which splits the primary guest suite of
# `make check` over several guests: every test on exactly one guest, the
# self-tests on none, balanced by "# cmvm: cost", bad input refused.
B=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
shards=$top/scripts/guest-shards.sh
mkdir -p "$B/shards"
B=$(cd "$B/shards" && pwd)
. "$here/shtap.sh"

# fake TEST COST: a guest test with a cost line (no line for COST "-")
fake() {
	{ echo '#!/bin/sh'; [ "$2" = - ] || echo "# cmvm: cost $2"; echo 'exit 0'; } >"$B/t/$1.sh"
}
rm -rf "$B/t"
mkdir -p "$B/t"
fake 10-a 100
fake 20-b 90
fake 30-c 50
fake 40-d 40
fake 50-e -
fake 99-selftest-x 500

# one name per line, sorted: what a split covers
names() { tr ',' '\n' <"$B/out" | sed '/^$/d' | sort; }

"$shards" 2 "$B/t" >"$B/out" 2>&1
ok $? "splits a suite over 2 guests"
ok "$([ "$(wc -l <"$B/out")" -eq 2 ]; echo $?)" "prints one line per guest"
printf '%s\n' 10-a 20-b 30-c 40-d 50-e >"$B/want"
names >"$B/got"
ok "$(cmp -s "$B/want" "$B/got"; echo $?)" "every test on exactly one guest, the self-test on none"
# longest first onto the least loaded: 100 | 90 | 60 (no cost line) ->
# second guest (150) | 50 -> first (150) | 40 -> either
ok "$(grep -qx '10-a,30-c.*' "$B/out" && grep -qx '20-b,50-e.*' "$B/out"; echo $?)" \
	"balanced by cost, 60 s for a test without a cost line"

"$shards" 1 "$B/t" >"$B/out" 2>&1
ok "$([ "$(cat "$B/out")" = "10-a,20-b,50-e,30-c,40-d" ]; echo $?)" \
	"one guest runs the whole suite, longest first"

"$shards" 7 "$B/t" >"$B/out" 2>&1
ok "$([ "$(wc -l <"$B/out")" -eq 7 ] && [ "$(names | wc -l)" -eq 5 ]; echo $?)" \
	"more guests than tests: empty lines, each test once"

"$shards" 2 "$top/tests/guest" >"$B/out" 2>&1
ls "$top"/tests/guest/[0-9][0-9]-*.sh | sed 's|.*/||; s|\.sh$||' | grep -v '^99-selftest-' | sort >"$B/want"
names >"$B/got"
ok "$(cmp -s "$B/want" "$B/got"; echo $?)" "the real suite: each of tests/guest/NN-*.sh exactly once"

"$shards" 0 "$B/t" >"$B/out" 2>&1
ok "$([ $? -eq 64 ] && grep -q 'positive number' "$B/out"; echo $?)" "N=0 refused with a message"
"$shards" 2 "$B/nonexistent" >"$B/out" 2>&1
ok "$([ $? -eq 66 ] && grep -q 'no test directory' "$B/out"; echo $?)" "a missing test directory refused with a message"

tap_end shards
