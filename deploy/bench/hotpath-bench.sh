#!/usr/bin/env bash
# The engine's own per-event work, without Kafka, ClickHouse or a MiniCluster: io.kpipulse.bench.HotPathBench (jobs
# test code) runs the engine-bench --quick month (2 tenants x 300 employees, March 2026, encoded as on Kafka) through
# (a) decode, (b) + admission, (c) + joins, local pre-aggregation and indicator windows up to the rows, each in Flink's
# operator harnesses (what an operator emits handed on uncopied) on one thread, and prints per stage the median CPU µs/event (wall beside it) and bytes allocated/event over the
# measured passes (each on fresh state), with every stage as a multiple of (a). Every pass of (c) must emit rows that
# hash like the first pass's; the hash is printed to compare across commits. No ports, no other process.
# --jfr FILE records the last stage's measured passes (JFR "profile" settings) and prints their hot frames and allocation.
#
#   deploy/bench/hotpath-bench.sh [--warmups 3] [--passes 7] [--stages abc] [--rate 60000] [--employees 300]
#                                 [--jfr FILE] [--heap 4g] [--no-build]
exec "$(dirname "$0")/jobs-main.sh" io.kpipulse.bench.HotPathBench 4g "$@"
