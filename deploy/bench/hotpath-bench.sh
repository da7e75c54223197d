#!/usr/bin/env bash
# The engine's own per-event work, without Kafka, ClickHouse or a MiniCluster: io.kpipulse.bench.HotPathBench (jobs
# test code) runs the engine-bench --quick month (2 tenants x 300 employees, March 2026, encoded as on Kafka) through
# (a) decode, (b) + admission, (c) + joins, local pre-aggregation and indicator windows up to the rows, each in Flink's
# operator harnesses on one thread, and prints per stage the median CPU µs/event (wall beside it) and bytes allocated/event over the
# measured passes (each on fresh state), with every stage as a multiple of (a). Every pass of (c) must emit rows that
# hash like the first pass's; the hash is printed to compare across commits. No ports, no other process.
# --jfr FILE records stage (c)'s measured passes (JFR "profile" settings) and prints their hot frames and allocation.
#
#   deploy/bench/hotpath-bench.sh [--warmups 3] [--passes 7] [--stages abc] [--rate 60000] [--employees 300]
#                                 [--jfr FILE] [--heap 4g] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."

build=1
heap=4g
args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) build=0 ;;
        --heap) heap=$2; shift ;;
        *) args+=("$1") ;;
    esac
    shift
done

classpath_file=jobs/target/bench.classpath
if [[ $build == 1 || ! -f $classpath_file ]]; then
    echo "building (Maven, offline, through the reactor so sibling modules come from this worktree, not ~/.m2)..."
    mvn -B -o -q -pl jobs -am test-compile dependency:build-classpath -Dexec.skip=true \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi

# A fixed heap, so a pass's collections do not depend on how far the heap had grown.
exec java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC \
    --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -Dlog4j.configurationFile=log4j2-test.xml \
    -cp "jobs/target/test-classes:jobs/target/classes:$(cat $classpath_file)" \
    io.kpipulse.bench.HotPathBench "${args[@]}"
