#!/usr/bin/env bash
# Runs harmonie on the embedded defaults (LiteDB catalog, built-in embedding unless model files are present):
#   scripts/serve.sh /path/to/music [more folders...]
# Any HARMONIE_* variable you set is honoured (see README "Configuration"). Builds only when a source file
# changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."

if (($# > 0)); then
  export HARMONIE_LIBRARIES="$(IFS=,; echo "$*")"
fi

say() { echo "serve.sh: $*" >&2; }

scripts/install-prerequisites.sh

dll=src/Harmonie.Silo/bin/Release/net10.0/harmonie.dll
# Touched after each successful build: MSBuild leaves harmonie.dll alone when only a library's internals change.
stamp=src/Harmonie.Silo/bin/Release/net10.0/.serve-build-stamp
build() { dotnet build src/Harmonie.Silo -c Release -v quiet -nologo && touch "$stamp"; }
if [[ ! -f "$dll" || ! -f "$stamp" ]]; then
  say "building harmonie (the first build restores packages and compiles: a few minutes on a small machine)..."
  build
elif changed=$(find src Directory.Build.props Directory.Packages.props -newer "$stamp" -type f \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.sql' -o -name '*.html' -o -name '*.js' -o -name '*.css' \) \
    -not -path '*/obj/*' -not -path '*/bin/*' -print -quit) && [[ -n "$changed" ]]; then
  say "sources changed since the last build (e.g. $changed); rebuilding..."
  build
else
  say "build is up to date"
fi

say "starting harmonie (HARMONIE_PORT=${HARMONIE_PORT:-8842}); Ctrl-C stops it"
exec dotnet "$dll" serve
