#!/usr/bin/env bash
# Soak: a production-mode Donjon node under mixed REST and KMIP load while a crowd of idle connections churns against
# both ports (each dropped by the server's read timeout is opened again), sampling the server's resident memory and
# open descriptors every 10 s. Prints the samples and a summary; exits non-zero if a load run reported errors.
#   bench/soak.sh [--minutes 10] [--idle 2000] [--rest-port 19700] [--kmip-port 19701] [--dir /tmp/donjon-soak]
#                 [--heap 512m]
# The server's heap is capped (--heap): without a cap the JVM takes up to a quarter of the machine's memory before it
# collects in earnest, and a growing RSS would say nothing about leaks.
# Needs openssl (a throw-away CA, server and client certificates) and python3 (the idle connections).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
minutes=10 idle=2000 rest_port=19700 kmip_port=19701 dir=/tmp/donjon-soak heap=512m
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    --rest-port) rest_port="$2"; shift 2 ;;
    --kmip-port) kmip_port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    *) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

rm -rf "$dir" && mkdir -p -m 700 "$dir" && cd "$dir"
pki() {
  openssl ecparam -name prime256v1 -genkey -noout -out ca-key.pem 2>/dev/null
  openssl req -x509 -new -key ca-key.pem -subj /CN=soak-ca -days 2 -out ca.pem 2>/dev/null
  for who in server client; do
    openssl ecparam -name prime256v1 -genkey -noout -out "$who-key.ec.pem" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$who-key.ec.pem" -out "$who-key.pem"
    openssl req -new -key "$who-key.pem" -subj "/CN=soak-$who" -out "$who.csr" 2>/dev/null
  done
  printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
  printf 'extendedKeyUsage=clientAuth\n' > client.ext
  for who in server client; do
    openssl x509 -req -in "$who.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile "$who.ext" \
      -out "$who.pem" 2>/dev/null
  done
}
pki
cat > soak.yaml <<EOF
data_dir: $dir
listen: {host: 127.0.0.1, port: $rest_port}
tls: {certificate: server.pem, private_key: server-key.pem}
auth: {api_tokens: true, trusted_headers: true}
kmip: {enabled: true, listen: {host: 127.0.0.1, port: $kmip_port}, client_ca: ca.pem,
       identities: [{common_name: soak-client, project: soak, roles: admin}]}
EOF

# A production node never creates its master key: init makes it once (a no-op when it exists).
[ -f master-keys ] || "$root/donjon" master-key init --config soak.yaml >&2
JAVA_TOOL_OPTIONS="-Xmx$heap" "$root/donjon" server --config soak.yaml > server.log 2>&1 &
server=$!
holder=
cleanup() {
  [ -n "$holder" ] && kill "$holder" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do grep -q 'Donjon listening' server.log && break; sleep 1; done
grep -q 'Donjon listening' server.log || { echo "soak.sh: the server did not start:" >&2; cat server.log >&2; exit 1; }
pid="$(pgrep -P "$server" java || echo "$server")"

python3 - "$idle" "$rest_port" "$kmip_port" > idle.log 2>&1 <<'EOF' &
import socket, sys, time
total, rest, kmip = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
ports = [rest] * (total * 3 // 4) + [kmip] * (total - total * 3 // 4)
socks = {}
def connect(i):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", ports[i]))
    except OSError:
        pass  # not accepted yet (backlog full): checked again below
    s.setblocking(False)
    socks[i] = s
for i in range(len(ports)):
    connect(i)
reopened = 0
while True:
    time.sleep(1)
    for i, s in list(socks.items()):
        try:
            if s.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
                s.close(); connect(i); reopened += 1
        except BlockingIOError:
            pass
        except OSError:
            s.close(); connect(i); reopened += 1
    print(f"{time.strftime('%H:%M:%S')} idle connections {len(socks)}, reopened so far {reopened}", flush=True)
EOF
holder=$!

sample() {
  while kill -0 "$pid" 2>/dev/null; do
    printf '%s rss_kb=%s fds=%s threads=%s\n' "$(date +%T)" \
      "$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")" "$(ls "/proc/$pid/fd" | wc -l)" \
      "$(awk '/Threads/ {print $2}' "/proc/$pid/status")"
    sleep 10
  done
}
sample > samples.log &
sampler=$!

# Each tool runs its operations one after the other, each for its share of the soak.
status=0
"$bench/run-rest.sh" --url "https://127.0.0.1:$rest_port" --cacert ca.pem --project soak \
  --op post,get-meta,get-payload,delete --concurrency 8 --duration "$(( minutes * 15 ))s" --warmup 5s \
  > rest.out 2> rest.err &
rest_load=$!
"$bench/run-kmip.sh" --port "$kmip_port" --cacert ca.pem --cert client.pem --key client-key.pem --op create,get \
  --concurrency 4 --duration "$(( minutes * 30 ))s" --warmup 5s > kmip.out 2> kmip.err || status=1
wait "$rest_load" || status=1
kill "$sampler" 2>/dev/null || true

echo "== samples (server pid $pid)"; cat samples.log
echo "== idle connections"; tail -1 idle.log
echo "== REST load"; cat rest.out
echo "== KMIP load"; cat kmip.out
echo "== summary"
awk -F'[ =]' '{ rss=$3; fd=$5; if (min_rss==""||rss<min_rss) min_rss=rss; if (rss>max_rss) max_rss=rss;
  if (min_fd==""||fd<min_fd) min_fd=fd; if (fd>max_fd) max_fd=fd }
  END { printf "RSS %d..%d MB, descriptors %d..%d over %d samples\n", min_rss/1024, max_rss/1024, min_fd, max_fd, NR }' \
  samples.log
echo "server log lines: $(wc -l < server.log); WARN/ERROR: $(grep -c -E 'WARN|ERROR|SEVERE' server.log || true)"
exit "$status"
