#!/usr/bin/env bash
# Runs every test of KPI Pulse against real components: a KRaft Kafka broker, the ClickHouse
# engine (chDB, fetched by the build through npm into ~/.cache/kpi-pulse) behind ClickHouse's
# HTTP interface, Flink MiniClusters and a real HTTP server. Needs Java 17, Maven and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in java mvn npm; do
  command -v "$tool" >/dev/null || { echo "test.sh: '$tool' is required but not on PATH" >&2; exit 2; }
done

mvn -B -ntp verify "$@"

# Coverage across modules (JaCoCo, every module's tests); for reading, not a gate.
report=deploy/coverage/target/site/jacoco-aggregate
if [[ -f "$report/jacoco.csv" ]]; then
  echo "Coverage report: $report/index.html"
  printf "%-22s %8s %9s\n" module lines branches
  # The aggregate names each group "<report name>/<artifactId>".
  awk -F, 'NR > 1 { m = $1; sub(/.*\//, "", m); lm[m] += $8; lc[m] += $9; bm[m] += $6; bc[m] += $7 }
    END { for (m in lm) printf "%-22s %7.1f%% %8.1f%%\n", m, 100 * lc[m] / (lm[m] + lc[m]),
                               (bm[m] + bc[m]) ? 100 * bc[m] / (bm[m] + bc[m]) : 0 }' "$report/jacoco.csv" | sort
fi
