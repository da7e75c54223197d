#!/usr/bin/env bash
# Starts the whole KPI Pulse stack locally with demo data: Kafka, ClickHouse, the Flink engine, the API
# and the simulator. State lives under var/kpi-pulse (override with KPI_STACK_STATE_DIR).
#   deploy/run.sh            build if needed, then start (resumes the previous state)
#   deploy/run.sh --reset    wipe the state first
#   deploy/run.sh --flink-cluster   run the engine on a standalone Flink session cluster (deploy/flink-cluster:
#                            a JobManager and a TaskManager in their own JVMs, REST on KPI_FLINK_REST_PORT,
#                            default 8081), submitted as the application jar, instead of a MiniCluster in the
#                            stack's JVM; the cluster is stopped with the stack
set -euo pipefail
cd "$(dirname "$0")/.."

flink_cluster=""
stack_args=()
for arg in "$@"; do
  case "$arg" in
    --flink-cluster) flink_cluster=1 ;;
    *) stack_args+=("$arg") ;;
  esac
done

for tool in java mvn npm; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is required but not on PATH" >&2; exit 2; }
done

cp_file=deploy/stack/target/stack.classpath
# The stack runs the modules' installed jars: rebuild whenever a source, resource or pom changed since the
# last build, so an updated checkout never runs yesterday's code.
changed_since_build() {
  [[ ! -f "$cp_file" ]] || [[ -n "$(find . -path ./var -prune -o -path '*/target' -prune -o -path '*/node_modules' -prune \
      -o \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$cp_file" -print -quit)" ]]
}
if [[ ! -f deploy/stack/target/classes/io/kpipulse/stack/LocalStack.class || -n "${KPI_REBUILD:-}" ]] || changed_since_build; then
  echo "building KPI Pulse (first run takes a few minutes)…"
  mvn -B -q -ntp install -DskipTests
  mvn -B -q -ntp -pl deploy/stack dependency:build-classpath -Dmdep.outputFile=target/stack.classpath
  touch "$cp_file"
fi

java_stack=(java -Xmx1g -XX:+UseG1GC -Dsun.net.httpserver.nodelay=true
  -Dlog4j2.configurationFile=deploy/stack/src/main/resources/log4j2-stack.xml
  -cp "deploy/stack/target/classes:$(cat "$cp_file")")
if [[ -z "$flink_cluster" ]]; then
  exec "${java_stack[@]}" io.kpipulse.stack.LocalStack "${stack_args[@]}"
fi

job_jar="$(ls jobs/target/kpi-jobs-*-flink-job.jar 2>/dev/null | head -n 1)"
[[ -n "$job_jar" ]] || { echo "run.sh: no application jar in jobs/target; rebuild with KPI_REBUILD=1" >&2; exit 2; }
deploy/flink-cluster/start.sh
# The stack cancels its job when it stops (Ctrl-C); then the cluster goes too.
trap 'deploy/flink-cluster/stop.sh' EXIT
"${java_stack[@]}" -Dkpi.stack.flink-rest-url="http://127.0.0.1:${KPI_FLINK_REST_PORT:-8081}" \
  -Dkpi.stack.flink-job-jar="$PWD/$job_jar" io.kpipulse.stack.LocalStack "${stack_args[@]}"
