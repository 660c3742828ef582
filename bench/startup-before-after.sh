#!/usr/bin/env bash
# `donjon server --dev` start-up of two builds, interleaved: from launching java to the first /healthz answer (wall
# time) and the process's CPU time at that moment (/proc/PID/stat), median of --starts starts of each kind.
#   bench/startup-before-after.sh --before DIR --after DIR [--starts 5] [--kinds warm,cold,first]
# DIR holds a build's donjon.jar and its lib/ (a copy of donjon-cli/target). Kinds, each with the JVM flags the
# `./donjon` launcher uses on a JDK 25:
#   warm   an existing data directory and the build's AOT cache (recorded by one unmeasured start, as the launcher does)
#   cold   a new data directory (dev PKI, master key, schema made) with the build's AOT cache
#   first  a new data directory and no cache yet: the launcher's first run (-XX:AOTCacheOutput, the recording
#          dropped: the server is killed with SIGKILL so that no cache is written)
# Both servers of a round start one after the other, in alternating order, never at the same time.
set -euo pipefail
before="" after="" starts=5 kinds=warm,cold,first
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --after) after="$2"; shift 2 ;;
    --starts) starts="$2"; shift 2 ;;
    --kinds) kinds="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$before/donjon.jar" ] && [ -f "$after/donjon.jar" ] || { echo "--before DIR --after DIR, each with donjon.jar" >&2; exit 2; }
work="$(mktemp -d /tmp/donjon-startup-bench.XXXXXX)"
results="$work/results.txt"
declare -A dir=([before]="$before" [after]="$after")
current=""
cleanup() { [ -n "$current" ] && kill -9 "$current" 2>/dev/null || true; }
trap cleanup EXIT

start() { # side kind -> "wall_ms cpu_ms"
  local data flags=() t0 p port stop=TERM
  case "$2" in
    warm) data="$work/$1-warm"; flags=(-XX:AOTCache="$work/$1.aot") ;;
    cold) data="$(mktemp -d "$work/$1-cold.XXXX")"; flags=(-XX:AOTCache="$work/$1.aot") ;;
    first) data="$(mktemp -d "$work/$1-first.XXXX")"; flags=(-XX:AOTCacheOutput="$data/dropped.aot"); stop=KILL ;;
    record) data="$work/$1-warm"; flags=(-XX:AOTCacheOutput="$work/$1.aot") ;;
  esac
  mkdir -p "$data"
  t0=$(date +%s%N)
  "$java" --enable-native-access=ALL-UNNAMED -Xlog:disable "${flags[@]}" -jar "${dir[$1]}/donjon.jar" server --dev \
    --data-dir "$data" --port 0 > "$data/log" 2>&1 &
  p=$!; current=$p
  for _ in $(seq 1 60000); do
    port="$(sed -n 's|.*REST listening on https://127.0.0.1:\([0-9]*\).*|\1|p' "$data/log" | head -1)"
    [ -n "$port" ] && curl -fsk -o /dev/null "https://127.0.0.1:$port/healthz" && break
    kill -0 "$p" 2>/dev/null || { echo "server exited: $(tail -5 "$data/log")" >&2; exit 1; }
    sleep 0.01
  done
  echo "$(( ($(date +%s%N) - t0) / 1000000 )) $(awk '{print ($14 + $15) * 10}' "/proc/$p/stat")"
  kill -"$stop" "$p"; wait "$p" 2>/dev/null || true; current=""
}

# The launcher's first run records the AOT cache when the server stops; warm starts use it from then on.
for side in before after; do start "$side" record > /dev/null; done
for i in $(seq 1 "$starts"); do
  for kind in ${kinds//,/ }; do
    echo "start $i/$starts $kind (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    order="before after"; [ $((i % 2)) -eq 0 ] && order="after before"
    for side in $order; do echo "$kind $side $(start "$side" "$kind")" >> "$results"; done
  done
done

python3 - "$results" <<'EOF'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    kind, side, wall, cpu = line.split()
    runs[(kind, side)].append((int(wall), int(cpu)))
print("| kind | build | wall ms (each) | CPU ms (each) | median wall | median CPU |")
print("|---|---|---|---|---|---|")
for (kind, side), values in sorted(runs.items(), key=lambda kv: (kv[0][0], kv[0][1] != "before")):
    walls = [w for w, _ in values]; cpus = [c for _, c in values]
    print(f"| {kind} | {side} | {walls} | {cpus} | {statistics.median(walls):.0f} | {statistics.median(cpus):.0f} |")
EOF
echo "raw results: $results" >&2
