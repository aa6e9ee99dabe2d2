#!/usr/bin/env bash
# Does what docker-compose.yml does, without Docker (there is no Docker engine on the dev/CI machines):
#   db:  PostgreSQL on 127.0.0.1:5433, data kept in ./.pgdata-compose, superuser/database/password
#        quickscan / quickscan / ${POSTGRES_PASSWORD:-quickscan}, as the postgres:15 image sets them up
#   web: `dotnet publish` to ./artifacts/web, run with the compose `web` service's environment on :8080
#        (public base URL http://127.0.0.1:8080: there is no Caddy here), then wait (60 s at most) until
#        the compose health check (`dotnet Quickscan.Web.dll healthcheck .../health/ready`) passes; the Data
#        Protection certificate is the compose secret ./secrets/dataprotection.{crt,key}, made here when missing
#
#   scripts/docker-mirror.sh            start db and web
#   scripts/docker-mirror.sh --db-only  start only db
#   scripts/docker-mirror.sh --stop     stop web and db (the data in ./.pgdata-compose is kept)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

root=$PWD
pgdata=$root/.pgdata-compose
db_port=5433
db_password=${POSTGRES_PASSWORD:-quickscan}
web_dir=$root/artifacts/web
web_pid=$root/artifacts/web.pid
web_log=$root/artifacts/web.log
secrets=$root/secrets

stop_web() {
  [[ -f $web_pid ]] || return 0
  local pid; pid=$(cat "$web_pid")
  if kill -0 "$pid" 2>/dev/null; then
    say "Stopping web (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$web_pid"
}

stop_db() {
  if [[ -f $pgdata/postmaster.pid ]]; then
    say "Stopping PostgreSQL on port $db_port"
    as_pg "$(pg_bindir)/pg_ctl" -D "$pgdata" -m fast stop >/dev/null
  fi
}

start_db() {
  pg_bindir >/dev/null || ensure_apt_packages postgresql
  local bin fresh=false; bin=$(pg_bindir)
  if [[ ! -f $pgdata/PG_VERSION ]]; then
    say "Creating PostgreSQL cluster in $pgdata"
    mkdir -p "$pgdata"
    chmod 700 "$pgdata"
    chown_pg "$pgdata"
    as_pg test -w "$pgdata" || die "the postgres user cannot reach $pgdata (is a parent directory private?)"
    local pwfile; pwfile=$(mktemp)
    echo "$db_password" >"$pwfile"
    chown_pg "$pwfile"
    # Like the postgres image: POSTGRES_USER is the superuser, password auth over TCP.
    as_pg "$bin/initdb" -D "$pgdata" -U quickscan --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >>"$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $db_port
unix_socket_directories = '$pgdata'
CONF
    fresh=true
  fi
  if as_pg "$bin/pg_ctl" -D "$pgdata" status >/dev/null; then
    say "PostgreSQL already running on port $db_port"
  else
    say "Starting PostgreSQL on port $db_port"
    as_pg "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 start >/dev/null ||
      { tail -n 20 "$pgdata/server.log" >&2; die "PostgreSQL did not start"; }
  fi
  wait_pg_ready 127.0.0.1 "$db_port"
  if $fresh; then
    as_pg "$bin/createdb" -h "$pgdata" -p "$db_port" -U quickscan quickscan
  fi
}

start_web() {
  stop_web
  mkdir -p "$root/artifacts"
  say "Publishing the web app to $web_dir"
  dotnet publish src/Quickscan.Web -c Release -o "$web_dir" --nologo -v quiet
  # The compose secrets: made once and kept, like the database (a new certificate could not read the old keys).
  make_key_certificate "$secrets"
  say "Starting web on http://127.0.0.1:8080 (log: $web_log)"
  # Same environment as the compose `web` service; the content root is the publish dir, like WORKDIR /app.
  (
    cd "$web_dir"
    exec env -u ASPNETCORE_URLS \
      ASPNETCORE_ENVIRONMENT=Production \
      ASPNETCORE_HTTP_PORTS=8080 \
      Database__Provider=Postgres \
      Database__MigrateOnStartup=true \
      "ConnectionStrings__Quickscan=Host=127.0.0.1;Port=$db_port;Database=quickscan;Username=quickscan;Password=$db_password" \
      Quickscan__PublicBaseUrl=http://127.0.0.1:8080 \
      Quickscan__DataProtection__CertificatePath="$secrets/dataprotection.crt" \
      Quickscan__DataProtection__CertificateKeyPath="$secrets/dataprotection.key" \
      "AllowedHosts=127.0.0.1;localhost" \
      setsid dotnet Quickscan.Web.dll
  ) >"$web_log" 2>&1 </dev/null &
  echo $! >"$web_pid"

  local pid=$! code=""
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$web_log" >&2; rm -f "$web_pid"; die "web exited"; }
    # The compose health check: the app's own probe, no curl.
    code=$(cd "$web_dir" && dotnet Quickscan.Web.dll healthcheck http://127.0.0.1:8080/health/ready 2>&1 | tail -n 1 || true)
    [[ $code == *": 200" ]] && { say "Ready: $code"; return 0; }
    sleep 1
  done
  tail -n 40 "$web_log" >&2
  die "http://127.0.0.1:8080/health/ready did not answer 200 within 60 s (last status: ${code:-none})"
}

case "${1:-}" in
  --stop) stop_web; stop_db ;;
  --db-only) start_db ;;
  "") start_db; start_web ;;
  *) echo "usage: $0 [--db-only|--stop]" >&2; exit 2 ;;
esac
