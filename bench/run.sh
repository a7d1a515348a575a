#!/usr/bin/env bash
# The benchmark's one command: installs what it needs (wrk, pgbench, psql) when missing, builds the jar,
# then bench.py starts the service on a fresh database, seeds, drives load, measures the ceilings and
# Keycloak, and writes bench/results/latest.{md,json}. See bench/README.md.
#   bench/run.sh --quick          # under three minutes: 10,000 users, 5 s a scenario after 3 s of warm-up
#   bench/run.sh                  # 100,000 users, 20 s a scenario, Keycloak beside it
#   bench/run.sh --million        # 1,000,000 users (the admin search target is stated at this size)
#   bench/run.sh --import         # issue 26: a 1,000,000-line import file sent, then first sign-ins (bench/import.py)
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v pgbench >/dev/null || missing+=(postgresql-client)
command -v unzip >/dev/null || missing+=(unzip)
command -v curl >/dev/null || missing+=(curl)
# the import file's bcrypt hashes: Python's bcrypt, else htpasswd
python3 -c 'import bcrypt' 2>/dev/null || command -v htpasswd >/dev/null || missing+=(apache2-utils)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2; exit 1; }

# Production runs on JDK 25 (the Docker image): so does the benchmark, when it is installed.
if [ -z "${BENCH_JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export BENCH_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -ntp -DskipTests package
fi
if [ "${1:-}" = "--import" ]; then
  shift
  exec python3 bench/import.py run "$@"
fi
exec python3 bench/bench.py run "$@"
