#!/usr/bin/env bash
# Calls the tenant API with a signed request, as a partner server would.
# Usage: TENANT_KEY=... TENANT_SECRET=... examples/tenant-call.sh PATH_AND_QUERY JSON_BODY
#   examples/tenant-call.sh /sessions-rest/associatedBusiness/loginTenant '{"associatedId":"partner-42"}'
#   examples/tenant-call.sh '/user-rest/action/changeMobileByTenant?associatedId=partner-42' '{"mobile":"13900139000"}'
# Prints the answer; exits 1 when the envelope's code is not 200, 2 when something is missing.
set -euo pipefail
for variable in TENANT_KEY TENANT_SECRET; do
  if [ -z "${!variable:-}" ]; then
    echo "tenant-call.sh: set $variable (the tenant's key and secret, as given at its creation)" >&2
    exit 2
  fi
done
if [ $# -lt 1 ]; then
  echo "usage: examples/tenant-call.sh PATH_AND_QUERY [JSON_BODY]" >&2
  exit 2
fi
base=${USERCENTER_URL:-http://localhost:8080}
target=$1
body=${2:-}
path=${target%%\?*}
query=""
[[ "$target" == *\?* ]] && query=${target#*\?}
timestamp=$(date +%s%3N)                       # epoch milliseconds
nonce=$(openssl rand -hex 16)                  # 8-64 of [A-Za-z0-9_-], never reused
body_sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hex | awk '{print $NF}')
signature=$(printf 'POST\n%s\n%s\n%s\n%s\n%s' "$path" "$query" "$timestamp" "$nonce" "$body_sha256" \
  | openssl dgst -sha256 -hmac "$TENANT_SECRET" -hex | awk '{print $NF}')
answer=$(curl -sS "$base$target" \
  -H 'Content-Type: application/json' \
  -H "X-Tenant-Key: $TENANT_KEY" \
  -H "X-Timestamp: $timestamp" \
  -H "X-Nonce: $nonce" \
  -H "X-Signature: $signature" \
  --data-binary "$body")
echo "$answer"
case "$answer" in
  '{"code":200,'*) ;;
  *) exit 1 ;;
esac
