#!/usr/bin/env bash
# Long run of the property-based test of the WebSocket frame and message paths
# (signal-netty WebSocketFramePropertyTest). CI runs it briefly (300 tries, junit-platform.properties);
# this runs it with many more generated client byte streams. Usage: scripts/fuzz.sh [TRIES] (default 20000).
# Nothing leaves the process: the test drives an embedded channel, no socket.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tries="${1:-20000}"
mvn -B -ntp test -pl signal-core,signal-netty -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=WebSocketFramePropertyTest -Djqwik.tries.default="$tries"
