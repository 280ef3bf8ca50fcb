#!/usr/bin/env bash
# The one test command: static checks, build, security baseline, unit + integration tests, UI end to end.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tests talk to a real OS keychain: run them in a private D-Bus session with an unlocked gnome-keyring and a
# throwaway HOME (an existing login keyring would stay locked).
if [ -z "${RINGTRUE_KEYRING_SESSION:-}" ] && command -v dbus-run-session >/dev/null 2>&1 \
  && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  export RINGTRUE_KEYRING_SESSION=1
  export REAL_HOME="$HOME"
  export npm_config_cache="${npm_config_cache:-$HOME/.npm}"
  HOME="$(mktemp -d)"
  export HOME XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
  exec dbus-run-session -- bash -c 'printf "%s" ringtrue-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec bash scripts/test-all.sh'
fi

echo "== lint"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
echo "== typecheck"
npm run typecheck
echo "== build"
npx electron-vite build
echo "== electronegativity (security baseline)"
node scripts/electronegativity.mjs
echo "== unit and integration tests"
npx vitest run -c test/vitest.config.ts
echo "== UI end to end (Chromium via the test transport)"
npx playwright test -c test/ui/playwright.config.ts
