#!/usr/bin/env bash
# Replication lag (owner commit -> visible at each replica, p50/p99) and catch-up time after a partition with writes
# continuing: three Donjon servers as separate processes on this machine, each with its own SQLite, site-a pushing to
# site-b and site-c over KMIP mutual TLS (docs/replication.md). KMIP ports 27111-27113 (--kmip-port moves them).
#   bench/replication-lag.sh [--samples 300] [--partition-seconds 60] [--kmip-port 27111]
# Prints the REPLICATION-LAG and REPLICATION-CATCHUP lines of dev.donjon.server.replication.ReplicationLagBenchmark.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
samples=300 partition=60 port=27111
while [ $# -gt 0 ]; do
  case "$1" in
    --samples) samples="$2"; shift 2 ;;
    --partition-seconds) partition="$2"; shift 2 ;;
    --kmip-port) port="$2"; shift 2 ;;
    *) echo "replication-lag.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$root"
./mvnw -o -B -q -pl donjon-server -am -Dtest=ReplicationLagBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddonjon.bench=true -Ddonjon.bench.samples="$samples" -Ddonjon.bench.partition="$partition" -Ddonjon.bench.port="$port" test \
  | grep -E '^REPLICATION-(LAG|CATCHUP)'
