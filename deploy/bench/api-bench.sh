#!/usr/bin/env bash
# Dashboard API benchmark: p50/p99 of a top-20 ranking, a scorecard and a 13-month history at 1, 8 and 32
# concurrent clients, over 10,000 employees × 13 months of month-to-date values seeded directly into a local
# ClickHouse. Ephemeral ports only; appends to deploy/bench/RESULTS.md. Takes about 2-3 minutes.
#
#   deploy/bench/api-bench.sh [--employees N] [--seconds S] [--warmup-seconds S] [--cache-entries N (0 = off)] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."

build=1
args=()
for a in "$@"; do
    if [[ "$a" == "--no-build" ]]; then build=0; else args+=("$a"); fi
done

classpath_file=api/target/bench.classpath
if [[ $build == 1 || ! -f $classpath_file ]]; then
    echo "building (Maven, offline, through the reactor so sibling modules come from this worktree, not ~/.m2)..."
    mvn -B -o -q -pl api -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi

exec java -Xmx2g -XX:+UseG1GC -Dlog4j.configurationFile=log4j2-test.xml \
    -cp "api/target/test-classes:api/target/classes:$(cat $classpath_file)" \
    io.kpipulse.api.bench.DashboardBench "${args[@]}"
