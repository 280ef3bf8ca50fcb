#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring and a throwaway HOME, so tests
# reach a real OS keychain headless (an existing login keyring would stay locked). Without the tools, the
# command runs as it is and keychain tests report the missing Secret Service.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon not found; running without a keychain" >&2
  exec "$@"
fi
export npm_config_cache="${npm_config_cache:-$HOME/.npm}"
export npm_config_update_notifier=false
HOME="$(mktemp -d)"
export HOME XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_RUNTIME_DIR="$HOME/.run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
trap 'rm -rf "$HOME"' EXIT
dbus-run-session -- bash -c 'printf "%s" ringtrue-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$@"' keyring "$@" 2> >(grep -v "Failed to set fd limit" >&2)
