#!/usr/bin/env bash
# Starts a realistic cluster on this machine (Hazelcast TCP-IP join on loopback), one process per node:
#   node-1, node-2   eligible for the trading core (portfolio, execution, risk), the feed, bars and the strategies;
#                    one holds each singleton, the other stands by; strategies are spread over both. HTTP 8081, 8082.
#   node-3           storage (the one DuckDB writer), metrics, the dashboard on http://127.0.0.1:8080/ and the TCP
#                    bridge on 7000.
# With N > 3, nodes 4..N are further trading/strategy standbys (HTTP 8080+K). cluster.minimumMembers is 2 with
# three nodes or more, so a node cut off alone stops acting. Logs: target/cluster/node-K.log, databases
# target/cluster/node-K.duckdb. Try a failover: kill -9 the pid of the node that holds trading-core (see
# GET http://127.0.0.1:8080/api/cluster), watch the other take over, start it again with the line printed below.
# Usage: scripts/cluster.sh [N]     (default 3)   stop with Ctrl-C (SIGTERM goes to every node)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-3}"
jar="verticles/target/runtime.jar"
[ -f "$jar" ] || { echo "cluster.sh: $jar is missing; build it with: ./mvnw -B -q -DskipTests package" >&2; exit 2; }
[[ "$n" =~ ^[1-9][0-9]?$ ]] || { echo "cluster.sh: N must be 1 to 99, got '$n'" >&2; exit 2; }
mkdir -p target/cluster
minimum=1
[ "$n" -ge 3 ] && minimum=2
trading='"ingest","bars","portfolio","execution","risk","signal","http"'
pids=()
trap 'kill -TERM "${pids[@]}" 2>/dev/null; wait' INT TERM EXIT
for k in $(seq 1 "$n"); do
  roles="[$trading]"; port=$((8080 + k))
  storage_node=3
  [ "$n" -lt 3 ] && storage_node="$n"
  if [ "$k" = "$storage_node" ]; then
    # the storage node (with fewer than three nodes, the last one also holds storage)
    roles='["storage","metrics","http","bridge"]'; port=8080
    [ "$n" -lt 3 ] && roles="[$trading,\"storage\",\"metrics\",\"bridge\"]"
  fi
  conf="{\"roles\":$roles,\"cluster\":{\"nodeName\":\"node-$k\",\"minimumMembers\":$minimum},"
  conf+="\"storage\":{\"path\":\"target/cluster/node-$k.duckdb\"},\"http\":{\"port\":$port}}"
  java -jar "$jar" -cluster -conf "$conf" > "target/cluster/node-$k.log" 2>&1 &
  pids+=($!)
  echo "node-$k: pid $! roles $roles log target/cluster/node-$k.log"
  echo "  restart: java -jar $jar -cluster -conf '$conf'"
done
for k in $(seq 1 120); do
  if grep -q "Members {size:$n" "target/cluster/node-1.log" 2>/dev/null; then
    echo "cluster formed: $n members; dashboard http://127.0.0.1:8080/, who holds what: /api/cluster"
    break
  fi
  sleep 1
done
grep -q "Members {size:$n" "target/cluster/node-1.log" || { echo "cluster.sh: no $n-member cluster after 120 s" >&2; exit 1; }
wait
