#!/usr/bin/env bash
# Alert benchmark: the time from the event that crosses an alert's line to the webhook call, on real
# components (in-JVM Kafka, local ClickHouse, the engine on a Flink MiniCluster, the dispatcher, a local
# HTTP receiver). Ephemeral ports only; prints p50/p90/p99/max and appends them to deploy/bench/RESULTS.md.
#
#   deploy/bench/alert-bench.sh [--crossings N]     (default 40; about 2-3 minutes plus the build)
set -euo pipefail
cd "$(dirname "$0")/../.."

crossings=40
if [[ "${1:-}" == "--crossings" ]]; then crossings=$2; fi

# Through the reactor so sibling modules come from this worktree, not ~/.m2; only the driver runs.
mvn -B -o -q -pl deploy/stack -am verify -Djacoco.skip=true -Dtest=AlertLatencyBench \
    -Dsurefire.failIfNoSpecifiedTests=false -Dkpi.bench.crossings="$crossings"
line=$(cat deploy/stack/target/alert-bench.txt)
echo "$line"
printf '\n- %s (%s, %s)\n' "$line" "$(date -u +%Y-%m-%dT%H:%MZ)" "$(git rev-parse --short HEAD)" >> deploy/bench/RESULTS.md
