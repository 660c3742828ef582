#!/usr/bin/env bash
# The SQLite writer thread's CPU per write, two builds side by side in one run, interleaved rounds (ABBA): REST POST
# secret at concurrency 16 and KMIP Create AES-256 at 8 against `server --dev --http --port 0` of each build.
#   bench/writer-thread-before-after.sh --before DIR --after DIR [--rounds 2] [--duration 8] [--warmup 3]
# DIR holds a build's donjon.jar and its lib/ (a copy of donjon-cli/target). Each run reports, per build:
#   - the whole server process's CPU per operation over the load generator's measured window (--server-pid);
#   - the writer thread's (`donjon-sqlite-writer`, /proc/PID/task/TID/stat) user and system CPU per write over a
#     window inside the run: from 2 s after the warm-up to 2 s before the end, the writes being counted exactly as the
#     audit events committed in that window (every write of these runs appends one: SECRET_CREATE). Needs sqlite3.
# One unmeasured round warms both servers first. The writer's system time is mostly the WAL writes and fsyncs.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
before="" after="" rounds=2 duration=8 warmup=3
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --after) after="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$before/donjon.jar" ] && [ -f "$after/donjon.jar" ] || { echo "--before DIR --after DIR, each with donjon.jar" >&2; exit 2; }
[ "$duration" -ge 6 ] || { echo "--duration must be at least 6 (seconds): the writer's window leaves 2 s at each end" >&2; exit 2; }
command -v sqlite3 > /dev/null || { echo "needs the sqlite3 command (counts the committed writes)" >&2; exit 2; }
jar="$bench/target/donjon-bench.jar"
[ -f "$jar" ] || { echo "build $jar first: ./mvnw -o -q -DskipTests package -pl bench -am" >&2; exit 2; }
work="$(mktemp -d /tmp/donjon-writer-bench.XXXXXX)"
source "$bench/lib.sh"
bench_trap_exit
declare -A dir=([before]="$before" [after]="$after") url pid kport tid db

writer_tid() { # pid
  local task
  for task in /proc/"$1"/task/*; do
    [ "$(cat "$task/comm" 2>/dev/null)" = "donjon-sqlite-w" ] && { basename "$task"; return 0; }
  done
  echo "no donjon-sqlite-writer thread in process $1" >&2; return 1
}
# "utime stime" of the writer thread, in clock ticks, then the last audit sequence number committed.
sample() { # side
  local stat
  stat="$(sed 's/.*) //' "/proc/${pid[$1]}/task/${tid[$1]}/stat")"
  echo "$(echo "$stat" | awk '{print $12, $13}') $(sqlite3 "file:${db[$1]}?mode=ro" 'SELECT MAX(seq) FROM audit_events')"
}

for side in before after; do
  bench_start_sqlite "$side" "${dir[$side]}/donjon.jar"
  pid[$side]=$bench_pid; url[$side]=$bench_url; kport[$side]=$bench_kport
  tid[$side]="$(writer_tid "$bench_pid")"
  db[$side]="$(ls "$work/$side"/*.db | head -1)"
done
tick_us=$((1000000 / $(getconf CLK_TCK)))
results="$work/results.txt"

run() { # side op round
  local data="$work/$1" err="$work/$1-$2-$3.err" out="$work/$1-$2-$3.out" load s0 s1 cpu
  if [ "$2" = post ]; then
    "$java" -Xms256m -Xmx256m -cp "$jar" dev.donjon.bench.RestLoad --url "${url[$1]}" --project bench --roles admin \
      --op post --concurrency 16 --duration "${duration}s" --warmup "${warmup}s" --server-pid "${pid[$1]}" --json \
      > "$out" 2> "$err" &
  else
    "$java" -Xms256m -Xmx256m -cp "$jar" dev.donjon.bench.KmipLoad --port "${kport[$1]}" --cacert "$data/ca.pem" \
      --cert "$data/kmip-client.pem" --key "$data/kmip-client-key.pem" --op create --concurrency 8 \
      --duration "${duration}s" --warmup "${warmup}s" --server-pid "${pid[$1]}" --json > "$out" 2> "$err" &
  fi
  load=$!
  # The window starts 2 s after the load generator's warm-up, which starts with its first write (its JVM's start and,
  # for KMIP, its TLS handshakes take a varying time first), and ends 2 s before its end.
  s0="$(sample "$1")"
  while [ "$(sample "$1" | cut -d' ' -f3)" = "$(echo "$s0" | cut -d' ' -f3)" ]; do
    kill -0 "$load" 2>/dev/null || { echo "the load generator ended before writing: $(tail -1 "$err")" >&2; exit 1; }
    sleep 0.1
  done
  sleep $((warmup + 2)); s0="$(sample "$1")"
  sleep $((duration - 4)); s1="$(sample "$1")"
  wait "$load"
  cpu="$(sed -n 's/.*server CPU \([0-9.]*\) us.*/\1/p' "$err" | head -1)"
  python3 - "$3" "$1" "$2" "$(cat "$out")" "${cpu:-nan}" "$s0" "$s1" "$tick_us" >> "$results" <<'EOF'
import json, sys
rnd, side, op, line, cpu, s0, s1, tick = sys.argv[1:9]
r = json.loads(line); u0, k0, q0 = map(int, s0.split()); u1, k1, q1 = map(int, s1.split()); n = q1 - q0
print(rnd, side, op, r["ops_per_s"], r["errors"], cpu, n, (u1 - u0) * int(tick) / n, (k1 - k0) * int(tick) / n)
EOF
}
side_runs() { run "$1" post "$2"; run "$1" create "$2"; }

echo "servers up (load average $(cut -d' ' -f1-3 /proc/loadavg)); an unmeasured round warms them" >&2
for side in before after; do side_runs "$side" 0; done
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  if [ $((round % 2)) -eq 1 ]; then side_runs before "$round"; side_runs after "$round"
  else side_runs after "$round"; side_runs before "$round"; fi
done
bench_stop_all

python3 - "$results" <<'EOF'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    print("round %s %-6s %-6s %9.1f ops/s, %s errors, process %7.1f us/op; writer over %5d writes: user %6.1f + system %6.1f us/write" % (
        f[0], f[1], f[2], float(f[3]), f[4], float(f[5]), int(f[6]), float(f[7]), float(f[8])))
    if f[0] != '0':
        rows[(f[2], f[1])].append((float(f[3]), float(f[5]), float(f[7]), float(f[8])))
med = lambda xs, i: statistics.median(x[i] for x in xs)
print(f"{'op':7} {'':6} {'ops/s':>8} {'process us/op':>14} {'writer user':>12} {'writer sys':>11} {'writer total':>13}")
for op in ('post', 'create'):
    for side in ('before', 'after'):
        xs = rows[(op, side)]
        if xs:
            print(f"{op:7} {side:6} {med(xs,0):>8.1f} {med(xs,1):>14.1f} {med(xs,2):>12.1f} {med(xs,3):>11.1f} "
                  f"{statistics.median(x[2] + x[3] for x in xs):>13.1f}")
EOF
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); raw results in $work" >&2
