#!/usr/bin/env bash
# Calls the tenant API with a signed request, as a partner server would.
# Usage: TENANT_KEY=... TENANT_SECRET=... examples/tenant-call.sh PATH_AND_QUERY JSON_BODY
#   examples/tenant-call.sh /sessions-rest/associatedBusiness/loginTenant '{"associatedId":"partner-42"}'
#   examples/tenant-call.sh '/user-rest/action/changeMobileByTenant?associatedId=partner-42' '{"mobile":"13800138000"}'
set -euo pipefail
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
curl -sS "$base$target" \
  -H 'Content-Type: application/json' \
  -H "X-Tenant-Key: $TENANT_KEY" \
  -H "X-Timestamp: $timestamp" \
  -H "X-Nonce: $nonce" \
  -H "X-Signature: $signature" \
  --data-binary "$body"
echo
