#!/usr/bin/env bash
# One idempotent set-up for both README commands: `npm start` runs `setup.sh app`, `npm test` runs `setup.sh test`.
# It installs the Debian packages the app or the tests need (when it can: as root, or through sudo) and the npm
# packages exactly as package-lock.json pins them, and does nothing when all of that is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-app}"
# libsecret lets keytar build and reach the OS keychain; python3, make and g++ build the native modules.
packages=(libsecret-1-dev python3 make g++)
if [ "$mode" = "test" ]; then
  # Chromium for the end-to-end tests, gnome-keyring and D-Bus for the real-keychain tests, Xvfb for headed runs.
  packages+=(chromium xvfb gnome-keyring dbus dbus-x11)
fi

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
        echo "setup: please install these Debian packages first (as root): ${missing[*]}" >&2
        exit 1
      fi
    fi
    echo "setup: installing Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not a Debian-like system; make sure libsecret (Linux) and a C++ toolchain are installed."
fi

stamp=node_modules/.inbox-setup-stamp
want="$(sha256sum package-lock.json | cut -d' ' -f1) $(node --version)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing npm packages (the first time builds better-sqlite3 and keytar, a few minutes)"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
