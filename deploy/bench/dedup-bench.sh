#!/usr/bin/env bash
# De-duplication memory of the engine's admission at a production rate: io.kpipulse.bench.DedupMemoryBench (jobs
# test code) drives EventAdmission in Flink's keyed operator harness on the hashmap state backend with distinct
# events at --rate per second of event time (default 5,000, i.e. 18 million ids an hour) and prints, at each
# --marks minute of event time (default 1,5,15,30,60), the checkpoint's bytes, the heap after a full GC, keyed state
# entries and event-time timers. No ports, no other process. Ids are remembered for the horizon (allowed lateness +
# dedup margin, 1 h 1 min by default): a mark beyond it shows whether the state stops growing.
#
#   deploy/bench/dedup-bench.sh [--rate N] [--employees N] [--marks 1,5,15,30,60] [--heap 12g] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."

build=1
heap=12g
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
    mvn -B -o -q -pl jobs -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi

exec java -Xmx"$heap" -XX:+UseG1GC \
    --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -Dlog4j.configurationFile=log4j2-test.xml \
    -cp "jobs/target/test-classes:jobs/target/classes:$(cat $classpath_file)" \
    io.kpipulse.bench.DedupMemoryBench "${args[@]}"
