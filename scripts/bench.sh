#!/usr/bin/env bash
# End-to-end figures (not JMH): tick-to-trade latency, storage throughput/query latency, and HTTP (REST latency at a
# constant rate, SockJS fan-out CPU; both against verticles/target/runtime.jar started as a separate process).
# Build first: ./mvnw -B -q -DskipTests -Pbenchmarks package. Output goes to stdout and target/bench-*.txt.
# Usage: scripts/bench.sh [latency|storage|recovery|backtest|http|hardening|all]
# backtest takes BACKTEST_TICKS (10000000 by default) and BACKTEST_RUNS (3).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "bench.sh: $jar is missing; build with: ./mvnw -B -q -DskipTests -Pbenchmarks package" >&2; exit 2; }
mkdir -p target
what="${1:-all}"
java_opts=(-Xmx4g -XX:+UseParallelGC --add-opens java.base/java.lang=ALL-UNNAMED)
if [ "$what" = latency ] || [ "$what" = all ]; then
  echo "== tick-to-trade latency (in-process, from the tick's planned send time)"
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.TickToTradeLatency 10000 100000 --seconds 20 --pacing timer \
    | tee target/bench-latency-timer.txt
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.TickToTradeLatency 10000 100000 --seconds 20 --pacing timer \
    --flow realistic | tee target/bench-latency-realistic.txt
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.TickToTradeLatency 10000 100000 --seconds 20 --pacing thread \
    | tee target/bench-latency-thread.txt
fi
if [ "$what" = storage ] || [ "$what" = all ]; then
  echo "== storage"
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.StorageBenchmark | tee target/bench-storage.txt
  echo "== storage: full pipeline with the strategies' windows scaled to the tick rate"
  java "${java_opts[@]}" -Dparts=2 -DscaleStrategies=true -cp "$jar" io.tradingrt.bench.StorageBenchmark \
    | tee target/bench-storage-scaled.txt
fi
if [ "$what" = recovery ] || [ "$what" = all ]; then
  echo "== recovery: reading the journal and rebuilding the cores, against journal size (median of 3)"
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.RecoveryBenchmark | tee target/bench-recovery.txt
fi
if [ "$what" = backtest ] || [ "$what" = all ]; then
  echo "== backtest: reading, cores, one run and a 16-set sweep over stored ticks (best of BACKTEST_RUNS)"
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.BacktestBenchmark "${BACKTEST_TICKS:-10000000}" \
    target/bench-backtest.duckdb "${BACKTEST_RUNS:-3}" | tee target/bench-backtest.txt
fi
if [ "$what" = http ] || [ "$what" = all ]; then
  [ -f verticles/target/runtime.jar ] || { echo "bench.sh: verticles/target/runtime.jar is missing" >&2; exit 2; }
  echo "== REST latency at 1,000 req/s (open model, from each request's planned send time)"
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.RestLatency --rate 1000 --warmup 10 --seconds 30 \
    --connections 8 --runs 3 "/api/metrics/market-data?symbol=AAPL" /api/metrics/current | tee target/bench-rest.txt
  echo "== SockJS fan-out: server CPU streaming to 100 clients"
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.SockJsFanout --clients 100 --seconds 30 --settle 10 --runs 3 \
    | tee target/bench-sockjs.txt
fi

# the hardening runs against the real jar (both also run in the README's test command): 2,000,000 ticks/s for
# OVERLOAD_SECONDS (60 by default) and the seeded HTTP + TCP-bridge fuzz (FUZZ_SEED reproduces a run)
if [ "$what" = hardening ] || [ "$what" = all ]; then
  ./mvnw -B -q -pl codecs,verticles verify -Dit.test='OverloadIT,EdgeFuzzIT' -Dtest=none \
    -Doverload.seconds="${OVERLOAD_SECONDS:-60}" ${FUZZ_SEED:+-Dfuzz.seed=$FUZZ_SEED} \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
fi
