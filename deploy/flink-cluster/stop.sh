#!/usr/bin/env bash
# Stops the standalone Flink cluster that start.sh started: every TaskManager, then the JobManager (SIGTERM,
# SIGKILL after 30 s). Running jobs are not stopped first: stop them with a savepoint before (README, "Flink
# cluster"), or they resume from their last retained checkpoint only if resubmitted with it.
#   KPI_FLINK_STATE_DIR   as for start.sh (default var/flink-cluster)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="${KPI_FLINK_STATE_DIR:-$here/../../var/flink-cluster}"
run="$state/run"
[[ -d "$run" ]] || { echo "no Flink cluster state in $state"; exit 0; }
stop_one() {
  local pidfile=$1 pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
  fi
  rm -f "$pidfile"
}
shopt -s nullglob
for f in "$run"/taskmanager-*.pid; do stop_one "$f"; done
[[ -f "$run/jobmanager.pid" ]] && stop_one "$run/jobmanager.pid"
exit 0
