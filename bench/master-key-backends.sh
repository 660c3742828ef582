#!/usr/bin/env bash
# The master key in a PKCS#11 token (SoftHSM2) against the software key file, end to end over REST:
#   GET payload   (warm KEK cache: the token is never touched)
#   POST to a new project each time (cold KEK: a KEK is generated, wrapped by the master key - in the token for
#                 PKCS#11 - and inserted, then the payload is sealed)
# Two production-configured nodes (SQLite, plain HTTP behind an assumed TLS proxy, trusted headers) run side by side;
# the measured runs alternate between them round after round (interleaved, so that the load other processes put on
# the machine falls on both alike), and each run records the server process's CPU time per request.
#   bench/master-key-backends.sh [rounds=3] [seconds per run=5] [concurrency=4]
# Ports 22101 and 22102 on loopback. Needs softhsm2 (apt-get install softhsm2) and a JDK 21+.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
rounds="${1:-3}"
seconds="${2:-5}"
concurrency="${3:-4}"
work="$(mktemp -d /tmp/donjon-mk-bench.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

[ -x /usr/bin/softhsm2-util ] || { echo "needs softhsm2 (apt-get install softhsm2)" >&2; exit 1; }
(cd "$root" && ./mvnw -q -B -o -DskipTests -pl donjon-cli,bench -am package) >&2
java="$(sed -n 1p "$root/donjon-cli/target/.java" 2>/dev/null || true)"
for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$java" /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  v="$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [ "${v%%.*}" -ge 21 ] 2>/dev/null && { java="$candidate"; break; }
done

export SOFTHSM2_CONF="$work/softhsm2.conf"
mkdir -p "$work/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$work/tokens" > "$SOFTHSM2_CONF"
softhsm2-util --init-token --free --label donjon-bench --so-pin 5678 --pin 1234 >/dev/null
export DONJON_HSM_PIN=1234

config() { # name port backend
  mkdir -p "$work/$1"
  {
    echo "data_dir: $work/$1"
    echo "listen: {host: 127.0.0.1, port: $2}"
    echo "behind_tls_proxy: true"
    echo "auth: {trusted_headers: true}"
    if [ "$3" = pkcs11 ]; then
      echo "master_key: {backend: pkcs11, library: /usr/lib/softhsm/libsofthsm2.so, token_label: donjon-bench}"
    fi
  } > "$work/$1.yaml"
}
config software 22101 software
config pkcs11 22102 pkcs11
server=("$java" --enable-native-access=ALL-UNNAMED -jar "$root/donjon-cli/target/donjon.jar")
for name in software pkcs11; do
  "${server[@]}" master-key init --config "$work/$name.yaml" >/dev/null
  "${server[@]}" server --config "$work/$name.yaml" > "$work/$name.log" 2>&1 &
  pids+=($!)
done
declare -A port=([software]=22101 [pkcs11]=22102) pid=([software]=${pids[0]} [pkcs11]=${pids[1]})
for name in software pkcs11; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:${port[$name]}/healthz" >/dev/null 2>&1 && break
    sleep 0.5
  done
done

load() { # name op -> one line: ops/s, p50, p99, errors, server CPU per request
  local out
  out="$("$java" -Xms256m -Xmx256m -cp "$bench/target/donjon-bench.jar" dev.donjon.bench.RestLoad \
    --url "http://127.0.0.1:${port[$1]}" --project bench --roles admin --op "$2" --server-pid "${pid[$1]}" \
    --concurrency "$concurrency" --duration "${seconds}s" --warmup 2s --json 2>&1)"
  python3 -c '
import json, re, sys
lines = sys.stdin.read().splitlines()
run = json.loads([l for l in lines if l.startswith("{")][-1])
cpu = [float(m.group(1)) for m in (re.search(r"server CPU ([0-9.]+) us per (?:operation|request)", l) for l in lines) if m]
print("%-8s %-16s %8.1f ops/s  p50 %7.2f ms  p99 %7.2f ms  errors %d  server CPU %8.1f us/request" % (sys.argv[1],
      sys.argv[2], run["ops_per_s"], run["p50_ms"], run["p99_ms"], run["errors"], cpu[-1] if cpu else float("nan")))
' "$1" "$2" <<<"$out"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other processes share it)"
for round in $(seq 1 "$rounds"); do
  order=(software pkcs11)
  [ $((round % 2)) -eq 0 ] && order=(pkcs11 software)
  for op in get-payload post-new-project; do
    for name in "${order[@]}"; do
      echo "round $round $(load "$name" "$op")"
    done
  done
done
