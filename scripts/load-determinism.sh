#!/usr/bin/env bash
# The mutation check on a few HumanEval tasks twice, once as the machine is and once beside two CPU-bound
# processes, compared byte for byte outside the run info (bench/load-determinism.ts). Exit 0 when identical.
#   scripts/load-determinism.sh OUT_DIR [--tasks HumanEval/75,...]
set -euo pipefail
dir=${1:?usage: scripts/load-determinism.sh OUT_DIR [--tasks ids]}
shift
mkdir -p "$dir"
cd "$(dirname "$0")/.."
npx tsx bench/load-determinism.ts --out "$dir/as-is.json" "$@"
yes > /dev/null & burner1=$!
yes > /dev/null & burner2=$!
trap 'kill "$burner1" "$burner2" 2>/dev/null || true' EXIT
npx tsx bench/load-determinism.ts --out "$dir/loaded.json" "$@"
kill "$burner1" "$burner2"
trap - EXIT
if cmp "$dir/as-is.json" "$dir/loaded.json"; then
  echo "identical: $(wc -c < "$dir/as-is.json") bytes"
else
  echo "DIFFERENT: see $dir/as-is.json and $dir/loaded.json" >&2
  exit 1
fi
