#!/usr/bin/env bash
# The main job on the embedded default encoder, on a fresh Debian machine with the .NET 10 SDK: describe the demo
# tabletop; build the room's index with the built-in encoder (render, embed crops, fuse onto surface points, train
# the neural field) and answer a few queries with hits and heatmaps (clip3d demo); then build the tabletop's index
# and score it against its ground truth. Writes out/demo/*.c3d and out/demo/*.ply.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
dotnet build src/Clip3D.Cli -c Release -v quiet -nologo
clip3d() { dotnet src/Clip3D.Cli/bin/Release/net10.0/clip3d.dll "$@"; }
mkdir -p out/demo
clip3d inspect scenes/tabletop.glb
clip3d demo --scene room --out out/demo
clip3d build scenes/tabletop.glb -o out/demo/tabletop.c3d --report
