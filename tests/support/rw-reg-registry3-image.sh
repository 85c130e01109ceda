#!/usr/bin/env bash
# A local `registry:3`-like image (no Docker Hub here): the same Debian docker-registry binary and libs as the local
# registry:2 (tests/support/registry-image.sh), but laid out like the official registry:3: the config only at
# /etc/distribution/config.yml (the registry:2 path /etc/docker/registry/ is removed), CMD pointing there.
# Debian's binary takes the config path as its argument, so it serves from the new path (checked by the tests).
#   usage: tests/support/rw-reg-registry3-image.sh [TAG]     (default rw-reg-registry:3; REBUILD=1 forces a rebuild)
set -euo pipefail
TAG="${1:-rw-reg-registry:3}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${REBUILD:-0}" != 1 ]] && docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "$TAG already present"
  exit 0
fi
bash "$HERE/registry-image.sh" registry:2 >/dev/null
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rw-reg-registry3.XXXXXX")"
cid=""
cleanup() { [[ -n "$cid" ]] && docker rm -f "$cid" >/dev/null 2>&1; rm -rf "$WORK"; }
trap cleanup EXIT
cid="$(docker create --name "rw-reg-registry3-build-$$" registry:2)"
mkdir -p "$WORK/root"
# Unpacked and packed again (GNU tar --delete/-r on docker's export stream corrupts the binaries).
docker export "$cid" | tar -C "$WORK/root" -x
rm -rf "$WORK/root/etc/docker" "$WORK/root/.dockerenv"
mkdir -p "$WORK/root/etc/distribution"
cat >"$WORK/root/etc/distribution/config.yml" <<'YAML'
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
tar -C "$WORK/root" -cf "$WORK/rootfs.tar" .
docker import \
  --change 'ENTRYPOINT ["/bin/registry","serve"]' \
  --change 'CMD ["/etc/distribution/config.yml"]' \
  --change 'EXPOSE 5000/tcp' \
  --change 'VOLUME ["/var/lib/registry"]' \
  --change 'ENV PATH=/bin' \
  "$WORK/rootfs.tar" "$TAG" >/dev/null
echo "built $TAG"
