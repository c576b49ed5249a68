#!/usr/bin/env bash
# Host packages `make bench` needs beyond scripts/install-deps.sh (Debian
# bookworm, as root): gnuplot-nox for the plot in docs/performance.md,
# valgrind for the codec core's instruction counts.  Idempotent: installs
# only what is missing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkgs=(gnuplot-nox valgrind)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
[ "$(id -u)" = 0 ] || die "need root to install: ${missing[*]}"
log "installing bench packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
