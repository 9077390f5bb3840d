#!/usr/bin/env bash
# Reproducible benchmark on one machine: a Spira fake (the gateway's demo stand-in, run as its own process with
# configurable costs), the gateway under test, and a JDK HttpClient load harness (bench/Bench.java).
# Not part of the test run. Usage: bench/run.sh   (about 7 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
OUT=${BENCH_OUT:-target/bench}
mkdir -p "$OUT"
[ -f target/spira-run-gateway.jar ] || ./mvnw -B -ntp -q -DskipTests package

FAKE_PORT=18081; GW_PORT=18080; FAKE=http://127.0.0.1:$FAKE_PORT; GW=http://127.0.0.1:$GW_PORT
SECONDS_PER_RUN=${BENCH_SECONDS:-20}
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_ready() { # url -> prints milliseconds to ready
  local t0; t0=$(date +%s%N)
  for _ in $(seq 1 300); do
    if curl -fs "$1/readyz" >/dev/null 2>&1; then echo $(( ($(date +%s%N) - t0) / 1000000 )); return; fi
    sleep 0.05
  done
  echo "not ready: $1" >&2; exit 1
}

start_fake() { # latency saveBase savePerRun
  "$JAVA" -Xmx256m -jar target/spira-run-gateway.jar --spring.profiles.active=demo --server.port=$FAKE_PORT \
    --gateway.data-dir="$OUT/fake-data" --demo.spira.latency="$1" --demo.spira.save-base="$2" \
    --demo.spira.save-per-run="$3" --logging.level.root=warn >"$OUT/fake.log" 2>&1 &
  pids+=($!); FAKE_PID=$!
  wait_ready $FAKE >/dev/null
}

# The gateway runs as a small deployment would: its live heap under this load is about 40 MB (GC log), so 72 MB of
# heap with the serial collector; 96 MB put peak RSS at 288-310 MB, 64 MB made full collections frequent (p99 440 ms).
start_gateway() { # coalescing-enabled
  rm -rf "$OUT/gw-data"
  SPIRA_URL=$FAKE/demo-spira SPIRA_USERNAME=demo SPIRA_API_KEY='{DEMO-0000-0000-0000-000000000000}' \
  GATEWAY_DATA_DIR="$OUT/gw-data" GATEWAY_COALESCING_ENABLED="$1" GATEWAY_COALESCING_MAX_IN_FLIGHT=${BENCH_MAX_IN_FLIGHT:-2} SPIRA_WRITE_QUEUE_SIZE=200 \
    "$JAVA" -Xmx72m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -jar target/spira-run-gateway.jar --server.port=$GW_PORT \
    --logging.level.root=warn >"$OUT/gateway.log" 2>&1 &
  pids+=($!); GW_PID=$!
  STARTUP_MS=$(wait_ready $GW)
}

stop() { kill "$1"; wait "$1" 2>/dev/null || true; }
bench() { "$JAVA" bench/Bench.java "$@"; }

echo "# Spira Run Gateway benchmark — $(date -u +%FT%TZ) — $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)"

echo "## 1. Overhead (fake: 20 ms per call, no save cost)"
start_fake 20ms 0ms 0ms
start_gateway true
echo "gateway startup to ready: ${STARTUP_MS} ms"
bench overhead $GW $FAKE 1,16 1000,800
bench cpu $GW $GW_PID $FAKE_PID 1000
stop $GW_PID
echo "(micro-batching off, for comparison at concurrency 16; shorter warm-up)"
start_gateway false
"$JAVA" -DwarmupRequests=4000 -DwarmupLone=0 bench/Bench.java overhead $GW $FAKE 16 800
stop $GW_PID; stop $FAKE_PID

echo "## 2. Throughput (64 clients; fake: 20 ms per call, saves serialised at 40 ms + 2 ms/run)"
for coalescing in false true; do
  start_fake 20ms 40ms 2ms
  start_gateway $coalescing
  echo "micro-batching=$coalescing:"
  "$JAVA" -Dwarmup="$SECONDS_PER_RUN" bench/Bench.java throughput $GW $FAKE 64 "$SECONDS_PER_RUN"
  echo "gateway peak RSS $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$GW_PID/status)"
  stop $GW_PID; stop $FAKE_PID
done

echo "## 3. Batch of 100 (fake: 20 ms per call)"
start_fake 20ms 0ms 0ms
start_gateway true
bench batch $GW $FAKE 100
stop $GW_PID; stop $FAKE_PID
