#!/usr/bin/env bash
# REST GET payload on PostgreSQL against SQLite, for two builds in one run: four servers (each build on each engine),
# rounds in rotating order, each run reporting requests/s and the server process's CPU per request (--server-pid).
#   bench/reads-pg-vs-sqlite.sh --before DIR --after DIR [--rounds 3] [--concurrency 16] [--duration 6] [--warmup 3]
#     [--ports 26101,26102]
# DIR holds a build's donjon.jar and its lib/ (a copy of donjon-cli/target). SQLite: `server --dev --http --port 0`
# (plain HTTP, trusted headers). PostgreSQL: one database per build on 127.0.0.1:5432 (trust auth), plain HTTP behind
# an assumed TLS proxy, trusted headers, pool_size 16, REST on the two --ports (before, after). The ratio
# PostgreSQL/SQLite of requests/s is the one issue 15 sets (≥ 0.7). For the PostgreSQL runs the PostgreSQL server's
# own CPU per request is reported beside Donjon's: on-CPU time (/proc/PID/schedstat) over the measured window of the
# backends and autovacuum workers of the build's database, plus the shared WAL writer, checkpointer and background
# writer (other databases' work on the same server shows there too). The window starts when RestLoad announces the
# run plus --warmup, as RestLoad's own.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
before="" after="" rounds=3 concurrency=16 duration=6 warmup=3 ports=26101,26102
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --after) after="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --ports) ports="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$before/donjon.jar" ] && [ -f "$after/donjon.jar" ] || { echo "--before DIR --after DIR, each with donjon.jar" >&2; exit 2; }
jar="$bench/target/donjon-bench.jar"
[ -f "$jar" ] || { echo "build $jar first: ./mvnw -o -q -DskipTests package -pl bench -am" >&2; exit 2; }
work="$(mktemp -d /tmp/donjon-reads-bench.XXXXXX)"
results="$work/results.txt"
source "$bench/lib.sh"
bench_trap_exit
declare -A dir=([before]="$before" [after]="$after") port=([before]="${ports%,*}" [after]="${ports#*,}") url pid

start_sqlite() { # side
  bench_start_sqlite "$1-sqlite" "${dir[$1]}/donjon.jar"
  pid[$1-sqlite]=$bench_pid; url[$1-sqlite]=$bench_url
}

start_postgres() { # side
  bench_start_postgres "$1-pg" "${dir[$1]}/donjon.jar" "${port[$1]}" "donjon_reads_bench_$1"
  pid[$1-pg]=$bench_pid; url[$1-pg]=$bench_url
}

# Nanoseconds on CPU of the PostgreSQL processes working for database $1 (see the header), summed.
postgres_cpu_ns() { # db
  python3 - "$1" <<'PY'
import os, sys
needle, total = f" {sys.argv[1]} ", 0
shared = ("walwriter", "checkpointer", "background writer")
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        with open(f"/proc/{pid}/comm") as f:
            if f.read().strip() != "postgres":
                continue
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            title = f.read().replace(b"\0", b" ").decode(errors="replace") + " "
        if needle in title or any(f": {name} " in title for name in shared):
            with open(f"/proc/{pid}/schedstat") as f:
                total += int(f.read().split()[0])
    except OSError:
        pass  # the process ended meanwhile
print(total)
PY
}

# Writes the PostgreSQL CPU (ns) over RestLoad's measured window to $3: from the run's announcement in its log $2
# plus the warm-up, for the duration.
postgres_window() { # db err out
  until grep -q "warm-up" "$2" 2>/dev/null; do sleep 0.01; done
  sleep "$warmup"; local start; start="$(postgres_cpu_ns "$1")"
  sleep "$duration"; echo $(( $(postgres_cpu_ns "$1") - start )) > "$3"
}

rest() { # side engine round
  local err="$work/rest-$1-$2-$3.err" line cpu pg=nan sampler=""
  [ "$2" = pg ] && { postgres_window "donjon_reads_bench_$1" "$err" "$err.pg" & sampler=$!; }
  if ! line="$("$java" -Xms256m -Xmx256m -cp "$jar" dev.donjon.bench.RestLoad --url "${url[$1-$2]}" --project bench \
      --roles admin --op get-payload --concurrency "$concurrency" --duration "${duration}s" --warmup "${warmup}s" \
      --server-pid "${pid[$1-$2]}" --json 2> "$err")"; then
    # A run that failed before announcing its window would leave the sampler waiting for ever.
    [ -z "$sampler" ] || kill "$sampler" 2>/dev/null || true
    echo "$1 $2 round $3 failed: $(tail -1 "$err")" >&2
    return 1
  fi
  cpu="$(sed -n 's/.*server CPU \([0-9.]*\) us.*/\1/p' "$err" | head -1)"
  if [ -n "$sampler" ]; then
    wait "$sampler"
    pg="$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(int(sys.argv[2]) / 1e3 / max(1, r["ops"]))' \
      "$line" "$(cat "$err.pg")")"
  fi
  echo "$3 $1 $2 $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["ops_per_s"], r["p50_ms"], r["errors"])' "$line") ${cpu:-nan} $pg" >> "$results"
}

for side in before after; do start_sqlite "$side"; start_postgres "$side"; done
echo "servers up (load average $(cut -d' ' -f1-3 /proc/loadavg)); an unmeasured round warms them" >&2
order=(before-sqlite before-pg after-sqlite after-pg)
for run in "${order[@]}"; do rest "${run%-*}" "${run#*-}" 0; done
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  # Rotate the order each round, so that no server always runs first or last.
  shift_by=$(( round % 4 ))
  for i in 0 1 2 3; do run="${order[$(( (i + shift_by) % 4 ))]}"; rest "${run%-*}" "${run#*-}" "$round"; done
done
bench_stop_all

python3 - "$results" <<'EOF'
import collections, statistics, sys
rows = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    rnd, side, engine, ops, p50, errors, cpu, pg = line.split()
    rows[int(rnd)][(side, engine)] = (float(ops), float(cpu), int(errors), float(pg))
print("| round | build | SQLite req/s | PostgreSQL req/s | PG/SQLite | Donjon CPU/req on SQLite | Donjon CPU/req on PG "
      "| PostgreSQL CPU/req | errors |")
print("|---|---|---|---|---|---|---|---|---|")
ratios = collections.defaultdict(list); cpus = collections.defaultdict(list); pgs = collections.defaultdict(list)
for rnd in sorted(rows):
    for side in ("before", "after"):
        s = rows[rnd].get((side, "sqlite")); p = rows[rnd].get((side, "pg"))
        if not s or not p: continue
        label = f"{rnd}" + (" (warm-up)" if rnd == 0 else "")
        print(f"| {label} | {side} | {s[0]:,.1f} | {p[0]:,.1f} | {p[0]/s[0]:.2f} | {s[1]:,.0f} µs | {p[1]:,.0f} µs "
              f"| {p[3]:,.0f} µs | {s[2]+p[2]} |")
        if rnd > 0:
            ratios[side].append(p[0] / s[0]); cpus[side].append(p[1]); pgs[side].append(p[3])
for side in ("before", "after"):
    if ratios[side]:
        print(f"{side}: median PG/SQLite throughput {statistics.median(ratios[side]):.2f}, "
              f"median Donjon CPU/req on PG {statistics.median(cpus[side]):,.0f} µs, "
              f"median PostgreSQL CPU/req {statistics.median(pgs[side]):,.0f} µs")
EOF
echo "raw results: $results" >&2
