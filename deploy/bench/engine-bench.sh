#!/usr/bin/env bash
# Engine benchmark: ceiling (consume + decode), the Flink SQL baseline over the same events, engine throughput
# at parallelism 1 and 2 (with state size and heap), freshness at 1,000 and 5,000 events/s. Starts its own
# broker and ClickHouse on ephemeral ports; appends to deploy/bench/RESULTS.md.
#
#   deploy/bench/engine-bench.sh [--quick] [--events N] [--employees N] [--freshness-seconds S] [--no-build]
#                                [--no-baseline] [--jfr] [--engine-heap 1g] [--scaling] [--parallelisms 1,2] [--flink-cluster]
#
# --quick: 2 x 300 employees and 15 s per freshness rate, for iterations. Default: 2 x 2,000 employees
# (~300k events), 30 s per rate. --jfr: records the p1 engine JVM with JFR and summarises its hot frames (the
# recording is kept as jobs/target/engine-p1.jfr). --engine-heap: the local engine JVM's -Xmx (default 1g).
# --scaling: only the engine at p1 over 1k, 10k and 100k employees (events/s, state size, heap).
# --flink-cluster: each engine run on a standalone Flink session cluster (deploy/flink-cluster/start.sh, a
# JobManager and a TaskManager JVM) from the application jar (jobs/target/kpi-jobs-*-flink-job.jar, built here),
# submitted over the REST API; heap is then the TaskManager's. The cluster gets its own state directory and ports
# (KPI_FLINK_REST_PORT, default 18081; KPI_FLINK_RPC_PORT, default 16123) and is stopped when the bench ends.
# Its TaskManager has 2 slots: parallelisms above 2 need KPI_FLINK_SLOTS. The Flink SQL baseline and the
# consume ceiling still run in local JVMs.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=1
cluster=0
args=()
for a in "$@"; do
    case "$a" in
        --no-build) build=0 ;;
        --flink-cluster) cluster=1 ;;
        *) args+=("$a") ;;
    esac
done

classpath_file=jobs/target/bench.classpath
if [[ $build == 1 || ! -f $classpath_file ]]; then
    echo "building (Maven, offline, through the reactor so sibling modules come from this worktree, not ~/.m2)..."
    # test-compile and build-classpath in one reactor run: sibling modules resolve to their target/classes.
    if [[ $cluster == 1 ]]; then
        # package also builds the application jar the cluster runs (-DskipTests still compiles the tests).
        mvn -B -o -q -pl jobs -am package dependency:build-classpath -DskipTests \
            -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
    else
        mvn -B -o -q -pl jobs -am test-compile dependency:build-classpath \
            -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
    fi
fi

run=(exec)
if [[ $cluster == 1 ]]; then
    job_jar="$(ls jobs/target/kpi-jobs-*-flink-job.jar 2>/dev/null | head -n 1)"
    [[ -n "$job_jar" ]] || { echo "engine-bench.sh: no application jar in jobs/target (run without --no-build)" >&2; exit 2; }
    export KPI_FLINK_STATE_DIR="${KPI_FLINK_STATE_DIR:-$PWD/var/bench-flink-cluster}"
    export KPI_FLINK_REST_PORT="${KPI_FLINK_REST_PORT:-18081}" KPI_FLINK_RPC_PORT="${KPI_FLINK_RPC_PORT:-16123}"
    # A fresh configuration each time: ports and slots come from the environment above.
    KPI_FLINK_REWRITE_CONFIG=1 deploy/flink-cluster/start.sh
    trap 'deploy/flink-cluster/stop.sh' EXIT
    tm_pid="$(cat "$(ls "$KPI_FLINK_STATE_DIR"/run/taskmanager-*.pid | head -n 1)")"
    args+=(--flink-rest-url "http://127.0.0.1:$KPI_FLINK_REST_PORT" --flink-job-jar "$PWD/$job_jar"
        --flink-taskmanager-pid "$tm_pid")
    run=() # not exec: the trap stops the cluster after the bench
fi

"${run[@]}" java -Xmx2g -XX:+UseG1GC \
    --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -Dlog4j.configurationFile=log4j2-test.xml \
    -cp "jobs/target/test-classes:jobs/target/classes:$(cat $classpath_file)" \
    io.kpipulse.bench.EngineBench "${args[@]}"
