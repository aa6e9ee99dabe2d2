# Helpers shared by scripts/test.sh and scripts/docker-mirror.sh (sourced, not run).

say() { echo "==> $*"; }
die() { echo "error: $*" >&2; exit 1; }

# A self-signed RSA certificate with its key (PEM) that encrypts the app's Data Protection keys (required in
# Production): make_key_certificate DIR writes DIR/dataprotection.crt and DIR/dataprotection.key, unless they exist.
make_key_certificate() {
  [[ -f $1/dataprotection.crt && -f $1/dataprotection.key ]] && return 0
  mkdir -p "$1"
  openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -subj "/CN=Quickscan Data Protection" \
    -keyout "$1/dataprotection.key" -out "$1/dataprotection.crt" 2>/dev/null || die "openssl could not make a certificate in $1"
  chmod 600 "$1/dataprotection.key"
}

# apt-get as root, through sudo when not root (GitHub runners); nothing else uses sudo.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# Installs the given Debian packages; `apt-get update` runs only when there is something to install.
ensure_apt_packages() {
  (($# > 0)) || return 0
  say "Installing $* (apt-get)"
  local log; log=$(mktemp)
  if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2; rm -f "$log"; die "apt-get install $* failed"
  fi
  rm -f "$log"
}

# Newest installed PostgreSQL server bin dir, e.g. /usr/lib/postgresql/15/bin.
pg_bindir() {
  local d; d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $d && -x $d/initdb ]] && echo "$d"
}

# initdb refuses root, so as root the server runs as the postgres user; otherwise as ourselves.
# cd / so that the postgres user never starts in a directory it cannot read.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@")
  else "$@"
  fi
}
chown_pg() { if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$@"; fi; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_pg_ready() { # host port
  local i
  for i in $(seq 1 60); do
    pg_isready -q -h "$1" -p "$2" && return 0
    sleep 0.5
  done
  die "PostgreSQL on $1:$2 did not become ready"
}

# Npgsql "Host=..;Port=..;Username=..;Password=..;Database=.." -> libpq "host=.. port=.. user=.. ..." for psql.
npgsql_to_libpq() {
  local parts kv k v out=()
  IFS=';' read -ra parts <<<"$1"
  for kv in "${parts[@]}"; do
    k=${kv%%=*}; v=${kv#*=}
    case ${k,,} in
      host|server) out+=("host=$v") ;;
      port) out+=("port=$v") ;;
      username|user\ id|userid|user) out+=("user=$v") ;;
      password) out+=("password=$v") ;;
      database) out+=("dbname=$v") ;;
    esac
  done
  echo "${out[*]}"
}

# A throwaway PostgreSQL cluster in DIR (owned by postgres, removed by the caller), on the first free port
# from FIRST_PORT, for tests and measurements: speed over durability, 300 connections for the load tests.
# Sets PG_PORT and PG_PASSWORD (a superuser "postgres" with password login over TCP).
start_throwaway_postgres() { # dir first_port
  local dir=$1 port=$2 bin
  bin=$(pg_bindir)
  PG_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  echo "$PG_PASSWORD" >"$dir/pwfile"
  chown_pg "$dir"
  # Explicit UTF8: with LANG unset (as in CI) initdb would pick SQL_ASCII.
  as_pg "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  rm -f "$dir/pwfile"
  while port_in_use "$port"; do port=$((port + 1)); done
  say "Starting PostgreSQL on 127.0.0.1:$port"
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
    { cat "$dir/server.log" >&2; die "PostgreSQL did not start"; }
  wait_pg_ready 127.0.0.1 "$port"
  PG_PORT=$port
}

stop_throwaway_postgres() { # dir
  [[ -n ${1:-} && -f $1/data/postmaster.pid ]] || return 0
  as_pg "$(pg_bindir)/pg_ctl" -D "$1/data" -m immediate stop >/dev/null 2>&1 || true
}
