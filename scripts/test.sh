#!/usr/bin/env bash
# Installs the test prerequisites (ffmpeg, libgomp1, PostgreSQL, Chromium) when missing, then runs every test.
#   scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-prerequisites.sh --with-postgres --with-browser
dotnet test Harmonie.sln -c Release --nologo "$@"
scripts/serve-test.sh
scripts/disk-full-test.sh
scripts/cluster-test.sh
