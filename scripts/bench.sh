#!/usr/bin/env bash
# End-to-end figures (not JMH): tick-to-trade latency, storage throughput/query latency, and HTTP (REST latency at a
# constant rate, SockJS fan-out CPU; both against verticles/target/runtime.jar started as a separate process).
# Cross-node tick-to-trade (cluster: three -cluster jar processes against the same roles in one process).
# Build first: ./mvnw -B -q -DskipTests -Pbenchmarks package. Output goes to stdout and target/bench-*.txt.
# Usage: scripts/bench.sh [latency|storage|recovery|backtest|backtest-cluster|http|fix|hardening|cluster|dashboard|all]
# backtest takes BACKTEST_TICKS (10000000 by default) and BACKTEST_RUNS (3). backtest-cluster (a 16-set sweep on two
# loopback nodes with the backtest role, then the same sweep on this machine's cores) takes SWEEP_TICKS (1000000)
# and BENCH_SWEEP_CLUSTER_PORT (19632, and the next five).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
mkdir -p target
what="${1:-all}"
# every mode but cluster and hardening runs a harness from the benchmarks jar
case "$what" in
  cluster|hardening|backtest-cluster|dashboard) ;;
  *) [ -f "$jar" ] || { echo "bench.sh: $jar is missing; build with: ./mvnw -B -q -DskipTests -Pbenchmarks package" >&2
       exit 2; } ;;
esac
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
  echo "== backtest: reading, cores, one run and a 16-set sweep over stored ticks (median of BACKTEST_RUNS)"
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
if [ "$what" = fix ] || [ "$what" = all ]; then
  echo "== FIX 4.4 over loopback: order -> ExecutionReport round trip at 1,000 orders/s, and market data taken in"
  java "${java_opts[@]}" -cp "$jar" io.tradingrt.bench.FixRoundTrip --rate 1000 --seconds 20 --warmup 5 \
    | tee target/bench-fix.txt
fi

# the hardening runs against the real jar (both also run in the README's test command): 2,000,000 ticks/s for
# OVERLOAD_SECONDS (60 by default) and the seeded HTTP + TCP-bridge fuzz (FUZZ_SEED reproduces a run)
if [ "$what" = hardening ] || [ "$what" = all ]; then
  ./mvnw -B -q -pl codecs,verticles verify -Dit.test='OverloadIT,EdgeFuzzIT' -Dtest=none \
    -Doverload.seconds="${OVERLOAD_SECONDS:-60}" ${FUZZ_SEED:+-Dfuzz.seed=$FUZZ_SEED} \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
fi

# Cross-node tick-to-trade: for each rate in RATES (ticks/s), first three real `-cluster` jar processes on loopback
# (node 1 the feed; node 2 strategies and the trading core, persisting to node 3; node 3 storage, http, metrics,
# bridge), then the same roles in one process with the same conf. The order flow is the defaults' strategies with
# their windows stretched by rate / 50 (TickToTradeLatency --flow realistic: the defaults' order rate at any tick
# rate), loose risk limits. After WARMUP_SECONDS of trading, the window of MEASURE_MINUTES is read from the metrics
# role: feed-to-fill p50/p99/max from its HdrHistogram (GET /api/metrics/execution?minutes=N, fills that arrived in
# the last N minutes), p99.9 and the in-runtime figure from the difference of two Prometheus scrapes (bucket
# interpolation, like histogram_quantile). Every process is tagged -Dtrt.mine=bench; only those PIDs are stopped.
# Env: RUNS (3: each run does every rate, cluster then single), RATES ("1000 10000"), WARMUP_SECONDS (20),
# MEASURE_MINUTES (1), PACING (timer), FLOW (realistic, or heavy as in TickToTradeLatency: many more fills, so a
# p99.9 to read), NODE_JAVA_OPTS ("-Xmx1g -XX:+UseParallelGC"), BENCH_HTTP_PORT (18491), BENCH_BRIDGE_PORT (18471),
# BENCH_CLUSTER_PORT (18761, and the next two).
cluster_bench() {
  local runtime=verticles/target/runtime.jar
  [ -f "$runtime" ] || { echo "bench.sh: $runtime is missing; build with: ./mvnw -B -q -DskipTests package" >&2; exit 2; }
  local rates=(${RATES:-1000 10000}) warmup="${WARMUP_SECONDS:-20}" minutes="${MEASURE_MINUTES:-1}"
  local runs="${RUNS:-3}"
  local pacing="${PACING:-timer}" flow="${FLOW:-realistic}" node_opts=(${NODE_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC})
  local http_port="${BENCH_HTTP_PORT:-18491}" bridge_port="${BENCH_BRIDGE_PORT:-18471}" hz="${BENCH_CLUSTER_PORT:-18761}"
  local p
  for p in "$http_port" "$bridge_port" "$hz" $((hz + 1)) $((hz + 2)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "bench.sh: port $p is in use; set BENCH_HTTP_PORT/BENCH_BRIDGE_PORT/BENCH_CLUSTER_PORT" >&2
      exit 2
    fi
  done
  # global: the EXIT trap runs after this function has returned
  bench_dir="$(mktemp -d "${TMPDIR:-/tmp}/trt-bench-cluster.XXXXXX")"
  local dir="$bench_dir"
  local out=target/bench-cluster.txt results="$dir/results.tsv" api="http://127.0.0.1:$http_port"
  local members="127.0.0.1:$hz,127.0.0.1:$((hz + 1)),127.0.0.1:$((hz + 2))"
  local cluster_name="bench-$$-$RANDOM" token="bench-$RANDOM$RANDOM"
  bench_pids=()
  trap 'cluster_stop; rm -rf "$bench_dir"' EXIT
  trap 'exit 130' INT TERM
  : > "$results"
  {
    echo "== cross-node tick-to-trade: 3 -cluster nodes vs 1 process, on loopback"
    echo "date: $(date -u +%FT%TZ)  commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "jvm: $(java -version 2>&1 | sed -n '1p;3p' | paste -sd ' ')  node opts: ${node_opts[*]}  cores: $(nproc)"
    echo "rates: ${rates[*]} ticks/s  warm-up: ${warmup} s  window: ${minutes} min  runs: $runs  pacing: $pacing" \
      " flow: $flow  cluster: $cluster_name"
    echo "load before: $(uptime)"
  } | tee "$out"
  local run rate layout
  for run in $(seq 1 "$runs"); do
    for rate in "${rates[@]}"; do
      for layout in cluster single; do
        # not in a pipeline: a subshell would keep the PIDs the EXIT trap stops
        cluster_run "$layout" "$rate" "$run" > >(tee -a "$out")
      done
    done
  done
  cluster_table > >(tee -a "$out")
  echo "load after: $(uptime)" | tee -a "$out"
}

# conf for one process at RATE: the realistic flow, loose risk, this run's storage and ports; $2 roles, $3 extra keys
cluster_conf() {
  local rate="$1" roles="$2" extra="$3" run="$4" s=$(( $1 / 50 ))
  [ "$s" -ge 1 ] || s=1
  printf '{"roles":%s%s,"ingest":{"ticksPerSecond":%d,"volatilityBps":10,"pacing":"%s"},' "$roles" "$extra" "$rate" \
    "$pacing"
  if [ "$flow" = heavy ]; then
    # TickToTradeLatency --flow heavy: quick strategies on every symbol, several % of ticks end in a fill
    printf '"strategies":[{"name":"momentum","type":"ma-crossover","symbols":["AAPL","MSFT","GOOG","AMZN","TSLA"],'
    printf '"fast":2,"slow":5,"quantity":"1"},{"name":"meanrev","type":"mean-reversion",'
    printf '"symbols":["AAPL","MSFT","GOOG","AMZN","TSLA"],"window":10,"entryZ":"1","exitZ":"0.2","quantity":"1"}],'
  else
    printf '"strategies":[{"name":"momentum","type":"ma-crossover","symbols":["AAPL","MSFT","GOOG"],"fast":%d,' $((5 * s))
    printf '"slow":%d,"quantity":"10"},{"name":"meanrev","type":"mean-reversion","symbols":["AMZN","TSLA"],' $((20 * s))
    printf '"window":%d,"entryZ":"1.5","exitZ":"0.3","quantity":"10"}],' $((30 * s))
  fi
  printf '"risk":{"throttlePerStrategy":0,"throttleGlobal":0,"maxPositionQuantity":"1000000",'
  printf '"maxGrossExposure":"1000000000","dailyLossLimit":"0","maxDrawdown":"0"},'
  printf '"storage":{"path":"%s/runtime.duckdb","retention":{"tierPath":"%s/tiers"},"backupRoot":"%s/backups"},' \
    "$run" "$run" "$run"
  printf '"http":{"port":%d,"tcpBridgePort":%d,"token":"%s"}}' "$http_port" "$bridge_port" "$token"
}

# starts one tagged jar process: $1 name, $2 run dir, $3 conf, then launcher arguments (-cluster)
cluster_start() {
  local name="$1" run="$2" conf="$3"
  shift 3
  TRT_CLUSTER_NAME="$cluster_name" TRT_CLUSTER_PORT="$hz" TRT_CLUSTER_MEMBERS="$members" \
    java -Dtrt.mine=bench "${node_opts[@]}" -jar "$runtime" "$@" -conf "$conf" > "$run/$name.log" 2>&1 &
  bench_pids+=($!)
  echo "$!" > "$run/$name.pid"
}

# waits for a line in a node's log; fails if the node exits first
cluster_await() {
  local run="$1" name="$2" pattern="$3" limit="${4:-120}" pid k
  pid="$(cat "$run/$name.pid")"
  for k in $(seq 1 $((limit * 2))); do
    grep -qF -- "$pattern" "$run/$name.log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "bench.sh: $name exited; its log:" >&2; tail -30 "$run/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "bench.sh: no '$pattern' from $name in $limit s; its log:" >&2
  tail -30 "$run/$name.log" >&2
  exit 1
}

# SIGTERM to this run's processes (only ours), SIGKILL after 20 s
cluster_stop() {
  local pid k
  [ "${#bench_pids[@]}" -gt 0 ] || return 0
  for pid in "${bench_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for k in $(seq 1 40); do
    local alive=0
    for pid in "${bench_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${bench_pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait "${bench_pids[@]}" 2>/dev/null || true
  bench_pids=()
}

cluster_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# JSON number of KEY from a file (the first occurrence)
json_number() { grep -o "\"$2\":[0-9]*" "$1" | head -1 | cut -d: -f2; }

# percentile Q (0..1) in µs of histogram METRIC over the window between two Prometheus scrapes A and B, linear
# within a bucket like histogram_quantile; prints "count value"
prom_quantile() {
  local metric="$1" q="$2" a="$3" b="$4"
  LC_ALL=C join <(prom_buckets "$metric" "$a") <(prom_buckets "$metric" "$b") | sort -g -k1 | awk -v q="$q" '
    { le[NR] = $1; c[NR] = $3 - $2 }
    END {
      total = c[NR]; if (total <= 0) { print 0, "-"; exit }
      rank = q * total; lo = 0; below = 0
      for (i = 1; i <= NR; i++) {
        if (c[i] >= rank) {
          if (le[i] >= 1e99) { printf "%d %.0f\n", total, lo * 1e6; exit }
          v = c[i] == below ? le[i] : lo + (le[i] - lo) * (rank - below) / (c[i] - below)
          printf "%d %.0f\n", total, v * 1e6; exit
        }
        lo = le[i]; below = c[i]
      }
    }'
}
prom_buckets() {
  grep "^$1_bucket{" "$2" | sed -E 's/.*le="([^"]*)"[^ ]* ([0-9.eE+]+)$/\1 \2/; s/^\+Inf /1e100 /' | LC_ALL=C sort -k1,1
}

# one layout at one rate: start, wait for the first fill, warm up, measure one window, stop
cluster_run() {
  local layout="$1" rate="$2" pass="$3" run="$dir/$1-$2-$3"
  mkdir -p "$run"
  local trading='["portfolio","execution","risk","signal"]' edge='["storage","http","metrics","bridge"]'
  local watched
  if [ "$layout" = cluster ]; then
    # storage first (the trading core reads its journal from it), the feed last; each node holds its singletons
    # at once (no other node is eligible for them) and logs "started roles [<first of them>..." when it does
    cluster_start node-3 "$run" "$(cluster_conf "$rate" "$edge" ',"cluster":{"nodeName":"node-3"}' "$run")" -cluster
    cluster_await "$run" node-3 "runtime: started roles [storage"
    cluster_start node-2 "$run" "$(cluster_conf "$rate" "$trading" \
      ',"persist":true,"cluster":{"nodeName":"node-2"}' "$run")" -cluster
    cluster_await "$run" node-2 "runtime: started roles [portfolio"
    cluster_start node-1 "$run" "$(cluster_conf "$rate" '["ingest"]' ',"cluster":{"nodeName":"node-1"}' "$run")" -cluster
    cluster_await "$run" node-1 "runtime: started roles [ingest"
    watched=(node-1 node-2 node-3)
  else
    cluster_start single "$run" "$(cluster_conf "$rate" \
      '["storage","portfolio","execution","risk","signal","metrics","http","bridge","ingest"]' '' "$run")"
    cluster_await "$run" single "runtime: started roles [storage"
    watched=(single)
  fi
  local k fills=0
  for k in $(seq 1 120); do
    curl -fs "$api/api/metrics/current" > "$run/current-0.json" 2>/dev/null || true
    fills="$(json_number "$run/current-0.json" fillsTotal)"
    [ "${fills:-0}" -gt 0 ] && break
    sleep 1
  done
  [ "${fills:-0}" -gt 0 ] || { echo "bench.sh: $layout at $rate ticks/s: no fill in 120 s" >&2; exit 1; }
  sleep "$warmup"
  local name cpu_a=() cpu_b=() t_a t_b
  for name in "${watched[@]}"; do cpu_a+=("$(cluster_cpu_ticks "$(cat "$run/$name.pid")")"); done
  curl -fs "$api/metrics" > "$run/prom-a.txt"
  curl -fs "$api/api/metrics/current" > "$run/current-a.json"
  t_a="$(date +%s%N)"
  sleep $((minutes * 60))
  curl -fs "$api/api/metrics/execution?minutes=$minutes" > "$run/execution.json"
  curl -fs "$api/metrics" > "$run/prom-b.txt"
  curl -fs "$api/api/metrics/current" > "$run/current-b.json"
  t_b="$(date +%s%N)"
  for name in "${watched[@]}"; do cpu_b+=("$(cluster_cpu_ticks "$(cat "$run/$name.pid")")"); done
  local load elapsed_cs ticks_s cpu="" i
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  elapsed_cs=$(( (t_b - t_a) / 10000000 ))
  ticks_s=$(( ($(json_number "$run/current-b.json" ticksTotal) - $(json_number "$run/current-a.json" ticksTotal)) * 100
    / elapsed_cs ))
  for i in "${!watched[@]}"; do
    cpu+="${cpu:+ }${watched[$i]} $(( (${cpu_b[$i]} - ${cpu_a[$i]}) * 100 / elapsed_cs ))%"
  done
  local count p50 p99 max p999 rt_n rt50 rt99 rt999
  count="$(json_number "$run/execution.json" count)"
  p50="$(json_number "$run/execution.json" p50Micros)"
  p99="$(json_number "$run/execution.json" p99Micros)"
  max="$(json_number "$run/execution.json" maxMicros)"
  read -r _ p999 < <(prom_quantile tradingrt_tick_to_trade_seconds 0.999 "$run/prom-a.txt" "$run/prom-b.txt")
  # interpolating in the last bucket can overshoot the exact maximum; below 1,000 fills p99.9 is the maximum
  [ "$count" -ge 1000 ] && [ "$p999" != - ] && [ "$p999" -le "$max" ] || p999="$max*"
  read -r rt_n rt50 < <(prom_quantile tradingrt_tick_to_trade_in_runtime_seconds 0.5 "$run/prom-a.txt" "$run/prom-b.txt")
  read -r _ rt99 < <(prom_quantile tradingrt_tick_to_trade_in_runtime_seconds 0.99 "$run/prom-a.txt" "$run/prom-b.txt")
  read -r _ rt999 < <(prom_quantile tradingrt_tick_to_trade_in_runtime_seconds 0.999 "$run/prom-a.txt" \
    "$run/prom-b.txt")
  [ "$rt_n" -ge 1000 ] || rt999="$rt999*"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$pass" "$layout" "$rate" "$count" "$p50" \
    "$p99" "$p999" "$max" "$rt_n" "$rt50" "$rt99" "$rt999" "$ticks_s" "$cpu" "$load" >> "$results"
  echo "run $pass, $layout $rate ticks/s: fills $count, feed-to-fill p50 $p50 p99 $p99 p99.9 $p999 max $max µs;" \
    "in-runtime ($rt_n orders) p50 $rt50 p99 $rt99 p99.9 $rt999 µs; metrics saw $ticks_s ticks/s; CPU $cpu; load $load"
  cluster_stop
}

# the table: layout × rate per run, then the median of the runs; ratio cluster/single of the same run and rate (the
# median row: the median of those ratios)
cluster_table() {
  echo
  echo "| ticks/s | layout | run | fills | feed-to-fill p50 | p99 | p99.9 | max | cluster/single p50 · p99 · p99.9 |" \
    "in-runtime p50 | p99 | p99.9 | cluster/single p50 · p99 | ticks/s seen | CPU (% of a core) | load |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---|---|"
  LC_ALL=C sort -t$'\t' -k3,3n -k2,2 -k1,1n "$results" | awk -F'\t' '
    function num(v) { return v + 0 }
    function ratio(a, b) { a += 0; b += 0; return b > 0 ? a / b : -1 }
    function fmt(r) { return r < 0 ? "–" : sprintf("%.2f", r) }
    function median(list,   n, v, i, j, t) {
      n = split(list, v, " ")
      for (i = 2; i <= n; i++) { t = v[i] + 0; for (j = i - 1; j >= 1 && v[j] + 0 > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      return n == 0 ? "" : (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2)
    }
    { n++; for (i = 1; i <= 15; i++) f[n, i] = $i
      if ($2 == "single") for (i = 4; i <= 12; i++) single[$1, $3, i] = $i }
    END {
      for (k = 1; k <= n; k++) {
        run = f[k, 1]; layout = f[k, 2]; rate = f[k, 3]; key = rate SUBSEP layout
        if (!(key in seen)) { seen[key] = 1; order[++keys] = key }
        r = ""; rr = ""
        if (layout == "cluster") {
          for (i = 5; i <= 7; i++) { q = ratio(f[k, i], single[run, rate, i]); rat[key, i] = rat[key, i] " " q
            r = r (i > 5 ? " · " : "") fmt(q) }
          for (i = 10; i <= 11; i++) { q = ratio(f[k, i], single[run, rate, i]); rat[key, i] = rat[key, i] " " q
            rr = rr (i > 10 ? " · " : "") fmt(q) }
        }
        for (i = 4; i <= 12; i++) col[key, i] = col[key, i] " " num(f[k, i])
        printf "| %s | %s | %s | %s | %s µs | %s µs | %s µs | %s µs | %s | %s µs | %s µs | %s µs | %s | %s | %s | %s |\n",
          rate, layout, run, f[k, 4], f[k, 5], f[k, 6], f[k, 7], f[k, 8], r, f[k, 10], f[k, 11], f[k, 12], rr,
          f[k, 13], f[k, 14], f[k, 15]
        # after the last run of a rate and layout: its median row
        if (k == n || f[k + 1, 2] != layout || f[k + 1, 3] != rate) {
          r = ""; rr = ""
          if (layout == "cluster") {
            for (i = 5; i <= 7; i++) r = r (i > 5 ? " · " : "**") fmt(median(rat[key, i])) (i == 7 ? "**" : "")
            for (i = 10; i <= 11; i++) rr = rr (i > 10 ? " · " : "") fmt(median(rat[key, i]))
          }
          printf "| %s | %s | **median** | %d | **%d µs** | **%d µs** | %d µs | %d µs | %s | %d µs | %d µs | %d µs | %s | | | |\n",
            rate, layout, median(col[key, 4]), median(col[key, 5]), median(col[key, 6]), median(col[key, 7]),
            median(col[key, 8]), r, median(col[key, 10]), median(col[key, 11]), median(col[key, 12]), rr
        }
      }
    }'
  echo "(feed-to-fill p50/p99/max: HdrHistogram of the metrics role; p99.9 and in-runtime: Prometheus buckets," \
    "interpolated; * fewer than 1,000 in the window: p99.9 is the maximum, or the top bucket)"
}

if [ "$what" = cluster ] || [ "$what" = all ]; then
  cluster_bench
fi

# A 16-set sweep through runtime.jar backtest: on two -cluster nodes holding only the backtest role (the CLI joins as
# a member without roles and sends the sets over the bus), then on this machine's cores (--threads 2), back to back.
backtest_cluster_bench() {
  local runtime=verticles/target/runtime.jar dir=target/bench-sweep hz="${BENCH_SWEEP_CLUSTER_PORT:-19632}"
  local ticks="${SWEEP_TICKS:-1000000}" grid='{"momentum":{"fast":[2,3,4,5],"slow":[10,20,30,40]}}' p k
  [ -f "$runtime" ] || { echo "bench.sh: $runtime is missing" >&2; exit 2; }
  for p in $(seq "$hz" $((hz + 5))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "bench.sh: port $p is in use; set BENCH_SWEEP_CLUSTER_PORT" >&2
      exit 2
    fi
  done
  rm -rf "$dir" && mkdir -p "$dir"
  # the replay format: a seeded random walk over the five default symbols, 10 ms apart
  python3 - "$ticks" "$dir/ticks.csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
symbols = ["AAPL", "MSFT", "GOOG", "AMZN", "TSLA"]
mids = [100.0 * (1 + 0.25 * i) for i in range(5)]
rnd = random.Random(42)
with open(path, "w") as out:
    out.write("ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq\n")
    for i in range(n):
        k = i % 5
        mids[k] *= 1 + rnd.gauss(0, 0.002)
        bid, ask = round(mids[k] * 0.9999, 2), round(mids[k] * 1.0001, 2) + 0.01
        out.write("%d,%s,%.2f,%.2f,%d,%d,%.2f,%d,%d\n" % (1704196800000000 + i * 10000, symbols[k], bid, ask,
                  rnd.randint(1, 1000), rnd.randint(1, 1000), ask if rnd.random() < 0.5 else bid,
                  rnd.randint(1, 200), i + 1))
PY
  local members="" pids=()
  for p in $(seq "$hz" $((hz + 5))); do members="$members${members:+,}127.0.0.1:$p"; done
  local env=(TRT_CLUSTER_NAME="bench-sweep-$$" TRT_CLUSTER_PORT="$hz" TRT_CLUSTER_MEMBERS="$members")
  for k in 1 2; do
    env "${env[@]}" java -Xmx1g -jar "$runtime" -cluster \
      -conf "{\"roles\":[\"backtest\"],\"cluster\":{\"nodeName\":\"sweep-$k\"}}" > "$dir/node-$k.log" 2>&1 &
    pids+=($!)
  done
  trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
  for k in 1 2; do
    for p in $(seq 1 240); do
      grep -qF "started roles [backtest]" "$dir/node-$k.log" 2>/dev/null && break
      sleep 0.5
    done
  done
  echo "== backtest sweep: 16 sets over $ticks ticks, 2 loopback nodes with the backtest role, then this machine"
  env "${env[@]}" java -Xmx1g -jar "$runtime" backtest --source csv "$dir/ticks.csv" --sweep "$grid" --cluster \
    --no-store --out "$dir/cluster" 2>/dev/null | tee "$dir/cluster.txt" | grep -E '^sweep '
  java -Xmx1g -jar "$runtime" backtest --source csv "$dir/ticks.csv" --sweep "$grid" --threads 2 --no-store \
    --out "$dir/local" 2>/dev/null | tee "$dir/local.txt" | grep -E '^sweep '
  if cmp -s <(grep -E '^[0-9]+ ' "$dir/cluster.txt" | sed 's/  on .*//') <(grep -E '^[0-9]+ ' "$dir/local.txt"); then
    echo "the ranked tables are the same"
  else
    echo "the ranked tables differ:" && diff <(grep -E '^[0-9]+ ' "$dir/cluster.txt") <(grep -E '^[0-9]+ ' "$dir/local.txt") || true
  fi
  echo "(runs per node: $(grep -oE ' on sweep-[0-9]+' "$dir/cluster.txt" | sort | uniq -c | tr -s ' ' | tr '\n' ';'))"
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  trap - EXIT
}

# The defaults as a user runs them (runtime.jar, no -conf but ports and a scratch file): the in-runtime tick-to-trade
# p50 the dashboard shows, every 10 s for 70 s with no browser; then the CPU of a headless Chromium (all its
# processes' utime+stime) with the dashboard open, 30 s after 15 s. BENCH_DASHBOARD_PORT (19661, and the next one).
dashboard_bench() {
  local runtime=verticles/target/runtime.jar port="${BENCH_DASHBOARD_PORT:-19661}" dir
  [ -f "$runtime" ] || { echo "bench.sh: $runtime is missing" >&2; return 2; }
  dir=$(mktemp -d)
  java -Xmx1g -jar "$runtime" -conf "{\"http\":{\"port\":$port,\"tcpBridgePort\":$((port + 1))},\"storage\":{\"path\":\"$dir/d.duckdb\"}}" \
    > "$dir/runtime.log" 2>&1 &
  local rt=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null && break; sleep 1; done
  echo "== the defaults: in-runtime tick-to-trade p50 / p99 (µs) shown by the runtime, no browser"
  for t in 10 20 30 40 50 60 70; do
    sleep 10
    curl -s "http://127.0.0.1:$port/api/metrics/current" | python3 -c 'import json,sys; m=json.load(sys.stdin);
print("after %s s: p50 %s, p99 %s, orders %s" % (sys.argv[1], m["inRuntimeP50Micros"], m["inRuntimeP99Micros"],
m["ordersTotal"]))' "$t"
  done
  echo "== the defaults: headless Chromium's CPU with the dashboard open (30 s after 15 s)"
  setsid chromium --headless --no-sandbox --disable-gpu --window-size=1600,1000 --user-data-dir="$dir/profile" \
    "http://127.0.0.1:$port/" > "$dir/chromium.log" 2>&1 &
  local cr=$!
  sleep 15
  cpu_of_group() { local sum=0 p; for p in $(ps -o pid= -g "$1"); do
    sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat" 2> /dev/null || echo 0))); done; echo "$sum"; }
  local c0 r0 c1 r1
  c0=$(cpu_of_group "$cr"); r0=$(awk '{print $14 + $15}' "/proc/$rt/stat")
  sleep 30
  c1=$(cpu_of_group "$cr"); r1=$(awk '{print $14 + $15}' "/proc/$rt/stat")
  awk -v c=$((c1 - c0)) -v r=$((r1 - r0)) -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "chromium %.1f %% of a core, runtime %.1f %% of a core\n", 100 * c / hz / 30, 100 * r / hz / 30 }'
  kill -- -"$cr" 2> /dev/null || true
  kill "$rt"; wait "$rt" 2> /dev/null || true
  rm -rf "$dir"
}
if [ "$what" = dashboard ] || [ "$what" = all ]; then
  dashboard_bench | tee target/bench-dashboard.txt
fi
if [ "$what" = backtest-cluster ] || [ "$what" = all ]; then
  backtest_cluster_bench | tee target/bench-backtest-cluster.txt
fi
