#!/usr/bin/env bash
# Runs every test of KPI Pulse against real components: a KRaft Kafka broker, the ClickHouse
# engine (chDB, fetched by the build through npm into ~/.cache/kpi-pulse) behind ClickHouse's
# HTTP interface, Flink MiniClusters and a real HTTP server. Needs Java 17, Maven and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in java mvn npm; do
  command -v "$tool" >/dev/null || { echo "test.sh: '$tool' is required but not on PATH" >&2; exit 2; }
done

exec mvn -B -ntp verify "$@"
