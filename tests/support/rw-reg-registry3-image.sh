#!/usr/bin/env bash
# A local `registry:3`-like image (no Docker Hub here): the same Debian docker-registry binary and libs as the local
# registry:2, laid out like the official registry:3 (config only at /etc/distribution/config.yml, CMD pointing
# there). Debian's binary takes the config path as its argument, so it serves from the new path (checked by tests).
#   usage: tests/support/rw-reg-registry3-image.sh [TAG]     (default rw-reg-registry:3; REBUILD=1 forces a rebuild)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$HERE/registry-image.sh" "${1:-rw-reg-registry:3}"
