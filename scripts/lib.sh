# shellcheck shell=bash
# Shared settings for the cmacodec test platform scripts.  Sourced, not run.

CMACODEC_TOP=${CMACODEC_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
# Everything expensive (kernels, rootfs, downloaded packages) lives outside the
# checkout so that a fresh clone on the same machine reuses it.
CACHE=${CMACODEC_CACHE:-/var/cache/cmacodec}
DEBIAN_MIRROR=${CMACODEC_MIRROR:-http://deb.debian.org/debian}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Kernel versions of the test matrix: the primary one first.
KERNELS_ALL="6.12 6.1 7.3"

# apt suite that ships linux-source-$1
kernel_suite() {
	case "$1" in
	6.1) echo bookworm ;;
	6.12) echo bookworm-backports ;;
	*) echo unstable experimental ;;
	esac
}
