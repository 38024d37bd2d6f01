#!/usr/bin/env bash
# Installs the Debian packages Clip3D needs at run time, when they are missing. Idempotent; quiet when there is
# nothing to do. Runs as root (CI, containers) or through sudo when available.
set -euo pipefail
# Rendering (Clip3D.Views) opens a headless OpenGL context through EGL: libegl1 is the libglvnd EGL loader
# (libEGL.so.1), libegl-mesa0 Mesa's EGL with the surfaceless platform, libgl1-mesa-dri the llvmpipe CPU driver.
# A machine with an NVIDIA driver uses its EGL instead, but these keep CPU-only machines working.
# The viewer's window (Clip3D.Viewer) opens through GLFW (libglfw3); its tests run it under Xvfb (xvfb) and type into
# it with xdotool; its overlay text uses DejaVu Sans (fonts-dejavu-core), as SkiaSharp's NoDependencies build has no
# fontconfig to find fonts with.
packages=(libegl1 libegl-mesa0 libgl1-mesa-dri libglfw3 xvfb xdotool fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
