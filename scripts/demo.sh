#!/usr/bin/env bash
# The main job on the embedded default encoder, on a fresh Debian machine with the .NET 10 SDK: describe the demo
# tabletop, then build the index of the tabletop and the room (render, embed crops with the built-in encoder, fuse
# onto surface points) and score it against the scenes' ground truth. Writes out/demo/*.c3d.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
dotnet build src/Clip3D.Cli -c Release -v quiet -nologo
clip3d() { dotnet src/Clip3D.Cli/bin/Release/net10.0/clip3d.dll "$@"; }
mkdir -p out/demo
clip3d inspect scenes/tabletop.glb
clip3d build scenes/tabletop.glb -o out/demo/tabletop.c3d --report
clip3d build scenes/room.glb -o out/demo/room.c3d --report
