#!/usr/bin/env bash
# A second dockerd for remote-engine tests: tcp://127.0.0.1:PORT with --tlsverify, beside the machine's own dockerd.
#   start: rw-reg-dockerd2.sh start DIR PORT CA_CRT SERVER_CRT SERVER_KEY     stop: rw-reg-dockerd2.sh stop DIR
# It has its own data-root, exec-root, pidfile, containerd (started by dockerd under the exec-root) and its own
# bridge rwreg-br<N> (so it does not clash with docker0); iptables off, ports published through docker-proxy.
set -euo pipefail
cmd="${1:?start|stop}"
DIR="${2:?DIR}"
BR="rwreg$(( $(cksum <<<"$DIR" | cut -d' ' -f1) % 100000 ))"
if [[ "$cmd" == stop ]]; then
  if [[ -f "$DIR/dockerd.pid" ]]; then
    pid="$(cat "$DIR/dockerd.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  ip link del "$BR" 2>/dev/null || true
  umount -R "$DIR/exec" 2>/dev/null || true
  exit 0
fi
PORT="${3:?PORT}" CA="${4:?CA}" CERT="${5:?CERT}" KEY="${6:?KEY}"
mkdir -p "$DIR/data" "$DIR/exec"
# A /24 from 172.30.0.0/16 picked from the bridge name, so parallel runs differ.
NET="172.30.$(( ${BR#rwreg} % 250 + 1 ))"
ip link add "$BR" type bridge 2>/dev/null || true
ip addr add "$NET.1/24" dev "$BR" 2>/dev/null || true
ip link set "$BR" up
nohup dockerd --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$DIR/dockerd.pid" \
  -H "tcp://127.0.0.1:$PORT" --tlsverify --tlscacert "$CA" --tlscert "$CERT" --tlskey "$KEY" \
  --bridge "$BR" --iptables=false --ip-masq=false --ip-forward=false \
  >"$DIR/dockerd.log" 2>&1 &
for _ in $(seq 1 100); do
  if grep -q "API listen on" "$DIR/dockerd.log" 2>/dev/null; then exit 0; fi
  [[ -f "$DIR/dockerd.pid" ]] && ! kill -0 "$(cat "$DIR/dockerd.pid")" 2>/dev/null && break
  sleep 0.2
done
echo "second dockerd did not come up; its log:" >&2
tail -30 "$DIR/dockerd.log" >&2
exit 1
