#!/usr/bin/env bash
# Starts a standalone Flink session cluster on this machine — a JobManager and a TaskManager, each its own JVM —
# from Flink's runtime artefacts on Maven Central (no flink-dist download: deploy/flink-cluster/pom.xml lists the
# jars a distribution's lib/ would hold). What bin/start-cluster.sh does, without the tarball:
#   deploy/flink-cluster/start.sh                 JobManager, then one TaskManager; waits until the REST API answers
#                                                 and the TaskManager has registered
#   deploy/flink-cluster/start.sh jobmanager      only the JobManager
#   deploy/flink-cluster/start.sh taskmanager     one more TaskManager (e.g. to replace one that died)
# Settings (environment):
#   KPI_FLINK_STATE_DIR   config.yaml, logs, pid files, checkpoints, savepoints (default var/flink-cluster)
#   KPI_FLINK_REST_PORT   REST API and web UI (default 8081)    KPI_FLINK_RPC_PORT  JobManager RPC (default 6123)
#   KPI_FLINK_SLOTS       task slots per TaskManager (default 2)
#   KPI_FLINK_JM_MEMORY / KPI_FLINK_TM_MEMORY   process sizes (default 800m / 1280m)
# The config.yaml is written on the first start and kept after that (edit it to change anything else);
# KPI_FLINK_REWRITE_CONFIG=1 writes it anew. Stop with deploy/flink-cluster/stop.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
what="${1:-all}"
case "$what" in all | jobmanager | taskmanager) ;; *) echo "usage: $0 [all|jobmanager|taskmanager]" >&2; exit 2 ;; esac

state="${KPI_FLINK_STATE_DIR:-$root/var/flink-cluster}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
conf="$state/conf"
rest_port="${KPI_FLINK_REST_PORT:-8081}"
rpc_port="${KPI_FLINK_RPC_PORT:-6123}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

cp_file="$here/target/flink-cluster.classpath"
if [[ ! -s "$cp_file" ]]; then
  echo "resolving the Flink runtime class path (first start only)…"
  mvn -B -q -ntp -f "$here/pom.xml" generate-resources
fi
classpath="$(cat "$cp_file")"

mkdir -p "$conf" "$state/log" "$state/run" "$state/tmp" "$state/plugins" "$state/checkpoints" "$state/savepoints"
if [[ ! -f "$conf/config.yaml" || -n "${KPI_FLINK_REWRITE_CONFIG:-}" ]]; then
  # Flink 2.x reads conf/config.yaml (standard YAML; flink-conf.yaml is gone). Everything binds to loopback.
  cat >"$conf/config.yaml" <<EOF
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: ${KPI_FLINK_JM_MEMORY:-800m}
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
# Random RPC and data ports: a replacement TaskManager may start while the dead one's ports are still taken.
taskmanager.rpc.port: 0
taskmanager.data.port: 0
taskmanager.numberOfTaskSlots: ${KPI_FLINK_SLOTS:-2}
taskmanager.memory.process.size: ${KPI_FLINK_TM_MEMORY:-1280m}
# The engine keeps its state on the heap (hashmap backend): little managed memory is needed.
taskmanager.memory.managed.size: 64m
taskmanager.memory.network.min: 64m
taskmanager.memory.network.max: 64m
parallelism.default: 2
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $rest_port
web.upload.dir: $state/uploads
io.tmp.dirs: $state/tmp
blob.server.port: 0
state.backend.type: hashmap
execution.checkpointing.dir: file://$state/checkpoints
execution.checkpointing.savepoint-dir: file://$state/savepoints
# A job that loses its TaskManager restarts from its last checkpoint as soon as slots are back.
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 2147483647
restart-strategy.fixed-delay.delay: 2 s
# A killed TaskManager is declared dead after 10 s (defaults: 50 s), so recovery does not wait a minute.
heartbeat.interval: 2000
heartbeat.timeout: 10000
EOF
  cat >"$conf/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.append = true
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
EOF
fi

# The module opens Flink's own bin/config.sh passes on Java 17 (env.java.default-opts.all of a distribution).
opens=(--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

# JVM heap/direct/metaspace flags and the derived memory settings, computed by Flink itself from config.yaml,
# exactly as bin/jobmanager.sh and bin/taskmanager.sh do. Prints two lines: JVM options, then -D settings.
resource_params() {
  local out
  out="$("$java_bin" -cp "$classpath" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$conf" 2>&1)" || {
    echo "$out" >&2; exit 1; }
  grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' | tail -n 2
}

rest_up() { curl -sf "http://127.0.0.1:$rest_port/overview" >/dev/null 2>&1; }

# Starts one daemon JVM: $1 name (pid file and log), $2 resource command, $3 main class, then its arguments.
start_daemon() {
  local name=$1 cmd=$2 main=$3; shift 3
  local params jvm dyn
  params="$(resource_params "$cmd")"
  jvm="$(head -n 1 <<<"$params")"
  dyn="$(tail -n 1 <<<"$params")"
  local log="$state/log/$name.log"
  # The previous run's log moves aside, so a readiness check never reads an earlier process's lines.
  [[ -f "$log" ]] && mv "$log" "$log.previous"
  # shellcheck disable=SC2086 # the computed JVM options and -D settings are word lists
  FLINK_CONF_DIR="$conf" FLINK_PLUGINS_DIR="$state/plugins" nohup "$java_bin" $jvm "${opens[@]}" \
    -Dlog.file="$log" -Dlog4j.configurationFile="file:$conf/log4j.properties" \
    -cp "$classpath" "$main" "$@" $dyn >"$state/log/$name.out" 2>&1 </dev/null &
  echo $! >"$state/run/$name.pid"
  echo "$name pid $! (log $log)"
}

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

await() { # $1 what, $2 seconds, $3 pid file, then the condition command
  local what=$1 seconds=$2 pidfile=$3; shift 3
  for ((i = 0; i < seconds * 2; i++)); do
    if "$@"; then return 0; fi
    if ! alive "$pidfile"; then echo "$what exited; see $state/log" >&2; tail -n 30 "$state/log/"*.out >&2 || true; exit 1; fi
    sleep 0.5
  done
  echo "$what not ready after ${seconds}s; see $state/log" >&2
  exit 1
}

if [[ "$what" == all || "$what" == jobmanager ]]; then
  if alive "$state/run/jobmanager.pid"; then
    echo "jobmanager already running (pid $(cat "$state/run/jobmanager.pid"))"
  else
    start_daemon jobmanager GET_JM_RESOURCE_PARAMS org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
      --configDir "$conf" --executionMode cluster
    await "JobManager REST API on port $rest_port" 120 "$state/run/jobmanager.pid" rest_up
  fi
fi

live_taskmanager() {
  local f
  for f in "$state/run"/taskmanager-*.pid; do alive "$f" && return 0; done
  return 1
}

if [[ "$what" == all ]] && live_taskmanager; then
  echo "a taskmanager is already running (start.sh taskmanager adds one)"
elif [[ "$what" == all || "$what" == taskmanager ]]; then
  rest_up || { echo "no JobManager answers on port $rest_port; start it first" >&2; exit 1; }
  n=1
  # A new number for each TaskManager started (stop.sh removes the pid files), so a replacement has a log of its own.
  while [[ -f "$state/run/taskmanager-$n.pid" ]]; do n=$((n + 1)); done
  start_daemon "taskmanager-$n" GET_TM_RESOURCE_PARAMS org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$conf"
  # Its own log says so (a count of TaskManagers would be fooled by a dead one the JobManager still lists).
  registered() { grep -q "Successful registration at resource manager" "$state/log/taskmanager-$n.log" 2>/dev/null; }
  await "TaskManager registration" 120 "$state/run/taskmanager-$n.pid" registered
fi
echo "Flink session cluster: http://127.0.0.1:$rest_port (state $state)"
