#!/usr/bin/env bash
# Runs one fault drill (io.kpipulse.drills.FaultDrill, jobs test code): broker, ClickHouse server and the engine
# each in a child JVM on ephemeral ports, one simulated month streamed at ~2,000 records/s, the fault half-way,
# then the reconciliation against the simulator's ground truth (values lost 0, double counted 0, dead-lettered =
# injected bad), printed and appended to deploy/bench/RESULTS.md. Exit status 0 = the drill passed.
#
#   deploy/drills/drill.sh kill-job|clickhouse-outage|broker-restart|bad-records [--no-build]
# or one of the wrappers: kill-job.sh, clickhouse-outage.sh, broker-restart.sh, bad-records.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

drill=${1:?usage: drill.sh kill-job|clickhouse-outage|broker-restart|bad-records [--no-build]}
classpath_file=jobs/target/bench.classpath
if [[ "${2:-}" != "--no-build" || ! -f $classpath_file ]]; then
    echo "building (Maven, offline, through the reactor so sibling modules come from this worktree, not ~/.m2)..."
    mvn -B -o -q -pl jobs -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi

exec java -Xmx2g -XX:+UseG1GC -Dkpi.drill.command="deploy/drills/$drill.sh${2:+ $2}" \
    --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -Dlog4j.configurationFile=log4j2-test.xml \
    -cp "jobs/target/test-classes:jobs/target/classes:$(cat $classpath_file)" \
    io.kpipulse.drills.FaultDrill "$drill"
