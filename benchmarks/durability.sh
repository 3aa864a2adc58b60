#!/usr/bin/env bash
# Durability cost: the same service against a primary with one replica, Redis:Durability None
# and Replica alternating, closed loop (the load tool), three rounds each. Needs redis-server
# and a Release build: dotnet build -c Release.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pport=$((20000 + RANDOM % 10000)); rport=$((pport + 1)); sport=$((pport + 2))
redis-server --port $pport --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --daemonize no > "$work/p.log" 2>&1 & ppid=$!
mkdir -p "$work/r"; redis-server --port $rport --bind 127.0.0.1 --save '' --appendonly no --dir "$work/r" --replicaof 127.0.0.1 $pport --daemonize no > "$work/r.log" 2>&1 & rpid=$!
trap 'kill $ppid $rpid 2>/dev/null || true' EXIT
sleep 1
key=load-test-key-0123456789abcdef
sha=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
for round in 1 2 3; do
  for level in None Replica; do
    Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$sport Redis__Configuration=127.0.0.1:$pport Redis__Durability=$level \
    Auth__ApiKeys__0__Name=load Auth__ApiKeys__0__Role=site Auth__ApiKeys__0__Sha256=$sha Logging__LogLevel__Default=Warning \
      dotnet "$root/src/Moderation.Server/bin/Release/net10.0/Moderation.Server.dll" > "$work/service.log" 2>&1 & spid=$!
    for i in $(seq 50); do (echo > /dev/tcp/127.0.0.1/$sport) 2>/dev/null && break; sleep 0.2; done
    echo "== round $round, Redis:Durability=$level"
    dotnet "$root/src/Moderation.LoadTest/bin/Release/net10.0/Moderation.LoadTest.dll" --target http://127.0.0.1:$sport --token $key --method submit --duration 10s --warmup 3s --concurrency 64 --connections 2 | sed -n 2,6p
    kill $spid; wait $spid 2>/dev/null || true
  done
done
