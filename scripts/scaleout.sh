#!/usr/bin/env bash
# Scale-out, proven on this machine (loopback only, a few minutes, no Docker, no systemd):
#
#   bash scripts/scaleout.sh
#
# Builds the app and the load tool (Release), starts one throwaway PostgreSQL (durable commits), two app
# instances in Production (certificate-encrypted Data Protection keys in the database, public base URL,
# forwarded headers from 127.0.0.1) and nginx from Debian in front of them (its own prefix and config in a
# temp dir, in the foreground of a background job): round-robin, except the paths with a per-IP limit (sign-in
# under /account, the self-scan, join codes), hashed on the client address so that one address always meets
# the same instance there. Then it proves:
#   a) both instances, started at the same moment on an empty database, become ready (/health/ready);
#   b) RESPONDENTS respondents complete a scan through nginx, every respondent on both instances (nginx
#      access log, $upstream_addr), forms posted to the other instance than the one that rendered them;
#      every acknowledged answer is in PostgreSQL (psql);
#   c) a consultant signs in and works on both instances (pages, forms posted across instances);
#   d) the live report, polled on both instances, shows a submission made through the other instance;
#   e) the per-IP sign-in limit sees the client address nginx puts in X-Forwarded-For, holds at its limit
#      through the sticky /account route, and lets up to 2x through a plain round-robin route;
#   f) PostgreSQL restarted (pg_ctl restart -m fast) while RESPONDENTS respondents answer: every answer that
#      got a success response is stored, and both instances are ready again by themselves.
# Prints PASS/FAIL per check with its figures (also kept in artifacts/scaleout/) and exits 1 when a check
# fails. Everything it started is stopped and its temp dir removed on exit, whatever the outcome.
RESPONDENTS=${RESPONDENTS:-200}
RESTART_AFTER=${RESTART_AFTER:-8}   # seconds into (f)'s respondents when PostgreSQL restarts
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
command -v curl >/dev/null || ensure_apt_packages curl
pg_bindir >/dev/null || ensure_apt_packages postgresql
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || ensure_apt_packages nginx
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=""
app_pids=()
nginx_pid=""
poller_pids=()
stop_pid() { # pid: TERM, up to 5 s, then KILL
  [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
cleanup() {
  local rc=$? pid
  for pid in "${poller_pids[@]}" "${app_pids[@]}" "$nginx_pid"; do stop_pid "$pid"; done
  if [[ -n $work ]]; then
    stop_throwaway_postgres "$work/pg"
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$SECONDS
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d /tmp/quickscan-scaleout.XXXXXX)
chmod 711 "$work"   # the postgres user and nginx's workers reach their own subdirectories
mkdir -p "$work/pg" "$work/nginx" artifacts/scaleout
summary=artifacts/scaleout/summary.txt
: >"$summary"
failures=0
result() { # PASS|FAIL check figures...
  local verdict=$1 check=$2; shift 2
  [[ $verdict == PASS ]] || failures=$((failures + 1))
  printf '%s  %s: %s\n' "$verdict" "$check" "$*" | tee -a "$summary"
}
figure() { printf '      %s\n' "$*" | tee -a "$summary"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

say "Building the app and the load tool (Release)"
for project in src/Quickscan.Web/Quickscan.Web.csproj tests/Quickscan.LoadTests/Quickscan.LoadTests.csproj; do
  dotnet build "$project" -c Release -nologo >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; die "building $project failed"; }
done
app_dll=$PWD/src/Quickscan.Web/bin/Release/net10.0/Quickscan.Web.dll
load_dll=$PWD/tests/Quickscan.LoadTests/bin/Release/net10.0/Quickscan.LoadTests.dll

# One PostgreSQL for both instances, with durable commits as in production (the throwaway cluster starts without).
start_throwaway_postgres "$work/pg" 56500
pg_port=$PG_PORT
pw=$PG_PASSWORD
admin_db="host=127.0.0.1 port=$pg_port user=postgres password=$pw dbname=postgres"
psql "$admin_db" -XAtq -v ON_ERROR_STOP=1 -c 'ALTER SYSTEM SET fsync = on' -c 'ALTER SYSTEM SET synchronous_commit = on' -c 'SELECT pg_reload_conf()' >/dev/null
db="host=127.0.0.1 port=$pg_port user=postgres password=$pw dbname=quickscan_scaleout"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pw;Database=quickscan_scaleout"
sql() { psql "$db" -XAtq -v ON_ERROR_STOP=1 "$@"; }

free_port() { local p=$1; while port_in_use "$p"; do p=$((p + 1)); done; echo "$p"; }
port_a=$(free_port 18180)
port_b=$(free_port $((port_a + 1)))
proxy_port=$(free_port $((port_b + 1)))
plain_port=$(free_port $((proxy_port + 1)))
public_url="http://127.0.0.1:$proxy_port"
declare -A instance_name=(["127.0.0.1:$port_a"]=A ["127.0.0.1:$port_b"]=B)
instance() { local key=${1:-none}; echo "${instance_name[$key]:-?}"; }   # upstream address -> A or B

# The same settings for both, as a production installation behind a proxy on the same machine. Plain HTTP on
# loopback, so cookies without Secure (in production TLS sits in front and the app sets it). The first admin
# comes from the settings (both instances have them; the startup lock lets one create it) and is made a
# consultant below.
make_key_certificate "$work/keys"
consultant_email=consultant@scaleout.test
consultant_password="Sc4le-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
start_instance() { # name port
  (
    cd "$(dirname "$app_dll")"
    exec env -u ASPNETCORE_HTTP_PORTS ASPNETCORE_ENVIRONMENT=Production \
      Database__Provider=Postgres \
      ConnectionStrings__Quickscan="$connection" \
      Database__MigrateOnStartup=true \
      Quickscan__PublicBaseUrl="$public_url" \
      Quickscan__KnownProxies__0=127.0.0.1 \
      Quickscan__SecureCookies=false \
      Quickscan__DataProtection__CertificatePath="$work/keys/dataprotection.crt" \
      Quickscan__DataProtection__CertificateKeyPath="$work/keys/dataprotection.key" \
      Quickscan__Admin__Email="$consultant_email" \
      Quickscan__Admin__Password="$consultant_password" \
      Quickscan__Admin__Name="Scale-out Consultant" \
      "AllowedHosts=127.0.0.1;localhost" \
      Serilog__MinimumLevel__Default=Warning \
      Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning \
      ASPNETCORE_URLS="http://127.0.0.1:$2" \
      dotnet "$app_dll"
  ) >"$work/app-$1.log" 2>&1 </dev/null &
  app_pids+=($!)
}
ready_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/health/ready" 2>/dev/null || true; }

# ---- a) two instances start together on an empty database ----------------------------------------------------
say "a) Starting instances A (:$port_a) and B (:$port_b) at the same moment on an empty database"
t0=$(now)
start_instance A "$port_a"
start_instance B "$port_b"
ready_a="" ready_b=""
for _ in $(seq 1 480); do   # 2 minutes at most (a loaded 2-core machine needs about a minute)
  [[ -n $ready_a || $(ready_code "$port_a") != 200 ]] || ready_a=$(since "$t0")
  [[ -n $ready_b || $(ready_code "$port_b") != 200 ]] || ready_b=$(since "$t0")
  [[ -n $ready_a && -n $ready_b ]] && break
  for i in 0 1; do kill -0 "${app_pids[$i]}" 2>/dev/null || { tail -n 30 "$work/app-$([[ $i == 0 ]] && echo A || echo B).log" >&2; break 2; }; done
  sleep 0.25
done
migrations_applied=$(sql -c 'SELECT count(*) FROM "__EFMigrationsHistory"' 2>/dev/null || echo 0)
migrations_built=$(ls src/Quickscan.Web/Data/Migrations/Postgres/ | grep -E '^[0-9]{14}_' | grep -vc '\.Designer\.cs$' || true)
roles=$(sql -c 'SELECT count(*) FROM "AspNetRoles"' 2>/dev/null || echo 0)
users=$(sql -c 'SELECT count(*) FROM "AspNetUsers"' 2>/dev/null || echo 0)
if [[ -n $ready_a && -n $ready_b && $migrations_applied == "$migrations_built" && $roles == 2 && $users == 1 ]]; then v=PASS; else v=FAIL; fi
result $v "a) start together on an empty database" "A ready after ${ready_a:-never} s, B after ${ready_b:-never} s;" \
  "$migrations_applied of $migrations_built migrations applied once, $roles roles, $users user (the configured one)"
[[ -n $ready_a && -n $ready_b ]] || die "an instance did not become ready; logs: $work/app-A.log, $work/app-B.log"

# ---- nginx in front -------------------------------------------------------------------------------------------
# Round-robin for everything but the paths with a per-IP limit, which each instance counts in memory (sign-in
# under /account, the self-scan and its contact form, join-code lookups): hashed on the client address there,
# so one address meets one instance and the limit holds once (case-insensitive, as the app's routing is). A second server (plain_port) is round-robin everywhere, to
# show what the limit becomes without that. X-Forwarded-For is set, not appended: nginx is the edge here.
nginx_user=""
[[ $(id -u) -ne 0 ]] || nginx_user="user www-data;"
mkdir -p "$work/nginx/tmp"
cat >"$work/nginx/nginx.conf" <<CONF
$nginx_user
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 2048; }
http {
  log_format scaleout '\$msec\t\$remote_addr\t\$request_method\t\$uri\t\$status\t\$upstream_addr\t\$upstream_status\t\$request_time\t\$http_x_load_client\t\$server_port';
  access_log $work/nginx/access.log scaleout;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  client_max_body_size 1m;
  upstream quickscan { server 127.0.0.1:$port_a; server 127.0.0.1:$port_b; keepalive 64; }
  upstream quickscan_per_ip { hash \$remote_addr consistent; server 127.0.0.1:$port_a; server 127.0.0.1:$port_b; keepalive 16; }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host \$http_host;
  proxy_set_header X-Forwarded-For \$remote_addr;
  proxy_set_header X-Forwarded-Proto \$scheme;
  proxy_connect_timeout 2s;
  proxy_read_timeout 60s;
  server {
    listen 127.0.0.1:$proxy_port;
    location / { proxy_pass http://quickscan; }
    location ~* ^/(account|zelfscan|self-scan|j)(/|\$) { proxy_pass http://quickscan_per_ip; }
  }
  server {
    listen 127.0.0.1:$plain_port;
    location / { proxy_pass http://quickscan; }
  }
}
CONF
"$nginx_bin" -t -q -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" || { cat "$work/nginx/error.log" >&2; die "nginx refused its config"; }
"$nginx_bin" -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" -g 'daemon off;' </dev/null &
nginx_pid=$!
for _ in $(seq 1 40); do [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$public_url/health/live") == 200 ]] && break; sleep 0.25; done
say "nginx on $public_url (/account and the other per-IP paths hashed on the client address) and http://127.0.0.1:$plain_port (plain round-robin)"
access=$work/nginx/access.log

# Two open scans for one client of the consultant: one for b)–d), one for f). On questionnaire v1, the one
# the load tool answers (tests/Quickscan.LoadTests/Answers.cs).
sql -c "UPDATE \"AspNetUserRoles\" SET \"RoleId\" = (SELECT \"Id\" FROM \"AspNetRoles\" WHERE \"Name\" = 'Consultant')" >/dev/null
new_token() { head -c 24 /dev/urandom | base64 | tr '+/' '-_'; }
token_b=$(new_token); token_f=$(new_token)
organisation=$(sql -c "INSERT INTO \"Organisations\" (\"Id\", \"Name\", \"OwnerId\", \"CreatedAt\")
  VALUES (gen_random_uuid(), 'Scale-out BV', (SELECT \"Id\" FROM \"AspNetUsers\"), now()) RETURNING \"Id\"" | head -n 1)
new_scan() { # title token -> scan id
  sql -v org="$organisation" -v title="$1" -v token="$2" <<'SQL' | head -n 1
INSERT INTO "Scans" ("Id", "OrganisationId", "QuestionnaireVersionId", "Title", "Status", "ShareToken", "ShowRespondentResult",
                     "AnonymityThreshold", "Languages", "CreatedAt", "Version")
SELECT gen_random_uuid(), :'org',
       (SELECT "Id" FROM "QuestionnaireVersions" WHERE "Key" = 'quickscan-default' AND "Version" = 1 AND "Revision" = 0),
       :'title', 'Open', :'token', true, 5, 'nl,en', now(), gen_random_uuid()
RETURNING "Id";
SQL
}
scan_b=$(new_scan "Scale-out" "$token_b")
scan_f=$(new_scan "Scale-out, database restart" "$token_f")

# Lines of the access log from a line number on, for one client (X-Load-Client) pattern.
log_since() { tail -n +"$(($1 + 1))" "$access"; }
log_lines() { wc -l <"$access"; }
upstream_counts() { # awk over log lines on stdin: requests per instance
  awk -F'\t' -v a="127.0.0.1:$port_a" -v b="127.0.0.1:$port_b" '
    { if ($6 == a) na++; else if ($6 == b) nb++; else other++ }
    END { printf "A %d, B %d, other %d", na, nb, other }'
}

# Acknowledged answers (the load tool's file: resume-token hash, question key, value) against the database.
compare_acknowledged() { # file -> "acknowledged stored"
  sql <<SQL
CREATE TEMP TABLE acknowledged (hash text, question text, value text);
\\copy acknowledged FROM '$1'
SELECT count(*) || ' ' || count(*) FILTER (WHERE stored.value IS NOT DISTINCT FROM acknowledged.value)
FROM acknowledged
LEFT JOIN LATERAL (
  SELECT CASE WHEN a."DontKnow" THEN 'dk' WHEN a."ScaleValue" IS NOT NULL THEN a."ScaleValue"::text
              WHEN a."OptionKey" IS NOT NULL THEN a."OptionKey" ELSE coalesce(a."Text", '') END AS value
  FROM "RespondentAnswers" a JOIN "Respondents" r ON r."Id" = a."RespondentId"
  WHERE r."ResumeTokenHash" = acknowledged.hash AND a."QuestionKey" = acknowledged.question) stored ON true;
SQL
}

run_respondents() { # token count prefix acknowledged-file log-file [timeout]
  timeout --signal=INT --kill-after=10 "${6:-180}" dotnet "$load_dll" --base-url "$public_url" --share-token "$1" --pg "$connection" \
    --journey-only true --respondents "$2" --client-prefix "$3" --acknowledged "$4" \
    --journey-timeout "${7:-150}" --request-timeout 45 >"$5" 2>&1
}
journey_figure() { grep -oE "^respondents=.*" "$1" | head -n 1 || true; }

# ---- b) respondents through nginx ------------------------------------------------------------------------------
# A fresh .NET app runs slowly until its hot code is recompiled (tiered compilation, after 30 calls of a
# method): 40 respondents first, not counted.
say "b) Warm-up: 40 respondents (not counted)"
set +e; run_respondents "$token_b" 40 w "$work/ack-w.tsv" "$work/journey-w.log" 150 120; set -e
figure "warm-up: $(journey_figure "$work/journey-w.log")"
say "b) $RESPONDENTS respondents complete a scan through nginx"
mark=$(log_lines)
set +e; run_respondents "$token_b" "$RESPONDENTS" r "$work/ack-b.tsv" "$work/journey-b.log" 330 300; rc_b=$?; set -e
cat "$work/journey-b.log"
log_since "$mark" | awk -F'\t' '$9 ~ /^r[0-9]+$/' >"$work/log-b.tsv"
read -r ack_b stored_b < <(compare_acknowledged "$work/ack-b.tsv")
# Per respondent: instances seen, and posts answered by the other instance than the page (GET) before them.
read -r both_b single_b posts_b cross_b ok_posts_b < <(awk -F'\t' '
  { c = $9; seen[c, $6] = 1; clients[c] = 1
    if ($3 == "POST") { posts++; if ($5 == 302) ok++; if (last[c] != "" && last[c] != $6) cross++ }
    else last[c] = $6 }
  END { for (c in clients) { n = 0; for (k in seen) { split(k, p, SUBSEP); if (p[1] == c) n++ } if (n >= 2) both++; else single++ }
        printf "%d %d %d %d %d\n", both, single, posts, cross, ok }' "$work/log-b.tsv")
fivexx_b=$(awk -F'\t' '$5 >= 500' "$work/log-b.tsv" | wc -l)
if [[ $rc_b == 0 && $ack_b -gt 0 && $stored_b == "$ack_b" && $single_b == 0 && $both_b == "$RESPONDENTS" && $cross_b -gt 0 && $fivexx_b == 0 ]]; then v=PASS; else v=FAIL; fi
result $v "b) $RESPONDENTS respondents through nginx" "$(journey_figure "$work/journey-b.log")"
figure "requests per instance: $(upstream_counts <"$work/log-b.tsv"); respondents on both instances: $both_b, on one: $single_b; 5xx: $fivexx_b"
figure "form posts: $posts_b ($ok_posts_b answered 302), $cross_b of them on the other instance than the page that issued the anti-forgery token"
figure "answers acknowledged $ack_b, stored with that value (psql) $stored_b"

# ---- c) a consultant works across both instances --------------------------------------------------------------
# curl with a cookie jar, from client address 127.0.0.2 (loopback: any 127.x address reaches nginx).
say "c) The consultant signs in and works on both instances"
jar=$work/consultant.jar
http() { # ip client jar out method path [curl args...] -> status code
  local ip=$1 client=$2 jar=$3 out=$4 method=$5 path=$6; shift 6
  curl -sS --max-time 30 --interface "$ip" -H "X-Load-Client: $client" -b "$jar" -c "$jar" -o "$out" -w '%{http_code}' \
    -X "$method" "$@" "$path" 2>>"$work/curl.log" || echo 000
}
attr() { grep -oE "$2=\"[^\"]*\"" "$1" | head -n 1 | cut -d'"' -f2 || true; }   # file attribute -> first value
form_token() { grep -oE '<input[^>]*name="__RequestVerificationToken"[^>]*>' "$1" | grep -oE 'value="[^"]*"' | head -n 1 | cut -d'"' -f2 || true; }
page=$work/page.html
mark=$(log_lines)
codes=()
codes+=("$(http 127.0.0.2 consultant "$jar" "$page" GET "$public_url/account/login")")
token=$(form_token "$page")
codes+=("$(http 127.0.0.2 consultant "$jar" "$page" POST "$public_url/account/login" --data-urlencode "Input.Email=$consultant_email" \
  --data-urlencode "Input.Password=$consultant_password" --data-urlencode "__RequestVerificationToken=$token")")
for _ in 1 2 3 4; do codes+=("$(http 127.0.0.2 consultant "$jar" "$page" GET "$public_url/clients")"); done
for n in 1 2 3; do
  codes+=("$(http 127.0.0.2 consultant "$jar" "$page" GET "$public_url/clients/new")")
  token=$(form_token "$page")
  codes+=("$(http 127.0.0.2 consultant "$jar" "$page" POST "$public_url/clients/new" --data-urlencode "Input.Name=Scale-out client $n" \
    --data-urlencode "__RequestVerificationToken=$token")")
done
for _ in 1 2; do codes+=("$(http 127.0.0.2 consultant "$jar" "$page" GET "$public_url/scans/$scan_b")"); done
log_since "$mark" | awk -F'\t' '$9 == "consultant"' >"$work/log-c.tsv"
clients_made=$(sql -c "SELECT count(*) FROM \"Organisations\" WHERE \"Name\" LIKE 'Scale-out client %'")
read -r posts_c cross_c < <(awk -F'\t' '$3 == "POST" && $4 ~ /^\/clients/ { posts++; if (last != $6) cross++ } $3 == "GET" { last = $6 } END { printf "%d %d\n", posts, cross }' "$work/log-c.tsv")
expected="200 302 200 200 200 200 200 302 200 302 200 302 200 200"
instances_c=$(cut -f6 "$work/log-c.tsv" | sort -u | wc -l)
if [[ "${codes[*]}" == "$expected" && $clients_made == 3 && $instances_c == 2 && $cross_c -gt 0 ]]; then v=PASS; else v=FAIL; fi
result $v "c) consultant across instances" "statuses ${codes[*]} (expected $expected); $clients_made clients created"
figure "requests per instance: $(upstream_counts <"$work/log-c.tsv"); sign-in on instance $(instance "$(sed -n 2p "$work/log-c.tsv" | cut -f6)") (sticky /account);" \
  "$cross_c of $posts_c client forms posted to the other instance than the one that rendered them"

# ---- d) the live report sees a submission made through the other instance ------------------------------------
say "d) The live report reflects a new submission"
mark=$(log_lines)
code=$(http 127.0.0.2 consultant "$jar" "$page" GET "$public_url/scans/$scan_b/report")
stamp=$(attr "$page" data-stamp)
before=$(attr "$page" data-responses)
live_url=$(attr "$page" data-live-url | sed 's/&amp;/\&/g')
poll() { http 127.0.0.2 consultant "$jar" "$work/live.html" GET "$public_url$live_url" -G --data-urlencode "since=$stamp"; }
quiet=("$(poll)" "$(poll)")
set +e; run_respondents "$token_b" 1 d "$work/ack-d.tsv" "$work/journey-d.log" 90 60; rc_d=$?; set -e
submit_on=$(log_since "$mark" | awk -F'\t' '$9 == "d0" && $3 == "POST" && $4 ~ /\/review$/ { print $6 }' | tail -n 1)
after=()
polled_on=()
for _ in 1 2; do
  m=$(log_lines)
  c=$(poll)
  after+=("$c:$(attr "$work/live.html" data-responses)")
  polled_on+=("$(instance "$(log_since "$m" | awk -F'\t' '$9 == "consultant"' | tail -n 1 | cut -f6)")")
done
want="200:$((before + 1))"
if [[ $code == 200 && $rc_d == 0 && "${quiet[*]}" == "204 204" && "${after[*]}" == "$want $want" && "${polled_on[*]}" == *A* && "${polled_on[*]}" == *B* ]]; then v=PASS; else v=FAIL; fi
result $v "d) live report" "$before responses; polls before the submission: ${quiet[*]} (204: nothing new);" \
  "submitted on instance $(instance "$submit_on"); polls after it on instances ${polled_on[*]}: ${after[*]} (status:responses)"

# ---- e) the sign-in limit through the proxy -------------------------------------------------------------------
# Wrong passwords, each for another address (so the per-account throttle stays out of it), from one client
# address; the app's limit is RateLimits:SignInPerIpPerMinute (30) per address per instance.
say "e) Sign-in rate limit through nginx"
burst() { # ip port count -> "allowed limited instances"
  local ip=$1 port=$2 count=$3 jar=$work/burst-$1.jar allowed=0 limited=0 other=0 code token m
  m=$(log_lines)
  http "$ip" "burst$ip" "$jar" "$page" GET "http://127.0.0.1:$port/account/login" >/dev/null
  token=$(form_token "$page")
  for i in $(seq 1 "$count"); do
    code=$(http "$ip" "burst$ip" "$jar" /dev/null POST "http://127.0.0.1:$port/account/login" --data-urlencode "Input.Email=nobody$i@scaleout.test" \
      --data-urlencode "Input.Password=wrong-password-$i" --data-urlencode "__RequestVerificationToken=$token")
    case $code in 200) allowed=$((allowed + 1)) ;; 429) limited=$((limited + 1)) ;; *) other=$((other + 1)) ;; esac
  done
  echo "$allowed $limited $other $(log_since "$m" | awk -F'\t' -v c="burst$ip" '$9 == c && $3 == "POST"' | cut -f6 | sort -u | wc -l)"
}
limit=30
read -r s_allowed s_limited s_other s_instances < <(burst 127.0.0.7 "$proxy_port" 45)
read -r o_allowed o_limited o_other _ < <(burst 127.0.0.8 "$proxy_port" 1)
read -r p_allowed p_limited p_other p_instances < <(burst 127.0.0.9 "$plain_port" 70)
if [[ $s_allowed == "$limit" && $s_limited == 15 && $s_other == 0 && $s_instances == 1 && $o_allowed == 1 && $p_allowed -gt $limit && $p_allowed -le $((2 * limit)) ]]; then v=PASS; else v=FAIL; fi
result $v "e) sign-in limit per client IP" "45 wrong sign-ins from 127.0.0.7 through the sticky /account route: $s_allowed answered, $s_limited refused (429), on $s_instances instance;" \
  "then 127.0.0.8: $o_allowed answered, $o_limited refused (its own budget: the app keys on X-Forwarded-For, not on nginx's address)"
figure "70 from 127.0.0.9 through plain round-robin: $p_allowed answered, $p_limited refused, on $p_instances instances (per-instance state: up to 2 x $limit)"

# ---- f) PostgreSQL restarts while respondents answer ----------------------------------------------------------
say "f) $RESPONDENTS respondents; PostgreSQL restarts (pg_ctl restart -m fast) after $RESTART_AFTER s"
pids_before="${app_pids[*]}"
poll_ready() { # port file: "sent answered code" every 0.2 s until $work/stop-polling exists (000: no answer within 5 s)
  local sent code
  while [[ ! -e $work/stop-polling ]]; do
    sent=$(now)
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1/health/ready" 2>/dev/null || true)
    echo "$sent $(now) $code" >>"$2"
    sleep 0.2
  done
}
poll_ready "$port_a" "$work/ready-A.txt" & poller_pids+=($!)
poll_ready "$port_b" "$work/ready-B.txt" & poller_pids+=($!)
mark=$(log_lines)
run_respondents "$token_f" "$RESPONDENTS" f "$work/ack-f.tsv" "$work/journey-f.log" 330 300 & journey_pid=$!
sleep "$RESTART_AFTER"
restart_at=$(now)
as_pg "$(pg_bindir)/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -m fast -w -t 60 restart >/dev/null ||
  { tail -n 20 "$work/pg/server.log" >&2; die "PostgreSQL did not restart"; }
wait_pg_ready 127.0.0.1 "$pg_port"
pg_back=$(now)
set +e; wait "$journey_pid"; rc_f=$?; set -e
# Both instances ready again: wait (bounded) for a 200 after the restart from each, then stop the pollers.
for _ in $(seq 1 150); do
  [[ $(tail -n 1 "$work/ready-A.txt" | cut -d' ' -f2) == 200 && $(tail -n 1 "$work/ready-B.txt" | cut -d' ' -f2) == 200 ]] && break
  sleep 0.2
done
touch "$work/stop-polling"
for pid in "${poller_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
poller_pids=()
cat "$work/journey-f.log"
log_since "$mark" | awk -F'\t' '$9 ~ /^f[0-9]+$/' >"$work/log-f.tsv"
read -r ack_f stored_f < <(compare_acknowledged "$work/ack-f.tsv")
recovery() { # ready file -> "probes 503s no-answers ready-again": probes sent after the restart began, and when the
  # first of them answered 200 (seconds after the restart began; - when none did)
  awk -v r="$restart_at" '$1 >= r { n++; if ($3 == 503) n503++; else if ($3 != 200) slow++; else if (!back || $2 < back) back = $2 }
    END { printf "%d %d %d %s\n", n, n503, slow, back ? sprintf("%.1f", back - r) : "-" }' "$1"
}
read -r probes_a n503_a slow_a back_a < <(recovery "$work/ready-A.txt")
read -r probes_b n503_b slow_b back_b < <(recovery "$work/ready-B.txt")
cp "$work/ready-A.txt" "$work/ready-B.txt" artifacts/scaleout/
fivexx_f=$(awk -F'\t' '$5 >= 500' "$work/log-f.tsv" | wc -l)
fivexx_f_detail=$(awk -F'\t' '$5 >= 500 { print $3 " " $5 }' "$work/log-f.tsv" | sort | uniq -c | tr -s ' ' | paste -sd, - || true)
pg_down=$(awk -v a="$restart_at" -v b="$pg_back" 'BEGIN { printf "%.1f", b - a }')
alive=0; for pid in "${app_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
if [[ $ack_f -gt 0 && $stored_f == "$ack_f" && $alive == 2 && "${app_pids[*]}" == "$pids_before" && $(ready_code "$port_a") == 200 && $(ready_code "$port_b") == 200 ]]; then v=PASS; else v=FAIL; fi
result $v "f) PostgreSQL restart mid-run" "answers acknowledged $ack_f, stored with that value (psql) $stored_f; both instances ready again, same processes"
figure "PostgreSQL accepting again $pg_down s after the restart began (pg_ctl restart -m fast, then pg_isready)"
figure "/health/ready probed every 0.2 s from the restart on: A ready again (first 200) at +$back_a s ($probes_a probes: $n503_a x 503, $slow_a without an answer within 5 s)," \
  "B at +$back_b s ($probes_b probes: $n503_b x 503, $slow_b without an answer)"
figure "respondents: $(journey_figure "$work/journey-f.log")"
figure "requests per instance: $(upstream_counts <"$work/log-f.tsv"); 5xx: $fivexx_f${fivexx_f_detail:+ ($fivexx_f_detail)}"
grep -E '^  journey:' "$work/journey-f.log" | sed 's/^/      /' | tee -a "$summary" || true

# ---- the app logs ---------------------------------------------------------------------------------------------
for name in A B; do
  cp "$work/app-$name.log" "artifacts/scaleout/app-$name.log"
  errors=$(grep -cE '^\[[0-9:]{8} (ERR|FTL)\]' "$work/app-$name.log" || true)
  warnings=$(grep -cE '^\[[0-9:]{8} WRN\]' "$work/app-$name.log" || true)
  figure "instance $name log: $errors errors, $warnings warnings (artifacts/scaleout/app-$name.log)"
done
figure "Data Protection keys in the database: $(sql -c 'SELECT count(*) FROM "DataProtectionKeys"') (made at the first request that needed one)"
figure "machine: $(nproc) cores, load average (1, 5, 15 min) $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
say "$((SECONDS - started)) s in all; $failures check(s) failed; summary in $summary"
((failures == 0))
