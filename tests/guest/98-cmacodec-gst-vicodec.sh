#!/bin/sh
# cmvm: cost 216
# GStreamer interop: cmacodec's encoder element feeds vicodec's decoder
# element and vicodec's encoder feeds cmacodec's decoder (gst-tests/).
. "$(dirname "$0")/lib.sh"
. "$CMACODEC_TOP/gst-tests/lib.sh"
. "$CMACODEC_TOP/gst-tests/interop.sh"

plan 11
gst_interop_setup        # 5
gst_interop_batch        # 1 + 4
check "rmmod cmacodec vicodec" rmmod cmacodec vicodec
done_testing
