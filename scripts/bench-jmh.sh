#!/usr/bin/env bash
# Runs JMH benchmarks from an already built jar (./mvnw -B -DskipTests -Pbenchmarks package -pl benchmarks -am); builds nothing.
# Usage: scripts/bench-jmh.sh [regex] [name]   e.g. scripts/bench-jmh.sh CodecBenchmark codec
# Results go to target/jmh-<name>.json (name defaults to "all", or to the regex with non-word characters as '-').
set -euo pipefail
cd "$(dirname "$0")/.."

regex="${1:-.*}"
if [[ $# -ge 2 ]]; then
  name="$2"
elif [[ $# -ge 1 ]]; then
  name="$(printf '%s' "$regex" | tr -c 'A-Za-z0-9_\n' '-')"
else
  name="all"
fi

jar="benchmarks/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  echo "missing $jar: build it first with ./mvnw -B -DskipTests -Pbenchmarks package -pl benchmarks -am" >&2
  exit 1
fi
mkdir -p target
exec java -jar "$jar" "$regex" -f 1 -wi 3 -i 5 -w 2s -r 2s -rf json -rff "target/jmh-$name.json"
