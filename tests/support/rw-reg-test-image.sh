#!/usr/bin/env bash
# A tiny image made locally with `docker import` (busybox only) for push/pull tests.
#   usage: tests/support/rw-reg-test-image.sh TAG [EXTRA_MB]
# EXTRA_MB adds a file of random data of that size (a slow-enough pull to cancel). Idempotent.
set -euo pipefail
TAG="${1:?usage: rw-reg-test-image.sh TAG [EXTRA_MB]}"
EXTRA_MB="${2:-0}"
if docker image inspect "$TAG" >/dev/null 2>&1; then echo "$TAG already present"; exit 0; fi
BUSYBOX="$(command -v busybox)"
ROOT="$(mktemp -d "${TMPDIR:-/tmp}/rw-reg-test-image.XXXXXX")"
trap 'rm -rf "$ROOT"' EXIT
mkdir -p "$ROOT/bin"
cp "$BUSYBOX" "$ROOT/bin/busybox"
ln -s busybox "$ROOT/bin/sh"
for lib in $(ldd "$BUSYBOX" 2>/dev/null | grep -oE '/[^ ]+' | sort -u); do
  mkdir -p "$ROOT$(dirname "$lib")"
  cp -L "$lib" "$ROOT$lib"
done
echo "$TAG" >"$ROOT/tag.txt"
if [[ "$EXTRA_MB" != 0 ]]; then head -c "$((EXTRA_MB * 1024 * 1024))" /dev/urandom >"$ROOT/payload.bin"; fi
tar -C "$ROOT" -c . | docker import --change 'CMD ["/bin/sh"]' - "$TAG" >/dev/null
echo "built $TAG"
