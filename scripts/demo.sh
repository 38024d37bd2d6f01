#!/usr/bin/env bash
# The main job, end to end, on what ships with the project: read the demo tabletop scene, describe it, and render
# six labelled views of it (colour, depth, part ids, transforms.json) into out/demo. Later stages extend this to
# text queries over the scene.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
dotnet build src/Clip3D.Cli -c Release -v quiet -nologo
clip3d() { dotnet src/Clip3D.Cli/bin/Release/net10.0/clip3d.dll "$@"; }
clip3d inspect scenes/tabletop.glb
clip3d render scenes/tabletop.glb --views 6 --size 512 -o out/demo
