#!/usr/bin/env bash
# Report page render time for a scan with 10 respondents and one with 2,000, in one run on PostgreSQL.
#
#   scripts/report-bench.sh [--requests N] [--warmup N]     (defaults: 200 requests per scan, 20 warm-up)
#
# Builds tests/Quickscan.ReportBench in Release and runs it. It creates a database of its own on the
# PostgreSQL server in QUICKSCAN_TEST_POSTGRES (when that is not set, a throwaway cluster is started here
# as scripts/test.sh does, and removed afterwards), seeds the scans in bulk, measures, prints medians and
# the ratio, and drops the database. Target: the 2,000-respondent median at most 3× the 10-respondent one.
# Loopback only (the app runs in-process); bounded by the number of requests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

pg_tmp=""
stop_pg() {
  [[ -n $pg_tmp ]] || return 0
  if [[ -f $pg_tmp/data/postmaster.pid ]]; then
    as_pg "$(pg_bindir)/pg_ctl" -D "$pg_tmp/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_tmp"
}

if [[ -z ${QUICKSCAN_TEST_POSTGRES:-} ]]; then
  pg_bindir >/dev/null || ensure_apt_packages postgresql
  bin=$(pg_bindir)
  pg_tmp=$(mktemp -d /tmp/quickscan-bench-pg.XXXXXX)
  trap stop_pg EXIT
  pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  echo "$pw" >"$pg_tmp/pwfile"
  chown_pg "$pg_tmp"
  as_pg "$bin/initdb" -D "$pg_tmp/data" -U postgres --pwfile="$pg_tmp/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pg_tmp/initdb.log" 2>&1 ||
    { cat "$pg_tmp/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pg_tmp/pwfile"
  port=55532
  while port_in_use "$port"; do port=$((port + 1)); done
  say "Starting a throwaway PostgreSQL on port $port"
  cat >>"$pg_tmp/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pg_tmp'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  as_pg "$bin/pg_ctl" -D "$pg_tmp/data" -l "$pg_tmp/server.log" -w -t 60 start >/dev/null ||
    { cat "$pg_tmp/server.log" >&2; die "PostgreSQL did not start"; }
  wait_pg_ready 127.0.0.1 "$port"
  export QUICKSCAN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$pw;Database=postgres"
else
  say "Using PostgreSQL from QUICKSCAN_TEST_POSTGRES"
fi

say "Building the report benchmark (Release)"
dotnet build tests/Quickscan.ReportBench -c Release -v q -nologo >/dev/null
say "Running"
dotnet tests/Quickscan.ReportBench/bin/Release/net10.0/Quickscan.ReportBench.dll "$@"
