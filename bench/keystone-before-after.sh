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
[ -f "$bench/target/donjon-bench.jar" ] || (cd "$bench/.." && ./mvnw -q -B -DskipTests -pl bench -am package) >&2
kport="${KEYSTONE_PORT:-16220}"
work="$(mktemp -d /tmp/donjon-keystone-ab.XXXXXX)"
source "$bench/lib.sh"
bench_trap_exit
java="$(bench_java)"
bench_keystone "$work" "$kport"
ktoken="$keystone_token"

declare -A server_pid port djt
start() { # build dir port
  bench_keystone_node "$java" "$2/donjon.jar" "$work/$1/data" "$3" "$kport"
  server_pid[$1]=$node_pid port[$1]=$3 djt[$1]=$node_token
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
  bench_record_cpu "$work/run-$build-$kind-$round.err" "$work/cpu.txt" "$build" "$kind" "$round"
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
