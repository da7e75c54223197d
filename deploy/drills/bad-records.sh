#!/usr/bin/env bash
# Fault drill: bad-records (see drill.sh). Usage: deploy/drills/bad-records.sh [--no-build]
exec "$(dirname "$0")/drill.sh" bad-records "$@"
