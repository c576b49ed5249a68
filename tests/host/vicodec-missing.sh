#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Installed as build/test_vicodec when the vicodec sources are missing.
echo "not ok 1 - vicodec bit-exactness: vicodec sources not found at @VICODEC_SRC@"
echo "# The test compiles vicodec's codec-fwht.c and codec-v4l2-fwht.c from a"
echo "# Linux 6.12 source tree: scripts/build-kernel.sh --source 6.12 fetches and"
echo "# unpacks one (Debian package linux-source-6.12) and prints its directory;"
echo "# then run: make -C tests/host check \\"
echo "#   VICODEC_SRC=<that dir>/drivers/media/test-drivers/vicodec"
echo "1..1"
echo "test_vicodec: 0 passed, 1 failed"
exit 1
