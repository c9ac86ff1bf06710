#!/usr/bin/env bash
# The README's reverse-proxy snippets, run for real: Debian's nginx and Caddy in front of the daemon, each
# with the README's configuration (only addresses, ports, certificate, pid and log paths changed), and
# the daemon with the README's side (access.trustedProxies = 127.0.0.1, ::1; x-forwarded-for). Checks,
# for each proxy (PASS/FAIL lines):
#   1. websocket  WebSocket upgrades through the proxy from 127.0.0.12 and .13 get 101 (wss:// through
#                 both: nginx's `listen ... ssl`, Caddy's automatic HTTPS with its internal CA), and a
#                 WebTorrent announce, offer and answer go through them; one more upgrade from .12 gets
#                 429, as the daemon caps WebSockets at 1 per client address for this check, so the cap
#                 counts the clients and not the proxy (scripts/proxy-check-websocket.py);
#   2. client     HTTP tracker announces from 127.0.0.7, then 127.0.0.8: the second's compact peers hold
#                 127.0.0.7 (the client), not 127.0.0.1 (the proxy);
#   3. spoof      a client that sends its own X-Forwarded-For: 203.0.113.9 (nginx appends to it, Caddy
#                 replaces it) and Forwarded: for=198.51.100.9 (both pass it on untouched; the daemon
#                 reads only x-forwarded-for) is listed as its real address;
# and once without a proxy:
#   4. direct     X-Forwarded-For: 203.0.113.10 sent straight to the daemon from 127.0.0.8, which is no
#                 trusted proxy (127.0.0.1 is one host), is ignored: the peer is 127.0.0.8.
#
#   scripts/reverse-proxy-check.sh          exit status 0 only when every check passed
#
# Installs the Debian packages nginx and caddy with apt-get when missing (so it is no part of the default
# test run; where policy allows, installing them also starts their system services on port 80, which this
# script neither needs nor touches) and builds the jar when stale (scripts/build-jar.sh). Loopback only;
# nginx and Caddy run as foreground processes of this script, with their state in a temp dir.
# Every process it starts is stopped by its PID on exit, and the temp dir removed.
# Env: PROXY_CHECK_DAEMON_PORT (18601), PROXY_CHECK_NGINX_PORT (18643), PROXY_CHECK_CADDY_PORT (18644),
# PROXY_CHECK_KEEP=1 keeps the temp dir (logs, configs) for a look after a failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
daemon_port="${PROXY_CHECK_DAEMON_PORT:-18601}"
nginx_port="${PROXY_CHECK_NGINX_PORT:-18643}"
caddy_port="${PROXY_CHECK_CADDY_PORT:-18644}"

install_missing() {
  local missing=() out first
  command -v nginx > /dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v caddy > /dev/null || missing+=(caddy)
  [ ${#missing[@]} -eq 0 ] && return
  echo "reverse-proxy-check: installing ${missing[*]} with apt-get" >&2
  if out=$(DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" 2>&1); then
    return
  fi
  first="$out"
  # The package lists may be stale or absent on a fresh machine: refresh once and try again.
  if out=$( { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "${missing[@]}"; } 2>&1); then
    return
  fi
  printf '%s\n--- after apt-get update:\n%s\n' "$first" "$out" >&2
  echo "reverse-proxy-check: apt-get could not install ${missing[*]} (output above)" >&2
  exit 1
}
install_missing
export PATH="$PATH:/usr/sbin"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$daemon_port" "$nginx_port" "$caddy_port"; do
  if port_busy "$port"; then
    echo "reverse-proxy-check: port $port is in use; set PROXY_CHECK_*_PORT" >&2
    exit 1
  fi
done

# shellcheck source=build-jar.sh
source "$root/scripts/build-jar.sh"
# shellcheck source=find-java.sh
source "$root/scripts/find-java.sh"

work="$(mktemp -d /tmp/signal-tracker-proxy-check.XXXXXX)"
# nginx's workers run as nobody and must reach their temp paths under it; the key stays 0600 (the master,
# root, reads it).
chmod 711 "$work"
pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${PROXY_CHECK_KEEP:-0}" = 1 ]; then echo "reverse-proxy-check: kept $work" >&2; else rm -rf "$work"; fi
}
trap stop_all EXIT

# Waits (at most 30 s) until $2 succeeds, as long as process $1 lives; $3 names what is awaited.
await() {
  local pid="$1" probe="$2" what="$3"
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { echo "reverse-proxy-check: $what: the process exited" >&2; return 1; }
    if eval "$probe"; then return 0; fi
    sleep 0.1
  done
  echo "reverse-proxy-check: $what: not ready after 30 s" >&2
  return 1
}

echo "== reverse-proxy-check $(date -u +%FT%TZ) on $(uname -srm)"
echo "== $(nginx -v 2>&1 | sed 's/^nginx version: //'), caddy $(caddy version), $("$JAVA_BIN" -version 2>&1 | head -n 1)," \
  "$(openssl version | cut -d' ' -f1-2), $(curl --version | head -n 1 | cut -d' ' -f1-2), $(python3 --version)"

# --- the daemon, with the README's side of it (and a cap the WebSocket check uses to see client addresses) ---
cat > "$work/daemon.conf" <<CONF
server.bindAddress = 127.0.0.1
server.port = $daemon_port
admin.port = 0
classic.udp = off
database.url =
access.trustedProxies = 127.0.0.1, ::1
access.proxyHeader = x-forwarded-for
access.maxConnectionsPerAddress = 1
CONF
"$root/scripts/run.sh" --config "$work/daemon.conf" > "$work/daemon.log" 2>&1 &
daemon=$!
pids+=("$daemon")
await "$daemon" "grep -q 'listening on' '$work/daemon.log'" "daemon" || { cat "$work/daemon.log" >&2; exit 1; }

# --- nginx: the README's map and server block, as a master of its own ---
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null
chmod 600 "$work/privkey.pem"
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<CONF
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events {}
http {
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/client_body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;

    # From here on the README's snippet; only the listen address, certificate paths and upstream port differ.
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      close;
    }
    server {
        listen 127.0.0.1:$nginx_port ssl;
        server_name tracker.example.com;
        ssl_certificate     $work/fullchain.pem;
        ssl_certificate_key $work/privkey.pem;
        location / {
            proxy_pass http://127.0.0.1:$daemon_port;
            proxy_http_version 1.1;                  # WebSocket upgrades need HTTP/1.1 upstream
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_read_timeout 120s;                 # above websocket.pingIntervalSeconds (30)
        }
    }
}
CONF
nginx -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' \
  > "$work/nginx/stdout.log" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")
await "$nginx_pid" "port_busy $nginx_port" "nginx" || { cat "$work/nginx/error.log" >&2; exit 1; }

# --- Caddy: the README's site block at a local address; its own CA (tls internal), kept in the temp dir ---
mkdir -p "$work/caddy/home" "$work/caddy/data" "$work/caddy/config"
cat > "$work/caddy/Caddyfile" <<CONF
{
	admin off
	skip_install_trust
	auto_https disable_redirects
}

# The README's site block; only the site address differs (a local one, so the certificate comes from
# Caddy's internal CA and no ACME is attempted) and the bind keeps the listener on loopback.
https://127.0.0.1:$caddy_port {
	bind 127.0.0.1
	tls internal
	reverse_proxy 127.0.0.1:$daemon_port
}
CONF
HOME="$work/caddy/home" XDG_DATA_HOME="$work/caddy/data" XDG_CONFIG_HOME="$work/caddy/config" \
  caddy run --config "$work/caddy/Caddyfile" --adapter caddyfile > "$work/caddy/caddy.log" 2>&1 &
caddy_pid=$!
pids+=("$caddy_pid")
caddy_ca="$work/caddy/data/caddy/pki/authorities/local/root.crt"
# Ready once a request through it gets any HTTP answer over a certificate its own root verifies.
await "$caddy_pid" "[ -f '$caddy_ca' ] && curl -s -o /dev/null --max-time 2 --cacert '$caddy_ca' https://127.0.0.1:$caddy_port/" \
  "caddy" || { cat "$work/caddy/caddy.log" >&2; exit 1; }

# --- the checks ---
failures=0
report() {  # report OK|NO NAME TEXT
  if [ "$1" = OK ]; then echo "PASS $2: $3"; else echo "FAIL $2: $3"; failures=$((failures + 1)); fi
}

# The 20-character ids of the HTTP tracker, percent-free (ASCII letters, digits and dashes).
id20() { printf '%-20.20s' "$1" | tr ' ' '-'; }

# announce SOURCE BASE_URL CAFILE TORRENT PEER PORT [curl options...]: the bencoded answer on stdout.
announce() {
  local source="$1" base="$2" cafile="$3" torrent="$4" peer="$5" port="$6"
  shift 6
  local tls=()
  [ "$cafile" = - ] || tls=(--cacert "$cafile")
  curl -sS --fail --max-time 10 --interface "$source" "${tls[@]}" "$@" \
    "$base/announce?info_hash=$(id20 "$torrent")&peer_id=$(id20 "$peer")&port=$port&uploaded=0&downloaded=0&left=100&event=started&compact=1&numwant=50"
}

# The compact IPv4 peers of a bencoded answer on stdin, as "a.b.c.d:port" sorted and space separated (or
# "failure: REASON").
peers() {
  python3 -c '
import re, sys
body = sys.stdin.buffer.read()
failure = re.search(rb"14:failure reason(\d+):", body)
if failure:
    start = failure.end()
    print("failure:", body[start:start + int(failure.group(1))].decode("utf-8", "replace")); sys.exit()
m = re.search(rb"5:peers(\d+):", body)
if not m:
    print("no peers key in", body[:200]); sys.exit()
raw = body[m.end():m.end() + int(m.group(1))]
print(" ".join(sorted("%d.%d.%d.%d:%d" % (*raw[i:i + 4], int.from_bytes(raw[i + 4:i + 6], "big"))
                      for i in range(0, len(raw) - len(raw) % 6, 6))))'
}

check_proxy() {  # check_proxy NAME SCHEME_HOST_PORT CAFILE
  local name="$1" base="$2" cafile="$3" out got
  if out=$(python3 "$root/scripts/proxy-check-websocket.py" "${base/https:/wss:}/announce" "$cafile" "$name" 2>&1); then
    report OK "$name websocket" "$out"
  else
    report NO "$name websocket" "${base/https:/wss:}/announce: $out"
  fi

  got=$( { announce 127.0.0.7 "$base" "$cafile" "client-$name" "first-$name" 6881 > /dev/null \
           && announce 127.0.0.8 "$base" "$cafile" "client-$name" "second-$name" 6882; } 2>&1 | peers) || true
  if [ "$got" = "127.0.0.7:6881" ]; then
    report OK "$name client" "127.0.0.7, then 127.0.0.8 announce through it: peers [$got]"
  else
    report NO "$name client" "expected peers [127.0.0.7:6881] (the client, not the proxy 127.0.0.1), got [$got]"
  fi

  got=$( { announce 127.0.0.9 "$base" "$cafile" "spoof-$name" "spoofer-$name" 6883 \
             -H 'X-Forwarded-For: 203.0.113.9' -H 'Forwarded: for=198.51.100.9' > /dev/null \
           && announce 127.0.0.10 "$base" "$cafile" "spoof-$name" "observer-$name" 6884; } 2>&1 | peers) || true
  if [ "$got" = "127.0.0.9:6883" ]; then
    report OK "$name spoof" "127.0.0.9 sends X-Forwarded-For: 203.0.113.9, Forwarded: for=198.51.100.9: peers [$got]"
  else
    report NO "$name spoof" "expected peers [127.0.0.9:6883] (not 203.0.113.9 nor 198.51.100.9), got [$got]"
  fi
}

check_proxy nginx "https://127.0.0.1:$nginx_port" "$work/fullchain.pem"
check_proxy caddy "https://127.0.0.1:$caddy_port" "$caddy_ca"

direct="http://127.0.0.1:$daemon_port"
got=$( { announce 127.0.0.8 "$direct" - "direct" "untrusted-direct" 6885 -H 'X-Forwarded-For: 203.0.113.10' > /dev/null \
         && announce 127.0.0.11 "$direct" - "direct" "observer-direct" 6886; } 2>&1 | peers) || true
if [ "$got" = "127.0.0.8:6885" ]; then
  report OK "direct untrusted" "127.0.0.8 sends X-Forwarded-For: 203.0.113.10 to the daemon: peers [$got]"
else
  report NO "direct untrusted" "expected peers [127.0.0.8:6885] (the header ignored), got [$got]"
fi

if [ "$failures" -eq 0 ]; then
  echo "reverse-proxy-check: all checks passed"
else
  echo "reverse-proxy-check: $failures check(s) failed; daemon log:" >&2
  tail -n 20 "$work/daemon.log" >&2
  exit 1
fi
