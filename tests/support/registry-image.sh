#!/usr/bin/env bash
# Builds a local `registry:2` image (no Docker Hub on test machines) with `docker import` from Debian's
# docker-registry package: the binary as /bin/registry, its libc + dynamic loader (found with ldd), /etc/passwd with
# root, the official image's /etc/docker/registry/config.yml, ENTRYPOINT/CMD as in the official image. With it the
# runbook's `docker run ... registry:2` works verbatim. Idempotent: exits at once when the image is already there.
#   usage: tests/support/registry-image.sh [TAG]      (default registry:2; REBUILD=1 forces a rebuild)
# A TAG with :3 is laid out like the official registry:3: the config only at /etc/distribution/config.yml.
set -euo pipefail
TAG="${1:-registry:2}"
if [[ "${REBUILD:-0}" != 1 ]] && docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "$TAG already present"
  exit 0
fi
BIN=/usr/bin/docker-registry
if [[ ! -x "$BIN" ]]; then
  echo "missing $BIN: install Debian's docker-registry package (apt-get install docker-registry)" >&2
  exit 1
fi
ROOT="$(mktemp -d "${TMPDIR:-/tmp}/rw-reg-image.XXXXXX")"
trap 'rm -rf "$ROOT"' EXIT
mkdir -p "$ROOT/bin" "$ROOT/etc/docker/registry" "$ROOT/etc/distribution" "$ROOT/var/lib/registry" "$ROOT/tmp" "$ROOT/certs"
chmod 1777 "$ROOT/tmp"
cp "$BIN" "$ROOT/bin/registry"
# Every shared object the binary needs (libc, the loader), at the same absolute paths.
for lib in $(ldd "$BIN" | grep -oE '/[^ ]+' | sort -u); do
  mkdir -p "$ROOT$(dirname "$lib")"
  cp -L "$lib" "$ROOT$lib"
done
printf 'root:x:0:0:root:/root:/bin/registry\nnobody:x:65534:65534:nobody:/nonexistent:/bin/registry\n' >"$ROOT/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$ROOT/etc/group"
# The config shipped in the official registry:2 image (Debian's own points at /var/lib/docker-registry and htpasswd).
cat >"$ROOT/etc/docker/registry/config.yml" <<'YAML'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
YAML
CONFIG=/etc/docker/registry/config.yml
if [[ "$TAG" == *:3* ]]; then
  # registry:3 keeps its config only at /etc/distribution/config.yml (no /etc/docker/registry).
  mv "$ROOT/etc/docker/registry/config.yml" "$ROOT/etc/distribution/config.yml"
  rm -rf "$ROOT/etc/docker"
  CONFIG=/etc/distribution/config.yml
fi
tar -C "$ROOT" -c . | docker import \
  --change 'ENTRYPOINT ["/bin/registry","serve"]' \
  --change "CMD [\"$CONFIG\"]" \
  --change 'EXPOSE 5000/tcp' \
  --change 'VOLUME ["/var/lib/registry"]' \
  --change 'ENV PATH=/bin' \
  - "$TAG" >/dev/null
echo "built $TAG"
