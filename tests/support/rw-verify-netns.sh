#!/usr/bin/env bash
# A client Docker engine on a non-loopback address, for proving client trust (dockerd treats 127.0.0.0/8 as an
# insecure registry, so a loopback push proves nothing).
#
#   up ID STATE_DIR    creates network namespace rw-ver-ID with a veth pair (rwvIDh on the host, rwvIDn inside),
#                      a free 10.213.X.Y/30 (host side .1, namespace side .2), and starts a client dockerd inside it:
#                      `unshare -m` + a bind mount of STATE_DIR/root/etc/docker over /etc/docker (so the host's certs.d is
#                      never read or written), then `nsenter --net=/run/netns/rw-ver-ID dockerd` with its own
#                      --data-root/--exec-root/--pidfile/-H unix socket, --bridge=none --iptables=false, vfs storage.
#                      (`ip netns exec` remounts /sys, after which dockerd cannot run containers: hence nsenter.)
#                      Prints KEY=VALUE lines: HOST_IP, NS_IP, SOCKET, ROOT (the client's / for trust paths), CERTS_D, PID.
#   down ID STATE_DIR  stops that dockerd, deletes the namespace (and with it the veth pair), removes STATE_DIR.
#
# Only addresses this script assigns are used; the registry is reached on HOST_IP (the host side of the veth).
set -euo pipefail
CMD="${1:?usage: rw-verify-netns.sh up|down ID STATE_DIR}"
ID="${2:?ID (hex, at most 6 characters)}"
STATE="${3:?STATE_DIR}"
[[ "$ID" =~ ^[0-9a-f]{1,6}$ ]] || { echo "ID must be 1-6 lower-case hex digits" >&2; exit 2; }
NS="rw-ver-$ID"
VH="rwv${ID}h"
VN="rwv${ID}n"

down() {
  if [[ -f "$STATE/dockerd.pid" ]]; then
    local pid
    pid="$(cat "$STATE/dockerd.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  # The unshare wrapper exits with dockerd; wait for it so the mount namespace is gone before removing files.
  if [[ -f "$STATE/unshare.pid" ]]; then
    local upid
    upid="$(cat "$STATE/unshare.pid")"
    for _ in $(seq 1 50); do kill -0 "$upid" 2>/dev/null || break; sleep 0.1; done
  fi
  ip netns del "$NS" 2>/dev/null || true
  ip link del "$VH" 2>/dev/null || true
  rm -rf "$STATE"
}

if [[ "$CMD" == down ]]; then down; exit 0; fi
[[ "$CMD" == up ]] || { echo "unknown command $CMD" >&2; exit 2; }
[[ -d /etc/docker ]] || { echo "/etc/docker must exist (it is the bind-mount point)" >&2; exit 1; }

# A /30 in 10.213.0.0/16 that no interface uses yet.
USED="$(ip -4 -o addr show | awk '{print $4}')"
BASE=""
for _ in $(seq 1 50); do
  X=$((RANDOM % 256)); Y=$(((RANDOM % 64) * 4))
  if ! grep -q "^10\.213\.$X\.\($Y\|$((Y + 1))\|$((Y + 2))\|$((Y + 3))\)/" <<<"$USED"; then BASE="10.213.$X"; break; fi
done
[[ -n "$BASE" ]] || { echo "no free 10.213.x.y/30" >&2; exit 1; }
HOST_IP="$BASE.$((Y + 1))"
NS_IP="$BASE.$((Y + 2))"

mkdir -p "$STATE/root/etc/docker/certs.d" "$STATE/data" "$STATE/exec"
trap 'down' ERR
ip netns add "$NS"
ip link add "$VH" type veth peer name "$VN"
ip link set "$VN" netns "$NS"
ip addr add "$HOST_IP/30" dev "$VH"
ip link set "$VH" up
ip netns exec "$NS" ip addr add "$NS_IP/30" dev "$VN"
ip netns exec "$NS" ip link set "$VN" up
ip netns exec "$NS" ip link set lo up

SOCK="$STATE/docker.sock"
echo '{}' >"$STATE/root/etc/docker/daemon.json"
# setsid: the client engine outlives this script and is stopped by `down`.
setsid unshare -m --propagation private sh -c '
  mount --bind "$1/root/etc/docker" /etc/docker
  exec nsenter --net=/run/netns/"$2" dockerd \
    --data-root "$1/data" --exec-root "$1/exec" --pidfile "$1/dockerd.pid" \
    -H "unix://$1/docker.sock" --bridge=none --iptables=false --ip-masq=false --ip-forward=false \
    --storage-driver=vfs --config-file /etc/docker/daemon.json
' rw-ver-dockerd "$STATE" "$NS" >"$STATE/dockerd.log" 2>&1 </dev/null &
echo $! >"$STATE/unshare.pid"

for _ in $(seq 1 120); do
  if docker -H "unix://$SOCK" version >/dev/null 2>&1; then break; fi
  if ! kill -0 "$(cat "$STATE/unshare.pid")" 2>/dev/null; then
    echo "client dockerd exited; its log:" >&2; tail -30 "$STATE/dockerd.log" >&2; false
  fi
  sleep 0.25
done
docker -H "unix://$SOCK" version >/dev/null 2>&1 || { echo "client dockerd did not answer; its log:" >&2; tail -30 "$STATE/dockerd.log" >&2; false; }
trap - ERR
echo "HOST_IP=$HOST_IP"
echo "NS_IP=$NS_IP"
echo "SOCKET=$SOCK"
echo "ROOT=$STATE/root"
echo "CERTS_D=$STATE/root/etc/docker/certs.d"
echo "PID=$(cat "$STATE/dockerd.pid")"
