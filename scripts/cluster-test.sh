#!/usr/bin/env bash
# Cluster-mode end-to-end test: one PostgreSQL, two silo processes on localhost sharing it.
#  1. both silos scan a generated library together and give identical answers;
#  2. a second scan loses one silo (kill -9) half-way; the survivor finishes it and serves complete data.
# The silos talk TLS with a shared certificate made here with openssl.
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

log "starting two silos"
start_silo a 18850 11150 30150
start_silo b 18851 11151 30151
wait_for "silo a" 90 up 18850
wait_for "silo b" 90 up 18851
active_silos() { su postgres -c "$pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -d harmonie -tAc 'SELECT count(*) FROM orleansmembershiptable WHERE status = 3'"; }
wait_for "two active silos" 60 test "$(active_silos)" = 2

scan_idle() { [[ "$(get "$1" /api/v1/scan | json 'd["state"]')" =~ ^(idle|error)$ ]]; }

log "scan 1: both silos"
curl -fsS -X POST "http://127.0.0.1:18850/api/v1/scan" >/dev/null
sleep 1
wait_for "scan 1" 600 scan_idle 18850
a_work=$(get 18850 /api/v1/status | json 'd["silo_analyses"]')
b_work=$(get 18851 /api/v1/status | json 'd["silo_analyses"]')
log "analyses: silo a $a_work, silo b $b_work"
[[ $a_work -gt 0 && $b_work -gt 0 ]] || fail "both silos must analyse (a=$a_work, b=$b_work)"
[[ "$(get 18850 /api/v1/status | json 'd["tracks"]')" == 40 ]] || fail "expected 40 tracks after scan 1"

log "comparing answers"
for path in "/api/v1/tracks?limit=1000" "/api/v1/tracks?limit=1000&order_by=path" "/api/v1/genres" "/api/v1/scans"; do
  [[ "$(get 18850 "$path")" == "$(get 18851 "$path")" ]] || fail "silos disagree on $path"
done
first_id=$(get 18850 "/api/v1/tracks?limit=1" | json 'd["items"][0]["id"]')
wait_for "identical similar answers" 20 bash -c "[[ \"\$(curl -fsS 'http://127.0.0.1:18850/api/v1/tracks/$first_id/similar?limit=20')\" == \"\$(curl -fsS 'http://127.0.0.1:18851/api/v1/tracks/$first_id/similar?limit=20')\" ]]"
matches=$(get 18851 "/api/v1/tracks/$first_id/similar?limit=50" | json 'len(d["matches"])')
[[ $matches == 39 ]] || fail "similar on silo b returned $matches matches, expected 39"
playlist_a=$(curl -fsS -X POST -H 'content-type: application/json' -d "{\"mode\":\"drift\",\"seeds\":[$first_id],\"n\":10}" http://127.0.0.1:18850/api/v1/playlists | json '[i["track_id"] for i in d["items"]]')
playlist_b=$(curl -fsS -X POST -H 'content-type: application/json' -d "{\"mode\":\"drift\",\"seeds\":[$first_id],\"n\":10}" http://127.0.0.1:18851/api/v1/playlists | json '[i["track_id"] for i in d["items"]]')
[[ "$playlist_a" == "$playlist_b" ]] || fail "silos built different drift playlists"

log "scan 2: silo b is killed half-way"
make_tracks 41 80
curl -fsS -X POST "http://127.0.0.1:18851/api/v1/scan" >/dev/null
done_count() { get 18850 /api/v1/scan | json 'd["full"]'; }
wait_for "scan 2 progress" 300 bash -c "[[ \$(curl -fsS http://127.0.0.1:18850/api/v1/scan | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"full\"])') -ge 8 ]]"
before_kill=$(done_count)
kill -9 "$pid_b"
log "silo b killed after $before_kill analyses of scan 2"
wait_for "scan 2 to finish on silo a" 600 scan_idle 18850
status=$(get 18850 /api/v1/status)
[[ "$(echo "$status" | json 'd["tracks"]')" == 80 ]] || fail "expected 80 tracks after scan 2: $status"
last=$(get 18850 "/api/v1/scans?limit=1" | json 'd["items"][0]')
[[ "$(echo "$last" | python3 -c 'import ast,sys; print(ast.literal_eval(sys.stdin.read())["state"])')" == completed ]] || fail "scan 2 did not complete: $last"
new_id=$(get 18850 "/api/v1/tracks?limit=1&offset=79" | json 'd["items"][0]["id"]')
wait_for "silo a to resynchronise its index shards" 120 grep -q "resynchronising" "$work/silo-a.log"
log "$(grep -o 'silo(s) left the cluster.*' "$work/silo-a.log" | head -1)"
wait_for "similar on silo a after the loss" 60 bash -c "[[ \$(curl -fsS 'http://127.0.0.1:18850/api/v1/tracks/$new_id/similar?limit=100' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[\"matches\"]))') == 79 ]]"
log "PASSED: both silos analysed ($a_work/$b_work), answered identically, and silo a finished scan 2 alone with all 80 tracks"
