#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the hub tests and prints the environment they
# need, for `eval`:
#
#   eval "$(.ci/postgres.sh start /tmp/pg)"   # SPANBENCH_TEST_PG_URL, PGPASSFILE, ...
#   .ci/postgres.sh stop /tmp/pg
#
# The cluster runs as the `postgres` user on 127.0.0.1 (a free port), password login
# (scram-sha-256) only, ssl=on with a throw-away self-signed certificate. Installs Debian's
# postgresql package when no server is there. Everything lives under DIR.
set -euo pipefail
what=${1:?start or stop}
dir=${2:?a folder for the cluster}

bindir() {
  local b
  b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$b" ] || [ ! -x "$b/initdb" ]; then
    apt-get install -y -q postgresql >&2 || { apt-get update -q >&2 && apt-get install -y -q postgresql >&2; }
    b=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$b"
}

as_postgres() { runuser -u postgres -- "$@"; }

case "$what" in
start)
  bin=$(bindir)
  rm -rf "$dir"
  mkdir -p "$dir"
  chown postgres "$dir"
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" > "$dir/superuser.password"
  chown postgres "$dir/superuser.password"
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth-host=scram-sha-256 \
    --auth-local=peer --pwfile="$dir/superuser.password" -E UTF8 >&2
  # A throw-away certificate authority, and the server's certificate it signs (for
  # 127.0.0.1 only: reached as localhost, verify-full refuses it); a second authority that
  # signed nothing, to be refused.
  openssl req -new -x509 -days 2 -nodes -subj "/CN=spanbench test CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" >/dev/null 2>&1
  openssl req -new -x509 -days 2 -nodes -subj "/CN=another CA" \
    -keyout "$dir/other-ca.key" -out "$dir/other-ca.crt" >/dev/null 2>&1
  openssl req -new -nodes -subj "/CN=127.0.0.1" \
    -keyout "$dir/data/server.key" -out "$dir/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
    > "$dir/server.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
    -CAcreateserial -days 2 -extfile "$dir/server.ext" -out "$dir/data/server.crt" >/dev/null 2>&1
  chown postgres "$dir/data/server.key" "$dir/data/server.crt"
  chmod 600 "$dir/data/server.key"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
ssl = on
password_encryption = 'scram-sha-256'
max_connections = 200
fsync = off
CONF
  cat > "$dir/data/pg_hba.conf" <<HBA
local all postgres peer
host  all all 127.0.0.1/32 scram-sha-256
HBA
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >&2
  as_postgres "$bin/psql" -h "$dir" -p "$port" -U postgres -q -c "CREATE DATABASE spanbench_test" >&2
  printf '127.0.0.1:%s:*:postgres:%s\n' "$port" "$password" > "$dir/pgpass"
  chmod 600 "$dir/pgpass"
  echo "export PGPASSFILE='$dir/pgpass'"
  echo "export SPANBENCH_TEST_PG_URL='postgres://postgres@127.0.0.1:$port/spanbench_test'"
  echo "export SPANBENCH_REQUIRE_PG=1"
  echo "export SPANBENCH_TEST_PG_ROOT='$dir/ca.crt'"
  echo "export SPANBENCH_TEST_PG_OTHER_ROOT='$dir/other-ca.crt'"
  ;;
stop)
  bin=$(bindir)
  if [ -d "$dir/data" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
