#!/usr/bin/env bash
# Builds and runs every test of Clip3D (unit, file-format, fuzz and the slow end-to-end ones) in Release.
# Needs only the .NET 10 SDK; Debian packages that later stages need are installed by scripts/setup-debian.sh.
# Prints one closing line "N passed, N failed, N skipped" summed over all test assemblies.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
log=$(mktemp)
dotnet test Clip3D.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# VSTest prints one "Passed!/Failed!  - Failed: a, Passed: b, Skipped: c, Total: d" line per assembly.
awk -F'[:,]' '/ - Failed: *[0-9]+, Passed: *[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i ~ /Failed$/) f += $(i+1); if ($i ~ /Passed$/) p += $(i+1); if ($i ~ /Skipped$/) s += $(i+1)
    }
  } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
