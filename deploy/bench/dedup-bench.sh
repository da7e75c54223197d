#!/usr/bin/env bash
# De-duplication memory of the engine's admission at a production rate: io.kpipulse.bench.DedupMemoryBench (jobs
# test code) drives EventAdmission in Flink's keyed operator harness on the hashmap state backend with distinct
# events at --rate per second of event time (default 5,000, i.e. 18 million ids an hour) and prints, at each
# --marks minute of event time (default 1,5,15,30,60), the checkpoint's bytes, the heap after a full GC, keyed state
# entries and event-time timers. No ports, no other process. Ids are remembered for the horizon (allowed lateness +
# dedup margin, 1 h 1 min by default): a mark beyond it shows whether the state stops growing.
#
#   deploy/bench/dedup-bench.sh [--rate N] [--employees N] [--marks 1,5,15,30,60] [--heap 12g] [--no-build]
exec "$(dirname "$0")/jobs-main.sh" io.kpipulse.bench.DedupMemoryBench 12g "$@"
