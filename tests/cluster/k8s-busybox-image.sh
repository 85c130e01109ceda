#!/usr/bin/env bash
# A busybox image made locally (no pull) the way the busybox image on Docker Hub is laid out: /bin/busybox and one
# symlink per applet in /bin, so the DaemonSet's script finds cat, cmp, head, ... as on a real node.
#   usage: tests/cluster/k8s-busybox-image.sh TAG      (idempotent)
set -euo pipefail
TAG="${1:?usage: k8s-busybox-image.sh TAG}"
if docker image inspect "$TAG" >/dev/null 2>&1; then echo "$TAG already present"; exit 0; fi
BUSYBOX="$(command -v busybox)"
ROOT="$(mktemp -d "${TMPDIR:-/tmp}/rw-k8s-busybox.XXXXXX")"
trap 'rm -rf "$ROOT"' EXIT
mkdir -p "$ROOT/bin" "$ROOT/tmp"
cp "$BUSYBOX" "$ROOT/bin/busybox"
for applet in $("$BUSYBOX" --list); do
  [[ "$applet" == busybox ]] || ln -s busybox "$ROOT/bin/$applet"
done
for lib in $(ldd "$BUSYBOX" 2>/dev/null | grep -oE '/[^ ]+' | sort -u); do
  mkdir -p "$ROOT$(dirname "$lib")"
  cp -L "$lib" "$ROOT$lib"
done
tar -C "$ROOT" -c . | docker import --change 'CMD ["/bin/sh"]' - "$TAG" >/dev/null
echo "built $TAG"
