#!/usr/bin/env bash
# The one test command: static checks, build, security baseline, unit + integration tests, UI end to end.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== lint"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
echo "== typecheck"
npm run --silent typecheck
echo "== build"
npx electron-vite build >/dev/null
echo "== electronegativity (security baseline)"
node scripts/electronegativity.mjs
echo "== unit and integration tests"
bash scripts/with-keyring.sh npx vitest run -c test/vitest.config.ts
echo "== UI end to end (Chromium via the test transport)"
bash scripts/with-keyring.sh npx playwright test -c test/ui/playwright.config.ts
