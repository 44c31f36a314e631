#!/usr/bin/env bash
# Pull requests: for every stack whose access changed against the base commit, post (or update in
# place) one comment with the access diff (`npm run access -- <stack> --diff <base>`); a stack whose
# earlier comment no longer applies gets that comment updated to say so. Every diff also goes to
# the job summary. Needs: BASE_SHA, PR_NUMBER, GH_TOKEN (pull-requests: write), GITHUB_REPOSITORY;
# STACKS (a JSON list, from scripts/ci/stacks.sh); run after `npm ci` and the build.
# ACCESS_CLI overrides the access command (tests).
set -euo pipefail
access=${ACCESS_CLI:-dist/access.js}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for stack in $(printf '%s' "$STACKS" | jq -r '.[]'); do
  marker="<!-- okta-pomerium access diff: $stack -->"
  node "$access" "$stack" --diff "$BASE_SHA" --json > "$work/diff.json"
  node "$access" "$stack" --diff "$BASE_SHA" > "$work/diff.md"
  cat "$work/diff.md" >> "$summary"
  existing=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
  if jq -e 'length > 0' "$work/diff.json" > /dev/null; then
    { printf '%s\n' "$marker"; cat "$work/diff.md"; } > "$work/body.md"
  elif [ -n "$existing" ]; then
    printf '%s\n## Access changes: stack %s\n\nNo change in access any more.\n' "$marker" "$stack" > "$work/body.md"
  else
    echo "$stack: no change in access"
    continue
  fi
  if [ -n "$existing" ]; then
    gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$work/body.md" > /dev/null
  else
    gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" -F "body=@$work/body.md" > /dev/null
  fi
  echo "$stack: access diff posted"
done
