#!/usr/bin/env bash
# Event produced → dashboard tile changed: starts the whole local stack (LocalStack, the program deploy/run.sh
# starts, from this worktree's reactor build: nothing is installed into ~/.m2; fresh state in a
# temporary directory, its fixed ports 8080/8123/9092 must be free), waits until the simulator has streamed
# its 30 days, then drives headless Chromium signed in as the demo executive while single PolicyIssued
# events are sent through Kafka; appends p50/p90/p99 to deploy/bench/RESULTS.md and stops the stack.
#
#   deploy/bench/tile-bench.sh [--samples N] [--no-build (reuse the last reactor build and its classpath files)]
set -euo pipefail
cd "$(dirname "$0")/../.."

samples=20
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --samples) samples="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "tile-bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  echo "installing chromium and chromium-driver (apt)…"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver
fi

classpath_file=api/target/bench.classpath
stack_classpath_file=deploy/stack/target/bench.classpath
# One reactor build for the stack and the bench driver: sibling modules come from their target/classes, so
# nothing is installed (deploy/run.sh's `mvn install` would overwrite the shared ~/.m2 snapshots).
if [[ $build == 1 || ! -f $classpath_file || ! -f $stack_classpath_file ]]; then
  echo "building the stack and the bench driver (Maven, offline, through the reactor)…"
  mvn -B -o -q -pl api,deploy/stack -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi

state=$(mktemp -d /tmp/kpi-tile-bench.XXXXXX)
log="$state/stack.log"
echo "starting the stack (state $state, log $log)…"
# The java command of deploy/run.sh, on the reactor's classes.
KPI_STACK_STATE_DIR="$state" setsid java -Xmx1g -XX:+UseG1GC -Dsun.net.httpserver.nodelay=true \
    -Dlog4j2.configurationFile=deploy/stack/src/main/resources/log4j2-stack.xml \
    -cp "deploy/stack/target/classes:$(cat $stack_classpath_file)" io.kpipulse.stack.LocalStack >"$log" 2>&1 &
stack=$!
stop_stack() { kill -- -"$stack" 2>/dev/null || true; wait "$stack" 2>/dev/null || true; }
trap stop_stack EXIT

deadline=$((SECONDS + 900))
until grep -q "KPI Pulse is up" "$log"; do
  kill -0 "$stack" 2>/dev/null || { echo "the stack stopped; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  (( SECONDS < deadline )) || { echo "the stack did not start within 15 minutes; see $log" >&2; exit 1; }
  sleep 2
done
# Events dated now must not share partitions with the backfill still streaming: they would move its watermark.
# The simulator writes its ground truth before it streams and prints "produced N records" when it is done.
until grep -q "^produced [0-9,]* records to" "$log"; do
  (( SECONDS < deadline )) || { echo "the simulator did not finish within 15 minutes; see $log" >&2; exit 1; }
  sleep 2
done
password=$(awk '$1 == "t-acme-life" && $2 == "executive" { print $3; exit }' "$log")
[[ -n "$password" ]] || { echo "no executive sign-in in the stack's sheet; see $log" >&2; exit 1; }

java -Xmx512m -cp "api/target/test-classes:api/target/classes:$(cat $classpath_file)" \
    io.kpipulse.api.bench.TileLatencyBench --password "$password" --samples "$samples"
