#!/usr/bin/env bash
# Install the host packages the build and test platform needs (Debian
# bookworm, as root), plus any packages named as arguments (bench-deps.sh).
# Idempotent: installs only what is missing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkgs=(build-essential gcc make bc flex bison libelf-dev libssl-dev dwarves
	cpio kmod rsync xz-utils zstd ccache sparse
	qemu-system-x86 debootstrap debian-archive-keyring
	qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross device-tree-compiler
	clang llvm libclang-rt-14-dev valgrind dkms "$@")
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
[ "$(id -u)" = 0 ] || die "need root to install: ${missing[*]}"
log "installing host packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
