#!/usr/bin/env bash
# Two builds of Donjon side by side in one run, interleaved rounds (ABBA), server CPU per request from /proc: REST POST
# and GET payload (SQLite and PostgreSQL), KMIP Create and Get (SQLite), then the start-up of each build.
#   bench/writes-before-after.sh --before DIR --after DIR [--rounds 2] [--duration 6] [--warmup 3] [--starts 3]
# DIR holds a build's donjon.jar and its lib/ (a copy of donjon-cli/target after `./mvnw -o -DskipTests package
# -pl donjon-cli -am`). SQLite: `server --dev --http --port 0` (REST plain HTTP, trusted headers; KMIP over TLS).
# PostgreSQL: one database per build on 127.0.0.1:5432 (trust auth), plain HTTP behind an assumed proxy, REST on
# ports 27601 (before) and 27602 (after), or --pg-ports BEFORE,AFTER (another session's run may hold those). --starts 0
# skips the start-up part.
# Start-up: `server --dev` on an existing data directory, from launching java to the first /healthz answer, each
# build with its launcher's cache: --before-cache / --after-cache `cds` (dynamic CDS archive, the launcher before
# JDK 25) or `aot` (JDK 25 AOT cache); a first unmeasured start records it.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
before="" after="" rounds=2 duration=6 warmup=3 starts=3 before_cache=cds after_cache=aot pg_ports=27601,27602
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --after) after="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --starts) starts="$2"; shift 2 ;;
    --before-cache) before_cache="$2"; shift 2 ;;
    --after-cache) after_cache="$2"; shift 2 ;;
    --pg-ports) pg_ports="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$before/donjon.jar" ] && [ -f "$after/donjon.jar" ] || { echo "--before DIR --after DIR, each with donjon.jar" >&2; exit 2; }
jar="$bench/target/donjon-bench.jar"
[ -f "$jar" ] || { echo "build $jar first: ./mvnw -o -q -DskipTests package -pl bench -am" >&2; exit 2; }
work="$(mktemp -d /tmp/donjon-writes-bench.XXXXXX)"
source "$bench/lib.sh"
bench_trap_exit
declare -A dir=([before]="$before" [after]="$after") url pid kport

start_sqlite() { # side
  bench_start_sqlite "$1-sqlite" "${dir[$1]}/donjon.jar"
  pid[$1-sqlite]=$bench_pid; url[$1-sqlite]=$bench_url; kport[$1]=$bench_kport
}

start_postgres() { # side port
  bench_start_postgres "$1-pg" "${dir[$1]}/donjon.jar" "$2" "donjon_writes_bench_$1_$2"
  pid[$1-pg]=$bench_pid; url[$1-pg]=$bench_url
}

results="$work/results.txt"
rest() { # side backend op concurrency round
  local err="$work/rest-$1-$2-$3-$5.err" line cpu
  line="$("$java" -Xms256m -Xmx256m -cp "$jar" dev.donjon.bench.RestLoad --url "${url[$1-$2]}" --project bench \
    --roles admin --op "$3" --concurrency "$4" --duration "${duration}s" --warmup "${warmup}s" \
    --server-pid "${pid[$1-$2]}" --json 2> "$err")"
  cpu="$(sed -n 's/.*server CPU \([0-9.]*\) us.*/\1/p' "$err" | head -1)"
  echo "$5 $1 $2 $3 $4 $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["ops_per_s"], r["p50_ms"], r["p99_ms"], r["errors"])' "$line") ${cpu:-nan}" >> "$results"
}
kmip() { # side op concurrency round
  local data="$work/$1-sqlite" err="$work/kmip-$1-$2-$4.err" line cpu
  line="$("$java" -Xms256m -Xmx256m -cp "$jar" dev.donjon.bench.KmipLoad --port "${kport[$1]}" --cacert "$data/ca.pem" \
    --cert "$data/kmip-client.pem" --key "$data/kmip-client-key.pem" --op "$2" --concurrency "$3" \
    --duration "${duration}s" --warmup "${warmup}s" --server-pid "${pid[$1-sqlite]}" --json 2> "$err")"
  cpu="$(sed -n 's/.*server CPU \([0-9.]*\) us.*/\1/p' "$err" | head -1)"
  echo "$4 $1 sqlite kmip-$2 $3 $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["ops_per_s"], r["p50_ms"], r["p99_ms"], r["errors"])' "$line") ${cpu:-nan}" >> "$results"
}
side_runs() { # side round
  rest "$1" sqlite post 16 "$2"; rest "$1" sqlite get-payload 16 "$2"
  kmip "$1" create 8 "$2"; kmip "$1" get 8 "$2"
  rest "$1" pg post 16 "$2"; rest "$1" pg get-payload 16 "$2"
}

for side in before after; do start_sqlite "$side"; start_postgres "$side" "$([ $side = before ] && echo "${pg_ports%,*}" || echo "${pg_ports#*,}")"; done
echo "servers up (load average $(cut -d' ' -f1-3 /proc/loadavg)); an unmeasured round warms them" >&2
for side in before after; do side_runs "$side" 0; done
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  if [ $((round % 2)) -eq 1 ]; then side_runs before "$round"; side_runs after "$round"
  else side_runs after "$round"; side_runs before "$round"; fi
done
bench_stop_all

startup() { # side cache -> "wall_ms cpu_ms"
  local data="$work/$1-start" flags=() t0 p port
  mkdir -p "$data"
  case "$2" in
    cds) flags=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$work/$1.jsa") ;;
    aot) if [ -f "$work/$1.aot" ]; then flags=(-XX:AOTCache="$work/$1.aot"); else flags=(-XX:AOTCacheOutput="$work/$1.aot"); fi ;;
  esac
  : > "$data/log"
  t0=$(date +%s%N)
  "$java" --enable-native-access=ALL-UNNAMED -Xlog:disable "${flags[@]}" -jar "${dir[$1]}/donjon.jar" server --dev \
    --data-dir "$data" --port 0 > "$data/log" 2>&1 &
  p=$!; bench_pids+=("$p")
  for _ in $(seq 1 30000); do
    port="$(sed -n 's|.*REST listening on https://127.0.0.1:\([0-9]*\).*|\1|p' "$data/log" | head -1)"
    [ -n "$port" ] && curl -fsk -o /dev/null "https://127.0.0.1:$port/healthz" && break
    sleep 0.01
  done
  echo "$(( ($(date +%s%N) - t0) / 1000000 )) $(awk '{print ($14 + $15) * 10}' "/proc/$p/stat")"
  kill "$p"; wait "$p" 2>/dev/null || true
}
[ "$starts" -eq 0 ] || for side in before after; do
  startup "$side" "$([ $side = before ] && echo "$before_cache" || echo "$after_cache")" > /dev/null
done
for i in $(seq 1 "$starts"); do
  echo "start-up $i/$starts (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  for side in before after; do
    echo "S $i $side $(startup "$side" "$([ $side = before ] && echo "$before_cache" || echo "$after_cache")")" >> "$results"
  done
done

python3 - "$results" <<'EOF'
import sys, statistics, collections
rows = collections.defaultdict(list); starts = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == 'S':
        starts[f[2]].append((int(f[3]), int(f[4])))
    elif f[0] != '0':
        rows[(f[3], f[2], f[4], f[1])].append((float(f[5]), float(f[6]), float(f[7]), int(f[8]), float(f[9])))
print(f"{'op':16} {'backend':7} {'c':>3} {'before ops/s':>12} {'after ops/s':>12} {'before CPU':>11} {'after CPU':>10} {'ratio':>6} {'errors':>6}")
for (op, backend, c, side) in sorted(rows):
    if side != 'before': continue
    b, a = rows[(op, backend, c, 'before')], rows[(op, backend, c, 'after')]
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    print(f"{op:16} {backend:7} {c:>3} {med(b,0):>12.1f} {med(a,0):>12.1f} {med(b,4):>11.1f} {med(a,4):>10.1f} "
          f"{med(a,4)/med(b,4):>6.2f} {sum(x[3] for x in b)+sum(x[3] for x in a):>6}   (rounds: before CPU "
          f"{[x[4] for x in b]}, after {[x[4] for x in a]})")
for side in ('before', 'after'):
    if starts[side]:
        print(f"start-up {side}: wall ms {[w for w, _ in starts[side]]}, CPU ms {[c for _, c in starts[side]]}, "
              f"medians {statistics.median(w for w, _ in starts[side])} / {statistics.median(c for _, c in starts[side])}")
EOF
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); raw results in $work" >&2
