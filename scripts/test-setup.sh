#!/usr/bin/env bash
# Installs what the test suite needs, then the npm dependencies.
# As root on Debian it installs system packages: chromium (Playwright drives it; no browser
# download), libsecret-1-dev (to build keytar), gnome-keyring and dbus (a real Secret Service
# for the keychain tests), zsh and fish (the shell completion tests run them). Not root: it says
# which packages to install and goes on.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium libsecret-1-dev gnome-keyring dbus dbus-user-session zsh fish)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test-setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test-setup: please install these Debian packages first (as root): ${missing[*]}" >&2
  fi
fi

npm ci --no-audit --no-fund
