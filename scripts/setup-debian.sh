#!/usr/bin/env bash
# Installs the Debian packages Clip3D needs at run time, when they are missing. Idempotent; quiet when there is
# nothing to do. Runs as root (CI, containers) or through sudo when available.
set -euo pipefail
packages=()   # Stage 1 (mesh reading) needs none; rendering stages add Mesa EGL here.
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
