#!/usr/bin/env bash
# Builds a minimal Debian bookworm image for the trust end-to-end tests, once:
#   debootstrap --variant=minbase (with ca-certificates, curl, and python3 so Ansible can drive it)
#   -> tests/.cache/debian-bookworm-minbase.tar (git-ignored cache) -> `docker import` as rw-trust-debian:bookworm.
# Prints the image name on its last line. Re-runs are instant when the image or the cached tarball exists.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cache="$here/.cache"
image="${RW_TRUST_DEBIAN_IMAGE:-rw-trust-debian:bookworm}"
tarball="$cache/debian-bookworm-minbase.tar"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if docker image inspect "$image" >/dev/null 2>&1; then echo "$image"; exit 0; fi
mkdir -p "$cache"
if [ ! -s "$tarball" ]; then
  rootfs="$(mktemp -d "$cache/rootfs.XXXXXX")"
  trap 'rm -rf "$rootfs"' EXIT
  start=$(date +%s)
  echo "debootstrap bookworm from $mirror (one time, cached in $tarball)..." >&2
  debootstrap --variant=minbase --include=ca-certificates,curl,python3 bookworm "$rootfs" "$mirror" >&2
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -cf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
  echo "debootstrap took $(( $(date +%s) - start ))s" >&2
fi
docker import --change 'CMD ["/bin/bash"]' "$tarball" "$image" >&2
echo "$image"
