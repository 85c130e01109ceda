#!/bin/sh
# Registry Wizard trust bundle for macOS: trusts the registry's CA in the System keychain (Docker Desktop and every
# macOS program read it) and places ~/.docker/certs.d/HOST:PORT/ca.crt for Docker Desktop. During a CA renewal's
# overlap ca.crt holds two CAs (the new one first): each goes into the keychain (security takes one per call).
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

# The fingerprint check comes first. ca.crt holds one CA, or two while a CA renewal overlaps: one fingerprint line each.
if grep -q 'PRIVATE KEY' "$CA_FILE"; then die "ca.crt holds a private key: refusing"; fi
CERT_COUNT=$(grep -c -- '-----BEGIN' "$CA_FILE" || true)
[ "$CERT_COUNT" = 1 ] || [ "$CERT_COUNT" = 2 ] || die "ca.crt must hold one certificate (two while a CA renewal overlaps)"
ALL_FINGERPRINTS=$(sed -n 's/^SHA256 Fingerprint=//p' "$BUNDLE_DIR/ca.crt.sha256" | tr -d ':\r ' | tr 'abcdef' 'ABCDEF')
[ "$(printf '%s\n' "$ALL_FINGERPRINTS" | grep -c .)" = "$CERT_COUNT" ] || die "ca.crt.sha256 must hold one SHA-256 fingerprint line (SHA256 Fingerprint=AB:CD:...) per certificate of ca.crt"

TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

# Certificate number $2 of PEM file $1, alone.
cert_pem() {
  awk -v n="$2" '/^-----BEGIN CERTIFICATE-----/ { c++ } c == n' "$1" | sed -n '/^-----BEGIN CERTIFICATE-----/,/^-----END CERTIFICATE-----/p'
}
# The $2 (sha256, sha1) fingerprint of the single certificate in file $1, upper-case hex without colons.
fingerprint() {
  openssl x509 -in "$1" -noout -fingerprint "-$2" 2>/dev/null | sed 's/^.*=//' | tr -d ':' | tr 'abcdef' 'ABCDEF'
}
# The SHA-256 of certificate $2 of file $1.
cert_sha256() {
  cert_pem "$1" "$2" >"$TMPD/one.pem"
  fingerprint "$TMPD/one.pem" sha256
}

# Each certificate checked against its line, and split into its own file for the keychain.
N=0
SHA1S=""
for WANT in $ALL_FINGERPRINTS; do
  N=$((N + 1))
  cert_pem "$CA_FILE" "$N" >"$TMPD/ca-$N.pem"
  ACTUAL=$(fingerprint "$TMPD/ca-$N.pem" sha256)
  if [ ${#WANT} -ne 64 ] || [ "$ACTUAL" != "$WANT" ]; then die "ca.crt does not match its fingerprint ($WANT): the file was changed or damaged. Nothing was done."; fi
  SHA1S="$SHA1S $(fingerprint "$TMPD/ca-$N.pem" sha1)"
  say "ca.crt fingerprint OK (SHA-256 $WANT)"
done

if [ "$DRY_RUN" != 1 ] && [ "$(id -u)" != 0 ]; then die "run with sudo (the System keychain needs an administrator)"; fi

# Docker Desktop runs as the user who called sudo.
USER_HOME=$HOME
if [ -n "${SUDO_USER:-}" ] && command -v dscl >/dev/null 2>&1; then
  USER_HOME=$(dscl . -read "/Users/$SUDO_USER" NFSHomeDirectory | sed 's/^NFSHomeDirectory: //')
fi

# Is the certificate with SHA-1 $1 in the System keychain?
in_keychain() {
  command -v security >/dev/null 2>&1 && security find-certificate -a -Z "$KEYCHAIN" 2>/dev/null | grep -q "SHA-1 hash: $1"
}

run() {
  if [ "$DRY_RUN" = 1 ]; then
    say "  would run: $*"
  else
    "$@"
    say "  ran: $*"
  fi
}

is_ours() { printf '%s\n' "$ALL_FINGERPRINTS" | grep -qx -- "$1"; }
# Is $1 one CA of this bundle alone (an earlier bundle of the same CA wrote it)? Replacing it is an upgrade.
is_bundle_ca() { [ "$(grep -c -- '-----BEGIN' "$1" 2>/dev/null)" = 1 ] && is_ours "$(cert_sha256 "$1" 1)"; }
# The SHA-1 of the certificates of the two-CA file $1 that are not this bundle's (its renewal partner).
PARTNERS=""
# Does the two-CA file $1 hold one of our CAs? Sets OTHER to the SHA-1 of its other certificate.
overlap_of_ours() {
  [ "$(grep -c -- '-----BEGIN' "$1" 2>/dev/null)" = 2 ] || return 1
  found=1
  OTHER=""
  for i in 1 2; do
    if is_ours "$(cert_sha256 "$1" "$i")"; then found=0; else OTHER=$(fingerprint "$TMPD/one.pem" sha1); fi
  done
  return "$found"
}

install_file() {
  if [ -f "$1" ] && cmp -s "$CA_FILE" "$1"; then
    say "  already in place: $1"
    return 0
  fi
  if [ -f "$1" ]; then
    is_bundle_ca "$1" || die "$1 exists with different content; left unchanged"
    run cp -p "$1" "$1.bak-registry-wizard"
  fi
  run mkdir -p "$(dirname "$1")"
  run cp "$CA_FILE" "$1"
  if [ -n "${SUDO_USER:-}" ]; then run chown -R "$SUDO_USER" "$USER_HOME/.docker/certs.d"; fi
}

# Removed when ours: this ca.crt, one of our CAs alone, or the two-CA file a CA renewal's bundle put over our file
# (our one-CA backup .bak-registry-wizard beside it; its other CA then leaves the keychain too). Else left in place.
uninstall_file() {
  bak="$1.bak-registry-wizard"
  ours_bak=0
  if [ -f "$bak" ] && is_bundle_ca "$bak"; then ours_bak=1; fi
  if [ -f "$1" ] && ! cmp -s "$CA_FILE" "$1" && ! is_bundle_ca "$1"; then
    if [ "$ours_bak" != 1 ] || ! overlap_of_ours "$1"; then
      say "  left in place (not installed by this bundle): $1"
      return 0
    fi
    case "$PARTNERS" in *"$OTHER"*) ;; *) PARTNERS="$PARTNERS $OTHER" ;; esac
  fi
  [ -f "$1" ] || [ "$ours_bak" = 1 ] || return 0
  if [ -f "$1" ]; then run rm -f "$1"; fi
  if [ "$ours_bak" = 1 ]; then run rm -f "$bak"; fi
  dir=$(dirname "$1")
  if [ "$DRY_RUN" = 1 ] || [ -z "$(ls -A "$dir")" ]; then run rmdir "$dir"; fi
}

for reg in $REGISTRIES; do
  dest="$USER_HOME/.docker/certs.d/$reg/ca.crt"
  if [ "$ACTION" = install ]; then install_file "$dest"; else uninstall_file "$dest"; fi
done

# The keychain: one call per certificate (add-trusted-cert takes the first certificate of a file only).
N=0
for sha1 in $SHA1S; do
  N=$((N + 1))
  file="$TMPD/ca-$N.pem"
  if [ "$CERT_COUNT" = 1 ]; then file=$CA_FILE; fi
  if [ "$ACTION" = install ]; then
    if in_keychain "$sha1"; then
      say "  already trusted in $KEYCHAIN: SHA-1 $sha1"
    else
      run security add-trusted-cert -d -r trustRoot -k "$KEYCHAIN" "$file"
      NOTE="note: quit and restart Docker Desktop so it reads the new trust settings"
    fi
  elif in_keychain "$sha1" || [ "$DRY_RUN" = 1 ]; then
    run security delete-certificate -Z "$sha1" "$KEYCHAIN"
    NOTE="note: quit and restart Docker Desktop"
  fi
done
for sha1 in $PARTNERS; do
  if in_keychain "$sha1" || [ "$DRY_RUN" = 1 ]; then
    run security delete-certificate -Z "$sha1" "$KEYCHAIN"
    NOTE="note: quit and restart Docker Desktop"
  fi
done
if [ -n "${NOTE:-}" ]; then say "$NOTE"; fi
say "registry-trust: $ACTION finished"
