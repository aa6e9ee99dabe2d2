# Helpers shared by scripts/test.sh and scripts/docker-mirror.sh (sourced, not run).

say() { echo "==> $*"; }
die() { echo "error: $*" >&2; exit 1; }

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
