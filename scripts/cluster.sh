#!/usr/bin/env bash
# Starts N runtime nodes on this machine as one Hazelcast cluster (loopback TCP-IP join).
# Node 1 runs FIRST_ROLES (default: the feed) and nodes 2..N run NODE_ROLES (default: the bar aggregator),
# each a JSON array of role names. Logs go to target/cluster/node-K.log.
# Usage: scripts/cluster.sh [N]     stop with Ctrl-C (SIGTERM goes to every node)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2}"
jar="verticles/target/runtime.jar"
[ -f "$jar" ] || { echo "cluster.sh: $jar is missing; build it with: ./mvnw -B -q -DskipTests package" >&2; exit 2; }
mkdir -p target/cluster
first_roles="${FIRST_ROLES:-[\"ingest\"]}"
other_roles="${NODE_ROLES:-[\"bars\"]}"
pids=()
trap 'kill -TERM "${pids[@]}" 2>/dev/null; wait' INT TERM EXIT
for k in $(seq 1 "$n"); do
  roles="$other_roles"
  [ "$k" = 1 ] && roles="$first_roles"
  java -jar "$jar" -cluster -conf "{\"roles\":$roles}" > "target/cluster/node-$k.log" 2>&1 &
  pids+=($!)
  echo "node $k: pid $! roles $roles log target/cluster/node-$k.log"
done
for k in $(seq 1 120); do
  if grep -q "Members {size:$n" "target/cluster/node-1.log" 2>/dev/null; then
    echo "cluster formed: $n members"
    break
  fi
  sleep 1
done
grep -q "Members {size:$n" "target/cluster/node-1.log" || { echo "cluster.sh: no $n-member cluster after 120 s" >&2; exit 1; }
wait
