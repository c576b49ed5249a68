#!/usr/bin/env bash
# The udev rule (udev/60-cmacodec.rules) run by Debian's real udevadm on a
# sysfs tree rebuilt from what the guest's driver exports.  Prints TAP.
#
#   udev-check.sh [DUMPDIR]
#
# DUMPDIR is what tests/guest/85-cmacodec-udev.sh saved of the cmacodec
# nodes (/results/udev-sysfs of a guest run: devpath, name, index, dev,
# uevent, the parent's devpath, uevent, driver and subsystem).  Nodes the
# rule names but DUMPDIR lacks (a dump of an older driver), or all of them
# without DUMPDIR, are synthesised from the encoder's record with another
# name and minor number, and say so.
#
# In a private mount namespace (unshare: nothing is visible outside it)
# tmpfs is mounted over /sys, /dev and /run and over the udev rules
# directories; the fake sysfs is built in /sys, the rule copied to
# /run/udev/rules.d, and `udevadm test --action=add` run on every node
# (SYSTEMD_DEVICE_VERIFY_SYSFS=0 lets sd-device accept a sysfs that is not
# sysfs, as systemd's own udev tests do).  udevadm test applies the rules
# and creates the links in the (private) /dev: the check reads
# /dev/v4l/by-id/ and each node's DEVLINKS.  Negative cases: a node with
# an encoder's name under another driver, and a near-miss name, get no
# link.
#
# What this proves: with the attributes the real driver exports, udev's own
# rule engine (bookworm's udev 252; the guest is trixie's 257) creates
# exactly the documented links.  What it does not: that a running udevd
# receives the kernel's uevent (that is udev's job, not the rule's).
#
# udevadm comes from bookworm's udev package, downloaded once into the
# cache and unpacked there (no installation: installing udev would upgrade
# the host's systemd).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tap.sh"

if [ "${1:-}" = --inner ]; then
	inner=1
	shift
fi
rules=$CMACODEC_TOP/udev/60-cmacodec.rules
work=$CMACODEC_TOP/build/udev-check
# The documented contract (README, "udev"): node name -> by-id link.
spec=$work/spec

# --- outside: fetch udevadm, describe the nodes, enter the namespace -----
if [ -z "${inner:-}" ]; then
	dump=${1:-}
	rm -rf "$work"
	mkdir -p "$work/nodes"
	printf '%s\n' 'cmacodec-enc cmacodec-encoder' 'cmacodec-dec cmacodec-decoder' \
		'cmacodec-conv cmacodec-converter' \
		'cmacodec-stateless-dec cmacodec-stateless-decoder' >"$spec"

	udevroot=$CACHE/udev
	if [ ! -f "$udevroot/.done" ]; then
		# unpacked aside and renamed: a concurrent run sees all or nothing
		tmp=$udevroot.tmp.$$
		rm -rf "$tmp"
		"$CMACODEC_TOP/scripts/apt-private.sh" download "$tmp/debs" \
			bookworm,bookworm-backports,trixie,unstable,experimental udev/bookworm \
			>"$work/fetch.log" 2>&1 &&
			dpkg-deb -x "$tmp"/debs/udev_*.deb "$tmp/root" &&
			touch "$tmp/root/.done" && rm -rf "$udevroot" &&
			mv "$tmp/root" "$udevroot"
		rm -rf "$tmp"
	fi
	udevadm=$udevroot/bin/udevadm
	"$udevadm" --version >"$work/udevadm.log" 2>&1
	tap_ok $? "udevadm from bookworm's udev package ($(cat "$work/udevadm.log" 2>/dev/null))" "$work/fetch.log"

	# One record per node, as the guest writes them.
	n_real=0
	if [ -n "$dump" ]; then
		for d in "$dump"/video*; do
			[ -f "$d/name" ] || continue
			cp -a "$d" "$work/nodes/" && n_real=$((n_real + 1))
		done
		tap_ok "$([ $n_real -gt 0 ]; echo $?)" "sysfs records of $n_real real nodes from $dump"
	fi
	# Templates for synthetic nodes: a real encoder record, or one shaped
	# like it (platform device cmacodec, video4linux major 81).
	tmpl=$work/template
	src=$(grep -lx cmacodec-enc "$work/nodes"/*/name 2>/dev/null | head -n1)
	if [ -n "$src" ]; then
		cp -a "$(dirname "$src")" "$tmpl"
	else
		mkdir -p "$tmpl"
		echo /devices/platform/cmacodec/video4linux/video0 >"$tmpl/devpath"
		echo /devices/platform/cmacodec >"$tmpl/parent_devpath"
		echo 0 >"$tmpl/index"
		printf 'DRIVER=cmacodec\nMODALIAS=platform:cmacodec\n' >"$tmpl/parent_uevent"
		echo cmacodec >"$tmpl/parent_driver"
		echo platform >"$tmpl/parent_subsystem"
	fi
	synth() { # DIRNAME NAME MINOR [DRIVER]
		local o=$work/nodes/$1 pdev=$(cat "$tmpl/parent_devpath")
		cp -a "$tmpl" "$o"
		echo "$2" >"$o/name"
		echo "81:$3" >"$o/dev"
		echo "${pdev}/video4linux/video$3" >"$o/devpath"
		printf 'MAJOR=81\nMINOR=%s\nDEVNAME=video%s\n' "$3" "$3" >"$o/uevent"
		echo synthetic >"$o/synthetic"
		if [ -n "${4:-}" ]; then
			echo "${pdev%/*}/$4" >"$o/parent_devpath"
			echo "${pdev%/*}/$4/video4linux/video$3" >"$o/devpath"
			printf 'DRIVER=%s\n' "$4" >"$o/parent_uevent"
			echo "$4" >"$o/parent_driver"
		fi
	}
	# Every real node must be one the contract names.
	for r in "$work"/nodes/video*; do
		[ -f "$r/name" ] || continue
		name=$(cat "$r/name")
		tap_ok "$(grep -q "^$name " "$spec"; echo $?)" \
			"real node $(basename "$r") ($name) is one the documented links name"
	done
	minor=90
	while read -r name link; do
		grep -qx "$name" "$work/nodes"/*/name 2>/dev/null && continue
		synth "video$minor" "$name" "$minor"
		minor=$((minor + 1))
	done <"$spec"
	# negative cases
	synth video98 cmacodec-enc 98 vicodec
	echo "expect-none" >"$work/nodes/video98/expect"
	synth video99 cmacodec-encoder 99
	echo "expect-none" >"$work/nodes/video99/expect"

	if ! command -v unshare >/dev/null; then
		tap_ok 1 "unshare (util-linux) available"
		tap_end
		exit 1
	fi
	TAP_OFFSET=$_tap_n unshare --mount --propagation private "$0" --inner "$udevadm" \
		>"$work/inner.tap" 2>"$work/inner.log"
	rc=$?
	cat "$work/inner.tap"
	# the namespace's checks are numbered on from ours
	n_inner=$(grep -c '^\(not \)\{0,1\}ok ' "$work/inner.tap")
	f_inner=$(grep -c '^not ok ' "$work/inner.tap")
	_tap_n=$((_tap_n + n_inner))
	_tap_fail=$((_tap_fail + f_inner))
	tap_ok "$([ $rc = 0 ] || [ "$f_inner" -gt 0 ]; echo $?)" \
		"private-namespace run finished (exit $rc)" "$work/inner.log"
	tap_end
	exit
fi

# --- inside the private mount namespace -----------------------------------
# Check numbers continue the outer script's (TAP_OFFSET).
udevadm=$1

fail() { echo "# $*" >&2; exit 2; }
devid=$(stat -c %d /dev)
for m in /sys /dev /run; do
	mount -t tmpfs cmacodec-udev-check "$m" || fail "cannot mount tmpfs on $m"
done
[ "$(stat -c %d /dev)" != "$devid" ] || fail "/dev is not the private tmpfs"
for d in /etc/udev/rules.d /lib/udev/rules.d /usr/lib/udev/rules.d /usr/local/lib/udev/rules.d; do
	if [ -d "$d" ]; then
		mount -t tmpfs cmacodec-udev-check "$d" || fail "cannot hide $d"
	fi
done
ln -s /proc/self/fd /dev/fd
mkdir -p /run/udev/rules.d
cp "$rules" /run/udev/rules.d/ || fail "cannot install the rule"
[ -s "$spec" ] || fail "no $spec"

# Build the fake sysfs.
mkdir -p /sys/class/video4linux /sys/bus/platform/drivers /sys/bus/platform/devices
for r in "$work"/nodes/*; do
	dp=$(cat "$r/devpath")
	pdp=$(cat "$r/parent_devpath")
	node=/sys$dp
	parent=/sys$pdp
	drv=$(cat "$r/parent_driver")
	sub=$(cat "$r/parent_subsystem")
	mkdir -p "$node" "/sys/bus/$sub/drivers/$drv" "/sys/class/video4linux"
	# relative links, as sysfs has them
	rel_to_sys() { # DIR: ../ up to /sys from DIR
		local p=${1#/sys/} up=
		while [ -n "$p" ]; do up="../$up"; [ "$p" = "${p%/*}" ] && break; p=${p%/*}; done
		echo "${up%/}"
	}
	if [ ! -e "$parent/uevent" ]; then
		cp "$r/parent_uevent" "$parent/uevent"
		ln -s "$(rel_to_sys "$parent")/bus/$sub" "$parent/subsystem"
		ln -s "$(rel_to_sys "$parent")/bus/$sub/drivers/$drv" "$parent/driver"
		ln -s "$(rel_to_sys "/sys/bus/$sub/devices")${pdp}" "/sys/bus/$sub/devices/${pdp##*/}"
	fi
	for a in name index dev uevent; do cp "$r/$a" "$node/$a"; done
	ln -s "$(rel_to_sys "$node")/class/video4linux" "$node/subsystem"
	ln -s "$(rel_to_sys "$node")${pdp}" "$node/device"
	ln -s "../..$dp" "/sys/class/video4linux/${dp##*/}"
done

# Run the rule on every node.
for r in "$work"/nodes/*; do
	dp=$(cat "$r/devpath")
	SYSTEMD_DEVICE_VERIFY_SYSFS=0 "$udevadm" test --action=add "/sys$dp" \
		>"$r/udevadm.out" 2>&1
	echo "$?" >"$r/udevadm.rc"
done

# The links, from the private /dev and from each node's DEVLINKS.
n=0
while read -r name link; do
	r=$(dirname "$(grep -lx "$name" "$work"/nodes/*/name | grep -v '/video9[89]/' | head -n1)")
	video=$(basename "$(cat "$r/devpath")")
	kind=real
	[ -f "$r/synthetic" ] && kind=synthetic
	target=$(readlink "/dev/v4l/by-id/$link")
	n=$((n + 1))
	if [ "$(cat "$r/udevadm.rc")" = 0 ] && [ "$target" = "../../$video" ] &&
		grep -qx "DEVLINKS=/dev/v4l/by-id/$link" "$r/udevadm.out"; then
		echo "ok $((n + ${TAP_OFFSET:-0})) - $name ($kind $video): /dev/v4l/by-id/$link -> ../../$video"
	else
		echo "not ok $((n + ${TAP_OFFSET:-0})) - $name ($kind $video): /dev/v4l/by-id/$link -> ${target:-missing}"
		sed 's/^/# /' "$r/udevadm.out"
	fi
done <"$spec"

for v in video98 video99; do
	r=$work/nodes/$v
	n=$((n + 1))
	what="$(cat "$r/name") under driver $(cat "$r/parent_driver")"
	if [ "$(cat "$r/udevadm.rc")" = 0 ] && ! grep -q '^DEVLINKS=' "$r/udevadm.out"; then
		echo "ok $((n + ${TAP_OFFSET:-0})) - $what: no link"
	else
		echo "not ok $((n + ${TAP_OFFSET:-0})) - $what: no link"
		sed 's/^/# /' "$r/udevadm.out"
	fi
done

# Exactly the documented links in by-id, nothing else.
n=$((n + 1))
want=$(cut -d' ' -f2 "$spec" | sort | tr '\n' ' ')
got=$(ls /dev/v4l/by-id 2>/dev/null | sort | tr '\n' ' ')
if [ "$got" = "$want" ]; then
	echo "ok $((n + ${TAP_OFFSET:-0})) - /dev/v4l/by-id holds exactly the documented links: $got"
else
	echo "not ok $((n + ${TAP_OFFSET:-0})) - /dev/v4l/by-id holds exactly the documented links: $want(got: $got)"
fi
exit 0
