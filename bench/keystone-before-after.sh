#!/usr/bin/env bash
# The Keystone-token overhead of two builds in one interleaved run: REST GET payload at --concurrency with a Keystone
# token (validated once, then served from Donjon's cache) and with a Donjon API token, on a server of each build, all
# against one throwaway Keystone. Each round runs the four combinations, in an order that alternates from round to
# round (a shared machine's changing load weighs on all alike), and each run reports the server's CPU per request;
# the figure compared is Keystone/Donjon CPU per request of each build.
#   bench/keystone-before-after.sh --before DIR --after DIR [--rounds 4] [--concurrency 16] [--duration 20]
# DIR holds a build's donjon.jar and lib/ (copy donjon-cli/target/{donjon.jar,lib} after `./mvnw -DskipTests -pl
# donjon-cli -am package` at each commit). Ports: KEYSTONE_PORT (16220), BEFORE_PORT (16221), AFTER_PORT (16222).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
before="" after="" concurrency=16 duration=20 warmup=5 rounds=4
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --after) after="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$before/donjon.jar" ] && [ -f "$after/donjon.jar" ] || { echo "--before and --after must hold donjon.jar" >&2; exit 2; }
[ -x /usr/bin/keystone-manage ] || { echo "needs Debian's keystone package (apt-get install keystone)" >&2; exit 1; }
[ -f "$bench/target/donjon-bench.jar" ] || (cd "$bench/.." && ./mvnw -q -B -DskipTests -pl bench -am package) >&2
kport="${KEYSTONE_PORT:-16220}"
work="$(mktemp -d /tmp/donjon-keystone-ab.XXXXXX)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

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
ktoken="$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' "http://127.0.0.1:$kport/v3/auth/tokens" -d \
    "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"admin\",
      \"domain\": {\"id\": \"default\"}, \"password\": \"$admin_password\"}}}, \"scope\": {\"project\":
      {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}}}}}" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: //p')"
[ -n "$ktoken" ] || { echo "cannot log in to Keystone: $(tail -5 "$work/keystone.log")" >&2; exit 1; }
project="$(curl -sf -H "X-Auth-Token: $ktoken" "http://127.0.0.1:$kport/v3/auth/tokens" -H "X-Subject-Token: $ktoken" \
  | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["token"]["project"]["id"])')"

declare -A server_pid port djt
start() { # build dir port
  local build=$1 dir=$2 p=$3 data="$work/$1"
  mkdir -p "$data"
  # A dev start makes the data directory's PKI and master key; then a production configuration runs on it.
  "$java" --enable-native-access=ALL-UNNAMED -jar "$dir/donjon.jar" server --dev --data-dir "$data/data" --port "$p" \
    > "$data/dev.log" 2>&1 &
  local devpid=$!
  for _ in $(seq 1 300); do curl -sk -o /dev/null "https://127.0.0.1:$p/" && break; sleep 1; done
  kill "$devpid"; wait "$devpid" 2>/dev/null || true
  cat > "$data/donjon.yaml" <<EOF
data_dir: $data/data
listen: {host: 127.0.0.1, port: $p}
tls: {certificate: server.pem, private_key: server-key.pem}
auth:
  api_tokens: true
  keystone: {url: "http://127.0.0.1:$kport", service_user: admin, service_password: "$admin_password",
             service_project: admin, cache_seconds: 300}
EOF
  "$java" --enable-native-access=ALL-UNNAMED -jar "$dir/donjon.jar" server --config "$data/donjon.yaml" \
    > "$data/server.log" 2>&1 &
  server_pid[$build]=$!
  pids+=($!)
  port[$build]=$p
  for _ in $(seq 1 300); do curl -sk -o /dev/null "https://127.0.0.1:$p/" && break; sleep 1; done
  djt[$build]="$("$java" -jar "$dir/donjon.jar" token create --config "$data/donjon.yaml" --project "$project" \
    --roles admin 2>/dev/null | grep -o 'djt_[A-Za-z0-9_-]*' | head -1)"
  [ -n "${djt[$build]}" ] || { echo "cannot create a Donjon token on the $build server" >&2; exit 1; }
}
echo "donjon: starting both builds" >&2
start before "$before" "${BEFORE_PORT:-16221}"
start after "$after" "${AFTER_PORT:-16222}"

run() { # build token-kind round
  local build=$1 kind=$2 round=$3 token
  [ "$kind" = keystone ] && token="$ktoken" || token="${djt[$build]}"
  "$java" -Xms256m -Xmx256m -cp "$bench/target/donjon-bench.jar" dev.donjon.bench.RestLoad \
    --url "https://127.0.0.1:${port[$build]}" --cacert "$work/$build/data/ca.pem" --token "$token" --op get-payload \
    --concurrency "$concurrency" --duration "${duration}s" --warmup "${warmup}s" --server-pid "${server_pid[$build]}" \
    --json 2> "$work/run-$build-$kind-$round.err" \
    | sed "s/^{/{\"build\": \"$build\", \"token\": \"$kind\", \"round\": $round, /" >> "$work/results.jsonl"
  sed -n 's/.*server CPU \([0-9.]*\) us per \(operation\|request\).*/\1/p' "$work/run-$build-$kind-$round.err" \
    | sed "s/^/$build $kind $round /" >> "$work/cpu.txt"
}
# Warm both servers with both tokens (JIT, caches) before anything is measured.
for build in before after; do for kind in donjon keystone; do run "$build" "$kind" 0; done; done
orders=("before:donjon before:keystone after:donjon after:keystone"
        "after:keystone after:donjon before:keystone before:donjon"
        "before:keystone before:donjon after:keystone after:donjon"
        "after:donjon after:keystone before:donjon before:keystone")
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  for step in ${orders[$(( (round - 1) % 4 ))]}; do run "${step%%:*}" "${step##*:}" "$round"; done
done
/usr/bin/python3 - "$work/results.jsonl" "$work/cpu.txt" <<'EOF'
import json, sys, statistics
results = [json.loads(line) for line in open(sys.argv[1]) if json.loads(line)['round'] > 0]
cpu = {}
for line in open(sys.argv[2]):
    build, kind, rnd, value = line.split()
    if int(rnd) > 0:
        cpu[(build, kind, int(rnd))] = float(value)
print(f"{'build':6} {'token':9} {'round':>5} {'ops/s':>9} {'p99 ms':>8} {'CPU us/op':>10} {'errors':>6}")
for r in results:
    print(f"{r['build']:6} {r['token']:9} {r['round']:>5} {r['ops_per_s']:>9.1f} {r['p99_ms']:>8.2f} "
          f"{cpu.get((r['build'], r['token'], r['round']), float('nan')):>10.1f} {r['errors']:>6}")
print()
for build in ('before', 'after'):
    rounds = sorted({k[2] for k in cpu if k[0] == build})
    ratios = [cpu[(build, 'keystone', n)] / cpu[(build, 'donjon', n)] for n in rounds
              if (build, 'keystone', n) in cpu and (build, 'donjon', n) in cpu]
    ops = lambda kind: statistics.median([r['ops_per_s'] for r in results if r['build'] == build and r['token'] == kind])
    cpus = lambda kind: statistics.median([v for (b, k, _), v in cpu.items() if b == build and k == kind])
    print(f"{build}: median CPU/request Donjon token {cpus('donjon'):.1f} us, Keystone token {cpus('keystone'):.1f} us; "
          f"Keystone/Donjon CPU per round {', '.join(f'{x:.3f}' for x in ratios)} (median {statistics.median(ratios):.3f}); "
          f"ops/s Keystone/Donjon {ops('keystone') / ops('donjon'):.3f}")
EOF
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
