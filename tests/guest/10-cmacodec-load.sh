#!/bin/sh
# cmvm: smoke
# cmvm: cost 85
# cmacodec loads, shows two mem2mem nodes and a media device with the
# expected identity, and unloads cleanly, repeatedly.
. "$(dirname "$0")/lib.sh"
plan 14

check "modprobe cmacodec" modprobe cmacodec
enc=$(video_node_by_name cmacodec-enc)
tap $? "encoder node present ($enc)"
dec=$(video_node_by_name cmacodec-dec)
tap $? "decoder node present ($dec)"
diag "encoder $enc decoder $dec"

# querycap: driver, card, bus_info, M2M + streaming
caps_ok() {
	v4l2-ctl -d "$1" --info >/tmp/info.txt 2>&1 || return 1
	cat /tmp/info.txt >&2
	grep -q "Driver name *: cmacodec" /tmp/info.txt &&
		grep -q "Card type *: cmacodec" /tmp/info.txt &&
		grep -q "Bus info *: platform:cmacodec" /tmp/info.txt &&
		grep -q "Video Memory-to-Memory" /tmp/info.txt &&
		grep -q "Streaming" /tmp/info.txt
}
check "encoder QUERYCAP identity" caps_ok "$enc"
check "decoder QUERYCAP identity" caps_ok "$dec"

# formats: raw formats on the raw side, FWHT on the compressed side
check "encoder OUTPUT lists YU12, NV12, RGB3, GREY" sh -c \
	"v4l2-ctl -d $enc --list-formats-out | grep -q \"'YU12'\" &&
	 v4l2-ctl -d $enc --list-formats-out | grep -q \"'NV12'\" &&
	 v4l2-ctl -d $enc --list-formats-out | grep -q \"'RGB3'\" &&
	 v4l2-ctl -d $enc --list-formats-out | grep -q \"'GREY'\""
check "encoder CAPTURE lists FWHT" sh -c \
	"v4l2-ctl -d $enc --list-formats | grep -q \"'FWHT'\""
check "decoder OUTPUT lists FWHT" sh -c \
	"v4l2-ctl -d $dec --list-formats-out | grep -q \"'FWHT'\""

# the media controller graph has both processing entities
media_ok() {
	for m in /dev/media*; do
		[ -e "$m" ] || continue
		media-ctl -d "$m" -p >/tmp/media.txt 2>&1 || continue
		grep -q "driver *cmacodec" /tmp/media.txt || continue
		cat /tmp/media.txt >&2
		grep -q "cmacodec-enc-proc" /tmp/media.txt &&
			grep -q "cmacodec-dec-proc" /tmp/media.txt
		return
	done
	return 1
}
check "media device with encoder and decoder entities" media_ok

check "platform device bound to cmacodec" \
	test -e /sys/bus/platform/drivers/cmacodec/cmacodec

check "rmmod cmacodec" rmmod cmacodec
tap "$(video_node_by_name cmacodec-enc >/dev/null; [ $? -ne 0 ]; echo $?)" \
	"nodes gone after rmmod"

cycle() {
	for i in 1 2 3; do
		echo "cycle $i" >&2
		modprobe cmacodec || return 1
		v4l2-ctl -d "$(video_node_by_name cmacodec-enc)" --all >/dev/null || return 1
		v4l2-ctl -d "$(video_node_by_name cmacodec-dec)" --all >/dev/null || return 1
		rmmod cmacodec || return 1
	done
}
check "3 load / query / unload cycles" cycle
check "load with dma_bits=64" sh -c \
	'modprobe cmacodec dma_bits=64 && rmmod cmacodec'
done_testing
