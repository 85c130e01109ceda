// The shell script the DaemonSet's container runs on every node (busybox sh). It never carries file contents: the
// ConfigMap is mounted at CONFIG_MOUNT as certs.d/HOST:PORT/{ca.crt,hosts.toml} and copied from there. Its words are
// the container log an operator reads with `kubectl logs` (English, like install.sh).
import { shellQuote } from '../../shell/quote'
import { CONFIG_MOUNT, NODE_CERTS_D, NODE_MOUNT, ownerMarker } from './constants'

/** The modes the script takes as $1: write and keep in sync until SIGTERM (then remove), or only remove. */
export type NodeScriptMode = 'install' | 'uninstall'

const log = (text: string): string => `log ${shellQuote(text)}`

const CONFIG_PATH_FIX =
  'Set config_path = "/etc/containerd/certs.d" under [plugins."io.containerd.grpc.v1.cri".registry] (config version 2; version 3: [plugins."io.containerd.cri.v1.images".registry]) and restart containerd once; hosts.toml changes need no restart after that.'

/** containerd reads certs.d only with config_path naming it: say so clearly when the node's config.toml does not. */
function checkConfig(): string[] {
  return [
    'check_config() {',
    '  c="$ETC/config.toml"',
    '  if [ ! -f "$c" ]; then',
    `    ${log('WARNING: /etc/containerd/config.toml does not exist on this node, so containerd runs on its defaults: containerd 2.x reads /etc/containerd/certs.d by default, containerd 1.x does not.')}`,
    `    ${log(`${CONFIG_PATH_FIX} k3s and RKE2 keep containerd's configuration under /var/lib/rancher and regenerate it: configure them with registries.yaml instead.`)}`,
    '  elif grep -Eq \'^[[:space:]]*config_path[[:space:]]*=.*/etc/containerd/certs[.]d\' "$c"; then',
    `    ${log("containerd's config_path names /etc/containerd/certs.d: hosts.toml is read on every pull, no restart needed.")}`,
    '  else',
    `    ${log('WARNING: /etc/containerd/config.toml does not set config_path to /etc/containerd/certs.d, so containerd ignores the files written here.')}`,
    `    ${log(CONFIG_PATH_FIX)}`,
    '  fi',
    '}',
  ]
}

/** Helpers: whose a folder is, one file put in place (temp file, then rename), one folder of ours removed. */
function helpers(namespace: string): string[] {
  return [
    'set -u',
    `SRC=${shellQuote(CONFIG_MOUNT)}`,
    `ETC=${shellQuote(NODE_MOUNT)}`,
    'DEST="$ETC/certs.d"',
    `SHOWN=${shellQuote(NODE_CERTS_D)}`,
    `MARK=${shellQuote(ownerMarker(namespace))}`,
    'QUIET=0',
    'log() { echo "registry-wizard: $*"; }',
    'ours() { [ -f "$1/hosts.toml" ] && [ "$(head -n 1 "$1/hosts.toml")" = "$MARK" ]; }',
    'put() {',
    '  cmp -s "$1" "$2" && return 0',
    '  cat "$1" >"$2.rw-tmp" && mv -f "$2.rw-tmp" "$2" && log "wrote $SHOWN/${2#"$DEST"/}"',
    '}',
    // ca.crt first, hosts.toml (the mark of ownership) last: a folder half removed is still ours.
    'drop() {',
    '  rm -f "$1/ca.crt" "$1/ca.crt.rw-tmp" "$1/hosts.toml.rw-tmp" "$1/hosts.toml"',
    '  if rmdir "$1" 2>/dev/null; then log "removed $SHOWN/${1##*/}"',
    '  else log "removed ca.crt and hosts.toml from $SHOWN/${1##*/}; kept the folder: it holds files this DaemonSet did not write"; fi',
    '}',
    'cleanup() {',
    '  for d in "$DEST"/*/; do',
    '    [ -d "$d" ] || continue',
    '    d="${d%/}"',
    '    if ours "$d"; then drop "$d"; fi',
    '  done',
    '}',
  ]
}

/** One pass: our folders the ConfigMap no longer names removed, every folder it names written (hosts.toml first). */
function syncAll(): string[] {
  return [
    'sync_all() {',
    '  mkdir -p "$DEST" || { log "ERROR: cannot create $SHOWN on this node"; return 1; }',
    '  for d in "$DEST"/*/; do',
    '    [ -d "$d" ] || continue',
    '    d="${d%/}"',
    '    if [ ! -d "$SRC/${d##*/}" ] && ours "$d"; then drop "$d"; fi',
    '  done',
    '  for s in "$SRC"/*/; do',
    '    [ -d "$s" ] || continue',
    '    s="${s%/}"; n="${s##*/}"; d="$DEST/$n"',
    '    if [ -d "$d" ] && ! ours "$d" && [ -n "$(ls -A "$d")" ]; then',
    '      [ "$QUIET" = 1 ] || log "WARNING: left $SHOWN/$n alone: it holds files this DaemonSet did not write"',
    '      continue',
    '    fi',
    '    mkdir -p "$d" || continue',
    '    put "$s/hosts.toml" "$d/hosts.toml"',
    '    if [ -f "$s/ca.crt" ]; then put "$s/ca.crt" "$d/ca.crt"; fi',
    '  done',
    '}',
  ]
}

/** Waits for SIGTERM (kubelet, on delete) without holding it up: sleep in the background, `wait` is interruptible. */
function main(): string[] {
  return [
    'case "${1:-install}" in',
    '  install)',
    '    check_config',
    '    sync_all',
    '    QUIET=1',
    '    trap \'cleanup; log "removed every file this DaemonSet wrote"; exit 0\' TERM INT',
    `    ${log('ready: the files are in place and kept in sync every 60 s; deleting the DaemonSet removes them.')}`,
    '    while :; do sleep 60 & wait $!; sync_all; done',
    '    ;;',
    '  uninstall)',
    '    cleanup',
    `    ${log('done: every folder the DaemonSet wrote is removed from this node; delete this DaemonSet now.')}`,
    "    trap 'exit 0' TERM INT",
    '    while :; do sleep 3600 & wait $!; done',
    '    ;;',
    '  *)',
    '    log "unknown mode $1 (install or uninstall)"',
    '    exit 2',
    '    ;;',
    'esac',
  ]
}

/** The whole script; the container runs it as `sh -c SCRIPT registry-trust MODE`. */
export function nodeScript(namespace: string): string {
  return [...helpers(namespace), ...checkConfig(), ...syncAll(), ...main()].join('\n')
}

/** The container command for a mode: what the DaemonSet runs, and what the tests run in a container. */
export function nodeCommand(namespace: string, mode: NodeScriptMode): string[] {
  return ['/bin/sh', '-c', nodeScript(namespace), 'registry-trust', mode]
}
