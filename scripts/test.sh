#!/usr/bin/env bash
# Runs every test of the solution: the one command for developers and CI (.ci/run calls it).
#
#   scripts/test.sh            install what is missing (postgresql, chromium), start a throwaway
#                              PostgreSQL, build, check both EF Core migration sets for drift, run all tests
#   scripts/test.sh --pg-only  only start the throwaway PostgreSQL, check it with psql (select 1), stop it
#
# If QUICKSCAN_TEST_POSTGRES is already set (e.g. a CI service container), that server is used as given
# and no PostgreSQL is installed or started. Otherwise the script exports it for the tests:
#   Host=127.0.0.1;Port=<55432 or the next free port>;Username=postgres;Password=<random>;Database=postgres
# The cluster lives in a temp dir and is removed on exit, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

pg_only=false
case "${1:-}" in
  --pg-only) pg_only=true ;;
  "") ;;
  *) echo "usage: $0 [--pg-only]" >&2; exit 2 ;;
esac

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

missing=()
if [[ -z ${QUICKSCAN_TEST_POSTGRES:-} ]] && ! pg_bindir >/dev/null; then missing+=(postgresql); fi
if ! $pg_only && [[ ! -x /usr/bin/chromium ]]; then missing+=(chromium); fi
ensure_apt_packages "${missing[@]}"

pg_tmp=""
stop_test_postgres() {
  stop_throwaway_postgres "$pg_tmp"
  [[ -z $pg_tmp ]] || rm -rf "$pg_tmp"
}

start_test_postgres() {
  pg_tmp=$(mktemp -d /tmp/quickscan-pg.XXXXXX)
  trap stop_test_postgres EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  start_throwaway_postgres "$pg_tmp" 55432
  export QUICKSCAN_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=postgres"
}

if [[ -n ${QUICKSCAN_TEST_POSTGRES:-} ]]; then
  say "Using PostgreSQL from QUICKSCAN_TEST_POSTGRES"
else
  start_test_postgres
fi

if $pg_only; then
  say "Checking the connection string with psql"
  psql "$(npgsql_to_libpq "$QUICKSCAN_TEST_POSTGRES")" -XAtq -c 'select 1'
  say "PostgreSQL OK"
  exit 0
fi

say "Restoring dotnet tools"
dotnet tool restore
say "Building (Release)"
dotnet build Quickscan.sln -c Release
say "Checking EF Core migrations for pending model changes"
dotnet ef migrations has-pending-model-changes --project src/Quickscan.Web --context PostgresQuickscanDbContext --no-build --configuration Release
dotnet ef migrations has-pending-model-changes --project src/Quickscan.Web --context SqliteQuickscanDbContext --no-build --configuration Release
say "Running tests"
log=$(mktemp /tmp/quickscan-test.XXXXXX)
set +e
dotnet test Quickscan.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One summary line over all test assemblies.
# dotnet test prints "Passed: N" / "Failed: N" per assembly (a count that is zero may be left out).
count() { awk -v word="$1" '$1 == word":" && $2 ~ /^[0-9]+$/ {s += $2} END {print s + 0}' "$log"; }
passed=$(count Passed)
failed=$(count Failed)
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$status"
