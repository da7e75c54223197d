#!/usr/bin/env bash
# Starts the whole KPI Pulse stack locally with demo data: Kafka, ClickHouse, the Flink engine, the API
# and the simulator. State lives under var/kpi-pulse (override with KPI_STACK_STATE_DIR).
#   deploy/run.sh            build if needed, then start (resumes the previous state)
#   deploy/run.sh --reset    wipe the state first
set -euo pipefail
cd "$(dirname "$0")/.."

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

exec java -Xmx1g -XX:+UseG1GC -Dsun.net.httpserver.nodelay=true \
  -Dlog4j2.configurationFile=deploy/stack/src/main/resources/log4j2-stack.xml \
  -cp "deploy/stack/target/classes:$(cat "$cp_file")" io.kpipulse.stack.LocalStack "$@"
