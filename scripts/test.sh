#!/usr/bin/env bash
# Every check and every test: lint and format, types, then unit, server and end-to-end (real Chromium).
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
echo "== lint and format (biome)"; npx --no-install biome check . || status=1
echo "== types (tsc)"; npx --no-install wxt prepare >/dev/null && npx --no-install tsc --noEmit -p . || status=1
echo "== tests (vitest: unit, server, e2e)"
mkdir -p .output
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json=.output/vitest-report.json || status=1
node -e '
  const r = JSON.parse(require("fs").readFileSync(".output/vitest-report.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (r.numFailedTests > 0 || r.numTotalTests === 0) process.exit(1);
' || status=1
exit $status
