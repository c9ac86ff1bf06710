#!/usr/bin/env bash
# Runs the daemon from this checkout: builds the jar first when it is missing or older than any source,
# then starts it with the JVM flags of scripts/jvm.env. Arguments pass through, e.g.
#   scripts/run.sh                         embedded defaults, port 8000
#   scripts/run.sh --config my.conf        a config file (keys left out keep their defaults)
#   scripts/run.sh --print-default-config  the documented defaults
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=build-jar.sh
source "$root/scripts/build-jar.sh"
# shellcheck source=find-java.sh
source "$root/scripts/find-java.sh"
# shellcheck source=jvm.env
source "$root/scripts/jvm.env"
# The flags are a space-separated list by design (see jvm.env).
# shellcheck disable=SC2086
exec "$JAVA_BIN" $SIGNAL_TRACKER_JVM_FLAGS -jar "$JAR" "$@"
