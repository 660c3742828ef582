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
source "$bench/lib.sh"
bench_trap_exit
java="$(bench_java)"
if [ ! -f "$root/donjon-cli/target/donjon.jar" ] || [ ! -f "$bench/target/donjon-bench.jar" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl donjon-cli,bench -am package) >&2
fi
bench_keystone "$work" "$kport"
ktoken="$keystone_token"
echo "donjon: starting on port $dport" >&2
bench_keystone_node "$java" "$root/donjon-cli/target/donjon.jar" "$work/donjon" "$dport" "$kport"
server_pid=$node_pid djt=$node_token

run() { # label token round
  "$java" -Xms512m -Xmx512m -cp "$bench/target/donjon-bench.jar" dev.donjon.bench.RestLoad \
    --url "https://127.0.0.1:$dport" --cacert "$work/donjon/ca.pem" --token "$2" --op get-payload \
    --concurrency "$concurrency" --duration "${duration}s" --warmup "${warmup}s" --server-pid "$server_pid" --json \
    2> "$work/run-$1-$3.err" | sed "s/^{/{\"token\": \"$1\", \"round\": $3, /" >> "$work/results.jsonl"
  bench_record_cpu "$work/run-$1-$3.err" "$work/cpu.txt" "$1" "$3"
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
