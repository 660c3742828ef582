#!/usr/bin/env bash
# Does a Prometheus scrape disturb request latency? REST GET payload at a fixed concurrency, in rounds that alternate
# "no scraper" and "a scraper reading /metrics every --every seconds" on the same server, so both see the same
# machine load. Prometheus scrapes every 15 s by default; 1 s exaggerates its effect on purpose.
#   bench/scrape-vs-p99.sh [--concurrency 16] [--duration 15s] [--warmup 3s] [--rounds 3] [--every 1]
# Port: DONJON_PORT (16221) on loopback.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
concurrency=16 duration=15s warmup=3s rounds=3 every=1
while [ $# -gt 0 ]; do
  case "$1" in
    --concurrency) concurrency="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --every) every="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
port="${DONJON_PORT:-16221}"
work="$(mktemp -d /tmp/donjon-scrape-bench.XXXXXX)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$root/donjon" server --dev --data-dir "$work/data" --port "$port" > "$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 180); do grep -q '^Donjon listening on' "$work/server.log" && break; sleep 1; done
token="$(grep -o 'djt_[A-Za-z0-9_-]*' "$work/server.log" | head -1)"
[ -n "$token" ] || { echo "the dev server did not start: $(tail -5 "$work/server.log")" >&2; exit 1; }
url="https://127.0.0.1:$port"

load() {
  "$bench/run-rest.sh" --url "$url" --cacert "$work/data/ca.pem" --token "$token" --op get-payload \
    --concurrency "$concurrency" --duration "$duration" --warmup "$warmup" --json 2>/dev/null
}
scraper() {
  while true; do
    curl -sf --cacert "$work/data/ca.pem" -o /dev/null -w '%{time_total}\n' "$url/metrics" >> "$work/scrapes"
    sleep "$every"
  done
}
for round in $(seq 1 "$rounds"); do
  echo "round $round: without scraper" >&2
  echo "{\"round\":$round,\"scraper\":false,\"run\":$(load)}"
  echo "round $round: scraping every ${every}s" >&2
  scraper & spid=$!
  echo "{\"round\":$round,\"scraper\":true,\"run\":$(load)}"
  kill "$spid"; wait "$spid" 2>/dev/null || true
done
echo "scrapes: $(wc -l < "$work/scrapes"), mean $(awk '{s+=$1} END {printf "%.1f", 1000*s/NR}' "$work/scrapes") ms," \
  "body $(curl -sf --cacert "$work/data/ca.pem" "$url/metrics" | wc -c) bytes" >&2
