#!/usr/bin/env bash
# Client latency with anti-entropy off against anti-entropy forced continuous (docs/anti-entropy.md).
# Two `ringkv local` clusters run side by side (3 nodes, Q = 64, ports +300 and +400, away from the
# defaults other tools use): one with --anti-entropy off, one with --anti-entropy continuous. Both
# are prefilled, then each round benches one cluster, then the other (the order alternates), so
# the swings of a shared machine's load fall on both alike. The cluster not being measured is
# frozen (SIGSTOP) so that its anti-entropy cannot slow the other one down; each round's warmup
# covers the first gossip round after it thaws. Every server binds loopback; only PIDs started
# here are signalled or stopped.
# Usage: docs/bench/anti-entropy-ab.sh [rounds, default 20] [seconds per round, default 10] [rate, default 1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-20}"
SECONDS_PER_ROUND="${2:-10}"
RATE="${3:-1000}"
OFF_AT=300
CONT_AT=400
JAR=target/ringkv.jar
OUT=target/bench/anti-entropy
rm -rf "$OUT"; mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -B -q package -DskipTests

urls() { # port offset
  echo "http://127.0.0.1:$((8081 + $1)),http://127.0.0.1:$((8082 + $1)),http://127.0.0.1:$((8083 + $1))"
}

start() { # mode, port offset
  java -Xmx1g -jar "$JAR" local --nodes 3 --partitions 64 --data-dir "$OUT/data-$1" \
    --anti-entropy "$1" --port-offset "$2" > "$OUT/local-$1.log" 2>&1 &
  echo $!
}

wait_for() { # url
  for _ in $(seq 1 240); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "timed out waiting for $1" >&2; return 1
}

bench() { # mode, port offset, round
  java -jar "$JAR" bench --url "$(urls "$2")" --rate "$RATE" --duration "${SECONDS_PER_ROUND}s" --warmup 3s \
    --keys 10000 --value-size 512 --read-ratio 0.5 --seed "$3" --json > "$OUT/$1-$3.json"
}

measure() { # mode, port offset, round: thaws the cluster, benches it, freezes it again
  local pid; [ "$1" = off ] && pid=$OFF_PID || pid=$CONT_PID
  kill -CONT "$pid"
  bench "$@"
  kill -STOP "$pid"
}

OFF_PID=$(start off $OFF_AT)
CONT_PID=$(start continuous $CONT_AT)
trap 'kill -CONT $OFF_PID $CONT_PID 2>/dev/null; kill $OFF_PID $CONT_PID 2>/dev/null || true' EXIT
wait_for "http://127.0.0.1:$((8083 + OFF_AT))/health/ready"
wait_for "http://127.0.0.1:$((8083 + CONT_AT))/health/ready"
for at in $OFF_AT $CONT_AT; do
  java -jar "$JAR" bench --url "$(urls $at)" --requests 1 --warmup 0s --keys 10000 --value-size 512 --prefill > /dev/null
done
kill -STOP $OFF_PID $CONT_PID
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then
    measure off $OFF_AT "$round"; measure continuous $CONT_AT "$round"
  else
    measure continuous $CONT_AT "$round"; measure off $OFF_AT "$round"
  fi
done
kill -CONT $CONT_PID
curl -s "http://127.0.0.1:$((8081 + CONT_AT))/admin/anti-entropy" > "$OUT/anti-entropy-n1.json"

python3 - "$OUT" <<'PY'
import glob, json, statistics, sys
out = sys.argv[1]
rounds = {}
for path in glob.glob(out + "/*-*.json"):
    name = path.rsplit("/", 1)[1][:-5]
    if name.startswith("anti-entropy"):
        continue
    mode, number = name.rsplit("-", 1)
    report = json.load(open(path))
    rounds.setdefault(int(number), {})[mode] = dict(report["operations"], all=report["total"])
paired = [r for r in sorted(rounds) if len(rounds[r]) == 2]
print(f"{len(paired)} rounds")
for op in ("all", "get", "put"):
    for q in ("p50Ms", "p99Ms", "p999Ms"):
        off = statistics.median(rounds[r]["off"][op][q] for r in paired)
        cont = statistics.median(rounds[r]["continuous"][op][q] for r in paired)
        ratio = statistics.median(rounds[r]["continuous"][op][q] / rounds[r]["off"][op][q] for r in paired)
        print(f"{op} {q[:-2]:5} median of rounds: off {off:7.2f} ms, continuous {cont:7.2f} ms ({(cont / off - 1) * 100:+.1f} %); "
              f"median paired ratio {(ratio - 1) * 100:+.1f} %")
totals = json.load(open(out + "/anti-entropy-n1.json"))["totals"]
errors = sum(rounds[r][m]["all"]["errors"] for r in paired for m in ("off", "continuous"))
print(f"errors in all rounds: {errors}")
spread = lambda m: sorted(rounds[r][m]["all"]["p99Ms"] for r in paired)
print("p99 of each round, off:       ", spread("off"))
print("p99 of each round, continuous:", spread("continuous"))
print("anti-entropy on n1 of the continuous cluster:", {k: totals[k] for k in ("exchanges", "byOutcome", "comparisons", "keysRepaired", "bytes")})
PY
