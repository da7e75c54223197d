#!/usr/bin/env bash
# Scoring benchmark: 10,000 employees × 40 indicators, one scorecard, March month-to-date values seeded into a
# local ClickHouse. Prints the time to score them in memory and on read (ScoreBook, values through the
# reader) and the API latency of a department's score table. Ephemeral ports only. About 2-4 minutes.
#
#   deploy/bench/scoring-bench.sh [--employees N] [--requests N] [--no-build]
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
    io.kpipulse.api.bench.ScoringBench "${args[@]}"
