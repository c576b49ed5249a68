#!/bin/sh
# cmvm: cost 116
# The udev rule (udev/60-cmacodec.rules) against the real driver.
#
# The rule gives a node its /dev/v4l/by-id/ link when its V4L2 name
# attribute is one the rule lists and its parent device is bound to the
# cmacodec driver.  This test checks, on the running kernel, that the
# nodes cmacodec creates have exactly those attributes: every cmacodec
# node is named by one rule, no rule matches two nodes.  It saves what
# udev would see of each node (devpath, attributes, uevent, the parent's
# driver and subsystem) to /results/udev-sysfs/, from which
# scripts/udev-check.sh rebuilds the sysfs tree on the host and runs
# Debian's udevadm with the rule on it.  If the guest has udevadm (the
# rootfs has no udev today) the rule is also run here, on the real sysfs.
. "$(dirname "$0")/lib.sh"

RULES=${CMACODEC_TOP:-/host}/udev/60-cmacodec.rules
DUMP=/results/udev-sysfs
plan 10

check "modprobe cmacodec" modprobe cmacodec

# "NAME LINK" per rule line
sed -n 's/.*ATTR{name}=="\([^"]*\)".*SYMLINK+="v4l\/by-id\/\([^"]*\)".*/\1 \2/p' \
	"$RULES" >/tmp/udev-pairs
cat /tmp/udev-pairs >&2
tap "$([ "$(wc -l </tmp/udev-pairs)" -eq 4 ] &&
	[ "$(cut -d' ' -f1 /tmp/udev-pairs | sort -u | wc -l)" -eq 4 ] &&
	[ "$(cut -d' ' -f2 /tmp/udev-pairs | sort -u | wc -l)" -eq 4 ]; echo $?)" \
	"the rule file names 4 nodes with distinct names and links"

# The cmacodec nodes: video4linux devices whose parent is bound to cmacodec.
: >/tmp/udev-nodes
for d in /sys/class/video4linux/video*; do
	[ "$(basename "$(readlink "$d/device/driver" 2>/dev/null)")" = cmacodec ] || continue
	echo "$(basename "$d") $(cat "$d/name")" >>/tmp/udev-nodes
done
diag "cmacodec nodes: $(tr '\n' ' ' </tmp/udev-nodes)"

while read -r name link; do
	n=$(awk -v n="$name" '$2 == n' /tmp/udev-nodes | wc -l)
	node=$(awk -v n="$name" '$2 == n { print $1 }' /tmp/udev-nodes)
	if [ "$n" -eq 0 ]; then
		skip "$name: one node for $link" "this driver has no $name node"
	else
		tap "$([ "$n" -eq 1 ]; echo $?)" "$name: one node for $link (${node:-none})"
	fi
done </tmp/udev-pairs

unnamed=$(awk 'NR == FNR { named[$1] = 1; next } !($2 in named) { print $2 }' \
	/tmp/udev-pairs /tmp/udev-nodes)
tap "$([ -s /tmp/udev-nodes ] && [ -z "$unnamed" ]; echo $?)" \
	"every cmacodec node has a rule (without one: ${unnamed:-none})"

# What udev sees of each node, for the host-side replay.
save_node() { # videoN
	_s=/sys/class/video4linux/$1
	_o=$DUMP/$1
	mkdir -p "$_o" || return 1
	_real=$(readlink -f "$_s") && _preal=$(readlink -f "$_s/device") || return 1
	echo "${_real#/sys}" >"$_o/devpath"
	echo "${_preal#/sys}" >"$_o/parent_devpath"
	for _a in name index dev uevent; do
		cat "$_s/$_a" >"$_o/$_a" || return 1
	done
	cat "$_s/device/uevent" >"$_o/parent_uevent" &&
		basename "$(readlink "$_s/device/driver")" >"$_o/parent_driver" &&
		basename "$(readlink "$_s/device/subsystem")" >"$_o/parent_subsystem"
}
rm -rf "$DUMP"
saved=0
while read -r node name; do
	save_node "$node" && saved=$((saved + 1))
done </tmp/udev-nodes
tap "$([ "$saved" -gt 0 ] && [ "$saved" -eq "$(wc -l </tmp/udev-nodes)" ]; echo $?)" \
	"sysfs view of $saved nodes saved to $DUMP"

# The real thing, where udev is installed.
if command -v udevadm >/dev/null 2>&1; then
	mkdir -p /run/udev/rules.d
	cp "$RULES" /run/udev/rules.d/
	bad=
	while read -r node name; do
		link=$(awk -v n="$name" '$1 == n { print $2 }' /tmp/udev-pairs)
		udevadm test --action=add "/sys/class/video4linux/$node" >/tmp/udev-test.txt 2>&1
		cat /tmp/udev-test.txt >&2
		grep -q "^DEVLINKS=.*/dev/v4l/by-id/$link\( \|$\)" /tmp/udev-test.txt ||
			bad="$bad $node"
	done </tmp/udev-nodes
	tap "$([ -z "$bad" ]; echo $?)" "udevadm test gives every node its link (failed:${bad:- none})"
else
	skip "udevadm test on the real sysfs" "no udevadm in the guest rootfs"
fi

check "rmmod cmacodec" rmmod cmacodec
done_testing
