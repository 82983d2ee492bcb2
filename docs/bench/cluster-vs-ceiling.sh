#!/usr/bin/env bash
# The cluster against its ceiling, in one run on one machine (docs/performance.md):
# a no-op Vert.x server, then `ringkv local` (3 nodes, N=3 R=2 W=2), each driven by the same
# `ringkv bench` runs. Every server binds loopback; every run is bounded; only PIDs started
# here are stopped. Both servers are warmed first (WARM_SECONDS of unmeasured load per API,
# default 30). Usage: docs/bench/cluster-vs-ceiling.sh [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN="${1:-15}"
JAR=target/ringkv.jar
OUT=target/bench
mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -B -q package -DskipTests

bench() { # name, args...
  local name="$1"; shift
  java -jar "$JAR" bench --duration "${SECONDS_PER_RUN}s" --warmup 5s --value-size 1024 --read-ratio 0.5 \
    --keys 10000 --seed 42 --json "$@" > "$OUT/$name.json"
  echo "$name: $(cat "$OUT/$name.json")"
}

wait_for() { # url
  for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "timed out waiting for $1" >&2; return 1
}

warm() { # http url, grpc address, seconds: unmeasured closed-loop load over both APIs, so that the
  # server's JIT has compiled its hot paths before anything is measured (a cold cluster measures
  # at a third of its warm throughput)
  for api in http grpc; do
    java -jar "$JAR" bench --api "$api" --url "$1" --grpc "$2" --mode closed --concurrency 64 --duration "$3s" \
      --warmup 0s --value-size 1024 --keys 10000 --seed 7 > /dev/null
  done
}

runs() { # prefix, http url, grpc address
  bench "$1-http-closed" --api http --url "$2" --mode closed --concurrency 64
  bench "$1-grpc-closed" --api grpc --grpc "$3" --mode closed --concurrency 64
  bench "$1-http-open2000" --api http --url "$2" --mode open --rate 2000
  bench "$1-grpc-open2000" --api grpc --grpc "$3" --mode open --rate 2000
}

java -jar "$JAR" noop-server --http-port 8090 --grpc-port 9190 > "$OUT/noop.log" 2>&1 &
NOOP=$!
trap 'kill $NOOP 2>/dev/null || true' EXIT
wait_for http://127.0.0.1:8090/kv/probe
warm http://127.0.0.1:8090 127.0.0.1:9190 "${WARM_SECONDS:-30}"
runs ceiling http://127.0.0.1:8090 127.0.0.1:9190
kill $NOOP; wait $NOOP 2>/dev/null || true

DATA=$(mktemp -d)
java -jar "$JAR" local --data-dir "$DATA" > "$OUT/local.log" 2>&1 &
LOCAL=$!
trap 'kill $LOCAL 2>/dev/null || true; rm -rf "$DATA"' EXIT
wait_for http://127.0.0.1:8083/health/ready
java -jar "$JAR" bench --prefill --requests 1 --warmup 0s --keys 10000 --url http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083 > /dev/null
warm http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083 127.0.0.1:9091,127.0.0.1:9092,127.0.0.1:9093 "${WARM_SECONDS:-30}"
runs cluster http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083 127.0.0.1:9091,127.0.0.1:9092,127.0.0.1:9093
kill $LOCAL; wait $LOCAL 2>/dev/null || true
