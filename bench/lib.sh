# Shell functions the bench scripts share; source it after setting `bench` (this folder) and `work` (a scratch folder).
#   source "$bench/lib.sh"
# Nothing here runs on its own: every function is called by a script that documents its own options and ports.

# Processes a script started; bench_stop_all kills them (the EXIT trap that bench_trap_exit installs calls it).
bench_pids=()
bench_stop_all() {
  local pid
  for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${bench_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bench_pids=()
}
# Kills what was started, then runs the script's own clean-up (a function name, optional) on any exit.
bench_trap_exit() { # [extra-cleanup-function]
  bench_extra_cleanup="${1:-}"
  trap 'bench_stop_all; [ -z "$bench_extra_cleanup" ] || "$bench_extra_cleanup"' EXIT
}

bench_java_version() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Prints the first JDK 21 or newer: JAVA_HOME, then PATH, then the usual install folders.
bench_java() {
  local candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)" \
      /usr/lib/jvm/*/bin/java /usr/local/lib/jvm/*/bin/java /opt/java/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version="$(bench_java_version "$candidate")"
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  echo "$(basename "$0" .sh): needs a JDK 21 or newer (set JAVA_HOME)" >&2
  return 1
}

# Builds revision REV of the repository ROOT into the throwaway worktree DIR (offline, nothing installed); the
# server jar is then DIR/donjon-cli/target/donjon.jar. bench_remove_builds removes every such worktree.
bench_built=()
bench_build_rev() { # root rev dir
  echo "building $(git -C "$1" log --oneline -1 "$2") in $3" >&2
  git -C "$1" worktree add --detach "$3" "$2" > /dev/null 2>&1
  bench_built+=("$1:$3")
  (cd "$3" && ./mvnw -q -B -o -DskipTests -pl donjon-cli -am package) >&2
}
bench_remove_builds() {
  local entry
  for entry in "${bench_built[@]}"; do git -C "${entry%%:*}" worktree remove --force "${entry#*:}" 2>/dev/null || true; done
}

# A throwaway Keystone (Debian's keystone package, SQLite under WORK/keystone) on 127.0.0.1:PORT, bootstrapped with an
# admin user. Sets keystone_admin_password, keystone_token (a project-scoped admin token) and keystone_project.
bench_keystone() { # work port
  local dir="$1/keystone" port="$2"
  [ -x /usr/bin/keystone-manage ] || { echo "needs Debian's keystone package (apt-get install keystone)" >&2; return 1; }
  mkdir -p "$dir"
  echo "keystone: setting up in $dir" >&2
  keystone_admin_password="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
  cat > "$dir/keystone.conf" <<EOF
[DEFAULT]
log_file = $dir/keystone.log
[database]
connection = sqlite:///$dir/keystone.db
[token]
provider = fernet
[fernet_tokens]
key_repository = $dir/fernet-keys
[fernet_receipts]
key_repository = $dir/fernet-receipts
[credential]
key_repository = $dir/credential-keys
[identity]
password_hash_rounds = 4
[cache]
enabled = true
backend = dogpile.cache.memory
EOF
  local manage=(keystone-manage --config-file "$dir/keystone.conf")
  "${manage[@]}" db_sync >> "$dir/manage.log" 2>&1
  # WAL, so that token validations (reads) do not wait behind Keystone's own writes.
  /usr/bin/python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode=WAL')" "$dir/keystone.db"
  "${manage[@]}" fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)" >> "$dir/manage.log" 2>&1
  "${manage[@]}" credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)" >> "$dir/manage.log" 2>&1
  "${manage[@]}" bootstrap --bootstrap-password "$keystone_admin_password" \
    --bootstrap-public-url "http://127.0.0.1:$port/v3/" --bootstrap-region-id RegionOne >> "$dir/manage.log" 2>&1
  (cd "$dir" && OS_KEYSTONE_CONFIG_FILES="$dir/keystone.conf" exec /usr/bin/python3 /usr/bin/keystone-wsgi-public \
    --host 127.0.0.1 --port "$port" > "$dir/server.log" 2>&1) &
  bench_pids+=($!)
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/v3" && break; sleep 1; done
  keystone_token="$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' "http://127.0.0.1:$port/v3/auth/tokens" -d \
    "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"admin\",
      \"domain\": {\"id\": \"default\"}, \"password\": \"$keystone_admin_password\"}}}, \"scope\": {\"project\":
      {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}}}}}" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: //p')"
  [ -n "$keystone_token" ] || { echo "cannot log in to Keystone: $(tail -5 "$dir/keystone.log")" >&2; return 1; }
  keystone_project="$(curl -sf -H "X-Auth-Token: $keystone_token" -H "X-Subject-Token: $keystone_token" \
    "http://127.0.0.1:$port/v3/auth/tokens" \
    | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["token"]["project"]["id"])')"
}

# A production-configured Donjon node on https://127.0.0.1:PORT that accepts Donjon API tokens and Keystone tokens
# (validated against 127.0.0.1:KEYSTONE_PORT, cached 300 s): a dev start makes DATA's PKI (certificate for 127.0.0.1,
# DATA/ca.pem) and master key, then the production configuration DATA.yaml runs on it. Sets node_pid and node_token (a
# Donjon API token for keystone_project with the admin role). Call bench_keystone first.
bench_keystone_node() { # java jar data port keystone-port
  local java="$1" jar="$2" data="$3" port="$4" kport="$5" devpid
  mkdir -p "$data"
  "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" server --dev --data-dir "$data" --port "$port" \
    > "$data.dev.log" 2>&1 &
  devpid=$!
  for _ in $(seq 1 300); do curl -sk -o /dev/null "https://127.0.0.1:$port/" && break; sleep 1; done
  kill "$devpid"; wait "$devpid" 2>/dev/null || true
  cat > "$data.yaml" <<EOF
data_dir: $data
listen: {host: 127.0.0.1, port: $port}
tls: {certificate: server.pem, private_key: server-key.pem}
auth:
  api_tokens: true
  keystone: {url: "http://127.0.0.1:$kport", service_user: admin, service_password: "$keystone_admin_password",
             service_project: admin, cache_seconds: 300}
EOF
  "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" server --config "$data.yaml" > "$data.log" 2>&1 &
  node_pid=$!
  bench_pids+=($!)
  for _ in $(seq 1 300); do curl -sk -o /dev/null "https://127.0.0.1:$port/" && break; sleep 1; done
  node_token="$("$java" -jar "$jar" token create --config "$data.yaml" --project "$keystone_project" --roles admin \
    2>/dev/null | grep -o 'djt_[A-Za-z0-9_-]*' | head -1)"
  [ -n "$node_token" ] || { echo "cannot create a Donjon token on the node in $data" >&2; return 1; }
}

# Appends the server CPU per request that a load generator printed on standard error (file ERR) to CPU, as one line
# "LABEL... VALUE" (LABEL being the remaining arguments).
bench_record_cpu() { # err cpu label...
  local err="$1" cpu="$2"; shift 2
  sed -n 's/.*server CPU \([0-9.]*\) us per \(operation\|request\).*/\1/p' "$err" | sed "s/^/$* /" >> "$cpu"
}

# Waits until FILE holds PATTERN (a server's log line); exits the script if process PID ends first or after 5 min.
bench_await_log() { # file pattern pid
  for _ in $(seq 1 1500); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || break
    sleep 0.2
  done
  echo "server did not start: $(tail -5 "$1")" >&2; exit 1
}

# `server --dev --http --port 0` of JAR (run by $java) on the data directory $work/NAME: REST on plain HTTP with trusted
# headers, KMIP over TLS. Sets bench_pid, bench_url (http://127.0.0.1:PORT) and bench_kport (the KMIP port).
bench_start_sqlite() { # name jar
  local data="$work/$1"
  mkdir -p "$data"
  "$java" --enable-native-access=ALL-UNNAMED -Xlog:disable -jar "$2" server --dev --http \
    --data-dir "$data" --port 0 > "$data/log" 2>&1 &
  bench_pid=$!; bench_pids+=($!)
  bench_await_log "$data/log" "ready in" "$bench_pid"
  bench_url="http://127.0.0.1:$(sed -n 's|.*REST listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$data/log" | head -1)"
  bench_kport="$(sed -n 's|.*KMIP listening on 127.0.0.1:\([0-9]*\).*|\1|p' "$data/log" | head -1)"
}

# JAR (run by $java) on PostgreSQL: the database DB on 127.0.0.1:5432 (trust auth; dropped and created afresh), data
# directory $work/NAME, plain HTTP on PORT behind an assumed TLS proxy, trusted headers, pool_size 16. Sets bench_pid
# and bench_url.
bench_start_postgres() { # name jar port db
  local data="$work/$1"
  mkdir -p "$data"
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $4" -c "CREATE DATABASE $4" >/dev/null
  printf 'data_dir: %s\nlisten: {host: 127.0.0.1, port: %s}\nbehind_tls_proxy: true\nauth: {trusted_headers: true}\n'\
'database: {url: "jdbc:postgresql://127.0.0.1:5432/%s", user: postgres, pool_size: 16}\n' "$data" "$3" "$4" \
    > "$data/config.yaml"
  "$java" --enable-native-access=ALL-UNNAMED -Xlog:disable -jar "$2" master-key init --config "$data/config.yaml" > /dev/null
  "$java" --enable-native-access=ALL-UNNAMED -Xlog:disable -jar "$2" server --config "$data/config.yaml" \
    > "$data/log" 2>&1 &
  bench_pid=$!; bench_pids+=($!)
  bench_await_log "$data/log" "REST listening" "$bench_pid"
  bench_url="http://127.0.0.1:$3"
}
