#!/usr/bin/env bash
# Two builds of the service side by side on one Redis (no persistence), each under the same
# load in alternating rounds, so a change is judged on a noisy machine by the same minutes.
#   tools/perf/ab.sh A.dll B.dll [rate] [seconds] [rounds] [concurrency]
# rate 0 is a closed loop of `concurrency` calls in flight; otherwise an open loop of
# submissions at that rate. Round 1 warms both services up (JIT); read rounds 2 and later.
# Example (the base build from a worktree of an earlier commit):
#   git worktree add /tmp/base HEAD~1 && dotnet build -c Release /tmp/base/src/Moderation.Server
#   tools/perf/ab.sh /tmp/base/src/Moderation.Server/bin/Release/net10.0/Moderation.Server.dll \
#     src/Moderation.Server/bin/Release/net10.0/Moderation.Server.dll 1500 10 4
set -euo pipefail
DLL_A=$(realpath "$1"); DLL_B=$(realpath "$2"); RATE=${3:-1500}; SECS=${4:-10}; ROUNDS=${5:-4}; CONCURRENCY=${6:-512}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$(realpath -m "${OUT:-$ROOT/artifacts/perf-ab}")
cd "$ROOT"
rm -rf "$OUT"; mkdir -p "$OUT"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port)
dotnet build -c Release src/Moderation.LoadTest >/dev/null
declare -A PID GRPC HTTP KEY
REDIS_PID=""
# Set before anything starts, so a failure part-way stops whatever did start.
trap 'kill ${PID[A]:-} ${PID[B]:-} $REDIS_PID 2>/dev/null || true' EXIT
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$OUT/redis.pid" --logfile "$OUT/redis.log"
for _ in $(seq 50); do [ -s "$OUT/redis.pid" ] && redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
REDIS_PID=$(cat "$OUT/redis.pid")
start() { # name dll
  GRPC[$1]=$(free_port); HTTP[$1]=$(free_port)
  Redis__Configuration="127.0.0.1:$REDIS_PORT" Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:${GRPC[$1]}" \
    Console__Url="http://127.0.0.1:${HTTP[$1]}" dotnet "$2" >"$OUT/$1.log" 2>"$OUT/$1.err" &
  PID[$1]=$!
}
start A "$DLL_A"; start B "$DLL_B"
for name in A B; do
  for _ in $(seq 100); do grep -q "Application started" "$OUT/$name.log" 2>/dev/null && break; sleep 0.2; done
  KEY[$name]=$(grep -oh 'mod_[A-Za-z0-9_-]*' "$OUT/$name.err" | head -1 || true)
  [ -n "${KEY[$name]}" ] || { echo "service $name did not start (see $OUT/$name.err)" >&2; exit 1; }
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); rate $RATE, ${SECS}s, concurrency $CONCURRENCY"
echo "| round | build | rps | p50 ms | p99 ms | p99.9 ms | server CPU µs/call | Redis CPU µs/call | not OK |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for round in $(seq "$ROUNDS"); do
  for name in A B; do
    # Each round and build its own seed: the two services share Redis, and one seed's comment ids would be replays.
    if [ "$name" = B ]; then seed=$((round * 2 + 1)); else seed=$((round * 2)); fi
    dotnet src/Moderation.LoadTest/bin/Release/net10.0/Moderation.LoadTest.dll --target "http://127.0.0.1:${GRPC[$name]}" \
      --token "${KEY[$name]}" --server-pid "${PID[$name]}" --redis-pid "$REDIS_PID" --progress off --method submit \
      --rate "$RATE" --concurrency "$CONCURRENCY" --duration "${SECS}s" --seed "$seed" --report "$OUT/$name$round" >"$OUT/$name$round.txt"
    python3 - "$OUT/$name$round/report.json" "$round" "$name" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); l = d["latency_ms"]
# Calls that failed are counted, so a run of refusals does not pass for a fast one.
failed = sum(n for code, n in d["status_codes"].items() if code != "OK")
print(f"| {sys.argv[2]} | {sys.argv[3]} | {d['rps']:,.0f} | {l['p50']:.2f} | {l['p99']:.2f} | {l['p99.9']:.2f} | {d['server_cpu_us_per_call']:.1f} | {d['redis_cpu_us_per_call']:.1f} | {failed} |")
PY
  done
done
