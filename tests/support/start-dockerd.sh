#!/usr/bin/env bash
# Starts the machine's dockerd in the background unless one already answers; waits until it does.
set -euo pipefail
if docker info >/dev/null 2>&1; then echo "dockerd already running"; exit 0; fi
mkdir -p /var/log
nohup dockerd >/var/log/registry-wizard-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then echo "dockerd is up"; exit 0; fi
  sleep 1
done
echo "dockerd did not come up; its log:" >&2
tail -50 /var/log/registry-wizard-dockerd.log >&2
exit 1
