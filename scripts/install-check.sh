#!/usr/bin/env bash
# `make install` and `make uninstall` into a staging directory (DESTDIR),
# against a cached test kernel.  Prints TAP.
#
#   install-check.sh [VER]          VER: test kernel, default 6.12
#
# Checks that every file lands where README says (module in
# lib/modules/<release>/updates with depmod run, uapi header, tool, man
# page, udev rule, modprobe.d example), that PREFIX moves the user-space
# files, that an edited modprobe.d file survives a reinstall, that uninstall
# removes what install put there, and that the modprobe.d example and
# README's parameter table name exactly the parameters the built module has.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tap.sh"

ver=${1:-6.12}
kdir=$CACHE/kernels/$ver
work=$CMACODEC_TOP/build/install-check
src=$work/src
dest=$work/dest
rm -rf "$work"
mkdir -p "$src" "$dest"

[ -f "$kdir/done" ] || { tap_ok 1 "test kernel $ver is built"; tap_end; exit 1; }
rel=$(cat "$kdir/release")

# A copy of the checkout without build products: `make install` builds in
# its tree.
rsync -a --exclude=/build --exclude=/.git --exclude=/tests \
	--exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' --exclude=.cmacodec-obj \
	"$CMACODEC_TOP/" "$src/"

mk() { make -C "$src" --no-print-directory KERNEL_DIR="$kdir/build" "$@"; }

tap_check "make install DESTDIR=... (kernel $rel)" "$work/install.log" mk install DESTDIR="$dest"

ko=$dest/lib/modules/$rel/updates/cmacodec.ko
tap_ok "$([ "$(modinfo -F vermagic "$ko" 2>/dev/null | cut -d' ' -f1)" = "$rel" ]; echo $?)" \
	"module installed as lib/modules/$rel/updates/cmacodec.ko" "$work/install.log"
tap_ok "$(grep -q '^updates/cmacodec.ko:' "$dest/lib/modules/$rel/modules.dep" 2>/dev/null; echo $?)" \
	"depmod ran: modules.dep lists updates/cmacodec.ko" "$work/install.log"

same() { cmp -s "$1" "$2"; echo $?; }
tap_ok "$(same "$src/uapi/linux/cmacodec.h" "$dest/usr/local/include/linux/cmacodec.h")" \
	"uapi header in PREFIX/include/linux (PREFIX=/usr/local)"
"$dest/usr/local/bin/cmacodec" --help >"$work/tool.log" 2>&1
tap_ok "$([ $? = 0 ] && grep -q '^Usage: cmacodec' "$work/tool.log"; echo $?)" \
	"cmacodec tool in PREFIX/bin runs" "$work/tool.log"
tap_ok "$(same "$src/userspace/cmacodec.1" "$dest/usr/local/share/man/man1/cmacodec.1")" \
	"man page in PREFIX/share/man/man1"
tap_ok "$(same "$src/udev/60-cmacodec.rules" "$dest/etc/udev/rules.d/60-cmacodec.rules")" \
	"udev rule in /etc/udev/rules.d"
tap_ok "$(same "$src/modprobe.d/cmacodec.conf" "$dest/etc/modprobe.d/cmacodec.conf")" \
	"modprobe.d example in /etc/modprobe.d"

echo "options cmacodec dma_bits=40 # edited" >>"$dest/etc/modprobe.d/cmacodec.conf"
mk install-config DESTDIR="$dest" >"$work/reinstall.log" 2>&1
tap_ok "$([ $? = 0 ] && grep -q '# edited' "$dest/etc/modprobe.d/cmacodec.conf"; echo $?)" \
	"reinstalling keeps an edited /etc/modprobe.d/cmacodec.conf" "$work/reinstall.log"

mk install-headers install-tool DESTDIR="$work/dest-usr" PREFIX=/usr >"$work/usr.log" 2>&1
tap_ok "$([ -f "$work/dest-usr/usr/include/linux/cmacodec.h" ] &&
	[ -x "$work/dest-usr/usr/bin/cmacodec" ] &&
	[ -f "$work/dest-usr/usr/share/man/man1/cmacodec.1" ]; echo $?)" \
	"PREFIX=/usr: header in /usr/include/linux, tool in /usr/bin" "$work/usr.log"

# Parameters: what the module has, what the example and README document.
modinfo -F parm "$ko" 2>/dev/null | cut -d: -f1 | sort >"$work/parm.module"
sed -n 's/^#\{0,1\}options cmacodec \([a-z_0-9]*\)=.*/\1/p' "$src/modprobe.d/cmacodec.conf" |
	sort -u >"$work/parm.example"
# the rows of README's "Module parameters" table only (other tables, such
# as the controls', have rows of the same shape)
sed -n '/^## Module parameters/,/^## /p' "$src/README.md" |
	sed -n 's/^| `\([a-z_0-9]*\)` |.*/\1/p' | sort -u >"$work/parm.readme"
tap_diag "module parameters: $(tr '\n' ' ' <"$work/parm.module")"
diff "$work/parm.module" "$work/parm.example" >"$work/parm.example.diff"
tap_ok "$([ -s "$work/parm.module" ] && [ ! -s "$work/parm.example.diff" ]; echo $?)" \
	"modprobe.d example names every module parameter, and only those" "$work/parm.example.diff"
diff "$work/parm.module" "$work/parm.readme" >"$work/parm.readme.diff"
tap_ok "$([ -s "$work/parm.module" ] && [ ! -s "$work/parm.readme.diff" ]; echo $?)" \
	"README's parameter table names every module parameter, and only those" "$work/parm.readme.diff"

tap_check "make uninstall" "$work/uninstall.log" mk uninstall DESTDIR="$dest"
# Left behind on purpose: the (edited) modprobe.d file and depmod's indexes.
find "$dest" -type f ! -path '*/etc/modprobe.d/cmacodec.conf' \
	! -name 'modules.*' >"$work/left.txt"
tap_ok "$([ ! -s "$work/left.txt" ] && [ -f "$dest/etc/modprobe.d/cmacodec.conf" ]; echo $?)" \
	"uninstall removes every installed file but the modprobe.d file" "$work/left.txt"
tap_end
