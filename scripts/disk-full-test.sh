#!/usr/bin/env bash
# Disk-full check on a real filesystem: the data directory lives on a small tmpfs, a filler file eats the free
# space in the middle of a scan. The scan must stop with state "error" and a reason, reads must keep working,
# nothing committed may be lost, and once the filler is gone the next scan must complete the library.
# Mounting needs root (CAP_SYS_ADMIN); without it the test says so and is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/harmonie-diskfull.XXXXXX)
port=$((19000 + RANDOM % 1000))
pid=""
log() { echo "disk-full-test: $*" >&2; }
cleanup() {
  local status=$? # what the script itself ended with, not what the clean-up commands return
  if [[ -n "$pid" ]]; then kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi
  if mountpoint -q "$work/data"; then umount "$work/data" || true; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
fail() { log "FAILED: $*"; tail -n 30 "$work/harmonie.log" >&2; exit 1; }

mkdir -p "$work/data" "$work/music"
if ! mount -t tmpfs -o size=160m tmpfs "$work/data" 2>/dev/null; then
  log "SKIPPED: cannot mount a tmpfs here (needs root); the HTTP test DiskFullTests still covers the behaviour"
  exit 0
fi

for i in $(seq 1 40); do
  ffmpeg -nostdin -v error -f lavfi -i "aevalsrc='0.4*sin(2*PI*$((110 + i * 13))*t)*(0.6+0.4*sin(2*PI*$((i % 5 + 1))*t))':s=44100:d=4" \
    -ac 2 "$work/music/$(printf '%02d' "$i").flac"
done

dotnet build src/Harmonie.Silo -c Release -v quiet -nologo >/dev/null
HARMONIE_DATA_DIR="$work/data" HARMONIE_LIBRARIES="$work/music" HARMONIE_HOST=127.0.0.1 HARMONIE_PORT=$port \
  HARMONIE_SILO_PORT=$((port + 1000)) HARMONIE_WORKERS=1 HARMONIE_MIN_FREE_MB=100 HARMONIE_SCAN_INTERVAL_HOURS=0 \
  HARMONIE_MODELS_DIR="$work/no-models" dotnet src/Harmonie.Silo/bin/Release/net10.0/harmonie.dll serve >"$work/harmonie.log" 2>&1 &
pid=$!

get() { curl -fsS "http://127.0.0.1:$port$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
wait_for() { # description seconds condition-command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq $((seconds * 4))); do "$@" 2>/dev/null && return 0; sleep 0.25; done
  fail "timed out waiting for $what"
}
analysed_at_least() { (( $(get /api/v1/scan | json 'd["full"]') >= $1 )); }
scan_over() { [[ "$(get /api/v1/scan | json 'd["state"]')" != scanning ]]; }

wait_for "the first analyses" 120 analysed_at_least 3
log "filling the disk during the scan"
head -c 70M /dev/zero >"$work/data/filler" || true
wait_for "the scan to stop" 60 scan_over
state=$(get /api/v1/scan)
[[ "$(echo "$state" | json 'd["state"]')" == error ]] || fail "scan state after the disk filled: $state"
[[ "$(echo "$state" | json 'd["last_error"]')" == *"the disk is full"* ]] || fail "no disk-full reason: $state"
kept=$(get /api/v1/status | json 'd["tracks"]')
listed=$(get "/api/v1/tracks?limit=1000" | json 'len(d["items"])')
[[ $kept -ge 3 && $kept == "$listed" ]] || fail "after the disk filled: $kept tracks in /status, $listed listed"
log "scan stopped cleanly with $kept tracks kept; reads work"

rm -f "$work/data/filler"
curl -fsS -X POST "http://127.0.0.1:$port/api/v1/scan" >/dev/null
sleep 1
wait_for "the next scan" 300 scan_over
final=$(get /api/v1/scan)
[[ "$(echo "$final" | json 'd["state"]')" == idle && "$(echo "$final" | json 'd["failed"]')" == 0 ]] || fail "next scan: $final"
[[ "$(get /api/v1/status | json 'd["tracks"]')" == 40 ]] || fail "expected 40 tracks after space returned"
! grep -q "No space left on device" "$work/harmonie.log" || fail "the catalog met the full disk"
log "PASSED: stopped at $kept tracks with a clear error, reads kept working, all 40 after space returned"
