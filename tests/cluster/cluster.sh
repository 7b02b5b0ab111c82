#!/usr/bin/env bash
# A local OpenSearch test cluster for newsidx (issue 22): N nodes as separate
# JVMs on 127.0.0.1, each with its own HTTP and transport port, seeded with
# each other, 512 MB of heap each, data under a temporary folder.
#
#   tests/cluster/cluster.sh start [N] [DIR]   start N nodes (default 3), wait
#                                              for green (yellow for N = 1),
#                                              print the first node's HTTP address
#   tests/cluster/cluster.sh stop [DIR]        stop the nodes started in DIR
#   tests/cluster/cluster.sh build             compile the launcher only
#
# DIR (default $NEWSIDX_CLUSTER_DIR, else a new temporary folder for start and
# ${TMPDIR:-/tmp}/newsidx-cluster for stop) holds node-K/{data,logs,pid,http,
# transport} and `address`. With NEWSIDX_CLUSTER_PARENT=PID set, the nodes
# exit by themselves once that process is gone (the tests set it).
# NEWSIDX_CLUSTER_HEAP sets each node's heap (default 512m; benches/cluster.py
# --heap).
# Needs java (17) and mvn; the first build downloads OpenSearch's jars into
# Maven's local repository (~/.m2), later builds reuse them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cmd="${1:-}"
shift || true

die() { echo "cluster.sh: $*" >&2; exit 1; }
heap="${NEWSIDX_CLUSTER_HEAP:-512m}"

build() {
  command -v java >/dev/null || die "java is missing (apt-get install openjdk-17-jdk-headless)"
  command -v mvn >/dev/null || die "mvn is missing (apt-get install maven)"
  local jar="$here/target/newsidx-test-cluster-1.jar" cp="$here/target/classpath.txt"
  if [[ -f "$jar" && -f "$cp" && "$jar" -nt "$here/pom.xml" \
        && "$jar" -nt "$here/src/main/java/newsidx/cluster/ClusterNode.java" ]]; then
    return
  fi
  # Offline first (everything cached), online when something is missing.
  # A lock keeps two test processes from building at once.
  (
    flock 9
    mvn -q -B -o -f "$here/pom.xml" package >/dev/null 2>&1 \
      || mvn -q -B -f "$here/pom.xml" package >&2 \
      || die "the launcher did not build (mvn package in $here)"
  ) 9>"$here/.build.lock"
}

# A port nobody listens on now, from a random start in 20000..59999.
free_port() {
  local port
  while :; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

health() {
  # Prints the cluster status (green/yellow/red) or nothing.
  local body
  body=$(curl -s --max-time 5 "http://127.0.0.1:$1/_cluster/health" 2>/dev/null) || return 0
  sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<<"$body"
}

start() {
  local n="${1:-3}" dir="${2:-${NEWSIDX_CLUSTER_DIR:-}}"
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "start N: N must be a positive number, got '$n'"
  command -v curl >/dev/null || die "curl is missing (apt-get install curl)"
  build
  if [[ -z "$dir" ]]; then dir="$(mktemp -d "${TMPDIR:-/tmp}/newsidx-cluster.XXXXXX")"; fi
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  local classpath
  classpath="$here/target/newsidx-test-cluster-1.jar:$(cat "$here/target/classpath.txt")"
  local attempt
  for attempt in 1 2 3; do
    local http=() transport=() seeds="" masters="" i
    for ((i = 0; i < n; i++)); do
      http+=("$(free_port)")
      transport+=("$(free_port)")
      seeds+="${seeds:+,}127.0.0.1:${transport[$i]}"
      masters+="${masters:+,}node-$i"
    done
    for ((i = 0; i < n; i++)); do
      local node="$dir/node-$i"
      mkdir -p "$node/data" "$node/logs" "$node/home"
      echo "${http[$i]}" >"$node/http"
      echo "${transport[$i]}" >"$node/transport"
      local discovery=("discovery.seed_hosts=$seeds" "cluster.initial_cluster_manager_nodes=$masters")
      if ((n == 1)); then discovery=("discovery.type=single-node"); fi
      local parent=()
      if [[ -n "${NEWSIDX_CLUSTER_PARENT:-}" ]]; then parent=("--parent-pid=$NEWSIDX_CLUSTER_PARENT"); fi
      # setsid: the node is not in the caller's process group, so a Ctrl-C
      # meant for a test does not kill a node that another test still uses.
      setsid java -Xms"$heap" -Xmx"$heap" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -Dlog4j2.disable.jmx=true -Dopensearch.set.netty.runtime.available.processors=false \
        -cp "$classpath" newsidx.cluster.ClusterNode "${parent[@]}" \
        "cluster.name=newsidx-test" "node.name=node-$i" \
        "path.home=$node/home" "path.data=$node/data" "path.logs=$node/logs" \
        "network.host=127.0.0.1" "http.port=${http[$i]}" "transport.port=${transport[$i]}" \
        "${discovery[@]}" \
        "cluster.routing.allocation.disk.threshold_enabled=false" \
        "node.processors=1" "thread_pool.write.queue_size=50" \
        </dev/null >"$node/logs/stdout.log" 2>&1 &
      echo $! >"$node/pid"
    done
    echo "http://127.0.0.1:${http[0]}" >"$dir/address"
    local want="green" status="" waited=0 dead=""
    if ((n == 1)); then want="yellow"; fi
    while :; do
      status="$(health "${http[0]}")"
      if [[ "$status" == green || ( "$want" == yellow && "$status" == yellow ) ]]; then
        break
      fi
      dead=""
      for ((i = 0; i < n; i++)); do
        kill -0 "$(cat "$dir/node-$i/pid")" 2>/dev/null || dead="node-$i"
      done
      if [[ -n "$dead" || $waited -ge 300 ]]; then break; fi
      sleep 1
      waited=$((waited + 1))
    done
    if [[ "$status" == green || ( "$want" == yellow && "$status" == yellow ) ]]; then
      # The first node answers; wait until all N have joined.
      local nodes=0
      while ((waited < 300)); do
        nodes=$(curl -s --max-time 5 "http://127.0.0.1:${http[0]}/_cluster/health" \
          | sed -n 's/.*"number_of_nodes":\([0-9]*\).*/\1/p')
        [[ "$nodes" == "$n" ]] && break
        sleep 1
        waited=$((waited + 1))
      done
      if [[ "$nodes" == "$n" ]]; then
        cat "$dir/address"
        return 0
      fi
    fi
    echo "cluster.sh: attempt $attempt: cluster in $dir not $want after ${waited}s (status '${status:-no answer}'${dead:+, $dead exited}); last log lines:" >&2
    for ((i = 0; i < n; i++)); do
      tail -n 5 "$dir/node-$i/logs/stdout.log" >&2 || true
    done
    stop "$dir" >/dev/null 2>&1 || true
    # A port taken between the check and the bind: try fresh ports.
    if [[ -z "$dead" ]]; then break; fi
  done
  die "the cluster did not start (logs in $dir/node-*/logs)"
}

stop() {
  local dir="${1:-${NEWSIDX_CLUSTER_DIR:-${TMPDIR:-/tmp}/newsidx-cluster}}"
  local pidfile pid stopped=0
  for pidfile in "$dir"/node-*/pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    if kill "$pid" 2>/dev/null; then
      # Wait for the JVM to close the node, then make sure it is gone.
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
      stopped=$((stopped + 1))
    fi
    rm -f "$pidfile"
  done
  echo "stopped $stopped node(s) in $dir"
}

case "$cmd" in
  start) start "$@" ;;
  stop) stop "$@" ;;
  build) build ;;
  *) die "usage: cluster.sh start [N] [DIR] | stop [DIR] | build" ;;
esac
