#!/usr/bin/env bash
# Installs what harmonie needs from Debian/Ubuntu packages when it is missing:
#   ffmpeg      decodes every audio format (without it only WAV/AIFF can be analysed)
#   libgomp1    OpenMP runtime used by the USearch vector index
#   postgresql  only for the tests (cluster mode) — pass --with-postgres
#   chromium    only for the tests (pages checked in a real browser) — pass --with-browser
#   curl, openssl  only for the test scripts (HTTP checks, the cluster's TLS certificate) — with --with-postgres
# Needs root (or sudo) only when something is missing. --check lists what is missing and installs nothing.
set -euo pipefail

check_only=false with_postgres=false with_browser=false
for arg in "$@"; do
  case "$arg" in
    --check) check_only=true ;;
    --with-postgres) with_postgres=true ;;
    --with-browser) with_browser=true ;;
    *) echo "usage: $0 [--with-postgres] [--with-browser] [--check]" >&2; exit 64 ;;
  esac
done

packages=()
command -v ffmpeg >/dev/null 2>&1 || packages+=(ffmpeg)
# Capture the cache first: `ldconfig -p | grep -q` under pipefail fails when grep exits early (SIGPIPE).
library_cache=$(ldconfig -p 2>/dev/null || true)
[[ "$library_cache" == *libgomp.so.1* ]] || packages+=(libgomp1)
if $with_postgres && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  packages+=(postgresql)
fi
if $with_postgres; then
  command -v curl >/dev/null 2>&1 || packages+=(curl)
  command -v openssl >/dev/null 2>&1 || packages+=(openssl)
fi
if $with_browser && ! command -v chromium >/dev/null 2>&1; then
  packages+=(chromium)
fi

if $check_only || ((${#packages[@]} == 0)); then
  ((${#packages[@]} == 0)) || echo "missing: ${packages[*]}"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "harmonie needs: ${packages[*]} — install them with your package manager (root required)." >&2
    exit 1
  fi
fi

echo "Installing ${packages[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
