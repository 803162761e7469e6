#!/usr/bin/env bash
# Cluster-mode end-to-end test: one PostgreSQL, three silo processes on localhost sharing it, talking TLS with a
# shared certificate made here with openssl.
#  1. the silos scan a generated library together and give identical answers;
#  2. a second scan loses a silo that does not run the scan coordinator (kill -9) half-way;
#  3. a third scan loses the silo that runs the coordinator half-way.
# After each loss the survivors finish the scan with one owner: every file stored, counters that add up to what was
# discovered, no failure, and complete similarity answers.
# Needs ffmpeg, PostgreSQL server binaries and curl (scripts/install-prerequisites.sh --with-postgres).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/harmonie-cluster.XXXXXX)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_port=$((26000 + RANDOM % 1000))
pids=()

log() { echo "cluster-test: $*" >&2; }
fail() { log "FAILED: $*"; for f in "$work"/silo-*.log; do echo "--- $f (tail)" >&2; tail -n 40 "$f" >&2; done; exit 1; }
cleanup() {
  [[ -n "${KEEP_CLUSTER:-}" ]] && { log "kept $work"; return; }
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  [[ -f "$work/pg/postmaster.pid" ]] && su postgres -c "$pg_bin/pg_ctl -D $work/pg -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
get() { curl -fsS "http://127.0.0.1:$1$2"; }
up() { curl -fsS -o /dev/null "http://127.0.0.1:$1/api/v1/status"; }

log "building"
dotnet build src/Harmonie.Silo -c Release -v quiet -nologo >/dev/null
dll=src/Harmonie.Silo/bin/Release/net10.0/harmonie.dll

log "starting PostgreSQL on port $pg_port"
mkdir -p "$work/pg" && chown postgres "$work/pg" "$work"
su postgres -c "$pg_bin/initdb -D $work/pg -U postgres --auth=trust" >/dev/null
su postgres -c "$pg_bin/pg_ctl -D $work/pg -o '-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off' -l $work/pg/log -w start" >/dev/null
su postgres -c "$pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -c 'CREATE DATABASE harmonie'" >/dev/null
export HARMONIE_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=harmonie"
dotnet "$dll" db init

log "silo links use TLS with a shared certificate"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 -subj /CN=harmonie-cluster 2>/dev/null
openssl pkcs12 -export -out "$work/cluster.pfx" -inkey "$work/key.pem" -in "$work/cert.pem" -passout pass:cluster-test
export HARMONIE_CLUSTER_CERTIFICATE="$work/cluster.pfx" HARMONIE_CLUSTER_CERTIFICATE_PASSWORD=cluster-test

make_tracks() { # first last
  for i in $(seq "$1" "$2"); do
    dir="$work/music/Artist $((i % 7))/Album $((i % 3))"; mkdir -p "$dir"
    ffmpeg -nostdin -v error -f lavfi -i "aevalsrc='0.4*sin(2*PI*$((110 + i * 17))*t)*(0.6+0.4*sin(2*PI*$((i % 5 + 1))*t))':s=44100:d=6" \
      -ac 2 -metadata artist="Artist $((i % 7))" -metadata title="Track $i" "$dir/$(printf '%03d' "$i").flac"
  done
}
make_tracks 1 40

start_silo() { # name http silo gateway
  mkdir -p "$work/$1"
  HARMONIE_DATA_DIR="$work/$1" HARMONIE_LIBRARIES="$work/music" HARMONIE_PORT=$2 HARMONIE_SILO_PORT=$3 HARMONIE_GATEWAY_PORT=$4 \
  HARMONIE_ADVERTISED_ADDRESS=127.0.0.1 HARMONIE_SCAN_ON_STARTUP=false HARMONIE_SCAN_INTERVAL_HOURS=0 HARMONIE_WORKERS=1 \
  HARMONIE_MODELS_DIR="$work/no-models" HARMONIE_LOG_LEVEL=INFO \
    dotnet "$dll" serve >"$work/silo-$1.log" 2>&1 &
  pids+=($!)
  eval "pid_$1=$!"
}

wait_for() { # description seconds command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq $((seconds * 2))); do "$@" && return 0; sleep 0.5; done
  fail "timed out waiting for $what"
}

log "starting three silos"
start_silo a 18850 11150 30150
start_silo b 18851 11151 30151
start_silo c 18852 11152 30152
for silo in a:18850 b:18851 c:18852; do wait_for "silo ${silo%%:*}" 90 up "${silo##*:}"; done
active_silos() { su postgres -c "$pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -d harmonie -tAc 'SELECT count(*) FROM orleansmembershiptable WHERE status = 3'"; }
wait_for "three active silos" 60 test "$(active_silos)" = 3

declare -A port=([a]=18850 [b]=18851 [c]=18852)
alive=(a b c)
scan_idle() { [[ "$(get "$1" /api/v1/scan | json 'd["state"]')" =~ ^(idle|error)$ ]]; }

log "scan 1: every silo"
curl -fsS -X POST "http://127.0.0.1:18850/api/v1/scan" >/dev/null
sleep 1
wait_for "scan 1" 600 scan_idle 18850
for s in a b c; do
  work_done=$(get "${port[$s]}" /api/v1/status | json 'd["silo_analyses"]')
  log "silo $s analysed $work_done"
  [[ $work_done -gt 0 ]] || fail "silo $s analysed nothing"
done
[[ "$(get 18850 /api/v1/status | json 'd["tracks"]')" == 40 ]] || fail "expected 40 tracks after scan 1"

log "comparing answers"
for path in "/api/v1/tracks?limit=1000" "/api/v1/tracks?limit=1000&order_by=path" "/api/v1/genres" "/api/v1/scans"; do
  [[ "$(get 18850 "$path")" == "$(get 18851 "$path")" && "$(get 18850 "$path")" == "$(get 18852 "$path")" ]] || fail "silos disagree on $path"
done
first_id=$(get 18850 "/api/v1/tracks?limit=1" | json 'd["items"][0]["id"]')
wait_for "identical similar answers" 20 bash -c "[[ \"\$(curl -fsS 'http://127.0.0.1:18850/api/v1/tracks/$first_id/similar?limit=20')\" == \"\$(curl -fsS 'http://127.0.0.1:18852/api/v1/tracks/$first_id/similar?limit=20')\" ]]"
matches=$(get 18851 "/api/v1/tracks/$first_id/similar?limit=50" | json 'len(d["matches"])')
[[ $matches == 39 ]] || fail "similar on silo b returned $matches matches, expected 39"
playlist() { curl -fsS -X POST -H 'content-type: application/json' -d "{\"mode\":\"drift\",\"seeds\":[$first_id],\"n\":10}" "http://127.0.0.1:$1/api/v1/playlists" | json '[i["track_id"] for i in d["items"]]'; }
[[ "$(playlist 18850)" == "$(playlist 18851)" ]] || fail "silos built different drift playlists"

# kill_during_scan N FIRST LAST coordinator|other: add tracks FIRST..LAST, start scan N, kill -9 the chosen silo
# once a few files are done, then check the survivors finish it with one owner and nothing lost.
kill_during_scan() {
  local n=$1 first=$2 last=$3 which=$4 entry victim coordinator
  make_tracks "$first" "$last"
  entry=${port[${alive[0]}]}
  curl -fsS -X POST "http://127.0.0.1:$entry/api/v1/scan" >/dev/null
  wait_for "scan $n to start" 60 grep -q "Scan $n started" "$work"/silo-*.log
  coordinator=$(grep -l "Scan $n started" "$work"/silo-*.log | sed 's/.*silo-\(.\)\.log/\1/')
  if [[ $which == coordinator ]]; then victim=$coordinator; else
    for s in "${alive[@]}"; do [[ $s != "$coordinator" ]] && victim=$s && break; done
  fi
  wait_for "scan $n progress" 300 bash -c "[[ \$(curl -fsS http://127.0.0.1:$entry/api/v1/scan | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"full\"])') -ge 6 ]]"
  eval "kill -9 \$pid_$victim"
  alive=("${alive[@]/$victim}"); alive=(${alive[@]})
  log "scan $n: killed silo $victim ($which; the coordinator was on $coordinator); survivors: ${alive[*]}"
  local survivor=${port[${alive[0]}]}
  wait_for "scan $n to finish" 600 bash -c "[[ \$(curl -fsS http://127.0.0.1:$survivor/api/v1/scans?limit=1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"items\"][0][\"state\"])') == completed ]]"
  local row tracks
  row=$(get "$survivor" "/api/v1/scans?limit=1" | json 'd["items"][0]')
  tracks=$(get "$survivor" /api/v1/status | json 'd["tracks"]')
  log "scan $n: $row"
  [[ $tracks == "$last" ]] || fail "scan $n: $tracks tracks, expected $last"
  python3 - "$row" "$last" <<'PY' || fail "scan $n: counters do not add up (two owners?): $row"
import ast, sys
row, total = ast.literal_eval(sys.argv[1]), int(sys.argv[2])
assert row["discovered"] == total, row
assert row["full"] + row["descriptors_only"] + row["skipped"] == total, row
assert row["failed"] == 0, row
PY
  [[ "$(get "$survivor" "/api/v1/scans?limit=100" | json 'len([s for s in d["items"] if s["state"] == "running"])')" == 0 ]] || fail "a scan row is left running"
  wait_for "similar on silo ${alive[0]} after the loss" 120 bash -c "[[ \$(curl -fsS 'http://127.0.0.1:$survivor/api/v1/tracks/$first_id/similar?limit=500' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[\"matches\"]))') == $((last - 1)) ]]"
}

log "scan 2: a silo without the coordinator is killed half-way"
kill_during_scan 2 41 80 other
log "scan 3: the coordinator's silo is killed half-way"
kill_during_scan 3 81 120 coordinator
log "PASSED: three silos, a non-coordinator silo and then the coordinator's silo lost mid-scan; each scan finished once with every file"
