#!/usr/bin/env bash
# Runs harmonie on the embedded defaults (LiteDB catalog, built-in embedding unless model files are present):
#   scripts/serve.sh /path/to/music [more folders...]
# Any HARMONIE_* variable you set is honoured (see README "Configuration").
set -euo pipefail
cd "$(dirname "$0")/.."

if (($# > 0)); then
  export HARMONIE_LIBRARIES="$(IFS=,; echo "$*")"
fi

scripts/install-prerequisites.sh
dotnet build src/Harmonie.Silo -c Release -v quiet -nologo
exec dotnet src/Harmonie.Silo/bin/Release/net10.0/harmonie.dll serve
