#!/usr/bin/env bash
# Installs Signal Tracker as a systemd service:
#   /opt/signal-tracker/lib/signal-tracker.jar      the daemon
#   /opt/signal-tracker/bin/signal-tracker          launcher (newest JDK, flags from scripts/jvm.env)
#   /opt/signal-tracker/scripts/{find-java.sh,jvm.env}
#   /etc/signal-tracker/signal-tracker.conf         the documented config (kept if it already exists)
#   /etc/systemd/system/signal-tracker.service      the unit
#   /var/lib/signal-tracker/                        the state directory (the info-hash database)
# and creates the system user signal-tracker.
# Options: --root DIR  install under DIR (a staging root; skips the user and systemctl)
#          --dry-run   print what would be done
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root=""
dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

run() {
  if $dry_run; then echo "+ $*"; else "$@"; fi
}

prefix="$root/opt/signal-tracker"
etc="$root/etc/signal-tracker"
unit_dir="$root/etc/systemd/system"
state="$root/var/lib/signal-tracker"

(cd "$here" && run mvn -q -B -DskipTests package -pl signal-netty -am)

run install -d "$prefix/bin" "$prefix/lib" "$prefix/scripts" "$etc" "$unit_dir"
run install -m 0644 "$here/signal-netty/target/signal-tracker.jar" "$prefix/lib/signal-tracker.jar"
run install -m 0644 "$here/scripts/find-java.sh" "$here/scripts/jvm.env" "$prefix/scripts/"
launcher="$(mktemp)"
cat > "$launcher" <<'LAUNCHER'
#!/usr/bin/env bash
# Starts the installed daemon with the newest JDK and the flags of jvm.env; arguments pass through.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# find-java.sh first: jvm.env reads the JAVA_MAJOR it exports.
source "$home/scripts/find-java.sh"
source "$home/scripts/jvm.env"
# shellcheck disable=SC2086
exec "$JAVA_BIN" $SIGNAL_TRACKER_JVM_FLAGS -jar "$home/lib/signal-tracker.jar" "$@"
LAUNCHER
run install -m 0755 "$launcher" "$prefix/bin/signal-tracker"
rm -f "$launcher"
if [ -e "$etc/signal-tracker.conf" ]; then
  echo "keeping the existing $etc/signal-tracker.conf"
else
  run install -m 0644 "$here/config/signal-tracker.conf" "$etc/signal-tracker.conf"
fi
run install -m 0644 "$here/scripts/signal-tracker.service" "$unit_dir/signal-tracker.service"

if [ -z "$root" ]; then
  if ! id signal-tracker >/dev/null 2>&1; then
    run useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      signal-tracker
  fi
  # systemd makes it as well (StateDirectory=); made here too so the daemon also starts by hand as its user.
  run install -d -o signal-tracker -g signal-tracker -m 0750 "$state"
  # /run/systemd/system exists only when systemd is PID 1 (sd_booted); in a container without it there is
  # no manager to reload, and `systemd-analyze verify` still checks the unit.
  if [ -d /run/systemd/system ]; then
    run systemctl daemon-reload
  else
    echo "systemd is not running here (PID 1 is $(cat /proc/1/comm 2>/dev/null || echo unknown)): skipped" \
      "daemon-reload; check the unit with: systemd-analyze verify $unit_dir/signal-tracker.service"
  fi
  if $dry_run; then echo "(dry run: nothing was changed)"; else echo "installed."; fi
  echo "next: edit $etc/signal-tracker.conf if needed, then: systemctl enable --now signal-tracker"
  echo "reload after editing it: systemctl reload signal-tracker"
  echo "logs: journalctl -u signal-tracker -f   health: curl http://127.0.0.1:8000/health"
else
  run install -d -m 0750 "$state"
  if $dry_run; then echo "(dry run: nothing was changed)"; fi
  echo "staged under $root (no user created, systemd not reloaded)"
fi
