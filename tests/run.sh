#!/usr/bin/env bash
# Runs every test of the repository and ends with one line: "N passed, N failed, N skipped".
# Installs what the tests need and the machine lacks (redis-server and chromium through apt, as root).
set -uo pipefail
cd "$(dirname "$0")/.."

log() { printf '== %s\n' "$*"; }

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing redis-server"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
fi
if ! command -v redis-server >/dev/null 2>&1; then
  # The Redis tests fail without it (they never skip), so say why up front.
  log "redis-server is not installed and could not be installed: the Redis tests will fail"
fi

# The console's end-to-end tests drive Debian's Chromium by path (Playwright cannot download one here).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing chromium"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
if [ ! -x /usr/bin/chromium ]; then
  log "/usr/bin/chromium is not installed and could not be installed: the console's browser tests will fail"
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
passed=0 failed=0 skipped=0

log "building"
if ! dotnet build Moderation.sln -c Release --nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  log "testing $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --blame-hang-timeout 5m \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results"
  trx="$results/$name.trx"
  counters=$(grep -o '<Counters [^>]*>' "$trx" 2>/dev/null | head -n 1)
  if [ -z "$counters" ]; then
    echo "$name produced no results: counted as one failure"
    failed=$((failed + 1))
    continue
  fi
  attr() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(attr total) executed=$(attr executed) ok=$(attr passed) bad=$(attr failed)
  passed=$((passed + ok))
  failed=$((failed + bad + executed - ok - bad))
  skipped=$((skipped + total - executed))
done

# The API's style is a check of its own: buf lint with the rules in protos/buf.yaml.
log "buf lint protos"
if command -v npx >/dev/null 2>&1 && npx --yes @bufbuild/buf@1.75.0 lint protos; then
  passed=$((passed + 1))
else
  echo "buf lint failed (or npx is missing)"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
