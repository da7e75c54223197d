#!/usr/bin/env bash
# Fault drill: broker-restart (see drill.sh). Usage: deploy/drills/broker-restart.sh [--no-build]
exec "$(dirname "$0")/drill.sh" broker-restart "$@"
