#!/usr/bin/env bash
# Runs a bench driver of the jobs module's test code (package io.kpipulse.bench) on this worktree's reactor build,
# in a JVM with a fixed heap (so a pass's collections do not depend on how far the heap had grown). The *-bench.sh
# scripts that need no ports or other processes are this plus their own defaults.
#
#   deploy/bench/jobs-main.sh <main class> <default heap> [--heap H] [--no-build] [arguments of the class...]
set -euo pipefail
cd "$(dirname "$0")/../.."

main_class=$1
heap=$2
shift 2
build=1
args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) build=0 ;;
        --heap) heap=$2; shift ;;
        *) args+=("$1") ;;
    esac
    shift
done

classpath_file=jobs/target/bench.classpath
if [[ $build == 1 || ! -f $classpath_file ]]; then
    echo "building (Maven, offline, through the reactor so sibling modules come from this worktree, not ~/.m2)..."
    mvn -B -o -q -pl jobs -am test-compile dependency:build-classpath -Dexec.skip=true \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi

exec java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC \
    --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -Dlog4j.configurationFile=log4j2-test.xml \
    -cp "jobs/target/test-classes:jobs/target/classes:$(cat $classpath_file)" \
    "$main_class" "${args[@]}"
