#!/usr/bin/env bash
# Fault drill: kill-job (see drill.sh). Usage: deploy/drills/kill-job.sh [--no-build]
exec "$(dirname "$0")/drill.sh" kill-job "$@"
