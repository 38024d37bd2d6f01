#!/usr/bin/env bash
# The main job, end to end, on the embedded default: today, read the demo tabletop scene and describe it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
dotnet run --project src/Clip3D.Cli -c Release -- inspect scenes/tabletop.glb "$@"
