#!/bin/sh
# Registry Wizard trust bundle for macOS: trusts the registry's CA in the System keychain (Docker Desktop and every
# macOS program read it) and places ~/.docker/certs.d/HOST:PORT/ca.crt for Docker Desktop.
#
#   sudo sh install-macos.sh                 install for the registries in registries.txt
#   sudo sh install-macos.sh --uninstall     remove it again
#   sh install-macos.sh --dry-run            print what would be done; change nothing
#   --registry HOST:PORT (repeatable) replaces registries.txt. Its files are checked against SHA256SUMS first.
set -eu

BUNDLE_DIR=$(cd "$(dirname "$0")" && pwd)
CA_FILE="$BUNDLE_DIR/ca.crt"
SUMS_FILE="$BUNDLE_DIR/SHA256SUMS"
# Every file this script reads; SHA256SUMS must list each of them.
USED_FILES="install-macos.sh ca.crt ca.crt.sha256 registries.txt"
KEYCHAIN=/Library/Keychains/System.keychain
ACTION=install
DRY_RUN=0
REGISTRIES=""

say() { printf '%s\n' "$*"; }
die() {
  printf 'registry-trust: error: %s\n' "$*" >&2
  exit 1
}
# A registry name becomes a folder name (certs.d/HOST:PORT): never . or .. or a /.
check_registry() {
  case "$1" in
    '' | . | .. | -* | *[!A-Za-z0-9.:\[\]-]*) die "--registry: \"$1\" is not valid; HOST:PORT is allowed (e.g. 192.168.20.10:5000)" ;;
  esac
}

while [ $# -gt 0 ]; do
  case "$1" in
    --uninstall) ACTION=uninstall ;;
    --dry-run) DRY_RUN=1 ;;
    --registry)
      [ $# -ge 2 ] || die "--registry needs HOST:PORT"
      check_registry "$2"
      REGISTRIES="$REGISTRIES $2"
      shift
      ;;
    -h | --help)
      sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
  shift
done

sha256_hex() {
  if command -v shasum >/dev/null 2>&1; then
    shasum -a 256 | cut -d' ' -f1
  elif command -v sha256sum >/dev/null 2>&1; then
    sha256sum | cut -d' ' -f1
  else
    openssl dgst -sha256 | sed 's/^.*= *//'
  fi
}

# The bundle's own checksums come before anything else: every file this script uses must be listed and match.
[ -f "$SUMS_FILE" ] || die "SHA256SUMS is missing beside install-macos.sh: the bundle is incomplete. Nothing was done."
for name in $USED_FILES; do
  want=$(awk -v f="$name" '$2 == f || $2 == "*" f { print $1; exit }' "$SUMS_FILE" | tr 'ABCDEF' 'abcdef')
  [ ${#want} -eq 64 ] || die "SHA256SUMS does not list $name: the bundle was changed or damaged. Nothing was done."
  [ -f "$BUNDLE_DIR/$name" ] || die "$name is missing beside install-macos.sh (SHA256SUMS lists it): copy the whole bundle folder. Nothing was done."
  got=$(sha256_hex <"$BUNDLE_DIR/$name")
  [ "$got" = "$want" ] || die "$name does not match SHA256SUMS (expected $want, got $got): the file was changed or damaged. Nothing was done."
done

if [ -z "$REGISTRIES" ]; then
  for r in $(grep -v '^[[:space:]]*#' "$BUNDLE_DIR/registries.txt" | tr -d '\r'); do
    check_registry "$r"
    REGISTRIES="$REGISTRIES $r"
  done
fi

# The fingerprint check comes first.
if grep -q 'PRIVATE KEY' "$CA_FILE"; then die "ca.crt holds a private key: refusing"; fi
[ "$(grep -c -- '-----BEGIN' "$CA_FILE")" = 1 ] || die "ca.crt must hold exactly one certificate"
EXPECTED=$(sed -n 's/^SHA256 Fingerprint=//p' "$BUNDLE_DIR/ca.crt.sha256" | head -n 1 | tr -d ':\r ' | tr 'abcdef' 'ABCDEF')
ACTUAL=$(openssl x509 -in "$CA_FILE" -noout -fingerprint -sha256 | sed 's/^.*=//' | tr -d ':' | tr 'abcdef' 'ABCDEF')
if [ -z "$EXPECTED" ] || [ "$ACTUAL" != "$EXPECTED" ]; then die "ca.crt does not match its fingerprint ($EXPECTED): the file was changed or damaged. Nothing was done."; fi
SHA1=$(openssl x509 -in "$CA_FILE" -noout -fingerprint -sha1 | sed 's/^.*=//' | tr -d ':' | tr 'abcdef' 'ABCDEF')
say "ca.crt fingerprint OK (SHA-256 $EXPECTED)"

if [ "$DRY_RUN" != 1 ] && [ "$(id -u)" != 0 ]; then die "run with sudo (the System keychain needs an administrator)"; fi

# Docker Desktop runs as the user who called sudo.
USER_HOME=$HOME
if [ -n "${SUDO_USER:-}" ] && command -v dscl >/dev/null 2>&1; then
  USER_HOME=$(dscl . -read "/Users/$SUDO_USER" NFSHomeDirectory | sed 's/^NFSHomeDirectory: //')
fi

in_keychain() {
  command -v security >/dev/null 2>&1 && security find-certificate -a -Z "$KEYCHAIN" 2>/dev/null | grep -q "SHA-1 hash: $SHA1"
}

run() {
  if [ "$DRY_RUN" = 1 ]; then
    say "  would run: $*"
  else
    "$@"
    say "  ran: $*"
  fi
}

for reg in $REGISTRIES; do
  dest="$USER_HOME/.docker/certs.d/$reg/ca.crt"
  if [ "$ACTION" = install ]; then
    if [ -f "$dest" ] && cmp -s "$CA_FILE" "$dest"; then
      say "  already in place: $dest"
    else
      [ ! -f "$dest" ] || die "$dest exists with different content; left unchanged"
      run mkdir -p "$(dirname "$dest")"
      run cp "$CA_FILE" "$dest"
      if [ -n "${SUDO_USER:-}" ]; then run chown -R "$SUDO_USER" "$USER_HOME/.docker/certs.d"; fi
    fi
  elif [ -f "$dest" ] && cmp -s "$CA_FILE" "$dest"; then
    run rm -f "$dest"
    run rmdir "$(dirname "$dest")"
  fi
done

if [ "$ACTION" = install ]; then
  if in_keychain; then
    say "  already trusted in $KEYCHAIN"
  else
    run security add-trusted-cert -d -r trustRoot -k "$KEYCHAIN" "$CA_FILE"
    say "note: quit and restart Docker Desktop so it reads the new trust settings"
  fi
elif in_keychain || [ "$DRY_RUN" = 1 ]; then
  run security delete-certificate -Z "$SHA1" "$KEYCHAIN"
  say "note: quit and restart Docker Desktop"
fi
say "registry-trust: $ACTION finished"
