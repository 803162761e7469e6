#!/usr/bin/env bash
# End-to-end check of the README's run command (scripts/serve.sh) as an operator sees it: the build step,
# the log (listen address, one warning per failed file, no per-request lines, no Orleans noise), /status
# reachability, /metrics, JSON logs, and a restart that skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/harmonie-serve.XXXXXX)
port=$((18000 + RANDOM % 1000))
pid=""
log() { echo "serve-test: $*" >&2; }
fail() { log "FAILED: $*"; for f in "$work"/run-*.log; do echo "--- $f (tail)" >&2; tail -n 30 "$f" >&2; done; exit 1; }
cleanup() { local status=$?; [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"; exit "$status"; }
trap cleanup EXIT

mkdir -p "$work/music" "$work/data"
cp tests/data/audio/tricky/* "$work/music/"
export HARMONIE_DATA_DIR="$work/data" HARMONIE_PORT=$port HARMONIE_HOST=127.0.0.1 \
  HARMONIE_SILO_PORT=$((port + 1000)) HARMONIE_GATEWAY_PORT=$((port + 2000)) HARMONIE_WORKERS=2 \
  HARMONIE_MODELS_DIR="$work/no-models" HARMONIE_SCAN_INTERVAL_HOURS=0

start() { # name, then serve.sh arguments
  local name=$1; shift
  scripts/serve.sh "$@" >"$work/run-$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || fail "serve.sh ($name) exited"
    sleep 0.5
  done
  fail "serve.sh ($name) did not answer"
}
stop() { kill -TERM "$pid"; wait "$pid" || true; pid=""; }
get() { curl -fsS "http://127.0.0.1:$port$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

log "first start (a missing build stamp makes it build)"
rm -f src/Harmonie.Silo/bin/Release/net10.0/.serve-build-stamp
start first "$work/music" "$work/typo"
for _ in $(seq 240); do [[ "$(get /api/v1/scan | json 'd["state"] != "scanning" and d["finished_at"] is not None')" == True ]] && break; sleep 0.5; done
for _ in $(seq 20); do get /api/v1/scan >/dev/null; done # what a polling client does
scan=$(get /api/v1/scan)
first_log="$work/run-first.log"
grep -q "serve.sh: building harmonie" "$first_log" || fail "no build message"
grep -q "listening on http://127.0.0.1:$port" "$first_log" || fail "no listen address in the log"
grep -q "WARNING Harmonie.Grains.Tracks.TrackGrain Could not analyse $work/music/garbage.mp3: ffmpeg could not decode the file: " "$first_log" \
  || fail "no warning naming the corrupt file"
grep -q "Library root $work/typo is not reachable" "$first_log" || fail "no warning about the missing root"
grep -q "Scan 1 completed in .*failed 2" "$first_log" || fail "no scan summary line"
! grep -q "Harmonie.Api.Requests" "$first_log" || fail "routine requests were logged at INFO"
! grep -qi "health is degraded\|took elapsed time\|long-running work" "$first_log" || fail "Orleans self-monitoring noise in the log"
[[ "$(echo "$scan" | json 'd["failed"]')" == 2 ]] || fail "expected 2 failed files: $scan"
roots=$(get /api/v1/status | json '[(r["path"].split("/")[-1], r["reachable"], r["tracks"]) for r in d["library_roots"]]')
[[ "$roots" == "[('music', True, 12), ('typo', False, 0)]" ]] || fail "library_roots: $roots"
metrics=$(get /metrics)
grep -q "^harmonie_tracks{.*} 12" <<<"$metrics" || fail "/metrics lacks harmonie_tracks 12: $(grep harmonie_tracks <<<"$metrics")"
stop

log "restart: no build, answers quickly"
started=$(date +%s.%N)
start second "$work/music"
elapsed=$(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$started" "$(date +%s.%N)")
grep -q "serve.sh: build is up to date" "$work/run-second.log" || fail "restart rebuilt"
log "restart answered /health after $elapsed s"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 30 else 1)" "$elapsed" || fail "restart took $elapsed s"
stop

log "JSON logs"
HARMONIE_LOG_FORMAT=json start json "$work/music"
stop
python3 - "$work/run-json.log" <<'PY' || fail "HARMONIE_LOG_FORMAT=json did not write JSON lines"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
assert lines and all({"Timestamp", "LogLevel", "Category", "Message"} <= l.keys() for l in lines), lines[:2]
assert any("listening on" in l["Message"] for l in lines), "no listen line"
PY
log "PASSED: build once, operator log, reachability, metrics, JSON logs"
