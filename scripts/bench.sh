#!/usr/bin/env bash
# End-to-end figures (not JMH): tick-to-trade latency and storage throughput/query latency, each measured side by
# side in one run. Build first: mvn -B -q -DskipTests package. Output goes to stdout and target/bench-*.txt.
# Usage: scripts/bench.sh [latency|storage|all]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "bench.sh: $jar is missing; build with: mvn -B -q -DskipTests package" >&2; exit 2; }
mkdir -p target
what="${1:-all}"
java_opts=(-Xmx4g -XX:+UseParallelGC --add-opens java.base/java.lang=ALL-UNNAMED)
if [ "$what" = latency ] || [ "$what" = all ]; then
  echo "== tick-to-trade latency (in-process, from the tick's planned send time)"
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.TickToTradeLatency 10000 100000 --seconds 20 --pacing timer \
    | tee target/bench-latency-timer.txt
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.TickToTradeLatency 10000 100000 --seconds 20 --pacing thread \
    | tee target/bench-latency-thread.txt
fi
if [ "$what" = storage ] || [ "$what" = all ]; then
  echo "== storage"
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.StorageBenchmark | tee target/bench-storage.txt
fi
