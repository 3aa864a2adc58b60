#!/usr/bin/env bash
# Scores the rule engine and the anchor filters on the labelled corpus and prints a Markdown
# summary; the per-row results are left in eval/out/ (rules.tsv, anchors.tsv).
#
# usage: eval/run.sh [--rules PATH] [--misses SYSTEM] [--corpus FILE_OR_DIR]
#   --rules PATH      the rules file to score (default rules/default.yaml)
#   --misses SYSTEM   also list that system's missed abusive rows and caught clean rows, with text
#   --corpus PATH     a corpus folder or .tsv file (default eval/corpus)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rules_args=()
misses_args=()
corpus="$repo/eval/corpus"

while [ $# -gt 0 ]; do
  case "$1" in
    # Paths are resolved here, against the caller's folder, since the tools run from elsewhere.
    --rules) rules_args=(--rules "$(realpath "$2")"); shift 2 ;;
    --corpus) corpus=$(realpath "$2"); shift 2 ;;
    --misses) misses_args=(--misses "$2"); shift 2 ;;
    *) sed -n 's/^# \{0,1\}//; 5,8p' "$0" >&2; exit 2 ;;
  esac
done

out="$repo/eval/out"
mkdir -p "$out"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [ ! -d "$repo/eval/anchors/node_modules" ]; then
  (cd "$repo/eval/anchors" && npm ci --no-audit --no-fund >&2)
fi

# Only the summary goes to stdout; build output goes to stderr.
dotnet run -c Release --project "$repo/eval/Moderation.Eval" -- "${rules_args[@]}" --out "$out/rules.tsv" "$corpus" >&2
node "$repo/eval/anchors/run.mjs" --out "$out/anchors.tsv" "$corpus"
python3 "$repo/eval/summarise.py" --corpus "$corpus" "${misses_args[@]}" "$out/rules.tsv" "$out/anchors.tsv"
