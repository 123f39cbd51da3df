#!/usr/bin/env bash
# Make sure the PostgreSQL of TEST_DATABASE_URL answers; start the local cluster if it is down.
set -euo pipefail
url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
hostport="${url#*@}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$host" ] && port=5432
ready() { command -v pg_isready >/dev/null && pg_isready -q -h "$host" -p "$port"; }
if ready; then exit 0; fi
if [ "$host" = "127.0.0.1" ] || [ "$host" = "localhost" ]; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "PostgreSQL is down on $host:$port; starting the local cluster…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 20); do ready && exit 0; sleep 1; done
  fi
fi
echo "PostgreSQL at $host:$port is unreachable, so the PostgreSQL test pass cannot run." >&2
echo "Start it, point TEST_DATABASE_URL at a server, or opt out with MITRA_SKIP_POSTGRES=1." >&2
exit 1
