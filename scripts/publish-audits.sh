#!/usr/bin/env bash
# Regenerates the published audits in audits/<benchmark>/ (JSON, Markdown, HTML): `npm run audits`.
#
# The six benchmarks are audited from their original release files (BENCH_AUDIT_DATA, default
# ../shared/data: openai/human-eval, google-research mbpp, EvalPlus release assets); each report
# records every file's sha256, and the EvalPlus assets are checked against the manifests' pinned
# sha256 before use. Runs offline. Check a published audit with `bench-audit verify FILE` from
# the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${BENCH_AUDIT_DATA:-../shared/data}"
cli=(node dist/cli.js)
export HF_HUB_OFFLINE=1
[ -f dist/cli.js ] || npm run build

"${cli[@]}" datasets fetch humaneval-plus --from "$data/evalplus/HumanEvalPlus.jsonl.gz" >/dev/null
"${cli[@]}" datasets fetch mbpp-plus --from "$data/evalplus/MbppPlus.jsonl.gz" >/dev/null

common=(--out-dir 'audits/{id}' --markdown --html --fail-on none)
"${cli[@]}" audit --data "$data/humaneval/HumanEval.jsonl.gz" --id humaneval "${common[@]}"
"${cli[@]}" audit --data "$data/mbpp/mbpp.jsonl" --id mbpp "${common[@]}"
"${cli[@]}" audit --data "$data/mbpp/sanitized-mbpp.json" --id mbpp-sanitized "${common[@]}"
"${cli[@]}" audit humaneval-plus mbpp-plus "${common[@]}"
# HumanEval-X's JavaScript half (THUDM/CodeGeeX), linked to HumanEval+ for the cross-language and mutation checks.
"${cli[@]}" audit --data "$data/humaneval-x/humaneval_js.jsonl.gz" --id humaneval-x-js "${common[@]}"
