#!/usr/bin/env bash
# The stacks of this project, one per Pulumi.<stack>.yaml at the repository root, as a JSON list in
# rollout order: the unprotected stacks by name, then the protected ones (a line
# `okta-pomerium:protect: true` in the file) by name. With --protected, only the protected stacks.
# No stack is known by name: the workflows run this for their stack matrices (a stack made by
# `npm run new-stack` is previewed and deployed, a deleted one no longer), and test/ci checks it
# against scripts/stacks.ts, which orders them the same way. Templates (templates/) are never listed.
# usage: stacks.sh [--protected] [DIR]
set -euo pipefail
only_protected=false
if [ "${1:-}" = --protected ]; then
  only_protected=true
  shift
fi
cd "${1:-$(dirname "$0")/../..}"
shopt -s nullglob
for file in Pulumi.*.yaml; do
  stack=${file#Pulumi.}
  stack=${stack%.yaml}
  [[ "$stack" == *.* ]] && continue
  if grep -Eq '^[[:space:]]*okta-pomerium:protect:[[:space:]]*true[[:space:]]*(#.*)?$' "$file"; then
    rank=1
  else
    rank=0
    if $only_protected; then continue; fi
  fi
  printf '%s %s\n' "$rank" "$stack"
done | LC_ALL=C sort -k1,1n -k2,2 | awk '{ printf "%s\"%s\"", (NR > 1 ? "," : "["), $2 } END { print (NR ? "]" : "[]") }'
