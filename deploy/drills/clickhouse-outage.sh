#!/usr/bin/env bash
# Fault drill: clickhouse-outage (see drill.sh). Usage: deploy/drills/clickhouse-outage.sh [--no-build]
exec "$(dirname "$0")/drill.sh" clickhouse-outage "$@"
