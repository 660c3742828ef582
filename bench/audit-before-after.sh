#!/usr/bin/env bash
# REST POST and GET payload throughput and server CPU per request of two builds of Donjon, measured in one run with
# interleaved rounds, so that a shared machine's changing load weighs on both alike. By default the commit before the
# audit hash chain (01931e0, audit events without chain, reads not audited) against the working tree's HEAD.
#   bench/audit-before-after.sh [--before 01931e0] [--after HEAD] [--rounds 3] [--concurrency 16] [--duration 10]
#                               [--warmup 3]
# Each build runs as `donjon server --dev --http --port 0` (SQLite, trusted headers, ephemeral loopback ports); both
# builds are compiled offline in throwaway worktrees under /tmp (nothing installed).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
before=01931e0 after=HEAD rounds=3 concurrency=16 duration=10 warmup=3
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --after) after="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d /tmp/donjon-audit-bench.XXXXXX)"
source "$bench/lib.sh"
bench_trap_exit bench_remove_builds
java="$(bench_java)"

[ -f "$bench/target/donjon-bench.jar" ] || (cd "$root" && ./mvnw -q -B -o -DskipTests -pl bench -am package) >&2
for side in before after; do bench_build_rev "$root" "${!side}" "$work/$side"; done

start_server() { # side; sets port and pid. Port 0: a dev server with a fixed REST port also takes KMIP's 5696,
  # which two servers (or another on the machine) cannot share; with 0 both listeners take ephemeral ports.
  mkdir -p "$work/$1-data"
  (cd "$work/$1-data" && exec "$java" -jar "$work/$1/donjon-cli/target/donjon.jar" server --dev --http \
    --data-dir "$work/$1-data" --port 0 > "$work/$1.log" 2>&1) &
  pid=$!
  bench_pids+=("$pid")
  for _ in $(seq 1 180); do
    port="$(sed -n 's|.*REST listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/$1.log" | head -1)"
    [ -n "$port" ] && curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  echo "$1 did not start: $(tail -5 "$work/$1.log")" >&2; exit 1
}
start_server before; bport="$port" bpid="$pid"
start_server after; aport="$port" apid="$pid"

run() { # side port pid round
  "$java" -Xms256m -Xmx256m -cp "$bench/target/donjon-bench.jar" dev.donjon.bench.RestLoad \
    --url "http://127.0.0.1:$2" --project bench --op post,get-payload --concurrency "$concurrency" \
    --duration "${duration}s" --warmup "${warmup}s" --server-pid "$3" --json 2> "$work/run-$1-$4.err" \
    | sed "s/^{/{\"side\": \"$1\", \"round\": $4, /" >> "$work/results.jsonl"
  grep "server CPU" "$work/run-$1-$4.err" | sed "s/^/$1 round $4: /" >> "$work/cpu.txt"
}
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  # ABBA: alternate which build goes first, so a trend in the machine's load favours neither.
  if [ $((round % 2)) -eq 1 ]; then run before "$bport" "$bpid" "$round"; run after "$aport" "$apid" "$round"
  else run after "$aport" "$apid" "$round"; run before "$bport" "$bpid" "$round"; fi
done

/usr/bin/python3 - "$work/results.jsonl" "$work/cpu.txt" "$before" "$after" <<'EOF'
import json, re, sys, statistics
results = [json.loads(line) for line in open(sys.argv[1])]
cpu = {}
for line in open(sys.argv[2]):
    m = re.match(r"(\w+) round (\d+): (\S+) @\d+: server CPU ([\d.]+) us", line)
    if m:
        cpu[(m.group(1), int(m.group(2)), m.group(3))] = float(m.group(4))
print(f"before = {sys.argv[3]}, after = {sys.argv[4]}")
print(f"{'op':12} {'side':7} {'round':>5} {'ops/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU us/op':>10} {'errors':>6}")
for r in results:
    print(f"{r['op']:12} {r['side']:7} {r['round']:>5} {r['ops_per_s']:>9.1f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} "
          f"{cpu.get((r['side'], r['round'], r['op']), float('nan')):>10.1f} {r['errors']:>6}")
print()
print(f"{'op':12} {'before ops/s':>12} {'after ops/s':>12} {'ratio':>6} {'before CPU':>11} {'after CPU':>10} {'ratio':>6}  (medians over rounds; CPU in us per request)")
for op in sorted({r['op'] for r in results}):
    def med(side, key):
        return statistics.median([r[key] for r in results if r['op'] == op and r['side'] == side])
    def medcpu(side):
        values = [v for (s, _, o), v in cpu.items() if s == side and o == op]
        return statistics.median(values) if values else float('nan')
    b, a = med('before', 'ops_per_s'), med('after', 'ops_per_s')
    bc, ac = medcpu('before'), medcpu('after')
    print(f"{op:12} {b:>12.1f} {a:>12.1f} {a / b:>6.2f} {bc:>11.1f} {ac:>10.1f} {ac / bc:>6.2f}")
EOF
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); raw results in $work" >&2
