#!/usr/bin/env bash
# Report page render time for a scan with 10 respondents and one with 2,000, in one run on PostgreSQL.
#
#   scripts/report-bench.sh [--requests N] [--warmup N]     (defaults: 200 requests per scan, 20 warm-up)
#
# Builds tests/Quickscan.ReportBench in Release and runs it. It creates a database of its own on the
# PostgreSQL server in QUICKSCAN_TEST_POSTGRES (when that is not set, a throwaway cluster is started here
# as scripts/test.sh does, and removed afterwards), seeds the scans in bulk, measures, prints medians and
# the ratio, and drops the database. Targets: the 2,000-respondent median at most 2× the 10-respondent one with
# the report cache off (issue 9), at most 3× as configured.
# Loopback only (the app runs in-process); bounded by the number of requests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

pg_tmp=""
stop_pg() {
  stop_throwaway_postgres "$pg_tmp"
  [[ -z $pg_tmp ]] || rm -rf "$pg_tmp"
}

if [[ -z ${QUICKSCAN_TEST_POSTGRES:-} ]]; then
  pg_bindir >/dev/null || ensure_apt_packages postgresql
  pg_tmp=$(mktemp -d /tmp/quickscan-bench-pg.XXXXXX)
  trap stop_pg EXIT
  start_throwaway_postgres "$pg_tmp" 55532
  export QUICKSCAN_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=postgres"
else
  say "Using PostgreSQL from QUICKSCAN_TEST_POSTGRES"
fi

say "Building the report benchmark (Release)"
dotnet build tests/Quickscan.ReportBench -c Release -v q -nologo >/dev/null
say "Running"
dotnet tests/Quickscan.ReportBench/bin/Release/net10.0/Quickscan.ReportBench.dll "$@"
