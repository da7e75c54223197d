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
if [[ ! -f deploy/stack/target/classes/io/kpipulse/stack/LocalStack.class || ! -f "$cp_file" || -n "${KPI_REBUILD:-}" ]]; then
  echo "building KPI Pulse (first run takes a few minutes)…"
  mvn -B -q -ntp install -DskipTests
  mvn -B -q -ntp -pl deploy/stack dependency:build-classpath -Dmdep.outputFile=target/stack.classpath
fi

exec java -Xmx1g -XX:+UseG1GC -Dsun.net.httpserver.nodelay=true \
  -Dlog4j2.configurationFile=deploy/stack/src/main/resources/log4j2-stack.xml \
  -cp "deploy/stack/target/classes:$(cat "$cp_file")" io.kpipulse.stack.LocalStack "$@"
