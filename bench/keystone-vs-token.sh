#!/usr/bin/env bash
# REST GET payload with Keystone tokens against Donjon API tokens, same server, same secret, same concurrency.
# Starts a throwaway Keystone (Debian's keystone package, SQLite in a temporary directory) and a Donjon node
# configured with auth.keystone; the Keystone token is validated once, then served from Donjon's cache, which is
# what the comparison measures (goal: within 10 %). The two kinds of token take turns over --rounds rounds (ABBA), so
# that a shared machine's changing load weighs on both alike; each run reports the server's CPU time per request.
#   bench/keystone-vs-token.sh [--concurrency 16] [--duration 20] [--warmup 5] [--rounds 3]
# Ports: KEYSTONE_PORT (16210) and DONJON_PORT (16211) on loopback.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
concurrency=16 duration=20 warmup=5 rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --concurrency) concurrency="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
kport="${KEYSTONE_PORT:-16210}" dport="${DONJON_PORT:-16211}"
work="$(mktemp -d /tmp/donjon-keystone-bench.XXXXXX)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

[ -x /usr/bin/keystone-manage ] || { echo "needs Debian's keystone package (apt-get install keystone)" >&2; exit 1; }
if [ ! -f "$root/donjon-cli/target/donjon.jar" ] || [ ! -f "$bench/target/donjon-bench.jar" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl donjon-cli,bench -am package) >&2
fi

echo "keystone: setting up in $work" >&2
admin_password="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
cat > "$work/keystone.conf" <<EOF
[DEFAULT]
log_file = $work/keystone.log
[database]
connection = sqlite:///$work/keystone.db
[token]
provider = fernet
[fernet_tokens]
key_repository = $work/fernet-keys
[fernet_receipts]
key_repository = $work/fernet-receipts
[credential]
key_repository = $work/credential-keys
[identity]
password_hash_rounds = 4
[cache]
enabled = true
backend = dogpile.cache.memory
EOF
manage() { keystone-manage --config-file "$work/keystone.conf" "$@" >> "$work/manage.log" 2>&1; }
manage db_sync
/usr/bin/python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode=WAL')" \
  "$work/keystone.db"
manage fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
manage credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
manage bootstrap --bootstrap-password "$admin_password" --bootstrap-public-url "http://127.0.0.1:$kport/v3/" \
  --bootstrap-region-id RegionOne
(cd "$work" && OS_KEYSTONE_CONFIG_FILES="$work/keystone.conf" exec /usr/bin/python3 /usr/bin/keystone-wsgi-public \
  --host 127.0.0.1 --port "$kport" > "$work/server.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$kport/v3" && break; sleep 1; done

keystone_token() {
  curl -sf -D - -o /dev/null -H 'Content-Type: application/json' "http://127.0.0.1:$kport/v3/auth/tokens" -d \
    "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"admin\",
      \"domain\": {\"id\": \"default\"}, \"password\": \"$admin_password\"}}}, \"scope\": {\"project\":
      {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}}}}}" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: //p'
}
ktoken="$(keystone_token)"
[ -n "$ktoken" ] || { echo "cannot log in to Keystone: $(tail -5 "$work/keystone.log")" >&2; exit 1; }

echo "donjon: starting on port $dport" >&2
mkdir -p "$work/donjon"
# A dev start makes the data directory's PKI (server certificate for 127.0.0.1) and master key; then a production
# configuration runs on it.
"$root/donjon" server --dev --data-dir "$work/donjon" --port "$dport" > "$work/donjon-dev.log" 2>&1 &
devpid=$!
for _ in $(seq 1 120); do curl -sk -o /dev/null "https://127.0.0.1:$dport/" && break; sleep 1; done
kill "$devpid"; wait "$devpid" 2>/dev/null || true
cat > "$work/donjon.yaml" <<EOF
data_dir: $work/donjon
listen: {host: 127.0.0.1, port: $dport}
tls: {certificate: server.pem, private_key: server-key.pem}
auth:
  api_tokens: true
  keystone: {url: "http://127.0.0.1:$kport", service_user: admin, service_password: "$admin_password",
             service_project: admin, cache_seconds: 300}
EOF
"$root/donjon" server --config "$work/donjon.yaml" > "$work/donjon.log" 2>&1 &
pids+=($!)
server_pid=$!
for _ in $(seq 1 120); do curl -sk -o /dev/null "https://127.0.0.1:$dport/" && break; sleep 1; done

project="$(curl -sf -H "X-Auth-Token: $ktoken" "http://127.0.0.1:$kport/v3/auth/tokens" -H "X-Subject-Token: $ktoken" \
  | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["token"]["project"]["id"])')"
djt="$("$root/donjon" token create --config "$work/donjon.yaml" --project "$project" --roles admin 2>/dev/null \
  | grep -o 'djt_[A-Za-z0-9_-]*' | head -1)"
[ -n "$djt" ] || { echo "cannot create a Donjon token" >&2; exit 1; }

java_version() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
java21() {
  local candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)" \
      /usr/lib/jvm/*/bin/java /usr/local/lib/jvm/*/bin/java /opt/java/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version="$(java_version "$candidate")"
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}
java="$(java21)" || { echo "needs a JDK 21 or newer (set JAVA_HOME)" >&2; exit 1; }

run() { # label token round
  "$java" -Xms512m -Xmx512m -cp "$bench/target/donjon-bench.jar" dev.donjon.bench.RestLoad \
    --url "https://127.0.0.1:$dport" --cacert "$work/donjon/ca.pem" --token "$2" --op get-payload \
    --concurrency "$concurrency" --duration "${duration}s" --warmup "${warmup}s" --server-pid "$server_pid" --json \
    2> "$work/run-$1-$3.err" | sed "s/^{/{\"token\": \"$1\", \"round\": $3, /" >> "$work/results.jsonl"
  sed -n 's/.*server CPU \([0-9.]*\) us per \(operation\|request\).*/\1/p' "$work/run-$1-$3.err" \
    | sed "s/^/$1 $3 /" >> "$work/cpu.txt"
}
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  if [ $((round % 2)) -eq 1 ]; then run donjon "$djt" "$round"; run keystone "$ktoken" "$round"
  else run keystone "$ktoken" "$round"; run donjon "$djt" "$round"; fi
done
/usr/bin/python3 - "$work/results.jsonl" "$work/cpu.txt" <<'EOF'
import json, sys, statistics
results = [json.loads(line) for line in open(sys.argv[1])]
cpu = {}
for line in open(sys.argv[2]):
    label, rnd, value = line.split()
    cpu[(label, int(rnd))] = float(value)
print(f"{'token':9} {'round':>5} {'ops/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU us/op':>10} {'errors':>6}")
for r in results:
    print(f"{r['token']:9} {r['round']:>5} {r['ops_per_s']:>9.1f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} "
          f"{cpu.get((r['token'], r['round']), float('nan')):>10.1f} {r['errors']:>6}")
def med(label, key):
    return statistics.median([r[key] for r in results if r['token'] == label])
def medcpu(label):
    return statistics.median([v for (l, _), v in cpu.items() if l == label])
d, k = med('donjon', 'ops_per_s'), med('keystone', 'ops_per_s')
print(f"\nmedian ops/s: Donjon token {d:.1f}, Keystone token {k:.1f}, Keystone/Donjon {k / d:.3f}")
print(f"median server CPU per request: Donjon token {medcpu('donjon'):.1f} us, Keystone token "
      f"{medcpu('keystone'):.1f} us, Keystone/Donjon {medcpu('keystone') / medcpu('donjon'):.3f}")
EOF
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
