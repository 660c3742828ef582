#!/usr/bin/env bash
# Runs a load generator on a JDK 21+, building its jar first if missing or stale. Invoked by its name:
#   bench/run-rest.sh --url https://127.0.0.1:9311 --cacert data/ca.pem --token T --op all --concurrency 1,16
#   bench/run-key-cache.sh --url https://127.0.0.1:9311 --cacert data/ca.pem --token T --keys 500 --cache 100
#   bench/run-kmip.sh --cacert data/ca.pem --cert data/kmip-client.pem --key data/kmip-client-key.pem
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
jar="$bench/target/donjon-bench.jar"

source "$bench/lib.sh"
java="$(bench_java)"

stale() {
  [ ! -f "$jar" ] && return 0
  [ "$bench/pom.xml" -nt "$jar" ] && return 0
  [ -n "$(find "$bench/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]
}

if stale; then
  echo "$(basename "$0" .sh): building $jar..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl bench -am install) >&2
fi

# A fixed heap so that heap growth does not show up as latency spikes in the first run.
case "$(basename "$0")" in
  run-kmip.sh) main=dev.donjon.bench.KmipLoad ;;
  run-key-cache.sh) main=dev.donjon.bench.KeyCacheLoad ;;
  *) main=dev.donjon.bench.RestLoad ;;
esac
exec "$java" -Xms512m -Xmx512m -cp "$jar" "$main" "$@"
