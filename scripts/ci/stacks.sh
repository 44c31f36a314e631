#!/usr/bin/env bash
# The stacks of this project, one per Pulumi.<stack>.yaml at the repository root, as a JSON list in
# rollout order: dev first, then the other stacks by name, then staging, then prod. The workflows
# run it for their stack matrices (so a stack made by `npm run new-stack` is previewed and deployed),
# and test/ci checks it against scripts/stacks.ts, which orders them the same way.
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"
shopt -s nullglob
for file in Pulumi.*.yaml; do
  stack=${file#Pulumi.}
  stack=${stack%.yaml}
  case "$stack" in
    dev) rank=0 ;;
    staging) rank=2 ;;
    prod) rank=3 ;;
    *) rank=1 ;;
  esac
  printf '%s %s\n' "$rank" "$stack"
done | LC_ALL=C sort -k1,1n -k2,2 | awk '{ printf "%s\"%s\"", (NR > 1 ? "," : "["), $2 } END { print (NR ? "]" : "[]") }'
