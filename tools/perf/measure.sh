#!/usr/bin/env bash
# The measurement behind docs/performance.md: Redis 7 without persistence and the Release
# service on this machine, then the load tool in alternating rounds (health, test, submit) with
# the server's and Redis's CPU, the service's allocations and its Redis calls, then an open loop
# at half the submissions' closed-loop throughput for the latency. Writes into $OUT.
#   tools/perf/measure.sh [rounds] [seconds per round]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-5}"
SECONDS_PER_ROUND="${2:-10}"
OUT="${OUT:-artifacts/perf}"
mkdir -p "$OUT"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port); GRPC_PORT=$(free_port); HTTP_PORT=$(free_port)

dotnet build -c Release src/Moderation.Server >/dev/null
dotnet build -c Release src/Moderation.LoadTest >/dev/null

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$PWD/$OUT/redis.pid" --logfile "$PWD/$OUT/redis.log"
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
REDIS_PID=$(cat "$OUT/redis.pid")

Redis__Configuration="127.0.0.1:$REDIS_PORT" Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$GRPC_PORT" \
  Console__Url="http://127.0.0.1:$HTTP_PORT" dotnet src/Moderation.Server/bin/Release/net10.0/Moderation.Server.dll \
  >"$OUT/server.log" 2>"$OUT/server.err" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; kill "$REDIS_PID" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "Application started" "$OUT/server.log" 2>/dev/null && break; sleep 0.2; done
KEY=$(grep -oh 'mod_[A-Za-z0-9_-]*' "$OUT/server.err" | head -1)

load() { dotnet src/Moderation.LoadTest/bin/Release/net10.0/Moderation.LoadTest.dll --target "http://127.0.0.1:$GRPC_PORT" --token "$KEY" \
  --server-pid "$SERVER_PID" --redis-pid "$REDIS_PID" --metrics "http://127.0.0.1:$HTTP_PORT/metrics" --progress off "$@"; }

echo "machine: $(nproc) cores, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/machine.txt"
load --compare health,test,submit --rounds "$ROUNDS" --duration "${SECONDS_PER_ROUND}s" --concurrency 64 --report "$OUT/compare" | tee "$OUT/compare.txt"
MAX=$(python3 -c "import json; print(int(json.load(open('$OUT/compare/compare.json'))['submit']['rps']))")
load --method submit --rate $((MAX / 2)) --concurrency 512 --duration "$((SECONDS_PER_ROUND * 3))s" --report "$OUT/half-load" | tee "$OUT/half-load.txt"
redis-cli -p "$REDIS_PORT" info memory | grep -E '^used_memory:' | tee -a "$OUT/machine.txt"
redis-cli -p "$REDIS_PORT" dbsize | sed 's/^/keys: /' | tee -a "$OUT/machine.txt"
