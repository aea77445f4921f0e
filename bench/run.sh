#!/usr/bin/env bash
# Runs one load scenario against Cairn server processes started by the harness itself.
#   bench/run.sh coedit [--editors 50,100,200] [--rate 5] [--seconds 20] [--warmup 5]
#   bench/run.sh coldstart [--runs 5]
#   bench/run.sh connections|fanout|twonodes|restart [--key value ...]
#   bench/run.sh fanout-socketio|coedit-sharedb [--key value ...]   (peers; see bench/peers/README.md)
# Results: a table on stdout and bench/results/<scenario>.json. Loopback only; every scenario stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Xmx4g ${BENCH_HARNESS_JVM:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" dev.cairn.bench.Bench "$@"
