#!/usr/bin/env bash
# Mints an IDENTIFY token for signaling.authMode = hmac, without a running daemon:
#   scripts/mint-token.sh --secret SECRET [--ttl-seconds N] USERNAME
# prints the token alone on one stdout line and exits 0 (default lifetime 3600 s); bad arguments exit 2
# with the reason on stderr. The secret must be the daemon's signaling.hmacSecret (32 characters or more).
# Runs org.signaltracker.core.signaling.TokenMinter from the daemon's jar, built first when needed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=build-jar.sh
source "$root/scripts/build-jar.sh"
# shellcheck source=find-java.sh
source "$root/scripts/find-java.sh"
# Not the daemon's flags (jvm.env): a one-shot command wants a quick start and a small heap.
exec "$JAVA_BIN" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m \
  -cp "$JAR" org.signaltracker.core.signaling.TokenMinter "$@"
