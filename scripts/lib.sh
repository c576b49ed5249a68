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

# kconfig_check DOTCONFIG OPTIONAL_LIST LABEL < FRAGMENTS: every option the
# fragments ask for (CONFIG_X=val, or =n for off) must be in DOTCONFIG after
# olddefconfig, except those named in OPTIONAL_LIST (/dev/null: none).
# Prints what is missing on stderr and returns 1 if anything is.
kconfig_check() {
	local dotconfig=$1 optional=$2 label=$3 line opt val
	local -a missing=()
	while IFS= read -r line; do
		case "$line" in ''|'#'*) continue ;; esac
		opt=${line%%=*} val=${line#*=}
		grep -qx "$opt" "$optional" && continue
		if [ "$val" = n ]; then
			grep -q "^$opt=" "$dotconfig" && missing+=("$opt should be off")
		else
			grep -qx "$opt=$val" "$dotconfig" ||
				missing+=("$line (got: $(grep -E "^(# )?${opt}[= ]" "$dotconfig" || echo unset))")
		fi
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	printf '%s config is missing:\n' "$label" >&2
	printf '  %s\n' "${missing[@]}" >&2
	return 1
}
