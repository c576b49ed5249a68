#!/usr/bin/env bash
# Download Debian binary packages from any suite without touching the
# machine's own apt configuration: a private sources list and state directory
# under the cache.
#
#   apt-private.sh download DESTDIR SUITES PKG...   (SUITES comma separated)
#   apt-private.sh policy|show SUITES PKG...
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cmd=${1:?usage: apt-private.sh download DESTDIR SUITES PKG... | policy SUITES PKG}
shift

apt_dir=$CACHE/apt
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" \
	"$apt_dir/archives/partial"
# One apt-private at a time: make check fetches kernel sources, stock
# headers and udev side by side, and they share this state directory.
exec 9>"$apt_dir/.lock"
flock 9

apt_opts() {
	printf '%s\n' -o "Dir::Etc::SourceList=/dev/null" \
		-o "Dir::Etc::SourceParts=$apt_dir/sources.list.d" \
		-o "Dir::State::Lists=$apt_dir/lists" \
		-o "Dir::Cache::Archives=$apt_dir/archives" \
		-o "Dir::Etc::Preferences=/dev/null" \
		-o "Dir::Etc::PreferencesParts=/dev/null" \
		-o "APT::Get::List-Cleanup=0" \
		-o "Acquire::Languages=none" \
		-o "APT::Sandbox::User=root"
}

setup() {
	local suites=$1 key=$apt_dir/sources.list.d/cmacodec.sources
	local want
	want=$(printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$DEBIAN_MIRROR" "${suites//,/ }")
	# Refresh the lists when the suite set changed or they are over a day old.
	if [ "$(cat "$key" 2>/dev/null)" != "$want" ] ||
		[ -z "$(find "$apt_dir/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n1)" ]; then
		printf '%s\n' "$want" >"$key"
		mapfile -t opts < <(apt_opts)
		log "apt-private: updating lists for $suites"
		apt-get "${opts[@]}" update -qq >&2 || die "apt-get update for $suites failed"
	fi
}

case "$cmd" in
download)
	dest=${1:?destdir}; suites=${2:?suites}; shift 2
	setup "$suites"
	mapfile -t opts < <(apt_opts)
	mkdir -p "$dest"
	( cd "$dest" && apt-get "${opts[@]}" download "$@" >&2 ) ||
		die "apt-get download $* from $suites failed"
	;;
policy|show)
	suites=${1:?suites}; shift
	setup "$suites"
	mapfile -t opts < <(apt_opts)
	apt-cache "${opts[@]}" "$cmd" "$@"
	;;
*) die "unknown command $cmd" ;;
esac
