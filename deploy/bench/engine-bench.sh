#!/usr/bin/env bash
# Engine benchmark: ceiling (consume + decode), the Flink SQL baseline over the same events, engine throughput
# at parallelism 1 and 2 (with state size and heap), freshness at 1,000 and 5,000 events/s. Starts its own
# broker and ClickHouse on ephemeral ports; appends to deploy/bench/RESULTS.md.
#
#   deploy/bench/engine-bench.sh [--quick] [--events N] [--employees N] [--freshness-seconds S] [--no-build]
#                                [--no-baseline] [--jfr] [--scaling] [--parallelisms 1,2]
#
# --quick: 2 x 300 employees and 15 s per freshness rate, for iterations. Default: 2 x 2,000 employees
# (~300k events), 30 s per rate. --jfr: records the p1 engine JVM with JFR and summarises its hot frames.
# --scaling: only the engine at p1 over 1k, 10k and 100k employees (events/s, state size, heap).
set -euo pipefail
cd "$(dirname "$0")/../.."

build=1
args=()
for a in "$@"; do
    if [[ "$a" == "--no-build" ]]; then build=0; else args+=("$a"); fi
done

classpath_file=jobs/target/bench.classpath
if [[ $build == 1 || ! -f $classpath_file ]]; then
    echo "building (Maven, offline, through the reactor so sibling modules come from this worktree, not ~/.m2)..."
    # test-compile and build-classpath in one reactor run: sibling modules resolve to their target/classes.
    mvn -B -o -q -pl jobs -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi

exec java -Xmx2g -XX:+UseG1GC \
    --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -Dlog4j.configurationFile=log4j2-test.xml \
    -cp "jobs/target/test-classes:jobs/target/classes:$(cat $classpath_file)" \
    io.kpipulse.bench.EngineBench "${args[@]}"
