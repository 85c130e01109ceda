#!/usr/bin/env bash
# A private sshd on 127.0.0.1:PORT for ssh:// engine tests: own config, host key and authorized_keys in DIR.
#   start: rw-reg-sshd.sh start DIR PORT AUTHORIZED_PUBKEY_FILE [SESSION_PATH]      stop: rw-reg-sshd.sh stop DIR
# The logged-in user (root) runs `docker system dial-stdio`, which reaches the machine's dockerd. SESSION_PATH sets
# PATH for sessions (default the usual one; a PATH without docker imitates a server without the docker CLI).
set -euo pipefail
cmd="${1:?start|stop}"
DIR="${2:?DIR}"
if [[ "$cmd" == stop ]]; then
  if [[ -f "$DIR/sshd.pid" ]]; then kill "$(cat "$DIR/sshd.pid")" 2>/dev/null || true; fi
  exit 0
fi
PORT="${3:?PORT}" PUB="${4:?PUBKEY}" SESSION_PATH="${5:-/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin}"
mkdir -p "$DIR" /run/sshd
chmod 700 "$DIR"
[[ -f "$DIR/host_key" ]] || ssh-keygen -q -t ed25519 -N '' -f "$DIR/host_key"
cp "$PUB" "$DIR/authorized_keys"
chmod 600 "$DIR/authorized_keys"
cat >"$DIR/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $DIR/host_key
PidFile $DIR/sshd.pid
AuthorizedKeysFile $DIR/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
SetEnv PATH=$SESSION_PATH
CONF
/usr/sbin/sshd -f "$DIR/sshd_config" -E "$DIR/sshd.log"
for _ in $(seq 1 50); do
  [[ -f "$DIR/sshd.pid" ]] && exit 0
  sleep 0.1
done
echo "sshd did not start; its log:" >&2
cat "$DIR/sshd.log" >&2
exit 1
