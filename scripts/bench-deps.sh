#!/usr/bin/env bash
# Host packages `make bench` needs beyond scripts/install-deps.sh (Debian
# bookworm, as root): gnuplot-nox for the plot in docs/performance.md,
# valgrind for the codec core's instruction counts.  Idempotent: installs
# only what is missing.
exec "$(dirname "$0")/install-deps.sh" gnuplot-nox valgrind
