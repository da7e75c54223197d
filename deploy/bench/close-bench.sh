#!/usr/bin/env bash
# Period-close benchmark: freeze time for N employees × 40 month-to-date indicators (default 100,000 × 40,
# target ≤ 10 s) and the verification halves that do not depend on the engine (re-hash, capture + compare),
# over values seeded directly into a local ClickHouse. Ephemeral ports only; appends to deploy/bench/RESULTS.md.
#
#   deploy/bench/close-bench.sh [--employees N] [--no-build] [--jfr FILE]
#
# --jfr FILE records the run with Java Flight Recorder (profile settings) into FILE.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=1
args=()
# The command as typed, for RESULTS.md (the flags above the JVM's are not passed on).
jvm=("-Dkpi.bench.command=deploy/bench/close-bench.sh $*")
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) build=0 ;;
        --jfr) jvm+=("-XX:StartFlightRecording=filename=$2,settings=profile"); shift ;;
        *) args+=("$1") ;;
    esac
    shift
done

classpath_file=api/target/bench.classpath
if [[ $build == 1 || ! -f $classpath_file ]]; then
    echo "building (Maven, offline, through the reactor so sibling modules come from this worktree, not ~/.m2)..."
    mvn -B -o -q -pl api -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi

exec java -Xmx6g -XX:+UseG1GC ${jvm[@]+"${jvm[@]}"} -Dlog4j.configurationFile=log4j2-test.xml \
    -cp "api/target/test-classes:api/target/classes:$(cat $classpath_file)" \
    io.kpipulse.api.bench.CloseBench ${args[@]+"${args[@]}"}
