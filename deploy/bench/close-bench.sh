#!/usr/bin/env bash
# Period-close benchmark: freeze time for N employees × 40 month-to-date indicators (default 100,000 × 40,
# target ≤ 10 s) and the verification halves that do not depend on the engine (re-hash, capture + compare),
# over values seeded directly into a local ClickHouse. Ephemeral ports only; appends to deploy/bench/RESULTS.md.
#
#   deploy/bench/close-bench.sh [--employees N] [--no-build]
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

exec java -Xmx6g -XX:+UseG1GC -Dlog4j.configurationFile=log4j2-test.xml \
    -cp "api/target/test-classes:api/target/classes:$(cat $classpath_file)" \
    io.kpipulse.api.bench.CloseBench "${args[@]}"
