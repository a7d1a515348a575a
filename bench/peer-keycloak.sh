#!/usr/bin/env bash
# Keycloak alone, measured the way bench/run.sh measures it beside User Center: fetches
# org.keycloak:keycloak-quarkus-dist from Maven Central once, runs it on JDK 21+ against the same
# PostgreSQL (database keycloak_bench), and drives its password grant, client-credentials grant,
# refresh and userinfo with wrk. bench/run.sh runs the same step unless --quick or --no-peer.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: run bench/run.sh once, or apt-get install wrk" >&2; exit 1; }
if [ -z "${BENCH_JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export BENCH_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
exec python3 bench/bench.py peer "$@"
