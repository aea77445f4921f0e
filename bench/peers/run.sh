#!/usr/bin/env bash
# Runs one peer scenario (the Cairn loads against Socket.IO or ShareDB) with the load harness.
#   bench/peers/run.sh fanout-socketio [--rooms 20] [--members 50] [--senders 2] [--rates 200,500,...] [--seconds 8] [--nodes 1|2]
#   bench/peers/run.sh coedit-sharedb [--editors 50,100,200] [--rate 5] [--seconds 20] [--warmup 5] [--full 10]
# Installs the peers first (bench/peers/install.sh, quick when done), starts its own redis-server and
# Node.js processes on loopback, stops them, prints a table and writes bench/results/<scenario>.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
bash bench/peers/install.sh
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" dev.cairn.bench.peers.PeerBench "$@"
