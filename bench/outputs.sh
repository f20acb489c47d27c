#!/usr/bin/env bash
# The outputs a speed change must leave byte-identical: `lockout check` in every format on the bundled examples,
# and in text, JSON and SARIF on generated Organizations of 1,000 and 10,000 accounts, judged on one fixed day.
#
#   bench/outputs.sh DIR     (from the repository, after `npm run build`; about 20 s)
#   then, for two checkouts:  diff -rq DIR-before DIR-after   (prints nothing when they agree)
set -euo pipefail
out=$(mkdir -p "$1" && cd "$1" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)
lockout="$repo/bin/lockout.js"
# Run in one fixed directory: SARIF names the directory it ran in, which would differ between two DIRs.
work="${TMPDIR:-/tmp}/lockout-outputs-work"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
for example in incident incident-outside startup small-team; do
  for format in json sarif text md html; do
    status=0
    node "$lockout" check --example "$example" --as-of 2026-12-04 --format "$format" --no-color \
      > "$example.$format" 2>&1 || status=$?
    echo "$status" >> "$example.$format"
  done
done
for accounts in 1000 10000; do
  node "$repo/bench/org-inventory.mjs" --accounts "$accounts" > "org$accounts.yaml"
  for format in json sarif text; do
    status=0
    node "$lockout" check "org$accounts.yaml" --as-of 2026-12-04 --format "$format" --no-color \
      > "org$accounts.$format" 2>&1 || status=$?
    echo "$status" >> "org$accounts.$format"
  done
done
rm -f org*.yaml
mv ./* "$out"/
