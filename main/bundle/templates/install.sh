#!/bin/sh
# Registry Wizard trust bundle: makes this machine trust a private Docker registry's CA.
#
#   sudo sh install.sh                       install for the registries in registries.txt
#   sudo sh install.sh --registry 10.0.0.5:5000 --registry registry.lan:5000
#   sudo sh install.sh --uninstall           remove exactly what install added
#   sh install.sh --dry-run                  print what would be written and run; change nothing
#   sudo sh install.sh --mirror 10.0.0.5:5001  also pull Docker Hub images through that mirror (default: mirror.txt)
#
# POSIX sh: dash, busybox ash, bash (CentOS 7's 4.2 too). Before anything else it checks its files against SHA256SUMS
# and ca.crt against the fingerprint in ca.crt.sha256. Installs for Docker (always), Podman/CRI-O and containerd when
# present, and into the OS store (Debian/Ubuntu/Alpine, RHEL/CentOS/Fedora/Rocky/Alma, SUSE, Arch). Safe to run twice.
# A Docker Hub mirror goes into daemon.json (merged with python: python3, python, platform-python or python2), the
# docker.io hosts.toml, a registries.conf.d drop-in and k3s/RKE2 registries.yaml: the same files as registry-wizard.
set -eu

BUNDLE_DIR=$(cd "$(dirname "$0")" && pwd)
CA_FILE="$BUNDLE_DIR/ca.crt"
FINGERPRINT_FILE="$BUNDLE_DIR/ca.crt.sha256"
SUMS_FILE="$BUNDLE_DIR/SHA256SUMS"
# Every file this script reads; SHA256SUMS must list each of them.
USED_FILES="install.sh ca.crt ca.crt.sha256 registries.txt"
# mirror.txt (the default Docker Hub mirror) is optional; once SHA256SUMS lists it, it must be there and match.
if [ -f "$SUMS_FILE" ] && grep -q '[ *]mirror\.txt$' "$SUMS_FILE"; then USED_FILES="$USED_FILES mirror.txt"; fi
ROOT=/
ACTION=install
DRY_RUN=0
FORCE=0
REGISTRIES=""
MIRROR=""
NO_MIRROR=0
MIRROR_NOTES=""
CHANGES=0
PASS=check
OS_CHANGED=0
HOSTS_MARKER="# Written by Registry Wizard"

say() { printf '%s\n' "$*"; }
die() {
  printf 'registry-trust: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  say ""
  say "Options: --registry HOST:PORT (repeatable)  --uninstall  --dry-run  --force (replace a different ca.crt)"
  say "         --mirror HOST:PORT (a Docker Hub pull-through mirror; default: mirror.txt)  --no-mirror"
  say "         --root DIR (act under DIR instead of /: files only, the store update is printed, not run)  -h, --help"
}

# A registry name becomes a folder name (certs.d/HOST:PORT): only host and port characters, never . or .. or a /.
check_registry() {
  case "$1" in
    '' | . | .. | -* | *[!A-Za-z0-9.:\[\]-]*) die "--registry: \"$1\" is not valid; HOST:PORT as in the image reference is allowed (e.g. 192.168.20.10:5000)" ;;
  esac
}

# A mirror is HOST:PORT (the port written out, as for a registry).
check_mirror() {
  check_registry "$1"
  case "$1" in
    *:[0-9]*) ;;
    *) die "--mirror: \"$1\" has no port; HOST:PORT as the clients reach the mirror is allowed (e.g. 192.168.20.10:5001)" ;;
  esac
}

sha256_hex() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 | cut -d' ' -f1
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 | sed 's/^.*= *//'
  else
    die "no sha256sum, shasum or openssl to check the files with"
  fi
}

# 0. The bundle's own checksums come before anything else: every file this script uses must be listed and match.
check_sums() {
  [ -f "$SUMS_FILE" ] || die "SHA256SUMS is missing beside install.sh: the bundle is incomplete. Nothing was done."
  for name in $USED_FILES; do
    want=$(awk -v f="$name" '$2 == f || $2 == "*" f { print $1; exit }' "$SUMS_FILE" | tr 'ABCDEF' 'abcdef')
    [ ${#want} -eq 64 ] || die "SHA256SUMS does not list $name: the bundle was changed or damaged. Nothing was done."
    [ -f "$BUNDLE_DIR/$name" ] || die "$name is missing beside install.sh (SHA256SUMS lists it): copy the whole bundle folder. Nothing was done."
    got=$(sha256_hex <"$BUNDLE_DIR/$name")
    [ "$got" = "$want" ] || die "$name does not match SHA256SUMS (expected $want, got $got): the file was changed or damaged. Nothing was done."
  done
}

while [ $# -gt 0 ]; do
  case "$1" in
    --uninstall) ACTION=uninstall ;;
    --dry-run) DRY_RUN=1 ;;
    --force) FORCE=1 ;;
    --registry)
      [ $# -ge 2 ] || die "--registry needs HOST:PORT"
      check_registry "$2"
      REGISTRIES="$REGISTRIES $2"
      shift
      ;;
    --registry=*)
      check_registry "${1#--registry=}"
      REGISTRIES="$REGISTRIES ${1#--registry=}"
      ;;
    --mirror)
      [ $# -ge 2 ] || die "--mirror needs HOST:PORT"
      check_mirror "$2"
      MIRROR=$2
      shift
      ;;
    --mirror=*)
      check_mirror "${1#--mirror=}"
      MIRROR=${1#--mirror=}
      ;;
    --no-mirror) NO_MIRROR=1 ;;
    --root)
      [ $# -ge 2 ] || die "--root needs a directory"
      ROOT=$2
      shift
      ;;
    --root=*) ROOT=${1#--root=} ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
  shift
done

check_sums

if [ -z "$REGISTRIES" ]; then
  [ -f "$BUNDLE_DIR/registries.txt" ] || die "no --registry given and no registries.txt beside install.sh"
  for r in $(grep -v '^[[:space:]]*#' "$BUNDLE_DIR/registries.txt" | tr -d '\r'); do
    check_registry "$r"
    REGISTRIES="$REGISTRIES $r"
  done
fi
if [ -z "$MIRROR" ] && [ "$NO_MIRROR" != 1 ] && [ -f "$BUNDLE_DIR/mirror.txt" ]; then
  for m in $(grep -v '^[[:space:]]*#' "$BUNDLE_DIR/mirror.txt" | tr -d '\r'); do
    check_mirror "$m"
    MIRROR=$m
  done
fi
if [ "$NO_MIRROR" = 1 ]; then MIRROR=""; fi
[ -n "$REGISTRIES" ] || [ -n "$MIRROR" ] || die "no registry address: pass --registry HOST:PORT (or --mirror HOST:PORT)"
[ -d "$ROOT" ] || die "--root: \"$ROOT\" is not a directory"
ROOT=$(cd "$ROOT" && pwd -P)

# A path on the target system, under the root prefix.
P() { printf '%s%s' "${ROOT%/}" "$1"; }

# 1. The fingerprint check comes next, still before anything is changed.
[ -f "$CA_FILE" ] || die "ca.crt is missing beside install.sh"
[ -f "$FINGERPRINT_FILE" ] || die "ca.crt.sha256 (the fingerprint) is missing beside install.sh"
if grep -q 'PRIVATE KEY' "$CA_FILE"; then die "ca.crt holds a private key: refusing (a private key never goes to a client)"; fi
# ca.crt holds one CA, or two while a CA renewal overlaps (the new one first): one fingerprint line per certificate.
CERT_COUNT=$(grep -c -- '-----BEGIN' "$CA_FILE")
[ "$CERT_COUNT" = 1 ] || [ "$CERT_COUNT" = 2 ] || die "ca.crt must hold one certificate (two while a CA renewal overlaps)"
ALL_FINGERPRINTS=$(sed -n 's/^SHA256 Fingerprint=//p' "$FINGERPRINT_FILE" | tr -d ':\r ' | tr 'ABCDEF' 'abcdef')
[ "$(printf '%s\n' "$ALL_FINGERPRINTS" | grep -c .)" = "$CERT_COUNT" ] || die "ca.crt.sha256 must hold one SHA-256 fingerprint line (SHA256 Fingerprint=AB:CD:...) per certificate of ca.crt"
# The DER of certificate number $2 of PEM file $1, hashed.
cert_sha256() {
  awk -v n="$2" '/^-----BEGIN CERTIFICATE-----/ { c++ } c == n' "$1" | sed -n '/^-----BEGIN CERTIFICATE-----/,/^-----END CERTIFICATE-----/p' | grep -v -- '-----' | tr -d '\r' | base64 -d 2>/dev/null | sha256_hex
}
N=0
for WANT in $ALL_FINGERPRINTS; do
  N=$((N + 1))
  [ ${#WANT} -eq 64 ] || die "ca.crt.sha256 does not hold a SHA-256 fingerprint line (SHA256 Fingerprint=AB:CD:...)"
  ACTUAL=$(cert_sha256 "$CA_FILE" "$N")
  if [ "$ACTUAL" != "$WANT" ]; then
    die "ca.crt does not match its fingerprint (expected $WANT, got $ACTUAL): the file was changed or damaged. Nothing was done."
  fi
  say "ca.crt fingerprint OK (SHA-256 $WANT)"
done
# The first CA names the OS store file.
EXPECTED=$(printf '%s\n' "$ALL_FINGERPRINTS" | head -n 1)

if [ "$DRY_RUN" != 1 ] && [ "$ROOT" = / ] && [ "$(id -u)" != 0 ]; then
  die "run as root (e.g. sudo sh $0), or add --dry-run to only see what it would do"
fi

# 2. The OS store family, from /etc/os-release.
os_field() {
  for f in "$(P /etc/os-release)" "$(P /usr/lib/os-release)"; do
    if [ -f "$f" ]; then
      sed -n "s/^$1=//p" "$f" | head -n 1 | tr -d "\"'"
      return 0
    fi
  done
}
FAMILY=unknown
for id in $(os_field ID) $(os_field ID_LIKE); do
  case "$id" in
    debian | ubuntu | alpine | linuxmint | raspbian | kylin | uos | deepin) FAMILY=debian ;;
    rhel | centos | fedora | rocky | almalinux | ol | amzn | anolis | openeuler) FAMILY=rhel ;;
    suse | sles | opensuse | opensuse-leap | opensuse-tumbleweed) FAMILY=suse ;;
    arch | manjaro | endeavouros) FAMILY=arch ;;
  esac
  [ "$FAMILY" = unknown ] || break
done
if [ "$FAMILY" = unknown ] && [ -f "$(P /etc/redhat-release)" ]; then FAMILY=rhel; fi
case "$FAMILY" in
  debian) ANCHORS=/usr/local/share/ca-certificates ;;
  rhel) ANCHORS=/etc/pki/ca-trust/source/anchors ;;
  suse) ANCHORS=/etc/pki/trust/anchors ;;
  arch) ANCHORS=/etc/ca-certificates/trust-source/anchors ;;
  *) ANCHORS="" ;;
esac
OS_FILE="registry-wizard-$(printf '%s' "$EXPECTED" | cut -c1-16).crt"

update_command() {
  case "$FAMILY" in
    rhel) echo "update-ca-trust extract" ;;
    arch) echo "update-ca-trust" ;;
    *) echo "update-ca-certificates" ;;
  esac
}

run_update() {
  cmd=$(update_command)
  if [ "$ROOT" != / ]; then
    # The host's own command would rebuild the host's bundle, not the one under the root prefix: never run it.
    say "  not run (root prefix $ROOT): $cmd; run it inside that system, e.g. chroot $ROOT $cmd"
    return 0
  fi
  if [ "$DRY_RUN" = 1 ]; then
    say "  would run: $cmd"
    return 0
  fi
  command -v "${cmd%% *}" >/dev/null 2>&1 || die "${cmd%% *} not found: install the ca-certificates package and run again"
  case "$FAMILY" in
    rhel) update-ca-trust extract ;;
    arch) update-ca-trust ;;
    *) update-ca-certificates >/dev/null ;;
  esac
  say "  ran: $cmd"
}

has() {
  [ -d "$(P "$1")" ] && return 0
  [ "$ROOT" = / ] && command -v "$2" >/dev/null 2>&1 && return 0
  return 1
}

TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

# Is $1 one CA this bundle carries, alone (what an earlier bundle installed)? Replacing it is then an upgrade (a CA
# renewal's two-CA ca.crt), not a conflict: done without --force, with a backup.
is_bundle_ca() {
  [ "$(grep -c -- '-----BEGIN' "$1" 2>/dev/null)" = 1 ] || return 1
  printf '%s\n' "$ALL_FINGERPRINTS" | grep -qx -- "$(cert_sha256 "$1" 1)"
}

# Does $1 hold one or two certificates (one CA, or a CA renewal's overlap), at least one of them a CA of this bundle?
holds_bundle_ca() {
  n=$(grep -c -- '-----BEGIN' "$1" 2>/dev/null) || return 1
  [ "$n" = 1 ] || [ "$n" = 2 ] || return 1
  i=0
  while [ "$i" -lt "$n" ]; do
    i=$((i + 1))
    if printf '%s\n' "$ALL_FINGERPRINTS" | grep -qx -- "$(cert_sha256 "$1" "$i")"; then return 0; fi
  done
  return 1
}

# Places file $1 at $2 (a path under the root). $3: a marker our own earlier version of the file starts with.
PLACED=0
place_file() {
  PLACED=0
  if [ -f "$2" ] && cmp -s "$1" "$2"; then
    [ "$PASS" = check ] || say "  already in place: $2"
    return 0
  fi
  if [ -f "$2" ] && [ "$FORCE" != 1 ] && ! is_bundle_ca "$2"; then
    if [ -z "${3:-}" ] || [ "$(head -n 1 "$2" | cut -c1-${#3})" != "$3" ]; then
      die "$2 exists with different content (another CA?) and was left unchanged; run again with --force to replace it (a backup $2.bak-registry-wizard is kept). Nothing was done."
    fi
  fi
  [ "$PASS" = check ] && return 0
  PLACED=1
  CHANGES=$((CHANGES + 1))
  if [ "$DRY_RUN" = 1 ]; then
    say "  would write: $2"
    return 0
  fi
  mkdir -p "$(dirname "$2")"
  if [ -f "$2" ] && { [ "$FORCE" = 1 ] || is_bundle_ca "$2"; }; then cp -p "$2" "$2.bak-registry-wizard"; fi
  cp "$1" "$2.tmp.$$"
  chmod 644 "$2.tmp.$$"
  mv -f "$2.tmp.$$" "$2"
  say "  wrote: $2"
}

# Removes $2 if it holds exactly file $1 (or starts with marker $3); then its folder if empty.
REMOVED=0
remove_file() {
  REMOVED=0
  [ -f "$2" ] || return 0
  if ! cmp -s "$1" "$2"; then
    if [ -z "${3:-}" ] || [ "$(head -n 1 "$2" | cut -c1-${#3})" != "$3" ]; then
      [ "$PASS" = check ] || say "  left in place (not ours): $2"
      return 0
    fi
  fi
  drop_file "$2"
}

# Removes file $1 (counted and printed; a dry run only says so; the check pass does nothing).
drop_file() {
  [ "$PASS" = check ] && return 0
  REMOVED=1
  CHANGES=$((CHANGES + 1))
  if [ "$DRY_RUN" = 1 ]; then
    say "  would remove: $1"
    return 0
  fi
  rm -f "$1"
  say "  removed: $1"
}

# Uninstall of a ca.crt at $1 (a path under the root). Removed when it is ours:
#   - this bundle's ca.crt itself, or one of this bundle's CAs alone (an earlier bundle of the same CA wrote it);
#   - the two-CA file a CA renewal's bundle put over ours: it holds one of our CAs and one other, and beside it is the
#     backup install made of our one-CA file ($1.bak-registry-wizard). That backup is removed too, whenever it holds
#     one of our CAs alone.
# Anything else (another CA, a two-CA file without our backup beside it) is left in place and said so.
remove_ca_file() {
  REMOVED=0
  bak="$1.bak-registry-wizard"
  ours_bak=0
  if [ -f "$bak" ] && is_bundle_ca "$bak"; then ours_bak=1; fi
  if [ -f "$1" ] && ! cmp -s "$CA_FILE" "$1" && ! is_bundle_ca "$1"; then
    if ! holds_bundle_ca "$1"; then
      [ "$PASS" = check ] || say "  left in place (not ours): $1"
      return 0
    fi
    if [ "$ours_bak" != 1 ]; then
      [ "$PASS" = check ] || say "  left in place: $1 holds this CA and another, and was not installed over this bundle's file (no $bak); uninstall it with the bundle that carries both CAs"
      return 0
    fi
  fi
  if [ -f "$1" ]; then drop_file "$1"; fi
  if [ "$ours_bak" = 1 ]; then drop_file "$bak"; fi
}

# Removes a registry's certs.d/HOST:PORT folder and then certs.d itself when they are empty.
prune_dirs() {
  if [ "$PASS" = run ] && [ "$DRY_RUN" != 1 ]; then
    rmdir "$1" 2>/dev/null || true
    rmdir "$(dirname "$1")" 2>/dev/null || true
  fi
}

hosts_toml() {
  printf '%s: trust the registry'"'"'s CA (ca.crt beside this file).\nserver = "https://%s"\n\n[host."https://%s"]\n  capabilities = ["pull", "resolve", "push"]\n  ca = "/etc/containerd/certs.d/%s/ca.crt"\n' \
    "$HOSTS_MARKER" "$1" "$1" "$1" >"$TMPD/hosts.toml"
}

do_registry() {
  reg=$1
  if [ "$PASS" = run ]; then say "Registry $reg"; fi
  if [ "$ACTION" = install ]; then
    place_file "$CA_FILE" "$(P "/etc/docker/certs.d/$reg/ca.crt")"
    if has /etc/containers podman || has /etc/containers crio; then
      place_file "$CA_FILE" "$(P "/etc/containers/certs.d/$reg/ca.crt")"
    fi
    if has /etc/containerd containerd; then
      place_file "$CA_FILE" "$(P "/etc/containerd/certs.d/$reg/ca.crt")"
      hosts_toml "$reg"
      place_file "$TMPD/hosts.toml" "$(P "/etc/containerd/certs.d/$reg/hosts.toml")" "$HOSTS_MARKER"
    fi
  else
    remove_ca_file "$(P "/etc/docker/certs.d/$reg/ca.crt")"
    prune_dirs "$(P "/etc/docker/certs.d/$reg")"
    remove_ca_file "$(P "/etc/containers/certs.d/$reg/ca.crt")"
    prune_dirs "$(P "/etc/containers/certs.d/$reg")"
    hosts_toml "$reg"
    remove_file "$TMPD/hosts.toml" "$(P "/etc/containerd/certs.d/$reg/hosts.toml")" "$HOSTS_MARKER"
    remove_ca_file "$(P "/etc/containerd/certs.d/$reg/ca.crt")"
    prune_dirs "$(P "/etc/containerd/certs.d/$reg")"
  fi
}

# --- The Docker Hub mirror (the same files as registry-wizard's trust install --mirror writes) ---
MIRROR_MARKER="# Written by Registry Wizard"
PY=""
find_python() {
  [ -z "$PY" ] || return 0
  for p in python3 python /usr/libexec/platform-python python2; do
    if command -v "$p" >/dev/null 2>&1; then
      PY=$p
      return 0
    fi
  done
  die "$1 exists: merging the mirror into it needs python (python3, python or python2), which was not found. Add \"registry-mirrors\": [\"https://$MIRROR\"] to it by hand, or install python and run again. Nothing was changed."
}

# daemon.json: merge (our mirror first, once) or unmerge, keeping every other key in its order; exit 10 = no change,
# 3 = not valid. Output: two-space JSON and a newline, as JSON.stringify(o, null, 2) writes it.
DAEMON_JSON_PY='
import io, json, sys
from collections import OrderedDict
op, path, url = sys.argv[1], sys.argv[2], sys.argv[3]
def fail(m):
    sys.stderr.write("registry-trust: error: " + path + m + "; it was left unchanged and nothing was written\n")
    sys.exit(3)
try:
    o = json.loads(io.open(path, "r", encoding="utf-8").read(), object_pairs_hook=OrderedDict)
except ValueError as e:
    fail(" is not valid JSON (" + str(e) + ")")
if not isinstance(o, dict):
    fail(": the top level is not a JSON object")
try:
    text_type = basestring
except NameError:
    text_type = str
k = "registry-mirrors"
m = o.get(k, [])
if not isinstance(m, list) or [x for x in m if not isinstance(x, text_type)]:
    fail(": \"registry-mirrors\" is not a list of URLs")
ours = [x for x in m if x == url or x == url + "/"]
if op == "merge":
    if ours:
        sys.exit(10)
    o[k] = [url] + m
else:
    if not ours:
        sys.exit(10)
    rest = [x for x in m if x != url and x != url + "/"]
    if rest:
        o[k] = rest
    else:
        del o[k]
out = json.dumps(o, indent=2, separators=(",", ": "), ensure_ascii=False) + "\n"
if not isinstance(out, type(u"")):
    out = out.decode("utf-8")
getattr(sys.stdout, "buffer", sys.stdout).write(out.encode("utf-8"))
'

# Runs the merge ($1 = merge|unmerge) of file $2 into $TMPD/daemon.json; returns 0 (written) or 10 (no change).
daemon_json_tool() {
  find_python "$2"
  rc=0
  "$PY" -c "$DAEMON_JSON_PY" "$1" "$2" "https://$MIRROR" >"$TMPD/daemon.json" || rc=$?
  [ "$rc" = 0 ] || [ "$rc" = 10 ] || exit 1
  return "$rc"
}

# Writes file $1 over $2 keeping $2's mode (cp -p of the old file first), atomically; a new file gets 644.
replace_file() {
  if [ -f "$2" ]; then cp -p "$2" "$2.tmp.$$"; else
    mkdir -p "$(dirname "$2")"
    : >"$2.tmp.$$"
    chmod 644 "$2.tmp.$$"
  fi
  cat "$1" >"$2.tmp.$$"
  mv -f "$2.tmp.$$" "$2"
}

# One change to a merged file: counted, printed, and (not in a dry run) done by the command in $2..
change() {
  what=$1
  shift
  [ "$PASS" = run ] || return 0
  CHANGES=$((CHANGES + 1))
  if [ "$DRY_RUN" = 1 ]; then
    say "  would $what"
    return 0
  fi
  "$@"
  say "  $what"
}

mirror_daemon_json() {
  f=$(P /etc/docker/daemon.json)
  b="$f.before-registry-wizard"
  printf '{\n  "registry-mirrors": [\n    "%s"\n  ]\n}\n' "https://$MIRROR" >"$TMPD/fresh.json"
  if [ "$ACTION" = install ]; then
    if [ ! -f "$f" ]; then
      change "wrote: $f" replace_file "$TMPD/fresh.json" "$f"
    elif daemon_json_tool merge "$f"; then
      if [ ! -f "$b" ]; then change "backed up: $f as $b" cp -p "$f" "$b"; fi
      change "wrote: $f" replace_file "$TMPD/daemon.json" "$f"
      DOCKER_RELOAD=1
    else
      [ "$PASS" = check ] || say "  already in place: $f"
      return 0
    fi
    DOCKER_RELOAD=1
    return 0
  fi
  [ -f "$f" ] || return 0
  if [ -f "$b" ]; then
    if daemon_json_tool merge "$b"; then cp "$TMPD/daemon.json" "$TMPD/expected.json"; else cp "$b" "$TMPD/expected.json"; fi
    if cmp -s "$f" "$TMPD/expected.json" || cmp -s "$f" "$b"; then
      change "restored: $f from $b" replace_file "$b" "$f"
      change "removed: $b" rm -f "$b"
      DOCKER_RELOAD=1
      return 0
    fi
  elif cmp -s "$f" "$TMPD/fresh.json"; then
    change "removed: $f" rm -f "$f"
    DOCKER_RELOAD=1
    return 0
  fi
  if daemon_json_tool unmerge "$f"; then
    change "wrote: $f" replace_file "$TMPD/daemon.json" "$f"
    if [ -f "$b" ] && cmp -s "$TMPD/daemon.json" "$b"; then change "removed: $b" rm -f "$b"; fi
    [ "$PASS" = check ] || say "  warning: $f was changed after install: only the mirror was taken out of it"
    DOCKER_RELOAD=1
  fi
}

# A config file that is ours alone when we write it (hosts.toml, registries.yaml): written when missing, left when the
# same, refused when something else is there (registry-wizard trust install --mirror merges into those).
place_config() {
  if [ -f "$2" ] && ! cmp -s "$1" "$2"; then
    die "$2 exists with other settings: add the mirror https://$MIRROR to it by hand, or run registry-wizard trust install --mirror $MIRROR on this machine (it merges, keeping every entry). Nothing was done."
  fi
  place_file "$1" "$2"
}

mirror_files() {
  printf '%s: pull Docker Hub images through the mirror %s first, then Docker Hub.\nserver = "https://registry-1.docker.io"\n\n[host."https://%s"]\n  capabilities = ["pull", "resolve"]\n  ca = "/etc/containerd/certs.d/%s/ca.crt"\n' \
    "$MIRROR_MARKER" "$MIRROR" "$MIRROR" "$MIRROR" >"$TMPD/mirror-hosts.toml"
  printf '%s: pull Docker Hub images through the mirror %s first, then Docker Hub.\n[[registry]]\nprefix = "docker.io"\nlocation = "docker.io"\n\n[[registry.mirror]]\nlocation = "%s"\n' \
    "$MIRROR_MARKER" "$MIRROR" "$MIRROR" >"$TMPD/mirror-podman.conf"
}

# k3s / RKE2 registries.yaml for distribution $1, into $TMPD/registries-$1.yaml.
registries_yaml() {
  printf '%s: pull Docker Hub images through the mirror %s first, then Docker Hub.\nmirrors:\n  docker.io:\n    endpoint:\n      - "https://%s"\nconfigs:\n  "%s":\n    tls:\n      ca_file: "%s"\n' \
    "$MIRROR_MARKER" "$MIRROR" "$MIRROR" "$MIRROR" "/etc/rancher/$1/registry-wizard-$MIRROR_SAFE-ca.crt" >"$TMPD/registries-$1.yaml"
}

rancher_distros() {
  found=""
  for d in k3s rke2; do if [ -d "$(P "/etc/rancher/$d")" ]; then found="$found $d"; fi; done
  if [ -z "$found" ]; then found=k3s; fi
  printf '%s' "$found"
}

has_rancher() { [ -d "$(P /etc/rancher/k3s)" ] || [ -d "$(P /etc/rancher/rke2)" ]; }

do_mirror_install() {
  place_file "$CA_FILE" "$(P "/etc/docker/certs.d/$MIRROR/ca.crt")"
  mirror_daemon_json
  if has /etc/containerd containerd; then
    place_file "$CA_FILE" "$(P "/etc/containerd/certs.d/$MIRROR/ca.crt")"
    place_config "$TMPD/mirror-hosts.toml" "$(P /etc/containerd/certs.d/docker.io/hosts.toml)"
  fi
  if has /etc/containers podman || has /etc/containers crio; then
    place_file "$CA_FILE" "$(P "/etc/containers/certs.d/$MIRROR/ca.crt")"
    place_file "$TMPD/mirror-podman.conf" "$(P /etc/containers/registries.conf.d/50-registry-wizard-mirror.conf)" "$MIRROR_MARKER"
  fi
  if has_rancher; then
    for d in $(rancher_distros); do
      place_file "$CA_FILE" "$(P "/etc/rancher/$d/registry-wizard-$MIRROR_SAFE-ca.crt")"
      registries_yaml "$d"
      place_config "$TMPD/registries-$d.yaml" "$(P "/etc/rancher/$d/registries.yaml")"
      if [ "$PLACED" = 1 ]; then RESTART_RANCHER="$RESTART_RANCHER $d"; fi
    done
  fi
}

do_mirror_uninstall() {
  mirror_daemon_json
  remove_ca_file "$(P "/etc/docker/certs.d/$MIRROR/ca.crt")"
  prune_dirs "$(P "/etc/docker/certs.d/$MIRROR")"
  remove_file "$TMPD/mirror-hosts.toml" "$(P /etc/containerd/certs.d/docker.io/hosts.toml)"
  prune_dirs "$(P /etc/containerd/certs.d/docker.io)"
  remove_ca_file "$(P "/etc/containerd/certs.d/$MIRROR/ca.crt")"
  prune_dirs "$(P "/etc/containerd/certs.d/$MIRROR")"
  remove_file "$TMPD/mirror-podman.conf" "$(P /etc/containers/registries.conf.d/50-registry-wizard-mirror.conf)"
  remove_ca_file "$(P "/etc/containers/certs.d/$MIRROR/ca.crt")"
  prune_dirs "$(P "/etc/containers/certs.d/$MIRROR")"
  for d in $(rancher_distros); do
    registries_yaml "$d"
    remove_file "$TMPD/registries-$d.yaml" "$(P "/etc/rancher/$d/registries.yaml")"
    if [ "$REMOVED" = 1 ]; then RESTART_RANCHER="$RESTART_RANCHER $d"; fi
    remove_ca_file "$(P "/etc/rancher/$d/registry-wizard-$MIRROR_SAFE-ca.crt")"
  done
}

DOCKER_RELOAD=0
RESTART_RANCHER=""
do_mirror() {
  MIRROR_SAFE=$(printf '%s' "$MIRROR" | sed 's/[^A-Za-z0-9.-]\{1,\}/_/g; s/^_*//; s/_*$//')
  mirror_files
  DOCKER_RELOAD=0
  RESTART_RANCHER=""
  if [ "$PASS" = run ]; then say "Docker Hub mirror $MIRROR"; fi
  if [ "$ACTION" = install ]; then do_mirror_install; else do_mirror_uninstall; fi
  [ "$PASS" = run ] || return 0
  if [ "$DOCKER_RELOAD" = 1 ] && [ "$ACTION" = install ]; then
    MIRROR_NOTES="${MIRROR_NOTES}note: dockerd reads registry-mirrors again on SIGHUP: systemctl reload docker (or kill -HUP \$(pidof dockerd)); no restart needed
"
  elif [ "$DOCKER_RELOAD" = 1 ]; then
    MIRROR_NOTES="${MIRROR_NOTES}note: restart dockerd (systemctl restart docker) so it stops using the mirror
"
  fi
  for d in $RESTART_RANCHER; do
    MIRROR_NOTES="${MIRROR_NOTES}note: $d reads registries.yaml only when it starts: systemctl restart $d (or $d-agent / $d-server)
"
  done
}

# The links update-ca-certificates made for our anchor file $1: /etc/ssl/certs/NAME.pem and HASH.N -> NAME.pem.
remove_links() {
  certs="$(P /etc/ssl/certs)"
  pem="${1%.crt}.pem"
  for link in "$certs/$pem" "$certs"/*.[0-9]; do
    [ -L "$link" ] || continue
    if [ "$link" = "$certs/$pem" ] || [ "$(readlink "$link")" = "$pem" ]; then
      if [ "$DRY_RUN" = 1 ]; then say "  would remove link: $link"; else
        rm -f "$link"
        say "  removed link: $link"
      fi
    fi
  done
}

# Uninstall of anchor file $1 (its name in ANCHORS): as any ca.crt, or ($2 = drop) a file already proven ours.
remove_anchor() {
  if [ "${2:-}" = drop ]; then
    REMOVED=0
    drop_file "$(P "$ANCHORS/$1")"
  else
    remove_ca_file "$(P "$ANCHORS/$1")"
  fi
  if [ "$REMOVED" = 1 ]; then OS_CHANGED=1; fi
  # Debian's update-ca-certificates leaves its links to a removed file (NAME.pem and its HASH.0) behind.
  if [ "$FAMILY" = debian ] && [ "$REMOVED" = 1 ]; then remove_links "$1"; fi
}

do_os_store() {
  if [ -z "$ANCHORS" ]; then
    if [ "$PASS" = run ]; then say "OS store: unknown system (see /etc/os-release); add ca.crt to its trust store by hand"; fi
    return 0
  fi
  if [ "$PASS" = run ]; then say "OS store ($FAMILY): $(P "$ANCHORS")"; fi
  if [ "$ACTION" = install ]; then
    place_file "$CA_FILE" "$(P "$ANCHORS/$OS_FILE")"
    if [ "$PLACED" = 1 ]; then OS_CHANGED=1; fi
  else
    remove_anchor "$OS_FILE"
    # The anchor files of the same CA under another name: the other bundle's of a CA renewal (named by its first CA).
    for a in "$(P "$ANCHORS")"/registry-wizard-*.crt; do
      if [ ! -f "$a" ] || [ "${a##*/}" = "$OS_FILE" ]; then continue; fi
      # Ours only when named as install names it (by its first certificate) and holding this bundle's CA.
      [ "${a##*/}" = "registry-wizard-$(cert_sha256 "$a" 1 | cut -c1-16).crt" ] || continue
      if holds_bundle_ca "$a"; then remove_anchor "${a##*/}" drop; fi
    done
  fi
  if [ "$OS_CHANGED" = 1 ]; then run_update; fi
}

# 3. A check pass (conflicts stop the run before anything changes), then the real one.
for PASS in check run; do
  for reg in $REGISTRIES; do do_registry "$reg"; done
  if [ -n "$REGISTRIES" ]; then do_os_store; fi
  if [ -n "$MIRROR" ]; then do_mirror; fi
done

if has /etc/containerd containerd && [ "$ACTION" = install ]; then
  if ! grep -qs '^[[:space:]]*config_path[[:space:]]*=.*/etc/containerd/certs.d' "$(P /etc/containerd/config.toml)"; then
    say "warning: containerd reads hosts.toml only when config_path = \"/etc/containerd/certs.d\" is set in /etc/containerd/config.toml (registry section); set it and restart containerd"
  fi
fi
if [ -n "$MIRROR_NOTES" ]; then printf '%s' "$MIRROR_NOTES"; fi
if [ "$OS_CHANGED" = 1 ]; then
  say "note: dockerd caches the system CA roots: restart it so it sees the change (systemctl restart docker)"
fi
if [ "$CHANGES" = 0 ]; then
  say "registry-trust: no changes ($ACTION: already done)"
elif [ "$DRY_RUN" = 1 ]; then
  say "registry-trust: dry run, $CHANGES change(s) would be made; nothing was changed"
else
  say "registry-trust: $ACTION done, $CHANGES change(s)"
fi
