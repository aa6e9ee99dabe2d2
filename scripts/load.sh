#!/usr/bin/env bash
# The load test, in one command, on this machine only (loopback), bounded in time (about 2 minutes):
#
#   scripts/load.sh
#
# Builds the app and the load tool (Release), starts a throwaway PostgreSQL and the app on 127.0.0.1
# (Production, logging at Warning, migrations at start-up), creates an organisation with an open scan
# (psql), then runs tests/Quickscan.LoadTests:
#   1. RESPONDENTS respondents at once, each completing a full scan (intro, start, profile, every step of
#      questionnaire v1, review, submit, result; no think time); afterwards every answer the app acknowledged
#      must be in PostgreSQL with its value, every respondent submitted with a score row, and the p99 of all
#      their requests under JOURNEY_P99_TARGET. First, because it is the burst of a
#      scan going out, and because a fresh .NET app needs load for a while before it runs at full speed;
#   2. throughput: WORKERS concurrent workers, each with its own started respondent, load /health/live, a
#      condition page and the background save of a few answers: WARMUP s of warm-up (the three in turn),
#      then DURATION s each, measured in ROUNDS interleaved slices (live, page, save, live, ...) so that
#      other load on the machine falls on all three alike.
# Prints a summary table (also kept, with the app's log, in artifacts/load/) and exits non-zero when a
# target below is missed. Everything it started is stopped and removed on exit, whatever the outcome.
#
# The targets: ratios to the app's own /health/live, measured in the same run, because absolute numbers on
# a shared 2-core machine vary from run to run. Override through the environment if needed.
PAGE_RATIO_TARGET=${PAGE_RATIO_TARGET:-0.05}   # question step req/s ÷ /health/live req/s
SAVE_RATIO_TARGET=${SAVE_RATIO_TARGET:-0.04}   # answer save req/s ÷ /health/live req/s
JOURNEY_P99_TARGET=${JOURNEY_P99_TARGET:-1000} # the RESPONDENTS at once: p99 of all their requests, ms (an absolute figure, so noisy here)
WORKERS=${WORKERS:-32}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-10}
RESPONDENTS=${RESPONDENTS:-200}
# WORKSHOP=N runs the workshop instead (scripts/workshop.sh): N phones arriving over ARRIVALS s, each reading and
# answering a step a minute with a background save of one answer every 10 s, for WORKSHOP_DURATION s, against a
# PostgreSQL with durable commits (fsync and synchronous_commit on); target: every request's p99 under WORKSHOP_P99 ms.
WORKSHOP=${WORKSHOP:-}
WORKSHOP_DURATION=${WORKSHOP_DURATION:-150}
ARRIVALS=${ARRIVALS:-60}
WORKSHOP_P99=${WORKSHOP_P99:-200}
# JOURNEY_ONLY=1 runs only the RESPONDENTS at once (part 1), to compare settings quickly.
JOURNEY_ONLY=${JOURNEY_ONLY:-}
# Extra Npgsql connection-string settings for the app, e.g. "Maximum Pool Size=50" (to compare settings).
APP_PG_OPTIONS=${APP_PG_OPTIONS:-}
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
command -v curl >/dev/null || ensure_apt_packages curl
pg_bindir >/dev/null || ensure_apt_packages postgresql

work=""
app_pid=""
cleanup() {
  local rc=$?
  if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$app_pid" 2>/dev/null || true
  fi
  [[ -z $work ]] || stop_throwaway_postgres "$work"
  [[ -n $work ]] && rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$SECONDS
work=$(mktemp -d /tmp/quickscan-load.XXXXXX)
say "Building the app and the load tool (Release)"
for project in src/Quickscan.Web/Quickscan.Web.csproj tests/Quickscan.LoadTests/Quickscan.LoadTests.csproj; do
  dotnet build "$project" -c Release -nologo >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; die "building $project failed"; }
done

# A throwaway PostgreSQL as in scripts/test.sh: temp dir, free port, speed over durability.
start_throwaway_postgres "$work" 56432
pg_port=$PG_PORT
pg_data=$work/data
pw=$PG_PASSWORD
admin="host=127.0.0.1 port=$pg_port user=postgres password=$pw dbname=postgres"
if [[ -n $WORKSHOP ]]; then
  # The workshop measures with durable commits, as in production (the throwaway cluster starts without them).
  psql "$admin" -XAtq -v ON_ERROR_STOP=1 -c 'ALTER SYSTEM SET fsync = on' -c 'ALTER SYSTEM SET synchronous_commit = on' -c 'SELECT pg_reload_conf()' >/dev/null
fi
psql "$admin" -XAtq -v ON_ERROR_STOP=1 -c 'CREATE DATABASE quickscan_load' >/dev/null
db="host=127.0.0.1 port=$pg_port user=postgres password=$pw dbname=quickscan_load"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pw;Database=quickscan_load"
app_connection="$connection${APP_PG_OPTIONS:+;$APP_PG_OPTIONS}"

# The app as in production, on a free loopback port.
app_port=18080
while port_in_use "$app_port"; do app_port=$((app_port + 1)); done
base_url="http://127.0.0.1:$app_port"
# Plain HTTP on loopback: cookies without the Secure flag (in production the app sits behind TLS and sets it).
# The throughput rounds measure capacity, far beyond a real scan's pace, so the per-link save limit is lifted
# (not in the workshop mode: a real workshop must fit in the app's defaults).
lifted_limits=()
[[ -n $WORKSHOP ]] || lifted_limits=(RateLimits__SavesPerLinkBurst=1000000 RateLimits__SavesPerLinkPerSecond=1000000)
# Production refuses to start without a certificate for its Data Protection keys: a throwaway one.
make_key_certificate "$work/keys"
say "Starting the app on $base_url (Production, PostgreSQL, logging at Warning${APP_PG_OPTIONS:+, $APP_PG_OPTIONS})"
(
  cd src/Quickscan.Web
  exec env ASPNETCORE_ENVIRONMENT=Production \
    Quickscan__DataProtection__CertificatePath="$work/keys/dataprotection.crt" \
    Quickscan__DataProtection__CertificateKeyPath="$work/keys/dataprotection.key" \
    Database__Provider=Postgres \
    ConnectionStrings__Quickscan="$app_connection" \
    Database__MigrateOnStartup=true \
    Quickscan__SecureCookies=false \
    "${lifted_limits[@]}" \
    Serilog__MinimumLevel__Default=Warning \
    Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning \
    ASPNETCORE_URLS="$base_url" \
    dotnet bin/Release/net10.0/Quickscan.Web.dll
) >"$work/app.log" 2>&1 &
app_pid=$!

for i in $(seq 1 120); do
  curl -fsS -o /dev/null --max-time 2 "$base_url/health/ready" 2>/dev/null && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; die "the app exited during start-up"; }
  ((i < 120)) || { tail -n 40 "$work/app.log" >&2; die "the app was not ready within 60 s"; }
  sleep 0.5
done

# An organisation with an open scan on questionnaire v1 (published by the app at start-up), the version the load
# tool answers (tests/Quickscan.LoadTests/Answers.cs); on v2 its step posts would be refused (400).
share_token=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')
[[ ${#share_token} -eq 32 ]] || die "bad share token"
psql "$db" -XAtq -v ON_ERROR_STOP=1 -v token="$share_token" >/dev/null <<'SQL'
WITH organisation AS (
  INSERT INTO "Organisations" ("Id", "Name", "Sector", "SizeClass", "OwnerId", "CreatedAt")
  VALUES (gen_random_uuid(), 'Loadtest BV', NULL, NULL, NULL, now())
  RETURNING "Id"
)
INSERT INTO "Scans" ("Id", "OrganisationId", "QuestionnaireVersionId", "Title", "WelcomeText", "Status", "OpensAt", "ClosesAt",
                     "ShareToken", "ShowRespondentResult", "AnonymityThreshold", "Languages", "ReportToken", "CreatedAt", "ClosedAt", "Version")
SELECT gen_random_uuid(), organisation."Id",
       (SELECT "Id" FROM "QuestionnaireVersions" WHERE "Key" = 'quickscan-default' AND "Version" = 1 AND "Revision" = 0),
       'Load test', NULL, 'Open', NULL, NULL, :'token', true, 5, 'nl,en', NULL, now(), NULL, gen_random_uuid()
FROM organisation;
SQL
say "Scan created ($(psql "$db" -XAtq -c 'SELECT count(*) FROM "Scans"') open scan, questionnaire version $(psql "$db" -XAtq -c 'SELECT "QuestionnaireVersionId" FROM "Scans"'))"

say "Running the load tool"
report=$work/report.md
set +e
if [[ -n $WORKSHOP ]]; then
  say "Durable commits: fsync $(psql "$admin" -XAtq -c 'SHOW fsync'), synchronous_commit $(psql "$admin" -XAtq -c 'SHOW synchronous_commit')"
  timeout --signal=INT --kill-after=10 $((WORKSHOP_DURATION + 120)) dotnet tests/Quickscan.LoadTests/bin/Release/net10.0/Quickscan.LoadTests.dll \
    --base-url "$base_url" --share-token "$share_token" --pg "$connection" \
    --workshop "$WORKSHOP" --duration "$WORKSHOP_DURATION" --arrivals "$ARRIVALS" --workshop-p99 "$WORKSHOP_P99" --report "$report"
  rc=$?
  # What the saves wrote: each background save sends only the answers that changed, and an unchanged upsert writes
  # nothing, so rows written (inserted or updated) should be close to the answers acknowledged, not a page's worth each.
  # PostgreSQL flushes an idle connection's table statistics within 10 s.
  sleep 11
  written=$(psql "$db" -XAtq -F ' ' -c "SELECT (SELECT count(*) FROM \"RespondentAnswers\"), n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = 'RespondentAnswers'")
  [[ -f $report ]] && printf '\nAnswer rows: %s stored, %s written (inserted or updated) by all the saves together.\n' ${written:-? ?} >>"$report"
else
timeout --signal=INT --kill-after=10 240 dotnet tests/Quickscan.LoadTests/bin/Release/net10.0/Quickscan.LoadTests.dll \
  --base-url "$base_url" --share-token "$share_token" --pg "$connection" \
  --workers "$WORKERS" --warmup "$WARMUP" --duration "$DURATION" --rounds "$ROUNDS" --respondents "$RESPONDENTS" \
  ${JOURNEY_ONLY:+--journey-only true} \
  --page-ratio "$PAGE_RATIO_TARGET" --save-ratio "$SAVE_RATIO_TARGET" --journey-p99 "$JOURNEY_P99_TARGET" --report "$report" \
  --app-pid "$app_pid" --pg-pid "$(head -n 1 "$pg_data/postmaster.pid")"
rc=$?
fi
set -e

# Warnings and errors in the app's log. Expected, and not counted: EF Core's check for its migrations
# table, which fails once on an empty database before the first migration creates it.
app_problems=$work/app-problems.log
awk '/^\[[0-9][0-9]:[0-9][0-9]:[0-9][0-9] [A-Z][A-Z][A-Z]\] / { if (entry != "") print entry; entry = ""; if ($2 ~ /^(WRN|ERR|FTL)\]$/) entry = $0; next }
     entry != "" { entry = entry " " $0 }
     END { if (entry != "") print entry }' "$work/app.log" | grep -v '__EFMigrationsHistory' >"$app_problems" || true
app_errors=$(grep -cE '^\[[0-9:]{8} (ERR|FTL)\]' "$app_problems" || true)
app_warnings=$(grep -cE '^\[[0-9:]{8} WRN\]' "$app_problems" || true)

mkdir -p artifacts/load
[[ -f $report ]] && cp "$report" artifacts/load/report.md
cp "$work/app.log" artifacts/load/app.log

echo
say "Summary (load tool exit code $rc; app log: $app_errors errors, $app_warnings warnings; $((SECONDS - started)) s in all; kept in artifacts/load/)"
if [[ -f $report ]]; then cat "$report"; fi
if ((app_errors + app_warnings > 0)); then
  echo
  echo "App log, first warnings and errors (the app masks tokens):"
  cut -c1-300 "$app_problems" | head -n 10
fi
exit "$rc"
